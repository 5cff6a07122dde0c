"""Adding a card and a partner keeps the suite green: the edition tests follow the content.

The first editor who adds a card must not turn CI red. This copies the edition, adds a valid
card that names a new partner organisation, and runs the content-dependent tests and checks on
the copy (`KAARTEN_CONTENT` points them at it), as CI would after that editor's pull request.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from macros.cli import main
from macros.loader import load_publication

from .conftest import CONTENT, REPO, build, make_project, page

NEW_PARTNER = "Stichting Havenkwartier071"
NEW_CARD = f"""\
---
title: Werkplaats Havenkwartier
category: new
summary: Ondernemers en studenten werken samen aan de vernieuwing van het havenkwartier.
order: 5
leader:
  name: Sanne de Vries
  organisation: {NEW_PARTNER}
quote:
  text: "Samen met de ondernemers maken we het havenkwartier klaar voor de toekomst."
  name: Sanne de Vries
  role: kwartiermaker
partners:
  - {NEW_PARTNER}
  - gemeente Leiden
milestones:
  - {{date: 2023-09-01, title: Start van de werkplaats}}
---
## Aanleiding

De werkplaats brengt ondernemers, studenten en de gemeente bij elkaar.
"""
PARTNER_ENTRY = f"""\
  - name: {NEW_PARTNER}
    slug: stichting-havenkwartier071
    kind: business
"""
# The tests whose expectations come from the edition's content.
CONTENT_TESTS = ["tests/test_edition.py", "tests/test_cli.py", "tests/test_print_edition.py"]


def _grown_copy(destination: Path) -> Path:
    for name in ("cards", "data", "docs"):
        shutil.copytree(CONTENT / name, destination / name)
    (destination / "cards" / "werkplaats-havenkwartier.md").write_text(NEW_CARD, encoding="utf-8")
    partners = destination / "data" / "partners.yaml"
    partners.write_text(
        partners.read_text(encoding="utf-8").rstrip("\n") + "\n" + PARTNER_ENTRY, encoding="utf-8"
    )
    return destination


def test_an_added_card_and_partner_keep_the_content_tests_green(tmp_path: Path) -> None:
    content = _grown_copy(tmp_path / "content")
    before = len(load_publication(CONTENT).cards)
    grown = load_publication(content)
    assert len(grown.cards) == before + 1
    assert grown.partners.find(NEW_PARTNER) is not None

    validated = CliRunner().invoke(main, ["--project", str(content), "validate"])
    assert validated.exit_code == 0, validated.output
    assert f"{before + 1} kaarten" in validated.output

    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider", *CONTENT_TESTS],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        # With the PDF: the print tests read the grown edition's PDF.
        env={
            **{name: value for name, value in os.environ.items() if name != "KAARTEN_PDF"},
            "KAARTEN_CONTENT": str(content),
        },
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "skipped" not in result.stdout


def test_the_grown_edition_builds_strictly_with_the_new_card_and_partner(tmp_path: Path) -> None:
    content = _grown_copy(tmp_path / "content")
    site = build(make_project(tmp_path / "project", content), strict=True)
    card = page(site, "projecten/werkplaats-havenkwartier/index.html")
    assert card.h1.get_text(strip=True) == "Werkplaats Havenkwartier"
    partner = page(site, "partners/stichting-havenkwartier071/index.html")
    assert "Werkplaats Havenkwartier" in partner.get_text(" ")
    assert (site / "projectoverzicht.pdf").stat().st_size > 0
    overview = page(site, "projecten/index.html").get_text(" ")
    assert "Werkplaats Havenkwartier" in overview
