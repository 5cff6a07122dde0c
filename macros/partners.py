"""Which cards each partner organisation takes part in, computed once per publication.

Two kinds of mention, both shown on the partner's page:

- *involved*: the card lists the partner in `partners` (validated against data/partners.yaml),
  names it in its Projectstructuur (`structure`: "Partners: gemeenten Leiden, Katwijk, ...") or
  as the project leader's organisation;
- *named*: the card names the partner anywhere else (summary, goal, quote, targets, milestones,
  story) but not in those two places, such as a meeting held at PLNT Leiden.

So a partner is never shown as uninvolved with a card that names it. Text is scanned with one
compiled, case-insensitive pattern of every partner name and alias, so the work grows with the
amount of text, not with cards times partners.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
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
    named: dict[str, tuple[Card, ...]] = field(default_factory=dict)

    def cards_of(self, slug: str) -> tuple[Card, ...]:
        """The cards the partner is involved in (`partners` or Projectstructuur)."""
        return self.cards.get(slug, ())

    def named_in(self, slug: str) -> tuple[Card, ...]:
        """The other cards that name the partner somewhere in their text."""
        return self.named.get(slug, ())

    @cached_property
    def partner_names(self) -> dict[str, dict[str, str]]:
        """Card slug → {partner slug: name} of every partner involved in or named by the card.

        Made once per index (one per build), for the search filters of every card page: looking
        each card up in every partner's card list compared whole cards, millions of times at
        1,000 cards.
        """
        found: dict[str, dict[str, str]] = {}
        for slug, partner in self.partners.items():
            for card in (*self.cards_of(slug), *self.named_in(slug)):
                found.setdefault(card.slug, {})[slug] = partner.name
        return found

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
    # The lookahead for the names' first characters rejects most positions of a long body before
    # every name is tried there (a third less time); it matches exactly the same text.
    first = "".join(sorted({re.escape(name[0]) for name in ordered}))
    return re.compile(rf"(?<!\w)(?=[{first}])(?:{alternatives})(?!\w)", re.IGNORECASE)


def other_text(card: Card) -> list[str]:
    """The card's text outside `partners` and `structure`, where a partner may be named."""
    texts = [card.title, card.summary, card.goal or "", card.body]
    if card.leader:
        texts.append(card.leader.name)
    if card.quote:
        texts += [card.quote.text, card.quote.name, card.quote.role or ""]
    texts += [t.label for t in card.targets]
    for milestone in card.milestones:
        texts += [milestone.title, milestone.description or ""]
    return [text for text in texts if text]


def build_index(publication: Publication) -> PartnerIndex:
    partners = {p.slug: p for p in publication.partners.partners}
    by_name = {name.casefold(): p for p in partners.values() for name in p.names}
    pattern = name_pattern([name for p in partners.values() for name in p.names])
    members: dict[str, dict[str, Card]] = {slug: {} for slug in partners}
    mentions: dict[str, dict[str, Card]] = {slug: {} for slug in partners}
    index = PartnerIndex(partners, {}, by_name, pattern)
    for card in publication.cards:
        named = [by_name.get(name.strip().casefold()) for name in card.partners]
        for structure in card.structure:
            named.extend(index.mentioned(structure.who))
        if card.leader and card.leader.organisation:
            named.extend(index.mentioned(card.leader.organisation))
        for partner in named:
            if partner is not None:
                members[partner.slug].setdefault(card.slug, card)
        for text in other_text(card):
            for partner in index.mentioned(text):
                if card.slug not in members[partner.slug]:
                    mentions[partner.slug].setdefault(card.slug, card)
    return PartnerIndex(
        partners,
        {slug: tuple(cards.values()) for slug, cards in members.items()},
        by_name,
        pattern,
        {slug: tuple(cards.values()) for slug, cards in mentions.items() if cards},
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
