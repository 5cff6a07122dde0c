"""`kaarten diff` on a temporary git repository with two commits covering each kind of change."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from macros.changes import md, summarize
from macros.cli import main
from macros.revisions import snapshot

from .conftest import FIXTURES

ALPHA_AFTER = """\
---
title: Alpha project in uitvoering
category: completed
summary: Een afgerond project om te testen.
order: 20
leader:
  name: Anna Alfa
  organisation: gemeente Leiden
quote:
  text: "Samen kwamen we verder."
  name: Anna Alfa
  role: projectleider gemeente Leiden
structure:
  - role: Bestuurlijk opdrachtgever
    who: Stuurgroep Economie071
  - role: Projectleider
    who: Bert Beta
  - role: Adviseur
    who: VNO-NCW Rijnland
partners:
  - Gemeente Leiden
  - VNO-NCW Rijnland
goal: Het testen van de kaarten.
period: {start: 2023-07-01, end: 2026-06-30}
targets:
  - {label: ondernemers ondersteund, value: 12000}
  - {label: vouchers, value: 114, unit: stuks}
  - {label: bezoekers, value: 300}
milestones:
  - {date: 2023-09-01, title: Stuurgroep besluit over de opdracht}
  - {date: 2024-01-15, title: Eerste evaluatie}
links:
  - {title: Nieuwe site, url: "https://www.example.net"}
---
## Aanleiding

