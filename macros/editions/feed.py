"""The Atom feed of published editions: one entry per edition, with what changed in it.

Made with feedgen; every date comes from the records, never the clock, so two builds of one
commit give the same bytes.
"""

from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator  # type: ignore[import-untyped]
from markupsafe import Markup

from macros.editions.changes import compare
from macros.editions.records import Archive, EditionRecord

FEED_TITLE = "Edities van het Projectoverzicht"


def _moment(date: dt.date) -> dt.datetime:
    return dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)


def _content(record: EditionRecord, archive: Archive) -> str:
    previous = archive.previous(record)
    intro = f"{record.title}: {len(record.cards)} projectkaarten."
    if previous is None:
        return str(Markup("<p>{}</p>").format(intro))
    lines = compare(previous, record).lines() or ["Geen wijzigingen in de projectkaarten."]
    items = Markup("").join(Markup("<li>{}</li>").format(line) for line in lines)
    return str(
        Markup("<p>{}</p><p>Wat is er veranderd sinds {}:</p><ul>{}</ul>").format(
            intro, previous.title, items
        )
    )


def atom_feed(archive: Archive, site_url: str, publisher: str, fallback: dt.date) -> bytes:
    """The feed as bytes; `fallback` dates an archive without editions (Atom needs a date)."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    feed = FeedGenerator()
    feed.id(f"{base}edities/")
    feed.title(FEED_TITLE)
    feed.author({"name": publisher})
    feed.link(href=f"{base}edities/", rel="alternate", type="text/html")
    feed.link(href=f"{base}edities/feed.xml", rel="self", type="application/atom+xml")
    feed.language("nl")
    newest = archive.records[-1].date if archive.records else fallback
    feed.updated(_moment(newest))
    for record in archive.newest_first():
        entry = feed.add_entry(order="append")
        url = f"{base}edities/{record.id}/"
        entry.id(url)
        entry.title(record.title)
        entry.link(href=url, rel="alternate", type="text/html")
        entry.published(_moment(record.date))
        entry.updated(_moment(record.date))
        entry.content(_content(record, archive), type="html")
        entry.summary(f"{record.title}, verschenen op {record.date.isoformat()}.")
    return feed.atom_str(pretty=True)
