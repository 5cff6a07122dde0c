"""The local addresses the guides give work under `mkdocs serve`, which serves the site under
the path of `site_url`."""

from __future__ import annotations

import re
import shutil
from urllib.request import urlopen

import pytest

from .browser import SITE_PATH, serve
from .conftest import FIXTURES, REPO, build, make_project

LOCAL = re.compile(r"http://127\.0\.0\.1:8000(/[^\s>)`]*)?")
GUIDES = ("README.md", "REDACTIEGIDS.md")


def _local_paths() -> dict[str, str]:
    found = {}
    for guide in GUIDES:
        for match in LOCAL.finditer((REPO / guide).read_text("utf-8")):
            found[match.group(0)] = guide
    return found


def test_guides_give_local_addresses_under_the_site_path() -> None:
    paths = _local_paths()
    assert "http://127.0.0.1:8000/projectoverzicht/admin/" in paths
    for url, guide in paths.items():
        assert url.removeprefix("http://127.0.0.1:8000").startswith(SITE_PATH), (guide, url)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    project = make_project(tmp_path_factory.mktemp("guides") / "project", FIXTURES / "project")
    shutil.copytree(REPO / "docs" / "admin", project / "docs" / "admin")
    # Without the PDF, as `mkdocs serve` (which the guides' addresses are for) builds it.
    with serve(build(project, pdf=False)) as url:
        yield url


def test_every_local_address_in_the_guides_answers(served: str) -> None:
    for url, guide in _local_paths().items():
        path = url.removeprefix("http://127.0.0.1:8000").removeprefix(SITE_PATH)
        with urlopen(served + path, timeout=10) as response:
            assert response.status == 200, (guide, url)
