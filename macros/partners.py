"""Which cards each partner organisation takes part in, computed once per publication.

A card names its partners in `partners` (validated against data/partners.yaml) and often in the
free text of its `structure` ("Partners: gemeenten Leiden, Katwijk, ..."). Both count. The
structure text is scanned with one compiled pattern of every partner name and alias, so the work
grows with the amount of text, not with cards times partners.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from macros.model import Card, Partner
from macros.publication import Publication


class Segment(NamedTuple):
    """A piece of text, linked to a partner when it names one."""

    text: str
    partner: Partner | None


@dataclass(frozen=True)
class PartnerIndex:
    """Partner slug → cards (in edition order) and a matcher for partner names in free text."""

    partners: dict[str, Partner]
    cards: dict[str, tuple[Card, ...]]
    by_name: dict[str, Partner]
    pattern: re.Pattern[str] | None

    def cards_of(self, slug: str) -> tuple[Card, ...]:
        return self.cards.get(slug, ())

    def mentioned(self, text: str) -> list[Partner]:
        """The partners named in `text`, each once, in order of first mention."""
        found: dict[str, Partner] = {}
        for segment in self.segments(text):
            if segment.partner is not None:
                found.setdefault(segment.partner.slug, segment.partner)
        return list(found.values())

    def segments(self, text: str) -> list[Segment]:
        """`text` split into plain pieces and partner names, for linking names on a page."""
        if self.pattern is None:
            return [Segment(text, None)] if text else []
        pieces: list[Segment] = []
        position = 0
        for match in self.pattern.finditer(text):
            if match.start() > position:
                pieces.append(Segment(text[position : match.start()], None))
            pieces.append(Segment(match.group(0), self.by_name[match.group(0).casefold()]))
            position = match.end()
        if position < len(text):
            pieces.append(Segment(text[position:], None))
        return pieces


def name_pattern(names: list[str]) -> re.Pattern[str] | None:
    """One case-insensitive, word-bounded pattern; longer names first so they win over aliases.

    `\\b` is not used because names may start or end with a non-word character; the lookarounds
    say "not inside a word" for any name.
    """
    if not names:
        return None
    ordered = sorted(set(names), key=lambda n: (-len(n), n))
    alternatives = "|".join(re.escape(name) for name in ordered)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def build_index(publication: Publication) -> PartnerIndex:
    partners = {p.slug: p for p in publication.partners.partners}
    by_name = {name.casefold(): p for p in partners.values() for name in p.names}
    pattern = name_pattern([name for p in partners.values() for name in p.names])
    members: dict[str, dict[str, Card]] = {slug: {} for slug in partners}
    index = PartnerIndex(partners, {}, by_name, pattern)
    for card in publication.cards:
        named = [by_name.get(name.strip().casefold()) for name in card.partners]
        for structure in card.structure:
            named.extend(index.mentioned(structure.who))
        for partner in named:
            if partner is not None:
                members[partner.slug].setdefault(card.slug, card)
    return PartnerIndex(
        partners,
        {slug: tuple(cards.values()) for slug, cards in members.items()},
        by_name,
        pattern,
    )


_last: tuple[Publication, PartnerIndex] | None = None


def partner_index(publication: Publication) -> PartnerIndex:
    """The index of this publication, computed on first use and shared by every page of a build.

    The loader returns the same Publication object until a card or data file changes, so an
    identity check is enough to know the index is still valid.
    """
    global _last
    if _last is None or _last[0] is not publication:
        _last = (publication, build_index(publication))
    return _last[1]
