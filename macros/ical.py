"""agenda.ics: the agenda as an iCalendar feed (RFC 5545) that calendar apps can subscribe to.

The feed depends only on the sources: UIDs come from the items' keys and DTSTAMP from
SOURCE_DATE_EPOCH or the edition date, never from the clock, so builds are reproducible.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urljoin, urlsplit

import icalendar

from macros.agenda import AgendaItem, source_date

PRODID = "-//Economie071//Projectoverzicht//NL"


def stamp(edition_date: dt.date, environ: dict[str, str] | None = None) -> dt.datetime:
    """DTSTAMP for every event: the reproducible build time, else the edition's date."""
    moment = source_date(environ)
    if moment is not None:
        return moment
    return dt.datetime.combine(edition_date, dt.time(0, 0), tzinfo=dt.UTC)


def agenda_ics(
    items: list[AgendaItem],
    *,
    calendar_name: str,
    site_url: str | None,
    dtstamp: dt.datetime,
) -> bytes:
    """One all-day VEVENT per agenda item, linked to its page when the site has a URL."""
    host = urlsplit(site_url).hostname if site_url else None
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", calendar_name)
    for item in items:
        event = icalendar.Event()
        event.add("uid", f"{item.key}@{host or 'economie071'}")
        event.add("dtstamp", dtstamp)
        event.add("dtstart", item.date)
        event.add("dtend", item.date + dt.timedelta(days=1))
        event.add("summary", item.title)
        description = [item.description] if item.description else []
        if item.card_title:
            description.append(f"Project: {item.card_title}")
        if description:
            event.add("description", "\n".join(description))
        if item.location:
            event.add("location", item.location)
        if site_url and item.url:
            event.add("url", urljoin(site_url, item.url))
        calendar.add_component(event)
    return calendar.to_ical()
