"""Relative links and images in a card, and the card's own address, checked as MkDocs will.

A card becomes the page `projecten/<slug>.md`. MkDocs checks every relative link and image of
a page against the site's files and, under `--strict`, stops the build with an English warning
("contains a link …, but the target … is not found among documentation files"). Validation
resolves the same links the same way (MkDocs' `_RelativePathTreeprocessor`), so an editor hears
about it in Dutch, with the line, before the build: relative paths, not anchors (`#…`).
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from macros.files import is_hidden
from macros.html_policy import render_body
from macros.model import Card
from macros.problems import Problem

DOCS_DIR = "docs"

CARD_PAGES = "projecten"
# Files the build adds besides the card and partner pages (macros/site/partner_pages.py).
GENERATED_FILES = ("agenda.ics",)
# The overview of all cards lives at this address; a card cannot take it.
RESERVED_SLUGS = ("index",)


class _Links(HTMLParser):
    """Every `a href` and `img src` of rendered HTML, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"a": "href", "img": "src"}.get(tag)
        for name, value in attrs:
            if name == wanted and value is not None:
                self.links.append((tag, value))


def site_files(docs: Path, card_slugs: Iterable[str], partner_slugs: Iterable[str]) -> set[str]:
    """Every path a page of the site can link to, relative to docs/, as MkDocs knows them."""
    found: set[str] = set()
    if docs.is_dir():
        for folder, dirnames, filenames in os.walk(docs):  # no links: files.py refused them
            dirnames[:] = [name for name in dirnames if not is_hidden(name)]
            base = Path(folder).relative_to(docs).as_posix()
            for name in filenames:
                if not is_hidden(name):
                    found.add(posixpath.normpath(posixpath.join(base, name)))
    found.update(f"{CARD_PAGES}/{slug}.md" for slug in card_slugs)
    found.update(f"partners/{slug}.md" for slug in partner_slugs)
    found.update(GENERATED_FILES)
    return found


def link_problems(
    html: str, body: str, file: str, first_line: int, slug: str, targets: set[str]
) -> list[Problem]:
    """A problem for each relative link or image of a card that the build would not find."""
    parser = _Links()
    parser.feed(html)
    parser.close()
    lines = body.split("\n")
    problems: list[Problem] = []
    searched_from: dict[str, int] = {}
    page = f"{CARD_PAGES}/{slug}.md"
    for tag, url in parser.links:
        message = _problem(tag, url, page, targets)
        if message is None:
            continue
        index = _line_index(url, lines, searched_from.get(url, 0))
        searched_from[url] = index + 1
        problems.append(Problem(file, first_line + index, "tekst", message))
    return problems


def _line_index(url: str, lines: list[str], start: int) -> int:
    """The body line that shows `url`, from `start` on (so a repeated link gets its own line)."""
    written = [url, unquote(url)]
    needles = [
        *(f"]({u}" for u in written),
        *(f"]: {u}" for u in written),
        *(f"{quote}{u}{quote}" for u in written for quote in "\"'"),
        *(f"<{u}" for u in written),
        *written,
    ]
    for needle in needles:
        for index in range(start, len(lines)):
            if needle in lines[index]:
                return index
    return max(0, min(start, len(lines) - 1))


def _problem(tag: str, url: str, page: str, targets: set[str]) -> str | None:
    scheme, netloc, path, _query, _anchor = urlsplit(url)
    if scheme or netloc or url.startswith(("/", "\\")) or not path:
        return None  # other sites (html_policy checks those), absolute paths, anchors
    path = unquote(path)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path).lstrip("/"))
    if target in targets:
        return None
    what = "de afbeelding" if tag == "img" else "de link"
    shown = url if len(url) <= 60 else url[:59] + "…"
    guess = _guess(target, path, targets)
    hint = f"; bedoelde je '{_relative(guess, page)}'?" if guess else ""
    if target.startswith("../") or target == "..":
        return (
            f"{what} '{shown}' wijst buiten de site. Verwijs naar een pagina of afbeelding in "
            "docs/, of naar een andere kaart met haar bestandsnaam, zoals 'andere-kaart.md'"
        )
    if not posixpath.splitext(path)[1]:
        return (
            f"{what} '{shown}' wijst naar een map of naar een pagina zonder '.md'. Een link "
            "binnen de site wijst naar het bestand, zoals '../programma.md' of "
            f"'andere-kaart.md'{hint}"
        )
    return (
        f"{what} '{shown}' wijst naar docs/{target}, maar dat bestand bestaat niet. Een kaart "
        "staat op de site in de map projecten/: een andere kaart is 'andere-kaart.md', een "
        f"hoofdstuk '../programma.md', een afbeelding in docs/assets '../assets/foto.jpg'{hint}"
    )


def _guess(target: str, path: str, targets: set[str]) -> str | None:
    stem = target[:-5] if target.endswith(".html") else target.rstrip("/")
    for candidate in (f"{stem}.md", f"{stem}/index.md"):
        if candidate in targets and candidate != target:
            return candidate
    return None


def _relative(target: str, page: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(page))


def slug_problem(slug: str, file: str, docs: Path) -> Problem | None:
    """A card whose page would take the address of a page in docs/projecten/."""
    if slug in RESERVED_SLUGS or (docs / CARD_PAGES / f"{slug}.md").exists():
        owner = f"docs/{CARD_PAGES}/{slug}.md"
        address = "" if slug == "index" else f"{slug}/"
        if slug == "index":
            owner += ", het overzicht van alle projecten"
        return Problem(
            file,
            None,
            None,
            f"de kaart zou het webadres /{CARD_PAGES}/{address} krijgen, maar dat is van "
            f"{owner}. Geef het bestand een andere naam",
        )
    return None


def card_problems(root: Path, cards: Iterable[Card], partner_slugs: Iterable[str]) -> list[Problem]:
    """What would stop the build at a card's page: its address, its relative links."""
    docs = root / DOCS_DIR
    cards = list(cards)
    targets = site_files(docs, (card.slug for card in cards), partner_slugs)
    problems: list[Problem] = []
    for card in cards:
        taken = slug_problem(card.slug, card.source, docs)
        if taken:
            problems.append(taken)
        if _MAY_LINK.search(card.body):
            html = render_body(card.body)
            problems += link_problems(
                html, card.body, card.source, card.body_line, card.slug, targets
            )
    return problems


# Rendering costs more than the rest of validation, so only a body that may hold a relative
# link or image is rendered: an inline link, a reference definition or an HTML attribute whose
# value does not start with a scheme, "#" or "/". Over-matching only costs time.
_MAY_LINK = re.compile(
    r"(?:\]\(\s*<?|^[ ]{0,3}\[[^\]]*\]:\s*<?|(?:href|src)\s*=\s*[\"']?)"
    r"(?![a-z][a-z0-9+.-]*:|[#/\s<\"'])",
    re.IGNORECASE | re.MULTILINE,
)
