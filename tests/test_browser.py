"""The built site in headless Chromium: accessibility (axe), no third-party requests and the
category filter, as partners use them (search: tests/test_search.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .browser import CHROMIUM, WCAG_TAGS, needs_chromium, serve, site_pages
from .conftest import CONTENT, FIXTURES, build, make_project

pytestmark = needs_chromium

PROJECTS = {
    "voorbeeld": FIXTURES / "project",
    # Two published editions and a current one: /edities/, edition pages, "Wat is er nieuw".
    "edities": FIXTURES / "editions",
    "editie": CONTENT,
}


@pytest.fixture(scope="module", params=list(PROJECTS))
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A strict build of the sample project and of the shipped edition."""
    source = PROJECTS[request.param]
    if not (source / "cards").is_dir():
        pytest.skip(f"{source} heeft (nog) geen kaarten")
    return build(make_project(tmp_path_factory.mktemp(request.param) / "project", source))


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def tab(browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    yield context.new_page()
    context.close()


def test_every_page_has_no_wcag_a_or_aa_violations(site: Path, base_url: str, tab) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    pages = site_pages(site)
    assert "partners/" in pages and "agenda/" in pages and "toegankelijkheid/" in pages
    found = {}
    for path in pages:
        tab.goto(base_url + path)
        results = axe.run(tab, options=options)
        violations = [
            f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
        ]
        if violations:
            found[path] = violations
    assert found == {}


def test_no_request_leaves_the_site(site: Path, base_url: str, tab) -> None:
    requested: list[str] = []
    tab.on("request", lambda request: requested.append(request.url))
    for path in site_pages(site):
        tab.goto(base_url + path, wait_until="networkidle")
    # Searching loads Pagefind's UI, WebAssembly and index chunks: those must be local too.
    tab.goto(base_url)
    tab.click(".e071-search-open")
    tab.fill("#e071-search-ui input", "project")
    tab.wait_for_selector(".pagefind-ui__result")
    outside = sorted(
        {url for url in requested if urlsplit(url).hostname not in ("127.0.0.1", None)}
        - {url for url in requested if url.startswith(("data:", "blob:"))}
    )
    assert len(requested) > len(site_pages(site))
    assert outside == []


def _visible_groups(tab) -> list[str]:
    return tab.eval_on_selector_all(
        ".e071-overview .e071-group", "els => els.filter(e => !e.hidden).map(e => e.id)"
    )


def _settled_groups(tab, expected: list[str]) -> list[str]:
    """The visible groups once the filter has reacted (it runs on hashchange, after the hash)."""
    for _ in range(50):
        groups = _visible_groups(tab)
        if groups == expected:
            return groups
        tab.wait_for_timeout(100)
    return groups


def _current(tab) -> list[str]:
    return tab.eval_on_selector_all(
        ".e071-filter a[aria-current='true']", "els => els.map(e => e.textContent.trim())"
    )


def test_category_filter_with_javascript(site: Path, base_url: str, tab) -> None:
    tab.goto(base_url + "projecten/")
    groups = _visible_groups(tab)
    assert len(groups) >= 2
    assert _current(tab) == ["Alle projecten"]

    chosen = groups[1]
    tab.click(f".e071-filter a[href='#{chosen}']")
    tab.wait_for_function(f"location.hash === '#{chosen}'")
    assert _settled_groups(tab, [chosen]) == [chosen]
    assert len(_current(tab)) == 1 and _current(tab)[0] != "Alle projecten"
    assert "getoond" in tab.inner_text(".e071-filter [role=status]")

    # The keyboard works the same: focus "Alle projecten" and press Enter.
    tab.focus(".e071-filter a[href='#alle-projecten']")
    tab.keyboard.press("Enter")
    tab.wait_for_function("location.hash === '#alle-projecten'")
    assert _settled_groups(tab, groups) == groups
    assert _current(tab) == ["Alle projecten"]

    # A link with a category in its hash opens filtered, and the back button undoes a choice.
    tab.goto(base_url + f"projecten/#{groups[0]}")
    assert _settled_groups(tab, [groups[0]]) == [groups[0]]
    tab.click(f".e071-filter a[href='#{chosen}']")
    tab.go_back()
    tab.wait_for_function(f"location.hash === '#{groups[0]}'")
    assert _settled_groups(tab, [groups[0]]) == [groups[0]]


def test_category_filter_without_javascript(site: Path, base_url: str, browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(base_url + "projecten/")
    groups = _visible_groups_static(tab)
    assert len(groups) >= 2
    # Every filter link points at a section on the page, so it works as a plain anchor.
    targets = tab.eval_on_selector_all(
        ".e071-filter a", "els => els.map(e => e.getAttribute('href'))"
    )
    for target in targets:
        assert tab.locator(target).count() == 1
    tab.goto(base_url + f"projecten/#{groups[-1]}")
    assert tab.locator(f"#{groups[-1]}").is_visible()
    assert tab.locator(f"#{groups[0]}").is_visible()
    context.close()


def _visible_groups_static(tab) -> list[str]:
    return tab.eval_on_selector_all(".e071-overview .e071-group", "els => els.map(e => e.id)")


def test_keyboard_focus_is_visible(site: Path, base_url: str, tab) -> None:
    tab.goto(base_url + "projecten/")
    tab.focus(".e071-tile__title a")
    outline = tab.eval_on_selector(
        ".e071-tile__title a:focus-visible, .e071-tile__title a:focus",
        "e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth]; }",
    )
    assert outline[0] != "none" and float(outline[1].removesuffix("px")) >= 2
