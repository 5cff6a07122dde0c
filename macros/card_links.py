"""Relative links and images in a card, and the card's own address, checked as MkDocs will.

A card becomes the page `projecten/<slug>.md`. MkDocs checks every relative link and image of
a page against the site's files and, under `--strict`, stops the build with an English warning
("contains a link …, but the target … is not found among documentation files"). Validation
resolves the same links the same way (MkDocs' `_RelativePathTreeprocessor`), and checks links to
an anchor (`#kop`, `andere-kaart.md#kop`) against the ids MkDocs records for the target page, so
an editor hears about it in Dutch, with the line, before the build.
"""

from __future__ import annotations

import os
import posixpath
import re
import xml.etree.ElementTree as etree
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from macros.files import is_hidden, read_source
from macros.html_policy import LINK_ATTRIBUTES, MARKDOWN_EXTENSIONS
from macros.model import Card
from macros.problems import Problem, nearest
from macros.source import FENCE, SourceProblem, decode, split_card

DOCS_DIR = "docs"

CARD_PAGES = "projecten"
# Files the build adds besides the card and partner pages (macros/site/partner_pages.py).
GENERATED_FILES = ("agenda.ics",)
# The overview of all cards lives at this address; a card cannot take it.
RESERVED_SLUGS = ("index",)


@dataclass(frozen=True)
class Rendered:
    """What MkDocs' link check sees in a page's Markdown rendered as the site does."""

    ids: frozenset[str]  # the anchors MkDocs records for the page
    links: tuple[tuple[str, str], ...]  # (tag, URL) of Markdown links and images, not raw HTML
    html_links: tuple[tuple[str, str], ...]  # every `a href` and `img src` of the HTML, in order

    def to_json(self) -> list[list[Any]]:
        return [sorted(self.ids), [list(x) for x in self.links], [list(x) for x in self.html_links]]

    @classmethod
    def from_json(cls, value: list[list[Any]]) -> Rendered:
        ids, links, html_links = value
        return cls(
            frozenset(ids),
            tuple((str(t), str(u)) for t, u in links),
            tuple((str(t), str(u)) for t, u in html_links),
        )


# Card bodies whose render validation has already seen (its HTML check parses the render once
# for both checks), keyed on the body text the render depends on: the link check then does not
# render the body again. Bounded, for a long `mkdocs serve`.
_REMEMBERED: dict[str, Rendered] = {}
_REMEMBER_AT_MOST = 20_000


def remember(body: str, rendered: Rendered) -> None:
    if len(_REMEMBERED) >= _REMEMBER_AT_MOST:
        _REMEMBERED.clear()
    _REMEMBERED[body] = rendered


def remembered(body: str) -> Rendered | None:
    return _REMEMBERED.get(body)


class _Collector(Treeprocessor):
    """Ids and links from the Markdown tree, as MkDocs' `_ExtractAnchorsTreeprocessor` and
    `_RelativePathTreeprocessor` see them: raw HTML is not in the tree, so it does not count."""

    ids: set[str]
    links: list[tuple[str, str]]

    def run(self, root: etree.Element) -> None:
        self.ids, self.links = set(), []
        for element in root.iter():
            if anchor := element.get("id"):
                self.ids.add(anchor)
            if element.tag == "a" and (anchor := element.get("name")):
                self.ids.add(anchor)
            key = LINK_ATTRIBUTES.get(str(element.tag))
            if key and (url := element.get(key)) is not None:
                self.links.append((str(element.tag), url))


class _Collect(Extension):
    def __init__(self, collector: _Collector) -> None:
        super().__init__()
        self.collector = collector

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Priority 5, registered after toc's: the heading ids are there, as in MkDocs.
        md.treeprocessors.register(self.collector, "kaarten_links", 5)


@cache
def _renderer() -> tuple[markdown.Markdown, _Collector]:
    collector = _Collector()
    renderer = markdown.Markdown(
        extensions=[*MARKDOWN_EXTENSIONS, _Collect(collector)],
        extension_configs=MARKDOWN_EXTENSIONS,
    )
    return renderer, collector


def render_markdown(text: str) -> tuple[str, frozenset[str], tuple[tuple[str, str], ...]]:
    """Markdown as the site renders it: the HTML, the ids and the Markdown links MkDocs checks."""
    renderer, collector = _renderer()
    collector.ids, collector.links = set(), []
    try:
        html = renderer.convert(text)
        return html, frozenset(collector.ids), tuple(collector.links)
    finally:
        renderer.reset()


def render(text: str) -> Rendered:
    """Markdown as the site renders it, with the ids and links MkDocs will check."""
    html, ids, links = render_markdown(text)
    parser = _Links()
    parser.feed(html)
    parser.close()
    return Rendered(ids, links, tuple(parser.links))


