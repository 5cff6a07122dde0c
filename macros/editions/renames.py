"""`formerly` on cards: a renamed card keeps its history and its old address.

An old slug may not be the name of a card that exists now, and belongs to one card only;
otherwise the redirect and the history would point two ways.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from macros.problems import Problem

if TYPE_CHECKING:
    from macros.model import Card
    from macros.source import YamlDocument


def formerly_problems(
    loaded: list[tuple[Card, YamlDocument]],
    owner_of: Callable[[str], str | None] = lambda slug: None,
) -> list[Problem]:
    """`owner_of(slug)` names the page that has the address /projecten/<slug>/, if any: an old
    address becomes a page that forwards to the card, so it cannot be one the site has."""
    problems: list[Problem] = []
    slugs = {card.slug for card, _ in loaded}
    owner: dict[str, str] = {}
    for card, document in sorted(loaded, key=lambda pair: pair[0].source):
        for index, old in enumerate(card.formerly):
            where = (card.source, document.line_of(("formerly", index)), f"formerly[{index + 1}]")
            if old in slugs:
                message = (
                    f"er is nog een kaart cards/{old}.md; een vroegere naam mag geen "
                    "bestaande kaart zijn"
                )
                problems.append(Problem(*where, message))
            elif old in owner:
                message = f"'{old}' is ook een vroegere naam van {owner[old]}"
                problems.append(Problem(*where, message))
            elif (page := owner_of(old)) is not None:
                message = (
                    f"het oude adres van '{old}' is nu van {page}; een vroegere naam mag dat "
                    "adres niet overnemen. Haal de naam weg uit formerly"
                )
                problems.append(Problem(*where, message))
            else:
                owner[old] = card.source
    return problems


def redirect_map(cards: tuple[Card, ...]) -> dict[str, str]:
    """Old card page → current card page, as source paths."""
    return {
        f"projecten/{old}.md": f"projecten/{card.slug}.md"
        for card in cards
        for old in card.formerly
    }
