"""The commands editors run: a clear refusal outside a project, and mkdocs without noise."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import urlopen

import pytest
from click.testing import CliRunner

from macros.cli import main

from .browser import SITE_PATH
from .conftest import FIXTURES, mkdocs_build_process

KAARTEN = Path(sys.executable).with_name("kaarten")
BANNER_WORDS = ("end of life", "Zensical", "NO_MKDOCS_2_WARNING")
NOT_A_PROJECT = (
    "Fout: dit is geen projectmap; ga naar de map met cards/ en data/ of gebruik --project"
)


@pytest.mark.parametrize("command", ["validate", "pdf", "build", "serve"])
def test_outside_a_project_says_so_in_one_line(command: str, tmp_path: Path) -> None:
    (tmp_path / "notities.txt").write_text("geen project", encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(tmp_path), command])
    assert result.exit_code == 1
    assert result.output.strip() == NOT_A_PROJECT
    assert not (tmp_path / "site").exists()


def test_validate_in_the_current_folder_outside_a_project(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(KAARTEN), "validate"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert result.stderr.strip() == NOT_A_PROJECT
    assert "ontbreekt" not in result.stderr  # no list of five missing folders


def _without_banner_switch() -> dict[str, str]:
    """The environment of an editor who never heard of NO_MKDOCS_2_WARNING."""
    return {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"}


def _run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(KAARTEN), *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={
            k: v
            for k, v in {**os.environ, "KAARTEN_PDF": "0"}.items()
            if k != "NO_MKDOCS_2_WARNING"
        },
    )


def test_kaarten_build_fails_in_dutch_without_banner(sample: Path) -> None:
    card = sample / "cards" / "alpha-project.md"
    card.write_text(
        card.read_text("utf-8").replace("category: running", "category: nieuw"), "utf-8"
    )
    result = _run(sample, "build")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "cards/alpha-project.md, regel 3, category: 'nieuw' is geen geldige keuze" in output
    assert output.rstrip().endswith(
        "Fout: De site is niet gebouwd: verbeter de fouten hierboven en probeer het opnieuw."
    )
    assert "Aborted with" not in output
    assert not any(word in output for word in BANNER_WORDS)
    # mkdocs itself still fails as before, and says so in its own words.
    plain = mkdocs_build_process(sample, {"KAARTEN_PDF": "0"})
    assert plain.returncode == 1
    assert "Aborted with a BuildError!" in plain.stdout + plain.stderr


def test_kaarten_build_keeps_real_warnings_visible(sample: Path) -> None:
    (sample / "docs" / "voorwoord.md").write_text(
        (sample / "docs" / "voorwoord.md").read_text("utf-8") + "\n[kapot](bestaat-niet.md)\n",
        "utf-8",
    )
    result = _run(sample, "build")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "WARNING" in output and "bestaat-niet.md" in output
    assert "Fout: De site is niet gebouwd: er staan waarschuwingen hierboven" in output
    assert "Aborted with" not in output


def test_kaarten_build_builds_the_site(sample: Path) -> None:
    result = _run(sample, "build")
    assert result.returncode == 0, result.stderr
    assert (sample / "site" / "index.html").is_file()
    assert not any(word in result.stdout + result.stderr for word in BANNER_WORDS)


def test_kaarten_serve_serves_under_the_site_path_without_banner(sample: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [str(KAARTEN), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=sample,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=_without_banner_switch(),
    )
    url = f"http://127.0.0.1:{port}{SITE_PATH}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urlopen(url, timeout=5) as response:
                    assert "Economie071" in response.read().decode("utf-8")
                    break
            except OSError:
                assert time.monotonic() < deadline, "kaarten serve antwoordde niet"
                time.sleep(0.3)
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=20)
    assert f"Serving on {url}" in output
    assert not any(word in output for word in BANNER_WORDS)


def test_fixture_project_is_a_project() -> None:
    result = CliRunner().invoke(main, ["--project", str(FIXTURES / "project"), "validate"])
    assert result.exit_code == 0, result.output
