"""Text types carry their rules: every field that uses one enforces it, with a Dutch message that
names the character; partner names cannot pass for another partner's."""

from __future__ import annotations

import re
import shutil
import typing
from pathlib import Path

import pytest
from pydantic import ValidationError

from macros import model
from macros.loader import load_publication
from macros.lookalike import skeleton
from macros.problems import ContentError
from macros.text import PLAIN_TEXT_PATTERN, PlainText, check_plain_text, check_text

from .conftest import FIXTURES

EDITION = {"title": "Juni", "date": "2023-06-01", "chapters": ["cards"]}


def plain_text_fields() -> list[tuple[type, str]]:
    """Every (model, field) typed PlainText or a list of it, found by walking the model module."""
    found = []
    for value in vars(model).values():
        if isinstance(value, type) and issubclass(value, model.Strict):
            for name, info in value.model_fields.items():
                text = repr(info.annotation) + repr(info.metadata)
                if "check_plain_text" in text:
                    found.append((value, name))
    return found


def test_plain_text_fields_are_found() -> None:
    names = {f"{m.__name__}.{f}" for m, f in plain_text_fields()}
    # The twelve that used to skip the rule are among them.
    assert {"Edition.title", "Programme.name", "TeamMember.role", "Theme.title"} <= names
    assert {"Index071.baskets", "Partner.aliases", "CardFields.title", "Link.title"} <= names


@pytest.mark.parametrize(
    ("owner", "field"), plain_text_fields(), ids=lambda x: getattr(x, "__name__", x)
)
@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("<em>Juni</em>", "< en >"),
        ("twee\nregels", "U+000A (nieuwe regel)"),
        ("omgekeerd \u202eneppo", "U+202E (richting omkeren)"),
        ("Leiden\u200b", "U+200B (spatie zonder breedte)"),
        ("kleur\x1b[31m", "U+001B (escapeteken)"),
        ("a\u2066b\u2069", "U+2066 (links-naar-rechts isoleren), U+2069"),
    ],
)
def test_every_plain_text_field_enforces_its_rule(
    owner: type, field: str, value: str, words: str
) -> None:
    from pydantic import TypeAdapter

    annotation = typing.get_type_hints(owner, include_extras=True)[field]
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(annotation).validate_python([value] if "list" in repr(annotation) else value)
    assert words in str(caught.value), str(caught.value)


def test_edition_title_with_markup_is_refused() -> None:
    with pytest.raises(ValidationError, match="< en >"):
        model.Edition(**{**EDITION, "title": "<em>Juni</em>"})
    assert model.Edition(**EDITION).title == "Juni"


@pytest.mark.parametrize(
    "value",
    [
        "Gewone titel",
        "Café 't Hoekje – 10\u00a0000 ondernemers “samen”",
        "Πάρτνερ in één schrift",
        "R&D, a/b, 50% & meer",
    ],
)
def test_ordinary_text_is_accepted_and_the_schema_pattern_agrees(value: str) -> None:
    assert check_plain_text(value) == value
    assert re.fullmatch(PLAIN_TEXT_PATTERN, value)


@pytest.mark.parametrize("value", ["a<b", "twee\nregels", "x\u202ey", "x\u200by", "x\u00ady"])
def test_the_schema_pattern_refuses_what_the_validator_refuses(value: str) -> None:
    with pytest.raises(ValueError):
        check_plain_text(value)
    assert re.fullmatch(PLAIN_TEXT_PATTERN, value) is None


def test_longer_text_may_run_over_lines_but_not_turn_around() -> None:
    assert check_text("regel een\nregel twee\tmet tab") == "regel een\nregel twee\tmet tab"
    with pytest.raises(ValueError, match=r"U\+202E"):
        check_text("tekst \u202eomgekeerd")


def test_plain_text_type_is_reusable_in_any_model() -> None:
    from pydantic import TypeAdapter

    with pytest.raises(ValidationError):
        TypeAdapter(PlainText).validate_python("<b>")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("gemeente Leiden", "Gemeente  LEIDEN"),
        ("gemeente Leiden", "gemeente Leіden"),  # Cyrillic і (the model refuses it first)
        ("VNO-NCW", "ＶＮＯ-ＮＣＷ"),  # full-width forms (NFKC)
    ],
)
def test_skeletons_of_look_alikes_are_equal(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


def _project_with_partners(tmp_path: Path, extra: str) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "project", project)
    partners = project / "data" / "partners.yaml"
    partners.write_text(partners.read_text("utf-8").rstrip("\n") + "\n" + extra, encoding="utf-8")
    return project


def _problems(project: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_publication(project)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        (
            "  - {name: gemeente L\u0435iden, slug: nep, kind: municipality}",
            "'е' (U+0435, Cyrillische letter) tussen Latijnse letters",
        ),
        (
            '  - {name: "gemeente Noordwijk\\u200b", slug: nep, kind: municipality}',
            "U+200B (spatie zonder breedte)",
        ),
        (
            "  - {name: ＧＥＭＥＥＮＴＥ ＬＥＩＤＥＮ, slug: nep, kind: municipality}",
            "lijkt op 'gemeente Leiden' van een andere partner",
        ),
        (
            "  - {name: Nep, slug: nep, kind: external, aliases: [GEMEENTE  leiden]}",
            "lijkt op 'gemeente Leiden' van een andere partner",
        ),
    ],
)
def test_look_alike_partner_names_are_refused_at_their_line(
    tmp_path: Path, entry: str, words: str
) -> None:
    project = _project_with_partners(tmp_path, entry)
    line = len((project / "data" / "partners.yaml").read_text("utf-8").splitlines())
    problems = _problems(project)
    assert any(words in p for p in problems), problems
    hit = next(p for p in problems if words in p)
    assert hit.startswith(f"data/partners.yaml, regel {line}, partners["), hit
