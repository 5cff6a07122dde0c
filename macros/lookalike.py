"""Partner names that look like another name: letters from two scripts, or a copy in disguise.

"gemeente Lеiden" with a Cyrillic е reads as "gemeente Leiden" but is another string, so a card
that names it would not be linked to the partner, or a second partner would pass for the first.
Mixed scripts are refused per name (the model); names that look the same as another partner's
once confusable letters, compatibility forms (NFKC) and case are set aside are refused by
`lookalike_problems` (the loader, which knows the lines). The confusable letters come from
Unicode's confusables data, shipped in `confusable_homoglyphs`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Annotated

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from macros.problems import Problem
from macros.text import PlainText

if TYPE_CHECKING:  # the model uses PartnerName: no import of it at run time
    from macros.model import Partners
    from macros.source import YamlDocument

SCRIPT_NAMES = {
    "LATIN": "Latijnse",
    "CYRILLIC": "Cyrillische",
    "GREEK": "Griekse",
    "ARMENIAN": "Armeense",
    "HEBREW": "Hebreeuwse",
    "ARABIC": "Arabische",
    "CHEROKEE": "Cherokee",
}
_NEUTRAL = {"COMMON", "INHERITED"}


@cache
def _script(character: str) -> str:
    if character.isascii():
        return "LATIN" if character.isalpha() else "COMMON"
    # Its data loads only for non-ASCII names.
    from confusable_homoglyphs import categories  # type: ignore[import-untyped]

    return categories.alias(character) if character.isalpha() else "COMMON"


@cache
def _latin_lookalike(character: str) -> str:
    """The Latin letter a non-Latin letter is confused with, or the letter itself."""
    if character.isascii() or _script(character) == "LATIN":
        return character
    from confusable_homoglyphs import confusables

    found = confusables.is_confusable(character, greedy=True, preferred_aliases=["latin"])
    for item in found or []:
        if item["homoglyphs"]:
            return item["homoglyphs"][0]["c"]
    return character


def _script_name(script: str) -> str:
    return SCRIPT_NAMES.get(script, script.capitalize())


def odd_letters(name: str) -> tuple[str, list[str]] | None:
    """(the main script, letters from other scripts) when a name mixes scripts, else None."""
    if name.isascii():
        return None
    scripts = [s for s in map(_script, name) if s not in _NEUTRAL]
    if len(set(scripts)) < 2:
        return None
    main = max(set(scripts), key=lambda s: (s == "LATIN", scripts.count(s)))
    odd = [ch for ch in dict.fromkeys(name) if _script(ch) not in _NEUTRAL | {main}]
    return main, odd


def check_one_script(name: str) -> str:
    found = odd_letters(name)
    if found is None:
        return name
    main, odd = found
    listing = ", ".join(
        f"'{ch}' (U+{ord(ch):04X}, {_script_name(_script(ch))} letter)" for ch in odd
    )
    raise PydanticCustomError(
        "mixed_script",
        "mengt letters uit verschillende schriften: {listing} tussen {main} letters; zo'n naam "
        "lijkt op een andere maar is het niet. Typ de naam opnieuw",
        {"listing": listing, "main": _script_name(main)},
    )


PartnerName = Annotated[PlainText, AfterValidator(check_one_script)]


def skeleton(name: str) -> str:
    """What a name looks like: confusable letters as their Latin look-alike, NFKC, casefolded,
    spaces collapsed. Two names with one skeleton are hard to tell apart on screen."""
    text = unicodedata.normalize("NFKC", name)
    if not text.isascii():
        text = "".join(map(_latin_lookalike, text))
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _names(partners: Partners) -> Iterator[tuple[int, str, str | int, str]]:
    for index, partner in enumerate(partners.partners):
        yield index, partner.slug, "name", partner.name
        for alias_index, alias in enumerate(partner.aliases):
            yield index, partner.slug, alias_index, alias


def lookalike_problems(partners: Partners, document: YamlDocument, file: str) -> list[Problem]:
    """A problem for every partner name that looks like a name of another partner."""
    problems = []
    first: dict[str, tuple[str, str]] = {}
    for index, slug, where, name in _names(partners):
        key = skeleton(name)
        if key in first and first[key][0] != slug:
            loc = (
                ("partners", index, "name")
                if where == "name"
                else ("partners", index, "aliases", where)
            )
            field = (
                f"partners[{index + 1}].name"
                if where == "name"
                else f"partners[{index + 1}].aliases[{int(where) + 1}]"
            )
            problems.append(
                Problem(
                    file,
                    document.line_of(loc),
                    field,
                    f"'{name}' lijkt op '{first[key][1]}' van een andere partner; geef elke "
                    "partner een naam die je niet met een andere kunt verwarren",
                )
            )
        else:
            first.setdefault(key, (slug, name))
    return problems
