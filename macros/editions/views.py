"""Published editions as display dicts: the archive page, an edition page, "Wat is er nieuw".

Python decides what is shown and words it; the templates in macros/templates/editions/ only loop
and print, escaped. `root` is the relative path from the page to the site root.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from macros import formatting as fmt
from macros.editions.changes import (
    EditionChanges,
    compare,
    index_text,
    leader_name,
)
from macros.editions.records import (
    RECORD_PDF,
    Archive,
    EditionRecord,
    EditionSnapshot,
    RecordCard,
    snapshot_of,
)
from macros.model import Category

if TYPE_CHECKING:
    from macros.publication import Publication

ARCHIVE_URL = "edities/"
FEED_URI = "edities/feed.xml"
MARK_LABELS = {"new": "Nieuw", "moved": "Andere fase"}


def edition_url(record: EditionSnapshot, root: str) -> str:
    return f"{root}{ARCHIVE_URL}{record.id}/"


def pdf_name(record: EditionRecord) -> str:
    return f"projectoverzicht-{record.id}.pdf"


def pdf_url(record: EditionRecord, root: str) -> str:
    return f"{edition_url(record, root)}{pdf_name(record)}"


def file_size(size: int) -> str:
    """152 kB, 1,4 MB: the size a reader weighs before downloading on a phone."""
    if size >= 1_000_000:
        return f"{fmt.number(round(size / 1_000_000, 1))} MB"
    return f"{fmt.number(max(1, round(size / 1000)))} kB"


def current_slug(pub: Publication, slug: str) -> str | None:
    """Where a card of an earlier edition lives now: its slug, or the card that was renamed."""
    if pub.card(slug) is not None:
        return slug
    return next((c.slug for c in pub.cards if slug in c.formerly), None)


def _card_link(pub: Publication, card: RecordCard, root: str) -> str | None:
    slug = current_slug(pub, card.slug)
    return f"{root}projecten/{slug}/" if slug else None


def _category(category: Category) -> dict[str, str]:
    return {"key": category.value, "label": category.label}


def changes_view(changes: EditionChanges, pub: Publication, root: str) -> dict[str, Any]:
    """Each kind of change as a list of items: a card title (linked while it exists) and words."""

    def item(card: RecordCard, detail: str = "") -> dict[str, Any]:
        return {"title": card.title, "url": _card_link(pub, card, root), "detail": detail}

    sections = [
        ("Nieuwe kaarten", [item(c, c.category.label) for c in changes.added]),
        ("Niet meer in deze editie", [item(c, c.category.label) for c in changes.removed]),
        (
            "Andere fase",
            [
                item(m.card, f"van {m.before.label} naar {m.card.category.label}")
                for m in changes.moved
            ],
        ),
        (
            "Nieuwe naam",
            [item(r.card, f"heette {r.before.title}") for r in changes.renamed],
        ),
        (
            "Nieuwe projectleider",
            [
                item(
                    ch.card,
                    f"{leader_name(ch.card.leader)} (was {leader_name(ch.before)})"
                    if ch.card.leader
                    else f"geen projectleider meer (was {leader_name(ch.before)})",
                )
                for ch in changes.leaders
            ],
        ),
    ]
    return {
        "since": changes.old.title,
        "since_month": fmt.month_year(changes.old.date),
        "since_url": edition_url(changes.old, root),
        "sections": [{"title": t, "items": items} for t, items in sections if items],
        "index": index_text(*changes.index) if changes.index else None,
        "empty": changes.empty,
    }


def whats_new(pub: Publication) -> EditionChanges | None:
    """The current edition against the last edition published before it, if any."""
    base = pub.archive.before(pub.edition.date)
    return compare(base, snapshot_of(pub)) if base is not None else None


def whats_new_view(pub: Publication, root: str) -> dict[str, Any] | None:
    changes = whats_new(pub)
    return changes_view(changes, pub, root) if changes is not None else None


def marks(pub: Publication) -> dict[str, dict[str, str]]:
    """Per slug, the mark its tile gets on home and overview (new, or changed category)."""
    changes = whats_new(pub)
    if changes is None:
        return {}
    since = fmt.month_year(changes.old.date)
    return {
        slug: {
            "key": kind,
            "label": MARK_LABELS[kind],
            "hint": (f"nieuw sinds {since}" if kind == "new" else f"andere fase dan in {since}"),
        }
        for slug, kind in changes.marks().items()
    }


def _counts(record: EditionSnapshot) -> list[dict[str, Any]]:
    return [
        {**_category(category), "count": len(cards)} for category, cards in record.by_category()
    ]


def archive_view(archive: Archive, root: str) -> dict[str, Any]:
    return {
        "feed_url": f"{root}{FEED_URI}",
        "editions": [
            {
                "id": record.id,
                "title": record.title,
                "date": fmt.date_long(record.date),
                "iso": record.date.isoformat(),
                "card_count": len(record.cards),
                "counts": _counts(record),
                "url": edition_url(record, root),
                "pdf_url": pdf_url(record, root),
                "pdf_size": file_size(record.pdf.size),
            }
            for record in archive.newest_first()
        ],
    }


def edition_view(record: EditionRecord, pub: Publication, root: str) -> dict[str, Any]:
    previous = pub.archive.previous(record)
    changes = compare(previous, record) if previous is not None else None
    return {
        "id": record.id,
        "title": record.title,
        "date": fmt.date_long(record.date),
        "iso": record.date.isoformat(),
        "card_count": len(record.cards),
        "index": {"edition": record.index071.edition, "score": fmt.number(record.index071.score)},
        "pdf_url": pdf_url(record, root),
        "pdf_size": file_size(record.pdf.size),
        "archive_url": f"{root}{ARCHIVE_URL}",
        "groups": [
            {
                **_category(category),
                "heading": category.heading(len(cards)),
                "cards": [
                    {
                        "title": c.title,
                        "summary": c.summary,
                        "leader": leader_name(c.leader) if c.leader else None,
                        "url": _card_link(pub, c, root),
                    }
                    for c in cards
                ],
            }
            for category, cards in record.by_category()
        ],
        "changes": changes_view(changes, pub, root) if changes is not None else None,
    }


def card_history(pub: Publication, slug: str, root: str) -> list[dict[str, Any]]:
    """The category a card had in each published edition, oldest first."""
    card = pub.card(slug)
    if card is None:
        return []
    return [
        {
            "edition": fmt.month_year(record.date),
            "url": edition_url(record, root),
            "category": _category(old.category),
            "title": old.title if old.title != card.title else None,
        }
        for record, old in pub.archive.history(card.slug, list(card.formerly))
    ]


__all__ = [
    "FEED_URI",
    "RECORD_PDF",
    "archive_view",
    "card_history",
    "edition_view",
    "marks",
    "whats_new_view",
]
