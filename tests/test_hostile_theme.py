"""A card cannot take over the theme: its ids stay in its own namespace and no title becomes HTML.

Material reads its settings from the first element with `id="__config"`; with `content.tooltips`
on, it inserts `title` attributes as HTML. The hostile card `theme-ids.md` tries both, plus the
ids of the theme's toggles, of the card page's own sections and of the print's anchors. The
browser test hovers, focuses and clicks every element of that page and checks that nothing ran.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.html_policy import render_body
from macros.render import BODY_ID_PREFIX, sanitize, template_ids

from .browser import needs_chromium, serve
from .conftest import HOSTILE, page

CARD = "projecten/theme-ids/index.html"
# What a hostile title would carry if markup were allowed in it.
PAYLOAD = '<img src=x onerror="window.__pwned=1">'


def _body_ids(html: str) -> list[str]:
    from bs4 import BeautifulSoup

    return [el["id"] for el in BeautifulSoup(html, "html.parser").find_all(id=True)]


def test_ids_the_theme_or_the_card_page_use_move_aside_and_links_follow() -> None:
    body = (HOSTILE / "inert" / "theme-ids.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    html = str(sanitize(render_body(body)))
    ids = _body_ids(html)
    assert {
        f"{BODY_ID_PREFIX}__config",
        f"{BODY_ID_PREFIX}__search",
        f"{BODY_ID_PREFIX}doel",
    } <= set(ids)
    assert not [i for i in ids if i.startswith("_") or i in template_ids()], ids
    assert f'href="#{BODY_ID_PREFIX}__search"' in html
    assert f'href="#{BODY_ID_PREFIX}doel"' in html
    # A plain heading keeps its anchor, so links to it from elsewhere keep working.
    assert 'id="kaart"' in str(sanitize(render_body("## Kaart")))
    # A link copied from the site keeps working; it stays inside the namespace either way.
    copied = str(sanitize(f'<a href="#{BODY_ID_PREFIX}aanpak">x</a>'))
    assert f'href="#{BODY_ID_PREFIX}aanpak"' in copied


def test_markup_in_a_title_never_reaches_the_page() -> None:
    html = str(sanitize(f'<abbr title="{PAYLOAD.replace(chr(34), "&quot;")}">x</abbr>'))
    assert "title" not in html and "onerror" not in html
    assert 'title="Tom &amp; Jerry"' in str(sanitize('<abbr title="Tom &amp; Jerry">x</abbr>'))


@pytest.mark.parametrize("name", ["md-header", "annotate", "mermaid", "tabbed-set", "e071-card"])
def test_theme_classes_are_removed(name: str) -> None:
    assert name not in str(sanitize(f'<div class="{name} admonition note">x</div>'))


def test_card_page_keeps_theme_and_template_ids(hostile_site: Path) -> None:
    card = page(hostile_site, CARD)
    reference = page(hostile_site, "projecten/alpha-project/index.html")
    configs = card.select('[id="__config"]')
    assert len(configs) == 1 and configs[0].name == "script"
    assert configs[0].get_text() == reference.select_one("#__config").get_text()
    ids = [el["id"] for el in card.find_all(id=True)]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    body_ids = {el["id"] for el in card.select(".e071-card__body [id]")}
    template_ids = set(ids) - body_ids
    assert body_ids and not body_ids & template_ids, body_ids & template_ids
    assert not [i for i in body_ids if i.startswith("_")], body_ids
    # The card's own sections keep their anchors; the body's same-named headings move aside.
    assert card.select_one("#doel").get_text(strip=True) == "Doel"
    assert card.select_one("#doel").find_parent(class_="e071-card__body") is None
    assert card.select_one("#mijlpalen").find_parent(class_="e071-card__body") is None
    # The page's table of contents points at the ids the body really has.
    toc = {a["href"] for a in card.select(".md-sidebar--secondary a.md-nav__link")}
    assert {"#doel", "#mijlpalen", f"#{BODY_ID_PREFIX}doel", f"#{BODY_ID_PREFIX}mijlpalen"} <= toc
    assert all(card.find(id=href[1:]) is not None for href in toc if href.startswith("#")), toc


# Each element of the card is pointed at, focused and clicked; a link that leaves the page is
# followed back. Real mouse and keyboard events, as a reader makes them.
TOUCH_EVERY_ELEMENT = """(index) => {
  const elements = document.querySelectorAll("article *");
  return index < elements.length ? elements[index].tagName : null;
}"""


# Setting window.__pwned (what the payload does) is reported to the test at once, so a payload
# that runs just before a click's navigation leaves the page is not lost with it.
REPORT_PWNED = """(() => {
  let value;
  Object.defineProperty(window, "__pwned", {
    get: () => value,
    set: (v) => { value = v; window.__reportPwned(String(v)); },
  });
})();"""


@pytest.fixture(scope="module")
def tooltip_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile cards built with Material's `content.tooltips` on, as the bureau might one
    day configure it: titles are then inserted as HTML, so none may carry markup."""
    import shutil

    from .conftest import FIXTURES, build, make_project

    project = make_project(tmp_path_factory.mktemp("tooltips") / "project", FIXTURES / "project")
    for card in sorted((HOSTILE / "inert").glob("*.md")):
        shutil.copy(card, project / "cards" / card.name)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  features:\n" in text
    config.write_text(
        text.replace("  features:\n", "  features:\n    - content.tooltips\n", 1), encoding="utf-8"
    )
    # The browser test below reads its pages only: no PDF needed.
    return build(project, pdf=False)


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("site_name", ["hostile_site", "tooltip_site"])
def test_hostile_card_page_runs_no_script_when_touched(
    site_name: str, request: pytest.FixtureRequest, chromium
) -> None:
    from playwright.sync_api import Error as PlaywrightError

    hostile_site: Path = request.getfixturevalue(site_name)

    dialogs: list[str] = []
    pwned: list[str] = []
    with serve(hostile_site) as base:
        context = chromium.new_context()
        try:
            context.route(
                "**/*",
                lambda route: (
                    route.continue_() if route.request.url.startswith(base) else route.abort()
                ),
            )
            # A payload that runs on a page the click has already left still counts.
            context.expose_function("__reportPwned", lambda value: pwned.append(value))
            context.add_init_script(REPORT_PWNED)
            tab = context.new_page()
            tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            url = base + "projecten/theme-ids/"
            tab.goto(url, wait_until="networkidle")
            assert tab.evaluate("() => document.querySelectorAll('article *').length") > 20
            touched = 0
            index = 0
            while True:
                if tab.url.split("#", 1)[0] != url:
                    tab.goto(url, wait_until="load")
                try:
                    tag = tab.evaluate(TOUCH_EVERY_ELEMENT, index)
                except PlaywrightError as error:
                    # The last click started a navigation only now: back to the card first.
                    if "context was destroyed" not in str(error):
                        raise
                    tab.wait_for_load_state("load")
                    continue
                if tag is None:
                    break
                element = tab.locator("article *").nth(index)
                index += 1
                if not element.is_visible():
                    continue
                element.hover(force=True, timeout=10_000)
                element.focus()
                element.click(force=True, timeout=10_000)
                tab.wait_for_timeout(30)
                tab.wait_for_load_state("load")
                touched += 1
                assert pwned == [], (tag, index)
            tab.goto(url + f"#{BODY_ID_PREFIX}__search", wait_until="networkidle")
            config = tab.evaluate(
                "() => JSON.parse(document.getElementById('__config').textContent).features"
            )
            # Only the site's own configuration counts, never the card's.
            assert ("content.tooltips" in config) is (site_name == "tooltip_site")
            assert tab.evaluate("() => window.__pwned") is None
        finally:
            context.close()
    assert touched > 20
    assert dialogs == [] and pwned == []


