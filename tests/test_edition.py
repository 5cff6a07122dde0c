"""The shipped edition: it builds strictly and shows what its files say.

Every expectation is read from the content itself (`load_publication`), so adding, removing or
rewording a card keeps these tests meaningful and green; `tests/test_content_growth.py` proves it
by running them on a copy with one card more.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from macros.loader import load_publication
from macros.model import Category
from macros.publication import Publication

from .conftest import CONTENT, REPO, page


@pytest.fixture(scope="module")
def edition() -> Publication:
    return load_publication(CONTENT)


def test_every_card_has_a_page_under_its_category(edition_site: Path, edition: Publication) -> None:
    expected = {card.slug: card.category.label for card in edition.cards}
    assert expected, "the edition has cards"
    pages = sorted(p.parent.name for p in (edition_site / "projecten").glob("*/index.html"))
    assert pages == sorted(expected)
    overview = page(edition_site, "projecten/index.html")
    found = {}
    for section in overview.select(".e071-group"):
        for link in section.select("h3 a"):
            # The heading may be plural ("Lopende projecten"); the section names its category.
            found[link["href"].strip("/").split("/")[-1]] = Category(section["id"]).label
    assert found == expected
    for slug, label in expected.items():
        card = page(edition_site, f"projecten/{slug}/index.html")
        assert card.select_one(".e071-badge").get_text(" ", strip=True) == f"Categorie: {label}"


def test_navigation_follows_the_printed_edition(edition_site: Path) -> None:
    home = page(edition_site, "index.html")
    nav = [a.get_text(strip=True) for a in home.select(".md-nav--primary > .md-nav__list > li > a")]
    chapters = yaml.safe_load((CONTENT / "data" / "edition.yaml").read_text())["chapters"]
    titles = {"cards": "Projecten"}
    for chapter in chapters:
        if chapter != "cards":
            text = (CONTENT / "docs" / f"{chapter}.md").read_text(encoding="utf-8")
            titles[chapter] = re.search(r"^title: (.*)$", text, re.M).group(1)
    positions = [nav.index(titles[c]) for c in chapters]
    assert positions == sorted(positions), nav


def test_index_figures_come_only_from_the_data_file(edition_site: Path) -> None:
    index = load_publication(CONTENT).index
    text = page(edition_site, "index071/index.html").get_text(" ", strip=True)
    assert f"komt de Index071 uit op {index.latest.score}" in text
    assert f"{index.growth} indexpunten groei ten opzichte van {index.base_year}" in text
    # No page, card or template writes a score: the data file is the only place it lives.
    scores = {str(e.score) for e in index.editions}
    sources = [
        *CONTENT.glob("docs/**/*.md"),
        *CONTENT.glob("cards/*.md"),
        *REPO.glob("macros/templates/**/*.html"),
        *REPO.glob("overrides/**/*.html"),
    ]
    for source in sources:
        words = set(re.findall(r"\b\d+\b", source.read_text(encoding="utf-8")))
        assert not words & scores, f"{source} writes an Index score"


def test_quotes_stay_attributed(edition_site: Path, edition: Publication) -> None:
    quoted = [card for card in edition.cards if card.quote is not None]
    assert quoted, "the edition has quotes"
    for card in quoted:
        shown = page(edition_site, f"projecten/{card.slug}/index.html").select_one(".e071-quote")
        assert " ".join(card.quote.text.split()) in " ".join(shown.blockquote.get_text().split())
        attribution = ", ".join(filter(None, [card.quote.name, card.quote.role]))
        assert shown.figcaption.get_text(strip=True) == attribution
