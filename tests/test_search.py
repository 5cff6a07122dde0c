"""Site search (Pagefind) in headless Chromium, as a partner uses it: Dutch word forms, ranking,
filters by category and partner, and accessibility of the search dialog."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from macros.loader import load_publication
from macros.partners import partner_index

from .browser import WCAG_TAGS, needs_chromium, serve
from .conftest import CONTENT, page

pytestmark = [pytest.mark.browser, needs_chromium]

# The shared read-only builds (tests/conftest.py) of the sample project and the edition.
PROJECTS = {"voorbeeld": "sample_site", "editie": "edition_site"}
# Pages that list what the cards say; a card must rank above them.
LISTING_PAGES = ("partners/", "agenda/", "projecten/")


@pytest.fixture(scope="module", params=list(PROJECTS))
def project(request: pytest.FixtureRequest) -> Path:
    if request.param == "editie" and not (CONTENT / "cards").is_dir():
        pytest.skip(f"{CONTENT} heeft (nog) geen kaarten")
    return request.getfixturevalue(PROJECTS[request.param]).parent


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    return project / "site"


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(params=[(1280, 900), (390, 844)], ids=["desktop", "telefoon"])
def tab(chromium, request: pytest.FixtureRequest) -> Iterator[object]:
    width, height = request.param
    context = chromium.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
    yield context.new_page()
    context.close()


def search(tab, base_url: str, query: str, page_path: str = "") -> list[str]:
    """Open the search from the header with the keyboard, type the query key by key, and return
    the result links (site-relative paths) in the order shown."""
    tab.goto(base_url + page_path)
    tab.focus(".e071-search-open")
    tab.keyboard.press("Enter")
    field = tab.wait_for_selector("#e071-search-ui input")
    assert tab.evaluate("document.activeElement") is not None
    field.type(query)
    return results(tab, base_url, query)


RESULT_LINKS = ".pagefind-ui__result > .pagefind-ui__result-inner > .pagefind-ui__result-title a"


def results(tab, base_url: str, query: str) -> list[str]:
    """The result links once Pagefind has answered `query` and loaded every shown result (it
    shows 5 at a time and fills each in when its fragment arrives)."""
    tab.wait_for_function(
        """([selector, query]) => {
          const message = document.querySelector('.pagefind-ui__message');
          const text = message ? message.textContent.trim() : '';
          if (!text.endsWith('voor ' + query)) return false;
          const count = parseInt(text, 10) || 0;
          return document.querySelectorAll(selector).length === Math.min(count, 5);
        }""",
        arg=[RESULT_LINKS, query],
    )
    links = tab.eval_on_selector_all(RESULT_LINKS, "els => els.map(e => e.getAttribute('href'))")
    prefix = "/" + base_url.split("/", 3)[3]
    return [link.removeprefix(prefix) for link in links]


@pytest.mark.parametrize("project", ["voorbeeld"], indirect=True)
@pytest.mark.parametrize(
    ("query", "written"),
    [("digitaliseren", "digitalisering"), ("ondernemers", "ondernemer"), ("digitali", None)],
)
def test_dutch_search_finds_word_forms_and_prefixes(
    site: Path, base_url: str, tab, query: str, written: str | None
) -> None:
    """The card says only `written`: another form of the word, or its start, finds it."""
    text = page(site, "projecten/beta-project/index.html").select_one("article").get_text(" ")
    words = text.split()
    assert query not in words
    assert written in words if written else any(w.startswith(query) for w in words)
    found = search(tab, base_url, query)
    assert "projecten/beta-project/" in found
    # Every result shows the searched word marked in its excerpt, never as missing.
    excerpts = tab.eval_on_selector_all(
        ".pagefind-ui__result-excerpt", "els => els.map(e => e.querySelectorAll('mark').length)"
    )
    assert excerpts and all(excerpts)
    assert "Ontbreekt" not in tab.inner_text("#e071-search")


@pytest.mark.parametrize("project", ["editie"], indirect=True)
def test_cards_rank_above_listing_pages(project: Path, site: Path, base_url: str, tab) -> None:
    """For words the cards use, every card result comes before any listing page."""
    pub = load_publication(project)
    queries = ["ondernemers", "digitalisering", "bedrijventerreinen"]
    for query in queries:
        assert any(query in card.body.lower() for card in pub.cards), query
        found = search(tab, base_url, query)
        card_ranks = [
            i
            for i, path in enumerate(found)
            if path.startswith("projecten/") and path != "projecten/"
        ]
        listing_ranks = [
            i
            for i, path in enumerate(found)
            if path.startswith(LISTING_PAGES) and i not in card_ranks
        ]
        assert card_ranks, (query, found)
        assert not listing_ranks or max(card_ranks) < min(listing_ranks), (query, found)
        assert found[0].startswith("projecten/"), (query, found)


def choose_filter(tab, group: str, value: str) -> None:
    """Tick a filter value and wait until the result count has changed."""
    before = tab.inner_text(".pagefind-ui__message")
    block = tab.locator(".pagefind-ui__filter-block", has_text=group)
    if block.get_attribute("open") is None:
        block.locator("summary").click()
    block.locator(".pagefind-ui__filter-value", has_text=value).locator("input").check()
    tab.wait_for_function(
        "before => document.querySelector('.pagefind-ui__message').textContent !== before",
        arg=before,
    )


@pytest.mark.parametrize("project", ["voorbeeld"], indirect=True)
def test_results_narrow_by_category_and_partner(
    project: Path, site: Path, base_url: str, tab
) -> None:
    pub = load_publication(project)
    every = search(tab, base_url, "project")
    assert {f"projecten/{card.slug}/" for card in pub.cards} <= set(every)

    category = pub.cards[0].category
    choose_filter(tab, "Soort project", category.label)
    narrowed = results(tab, base_url, "project")
    assert set(narrowed) == {f"projecten/{c.slug}/" for c in pub.cards if c.category is category}

    index = partner_index(pub)
    partner = next(p for slug, p in index.partners.items() if index.cards_of(slug))
    assert len(search(tab, base_url, "project")) > len(index.cards_of(partner.slug))
    choose_filter(tab, "Partner", partner.name)
    narrowed = results(tab, base_url, "project")
    expected = index.cards_of(partner.slug) + index.named_in(partner.slug)
    assert set(narrowed) == {f"projecten/{c.slug}/" for c in expected}


def test_search_dialog_is_accessible_and_keyboard_operable(site: Path, base_url: str, tab) -> None:
    from axe_playwright_python.sync_playwright import Axe

    search(tab, base_url, "project")
    dialog = tab.locator("dialog#e071-search")
    assert dialog.get_attribute("open") is not None
    assert tab.evaluate("document.activeElement.closest('dialog') !== null")
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    violations = Axe().run(tab, options=options).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []
    # A result reached with the keyboard shows a focus ring that stands out from the white
    # dialog (WCAG 1.4.11: 3:1), not the header's yellow one (the dialog sits in the header).
    tab.focus(RESULT_LINKS)
    tab.keyboard.press("Shift+Tab")
    tab.keyboard.press("Tab")
    ring, ground = tab.evaluate(
        """() => [getComputedStyle(document.activeElement).outlineColor,
                  getComputedStyle(document.querySelector('dialog#e071-search')).backgroundColor]"""
    )
    assert tab.evaluate("document.activeElement.matches(':focus-visible')")
    assert _contrast(ring, ground) >= 3, (ring, ground)
    # Escape closes the dialog and gives focus back to the search button.
    tab.keyboard.press("Escape")
    assert dialog.get_attribute("open") is None
    assert tab.evaluate("document.activeElement.classList.contains('e071-search-open')")
    # "/" opens it again from anywhere on the page.
    tab.keyboard.press("/")
    tab.wait_for_selector("dialog#e071-search[open]")


def _contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two CSS `rgb(...)` colours."""

    def luminance(colour: str) -> float:
        channels = [int(c) / 255 for c in re.findall(r"\d+", colour)[:3]]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
