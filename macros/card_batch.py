"""Checking many cards: from the validation cache when unchanged, over the CPU cores when not.

The loader hands over the card files; each comes back as the same (card, problems) it would
have produced itself. A card's own checks (front matter, model, body limits, body HTML) depend
only on its bytes, so their outcome is cached per card; the checks between cards (partners,
titles, events) always run, on the cards as loaded. `validate_project` adds the whole-project
level for `kaarten validate`.
"""

from __future__ import annotations

import json
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from macros import validation_cache
from macros.files import read_source
from macros.problems import ContentError, Problem
from macros.source import SourceProblem

# Below this many unchecked cards, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 200
CARD_KIND = "card-v3"
# Every folder validation reads (the loader's CARDS_DIR, DATA_DIR, DOCS_DIR and the editions'
# ARCHIVE_DIR), written out so the warm path imports nothing heavy; a test keeps them equal.
PROJECT_FOLDERS = ("cards", "data", "docs", "editions")
PROJECT_KIND = "project-v2"


class CardLines:
    """The line of each entry of a card's lists that the checks between cards point at."""

    LISTS = ("partners", "formerly")

    def __init__(self, lines: dict[str, list[int | None]]) -> None:
        self.lines = lines

    def line_of(self, loc: tuple[str | int, ...]) -> int | None:
        found = self.lines.get(str(loc[0]), []) if len(loc) == 2 else []
        index = loc[1] if len(loc) == 2 else None
        if isinstance(index, int) and 0 <= index < len(found):
            return found[index]
        return None


def _problem_rows(problems: list[Problem]) -> list[list[Any]]:
    return [[p.file, p.line, p.field, p.message] for p in problems]


def _problems(rows: list[list[Any]]) -> list[Problem]:
    return [Problem(*row) for row in rows]


def check_card(path: Path, rel: str, render: bool) -> dict[str, Any]:
    """One card's own checks, as a JSON-ready entry (also the work a worker process does)."""
    from macros.loader import load_card
    from macros.model import CardFields

    problems: list[Problem] = []
    loaded = load_card(path, rel, problems, render)
    entry: dict[str, Any] = {"problems": _problem_rows(problems), "card": None}
    if loaded is not None:
        card, document = loaded
        entry["card"] = {
            "fields": card.model_dump(mode="json", include=set(CardFields.model_fields)),
            "body": card.body,
            "body_line": card.body_line,
            "rendered": _rendered_json(card.body),
            "lines": {
                name: [document.line_of((name, i)) for i in range(len(getattr(card, name)))]
                for name in CardLines.LISTS
            },
        }
    return entry


def _rendered_json(body: str) -> list[list[Any]] | None:
    # What the link check needs from the body's render, so it need not render it again.
    from macros.card_links import remembered

    rendered = remembered(body)
    return rendered.to_json() if rendered else None


def _check_many(jobs: list[tuple[Path, str, bool, str | None]]) -> list[dict[str, Any]]:
    """Check cards and store their entries in the cache, in the worker that made them."""
    entries = [check_card(path, rel, render) for path, rel, render, _key in jobs]
    validation_cache.put_many(
        CARD_KIND,
        [(key, entry) for (_p, _r, _b, key), entry in zip(jobs, entries, strict=True) if key],
    )
    return entries


def _card_from(entry: dict[str, Any], path: Path, rel: str) -> tuple[Any, CardLines] | None:
    from macros.model import Card, CardFields

    data = entry["card"]
    fields = CardFields.model_validate_json(json.dumps(data["fields"]))
    if data.get("rendered") is not None:
        from macros.card_links import Rendered, remember

        remember(data["body"], Rendered.from_json(data["rendered"]))
    card = Card.model_construct(
        **dict(fields),
        slug=path.stem,
        source=rel,
        body=data["body"],
        body_line=data["body_line"],
    )
    return card, CardLines(data["lines"])


def _entry_key(path: Path, rel: str, render: bool) -> str | None:
    """The cache key of a card file, or None when it is no plain readable file within the
    cache's size limit (the card is then checked, and reported, the usual way)."""
    try:
        raw = read_source(path, rel, validation_cache.MAX_FILE_BYTES)
    except (SourceProblem, OSError):
        return None
    return validation_cache.key(CARD_KIND, rel, "render" if render else "limits", raw)


def _workers(misses: int) -> int:
    cores = os.cpu_count() or 1
    # Forking is only safe in a process with one thread (`mkdocs serve` runs several).
    if misses < PARALLEL_THRESHOLD or cores < 2 or threading.active_count() > 1:
        return 1
    return min(cores, 8)


def load_cards(
    files: list[tuple[Path, str]], problems: list[Problem], render: bool
) -> list[tuple[Any, Any]]:
    """The usable cards of `files` in order; every problem found is appended to `problems`."""
    keys = [_entry_key(path, rel, render) for path, rel in files]
    entries: list[dict[str, Any] | None] = [
        validation_cache.get(CARD_KIND, k) if k else None for k in keys
    ]
    todo = [i for i, entry in enumerate(entries) if entry is None]
    jobs = [(files[i][0], files[i][1], render, keys[i]) for i in todo]
    workers = _workers(len(jobs))
    if workers > 1:
        size = max(1, len(jobs) // (workers * 4))
        chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = [entry for chunk in pool.map(_check_many, chunks) for entry in chunk]
    else:
        results = _check_many(jobs)
    for index, entry in zip(todo, results, strict=True):
        entries[index] = entry
    cards = []
    for (path, rel), cached in zip(files, entries, strict=True):
        assert cached is not None
        entry = cached
        card = None
        if entry["card"] is not None:
            try:
                card = _card_from(entry, path, rel)
            except Exception:  # an entry that no longer fits the model: check the card again
                entry = check_card(path, rel, render)
                card = _card_from(entry, path, rel) if entry["card"] is not None else None
        problems.extend(_problems(entry["problems"]))
        if card is not None:
            cards.append(card)
    return cards


def validate_project(root: Path) -> tuple[int, int, list[Problem]]:
    """`kaarten validate`: cards, published editions and problems; cached when nothing changed."""
    from macros.files import source_problems

    # Links, special files and odd names in the source folders (files.SOURCE_FOLDERS) are found
    # by a scan that reads no file: never cached. A docs_dir or custom_dir that mkdocs.yml puts
    # elsewhere is scanned by the build (site.build_paths).
    refused = source_problems(root)
    if refused:
        return 0, 0, ContentError(refused).problems
    project = validation_cache.project_key(root, PROJECT_FOLDERS)
    cached = validation_cache.get(PROJECT_KIND, project) if project else None
    if cached is not None:
        return cached["count"], cached["editions"], _problems(cached["problems"])
    from macros.loader import load_checked

    try:
        publication = load_checked(root)
        count, editions, problems = len(publication.cards), len(publication.archive.records), []
    except ContentError as error:
        count, editions, problems = 0, 0, error.problems
    if project:
        entry = {"count": count, "editions": editions, "problems": _problem_rows(problems)}
        validation_cache.put(PROJECT_KIND, project, entry)
    return count, editions, problems
