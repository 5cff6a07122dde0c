"""The record of a published edition (`editions/<id>/edition.yaml`) and the archive of them.

A record freezes what a reader saw: title, date, the Index071 score, and per card its slug,
title, category, summary, leader and partners, plus the SHA-256 of the printed PDF beside it.
Records are read with the same safe YAML reader and Dutch messages as cards.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from pydantic import Field, StringConstraints

from macros.files import is_hidden
from macros.model import (
    Category,
    Edition,
    Leader,
    PlainText,
    Slug,
    Strict,
)
from macros.problems import Problem
from macros.source import SourceProblem, YamlDocument, read_data
from macros.validation import validate

if TYPE_CHECKING:
    from macros.model import Card, Index071
    from macros.publication import Publication

ARCHIVE_DIR = "editions"
RECORD_NAME = "edition.yaml"
RECORD_PDF = "projectoverzicht.pdf"
EDITION_ID = r"^\d{4}-(0[1-9]|1[0-2])$"
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


def edition_id(date: dt.date) -> str:
    """The id (and folder and web address) of the edition of `date`: 2023-06."""
    return f"{date.year:04d}-{date.month:02d}"


class RecordCard(Strict):
    """One card as it stood in a published edition."""

    slug: Slug
    formerly: list[Slug] = Field(
        default_factory=list, description="Eerdere namen (slugs) van deze kaart."
    )
    title: PlainText
    category: Category
    summary: PlainText
    leader: Leader | None = None
    partners: list[PlainText] = Field(default_factory=list)


class RecordIndex(Strict):
    """The Index071 score as the edition printed it."""

    edition: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{4}$")]
    score: Annotated[int, Field(gt=0)]


class RecordPdf(Strict):
    """The frozen printed edition beside the record."""

    sha256: Sha256 = Field(description="SHA-256 van projectoverzicht.pdf in deze map.")
    size: Annotated[int, Field(gt=0)] = Field(description="Grootte van de pdf in bytes.")


class EditionSnapshot(Strict):
    """What two editions are compared on; the current edition is one too, without a PDF."""

    id: Annotated[str, StringConstraints(pattern=EDITION_ID)]
    title: PlainText
    date: dt.date
    publisher: PlainText = "Economie071"
    index071: RecordIndex
    cards: list[RecordCard] = Field(default_factory=list)

    def by_category(self) -> list[tuple[Category, list[RecordCard]]]:
        groups = [(c, [card for card in self.cards if card.category is c]) for c in Category]
        return [(category, cards) for category, cards in groups if cards]


class EditionRecord(EditionSnapshot):
    """editions/<id>/edition.yaml: a published edition, never rewritten."""

    pdf: RecordPdf


def record_card(card: Card) -> RecordCard:
    return RecordCard(
        slug=card.slug,
        formerly=list(card.formerly),
        title=card.title,
        category=card.category,
        summary=card.summary,
        leader=card.leader,
        partners=list(card.partners),
    )


def snapshot_parts(edition: Edition, index: Index071, cards: tuple[Card, ...]) -> EditionSnapshot:
    latest = index.latest
    return EditionSnapshot(
        id=edition_id(edition.date),
        title=edition.title,
        date=edition.date,
        publisher=edition.publisher,
        index071=RecordIndex(edition=latest.edition, score=latest.score),
        cards=[record_card(c) for c in cards],
    )


def snapshot_of(publication: Publication) -> EditionSnapshot:
    """The current edition of a Publication, in the shape of a record."""
    return snapshot_parts(publication.edition, publication.index, publication.cards)


@dataclass(frozen=True)
class Archive:
    """Every published edition of a project, oldest first, with where each lives on disk."""

    records: tuple[EditionRecord, ...] = ()
    folder: Path | None = None

    def pdf_path(self, record: EditionRecord) -> Path:
        assert self.folder is not None
        return self.folder / record.id / RECORD_PDF

    def newest_first(self) -> list[EditionRecord]:
        return list(reversed(self.records))

    def get(self, id_: str) -> EditionRecord | None:
        return next((r for r in self.records if r.id == id_), None)

    def before(self, date: dt.date) -> EditionRecord | None:
        """The last edition published before `date`: what the edition of `date` is compared to."""
        earlier = [r for r in self.records if r.date < date]
        return earlier[-1] if earlier else None

    def previous(self, record: EditionRecord) -> EditionRecord | None:
        return self.before(record.date)

    def published(self, edition: Edition) -> EditionRecord | None:
        """The record of the current edition, when it has been published."""
        return self.get(edition_id(edition.date))

    @cached_property
    def _card_positions(self) -> list[dict[str, tuple[int, RecordCard]]]:
        """Per record, each card's slug → its position and the card (the first, if listed
        twice): `history` runs for every card page, so it looks names up instead of scanning."""
        positions: list[dict[str, tuple[int, RecordCard]]] = []
        for record in self.records:
            cards: dict[str, tuple[int, RecordCard]] = {}
            for position, card in enumerate(record.cards):
                cards.setdefault(card.slug, (position, card))
            positions.append(cards)
        return positions

    def history(self, slug: str, formerly: list[str]) -> list[tuple[EditionRecord, RecordCard]]:
        """The card in each edition it was in, following its former slugs back in time."""
        names = {slug, *formerly}
        found = []
        positions = reversed(self._card_positions)
        for record, cards in zip(reversed(self.records), positions, strict=True):
            hits = [cards[name] for name in names if name in cards]
            if hits:
                card = min(hits, key=lambda hit: hit[0])[1]  # the first in the record, as listed
                found.append((record, card))
                names.update(card.formerly)
        return list(reversed(found))


def load_archive(root: Path, current: Edition | None = None) -> tuple[Archive, list[Problem]]:
    """Read and check every record under editions/; problems carry file and line."""
    folder = root / ARCHIVE_DIR
    problems: list[Problem] = []
    if not folder.is_dir():
        return Archive(folder=folder), problems
    records: list[tuple[EditionRecord, YamlDocument]] = []
    for path in sorted(folder.iterdir()):
        if is_hidden(path.name):
            continue
        rel = f"{ARCHIVE_DIR}/{path.name}"
        if not path.is_dir() or path.is_symlink() or not re.fullmatch(EDITION_ID, path.name):
            problems.append(
                Problem(
                    rel,
                    None,
                    None,
                    "in editions/ staan alleen mappen van gepubliceerde edities, genoemd naar "
                    "jaar en maand (zoals 2023-06); maak ze met: kaarten edition publish",
                )
            )
            continue
        loaded = _load_record(path, f"{rel}/{RECORD_NAME}", problems)
        if loaded is not None:
            records.append(loaded)
    records.sort(key=lambda pair: pair[0].date)
    problems.extend(_check_archive(records, current))
    return Archive(records=tuple(r for r, _ in records), folder=folder), problems


def _load_record(
    path: Path, rel: str, problems: list[Problem]
) -> tuple[EditionRecord, YamlDocument] | None:
    file = path / RECORD_NAME
    if not file.is_file() or file.is_symlink():
        problems.append(Problem(rel, None, None, "het verslag van deze editie ontbreekt"))
        return None
    try:
        document = read_data(file.read_bytes(), rel)
    except SourceProblem as error:
        problems.append(error.problem)
        return None
    record, found = validate(EditionRecord, document, rel)
    problems.extend(found)
    if record is None:
        return None
    found = _check_record(record, document, path, rel)
    problems.extend(found)
    return None if found else (record, document)


def _check_record(
    record: EditionRecord, document: YamlDocument, path: Path, rel: str
) -> list[Problem]:
    problems: list[Problem] = []
    if record.id != path.name:
        problems.append(
            Problem(
                rel,
                document.line_of(("id",)),
                "id",
                f"'{record.id}' hoort bij een andere map; deze editie staat in {path.name}/",
            )
        )
    if record.id != edition_id(record.date):
        problems.append(
            Problem(
                rel,
                document.line_of(("date",)),
                "date",
                f"de datum {record.date.isoformat()} valt niet in editie {record.id}",
            )
        )
    seen: dict[str, int] = {}
    for index, card in enumerate(record.cards):
        for name in (card.slug, *card.formerly):
            if name in seen:
                problems.append(
                    Problem(
                        rel,
                        document.line_of(("cards", index, "slug")),
                        f"cards[{index + 1}].slug",
                        f"'{name}' staat ook bij kaart {seen[name]}; elke kaart staat er één keer",
                    )
                )
            else:
                seen[name] = index + 1
    pdf = path / RECORD_PDF
    if not pdf.is_file() or pdf.is_symlink():
        problems.append(
            Problem(
                f"{path.parent.name}/{path.name}/{RECORD_PDF}",
                None,
                None,
                "de gedrukte editie ontbreekt; zet de gepubliceerde pdf terug uit git",
            )
        )
        return problems
    data = pdf.read_bytes()
    if hashlib.sha256(data).hexdigest() != record.pdf.sha256 or len(data) != record.pdf.size:
        problems.append(
            Problem(
                rel,
                document.line_of(("pdf", "sha256")),
                "pdf.sha256",
                f"{RECORD_PDF} is niet meer de gepubliceerde pdf (de bytes wijken af); "
                "een gepubliceerde editie verandert nooit: zet de pdf terug uit git",
            )
        )
    return problems


def _check_archive(
    records: list[tuple[EditionRecord, YamlDocument]], current: Edition | None
) -> list[Problem]:
    problems: list[Problem] = []
    titles: dict[str, str] = {}
    for record, document in records:
        rel = f"{ARCHIVE_DIR}/{record.id}/{RECORD_NAME}"
        key = record.title.casefold()
        if key in titles:
            problems.append(
                Problem(
                    rel,
                    document.line_of(("title",)),
                    "title",
                    f"'{record.title}' is al gepubliceerd als editie {titles[key]}; "
                    "een editie staat er maar één keer",
                )
            )
        titles.setdefault(key, record.id)
        if current is not None and record.date > current.date:
            problems.append(
                Problem(
                    rel,
                    document.line_of(("date",)),
                    "date",
                    f"deze editie ({record.date.isoformat()}) is later dan de huidige editie in "
                    f"data/edition.yaml ({current.date.isoformat()}); dat kan niet",
                )
            )
    return problems
