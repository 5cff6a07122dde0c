"""`kaarten new`: a valid card from the template, and clean refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from macros.cli import main
from macros.model import CardFields, Category
from macros.newcard import EXAMPLES, card_text, parse_category
from macros.source import read_card


def run(project: Path, *args: str):
    return CliRunner().invoke(main, ["--project", str(project), *args])


def test_new_card_is_valid_as_created(sample: Path) -> None:
    result = run(sample, "new", "Laat digitalisering voor je wérken", "--category", "running")
    assert result.exit_code == 0, result.output
    assert "cards/laat-digitalisering-voor-je-werken.md" in result.output
    text = (sample / "cards" / "laat-digitalisering-voor-je-werken.md").read_text("utf-8")
    assert 'title: "Laat digitalisering voor je wérken"' in text
    assert "category: running" in text
    validated = run(sample, "validate")
    assert validated.exit_code == 0, validated.output
    assert "4 kaarten" in validated.output


def test_new_card_accepts_the_dutch_label_and_a_summary(sample: Path) -> None:
    result = run(sample, "new", "Starters: samen sterk", "-c", "Afgerond project", "-s", "Kort.")
    assert result.exit_code == 0, result.output
    text = (sample / "cards" / "starters-samen-sterk.md").read_text("utf-8")
    assert "category: completed" in text
    assert 'summary: "Kort."' in text
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
