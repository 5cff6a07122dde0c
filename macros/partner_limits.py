"""Limits on data/partners.yaml, so matching partner names in card text stays fast.

Partner names and aliases are matched in every card's structure text with one compiled
pattern (macros.partners); Python's regular expressions try the alternatives one by one, so
the work grows with text length times the number of names. 18,000 aliases made that take 73 s.
The June edition has 20 partners with 43 names; the limits leave ample room above that.
"""

from __future__ import annotations

from macros.model import Partners
from macros.problems import Problem
from macros.source import YamlDocument

FILE = "data/partners.yaml"
MAX_ALIASES = 20  # per partner
MAX_NAMES = 1_000  # names and aliases of all partners together
MAX_NAME_LENGTH = 120  # characters in one name or alias


def partner_limit_problems(partners: Partners, document: YamlDocument) -> list[Problem]:
    """Every limit data/partners.yaml goes over, at the line of the partner or name concerned."""
    problems: list[Problem] = []
    total = 0
    for index, partner in enumerate(partners.partners):
        total += len(partner.names)
        if len(partner.aliases) > MAX_ALIASES:
            problems.append(
                Problem(
                    FILE,
                    document.line_of(("partners", index, "aliases")),
                    f"partners[{index + 1}].aliases",
                    f"'{partner.name}' heeft {len(partner.aliases)} andere namen; het maximum "
                    f"is {MAX_ALIASES}. Houd alleen de namen die in kaarten voorkomen",
                )
            )
        for alias_index, name in enumerate(partner.names):
            if len(name) > MAX_NAME_LENGTH:
                if alias_index == 0:
                    loc: tuple[str | int, ...] = ("partners", index, "name")
                    field = f"partners[{index + 1}].name"
                else:
                    loc = ("partners", index, "aliases", alias_index - 1)
                    field = f"partners[{index + 1}].aliases[{alias_index}]"
                problems.append(
                    Problem(
                        FILE,
                        document.line_of(loc),
                        field,
                        f"deze naam is {len(name)} tekens lang; het maximum is {MAX_NAME_LENGTH}",
                    )
                )
    if total > MAX_NAMES:
        problems.append(
            Problem(
                FILE,
                document.line_of(("partners",)),
                "partners",
                f"er staan {total} namen en andere namen van partners in dit bestand; het "
                f"maximum is {MAX_NAMES}",
            )
        )
    return problems
