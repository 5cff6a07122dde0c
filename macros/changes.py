"""What changed between two snapshots, in words a reader of the publication understands.

Pure functions over `revisions.Snapshot`: Markdown out, no git, no files. Field names are the
labels of `macros.fields`, so the summary speaks the editors' language. A field without its
own wording below is still reported ("Doel gewijzigd"), so a new field is never silent.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Any

from pydantic import BaseModel

from macros import formatting
from macros.fields import FIELDS
from macros.model import (
    CardFields,
    Category,
    Edition,
    Index071,
    Link,
    Milestone,
    Partners,
    Period,
    StructureRole,
    Target,
)
from macros.problems import visible
from macros.revisions import CardVersion, Snapshot

HEADING = "## Wijzigingen in de projectkaarten en gegevens"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~!])")
# GitHub turns @name and @org/team into notifications, also after an escaped character; a zero
# width space after the @ keeps the text as typed and pings nobody.
_MENTION = re.compile(r"@(?=[A-Za-z0-9])")
# #123, GH-123 and owner/repo#123 link to issues and leave a "mentioned" trace there.
_REFERENCE = re.compile(r"(\\#|\bGH-)(?=\d)", re.IGNORECASE)
_ZERO_WIDTH_SPACE = "&#8203;"


def md(text: Any) -> str:
    """Card text as inert Markdown in a pull-request comment: one line, control characters as
    escapes, every formatting character escaped (no HTML, comment, heading or link), and no
    @mention or issue reference."""
    # `&` as an entity, so `&#64;name` shows as typed instead of becoming a mention.
    line = visible(" ".join(str(text).split())).replace("&", "&amp;")
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", line)
    escaped = _REFERENCE.sub(lambda m: m.group(1) + _ZERO_WIDTH_SPACE, escaped)
    return _MENTION.sub("@" + _ZERO_WIDTH_SPACE, escaped)


def code(text: Any) -> str:
    """Text as one inline code span, whatever backticks it holds: the fence is one backtick
    longer than the longest run inside, and padded when the text starts or ends with one."""
    line = visible(str(text)) or " "
    longest = max((len(run) for run in re.findall(r"`+", line)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if line.startswith("`") or line.endswith("`") else ""
    return f"{fence}{pad}{line}{pad}{fence}"


def quoted(text: Any) -> str:
    return f"‘{md(text)}’"


def shown(value: Any) -> str:
    """A field value the way the site shows it."""
    if value is None or value == []:
        return "leeg"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, Category):
        return value.label
    if isinstance(value, dt.date):
        return formatting.date_long(value)
    if isinstance(value, int | float):
        return formatting.number(value)
    if isinstance(value, Period):
        return formatting.period(value.start, value.end)
    if isinstance(value, BaseModel):
        return ", ".join(shown(v) for v in value.model_dump().values() if v is not None)
    return quoted(value)


def _label(name: str) -> str:
    return FIELDS[name].label


def _added_removed(
    name: str, old: Iterable[Any], new: Iterable[Any], show: Callable[[Any], str]
) -> list[str]:
    old_list, new_list = list(old), list(new)
    added = [show(x) for x in new_list if x not in old_list]
    removed = [show(x) for x in old_list if x not in new_list]
    parts = []
    if added:
        parts.append("toegevoegd: " + ", ".join(added))
    if removed:
        parts.append("vervallen: " + ", ".join(removed))
    return [f"{_label(name)}: " + "; ".join(parts)] if parts else []


def _keyed(
    name: str,
    old: list[Any],
    new: list[Any],
    key: Callable[[Any], str],
    show: Callable[[Any], str],
    change: Callable[[Any, Any], str],
) -> list[str]:
    """Items matched by a key: added, removed, and what changed in the ones kept."""
    before = {key(x): x for x in old}
    after = {key(x): x for x in new}
    parts = [f"{quoted(k)} toegevoegd ({show(after[k])})" for k in after if k not in before]
    parts += [f"{quoted(k)} vervallen" for k in before if k not in after]
    parts += [change(before[k], after[k]) for k in after if k in before and before[k] != after[k]]
    if not parts and [key(x) for x in old] != [key(x) for x in new]:
        parts.append("andere volgorde")
    return [f"{_label(name)}: " + "; ".join(parts)] if parts else []


def _target_amount(t: Target) -> str:
    return md(formatting.amount(t.value, t.unit))


def _structure(old: list[StructureRole], new: list[StructureRole]) -> list[str]:
    return _keyed(
        "structure",
        old,
        new,
        key=lambda r: r.role,
        show=lambda r: md(r.who),
        change=lambda a, b: f"{quoted(b.role)} nu {md(b.who)} (was {md(a.who)})",
    )


def _targets(old: list[Target], new: list[Target]) -> list[str]:
    return _keyed(
        "targets",
        old,
        new,
        key=lambda t: t.label,
        show=_target_amount,
        change=lambda a, b: f"{quoted(b.label)} {_target_amount(a)} → {_target_amount(b)}",
    )


def _milestone_change(a: Milestone, b: Milestone) -> str:
    if a.date != b.date:
        return f"{quoted(b.title)} verschoven van {shown(a.date)} naar {shown(b.date)}"
    return f"{quoted(b.title)}: toelichting gewijzigd"


def _milestones(old: list[Milestone], new: list[Milestone]) -> list[str]:
    return _keyed(
        "milestones",
        old,
        new,
        key=lambda m: m.title,
        show=lambda m: shown(m.date),
        change=_milestone_change,
    )


def _links(old: list[Link], new: list[Link]) -> list[str]:
    return _keyed(
        "links",
        old,
        new,
        key=lambda link: link.url,
        show=lambda link: quoted(link.title),
        change=lambda a, b: f"{quoted(b.url)} heet nu {quoted(b.title)} (was {quoted(a.title)})",
    )


def _quote(old: Any, new: Any) -> list[str]:
    if new is None:
        return [f"{_label('quote')} verwijderd"]
    who = ", ".join(md(x) for x in (new.name, new.role) if x)
    return [
        f"{_label('quote')} {'nieuw' if old is None else 'gewijzigd'}: „{md(new.text)}” — {who}"
    ]


FIELD_CHANGES: dict[str, Callable[[Any, Any], list[str]]] = {
    "structure": _structure,
    "targets": _targets,
    "milestones": _milestones,
    "links": _links,
    "quote": _quote,
    "partners": lambda old, new: _added_removed("partners", old, new, md),
}


def card_changes(old: CardFields, new: CardFields) -> list[str]:
    lines: list[str] = []
    for name in CardFields.model_fields:
        before, after = getattr(old, name), getattr(new, name)
        if before == after:
            continue
        special = FIELD_CHANGES.get(name)
        if special is not None:
            lines.extend(special(before, after))
        elif isinstance(before, list | BaseModel) or isinstance(after, list | BaseModel):
            lines.append(f"{_label(name)}: {shown(before)} → {shown(after)}")
        elif name in ("summary", "goal"):
            lines.append(f"{_label(name)} gewijzigd: {shown(after)} (was {shown(before)})")
        else:
            lines.append(f"{_label(name)}: {shown(before)} → {shown(after)}")
    return lines


def _card_section(old: Snapshot, new: Snapshot) -> list[str]:
    added = [new.cards[s] for s in new.cards if s not in old.cards]
    removed = [old.cards[s] for s in old.cards if s not in new.cards]
    changed: list[tuple[CardVersion, list[str]]] = []
    for slug in new.cards:
        if slug not in old.cards:
            continue
        before, after = old.cards[slug], new.cards[slug]
        if before.fields is None or after.fields is None:
            if (before.fields, before.body) != (after.fields, after.body):
                changed.append((after, ["de kaart is gewijzigd, maar kon niet gelezen worden"]))
            continue
        lines = card_changes(before.fields, after.fields)
        if before.body.strip() != after.body.strip():
            lines.append("Het verhaal (de tekst onder de gegevens) is gewijzigd.")
        if lines:
            changed.append((after, lines))
    out: list[str] = []
    if added:
        out += ["", "**Nieuwe kaarten**", ""]
        out += [f"- {_card_title(c)}{_category_note(c)}" for c in added]
    if removed:
        out += ["", "**Verwijderde kaarten**", ""]
        out += [f"- {_card_title(c)}{_category_note(c)}" for c in removed]
    for card, lines in changed:
        out += ["", f"**Gewijzigd: {_card_title(card)}**", ""]
        out += [f"- {line}" for line in lines]
    return out


def _card_title(card: CardVersion) -> str:
    title = card.fields.title if card.fields else card.path
    return f"{md(title)} ({code(card.path)})"


def _category_note(card: CardVersion) -> str:
    return f" — {card.fields.category.label}" if card.fields else ""


def _index_section(old: Snapshot, new: Snapshot) -> list[str]:
    before, after = old.data.get("index071"), new.data.get("index071")
    if not isinstance(before, Index071) or not isinstance(after, Index071):
        return []
    a, b = before.latest, after.latest
    if (a.edition, a.score) == (b.edition, b.score):
        return []
    if a.edition == b.edition:
        line = f"Index071-score van editie {a.edition}: {a.score} → {b.score}"
    else:
        line = f"Index071: {a.score} (editie {a.edition}) → {b.score} (editie {b.edition})"
    return [f"- {line}"]


def _data_section(old: Snapshot, new: Snapshot) -> list[str]:
    out = _index_section(old, new)
    before, after = old.data.get("edition"), new.data.get("edition")
    if isinstance(before, Edition) and isinstance(after, Edition):
        if before.title != after.title:
            out.append(f"- Editie: {quoted(before.title)} → {quoted(after.title)}")
        if before.date != after.date:
            out.append(f"- Datum van de editie: {shown(before.date)} → {shown(after.date)}")
        if before.chapters != after.chapters:
            out.append("- De hoofdstukken van de editie zijn gewijzigd.")
    p_old, p_new = old.data.get("partners"), new.data.get("partners")
    if isinstance(p_old, Partners) and isinstance(p_new, Partners):
        names = _added_removed(
            "partners", [p.name for p in p_old.partners], [p.name for p in p_new.partners], md
        )
        out += [f"- {line} (data/partners.yaml)" for line in names]
    for name in ("index071", "programme", "partners"):
        a, b = old.data.get(name), new.data.get(name)
        if a is not None and b is not None and a != b and not _explained(name, out):
            out.append(f"- Overige gegevens in `data/{name}.yaml` zijn gewijzigd.")
    return out


def _explained(name: str, lines: list[str]) -> bool:
    marker = {"index071": "Index071", "partners": "data/partners.yaml"}.get(name)
    return marker is not None and any(marker in line for line in lines)


def summarize(old: Snapshot, new: Snapshot) -> str:
    """The Markdown summary a pull-request comment shows."""
    out = [HEADING, "", f"Vergeleken: {code(old.label)} → {code(new.label)}"]
    cards = _card_section(old, new)
    data = _data_section(old, new)
    if not cards and not data:
        out += ["", "Geen wijzigingen in de kaarten of de gegevens."]
    out += cards
    if data:
        out += ["", "**Gegevens**", "", *data]
    if new.problems:
        out += [
            "",
            f"**Let op:** in {code(new.label)} zijn niet alle bestanden geldig; "
            "`kaarten validate` noemt de problemen.",
        ]
    return "\n".join(out) + "\n"
