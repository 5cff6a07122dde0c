"""The shipped June 2023 edition: it builds strictly and shows what its files say."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from macros.loader import load_publication

from .conftest import REPO, page

EXPECTED_CATEGORIES = {
    "evaluatie-economie071": "Nieuw project",
    "index071-editie-2022-2023": "Lopend project",
    "hca-verkenning-we-it-en-techniekpact": "Initiatieffase",
    "regionale-retailvisie": "Lopend project",
    "regionale-bedrijventerreinenstrategie": "Lopend project",
    "bedrijventerreinen-in-de-energietransitie": "Afgerond project",
    "laat-digitalisering-voor-je-werken": "Nieuw project",
}


def test_seven_card_pages_each_under_its_category(edition_site: Path) -> None:
    pages = sorted(p.parent.name for p in (edition_site / "projecten").glob("*/index.html"))
    assert pages == sorted(EXPECTED_CATEGORIES)
    overview = page(edition_site, "projecten/index.html")
    found = {}
    for section in overview.select(".e071-group"):
        for link in section.select("h3 a"):
            found[link["href"].strip("/").split("/")[-1]] = section.h2.get_text(strip=True)
    assert found == EXPECTED_CATEGORIES
    for slug, label in EXPECTED_CATEGORIES.items():
        card = page(edition_site, f"projecten/{slug}/index.html")
        assert card.select_one(".e071-badge").get_text(" ", strip=True) == f"Categorie: {label}"


def test_navigation_follows_the_printed_edition(edition_site: Path) -> None:
    home = page(edition_site, "index.html")
    nav = [a.get_text(strip=True) for a in home.select(".md-nav--primary > .md-nav__list > li > a")]
    chapters = yaml.safe_load((REPO / "data" / "edition.yaml").read_text())["chapters"]
    titles = {"cards": "Projecten"}
    for chapter in chapters:
        if chapter != "cards":
            text = (REPO / "docs" / f"{chapter}.md").read_text(encoding="utf-8")
            titles[chapter] = re.search(r"^title: (.*)$", text, re.M).group(1)
    positions = [nav.index(titles[c]) for c in chapters]
    assert positions == sorted(positions), nav


def test_index_figures_come_only_from_the_data_file(edition_site: Path) -> None:
    index = load_publication(REPO).index
    text = page(edition_site, "index071/index.html").get_text(" ", strip=True)
    assert f"komt de Index071 uit op {index.latest.score}" in text
    assert f"{index.growth} indexpunten groei ten opzichte van {index.base_year}" in text
    # No page, card or template writes a score: the data file is the only place it lives.
    scores = {str(e.score) for e in index.editions}
    sources = [
        *REPO.glob("docs/**/*.md"),
        *REPO.glob("cards/*.md"),
        *REPO.glob("macros/templates/**/*.html"),
        *REPO.glob("overrides/**/*.html"),
    ]
    for source in sources:
        words = set(re.findall(r"\b\d+\b", source.read_text(encoding="utf-8")))
        assert not words & scores, f"{source} writes an Index score"


def test_quotes_stay_attributed(edition_site: Path) -> None:
    card = page(edition_site, "projecten/laat-digitalisering-voor-je-werken/index.html")
    quote = card.select_one(".e071-quote")
    assert "Digitalisering draagt bij aan de toekomstbestendigheid" in quote.blockquote.get_text()
    assert (
        quote.figcaption.get_text(strip=True) == "Dwayne van der Klugt, projectleider Economie071"
    )
