"""What a partner reading the site notices (issue #14): headings, titles, links, partner pages
and edit buttons, in whole builds of the sample project and of the shipped edition."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from macros.loader import load_publication
from macros.model import Category
from macros.partners import partner_index

from .conftest import CONTENT, build, edit, page
from .search_index import search_fragments

# The Dutch heading over more than one card of a category (one card keeps the category's name).
PLURALS = {
    Category.NEW: "Nieuwe projecten",
    Category.RUNNING: "Lopende projecten",
    Category.INITIATION: "Initiatieffase",
    Category.COMPLETED: "Afgeronde projecten",
}


@pytest.fixture(scope="module")
def edition(edition_site: Path) -> tuple[Path, Path]:
    """The shared build of the shipped edition (tests/conftest.py): (project, site)."""
    if not (CONTENT / "cards").is_dir():
        pytest.skip("de editie heeft (nog) geen kaarten")
    return edition_site.parent, edition_site


def test_overview_headings_are_plural_over_several_cards(edition: tuple[Path, Path]) -> None:
    project, site = edition
    pub = load_publication(project)
    groups = pub.by_category()
    assert any(len(cards) > 1 for _, cards in groups)
    expected = [PLURALS[c] if len(cards) > 1 else c.label for c, cards in groups]
    overview = page(site, "projecten/index.html")
    assert [h.get_text(strip=True) for h in overview.select(".e071-group h2")] == expected
    filters = [a.get_text(strip=True) for a in overview.select(".e071-filter a")][1:]
    assert filters == [
        f"{h} ({len(cards)})" for h, (_, cards) in zip(expected, groups, strict=True)
    ]
    home = page(site, "index.html")
    assert [h.get_text(strip=True) for h in home.select(".e071-group h2")] == expected


def test_home_tab_names_the_site_once(edition: tuple[Path, Path]) -> None:
    _, site = edition
    assert page(site, "index.html").title.get_text(strip=True) == "Economie071 Projectoverzicht"
    voorwoord = page(site, "voorwoord/index.html").title.get_text(strip=True)
    assert voorwoord == "Voorwoord - Economie071 Projectoverzicht"


def test_index_page_lists_each_basket_once(edition: tuple[Path, Path]) -> None:
    project, site = edition
    baskets = load_publication(project).index.baskets
    items = Counter(
        li.get_text(strip=True) for li in page(site, "index071/index.html").select("article li")
    )
    assert {basket: items[basket] for basket in baskets} == dict.fromkeys(baskets, 1)


def test_edition_years_do_not_break_on_a_phone(edition: tuple[Path, Path]) -> None:
    project, site = edition
    index = load_publication(project).index
    html = page(site, "index071/index.html")
    kept = {span.get_text() for span in html.select(".e071-nowrap")}
    assert {e.edition for e in index.editions} <= kept


def test_structure_links_each_organisation_once_per_box(edition: tuple[Path, Path]) -> None:
    project, site = edition
    pub = load_publication(project)
    index = partner_index(pub)
    named_twice = False
    for card in pub.cards:
        named = [
            part.partner.slug
            for line in card.structure
            for part in index.segments(line.who)
            if part.partner is not None
        ]
        named_twice |= len(named) > len(set(named))
        if not named:
            continue
        box = page(site, f"projecten/{card.slug}/index.html").select_one(".e071-structure")
        links = [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in box.select("a")]
        assert links == list(dict.fromkeys(named)), card.slug
    assert named_twice, "geen kaart noemt een organisatie twee keer: de test bewijst niets"


def test_edit_button_only_where_the_file_holds_what_is_shown(
    edition: tuple[Path, Path],
) -> None:
    project, site = edition
    card = load_publication(project).cards[0]
    edit = page(site, f"projecten/{card.slug}/index.html").select_one("a[rel=edit]")
    assert edit["href"].endswith(card.source)
    assert (
        page(site, "voorwoord/index.html")
        .select_one("a[rel=edit]")["href"]
        .endswith("docs/voorwoord.md")
    )
    for listing in (
        "index.html",
        "projecten/index.html",
        "partners/index.html",
        "agenda/index.html",
    ):
        assert page(site, listing).select_one("a[rel=edit]") is None, listing
    # The repository is linked once, in the footer, not in the header of every page.
    home = page(site, "index.html")
    assert home.select(".md-header .md-source, .md-nav .md-source") == []
    assert home.select_one(".e071-footer-links a:-soup-contains('Broncode')") is not None


def test_footer_and_agenda_speak_dutch(edition: tuple[Path, Path]) -> None:
    _, site = edition
    footer = page(site, "index.html").select_one(".md-copyright").get_text(" ", strip=True)
    assert "Made with" not in footer and "Gemaakt met" in footer
    agenda = page(site, "agenda/index.html").select_one("article").get_text(" ")
    assert "Elke datum linkt" not in agenda
    assert page(site, "agenda/index.html").select(".e071-agenda__title a")


def test_partner_named_only_in_a_story_is_not_shown_as_uninvolved(sample: Path) -> None:
    partners = sample / "data" / "partners.yaml"
    edit(partners, "kind: education,", "kind: education, aliases: [HSL, hogeschool leiden],")
    gamma = sample / "cards" / "gamma-project.md"
    gamma.write_text(
        gamma.read_text(encoding="utf-8") + "\nDe slotbijeenkomst was bij de HSL.\n",
        encoding="utf-8",
    )
    site = build(sample)
    school = page(site, "partners/hogeschool-leiden/index.html")
    text = school.get_text(" ", strip=True)
    assert "nog niet genoemd" not in text and "nog geen projecten" not in text
    facts = {
        dt.get_text(strip=True): dd.get_text(strip=True)
        for dt, dd in zip(
            school.select(".e071-facts > dt"), school.select(".e071-facts > dd"), strict=True
        )
    }
    # The alias in other capitals is the name again: shown once, as the name.
    assert facts["Ook bekend als"] == "HSL"
    assert facts["Genoemd in"] == "1 project"
    assert [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in school.select(".e071-grid a")] == [
        "gamma-project"
    ]
    overview = page(site, "partners/index.html").get_text(" ", strip=True)
    assert "Hogeschool Leiden genoemd in 1 project" in overview
    # The card's search filters name the school too.
    filters = page(site, "projecten/gamma-project/index.html").select("[data-pagefind-filter]")
    assert "Hogeschool Leiden" in [f.get_text() for f in filters]


def test_search_filter_values_are_text_never_markup() -> None:
    from bs4 import BeautifulSoup

    from macros.search import filter_markup

    hostile = '<script>alert(1)</script> " onmouseover=x, Leiden: Oost'
    soup = BeautifulSoup(str(filter_markup({"Partner": [hostile]})), "html.parser")
    assert soup.find("script") is None
    (span,) = soup.select("[data-pagefind-filter]")
    assert span["data-pagefind-filter"] == "Partner" and span.get_text() == hostile
    assert soup.div.has_attr("hidden")


def test_search_index_failure_is_a_dutch_message(tmp_path: Path) -> None:
    from macros.search import SearchIndexError, run_indexer

    with pytest.raises(SearchIndexError, match="De zoekfunctie kan niet worden gemaakt"):
        run_indexer(tmp_path)  # no pages to index


def test_build_indexes_cards_with_filters_and_leaves_listing_pages_out(
    edition: tuple[Path, Path],
) -> None:
    project, site = edition
    pub = load_publication(project)
    entries = {entry["url"]: entry for entry in search_fragments(site)}
    for card in pub.cards:
        filters = entries[f"/projecten/{card.slug}/"]["filters"]
        assert filters["Soort project"] == [card.category.label]
    assert not {"/", "/projecten/", "/partners/"} & set(entries)
    assert "/agenda/" in entries  # its own events are found; card milestones are not repeated
