"""The Sveltia CMS (Decap-compatible) configuration, generated from the model's schemas.

Fields, labels, hints, required flags, choices and patterns all come from `schema.card_schema()`
and `schema.data_schema()`, which come from the model and `macros.fields`; every build serves the
result at /admin/config.yml, so a new field cannot be forgotten in the CMS. With the editorial
workflow every change made in the CMS becomes a pull request, checked like any other.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from macros.loader import CARDS_DIR, DATA_DIR, DATA_FILES
from macros.model import CATEGORY_LABELS, PartnerKind
from macros.schema import card_schema, data_schema
from macros.text import (
    PLAIN_TEXT_PATTERN,
    SCHEMES_TEXT,
    SLUG_PATTERN,
    URL_PATTERN,
    WEB_URL_PATTERN,
)

CONFIG_URI = "admin/config.yml"  # generated into the site at build time, never into docs/
HEADER = (
    "# Configuratie van het redactiescherm op /admin/ (Sveltia CMS, werkt ook met Decap CMS).\n"
    "# Gemaakt uit macros/model.py met 'kaarten cms-config'; niet met de hand wijzigen.\n"
)
PATTERN_MESSAGES = {
    PLAIN_TEXT_PATTERN: "Schrijf gewone tekst op één regel, zonder < of > en zonder onzichtbare "
    "tekens.",
    URL_PATTERN: f"Een link begint met {SCHEMES_TEXT} en heeft geen spaties.",
    WEB_URL_PATTERN: "Een webadres begint met https:// of http:// en heeft geen spaties.",
    SLUG_PATTERN: "Alleen kleine letters, cijfers en streepjes, zonder spaties.",
    "^\\d{4}-\\d{4}$": "Twee jaartallen met een streepje, zoals 2022-2023.",
}
CHOICE_LABELS = {
    **{category.value: label for category, label in CATEGORY_LABELS.items()},
    **{kind.value: kind.label for kind in PartnerKind},
}
# The data files the bureau updates in the CMS: file name -> label. (Sveltia's schema allows a
# description on the collection, not on each file.)
DATA_COLLECTION_FILES = {
    "edition": "Editie",
    "index071": "Index071",
    "events": "Agenda",
    "partners": "Partners",
}
DATA_COLLECTION_DESCRIPTION = (
    "Editie: titel, datum en hoofdstukken van de huidige editie. Index071: de cijfers, de enige "
    "plek waar ze staan. Agenda: bijeenkomsten van het programma. Partners: de organisaties die "
    "kaarten mogen noemen."
)
BODY_FIELD = {
    "name": "body",
    "label": "Verhaal",
    "widget": "markdown",
    "required": False,
    "hint": "Het verhaal van het project. Gebruik kopjes van niveau 2 (##) voor tussenkopjes.",
}


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml safely; Python tags (used by some extensions) become None."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
_ConfigLoader.add_multi_constructor("!", lambda *_: None)


def site_settings(root: Path) -> dict[str, str]:
    """repo_name and site_url from mkdocs.yml: the CMS edits the same repository."""
    path = root / "mkdocs.yml"
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    return {
        "repo": str(config.get("repo_name") or ""),
        "site_url": str(config.get("site_url") or ""),
    }


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """(the schema of a value, whether it may be left out) through `X or nothing`."""
    nullable = False
    if "anyOf" in node:
        options = [o for o in node["anyOf"] if o.get("type") != "null"]
        nullable = len(options) < len(node["anyOf"])
        if len(options) == 1:
            node = {**options[0], **{k: v for k, v in node.items() if k != "anyOf"}}
    if "$ref" in node:
        target = defs[node["$ref"].rsplit("/", 1)[-1]]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node, nullable


def _widget(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """The CMS widget (and its options) for one value schema."""
    if "enum" in node:
        options = [{"label": CHOICE_LABELS.get(v, v), "value": v} for v in node["enum"]]
        return {"widget": "select", "options": options}
    if "properties" in node:
        return {"widget": "object", "fields": _fields(node, defs)}
    kinds = {o.get("type") for o in node.get("anyOf", [])} or {node.get("type")}
    if kinds == {"array"}:
        items, _ = _resolve(node["items"], defs)
        least = {"min": node["minItems"]} if node.get("minItems") else {}
        if "properties" in items:
            return {"widget": "list", "fields": _fields(items, defs), **least}
        item = {"name": "item", "label": node.get("title", "item"), **_widget(items, defs)}
        return {"widget": "list", "field": item, **least}
    if kinds == {"boolean"}:
        return {"widget": "boolean"}
    if kinds == {"integer"}:
        return {"widget": "number", "value_type": "int", **_minimum(node)}
    if kinds <= {"integer", "number"}:
        return {"widget": "number", "value_type": "float", **_minimum(node)}
    if node.get("format") == "date":
        return {"widget": "datetime", "format": "YYYY-MM-DD", "time_format": False}
    widget: dict[str, Any] = {"widget": "string" if "pattern" in node else "text"}
    if "pattern" in node:
        message = PATTERN_MESSAGES.get(node["pattern"], "Heeft niet de verwachte vorm.")
        widget["pattern"] = [node["pattern"], message]
    return widget


def _minimum(node: dict[str, Any]) -> dict[str, Any]:
    values = []
    for option in node.get("anyOf", [node]):
        if option.get("minimum") is not None:
            values.append(option["minimum"])
        elif option.get("exclusiveMinimum") is not None and option.get("type") == "integer":
            values.append(option["exclusiveMinimum"] + 1)
    return {"min": min(values)} if values else {}


def _fields(node: dict[str, Any], defs: dict[str, Any]) -> list[dict[str, Any]]:
    required = set(node.get("required", []))
    fields = []
    for name, prop in node["properties"].items():
        value, _ = _resolve(prop, defs)
        field: dict[str, Any] = {
            "name": name,
            "label": prop.get("title", name),
            **_widget(value, defs),
            "required": name in required,
        }
        if prop.get("description"):
            field["hint"] = prop["description"]
        if "default" in prop and prop["default"] not in (None, []):
            field["default"] = prop["default"]
        fields.append(field)
    return fields


def card_collection() -> dict[str, Any]:
    schema = card_schema()
    return {
        "name": "kaarten",
        "label": "Projectkaarten",
        "label_singular": "Projectkaart",
        "description": "Eén kaart per project. Verplicht: titel, categorie en samenvatting.",
        "folder": CARDS_DIR,
        "extension": "md",
        "format": "yaml-frontmatter",
        "create": True,
        "delete": True,
        "identifier_field": "title",
        "slug": "{{slug}}",
        "summary": "{{title}}",
        "preview_path": "projecten/{{slug}}/",
        "sortable_fields": ["order", "title", "category"],
        "fields": [*_fields(schema, schema.get("$defs", {})), BODY_FIELD],
    }


def data_collection() -> dict[str, Any]:
    """One entry per data file the bureau updates, its form generated like the card's."""
    files = []
    for name, label in DATA_COLLECTION_FILES.items():
        schema = data_schema(name, DATA_FILES[name])
        files.append(
            {
                "name": name,
                "label": label,
                "file": f"{DATA_DIR}/{name}.yaml",
                "fields": _fields(schema, schema.get("$defs", {})),
            }
        )
    return {
        "name": "gegevens",
        "label": "Gegevens",
        "description": DATA_COLLECTION_DESCRIPTION,
        "format": "yaml",
        "editor": {"preview": False},
        "files": files,
    }


def cms_config(root: Path) -> dict[str, Any]:
    """The whole configuration. No `local_backend` or `locale`: Sveltia ignores both (with a
    warning) and works with a local checkout without configuration.

    `publish_mode: editorial_workflow` (Sveltia CMS 0.213 and later; the pinned version has
    it): a save becomes a branch and a pull request instead of a commit on main, so the pull
    request checks (validation, build, links, change summary) run before anything is published.
    """
    settings = site_settings(root)
    return {
        "backend": {
            "name": "github",
            "repo": settings["repo"],
            "branch": "main",
            "squash_merges": True,
        },
        "publish_mode": "editorial_workflow",
        "site_url": settings["site_url"],
        "display_url": settings["site_url"],
        "media_folder": "docs/assets/uploads",
        "public_folder": "/assets/uploads",
        "output": {"omit_empty_optional_fields": True},
        "editor": {"preview": False},
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [card_collection(), data_collection()],
    }


def cms_config_text(root: Path) -> str:
    body = yaml.safe_dump(cms_config(root), allow_unicode=True, sort_keys=False, width=100)
    return HEADER + body
