"""The `kaarten diff` pull-request comment: card text and file names are inert Markdown."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from macros.changes import HEADING, code, md
from macros.cli import main

from .test_diff import fixture_repo

TITLE = (
    "Hallo @pietje en @economie071/redactie <!-- verstopt --> &#64;anna ## Kop [x](https://e.org)"
)


def rendered(markdown_text: str) -> BeautifulSoup:
    """The comment as HTML (Python-Markdown stands in for GitHub's renderer)."""
    return BeautifulSoup(markdown.markdown(markdown_text), "html.parser")


def mentions(text: str) -> list[str]:
    import re

    return re.findall(r"(?<![\w`])@[A-Za-z0-9][\w/-]*", text)


@pytest.mark.parametrize(
    "text",
    [
        TITLE,
        "regel een\n# Kop\n<!--\n\n- lijst",
        "`a` ``b`` ```c``` \\` \\",
        "\u202etxt.exe",
    ],
)
def test_card_text_is_one_inert_line(text: str) -> None:
    out = md(text)
    assert "\n" not in out
    soup = rendered(f"- {out}")
    assert not soup.find_all(["h1", "h2", "h3", "a", "code", "img"]), soup
    assert "<!--" not in str(soup).replace("&lt;!--", "")
    assert mentions(soup.get_text()) == []
    assert "\u202e" not in soup.get_text()


def test_issue_references_link_nowhere() -> None:
    import re

    text = rendered(f"- {md('zie #12, GH-3 en economie071/site#4; C# 7 blijft')}").get_text()
    assert re.findall(r"(?:#|GH-)\d", text) == [], text
    assert "C# 7 blijft" in text


@pytest.mark.parametrize(
    "name",
    ["cards/a`b.md", "cards/``x``.md", "`cards/x.md", "cards/x.md`", "cards/@pietje\n# kop.md"],
)
def test_a_file_name_stays_inside_its_code_span(name: str) -> None:
    span = code(name)
    assert "\n" not in span
    codes = rendered(f"Bestand {span} klaar").find_all("code")
    assert len(codes) == 1
    assert codes[0].get_text().strip() == name.replace("\n", "\\n").strip()


def test_a_hostile_card_and_file_name_cannot_hijack_the_comment(tmp_path: Path) -> None:
    repo = fixture_repo(tmp_path)
    title = "Hallo @pietje en @economie071/redactie &#64;anna ## Kop [x](https://e.org)"
    (repo / "cards" / "delta.md").write_text(
        f"---\ntitle: '{title}'\ncategory: new\nsummary: '@iedereen'\n---\n", encoding="utf-8"
    )
    (repo / "cards" / "x`y\n<!-- @team.md").write_text("---\ntitle: [\n", encoding="utf-8")
    alpha = repo / "cards" / "alpha-project.md"
    alpha.write_text(
        alpha.read_text("utf-8").replace("title: Alpha project", "title: Alpha @pietje"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["--project", str(repo), "diff", "HEAD"])
    assert result.exit_code == 0, result.output
    soup = rendered(result.output)
    assert [h.get_text() for h in soup.find_all(["h1", "h2", "h3", "h4"])] == [
        HEADING.removeprefix("## ")
    ]
    assert "<!--" not in str(soup).replace("&lt;!--", "")
    text = soup.get_text()
    # GitHub pings nobody from inside a code span; everywhere else no @name may remain.
    outside_code = BeautifulSoup(str(soup), "html.parser")
    for span in outside_code.find_all("code"):
        span.decompose()
    assert mentions(outside_code.get_text()) == [], mentions(outside_code.get_text())
    # Everything is still there for the reviewer to read, and the warning is not hidden.
    assert "Let op:" in text
    assert "Hallo @\u200bpietje en @\u200beconomie071/redactie &#\u200b64;anna ## Kop [x]" in text
    assert any("x`y\\n<!-- @team.md" in c.get_text() for c in soup.find_all("code"))
    assert not soup.find_all("a")
