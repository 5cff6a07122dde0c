"""Hostile cards: refused with a message at the right line, or shown as plain text everywhere."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from macros.cli import main
from macros.loader import load_publication
from macros.problems import ContentError

from .conftest import (
    FIXTURES,
    HOSTILE,
    HOSTILE_BASKET,
    HOSTILE_EDITION_TITLE,
    page,
    project_with,
)
from .search_index import search_fragments

# file name -> (line, field, words the message must contain)
REFUSED: dict[str, tuple[int | None, str | None, str]] = {
    "script-tag.md": (8, "tekst", "<script> is niet toegestaan"),
    "style-tag.md": (8, "tekst", "<style> is niet toegestaan"),
    "iframe.md": (6, "tekst", "<iframe> is niet toegestaan"),
    "form.md": (6, "tekst", "<form> is niet toegestaan"),
    "object-embed.md": (6, "tekst", "<object> is niet toegestaan"),
    "event-handler.md": (8, "tekst", "'onerror' bij <img> zou een script starten"),
    "attr-list-handler.md": (6, "tekst", "'onclick' bij <h2> zou een script starten"),
    "markdown-javascript-link.md": (6, "tekst", "'javascript:' kan code bevatten"),
    "html-javascript-link.md": (9, "tekst", "'javascript:' kan code bevatten"),
    "reference-vbscript-link.md": (10, "tekst", "'vbscript:' kan code bevatten"),
    "data-image.md": (8, "tekst", "'data:' kan code bevatten"),
    "external-image.md": (8, "tekst", "staat op een andere website"),
    "front-matter-javascript-link.md": (6, "links[1].url", "is geen geldige link"),
    "yaml-python-name.md": (4, None, "'!!python/name:os.system' is niet toegestaan"),
    "billion-laughs.md": (None, None, "te groot door verwijzingen"),
    "render-macros-key.md": (5, "render_macros", "'render_macros' is geen bekend veld"),
    "title-markup.md": (8, "tekst", "mag geen < of > bevatten"),
    "theme-class.md": (8, "tekst", "opmaakklasse 'md-dialog' is niet toegestaan"),
    "bidi-title.md": (2, "title", "U+202E (richting omkeren)"),
    "newline-milestone.md": (7, "milestones[1].title", "moet op één regel staan"),
    "invisible-partner.md": (6, "partners[1]", "U+200B (spatie zonder breedte)"),
}
INERT = ("markdown-tricks.md", "markup-as-text.md", "template-code.md", "theme-ids.md")
ORIGINAL_TITLE = "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; Tom &amp; Jerry"


def test_the_corpus_is_complete() -> None:
    assert sorted(p.name for p in (HOSTILE / "refused").iterdir()) == sorted(REFUSED)
    assert tuple(sorted(p.name for p in (HOSTILE / "inert").iterdir())) == INERT


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_hostile_card_is_refused_with_file_line_and_field(name: str, tmp_path: Path) -> None:
    line, field, words = REFUSED[name]
    project = project_with(tmp_path, HOSTILE / "refused" / name)
    with pytest.raises(ContentError) as caught:
        load_publication(project)
    problems = caught.value.problems
    assert {p.file for p in problems} == {f"cards/{name}"}, caught.value.report()
    assert any(words in p.message for p in problems), caught.value.report()
    assert (problems[0].line, problems[0].field) == (line, field), str(problems[0])
    result = CliRunner(env={"GITHUB_ACTIONS": "true"}).invoke(
        main, ["--project", str(project), "validate"]
    )
    assert result.exit_code == 1
    location = f"file=cards/{name}" + (f",line={line}" if line else "")
    assert f"::error {location}," in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name", INERT)
def test_text_only_hostile_cards_pass_validation(name: str, tmp_path: Path) -> None:
    load_publication(project_with(tmp_path, HOSTILE / "inert" / name))


def _all_html(site: Path) -> dict[str, BeautifulSoup]:
    return {
        str(path.relative_to(site)): BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for path in sorted(site.rglob("*.html"))
    }


def test_template_code_is_shown_not_run(hostile_site: Path) -> None:
    for path in hostile_site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".xml"}:
            text = path.read_text(encoding="utf-8")
            assert "1337" not in text and "uid=" not in text, path
    card = page(hostile_site, "projecten/template-code/index.html")
    body = card.select_one(".e071-card").get_text(" ")
    for literal in (
        "Sjabloon {{ 7*191 }}",
        "{% for x in range(3) %}herhaal{% endfor %} {{ config.site_name }}",
        "{{ lipsum() }}",
        "{% include 'mkdocs.yml' %}",
        "{# opmerking #}",
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "{{ index_score() }}",
        "{% raw %}ruw{% endraw %}",
        "{{ page.title }}",
        "Uitkomst: {{ 7*191 }} en {% if true %}ja{% endif %}",
        '{% include "../mkdocs.yml" %}',
    ):
        assert literal in body, literal
    assert card.title.get_text() == "Sjabloon {{ 7*191 }} - Economie071 Projectoverzicht"
    overview = page(hostile_site, "projecten/index.html").get_text(" ")
    assert "Sjabloon {{ 7*191 }}" in overview
    home = page(hostile_site, "index.html")
    assert "Sjabloon {{ 7*191 }}" in home.get_text(" ")


def test_no_page_carries_script_from_content(hostile_site: Path) -> None:
    reference = page(hostile_site, "projecten/alpha-project/index.html")
    theme_scripts = [str(s) for s in reference.find_all("script")]
    for name, soup in _all_html(hostile_site).items():
        for element in soup.find_all(True):
            for attribute, value in element.attrs.items():
                assert not attribute.lower().startswith("on"), (name, str(element)[:80])
                if attribute in {"href", "src", "action", "formaction"}:
                    assert not re.match(r"\s*(javascript|vbscript|data):", value, re.I), name
        content = soup.select_one(".md-content") or soup
        for button in content.select(".md-content__button"):  # the theme's edit button icon
            button.decompose()
        for chart in content.select("svg.e071-chart"):  # the Index chart we draw from data
            chart.decompose()
        for tag in ("script", "style", "iframe", "object", "embed", "form", "svg", "img"):
            assert not content.find_all(tag), (name, tag)
        if name.startswith("projecten/") and name.count("/") == 2:
            assert [str(s) for s in soup.find_all("script")] == theme_scripts, name


def test_markup_in_fields_is_text_in_page_title_header_and_meta(hostile_site: Path) -> None:
    card = page(hostile_site, "projecten/markup-as-text/index.html")
    assert card.title.get_text() == f"{ORIGINAL_TITLE} - Economie071 Projectoverzicht"
    assert card.select_one("h1.e071-card__title").get_text() == ORIGINAL_TITLE
    topic = card.select('[data-md-component="header-topic"] .md-ellipsis')[0].get_text(strip=True)
    assert topic == ORIGINAL_TITLE
    description = card.find("meta", attrs={"name": "description"})["content"]
    assert description == "Aanhalingstekens \" en ' en &quot;&gt; onmouseover=alert(1) x"
    text = card.select_one(".e071-card").get_text(" ")
    assert '"><script>alert("doel")</script>' in text
    assert "</p></blockquote><img src=x onerror=alert('citaat')>" in text
    assert "<svg onload=alert('structuur')>" in text
    assert "<script>alert('blok')</script>" in text
    assert "<img src=x onerror=alert('ingesprongen')>" in text
    link = card.select_one(".e071-links a")
    assert link["href"] == "https://example.org/\"onmouseover=\"alert('link')"


def test_search_index_holds_text_not_markup(hostile_site: Path) -> None:
    """Pagefind stores the text a reader sees; its UI escapes it again when showing results
    (tests/test_hostile_browser.py searches the hostile site in Chromium)."""
    entries = {entry["url"]: entry for entry in search_fragments(hostile_site)}
    card = entries["/projecten/markup-as-text/"]
    assert card["meta"]["title"] == ORIGINAL_TITLE
    assert card["content"].startswith(ORIGINAL_TITLE)
    quote = "</p></blockquote><img src=x onerror=alert('citaat')>"
    assert quote in card["content"]


def test_data_file_text_in_macros_is_not_markdown(hostile_site: Path) -> None:
    home = page(hostile_site, "index.html")
    assert home.h1.get_text().removesuffix("¶").strip() == HOSTILE_EDITION_TITLE
    index = page(hostile_site, "index071/index.html")
    assert HOSTILE_BASKET in index.get_text(" ")
    for soup in (home, index):
        assert not soup.select("a[href^=javascript]")


def test_cli_shows_card_text_literally_and_control_characters_visibly(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "project", project)
    (project / "cards" / "beta-project.md").write_text(
        '---\ntitle: Beta\ncategory: "{{ 7*191 }}\\e[2J"\nsummary: x\n---\n', encoding="utf-8"
    )
    result = CliRunner(env={"GITHUB_ACTIONS": "true"}).invoke(
        main, ["--project", str(project), "validate"]
    )
    assert result.exit_code == 1
    assert "\x1b" not in result.output
    assert "'{{ 7*191 }}\\x1b[2J' is geen geldige keuze" in result.output
    assert "1337" not in result.output