Dit is het nieuwe verhaal van **Alpha**.
"""

NEW_CARD = """\
---
title: Delta *project*
category: new
summary: Nieuw in deze editie.
---
"""


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        [
            "git",
            "-C",
            str(repo),
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            *args,
        ],
        check=True,
        capture_output=True,
    )


def fixture_repo(tmp_path: Path) -> Path:
    """A git repository whose first commit is the fixture project."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "project", root)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "eerste")
    return root


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Commit 1: the fixture project. Commit 2: every kind of change a reviewer must see."""
    root = fixture_repo(tmp_path)
    (root / "cards" / "alpha-project.md").write_text(ALPHA_AFTER, encoding="utf-8")
    (root / "cards" / "gamma-project.md").unlink()
    (root / "cards" / "delta-project.md").write_text(NEW_CARD, encoding="utf-8")
    index = root / "data" / "index071.yaml"
    index.write_text(
        index.read_text("utf-8") + "  - {edition: 2023-2024, score: 116}\n", encoding="utf-8"
    )
    edition = root / "data" / "edition.yaml"
    edition.write_text(
        edition.read_text("utf-8").replace("juni 2023", "december 2023"), encoding="utf-8"
    )
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "tweede")
    return root


def diff(repo: Path, *revisions: str):
    return CliRunner().invoke(main, ["--project", str(repo), "diff", *revisions])


def test_summary_names_every_kind_of_change(repo: Path) -> None:
    result = diff(repo, "HEAD~1", "HEAD")
    assert result.exit_code == 0, result.output
    out = result.output
    expected = [
        "Vergeleken: `HEAD~1` → `HEAD`",
        "**Nieuwe kaarten**",
        r"- Delta \*project\* (`cards/delta-project.md`) — Nieuw project",
        "**Verwijderde kaarten**",
        "- Gamma project (`cards/gamma-project.md`) — Afgerond project",
        "**Gewijzigd: Alpha project in uitvoering (`cards/alpha-project.md`)**",
        "- Titel: ‘Alpha project’ → ‘Alpha project in uitvoering’",
        "- Categorie: Lopend project → Afgerond project",
        "- Samenvatting gewijzigd: ‘Een afgerond project om te testen.’ "
        "(was ‘Een lopend project om te testen.’)",
        "- Citaat gewijzigd: „Samen kwamen we verder.” — Anna Alfa, projectleider gemeente Leiden",
        "- Projectstructuur: ‘Adviseur’ toegevoegd (VNO-NCW Rijnland); "
        "‘Projectleider’ nu Bert Beta (was Anna Alfa, gemeente Leiden)",
        "- Partners: toegevoegd: VNO-NCW Rijnland",
        "- Looptijd: 1 juli 2023 tot en met 31 december 2025 → 1 juli 2023 tot en met 30 juni 2026",
        "- Doelen in cijfers: ‘bezoekers’ toegevoegd (300); ‘budget’ vervallen; "
        "‘ondernemers ondersteund’ 10.000 → 12.000",
        "- Mijlpalen: ‘Eerste evaluatie’ toegevoegd (15 januari 2024); "
        "‘Stuurgroep besluit over de opdracht’ verschoven van 3 juli 2023 naar 1 september 2023",
        "- Links: ‘https://www.example.net’ toegevoegd (‘Nieuwe site’); "
        "‘https://www.example.org’ vervallen",
        "- Het verhaal (de tekst onder de gegevens) is gewijzigd.",
        "**Gegevens**",
        "- Index071: 113 (editie 2022-2023) → 116 (editie 2023-2024)",
        "- Editie: ‘Projectoverzicht juni 2023’ → ‘Projectoverzicht december 2023’",
    ]
    for line in expected:
        assert line in out, line
    assert "Beta project" not in out  # unchanged cards are not mentioned


def test_without_head_compares_with_the_working_tree(repo: Path) -> None:
    beta = repo / "cards" / "beta-project.md"
    beta.write_text(
        beta.read_text("utf-8").replace("category: new", "category: initiation"), "utf-8"
    )
    result = diff(repo, "HEAD")
    assert result.exit_code == 0, result.output
    assert "Vergeleken: `HEAD` → `werkmap`" in result.output
    assert "**Gewijzigd: Beta project" in result.output
    assert "- Categorie: Nieuw project → Initiatieffase" in result.output


def test_no_changes(repo: Path) -> None:
    result = diff(repo, "HEAD")
    assert result.exit_code == 0
    assert "Geen wijzigingen in de kaarten of de gegevens." in result.output


def test_index_score_corrected_within_an_edition(repo: Path) -> None:
    index = repo / "data" / "index071.yaml"
    index.write_text(index.read_text("utf-8").replace("score: 116", "score: 117"), "utf-8")
    assert "- Index071-score van editie 2023-2024: 116 → 117" in diff(repo, "HEAD").output


def test_an_invalid_card_is_reported_not_fatal(repo: Path) -> None:
    (repo / "cards" / "beta-project.md").write_text("---\ntitle: [\n---\n", "utf-8")
    result = diff(repo, "HEAD")
    assert result.exit_code == 0, result.output
    assert "de kaart is gewijzigd, maar kon niet gelezen worden" in result.output
    assert "**Let op:** in `werkmap` zijn niet alle bestanden geldig" in result.output


@pytest.mark.parametrize(
    ("revisions", "message"),
    [
        (("bestaat-niet",), "Fout: 'bestaat-niet' is geen bekende versie in deze repository"),
        (("HEAD", "HEAD~5"), "Fout: 'HEAD~5' is geen bekende versie"),
        (("--output=x",), "Fout: '--output=x' is geen versie"),
    ],
)
def test_unknown_revisions_give_a_clean_message(repo: Path, revisions, message) -> None:
    result = CliRunner().invoke(main, ["--project", str(repo), "diff", "--", *revisions])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_outside_a_repository(tmp_path: Path) -> None:
    result = diff(tmp_path, "HEAD")
    assert result.exit_code == 1
    assert "is geen git-repository" in result.output


def test_markdown_in_card_text_is_inert() -> None:
    assert md("**vet** [link](x) <b>\n#kop") == r"\*\*vet\*\* \[link\](x) \<b\> \#kop"


def test_a_field_without_its_own_wording_is_still_reported() -> None:
    old = snapshot(
        {"cards/a.md": b"---\ntitle: A\ncategory: new\nsummary: S\norder: 1\n---\n"}, "oud"
    )
    new = snapshot(
        {
            "cards/a.md": b"---\ntitle: A\ncategory: new\nsummary: S\norder: 2\n"
            b"index071: true\n---\n"
        },
        "nieuw",
    )
    text = summarize(old, new)
    assert "- Volgorde: 1 → 2" in text
    assert "- Index071 tonen: nee → ja" in text
