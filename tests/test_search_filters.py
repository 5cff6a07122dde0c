"""The Partner filter of each card page names exactly the partners whose page lists the card."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.loader import load_publication
from macros.partners import partner_index
from macros.search import PARTNER_FILTER, card_filters

from .conftest import FIXTURES, REPO


@pytest.mark.parametrize("root", [REPO, FIXTURES / "project"], ids=["june", "fixture"])
def test_partner_filter_matches_the_partner_pages(root: Path) -> None:
    pub = load_publication(root)
    index = partner_index(pub)
    named = 0
    for card in pub.cards:
        # The partner pages' own lists (macros/partners.py), compared card by card.
        expected = sorted(
            (
                partner.name
                for slug, partner in index.partners.items()
                if any(c.slug == card.slug for c in (*index.cards_of(slug), *index.named_in(slug)))
            ),
            key=str.casefold,
        )
        assert card_filters(card, index)[PARTNER_FILTER] == expected, card.slug
        named += len(expected)
    assert named > 0  # the edition's cards do name partners
