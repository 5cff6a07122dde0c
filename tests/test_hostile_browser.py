"""The site built from hostile cards, opened in headless Chromium: nothing from a card runs."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .browser import serve
from .test_hostile_cards import ORIGINAL_TITLE

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and os.environ.get("CI") != "true",
        reason="needs /usr/bin/chromium (required in CI)",
    ),
]

# The theme makes no request of its own outside the site (overrides/partials/source.html).
THEME_REQUESTS: set[str] = set()

# Every handler a reader can set off by pointing, tabbing or waiting, fired on every element.
FIRE_EVERY_HANDLER = """() => {
  const types = ["mouseover", "mouseenter", "pointerover", "focus", "focusin", "animationstart"];
  for (const element of document.querySelectorAll("*")) {
    for (const type of types) element.dispatchEvent(new Event(type));
  }
}"""


@pytest.fixture
def served(hostile_site: Path) -> Iterator[str]:
    """The hostile site at the server's root."""
    with serve(hostile_site, prefix="/") as url:
        yield url.rstrip("/")


# Pages loaded at once, each in its own tab: their half-second waits for a quiet network overlap.
TABS_AT_ONCE = 8


def test_hostile_site_runs_no_script_in_the_browser(
    hostile_site: Path, served: str, chromium
) -> None:
    from playwright.sync_api import Route

    pages = sorted(
        "/" + (p.parent.relative_to(hostile_site).as_posix() + "/").lstrip("./")
        for p in hostile_site.rglob("index.html")
    )
    assert "/projecten/markup-as-text/" in pages and "/projecten/template-code/" in pages
    dialogs: list[str] = []
    errors: list[tuple[str, str]] = []
    foreign: list[str] = []
    landed: list[tuple[str, str]] = []

    def only_this_site(route: Route) -> None:
        url = route.request.url
        if url.startswith(served + "/"):
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    context = chromium.new_context()
    context.route("**/*", only_this_site)

    def new_tab():
        tab = context.new_page()
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        tab.on("pageerror", lambda error: errors.append((str(error), "")))
        tab.on(
            "console",
            lambda message: (
                errors.append((message.text, message.location.get("url", "")))
                if message.type == "error"
                else None
            ),
        )
        return tab

    try:
        for start in range(0, len(pages), TABS_AT_ONCE):
            batch = [(served + path, new_tab()) for path in pages[start : start + TABS_AT_ONCE]]
            for url, tab in batch:
                tab.goto(url, wait_until="commit")
            for url, tab in batch:
                tab.wait_for_load_state("networkidle")
                tab.evaluate(FIRE_EVERY_HANDLER)
                tab.wait_for_load_state("networkidle")
                landed.append((url, urlsplit(tab.url)._replace(fragment="").geturl()))
                tab.close()
        # Search results show card text: found, and still only text.
        tab = new_tab()
        tab.goto(served + "/")
        tab.click(".e071-search-open")
        tab.fill("#e071-search-ui input", "alert")
        tab.wait_for_selector(".pagefind-ui__result-link[href$='/projecten/markup-as-text/']")
        tab.evaluate(FIRE_EVERY_HANDLER)
        titles = tab.eval_on_selector_all(
            ".pagefind-ui__result-link", "els => els.map(e => e.textContent.trim())"
        )
        injected = tab.eval_on_selector_all(
            "#e071-search-ui :is(script, img, iframe, object)", "els => els.length"
        )
    finally:
        context.close()

    assert len(landed) == len(pages)
    assert dialogs == []
    assert ORIGINAL_TITLE in titles and injected == 0
    # The only errors are the blocked theme requests failing to load.
    assert [(text, url) for text, url in errors if url not in THEME_REQUESTS] == []
    assert [(want, got) for want, got in landed if want != got] == []
    assert set(foreign) <= THEME_REQUESTS
