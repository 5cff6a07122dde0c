"""One loader for the site build and the CLI: read every card and data file, report all problems."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel

from macros.body_check import check_body
from macros.card_batch import load_cards
from macros.card_links import address_owner, card_problems
from macros.editions.records import ARCHIVE_DIR, load_archive
from macros.editions.renames import formerly_problems
from macros.files import hidden_card_problems, is_hidden, read_source, refuse_unsafe_sources
from macros.lookalike import lookalike_problems
from macros.model import (
    CARDS_CHAPTER,
    Card,
    CardFields,
    Edition,
    Events,
    Index071,
    Partners,
    Programme,
)
from macros.partner_limits import partner_limit_problems
from macros.placeholders import placeholder_problems
from macros.problems import ContentError, Problem, nearest
from macros.publication import Publication
from macros.source import SourceProblem, YamlDocument, read_card, read_data
from macros.text import SLUG_PATTERN, slug_of
from macros.validation import validate

CARDS_DIR = "cards"
DATA_DIR = "data"
DOCS_DIR = "docs"
DATA_FILES: dict[str, type[BaseModel]] = {
    "edition": Edition,
    "index071": Index071,
    "programme": Programme,
    "partners": Partners,
    "events": Events,
}
# Data files a project may leave out; the publication then uses the model's empty value.
OPTIONAL_DATA_FILES = {"events"}


def slugify(name: str) -> str:
    """The slug an editor most likely wants for a file name or title."""
    return slug_of(name) or "kaart"


def load_publication(root: Path | str, *, render_bodies: bool = True) -> Publication:
    """Read and validate the whole project at `root`; raise ContentError listing every problem.

    `render_bodies=False` is for the site build, which renders each body itself and checks that
    render (macros.body_check); the structural limits are checked either way.
    """
    root = Path(root)
    refuse_unsafe_sources(root)  # symlinks and special files: refused before anything is read
    return load_checked(root, render_bodies=render_bodies)


def load_checked(root: Path, *, render_bodies: bool = True) -> Publication:
    """load_publication for a caller that has just scanned `root` for links and special files
    itself (`refuse_unsafe_sources` or `files.source_problems`) and found none."""
    problems: list[Problem] = []
    data: dict[str, BaseModel] = {}
    documents: dict[str, YamlDocument] = {}
    for name, model in DATA_FILES.items():
        rel = f"{DATA_DIR}/{name}.yaml"
        path = root / rel
        if not path.is_file():
            if name not in OPTIONAL_DATA_FILES:
                problems.append(Problem(rel, None, None, "dit bestand ontbreekt"))
            continue
        try:
            document = read_data(read_source(path, rel), rel)
        except SourceProblem as error:
            problems.append(error.problem)
            continue
        value, found = validate(model, document, rel)
        problems.extend(found)
        if isinstance(value, Partners) and (limits := partner_limit_problems(value, document)):
            problems.extend(limits)  # too many names to match against the cards in good time
            continue
        if value is not None:
            data[name] = value
            documents[name] = document

    loaded = _load_cards(root, problems, render_bodies)
    cards = [card for card, _ in loaded]

    partners = data.get("partners")
    if isinstance(partners, Partners):
        problems.extend(_check_partners(loaded, partners))
        problems.extend(lookalike_problems(partners, documents["partners"], "data/partners.yaml"))
    edition = data.get("edition")
    if isinstance(edition, Edition):
        problems.extend(_check_chapters(edition, documents["edition"], root))
    problems.extend(_check_titles(cards))
    problems.extend(formerly_problems(loaded, lambda slug: address_owner(slug, root / DOCS_DIR)))
    archive, found = load_archive(root, edition if isinstance(edition, Edition) else None)
    problems.extend(found)
    partner_slugs = [p.slug for p in partners.partners] if isinstance(partners, Partners) else []
    problems.extend(card_problems(root, cards, partner_slugs))
    events = data.get("events")
    if isinstance(events, Events):
        problems.extend(check_events(events, documents["events"], cards, root))

    if problems:
        raise ContentError(problems)
    return Publication(
        edition=data["edition"],  # type: ignore[arg-type]
        index=data["index071"],  # type: ignore[arg-type]
        programme=data["programme"],  # type: ignore[arg-type]
        partners=data["partners"],  # type: ignore[arg-type]
        cards=tuple(sorted(cards, key=lambda c: c.sort_key)),
        events=events if isinstance(events, Events) else Events(),
        archive=archive,
    )


def card_files(root: Path) -> list[Path]:
    folder = root / CARDS_DIR
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if not is_hidden(p.name))


def _load_cards(
    root: Path, problems: list[Problem], render_bodies: bool = True
) -> list[tuple[Card, YamlDocument]]:
    cards: list[tuple[Card, YamlDocument]] = []
    if not (root / CARDS_DIR).is_dir():
        problems.append(Problem(f"{CARDS_DIR}/", None, None, "de map met kaarten ontbreekt"))
        return cards
    problems.extend(hidden_card_problems(root / CARDS_DIR, CARDS_DIR))
    files: list[tuple[Path, str]] = []
    for path in card_files(root):
        rel = f"{CARDS_DIR}/{path.name}"
        if path.is_dir() or path.suffix != ".md":
            problems.append(
                Problem(
                    rel,
                    None,
                    None,
                    "in cards/ horen alleen kaarten (bestanden die eindigen op .md); "
                    "verplaats of hernoem dit bestand",
                )
            )
            continue
        files.append((path, rel))
    # Each card's own checks come from the validation cache or run over the cores.
    return cards + load_cards(files, problems, render_bodies)


def load_card(
    path: Path, rel: str, problems: list[Problem], render_body: bool = True
) -> tuple[Card, YamlDocument] | None:
    """Read one card, appending its problems; None when it cannot be used."""
    slug = path.stem
    slug_ok = re.fullmatch(SLUG_PATTERN, slug) is not None
    if not slug_ok:
        problems.append(
            Problem(
                rel,
                None,
                None,
                "de bestandsnaam wordt het webadres van de kaart en mag alleen kleine letters, "
                f"cijfers en streepjes bevatten; noem het bestand '{slugify(slug)}.md'",
            )
        )
    try:
        source = read_card(read_source(path, rel), rel)
    except SourceProblem as error:
        problems.append(error.problem)
        return None
    fields, found = validate(CardFields, source.front_matter, rel)
    problems.extend(found)
    html_found = check_body(source.body, rel, source.body_line, render=render_body).problems
    problems.extend(html_found)
    problems.extend(placeholder_problems(source, rel))
    if fields is None or not slug_ok or html_found:
        return None
    card = Card.model_construct(
        **dict(fields),
        slug=slug,
        source=rel,
        body=source.body,
        body_line=source.body_line,
    )
    return card, source.front_matter


def _check_partners(cards: list[tuple[Card, YamlDocument]], partners: Partners) -> list[Problem]:
    problems = []
    names = partners.all_names()
    for card, document in cards:
        for index, name in enumerate(card.partners):
            if partners.find(name) is None:
                guess = nearest(name, names)
                hint = (
                    f"; bedoelde je '{guess}'?"
                    if guess
                    else (
                        "; voeg de organisatie toe aan data/partners.yaml of gebruik een naam die "
                        "daar staat"
                    )
                )
                problems.append(
                    Problem(
                        card.source,
                        document.line_of(("partners", index)),
                        f"partners[{index + 1}]",
                        f"'{name}' staat niet in data/partners.yaml{hint}",
                    )
                )
    return problems


def _check_chapters(edition: Edition, document: YamlDocument, root: Path) -> list[Problem]:
    problems = []
    for index, chapter in enumerate(edition.chapters):
        if chapter == CARDS_CHAPTER:
            continue
        if not (root / DOCS_DIR / f"{chapter}.md").is_file():
            problems.append(
                Problem(
                    "data/edition.yaml",
                    document.line_of(("chapters", index)),
                    f"chapters[{index + 1}]",
                    f"het hoofdstuk '{chapter}' bestaat niet: er is geen docs/{chapter}.md",
                )
            )
    return problems


def check_events(
    events: Events, document: YamlDocument, cards: list[Card], root: Path
) -> list[Problem]:
    """Every event points at a card or chapter that exists."""
    problems = []
    rel = f"{DATA_DIR}/events.yaml"
    slugs = {card.slug for card in cards}
    for index, event in enumerate(events.events):
        if event.card is not None and event.card not in slugs:
            guess = nearest(event.card, slugs)
            hint = f"; bedoelde je '{guess}'?" if guess else ""
            problems.append(
                Problem(
                    rel,
                    document.line_of(("events", index, "card")),
                    f"events[{index + 1}].card",
                    f"er is geen kaart cards/{event.card}.md{hint}",
                )
            )
        if event.page is not None and not (root / DOCS_DIR / f"{event.page}.md").is_file():
            problems.append(
                Problem(
                    rel,
                    document.line_of(("events", index, "page")),
                    f"events[{index + 1}].page",
                    f"het hoofdstuk '{event.page}' bestaat niet: er is geen docs/{event.page}.md",
                )
            )
    return problems


def _check_titles(cards: list[Card]) -> list[Problem]:
    problems = []
    first: dict[str, Card] = {}
    for card in sorted(cards, key=lambda c: c.source):
        key = card.title.casefold()
        if key in first:
            problems.append(
                Problem(
                    card.source,
                    None,
                    "title",
                    f"'{card.title}' is ook de titel van {first[key].source}; "
                    "geef elke kaart een eigen titel",
                )
            )
        else:
            first[key] = card
    return problems


_cache: dict[Path, tuple[tuple[object, ...], Publication]] = {}


def _fingerprint(root: Path) -> tuple[object, ...]:
    entries: list[object] = []
    for folder in (CARDS_DIR, DATA_DIR):
        base = root / folder
        if base.is_dir():
            for path in sorted(base.iterdir()):
                stat = path.stat()
                entries.append((path.name, stat.st_mtime_ns, stat.st_size))
        entries.append(folder)
    archive = root / ARCHIVE_DIR
    if archive.is_dir():
        for path in sorted(archive.glob("*/*")):
            stat = path.stat()
            entries.append((path.parent.name, path.name, stat.st_mtime_ns, stat.st_size))
    docs = root / DOCS_DIR
    if docs.is_dir():
        entries.extend(sorted(p.name for p in docs.glob("*.md")))
    return tuple(entries)


def load_publication_cached(root: Path | str) -> Publication:
    """load_publication for the site build, read once per change (the plugin and the macros).

    Bodies are not rendered here: the build renders each once and the plugin checks that render.
    """
    root = Path(root).resolve()
    refuse_unsafe_sources(root)  # every time: the fingerprint does not see docs/ or links
    fingerprint = _fingerprint(root)
    hit = _cache.get(root)
    if hit and hit[0] == fingerprint:
        return hit[1]
    publication = load_checked(root, render_bodies=False)
    _cache[root] = (fingerprint, publication)
    return publication
