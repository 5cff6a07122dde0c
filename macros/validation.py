"""Turning pydantic's validation errors into problems an editor can act on."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from macros.model import Category, PartnerKind
from macros.problems import Problem, nearest
from macros.source import YamlDocument
from macros.text import SLUG_PATTERN

M = TypeVar("M", bound=BaseModel)

CHOICES: dict[type, dict[str, str]] = {
    Category: {c.value: c.label for c in Category},
    PartnerKind: {k.value: k.label for k in PartnerKind},
}


def validate(model: type[M], document: YamlDocument, file: str) -> tuple[M | None, list[Problem]]:
    try:
        return model.model_validate(document.data), []
    except ValidationError as error:
        return None, list(problems_from(error, model, document, file))


def problems_from(
    error: ValidationError, model: type[BaseModel], document: YamlDocument, file: str
) -> Iterator[Problem]:
    seen: set[tuple[str, str]] = set()
    for detail in error.errors(include_url=False):
        loc = _data_loc(detail["loc"], document.data)
        field = _field_name(loc)
        kind = detail["type"]
        if kind == "extra_forbidden":
            loc_parent = loc[:-1]
            allowed = _allowed_fields(model, loc_parent)
            key = str(loc[-1])
            message = f"'{key}' is geen bekend veld"
            guess = nearest(key, allowed)
            if guess:
                message += f"; bedoelde je '{guess}'?"
            elif allowed:
                message += "; toegestaan zijn: " + ", ".join(allowed)
        else:
            message = _message(detail, model, loc)
        # A union (e.g. "date or nothing") reports once per branch: keep the first.
        once = (field, "union") if _is_union(detail) else (field, message)
        if once in seen:
            continue
        seen.add(once)
        yield Problem(file, document.line_of(loc), field or None, message)


def _is_union(detail: Any) -> bool:
    return any(
        isinstance(p, str) and ("[" in p or p in {"int", "float", "str"}) for p in detail["loc"]
    )


def _data_loc(loc: tuple[Any, ...], data: Any) -> tuple[str | int, ...]:
    """Drop pydantic's internal steps (union branches, validators) from an error location."""
    out: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str):
            out.append(part)
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int):
            out.append(part)
            node = node[part] if 0 <= part < len(node) else None
        elif node is None and isinstance(part, str) and not _internal(part):
            out.append(part)
    return tuple(out)


def _internal(part: str) -> bool:
    return "[" in part or part in {"int", "float", "str", "bool", "date", "none"}


def _field_name(loc: tuple[str | int, ...]) -> str:
    name = ""
    for part in loc:
        if isinstance(part, int):
            name += f"[{part + 1}]"
        else:
            name += ("." if name else "") + part
    return name


def _unwrap(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg)]
    return [annotation]


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        if info is None:
            return None
        models = [
            t for t in _unwrap(info.annotation) if isinstance(t, type) and issubclass(t, BaseModel)
        ]
        current = models[0] if models else None
    return current


def _allowed_fields(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    target = _model_at(model, loc)
    return list(target.model_fields) if target else []


def _enum_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type | None:
    parent = _model_at(model, tuple(p for p in loc[:-1]))
    if parent is None or not loc or not isinstance(loc[-1], str):
        return None
    info = parent.model_fields.get(loc[-1])
    if info is None:
        return None
    for t in _unwrap(info.annotation):
        if t in CHOICES:
            return t
    return None


def _message(detail: Any, model: type[BaseModel], loc: tuple[str | int, ...]) -> str:
    kind: str = detail["type"]
    ctx = detail.get("ctx") or {}
    value = detail.get("input")
    if kind == "missing":
        return "dit verplichte veld ontbreekt"
    if kind == "enum":
        enum = _enum_at(model, loc)
        choices = CHOICES.get(enum, {}) if enum else {}
        listing = ", ".join(f"{k} ({label})" for k, label in choices.items())
        message = f"'{value}' is geen geldige keuze; kies uit {listing}"
        guess = nearest(str(value), [*choices, *choices.values()])
        if guess:
            key = guess if guess in choices else next(k for k, v in choices.items() if v == guess)
            message = (
                f"'{value}' is geen geldige keuze; bedoelde je '{key}' ({choices[key]})? "
                f"Kies uit {listing}"
            )
        return message
    if kind in {"string_type", "str_type"}:
        return f"moet tekst zijn, niet {_shown(value)}; zet de waarde tussen aanhalingstekens"
    if kind == "string_too_short":
        return "mag niet leeg zijn"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"moet een heel getal zijn, niet {_shown(value)}"
    if kind in {"float_type", "float_parsing"}:
        return f"moet een getal zijn (zonder punt voor duizendtallen), niet {_shown(value)}"
    if kind in {"bool_type", "bool_parsing"}:
        return f"moet true of false zijn, niet {_shown(value)}"
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"moet een datum zijn als JJJJ-MM-DD (bijvoorbeeld 2023-07-03), niet {_shown(value)}"
    if kind == "list_type":
        return "moet een lijst zijn: elk onderdeel op een eigen regel die begint met '- '"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return "moet een groep velden zijn (naam: waarde), ingesprongen onder deze naam"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern == SLUG_PATTERN:
            return "mag alleen kleine letters, cijfers en streepjes bevatten"
        if r"\d{4}-\d{4}" in pattern:
            return f"moet twee jaartallen zijn, zoals 2022-2023, niet {_shown(value)}"
        return f"{_shown(value)} heeft niet de verwachte vorm"
    if kind in {"greater_than", "greater_than_equal"}:
        limit = ctx.get("gt", ctx.get("ge"))
        return f"moet {'groter dan' if kind == 'greater_than' else 'minstens'} {limit} zijn"
    if kind == "too_short":
        return f"moet minstens {ctx.get('min_length', 1)} onderdeel bevatten"
    if kind == "frozen_set_type" or kind == "set_type":
        return "moet een lijst zijn"
    return str(detail.get("msg", kind))


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "een groep velden"
    if isinstance(value, list):
        return "een lijst"
    if value is None:
        return "leeg"
    return repr(value) if isinstance(value, str) else str(value)
