"""Helpers for the browser tests: serve a built site on 127.0.0.1 and drive Debian's chromium."""

from __future__ import annotations

import functools
import http.server
import os
import re
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parent.parent
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# A colleague's CMS page loads its editor from a CDN on purpose; it is not part of the public site.
SKIPPED = ("admin/",)


def _site_path() -> str:
    """The path of site_url ("/projectoverzicht/"): where the real host serves the site."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    found = re.search(r"^site_url:\s*(\S+)", config, re.MULTILINE)
    path = urlsplit(found.group(1)).path.strip("/") if found else ""
    return f"/{path}/" if path else "/"


SITE_PATH = _site_path()

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists() and os.environ.get("CI") != "true",
    reason="/usr/bin/chromium ontbreekt (in CI moet hij er zijn: zie .ci/run)",
)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    # Chromium opens several connections at once (Pagefind fetches its chunks in parallel); the
    # default backlog of 5 makes a busy machine drop some and the page wait seconds for retries.
    request_queue_size = 128


@contextmanager
def serve(
    site: Path, prefix: str = SITE_PATH, handler: type[QuietHandler] = QuietHandler
) -> Iterator[str]:
    """Serve `site` at `prefix` on a free port of 127.0.0.1 and yield its base URL.

    The site is served under the path of its site_url, as on the real host: pages such as 404.html
    use that absolute path for their styles and scripts. `handler` may serve differently (the
    site checks compress text as the real host does).
    """
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        mount = root / prefix.strip("/") if prefix.strip("/") else root
        mount.parent.mkdir(parents=True, exist_ok=True)
        if mount == root:
            root = site
        else:
            mount.symlink_to(site.resolve(), target_is_directory=True)
        bound = functools.partial(handler, directory=str(root))
        server = _Server(("127.0.0.1", 0), bound)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
        finally:
            server.shutdown()
            server.server_close()


def site_pages(site: Path) -> list[str]:
    """Every built page as a URL path relative to the site root, admin/ left out."""
    pages = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel.startswith(SKIPPED):
            continue
        pages.append(rel.removesuffix("index.html"))
    return pages