class _Links(HTMLParser):
    """Every `a href` and `img src` of rendered HTML, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = LINK_ATTRIBUTES.get(tag)
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
    rendered: Rendered,
    body: str,
    file: str,
    first_line: int,
    slug: str,
    targets: set[str],
    anchors_of: Callable[[str], frozenset[str] | None] = lambda target: None,
) -> list[Problem]:
    """A problem for each relative link or image of a card that the build would not find.

    `anchors_of(target)` gives the anchors of a page (relative to docs/), or None when they are
    not known; links to an anchor of a known page are checked too. A relative link written in
    raw HTML is reported as such: MkDocs neither checks nor rewrites it, so it breaks on the site.
    """
    raw = Counter(rendered.html_links) - Counter(rendered.links)
    lines = body.split("\n")
    problems: list[Problem] = []
    searched_from: dict[str, int] = {}
    page = f"{CARD_PAGES}/{slug}.md"
    found = [
        (url, False, _problem(tag, url, page, targets, anchors_of)) for tag, url in rendered.links
    ]
    found += [(url, True, _raw_problem(tag, url)) for tag, url in raw.elements()]
    for url, in_html, message in found:
        if message is None:
            continue
        key = f"{in_html}{url}"
        index = _line_index(url, lines, searched_from.get(key, 0), in_html)
        searched_from[key] = index + 1
        problems.append(Problem(file, first_line + index, "tekst", message))
    return sorted(problems)


def _raw_problem(tag: str, url: str) -> str | None:
    scheme, netloc, path, _query, _anchor = urlsplit(url)
    if scheme or netloc or url.startswith(("/", "\\")) or not path:
        return None
    image = tag == "img"
    what, written = ("de afbeelding", "![beschrijving](") if image else ("de link", "[tekst](")
    return (
        f"{what} '{_shorten(url)}' staat in HTML; zo'n relatief pad wordt op de site niet "
        f"omgezet en werkt daar niet. Schrijf het in Markdown: {written}{_shorten(url)})"
    )


def _shorten(url: str) -> str:
    return url if len(url) <= 60 else url[:59] + "…"


def _line_index(url: str, lines: list[str], start: int, raw: bool) -> int:
    """The body line that shows `url`, from `start` on (so a repeated link gets its own line)."""
    written = [url, unquote(url)]
    markdown_forms = [
        *(f"]({u})" for u in written),
        *(f"]({u} " for u in written),
        *(f"]: {u}" for u in written),
        *(f"](<{u}>" for u in written),
        *(f"]({u}" for u in written),
    ]
    html_forms = [f"{quote}{u}{quote}" for u in written for quote in "\"'"]
    needles = [*html_forms, *markdown_forms] if raw else [*markdown_forms, *html_forms]
    for needle in [*needles, *written]:
        for index in range(start, len(lines)):
            if needle in lines[index]:
                return index
    return max(0, min(start, len(lines) - 1))


def _problem(
    tag: str,
    url: str,
    page: str,
    targets: set[str],
    anchors_of: Callable[[str], frozenset[str] | None],
) -> str | None:
    scheme, netloc, path, _query, anchor = urlsplit(url)
    if scheme or netloc or url.startswith(("/", "\\")):
        return None  # other sites (html_policy checks those), absolute paths
    what = "de afbeelding" if tag == "img" else "de link"
    shown = _shorten(url)
    if not path:
        return _anchor_problem(what, shown, anchor, page, page, anchors_of) if anchor else None
    path = unquote(path)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path).lstrip("/"))
    if target in targets:
        if anchor and target.endswith(".md"):
            return _anchor_problem(what, shown, anchor, target, page, anchors_of)
        return None
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


def _anchor_problem(
    what: str,
    shown: str,
    anchor: str,
    target: str,
    page: str,
    anchors_of: Callable[[str], frozenset[str] | None],
) -> str | None:
    ids = anchors_of(target)
    if ids is None or anchor in ids:
        return None
    guess = nearest(anchor, ids)
    hint = f"; bedoelde je '#{guess}'?" if guess else ""
    if target == page:
        return (
            f"{what} '{shown}' wijst naar een kop op deze pagina, maar de tekst van de kaart "
            f"heeft geen kop of anker '#{anchor}'. Een kop '## Mijn kop' heet '#mijn-kop'; de "
            f"vaste onderdelen van de kaart (zoals Mijlpalen) zijn zo niet te bereiken{hint}"
        )
    return f"{what} '{shown}': de pagina {target} heeft geen kop of anker '#{anchor}'{hint}"


def _guess(target: str, path: str, targets: set[str]) -> str | None:
    stem = target[:-5] if target.endswith(".html") else target.rstrip("/")
    for candidate in (f"{stem}.md", f"{stem}/index.md"):
        if candidate in targets and candidate != target:
            return candidate
    return None


def _relative(target: str, page: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(page))


def address_owner(slug: str, docs: Path) -> str | None:
    """Which page of docs/ already has the address /projecten/<slug>/, if one has."""
    if slug not in RESERVED_SLUGS and not (docs / CARD_PAGES / f"{slug}.md").exists():
        return None
    owner = f"docs/{CARD_PAGES}/{slug}.md"
    return owner + ", het overzicht van alle projecten" if slug == "index" else owner


def slug_problem(slug: str, file: str, docs: Path) -> Problem | None:
    """A card whose page would take the address of a page in docs/projecten/."""
    owner = address_owner(slug, docs)
    if owner is None:
        return None
    address = "" if slug == "index" else f"{slug}/"
    return Problem(
        file,
        None,
        None,
        f"de kaart zou het webadres /{CARD_PAGES}/{address} krijgen, maar dat is van "
        f"{owner}. Geef het bestand een andere naam",
    )


def card_problems(root: Path, cards: Iterable[Card], partner_slugs: Iterable[str]) -> list[Problem]:
    """What would stop the build at a card's page: its address, its relative links."""
    docs = root / DOCS_DIR
    cards = list(cards)
    partner_slugs = list(partner_slugs)
    targets = site_files(docs, (card.slug for card in cards), partner_slugs)
    anchors = _PageAnchors(docs, {f"{CARD_PAGES}/{c.slug}.md": c for c in cards}, partner_slugs)
    problems: list[Problem] = []
    for card in cards:
        taken = slug_problem(card.slug, card.source, docs)
        if taken:
            problems.append(taken)
        if may_link(card.body):
            rendered = anchors.page(f"{CARD_PAGES}/{card.slug}.md")
            if rendered is not None:
                problems += link_problems(
                    rendered, card.body, card.source, card.body_line, card.slug, targets, anchors.of
                )
    return problems


