"""A card's sections, described once: where each field goes, under which heading, with what.

The web card, the print card and the card page's table of contents all render the list this
module returns (the templates through the macros in `templates/_card_sections.html`), and every
heading comes from `fields.FIELDS`. A field of the model without a place of its own below is
shown anyway, as a section after the body with its label as heading, so a new field needs only
the model, `fields.py` and an example in `kaarten new`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel

from macros import formatting as fmt
from macros.fields import FIELDS
from macros.model import Card, CardFields, Category
from macros.partners import partner_index
from macros.publication import Publication
from macros.text import slug_of

# The card's head: the templates show these fields themselves, at the top of the card.
HEAD = ("title", "category", "summary", "quote")
# Short facts in one list of label and value, below the head.
FACTS = ("leader", "period", "partners")
# Sections with a heading, before and after the Markdown body, in this order, per layout. The
# printed card opens with its key data, to fill its pages well.
LAYOUTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "web": (("goal",), ("targets", "milestones", "structure", "links")),
    "print": (("structure", "targets", "milestones", "goal"), ("links",)),
}
# Fields that change the card without text of their own, and what they do.
EFFECTS = {
    "order": "the card's place in the overview and in the printed edition",
    "index071": "the block with the current Index071 score (templates: card.index)",
    "formerly": "old addresses that redirect to the card (site.edition_pages.add_redirect_pages)",
}


@dataclass(frozen=True)
class Section:
    """One headed part of a card: the field it shows, its heading and anchor, its items."""

    key: str
    heading: str
    anchor: str
    items: list[Any]
    before_body: bool


def heading(key: str) -> str:
    text = FIELDS[key]
    return text.heading or text.label


def anchor(text: str) -> str:
    """'Doelen in cijfers' -> 'doelen-in-cijfers': the id of a section heading."""
    return slug_of(text)


def display(value: Any) -> str:
    """A value of any field type as a reader sees it, for fields without a view of their own."""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, Category):
        return value.label
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, dt.date):
        return fmt.date_long(value)
    if isinstance(value, int | float):
        return fmt.number(value)
    if isinstance(value, BaseModel):
        parts = (getattr(value, name) for name in type(value).model_fields)
        return ", ".join(display(part) for part in parts if part is not None)
    return str(value)


def facts(card: Card, publication: Publication, root: str) -> list[dict[str, Any]]:
    """The short facts (label, value and, for partners, links to their pages)."""
    shown: list[dict[str, Any]] = []
    for key in FACTS:
        value = getattr(card, key)
        if not value:
            continue
        fact: dict[str, Any] = {"key": key, "label": FIELDS[key].label, "links": None}
        if key == "period":
            fact["value"] = fmt.period(value.start, value.end)
        elif key == "partners":
            partners = publication.partners_of(card)
            if not partners:
                continue
            fact["value"] = ", ".join(p.name for p in partners)
            fact["links"] = [{"text": p.name, "url": f"{root}partners/{p.slug}/"} for p in partners]
        else:
            fact["value"] = display(value)
        shown.append(fact)
    return shown


def _items(key: str, card: Card, publication: Publication, root: str) -> list[Any]:
    value = getattr(card, key)
    if key == "targets":
        return [{"amount": fmt.amount(t.value, t.unit), "label": t.label} for t in value]
    if key == "milestones":
        return [
            {
                "iso": m.date.isoformat(),
                "date": fmt.date_long(m.date),
                "title": m.title,
                "description": m.description,
            }
            for m in sorted(value, key=lambda m: m.date)
        ]
    if key == "structure":
        return structure(card, publication, root)
    if key == "links":
        return [{"title": link.title, "url": link.url} for link in value]
    if value is None or value == []:
        return []
    return [display(v) for v in value] if isinstance(value, list) else [display(value)]


def structure(card: Card, publication: Publication, root: str) -> list[dict[str, Any]]:
    """The Projectstructuur box: partner names link to their page, each partner once per box
    (its first mention), so a name repeated in every line is not a row of identical links."""
    index = partner_index(publication)
    linked: set[str] = set()
    lines = []
    for line in card.structure:
        segments = []
        for part in index.segments(line.who):
            url = None
            if part.partner is not None and part.partner.slug not in linked:
                linked.add(part.partner.slug)
                url = f"{root}partners/{part.partner.slug}/"
            segments.append({"text": part.text, "url": url})
        lines.append({"role": line.role, "who": line.who, "segments": segments})
    return lines


# Every field that has a place on the card (head, facts, sections, effects).
PLACED = frozenset({*HEAD, *FACTS, *LAYOUTS["web"][0], *LAYOUTS["web"][1], *EFFECTS})


def unplaced() -> tuple[str, ...]:
    """The model's fields without a place of their own: shown after the body, under their label."""
    return tuple(name for name in CardFields.model_fields if name not in PLACED)


def section_anchors() -> frozenset[str]:
    """The id of every section a card can have, in any layout: a card body may not claim them
    (render.template_ids), also for a field added later."""
    keys = {key for before, after in LAYOUTS.values() for key in (*before, *after)}
    return frozenset(anchor(heading(key)) for key in (*keys, *unplaced()))


def sections(card: Card, publication: Publication, root: str, layout: str = "web") -> list[Section]:
    """The card's headed sections in page order for `layout` ("web" or "print"); empty ones
    are left out, and fields without a place of their own come after the body."""
    before_body, after_body = LAYOUTS[layout]
    found = []
    for keys, before in ((before_body, True), (after_body + unplaced(), False)):
        for key in keys:
            items = _items(key, card, publication, root)
            if items:
                title = heading(key)
                found.append(Section(key, title, anchor(title), items, before))
    return found
