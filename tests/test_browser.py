"""The built site in headless Chromium: accessibility (axe), no third-party requests and the
category filter, as partners use them (search: tests/test_search.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .browser import WCAG_TAGS, needs_chromium, serve, site_pages
from .conftest import CONTENT

pytestmark = [pytest.mark.browser, needs_chromium]

PROJECTS = {
    "voorbeeld": "sample_site",
    # Two published editions and a current one: /edities/, edition pages, "Wat is er nieuw".
    "edities": "editions_site",
    "editie": "edition_site",
}


@pytest.fixture(scope="module", params=list(PROJECTS))
def site(request: pytest.FixtureRequest) -> Path:
    """The shared strict builds of the sample project and of the shipped edition."""
    if request.param == "editie" and not (CONTENT / "cards").is_dir():
        pytest.skip(f"{CONTENT} heeft (nog) geen kaarten")
    return request.getfixturevalue(PROJECTS[request.param])


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture
def tab(chromium) -> Iterator[object]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    yield context.new_page()
    context.close()


# axe's run once the page's CSS transitions and animations have ended (at most a second): a
# link whose colour is still fading in after the load event would otherwise fail contrast.
AXE_WHEN_SETTLED = """async options => {
  const settled = Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)));
  await Promise.race([settled, new Promise(resolve => setTimeout(resolve, 1000))]);
  return axe.run(document, options);
}"""


@dataclass
class Walk:
    """What one visit of every page of a site recorded, for the tests to assert on."""

    pages: list[str]
    requests: list[str] = field(default_factory=list)
    violations: dict[str, list[str]] = field(default_factory=dict)
    console_errors: dict[str, list[str]] = field(default_factory=dict)


@pytest.fixture(scope="module")
def walk(site: Path, base_url: str, chromium) -> Walk:
    """Visit every page of the site once, as a reader on a desktop: record every request,
    every console error and uncaught exception, and axe's WCAG A/AA violations.

    axe-core is put into every page before the page's own scripts (an init script: about three
    times faster than injecting it after each load). Each page is checked right after its load
    event; axe's run (about a second) gives the page time for the requests it makes after
    loading (search index, worker), which the log records as `networkidle` would."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    record = Walk(pages=site_pages(site))
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    context.add_init_script(Axe().axe_script)
    tab = context.new_page()
    current = [""]
    tab.on("request", lambda request: record.requests.append(request.url))
    tab.on(
        "console",
        lambda message: (
            record.console_errors.setdefault(current[0], []).append(message.text)
            if message.type == "error"
            else None
        ),
    )
    tab.on(
        "pageerror",
        lambda error: record.console_errors.setdefault(current[0], []).append(str(error)),
    )
    try:
        for path in record.pages:
            current[0] = path
            tab.goto(base_url + path, wait_until="load")
            results = tab.evaluate(AXE_WHEN_SETTLED, options)
            violations = [
                f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in results["violations"]
            ]
            if violations:
                record.violations[path] = violations
        tab.wait_for_load_state("networkidle")
    finally:
        context.close()
    return record


def _outside(requests: list[str]) -> list[str]:
    """Requested URLs on another host than the test server (data: and blob: are local)."""
    return sorted(
        {
            url
            for url in requests
            if urlsplit(url).hostname not in ("127.0.0.1", None)
            and not url.startswith(("data:", "blob:"))
        }
    )


def test_the_walk_visits_the_readers_pages(walk: Walk) -> None:
    assert "partners/" in walk.pages and "agenda/" in walk.pages
    assert "toegankelijkheid/" in walk.pages and "projecten/" in walk.pages
    # Every page was loaded, with its styles and scripts: more requests than pages.
    assert len(walk.requests) > 2 * len(walk.pages)


def test_every_page_has_no_wcag_a_or_aa_violations(walk: Walk) -> None:
    assert walk.violations == {}


def test_no_page_logs_an_error_in_the_console(walk: Walk) -> None:
    assert walk.console_errors == {}


def test_no_request_leaves_the_site(walk: Walk) -> None:
    assert _outside(walk.requests) == []


def test_search_requests_stay_on_the_site(base_url: str, tab) -> None:
    """Searching loads the index and the search worker: those must be local too."""
    requested: list[str] = []
    tab.on("request", lambda request: requested.append(request.url))
    # Pagefind's UI, WebAssembly and index chunks load when a reader opens the search box.
    tab.goto(base_url)
    tab.click(".e071-search-open")
    tab.fill("#e071-search-ui input", "project")
    tab.wait_for_selector(".pagefind-ui__result")
    assert any("/pagefind/" in url for url in requested)
    assert _outside(requested) == []


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


def test_category_filter_without_javascript(site: Path, base_url: str, chromium) -> None:
    context = chromium.new_context(java_script_enabled=False)
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
