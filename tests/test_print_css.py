"""Ctrl+P of a card page on the website: Chromium's print-to-PDF shows the card and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from .browser import needs_chromium, serve

pytestmark = [pytest.mark.browser, needs_chromium]


def print_page(chromium, site: Path, path: str, target: Path) -> str:
    with serve(site, prefix="/") as base_url:
        context = chromium.new_context()
        try:
            tab = context.new_page()
            tab.goto(f"{base_url}{path}")
            tab.pdf(path=str(target), format="A4")
        finally:
            context.close()
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
