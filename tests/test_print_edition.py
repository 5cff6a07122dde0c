"""The printed edition as readers and their tools meet it, on the June edition and on a fixture
edition with long cards: the structure tree, text copied out of the PDF, how full the pages are,
the register of partners and the links.

Each PDF is built once per module; expectations come from the content (`load_publication`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import markdown
import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from macros.loader import load_publication
from macros.partners import partner_index
from macros.pdf import build_pdf
from macros.print_register import REGISTER_TITLE
from macros.publication import Publication

from .conftest import FIXTURES, make_project

MM = 72 / 25.4
# print.css: @page margin (top, right, bottom, left) in mm, on A4.
MARGIN_TOP, MARGIN_BOTTOM, PAGE_HEIGHT = 15, 18, 297
WORD = re.compile(r"\w+(?:[-’']\w+)*")
URL = re.compile(r"https?://[^\s<>()\"]+[^\s<>()\".,;:!?]")


class Edition:
    """A built PDF with the publication it was made from."""

    def __init__(self, root: Path, target: Path, built: bool = False) -> None:
        """Build the PDF of `root` into `target`, or read it there if a site build wrote it
        (`built`: the plugin calls the same `build_pdf`)."""
        self.publication: Publication = load_publication(root)
        self.path = target if built else build_pdf(root, target, self.publication)
        self.reader = PdfReader(self.path)

    def text(self, first: int, last: int) -> str:
        """pdftotext of pages first..last (1-based), as a reader copies it, in reading order."""
        result = subprocess.run(
            ["pdftotext", "-f", str(first), "-l", str(last), str(self.path), "-"],
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout

    def outline_pages(self) -> dict[str, int]:
        """Every bookmark title → its 1-based page (cards are level two)."""
        pages: dict[str, int] = {}

        def walk(items: list) -> None:
            for item in items:
                if isinstance(item, list):
                    walk(item)
                else:
                    pages[item.title] = self.reader.get_destination_page_number(item) + 1

        walk(self.reader.outline)
        return pages

    def card_ranges(self) -> dict[str, tuple[int, int]]:
        """Card title → (first page, last page)."""
        pages = self.outline_pages()
        starts = sorted(pages.values())
        ranges = {}
        for card in self.publication.cards:
            first = pages[card.title]
            later = [p for p in starts if p > first]
            ranges[card.title] = (first, (later[0] - 1) if later else len(self.reader.pages))
        return ranges


@pytest.fixture(scope="module")
def june(edition_site: Path) -> Edition:
    """The June edition's PDF as the shared strict build of the edition wrote it."""
    return Edition(edition_site.parent, edition_site / "projectoverzicht.pdf", built=True)


@pytest.fixture(scope="module")
def long(tmp_path_factory: pytest.TempPathFactory) -> Edition:
    """The small fixture project with two long cards, a long foreword and the programme."""
    root = make_project(tmp_path_factory.mktemp("long") / "project", FIXTURES / "project")
    shutil.copytree(FIXTURES / "long", root, dirs_exist_ok=True)
    return Edition(root, root.parent / "editie.pdf")


@pytest.fixture(params=["june", "long"])
def edition(request: pytest.FixtureRequest) -> Edition:
    return request.getfixturevalue(request.param)


# 1. Tag structure ---------------------------------------------------------------------------


def elements(reader: PdfReader):
    """(element, parent tag, ancestor tags) for every structure element, depth first."""
    root = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    stack = [(kid.get_object(), None, ()) for kid in _kids(root)]
    while stack:
        element, parent, ancestors = stack.pop()
        if element.get("/Type") == "/OBJR" or "/S" not in element:
            continue
        yield element, parent, ancestors
        tag = str(element["/S"])
        stack.extend(
            (kid.get_object(), tag, (*ancestors, tag))
            for kid in _kids(element)
            if not isinstance(kid, int)
        )


def _kids(element) -> list:
    kids = element.get("/K", [])
    return list(kids) if isinstance(kids, list) else [kids]


