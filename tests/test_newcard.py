"""`kaarten new`: a valid card from the template, and clean refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from macros.cli import main
from macros.model import CardFields, Category
from macros.newcard import (
    EXAMPLES,
    PLACEHOLDER_STORY,
    PLACEHOLDER_SUMMARY,
    PLACEHOLDERS,
    card_text,
    parse_category,
)
from macros.source import read_card

from .conftest import mkdocs_build_process


def run(project: Path, *args: str):
    return CliRunner().invoke(main, ["--project", str(project), *args])


def _fill_in(path: Path) -> None:
    """What an editor does next: replace the summary and the story with real text."""
    text = path.read_text("utf-8")
    text = text.replace(PLACEHOLDER_SUMMARY, "Ondernemers krijgen hulp bij digitalisering.")
    text = text.replace(PLACEHOLDER_STORY, "Het project helpt ondernemers.")
    path.write_text(text, "utf-8")


def test_new_card_opens_as_a_form_and_validates_once_filled_in(sample: Path) -> None:
    result = run(sample, "new", "Laat digitalisering voor je wérken", "--category", "running")
    assert result.exit_code == 0, result.output
    assert "cards/laat-digitalisering-voor-je-werken.md" in result.output
    path = sample / "cards" / "laat-digitalisering-voor-je-werken.md"
    text = path.read_text("utf-8")
    assert 'title: "Laat digitalisering voor je wérken"' in text
    assert "category: running" in text
    # Straight from the template, the card is readable YAML but not publishable.
    assert read_card(text.encode("utf-8"), "cards/x.md").front_matter.data["title"]
    refused = run(sample, "validate")
    assert refused.exit_code == 1
    lines = text.split("\n")
    summary_line = next(i for i, line in enumerate(lines) if line.startswith("summary:")) + 1
    story_line = next(i for i, line in enumerate(lines) if PLACEHOLDER_STORY in line) + 1
    rel = "cards/laat-digitalisering-voor-je-werken.md"
    assert (
        f"{rel}, regel {summary_line}, summary: hier staat nog de voorbeeldtekst van "
        f"'kaarten new' ('{PLACEHOLDER_SUMMARY}'); vervang die door de echte tekst"
    ) in refused.output
    assert f"{rel}, regel {story_line}, tekst: hier staat nog de voorbeeldtekst" in refused.output
    _fill_in(path)
    validated = run(sample, "validate")
    assert validated.exit_code == 0, validated.output
    assert "4 kaarten" in validated.output


@pytest.mark.parametrize("example", sorted(PLACEHOLDERS))
def test_every_example_text_left_in_is_refused_by_name(example: str, sample: Path) -> None:
    """Uncomment every example, fill in summary and story: each example text is still named."""
    assert run(sample, "new", "Nieuw", "--category", "new").exit_code == 0
    path = sample / "cards" / "nieuw.md"
    text = path.read_text("utf-8")
    for block in EXAMPLES.values():
        text = text.replace("\n".join(f"# {line}" for line in block.splitlines()), block)
    text = text.replace("  - gemeente Leiden", "  - Hogeschool Leiden")
    path.write_text(text, "utf-8")
    if example not in (PLACEHOLDER_SUMMARY, PLACEHOLDER_STORY):
        _fill_in(path)
    result = run(sample, "validate")
    assert result.exit_code == 1
    named = [line for line in result.output.splitlines() if f"('{example}')" in line]
    assert named, result.output
    assert all(line.strip().startswith("- cards/nieuw.md, regel ") for line in named)
    # Nothing else is wrong with the card: every message is about an example text.
    problems = [line for line in result.output.splitlines() if line.strip().startswith("- ")]
    assert all("voorbeeldtekst van 'kaarten new'" in line for line in problems), result.output


def test_strict_build_refuses_a_card_with_example_text(sample: Path) -> None:
    assert run(sample, "new", "Nieuw", "--category", "new").exit_code == 0
    result = mkdocs_build_process(sample, {"KAARTEN_PDF": "0"})
    assert result.returncode == 1
    assert "cards/nieuw.md, regel" in result.stderr + result.stdout
    assert f"('{PLACEHOLDER_STORY}')" in result.stderr + result.stdout


def test_new_card_accepts_the_dutch_label_and_a_summary(sample: Path) -> None:
    result = run(sample, "new", "Starters: samen sterk", "-c", "Afgerond project", "-s", "Kort.")
    assert result.exit_code == 0, result.output
    text = (sample / "cards" / "starters-samen-sterk.md").read_text("utf-8")
    assert "category: completed" in text
    assert 'summary: "Kort."' in text
    _fill_in(sample / "cards" / "starters-samen-sterk.md")
    assert run(sample, "validate").exit_code == 0


def test_every_field_is_present_or_explained() -> None:
    text = card_text("Titel", Category.NEW)
    for name, info in CardFields.model_fields.items():
        prefix = f"{name}: " if info.is_required() else f"# {name}:"
        assert prefix in text, name


def test_uncommented_examples_are_valid_fields() -> None:
    """Every example, once its # is removed, must itself be valid: editors copy them."""
    text = card_text("Titel", Category.NEW)
    assert set(EXAMPLES) == {n for n, i in CardFields.model_fields.items() if not i.is_required()}
    for name, block in EXAMPLES.items():
        commented = "\n".join(f"# {line}" for line in block.splitlines())
        assert commented in text, name
        text = text.replace(commented, block)
    source = read_card(text.encode("utf-8"), "cards/titel.md")
    data = dict(source.front_matter.data)
    assert set(data) == set(CardFields.model_fields)
    data["partners"] = []  # partner names are checked against data/partners.yaml elsewhere
    CardFields.model_validate(data)


def test_refuses_to_overwrite_and_names_the_file(sample: Path) -> None:
    before = (sample / "cards" / "alpha-project.md").read_text("utf-8")
    result = run(sample, "new", "Alpha project", "--category", "new")
    assert result.exit_code == 1
    assert "Fout: cards/alpha-project.md bestaat al" in result.output
    assert "Traceback" not in result.output
    assert (sample / "cards" / "alpha-project.md").read_text("utf-8") == before


@pytest.mark.parametrize(
    ("category", "message"),
    [
        ("lopend", "'lopend' is geen categorie. Bedoelde je 'running' (Lopend project)?"),
        ("xyz", "'xyz' is geen categorie. Kies uit new (Nieuw project)"),
    ],
)
def test_refuses_an_unknown_category(sample: Path, category: str, message: str) -> None:
    result = run(sample, "new", "Iets nieuws", "--category", category)
    assert result.exit_code == 1
    assert message in result.output
    assert not (sample / "cards" / "iets-nieuws.md").exists()


def test_refuses_a_title_with_html(sample: Path) -> None:
    result = run(sample, "new", "<script>x</script>", "--category", "new")
    assert result.exit_code == 1
    assert "title: mag geen HTML" in result.output
    assert sorted(p.name for p in (sample / "cards").iterdir()) == [
        "alpha-project.md",
        "beta-project.md",
        "gamma-project.md",
    ]


def test_refuses_without_a_cards_folder(tmp_path: Path) -> None:
    result = run(tmp_path, "new", "Iets", "--category", "new")
    assert result.exit_code == 1
    assert "er is geen map cards/" in result.output


def test_parse_category_is_case_insensitive() -> None:
    assert parse_category("RUNNING") is Category.RUNNING
    assert parse_category(" initiatieffase ") is Category.INITIATION
