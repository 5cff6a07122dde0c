"""The agenda: every card's milestones plus the programme's own events, in date order.

The split into "upcoming" and "past" depends on the build date, which honours SOURCE_DATE_EPOCH
so that two builds of the same sources give the same site.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass

from macros.publication import Publication

SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"


@dataclass(frozen=True)
class AgendaItem:
    """One dated entry; `card` or `page` is the slug it links to, `key` is stable across builds."""

    date: dt.date
    title: str
    description: str | None
    location: str | None
    card: str | None
    card_title: str | None
    page: str | None
    key: str

    @property
    def url(self) -> str | None:
        """The item's page, relative to the site root."""
        if self.card:
            return f"projecten/{self.card}/"
        if self.page:
            return f"{self.page}/"
        return None


def agenda_items(publication: Publication) -> list[AgendaItem]:
    """All milestones and events, oldest first; same-day items keep the edition's order."""
    items: list[AgendaItem] = []
    keys = _Keys()
    for card in publication.cards:
        for milestone in card.milestones:
            items.append(
                AgendaItem(
                    date=milestone.date,
                    title=milestone.title,
                    description=milestone.description,
                    location=None,
                    card=card.slug,
                    card_title=card.title,
                    page=None,
                    key=keys.new(f"kaart-{card.slug}-{milestone.date.isoformat()}"),
                )
            )
    titles = {card.slug: card.title for card in publication.cards}
    for event in publication.events.events:
        items.append(
            AgendaItem(
                date=event.date,
                title=event.title,
                description=event.description,
                location=event.location,
                card=event.card,
                card_title=titles.get(event.card) if event.card else None,
                page=event.page,
                key=keys.new(f"evenement-{event.date.isoformat()}"),
            )
        )
    return sorted(items, key=lambda item: item.date)


class _Keys:
    """Keys from what identifies an item (its card and date), not from its position in a list,
    so a calendar app keeps recognising an item when others are added before it."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def new(self, base: str) -> str:
        count = self.seen[base] = self.seen.get(base, 0) + 1
        return base if count == 1 else f"{base}-{count}"


def source_date(environ: Mapping[str, str] | None = None) -> dt.datetime | None:
    """The moment SOURCE_DATE_EPOCH names (UTC), or None when the build does not set it."""
    variables = os.environ if environ is None else environ
    epoch = variables.get(SOURCE_DATE_EPOCH, "").strip()
    if not epoch:
        return None
    try:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise ValueError(
            f"{SOURCE_DATE_EPOCH}={epoch!r} is geen geldig aantal seconden sinds 1970"
        ) from None


def build_date(environ: dict[str, str] | None = None) -> dt.date:
    """Today, or the date of SOURCE_DATE_EPOCH when a reproducible build sets it."""
    moment = source_date(environ)
    return moment.date() if moment else dt.date.today()


def split(items: list[AgendaItem], today: dt.date) -> tuple[list[AgendaItem], list[AgendaItem]]:
    """Upcoming (today included, soonest first) and past (most recent first)."""
    upcoming = [item for item in items if item.date >= today]
    past = [item for item in items if item.date < today]
    return upcoming, past[::-1]