def test_structure_tree_has_lists_of_items_and_no_article_in_an_article(
    edition: Edition,
) -> None:
    seen = set()
    for element, parent, ancestors in elements(edition.reader):
        tag = str(element["/S"])
        seen.add(tag)
        kids = [k.get_object() for k in _kids(element) if not isinstance(k, int)]
        if tag == "/LI":
            assert parent == "/L", f"list item outside a list (in {parent})"
            parts = {str(k["/S"]) for k in kids}
            assert parts <= {"/Lbl", "/LBody"}, f"list item holds {parts}"
        if any(k.get("/Type") == "/OBJR" for k in kids):
            assert tag == "/Link", f"a link annotation on {tag}, not on a Link element"
        if tag == "/Link":
            content = [k for k in _kids(element) if isinstance(k, int)]
            content += [k for k in kids if k.get("/Type") != "/OBJR"]
            assert content, "a link without text"
        if tag == "/L":
            kids = [str(k.get_object()["/S"]) for k in _kids(element) if not isinstance(k, int)]
            assert set(kids) <= {"/LI", "/Caption", "/L"}, f"list holds {kids}"
            labelled = any(
                str(part.get_object()["/S"]) == "/Lbl"
                for item in _kids(element)
                if not isinstance(item, int) and str(item.get_object()["/S"]) == "/LI"
                for part in _kids(item.get_object())
                if not isinstance(part, int)
            )
            if labelled:
                assert element["/A"]["/ListNumbering"] in ("/Disc", "/Decimal", "/Circle")
        if tag == "/Art":
            assert "/Art" not in ancestors, "an article inside an article"
    assert {"/Art", "/L", "/LI", "/LBody", "/H1"} <= seen


def test_running_footers_are_artifacts_and_all_tagged_content_is_in_the_tree(
    edition: Edition,
) -> None:
    reader = edition.reader
    in_tree: dict[int, set[int]] = {}
    pages = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
    for element, _, _ in elements(reader):
        page = element.get("/Pg")
        for kid in _kids(element):
            if isinstance(kid, int) and page is not None:
                in_tree.setdefault(pages[page.idnum], set()).add(kid)
    for number, page in enumerate(reader.pages):
        marked, artifacts = set(), 0
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"BDC" and "/MCID" in operands[1]:
                marked.add(int(operands[1]["/MCID"]))
            if operator == b"BMC" and operands[0] == "/Artifact":
                artifacts += 1
        assert marked <= in_tree.get(number, set()), f"page {number + 1}: content outside tree"
        if number > 0:
            assert artifacts, f"page {number + 1} has no artifacts (the footer)"
        footer = edition.text(number + 1, number + 1).strip().splitlines()[-1]
        if number > 0:
            assert re.fullmatch(rf"{number + 1} / {len(reader.pages)}", footer), footer


# 2. Copying text ----------------------------------------------------------------------------


def card_words(card) -> set[str]:
    """The words of a card's running text, from its source."""
    html = markdown.markdown(card.body, extensions=["tables"])
    body = re.sub(r"<[^>]+>", " ", html)
    texts = [card.title, card.summary, card.goal or "", body]
    if card.quote:
        texts.append(card.quote.text)
    words = set()
    for text in texts:
        plain = text.replace("&amp;", "&").replace("&quot;", '"').replace("&#x27;", "'")
        words.update(WORD.findall(plain))
    return words


def joined(text: str) -> str:
    """Ordinary line breaks (and page breaks) become spaces, as when pasting a passage."""
    return re.sub(r"\s+", " ", text)


def test_every_word_of_every_card_copies_whole(edition: Edition) -> None:
    ranges = edition.card_ranges()
    broken = 0
    for card in edition.publication.cards:
        first, last = ranges[card.title]
        copied = set(WORD.findall(joined(edition.text(first, last))))
        missing = sorted(card_words(card) - copied)
        assert not missing, f"{card.title}: {missing[:10]}"
        broken += len(re.findall(r"-\n", subprocess_raw(edition, first, last)))
    # The words were really hyphenated on paper (else this test proves nothing).
    assert broken > 0


