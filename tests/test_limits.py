"""Bodies and partner lists built to crash or stall the build are refused with a Dutch message.

Issue #10 (deep nesting, quadratic cases). The hostile bodies are generated here: they are large
and regular, and their size is the point. Speed is measured by scripts/measure_adversarial.py,
not here; these tests check the outcome (refused where, with what) and that what the limits
accept still builds.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from macros.body_limits import (
    MAX_CONTAINER_DEPTH,
    MAX_HTML_DEPTH,
    MAX_INLINE_MARKERS,
    bracket_scan,
    container_depth,
    limit_problems,
    tag_scan,
)
from macros.cli import main
from macros.loader import load_publication
from macros.partner_limits import MAX_ALIASES, MAX_NAME_LENGTH, MAX_NAMES
from macros.problems import ContentError

from .conftest import FIXTURES, build, mkdocs_build_process, page

HEAD = "---\ntitle: Aanval\ncategory: running\nsummary: Een kaart om de grenzen te testen.\n---\n"
INTRO = "## Inleiding\n\nEen gewone alinea.\n\n"
# The hostile part starts on this line of the card file (HEAD is 5 lines, INTRO 4).
HOSTILE_LINE = 10

# case -> (body, line of the problem counted from the body's hostile part, words of the message)
REFUSED = {
    "quotes": ("> " * 150 + "te diep", 0, "nest citaten"),
    "list-markers": ("- " * 5000, 0, "nest citaten ('>') of opsommingen"),
    "indented-lists": (
        "\n".join(" " * (4 * level) + "- punt" for level in range(40)),
        MAX_CONTAINER_DEPTH,
        "lagen diep",
    ),
    "nested-divs": (
        '<div markdown="1">\n' * 3000 + "x\n" + "</div>\n" * 3000,
        MAX_HTML_DEPTH,
        "HTML-elementen",
    ),
    "open-brackets": ("[" * 16_000, 0, "opmaaktekens"),
    "image-brackets": ("[![" * 76_000, 0, "opmaaktekens"),
    "emphasis": ("*a" * 50_000, 0, "opmaaktekens"),
    "bracket-scan": ("[" * 150 + " woord" * 2_000, 0, "haken '['"),
    "link-targets": ("[x](" * 150 + " woord" * 2_000, 0, "haken '['"),
    "many-paragraphs": ("\n\n".join(["*a*" * 50] * 100), 2 * 20, "meer dan 2000 opmaaktekens"),
    "many-blocks": ("- a\n" * 3000, 999, "te veel alinea's, opsommingspunten"),
    "unclosed-tags": ("Tekst.\n\n" + "\n\n".join(["<a " + "woord " * 200] * 100), 2, "'&lt;'"),
}


def _project(tmp_path: Path, body: str, name: str = "aanval") -> Path:
    project = tmp_path / "project"
    if not project.exists():
        shutil.copytree(FIXTURES / "project", project)
    (project / "cards" / f"{name}.md").write_text(HEAD + INTRO + body + "\n", encoding="utf-8")
    return project


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_hostile_body_is_refused_at_its_line(case: str, tmp_path: Path) -> None:
    body, offset, words = REFUSED[case]
    project = _project(tmp_path, body)
    with pytest.raises(ContentError) as caught:
        load_publication(project)
    (problem,) = [p for p in caught.value.problems if words in p.message]
    assert (problem.file, problem.line, problem.field) == (
        "cards/aanval.md",
        HOSTILE_LINE + offset,
        "tekst",
    )
    result = CliRunner().invoke(main, ["--project", str(project), "validate"])
    assert result.exit_code == 1
    assert f"cards/aanval.md, regel {problem.line}, tekst: " in result.output
    assert "Traceback" not in result.output


def test_the_line_of_a_nesting_problem_is_the_line_that_goes_over() -> None:
    body = "a\n\n" + "\n".join(" " * (4 * level) + "- punt" for level in range(15))
    body_line = 7  # the file line the body starts on (a fixture value, no card count)
    (problem,) = limit_problems(body, "cards/x.md", body_line)
    # Lines 0 and 1 are "a" and blank; the item at indent level 10 is depth 11.
    assert problem.line == body_line + 2 + MAX_CONTAINER_DEPTH


def test_container_depth_counts_quotes_lists_and_indentation() -> None:
    assert container_depth("gewone tekst") == 0
    assert container_depth("> citaat") == 1
    assert container_depth("> - > 1. diep") == 4
    assert container_depth("        - punt") == 3
    assert container_depth("**vet** en *schuin*") == 0
    assert container_depth("-geen lijst") == 0


def test_tag_scan_counts_only_tags_that_never_close() -> None:
    assert tag_scan("<b>vet</b> <!-- noot --> <br/>") == (0, -1)
    assert tag_scan("a <b en verder") == (len("<b en verder"), 2)
    assert tag_scan("x < 5 en 3 > 2") == (0, -1)


def test_bracket_scan_is_the_length_python_markdown_scans() -> None:
    assert bracket_scan("[tekst](https://example.org)") == len("[tekst") + len(
        "(https://example.org"
    )
    assert bracket_scan("[[a]]") == 4 + 2
    # Unmatched: each "[" scans to the end of the text.
    assert bracket_scan("[[[abc") == 6 + 5 + 4
    assert bracket_scan("geen haken") == 0


def test_what_the_limits_accept_builds_and_prints(tmp_path: Path) -> None:
    """The deepest nesting and most markers the limits allow still go through site and PDF."""
    deepest = "> " * (MAX_CONTAINER_DEPTH - 1) + "- diep geneste tekst"
    divs = "<div>" * MAX_HTML_DEPTH + "in elkaar" + "</div>" * MAX_HTML_DEPTH
    emphasis = "*a*" * (MAX_INLINE_MARKERS // 2)
    body = "\n\n".join([deepest, divs, emphasis])
    assert limit_problems(body, "cards/aanval.md", 1) == []
    project = _project(tmp_path, body)
    load_publication(project)
    from .conftest import make_project

    # The site's pages here; the PDF below, from `kaarten pdf`.
    site = build(make_project(tmp_path / "site-project", project), pdf=False)
    text = page(site, "projecten/aanval/index.html").select_one(".e071-card__body").get_text()
    assert "diep geneste tekst" in text and "in elkaar" in text
    result = CliRunner().invoke(
        main, ["--project", str(project), "pdf", "-o", str(tmp_path / "uit.pdf")]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "uit.pdf").stat().st_size > 0


def test_the_build_refuses_a_deep_body_with_the_validate_message(sample: Path) -> None:
    (sample / "cards" / "aanval.md").write_text(HEAD + INTRO + "> " * 150 + "x\n")
    run = mkdocs_build_process(sample)
    assert run.returncode == 1
    assert f"cards/aanval.md, regel {HOSTILE_LINE}, tekst: deze regel nest citaten" in run.stderr
    assert "Traceback" not in run.stderr + run.stdout


def _partners(project: Path, partners: list[str]) -> None:
    (project / "data" / "partners.yaml").write_text("partners:\n" + "\n".join(partners) + "\n")


def test_partner_limits_are_refused_at_their_line(tmp_path: Path) -> None:
    project = _project(tmp_path, "Tekst.")
    leiden = "  - {name: gemeente Leiden, slug: gemeente-leiden, kind: municipality}"
    many = ", ".join(f"Alias {n}" for n in range(MAX_ALIASES + 1))
    long_name = "L" * (MAX_NAME_LENGTH + 1)
    _partners(
        project,
        [
            leiden,
            "  - {name: VNO-NCW Rijnland, slug: vno-ncw-rijnland, kind: business, "
            f"aliases: [{many}]}}",
            f"  - {{name: {long_name}, slug: lang, kind: business}}",
        ],
    )
    with pytest.raises(ContentError) as caught:
        load_publication(project)
    found = {(p.file, p.line, p.field): p.message for p in caught.value.problems}
    assert (
        f"{MAX_ALIASES + 1} andere namen" in found[("data/partners.yaml", 3, "partners[2].aliases")]
    )
    assert "tekens lang" in found[("data/partners.yaml", 4, "partners[3].name")]


def test_too_many_partner_names_in_total_are_refused(tmp_path: Path) -> None:
    project = _project(tmp_path, "Tekst.")
    lines = ["  - {name: gemeente Leiden, slug: gemeente-leiden, kind: municipality}"]
    per_partner = MAX_ALIASES
    for number in range(MAX_NAMES // (per_partner + 1) + 1):
        aliases = ", ".join(f"Naam {number}-{n}" for n in range(per_partner))
        lines.append(
            f"  - {{name: Partner {number}, slug: p{number}, kind: business, aliases: [{aliases}]}}"
        )
    _partners(project, lines)
    with pytest.raises(ContentError) as caught:
        load_publication(project)
    messages = [p.message for p in caught.value.problems if p.field == "partners"]
    assert messages and f"het maximum is {MAX_NAMES}" in messages[0]
