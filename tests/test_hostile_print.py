"""The print's anchors are out of a card's reach, and its links are rewritten by a parser."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from macros import printing
from macros.html_rewrite import rewrite_links, split_first_heading
from macros.loader import load_publication
from macros.pdf import build_pdf

from .conftest import HOSTILE

CARD = "theme-ids"


@pytest.fixture
def hostile_print(sample: Path) -> Path:
    """The sample project plus a card whose body claims the print's anchors."""
    shutil.copy(HOSTILE / "inert" / f"{CARD}.md", sample / "cards" / f"{CARD}.md")
    return sample


def test_a_card_body_cannot_claim_a_print_anchor(hostile_print: Path) -> None:
    publication = load_publication(hostile_print)
    soup = BeautifulSoup(printing.print_html(hostile_print, publication), "html.parser")
    ids = [el["id"] for el in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for card in publication.cards:
        article = soup.find(id=printing.card_anchor(card.slug))
        assert article.name == "article"
        assert article.select_one(".card__title").get_text() == card.title
    assert soup.find(id="hoofdstuk-voorwoord")["class"][0] == "chapter"
    assert soup.find(id="inhoud").name == "h1"
    hostile = soup.find(id=printing.card_anchor(CARD))
    body_ids = [el["id"] for el in hostile.find_all(id=True)]
    assert body_ids and all(i.startswith(f"kaart-{CARD}--") for i in body_ids), body_ids
    # The contents list points at the real places.
    for link in soup.select(".toc a[href^='#']"):
        target = soup.find(id=link["href"][1:])
        assert target is not None and target.name in {"article", "section", "div"}, link


def test_pdf_contents_and_outline_lead_to_the_real_cards(hostile_print: Path) -> None:
    target = hostile_print.parent / "out" / "editie.pdf"
    build_pdf(hostile_print, target)
    reader = PdfReader(target)
    texts = [p.extract_text() for p in reader.pages]
    destinations = reader.named_destinations
    for card in load_publication(hostile_print).cards:
        page = reader.get_destination_page_number(destinations[printing.card_anchor(card.slug)])
        assert texts[page].splitlines()[:2] == ["Projectkaart", card.title], texts[page][:80]
    voorwoord = reader.get_destination_page_number(destinations["hoofdstuk-voorwoord"])
    assert "Voorwoord" in texts[voorwoord].splitlines()  # chapters run on: a line of its page

    def flatten(outline: list) -> list:
        return [x for o in outline for x in (flatten(o) if isinstance(o, list) else [o])]

    # Every outline entry but the cards' section (a label of its own) names text on its page.
    for entry in flatten(reader.outline):
        if entry["/Title"] != printing.CARDS_TITLE:
            page = reader.get_destination_page_number(entry)
            assert entry["/Title"] in texts[page], entry["/Title"]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="e071-print:/voorwoord/">V</a>', '<a href="#hoofdstuk-voorwoord">V</a>'),
        (
            "<a class='x' href='e071-print:/voorwoord/'>V</a>",
            '<a class="x" href="#hoofdstuk-voorwoord">V</a>',
        ),
        (
            '<a title="a > b" href="e071-print:/elders/"><em>weg</em> &amp; zo</a>',
            "<em>weg</em> &amp; zo",
        ),
        (
            '<a href="https://example.org/?a=1&amp;b=2">x</a>',
            '<a href="https://example.org/?a=1&amp;b=2">x</a>',
        ),
        (
            "<p>geen <b>link</b> &lt;a href=x&gt;</p><!-- c --><br/>",
            "<p>geen <b>link</b> &lt;a href=x&gt;</p><!-- c --><br/>",
        ),
        ('<a name="top">anker</a>', '<a name="top">anker</a>'),
    ],
)
def test_links_are_rewritten_with_a_parser(html: str, expected: str) -> None:
    targets = {"voorwoord": "hoofdstuk-voorwoord"}
    assert rewrite_links(html, lambda href: printing.print_href(href, targets)) == expected


def test_the_first_heading_is_lifted_out_with_its_text() -> None:
    html = '<p>x</p>\n<h1 id="t">Titel &amp; <em>meer</em></h1>\n<p>y</p><h1>Twee</h1>'
    assert split_first_heading(html) == ("Titel & meer", "<p>x</p>\n\n<p>y</p><h1>Twee</h1>")
    assert split_first_heading("<p>geen kop</p>") == (None, "<p>geen kop</p>")
