"""The whole publication as one validated value, shared by the site, the print and the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from macros.editions.records import Archive
from macros.model import (
    Card,
    Category,
    Edition,
    Events,
    Index071,
    Partner,
    Partners,
    Programme,
)


@dataclass(frozen=True)
class Publication:
    """All content of one edition, cards already in edition order."""

    edition: Edition
    index: Index071
    programme: Programme
    partners: Partners
    cards: tuple[Card, ...]
    events: Events = field(default_factory=Events)
    # The published editions under editions/ (issue #12); empty when none is published yet.
    archive: Archive = field(default_factory=Archive)

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {card.slug: i for i, card in enumerate(self.cards)}

    def card(self, slug: str) -> Card | None:
        position = self._positions.get(slug)
        return None if position is None else self.cards[position]

    def by_category(self) -> list[tuple[Category, list[Card]]]:
        """Cards grouped in the publication's category order; empty categories left out."""
        groups = [
            (category, [c for c in self.cards if c.category is category]) for category in Category
        ]
        return [(category, cards) for category, cards in groups if cards]

    def neighbours(self, slug: str) -> tuple[Card | None, Card | None]:
        """The cards before and after `slug` in edition order, for page-to-page reading."""
        i = self._positions[slug]
        before = self.cards[i - 1] if i > 0 else None
        after = self.cards[i + 1] if i + 1 < len(self.cards) else None
        return before, after

    def partners_of(self, card: Card) -> list[Partner]:
        found = [self.partners.find(name) for name in card.partners]
        return [p for p in found if p is not None]
