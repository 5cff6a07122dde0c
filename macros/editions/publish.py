"""`kaarten edition publish` and `start`: freeze the current edition, begin the next one.

Publishing validates everything, renders the PDF once, and writes the record and the PDF into a
hidden folder that is renamed into place only when both are complete: a failed run leaves
nothing behind, and an edition that is already published is never touched again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path

import yaml

from macros.editions.records import (
    ARCHIVE_DIR,
    RECORD_NAME,
    RECORD_PDF,
    EditionRecord,
    RecordPdf,
    edition_id,
    snapshot_of,
)
from macros.loader import DATA_DIR, load_publication
from macros.problems import visible
from macros.source import SourceProblem, read_data

EDITION_FILE = f"{DATA_DIR}/edition.yaml"
HEADER = (
    "# Gepubliceerde editie, geschreven door 'kaarten edition publish'. Niet bewerken:\n"
    "# een gepubliceerde editie verandert nooit. Zie REDACTIEGIDS.md, 'Edities'.\n"
)


class EditionError(Exception):
    """A refusal, worded for the editor, in Dutch."""


def record_text(record: EditionRecord) -> str:
    """The record as YAML, fields in model order, readable in a pull request."""
    data = record.model_dump(mode="json", exclude_defaults=False)
    data["date"] = record.date  # a YAML date, not a quoted string
    for card in data["cards"]:
        for key in ("formerly", "partners"):
            if not card[key]:
                del card[key]
        if card["leader"] is None:
            del card["leader"]
        elif card["leader"].get("organisation") is None:
            del card["leader"]["organisation"]
    return HEADER + yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False
    )


def publish(root: Path) -> EditionRecord:
    """Freeze the current edition into editions/<id>/. Raises ContentError or EditionError."""
    from macros.pdf import render_pdf
    from macros.printing import print_html

    publication = load_publication(root)
    edition = publication.edition
    id_ = edition_id(edition.date)
    target = root / ARCHIVE_DIR / id_
    if target.exists() or publication.archive.published(edition) is not None:
        raise EditionError(
            f"de editie '{edition.title}' ({id_}) is al gepubliceerd in "
            f"{ARCHIVE_DIR}/{id_}/ en wordt nooit overschreven; begin een nieuwe editie met: "
            'kaarten edition start "Titel" JJJJ-MM-DD'
        )
    data = render_pdf(print_html(root, publication))
    snapshot = snapshot_of(publication)
    record = EditionRecord(
        **dict(snapshot),
        pdf=RecordPdf(sha256=hashlib.sha256(data).hexdigest(), size=len(data)),
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{id_}.", dir=target.parent))
    try:
        (staging / RECORD_PDF).write_bytes(data)
        (staging / RECORD_NAME).write_text(record_text(record), encoding="utf-8")
        for path in (staging / RECORD_PDF, staging / RECORD_NAME):
            os.chmod(path, 0o644)
        os.chmod(staging, 0o755)
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return record


_TOP_KEY = re.compile(r"^(title|date)\s*:.*$", re.MULTILINE)


def start(root: Path, title: str, date: dt.date, *, unpublished: bool = False) -> None:
    """Set the next edition's title and date in data/edition.yaml and change nothing else."""
    publication = load_publication(root)
    current = publication.edition
    if publication.archive.published(current) is None and not unpublished:
        raise EditionError(
            f"de huidige editie '{current.title}' is nog niet gepubliceerd; publiceer die eerst "
            "met: kaarten edition publish (of sla haar bewust over met --niet-gepubliceerd)"
        )
    if date <= current.date:
        raise EditionError(
            f"de nieuwe editie moet na de huidige komen ({current.date.isoformat()}); "
            f"{date.isoformat()} is te vroeg"
        )
    if publication.archive.get(edition_id(date)) is not None:
        raise EditionError(f"er is al een editie {edition_id(date)} gepubliceerd")
    if not title.strip() or "<" in title or ">" in title or "\n" in title:
        raise EditionError("de titel moet één regel gewone tekst zijn, zonder < en >")
    path = root / EDITION_FILE
    text = path.read_text(encoding="utf-8")
    values = {"title": _yaml_scalar(title.strip()), "date": date.isoformat()}
    found: set[str] = set()

    def replace(match: re.Match[str]) -> str:
        found.add(match.group(1))
        return f"{match.group(1)}: {values[match.group(1)]}"

    updated = _TOP_KEY.sub(replace, text)
    if found != set(values):
        raise EditionError(
            f"{EDITION_FILE}: zet title en date elk op een eigen regel (zoals 'title: …')"
        )
    try:
        read_data(updated.encode("utf-8"), EDITION_FILE)
    except SourceProblem as error:  # pragma: no cover - the scalar is quoted by yaml itself
        raise EditionError(visible(str(error.problem))) from None
    from macros.pdf import write_atomic

    write_atomic(updated.encode("utf-8"), path)


def _yaml_scalar(text: str) -> str:
    return yaml.safe_dump(text, allow_unicode=True, width=10_000).removesuffix("\n...\n").strip()
