"""From model to display: every choice of what to show and how to word it, made in Python.

Templates receive these plain dicts and only loop and print (autoescaped).
"""

from __future__ import annotations

from typing import Any

from macros import card_sections
from macros import formatting as fmt
from macros.editions.views import marks as edition_marks
from macros.model import Card, Category, Index071, Programme
from macros.publication import Publication


def root_prefix(page_url: str) -> str:
    """The relative path from a page to the site root, so links work on any host and offline."""
    path = page_url.strip("/")
    return "../" * (path.count("/") + 1) if path else ""


def category_view(category: Category) -> dict[str, str]:
    return {"key": category.value, "label": category.label}


def card_summary(card: Card, root: str) -> dict[str, Any]:
    """What the overview shows of a card."""
    leader = None
    if card.leader:
        leader = ", ".join(filter(None, [card.leader.name, card.leader.organisation]))
    return {
        "slug": card.slug,
        "title": card.title,
        "summary": card.summary,
        "url": f"{root}{card.url}",
        "category": category_view(card.category),
        "leader": leader,
    }


def card_page(
    card: Card, publication: Publication, root: str, layout: str = "web"
) -> dict[str, Any]:
    """Everything a card page (or, with layout "print", the card's page in print) shows.

    `facts` and `sections` come from `card_sections`, the one description of a card's parts.
    """
    quote = None
    if card.quote:
        quote = {
            "text": card.quote.text,
            "by": ", ".join(filter(None, [card.quote.name, card.quote.role])),
        }
    return {
        **card_summary(card, root),
        "quote": quote,
        "facts": card_sections.facts(card, publication, root),
        "sections": card_sections.sections(card, publication, root, layout),
        "index": index_view(publication.index, root) if card.index071 else None,
        "overview_url": f"{root}projecten/",
    }


def overview(publication: Publication, root: str) -> list[dict[str, Any]]:
    """The cards grouped by category, in the publication's order, new or moved ones marked."""
    marks = edition_marks(publication)
    return [
        {
            **category_view(category),
            "heading": category.heading(len(cards)),
            "anchor": category.value,
            "cards": [{**card_summary(c, root), "mark": marks.get(c.slug)} for c in cards],
        }
        for category, cards in publication.by_category()
    ]


def index_view(index: Index071, root: str = "") -> dict[str, Any]:
    latest, previous = index.latest, index.previous
    return {
        "name": index.name,
        "edition": latest.edition,
        "score": fmt.number(latest.score),
        "change": fmt.signed(index.change) if index.change is not None else None,
        "previous_edition": previous.edition if previous else None,
        "previous_score": fmt.number(previous.score) if previous else None,
        "base_year": str(index.base_year),
        "base_value": fmt.number(index.base_value),
        "growth": fmt.signed(index.growth),
        "parameters": fmt.number(index.parameters),
        "basket_count": fmt.number(len(index.baskets)),
        "published": fmt.month_year(index.published) if index.published else None,
        "editions": [
            {
                "edition": e.edition,
                "score": fmt.number(e.score),
                "change": fmt.signed(e.score - before.score) if before else "–",
            }
            for before, e in zip([None, *index.editions[:-1]], index.editions, strict=True)
        ],
        "url": f"{root}index071/",
    }


def programme_view(programme: Programme, publication: Publication, root: str) -> dict[str, Any]:
    return {
        "name": programme.name,
        "period": programme_period(programme),
        "ambition": programme.ambition,
        "goals": list(programme.goals),
        "themes": [
            {"number": t.number, "title": t.title, "description": t.description}
            for t in programme.themes
        ],
        "spearheads": list(programme.spearheads),
        "team": [{"name": m.name, "role": m.role} for m in programme.team],
        "partner_groups": [
            {
                "label": kind.label,
                "names": [p.name for p in publication.partners.partners if p.kind is kind],
            }
            for kind in dict.fromkeys(p.kind for p in publication.partners.partners)
        ],
        "groups": overview(publication, root),
    }


def programme_period(programme: Programme) -> str:
    start, end = programme.period.start, programme.period.end
    return f"{fmt.date_long(start)} tot {fmt.date_long(end)}"


def home_view(publication: Publication, root: str) -> dict[str, Any]:
    return {
        "edition": publication.edition.title,
        "edition_month": fmt.month_year(publication.edition.date),
        "programme_period": programme_period(publication.programme),
        "programme_url": f"{root}programma/",
        "index": index_view(publication.index, root),
        "card_count": len(publication.cards),
        "groups": overview(publication, root),
    }
