"""The `kaarten` command through click's CliRunner."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from macros.cli import main
from macros.loader import load_publication

from .conftest import CONTENT, FIXTURES


def test_validate_accepts_a_valid_project(sample: Path) -> None:
    result = CliRunner().invoke(main, ["--project", str(sample), "validate"])
    assert result.exit_code == 0, result.output
    assert "3 kaarten" in result.output


def test_validate_lists_every_problem_and_exits_1(sample: Path) -> None:
    shutil.copy(FIXTURES / "invalid" / "misspelt-category.md", sample / "cards")
    shutil.copy(FIXTURES / "invalid" / "bad-url.md", sample / "cards")
    result = CliRunner().invoke(main, ["--project", str(sample), "validate"])
    assert result.exit_code == 1
    assert "2 problemen gevonden" in result.output
    assert "cards/misspelt-category.md, regel 3, category" in result.output
    assert "cards/bad-url.md, regel 6, links[1].url" in result.output
    assert "Traceback" not in result.output


def test_validate_prints_github_annotations_in_actions(sample: Path) -> None:
    shutil.copy(FIXTURES / "invalid" / "misspelt-category.md", sample / "cards")
    result = CliRunner(env={"GITHUB_ACTIONS": "true"}).invoke(
        main, ["--project", str(sample), "validate"]
    )
    assert "::error file=cards/misspelt-category.md,line=3,title=category::" in result.output


def test_the_shipped_edition_is_valid() -> None:
    result = CliRunner().invoke(main, ["--project", str(CONTENT), "validate"])
    assert result.exit_code == 0, result.output
    assert f"{len(load_publication(CONTENT).cards)} kaarten" in result.output
