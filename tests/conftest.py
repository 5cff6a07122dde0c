"""Shared helpers: copy a sample project into tmp_path and build it with the real mkdocs.yml."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The project whose content the edition tests check: the repository, or a copy of it that
# `tests/test_content_growth.py` extends with a card, to prove they follow the content.
CONTENT = Path(os.environ.get("KAARTEN_CONTENT", REPO)).resolve()
# The suite keeps its validation cache to itself (builds run in subprocesses, so an environment
# variable): it neither reads a developer's cache nor leaves entries in their home folder. Each
# process gets its own (every xdist worker, a nested pytest), unless the caller set one.
if os.environ.get("KAARTEN_CACHE") in (None, os.environ.get("KAARTEN_TEST_CACHE")):
    os.environ["KAARTEN_CACHE"] = os.environ["KAARTEN_TEST_CACHE"] = tempfile.mkdtemp(
        prefix="kaarten-test-cache-"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Files with browser tests run first (order within a file unchanged): they are the longest,
    and with `--dist loadfile` a long file that starts last ends the run alone on one worker."""
    browser_files = {item.path for item in items if item.get_closest_marker("browser")}
    items.sort(key=lambda item: item.path not in browser_files)


def make_project(destination: Path, source: Path | None = None) -> Path:
    """A buildable project: the content of `source` (default: the edition) plus config and theme."""
    source = source or CONTENT
    destination.mkdir(parents=True, exist_ok=True)
    for name in ("cards", "data", "docs", "editions"):
        if (source / name).exists():
            shutil.copytree(source / name, destination / name)
    for name in ("overrides", "docs/assets"):
        shutil.copytree(REPO / name, destination / name, dirs_exist_ok=True)
    (destination / "macros").symlink_to(REPO / "macros", target_is_directory=True)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (destination / "mkdocs.yml").write_text(
        _nav_for(config, destination / "docs"), encoding="utf-8"
    )
    return destination


def edit(path: Path, old: str, new: str) -> None:
    """Replace text in a project file; a test that edits nothing would prove nothing."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def project_with(tmp_path: Path, *cards: Path) -> Path:
    """A copy of the fixture project (without a built site) with these card files added."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "project", project, ignore=shutil.ignore_patterns("site"))
    for card in cards:
        shutil.copy(card, project / "cards" / card.name)
    return project


def _nav_for(config: str, docs: Path) -> str:
    """Keep only the nav entries whose page exists in this project."""
    lines = []
    for line in config.splitlines():
        match = re.match(r"^\s+- (?:[^:]+: )?(\S+\.md)\s*$", line)
        if match and not (docs / match.group(1)).exists():
            continue
        lines.append(line)
    return "\n".join(lines) + "\n"


def build(project: Path, strict: bool = True, pdf: bool = True) -> Path:
    """Run a real MkDocs build of `project` into project/site and return that folder.

    `pdf=False` skips the PDF (as `KAARTEN_PDF=0` does), about half of a small build's time:
    for tests that rebuild a changed project and look only at its pages."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    site = project / "site"
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=strict)
    with _pdf_switch(pdf):
        mkdocs_build(config)
    return site


@contextmanager
def _pdf_switch(pdf: bool) -> Iterator[None]:
    if pdf:
        yield
        return
    before = os.environ.get("KAARTEN_PDF")
    os.environ["KAARTEN_PDF"] = "0"
    try:
        yield
    finally:
        if before is None:
            del os.environ["KAARTEN_PDF"]
        else:
            os.environ["KAARTEN_PDF"] = before


def mkdocs_build_process(
    project: Path,
    env: dict[str, str] | None = None,
    timeout: float | None = None,
    site_dir: Path | None = None,
) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` as an editor runs it, to read its exit code and messages."""
    site = site_dir or project / "site"
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One headless Chromium for the whole session (one per xdist worker); each test opens its
    own context in it and closes it. Playwright's sync API allows one running instance per
    thread, so browser tests use this one instead of launching their own (about 0.5 s each)."""
    from playwright.sync_api import sync_playwright

    from .browser import CHROMIUM

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield browser
        browser.close()


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """The small fixture project (three cards), copied so a test may change it."""
    return make_project(tmp_path / "project", FIXTURES / "project")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One build of the unchanged sample project (with its PDF), shared by every test that only
    reads it; a test that edits the project or builds it differently uses `sample`."""
    project = make_project(tmp_path_factory.mktemp("sample-site") / "project", FIXTURES / "project")
    return build(project)


@pytest.fixture(scope="session")
def editions_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One build of the editions fixture (two published editions and a current one), shared by
    the tests that only read it."""
    project = make_project(tmp_path_factory.mktemp("edities") / "project", FIXTURES / "editions")
    return build(project)


@pytest.fixture(scope="session")
def edition_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One strict build of the shipped edition, shared by the tests that only read it."""
    return build(make_project(tmp_path_factory.mktemp("edition") / "project"))


HOSTILE = FIXTURES / "hostile"
HOSTILE_EDITION_TITLE = "Editie [klik](javascript:alert('editie')) *x* &lt;b&gt; {{ 7*191 }}"
HOSTILE_BASKET = "[mandje](javascript:alert('mandje')) {% raw %}"


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project plus every hostile card that validation lets through as text, and a
    data file with Markdown and template code in its fields; built once with --strict."""
    project = make_project(tmp_path_factory.mktemp("hostile") / "project", FIXTURES / "project")
    for card in sorted((HOSTILE / "inert").glob("*.md")):
        shutil.copy(card, project / "cards" / card.name)
    edition = project / "data" / "edition.yaml"
    text = edition.read_text(encoding="utf-8")
    title = HOSTILE_EDITION_TITLE.replace("'", "''")
    edition.write_text(
        re.sub(r"^title:.*$", f"title: '{title}'", text, flags=re.M), encoding="utf-8"
    )
    index = project / "data" / "index071.yaml"
    edit(index, "[kenniseconomie,", f'["{HOSTILE_BASKET}",')
    page = project / "docs" / "index071.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nMandjes:\n\n{{ index_baskets() }}\n", encoding="utf-8"
    )
    return build(project)
