"""JSON Schemas of the card front matter and the data files, generated from the model.

Committed under `schema/` for editors and tools (VS Code's YAML extension, the CMS generator);
`kaarten schema` rewrites them and a test fails when they fall behind the model.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from macros.editions.records import ARCHIVE_DIR, RECORD_NAME, EditionRecord
from macros.fields import DATA_FIELDS, FIELDS, FieldText
from macros.loader import DATA_DIR, DATA_FILES
from macros.model import CATEGORY_LABELS, CardFields

RECORD_SCHEMA = "edition-record.schema.json"

SCHEMA_DIR = "schema"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
GENERATED = "Gemaakt uit macros/model.py met 'kaarten schema'; niet met de hand wijzigen."
_KEYWORD_CHILDREN = ("items", "additionalProperties", "not")
_KEYWORD_LISTS = ("anyOf", "allOf", "oneOf", "prefixItems")


def card_schema() -> dict[str, Any]:
    """The card front matter, with a Dutch title and description on every field."""
    schema = CardFields.model_json_schema()
    defs = schema.get("$defs", {})
    _strip_english(schema)
    _describe(schema, defs, "")
    category = defs["Category"]
    category["description"] = FIELDS["category"].help
    category["enumDescriptions"] = [CATEGORY_LABELS[c] for c in CATEGORY_LABELS]
    return {
        "$schema": DIALECT,
        "$id": "card.schema.json",
        "title": "Projectkaart (de gegevens tussen de regels ---)",
        "description": GENERATED,
        **schema,
    }


def data_schema(name: str, model: type[BaseModel]) -> dict[str, Any]:
    """A data file's schema: structure, patterns and choices, with the Dutch labels of
    `DATA_FIELDS` where the bureau edits the file (the model's own docs are English)."""
    schema = model.model_json_schema()
    _strip_english(schema)
    if name in DATA_FIELDS:
        _describe(schema, schema.get("$defs", {}), "", DATA_FIELDS[name])
    return {
        "$schema": DIALECT,
        "$id": f"{name}.schema.json",
        "title": f"{DATA_DIR}/{name}.yaml",
        "description": GENERATED,
        **schema,
    }


def all_schemas() -> dict[str, str]:
    """File name under schema/ → its JSON text, exactly as committed."""
    schemas = {"card.schema.json": card_schema()}
    for name, model in DATA_FILES.items():
        schemas[f"{name}.schema.json"] = data_schema(name, model)
    schemas[RECORD_SCHEMA] = {
        **data_schema("edition-record", EditionRecord),
        "title": f"{ARCHIVE_DIR}/<jjjj-mm>/{RECORD_NAME}",
    }
    return {name: json.dumps(s, indent=2, ensure_ascii=False) + "\n" for name, s in schemas.items()}


def write_schemas(root: Path) -> list[Path]:
    folder = root / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    written = []
    for name, text in all_schemas().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def outdated_schemas(root: Path) -> list[str]:
    """Names of committed schema files that differ from what the model generates."""
    folder = root / SCHEMA_DIR
    return [
        f"{SCHEMA_DIR}/{name}"
        for name, text in all_schemas().items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
    ]


def _strip_english(node: Any) -> None:
    """Drop pydantic's titles (Python names) and descriptions (English docstrings)."""
    if not isinstance(node, dict):
        return
    node.pop("title", None)
    node.pop("description", None)
    for group in ("properties", "$defs"):
        for child in node.get(group, {}).values():
            _strip_english(child)
    for key in _KEYWORD_CHILDREN:
        _strip_english(node.get(key))
    for key in _KEYWORD_LISTS:
        for child in node.get(key, []):
            _strip_english(child)


def _ref_target(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any] | None:
    """The object definition a property points at, through lists and 'or nothing'."""
    candidates = [node, node.get("items", {}), *node.get("anyOf", [])]
    candidates += [c.get("items", {}) for c in node.get("anyOf", [])]
    for candidate in candidates:
        ref = candidate.get("$ref") if isinstance(candidate, dict) else None
        if ref:
            target = defs[ref.rsplit("/", 1)[-1]]
            if "properties" in target:
                return target
    return None


def _describe(
    node: dict[str, Any],
    defs: dict[str, Any],
    prefix: str,
    table: dict[str, FieldText] = FIELDS,
) -> None:
    for name, prop in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        text = table[path]
        prop["title"] = text.label
        prop["description"] = text.help
        target = _ref_target(prop, defs)
        if target is not None:
            _describe(target, defs, f"{path}.", table)
