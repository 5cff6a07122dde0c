"""Display dicts for the partners' pages and the agenda, in the manner of macros/views.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from macros import formatting as fmt
from macros.agenda import AgendaItem, agenda_items, split
from macros.model import Partner, PartnerKind
from macros.partners import PartnerIndex
from macros.publication import Publication
from macros.views import card_summary

AGENDA_FEED = "agenda.ics"


def partner_url(partner: Partner, root: str) -> str:
    return f"{root}partners/{partner.slug}/"


def partner_overview(publication: Publication, index: PartnerIndex, root: str) -> list[dict]:
    """The organisations grouped by kind, in PartnerKind's order, each with its project count."""
    groups = []
    for kind in PartnerKind:
        partners = [p for p in publication.partners.partners if p.kind is kind]
        if not partners:
            continue
        groups.append(
            {
                "key": kind.value,
                "label": kind.label,
                "partners": [
                    {
                        "name": p.name,
                        "url": partner_url(p, root),
                        "projects": _count(
                            len(index.cards_of(p.slug)), len(index.named_in(p.slug))
                        ),
                    }
                    for p in sorted(partners, key=lambda p: p.name.casefold())
                ],
            }
        )
    return groups


def _projects(number: int) -> str:
    return "1 project" if number == 1 else f"{fmt.number(number)} projecten"


def _count(involved: int, named: int = 0) -> str:
    """The count shown with a partner; "nog geen projecten" only when no card names it."""
    if involved:
        return _projects(involved)
    if named:
        return f"genoemd in {_projects(named)}"
    return "nog geen projecten"


def distinct_aliases(partner: Partner) -> list[str]:
    """The aliases worth showing: not the name again in other capitals, each spelling once."""
    seen = {partner.name.casefold()}
    shown = []
    for alias in partner.aliases:
        if alias.casefold() not in seen:
            seen.add(alias.casefold())
            shown.append(alias)
    return shown


def partner_page(partner: Partner, index: PartnerIndex, root: str) -> dict[str, Any]:
    cards = index.cards_of(partner.slug)
    named = index.named_in(partner.slug)
    return {
        "name": partner.name,
        "kind": partner.kind.label,
        "aliases": distinct_aliases(partner),
        "url": partner.url,
        "count": _count(len(cards)),
        "cards": [card_summary(card, root) for card in cards],
        "named_count": _projects(len(named)) if named else None,
        "named_cards": [card_summary(card, root) for card in named],
        "overview_url": f"{root}partners/",
    }


def agenda_item_view(item: AgendaItem, root: str) -> dict[str, Any]:
    return {
        "iso": item.date.isoformat(),
        "date": fmt.date_long(item.date),
        "title": item.title,
        "description": item.description,
        "location": item.location,
        "project": item.card_title,
        "url": f"{root}{item.url}" if item.url else None,
        "id": item.key,
    }


def agenda_view(publication: Publication, today: dt.date, root: str) -> dict[str, Any]:
    upcoming, past = split(agenda_items(publication), today)
    return {
        "today": fmt.date_long(today),
        "today_iso": today.isoformat(),
        "upcoming": [agenda_item_view(item, root) for item in upcoming],
        "past": [agenda_item_view(item, root) for item in past],
        "feed_url": f"{root}{AGENDA_FEED}",
    }
