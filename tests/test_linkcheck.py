"""`kaarten links`: broken internal links and anchors in a built site are found."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from macros.cli import main
from macros.linkcheck import check_site

from .conftest import build


def test_a_built_site_has_no_broken_links(sample_site: Path) -> None:
    result = CliRunner().invoke(main, ["--project", str(sample_site.parent), "links"])
    assert result.exit_code == 0, result.output
    assert "Alle links in orde" in result.output


def test_broken_links_and_anchors_are_reported(sample: Path) -> None:
    site = build(sample)
    page = site / "projecten" / "index.html"
    page.write_text(
        page.read_text("utf-8").replace(
            "</body>",
            '<a href="../nergens/">a</a><a href="#geen-anker">b</a>'
            '<a href="../index.html#nope">c</a><a href="../../../buiten">d</a>'
            '<a href="https://example.org/x">extern</a><a href="mailto:a@b.nl">m</a></body>',
        ),
        "utf-8",
    )
    result = CliRunner().invoke(main, ["--project", str(sample), "links"])
    assert result.exit_code == 1
    assert "4 kapotte links gevonden" in result.output
    assert "projecten/index.html: ../nergens/ — deze pagina of dit bestand bestaat niet" in (
        result.output
    )
    assert "#geen-anker — dit anker bestaat niet op de pagina" in result.output
    assert "../index.html#nope — het anker #nope bestaat niet" in result.output
    assert "../../../buiten — wijst buiten de site" in result.output


def test_root_links_are_read_under_the_site_path(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="/sub/a/#x">x</a><a href="/b/">y</a>', "utf-8")
    (tmp_path / "a" / "index.html").write_text('<h2 id="x">X</h2>', "utf-8")
    broken = check_site(tmp_path, "/sub/")
    assert [(b.target, b.reason) for b in broken] == [("/b/", "wijst buiten de site")]


def test_missing_site_gives_a_clean_message(sample: Path) -> None:
    result = CliRunner().invoke(main, ["--project", str(sample), "links"])
    assert result.exit_code == 1
    assert "Fout: geen gebouwde site" in result.output