class _PageAnchors:
    """The anchors of the pages a card can link to, rendered once each, when first asked."""

    def __init__(self, docs: Path, cards: dict[str, Card], partner_slugs: list[str]) -> None:
        self.docs = docs
        self.cards = cards
        self.partner_pages = {f"partners/{slug}.md" for slug in partner_slugs}
        self.pages: dict[str, Rendered | None] = {}

    def of(self, target: str) -> frozenset[str] | None:
        found = self.page(target)
        return found.ids if found else None

    def page(self, target: str) -> Rendered | None:
        if target not in self.pages:
            self.pages[target] = self._read(target)
        return self.pages[target]

    def _read(self, target: str) -> Rendered | None:
        if target in self.cards:
            body = self.cards[target].body
            return remembered(body) or render(body)
        path = self.docs / target
        if path.is_file():
            # A chapter: its Markdown without front matter. Macros may add headings MkDocs will
            # see, so a page that calls any is not checked (None: anchors unknown).
            try:
                text = decode(read_source(path, f"{DOCS_DIR}/{target}"), target)
                if FENCE.match(text.split("\n", 1)[0]):
                    text = split_card(text, target)[2]
            except SourceProblem:
                return None
            return None if "{{" in text or "{%" in text else render(text)
        if target in self.partner_pages:
            return Rendered(frozenset(), (), ())  # an empty Markdown body: no anchors
        return None


# Rendering costs more than the rest of validation, so only a body that may hold a relative
# link, image or anchor link is rendered: an inline link, a reference definition or an HTML
# attribute whose value does not start with a scheme or "/". Over-matching only costs time.
# Found by plain string search for the markers and a match at each (a regex searched over the
# whole body costs more than the rest of a card's checks).
_NOT_ABSOLUTE = r"(?![a-z][a-z0-9+.-]*:|[/\s<\"'])"
_RELATIVE_TARGET = re.compile(r"\s*<?" + _NOT_ABSOLUTE)
_RELATIVE_ATTRIBUTE = re.compile(r"(?:href|src)\s*=\s*[\"']?" + _NOT_ABSOLUTE)


def may_link(body: str) -> bool:
    """Whether the body may hold a relative link, image or anchor link (then it is rendered)."""
    lowered = body.lower()
    for marker in ("](", "]:"):
        start = lowered.find(marker)
        while start != -1:
            if _RELATIVE_TARGET.match(lowered, start + 2):
                return True
            start = lowered.find(marker, start + 2)
    if "href" not in lowered and "src" not in lowered:
        return False
    return _RELATIVE_ATTRIBUTE.search(lowered) is not None
