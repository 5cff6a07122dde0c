"""Ctrl+P of a card page on the website: Chromium's print-to-PDF shows the card and nothing else."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and os.environ.get("CI") != "true",
        reason="needs Debian's chromium (installed by .ci/run)",
    ),
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def print_page(chromium, site: Path, path: str, target: Path) -> str:
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = chromium.new_context()
    try:
        tab = context.new_page()
        tab.goto(f"http://127.0.0.1:{server.server_address[1]}/{path}")
        tab.pdf(path=str(target), format="A4")
    finally:
        context.close()
        server.shutdown()
    return "\n".join(p.extract_text() for p in PdfReader(target).pages)


def test_printing_a_card_page_prints_the_card_only(
    sample_site: Path, tmp_path: Path, chromium
) -> None:
    text = print_page(chromium, sample_site, "projecten/alpha-project/", tmp_path / "kaart.pdf")
    assert "Alpha project" in text
    assert "Samen komen we verder." in text
    assert "Projectstructuur" in text
    assert "(https://www.example.org)" in text, "web addresses are printed beside links"
    for chrome in ("Alle projecten", "Volgende kaart", "Vorige kaart", "Voorwoord", "Zoeken"):
        assert chrome not in text, chrome