# Attributes Material's JavaScript (or a browser) acts on beyond showing text: never allowed.
THEME_ATTRIBUTES = {"for", "form", "name", "style", "target", "srcset", "usemap", "tabindex"}


def test_the_allowlist_holds_no_attribute_the_theme_acts_on() -> None:
    from macros.render import ALLOWED_ATTRIBUTES

    for tag, names in ALLOWED_ATTRIBUTES.items():
        assert not names & THEME_ATTRIBUTES, (tag, names & THEME_ATTRIBUTES)
        assert not any(n.startswith(("data-", "on", "aria-")) for n in names), (tag, names)
        if "title" in names:
            assert tag in {"a", "img", "abbr"}, tag
    html = str(
        sanitize(
            '<p data-md-component="skip" data-md-toggle="search" name="__search" tabindex="0">'
            '<a href="#x" target="_blank" data-clipboard-text="x">x</a></p>'
        )
    )
    assert "data-" not in html and "name=" not in html and "target=" not in html, html


def test_every_in_page_link_of_the_hostile_card_has_its_target(hostile_site: Path) -> None:
    from macros.linkcheck import check_site

    broken = [str(b) for b in check_site(hostile_site) if b.page.startswith("projecten/")]
    assert broken == []


def test_template_ids_lists_every_id_of_the_card_template() -> None:
    """An id written in the card template must be one of template_ids(), or a body could claim
    it (the sections' own ids come from card_sections: see test_card_sections)."""
    import re

    from macros.render import environment

    source = environment().loader.get_source(environment(), "card.html")[0]
    included = re.findall(r'{%\s*include\s+"([^"]+)"', source)
    for name in included:
        source += environment().loader.get_source(environment(), name)[0]
    assert set(re.findall(r'\bid="([^"{}]+)"', source)) <= template_ids()
    assert not re.findall(r'\bid="[^"]*{{', source), "an id computed in the template"
