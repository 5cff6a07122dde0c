"""`mkdocs serve` with a broken card: the browser shows the Dutch messages and reloads by itself
once the card is fixed; `mkdocs build` still fails."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest

from macros.loader import load_publication
from macros.problems import ContentError

from .browser import SITE_PATH, needs_chromium
from .conftest import FIXTURES, make_project, mkdocs_build_process

CARD = "cards/alpha-project.md"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _break(project: Path) -> str:
    """Give a card an unknown category, as an editor might; return the original text."""
    path = project / CARD
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("category: running", "category: nieuw", 1), encoding="utf-8")
    assert path.read_text(encoding="utf-8") != original
    return original


def _wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urlopen(url, timeout=5):
                return
        except HTTPError:
            return  # the server answers (a 404 is an answer)
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"mkdocs serve antwoordde niet op {url}")


@pytest.fixture
def broken_project(tmp_path: Path) -> Path:
    project = make_project(tmp_path / "project", FIXTURES / "project")
    _break(project)
    return project


@contextmanager
def _serving(project: Path, *options: str) -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *options],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    base = f"http://127.0.0.1:{port}{SITE_PATH}"
    try:
        _wait_for(base)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture
def served(broken_project: Path) -> Iterator[str]:
    with _serving(broken_project) as base:
        yield base


def _messages(project: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_publication(project)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize("path", ["", "projecten/alpha-project/", "agenda/", "bestaat-niet/"])
def test_broken_card_shows_in_the_browser_and_fixing_it_reloads(
    path: str, broken_project: Path, served: str, chromium
) -> None:
    from playwright.sync_api import expect

    messages = _messages(broken_project)
    assert messages and all(message.startswith(CARD) for message in messages)
    context = chromium.new_context(locale="nl-NL")
    try:
        tab = context.new_page()
        tab.goto(served + path, timeout=30_000)
        expect(tab.locator("h1")).to_have_text("De site kan niet worden gemaakt")
        listed = tab.locator(".kaarten-fouten li").all_inner_texts()
        # Exactly the messages of `kaarten validate`: file, line, field and the Dutch text.
        assert [" ".join(text.split()) for text in listed] == [
            " ".join(message.split()) for message in messages
        ]
        assert "regel 3" in listed[0]
        assert tab.locator("link[rel=stylesheet]").count() > 0
        styled = tab.evaluate("getComputedStyle(document.body).fontFamily")
        assert styled and "Times" not in styled, "the error page keeps the site's styles"

        # The editor fixes the card; the same tab reloads by itself and shows the content.
        (broken_project / CARD).write_text(
            (broken_project / CARD)
            .read_text(encoding="utf-8")
            .replace("category: nieuw", "category: running"),
            encoding="utf-8",
        )
        heading = tab.locator("h1").first
        expect(heading).not_to_have_text("De site kan niet worden gemaakt", timeout=45_000)
        if path == "projecten/alpha-project/":
            expect(heading).to_have_text("Alpha project")
        if path == "bestaat-niet/":
            assert "404" in tab.content()
        assert tab.locator(".kaarten-fouten").count() == 0
    finally:
        context.close()


def test_strict_serve_shows_the_page_too(broken_project: Path) -> None:
    with _serving(broken_project, "--strict") as base, urlopen(base, timeout=30) as response:
        html = response.read().decode("utf-8")
    assert "De site kan niet worden gemaakt" in html
    assert "cards/alpha-project.md" in html and "regel 3" in html


def test_build_still_fails_on_the_same_error(broken_project: Path) -> None:
    result = mkdocs_build_process(broken_project, {"KAARTEN_PDF": "0"})
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "cards/alpha-project.md, regel 3, category: 'nieuw' is geen geldige keuze" in output
    assert not (broken_project / "site" / "index.html").exists()
