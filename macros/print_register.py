"""The register at the back of the printed edition: partner organisations and their cards.

It is made from the same partner index as the website's /partners/ pages (macros/partners.py),
so print and site agree on who takes part in what. The page numbers are left to the print CSS
(`target-counter`), which knows them only after layout.
"""

from __future__ import annotations

from macros.partners import partner_index
from macros.publication import Publication

REGISTER_TITLE = "Register van partners"
REGISTER_ANCHOR = "register-partners"


def partner_register(publication: Publication, card_anchor) -> list[dict]:
    """Partners with at least one card, by name; each with its cards in edition order."""
    index = partner_index(publication)
    entries = []
    for partner in sorted(index.partners.values(), key=lambda p: p.name.casefold()):
        cards = index.cards_of(partner.slug)
        if not cards:
            continue
        entries.append(
            {
                "name": partner.name,
                "kind": partner.kind.label,
                "url": partner.url,
                "cards": [{"title": c.title, "anchor": card_anchor(c.slug)} for c in cards],
            }
        )
    return entries