def subprocess_raw(edition: Edition, first: int, last: int) -> str:
    """The text with the physical layout: line-end hyphens as printed on paper."""
    return subprocess.run(
        ["pdftotext", "-layout", "-f", str(first), "-l", str(last), str(edition.path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


# 3. Page economy ----------------------------------------------------------------------------


# A page whose text reaches this far down has no room left for the next block.
FULL = 0.9


def fill(edition: Edition) -> list[float]:
    """Per page, how far down the text area the lowest line of text reaches (0..1)."""
    result = subprocess.run(
        ["pdftotext", "-bbox", str(edition.path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    top, bottom = MARGIN_TOP * MM, (PAGE_HEIGHT - MARGIN_BOTTOM) * MM
    fills = []
    for page in result.split("<page ")[1:]:
        ends = [
            float(y)
            for y in re.findall(r'yMax="([\d.]+)"', page)
            if float(y) <= bottom + 1  # below that is the footer
        ]
        fills.append((max(ends) - top) / (bottom - top) if ends else 0.0)
    return fills


def test_no_page_after_the_cover_is_less_than_a_quarter_full(edition: Edition) -> None:
    """Only the page that takes what did not fit on a full page, right before a card (which
    always starts a page), may stay light: no layout can fill it. An editor's new card can
    leave one there (a chapter's last lines ran over); any other light page is a layout fault.
    """
    fills = fill(edition)
    assert len(fills) == len(edition.reader.pages)
    card_starts = {first for first, _last in edition.card_ranges().values()}

    def overflow(n: int) -> bool:
        return n + 1 in card_starts and fills[n - 2] >= FULL

    low = [
        (n, round(f, 2))
        for n, f in enumerate(fills, start=1)
        if n > 1 and f < 0.25 and not overflow(n)
    ]
    assert not low, f"pages (number, fill) under a quarter: {low}"


def test_no_card_page_holds_only_its_facts_or_structure(edition: Edition) -> None:
    ranges = edition.card_ranges()
    for card in edition.publication.cards:
        first, last = ranges[card.title]
        boxed = {"Projectstructuur"}
        for line in card.structure:
            boxed.update(WORD.findall(f"{line.role} {line.who}"))
        for page in range(first + 1, last + 1):
            words = set(WORD.findall(edition.text(page, page))) - {"Categorie"}
            words -= set(WORD.findall(card.category.label))
            words = {w for w in words if not w.isdigit()}
            assert words - boxed, f"{card.title}: page {page} holds only its structure box"


# 4. Register and links ----------------------------------------------------------------------


def test_register_lists_each_partner_with_its_cards_and_their_pages(edition: Edition) -> None:
    pages = edition.outline_pages()
    start = pages[REGISTER_TITLE]
    register = edition.text(start, len(edition.reader.pages))
    lines = [line.strip() for line in register.splitlines() if line.strip()]
    index = partner_index(edition.publication)
    listed = 0
    for slug, partner in index.partners.items():
        cards = index.cards_of(slug)
        if not cards:
            assert partner.name not in lines
            continue
        listed += 1
        assert partner.name in register.replace("\n", " ") or partner.name in lines
        flowing = joined(register)
        for card in cards:
            entry = re.compile(rf"{re.escape(card.title)}[ .]*(\d+)\b")
            numbers = {int(m.group(1)) for m in entry.finditer(flowing)}
            assert pages[card.title] in numbers, f"{partner.name}: {card.title}"
    assert listed > 0


def test_every_url_printed_in_a_card_is_a_live_link(edition: Edition) -> None:
    ranges = edition.card_ranges()
    for card in edition.publication.cards:
        first, last = ranges[card.title]
        links = set()
        for page in edition.reader.pages[first - 1 : last]:
            for annotation in page.get("/Annots", []):
                action = annotation.get_object().get("/A")
                if action is not None and "/URI" in action:
                    links.add(str(action["/URI"]))
        printed = set(URL.findall(joined(edition.text(first, last))))
        expected = {link.url for link in card.links}
        assert expected <= printed, card.title
        assert printed <= links, f"{card.title}: {sorted(printed - links)}"
