"""Refuse a card that still holds `kaarten new`'s example texts, naming each one to replace.

The texts come from the template itself (`macros.newcard.PLACEHOLDERS`), so the template and
this check cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from macros.model import CardFields
from macros.newcard import PLACEHOLDER_STORY, PLACEHOLDERS
from macros.problems import Problem
from macros.source import CardSource

BODY_FIELD = "tekst"


def _strings(value: Any, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple, str]]:
    """Every text in the front matter with its location (keys and list indexes)."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*loc, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*loc, index))


def _field_name(loc: tuple[str | int, ...]) -> str:
    """`("milestones", 0, "title")` as editors read it elsewhere: `milestones[1].title`."""
    name = ""
    for part in loc:
        name += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name


def _message(text: str, loc: tuple[str | int, ...]) -> str:
    message = (
        f"hier staat nog de voorbeeldtekst van 'kaarten new' ('{text}'); vervang die door de "
        "echte tekst"
    )
    field = CardFields.model_fields.get(str(loc[0]))
    if field is not None and not field.is_required():
        message += f", of haal '{loc[0]}' weg als de kaart het niet nodig heeft"
    return message


def placeholder_problems(source: CardSource, file: str) -> list[Problem]:
    """One problem per example text left in the card's fields or story."""
    problems = []
    document = source.front_matter
    for loc, value in _strings(document.data):
        for text in PLACEHOLDERS:
            if text in value:
                problems.append(
                    Problem(file, document.line_of(loc), _field_name(loc), _message(text, loc))
                )
    for offset, line in enumerate(source.body.split("\n")):
        for text in PLACEHOLDERS:
            if text in line:
                message = (
                    f"hier staat nog de voorbeeldtekst van 'kaarten new' ('{text}'); vervang "
                    "die door "
                    + (
                        "het verhaal van het project"
                        if text == PLACEHOLDER_STORY
                        else "echte tekst"
                    )
                )
                problems.append(Problem(file, source.body_line + offset, BODY_FIELD, message))
    return problems
