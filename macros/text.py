"""The rules of text in cards and data files, as types that carry their own validators.

`PlainText` (one line, shown in titles, meta tags, the PDF outline and the diff), `Text` (may run
over lines), `Url`, `WebUrl` and `Slug` are annotated types: every field that uses one enforces its
rule, and the JSON Schema carries the same pattern for editors. The slug pattern and the URL
schemes live here once, for the model, the HTML policy, the print and the CMS.
Pure Python and pydantic: no MkDocs import.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# Links on cards and in card bodies; images may only come from the site itself.
URL_SCHEMES = frozenset({"http", "https", "mailto"})
URL_PREFIXES = ("http://", "https://", "mailto:")
URL_PATTERN = "^(https?://|mailto:)\\S+$"
WEB_URL_PATTERN = "^https?://\\S+$"
SCHEMES_TEXT = "https://, http:// of mailto:"

# Characters a reader cannot see or that turn text around, by Dutch name. Any other control or
# formatting character is refused too, named by its kind (CATEGORY_NAMES).
CHARACTER_NAMES = {
    "\t": "tab",
    "\n": "nieuwe regel",
    "\r": "regelterugloop",
    "\x1b": "escapeteken",
    "\x00": "nulteken",
    "\u00ad": "zacht afbreekstreepje",
    "\u061c": "Arabische richtingsmarkering",
    "\u115f": "onzichtbare Hangul-letter",
    "\u1160": "onzichtbare Hangul-letter",
    "\u180e": "Mongoolse klinkerscheiding",
    "\u200b": "spatie zonder breedte",
    "\u200c": "scheiding zonder breedte",
    "\u200d": "verbinding zonder breedte",
    "\u200e": "links-naar-rechtsmarkering",
    "\u200f": "rechts-naar-linksmarkering",
    "\u202a": "links-naar-rechts inbedden",
    "\u202b": "rechts-naar-links inbedden",
    "\u202c": "richting herstellen",
    "\u202d": "links-naar-rechts forceren",
    "\u202e": "richting omkeren",
    "\u2028": "regelscheiding",
    "\u2029": "alineascheiding",
    "\u2060": "woordverbinder",
    "\u2066": "links-naar-rechts isoleren",
    "\u2067": "rechts-naar-links isoleren",
    "\u2068": "eerste sterke richting isoleren",
    "\u2069": "isoleren beëindigen",
    "\u3164": "onzichtbare Hangul-letter",
    "\ufeff": "onzichtbare spatie (bytevolgordeteken)",
    "\uffa0": "onzichtbare Hangul-letter",
}
CATEGORY_NAMES = {
    "Cc": "stuurteken",
    "Cf": "onzichtbaar opmaakteken",
    "Cs": "ongeldig teken",
    "Co": "teken voor eigen gebruik",
    "Cn": "teken zonder betekenis in Unicode",
    "Zl": "regelscheiding",
    "Zp": "alineascheiding",
}
# Letters that show as nothing although Unicode calls them letters.
_INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")
# Direction controls: refused even in longer text, where they can disguise what a reader sees.
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# JSON Schema (ECMAScript) class of the characters PlainText refuses, for editors and the CMS.
PLAIN_TEXT_PATTERN = (
    "^[^<>\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u061c\\u115f\\u1160\\u180e\\u200b-\\u200f"
    "\\u202a-\\u202e\\u2028-\\u2029\\u2060-\\u206f\\u3164\\ufeff\\uffa0]+$"
)


def slug_of(text: str) -> str:
    """'Doelen in cijfers' -> 'doelen-in-cijfers': lowercase ASCII words joined by hyphens, the
    shape of SLUG_PATTERN (empty when `text` has no letter or digit)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def describe(character: str) -> str:
    """A character as an editor can find it: code point and Dutch name, e.g. U+202E
    (richting omkeren)."""
    name = CHARACTER_NAMES.get(character) or CATEGORY_NAMES.get(
        unicodedata.category(character), "teken"
    )
    return f"U+{ord(character):04X} ({name})"


def _hidden(character: str, single_line: bool) -> bool:
    if character in _BIDI_CONTROLS or character in _INVISIBLE_LETTERS:
        return True
    category = unicodedata.category(character)
    if category == "Cc":
        return single_line or character not in "\t\n\r"
    return category in CATEGORY_NAMES


def hidden_characters(value: str, single_line: bool = True) -> list[str]:
    """The characters of `value` a reader cannot see (or that reorder text), in order, once."""
    visible = value if single_line else value.replace("\n", "").replace("\t", "").replace("\r", "")
    if visible.isprintable() and not _INVISIBLE_LETTERS.intersection(visible):
        return []  # the common case, checked in C
    return list(dict.fromkeys(ch for ch in value if _hidden(ch, single_line)))


def _refuse_hidden(value: str, single_line: bool) -> None:
    found = hidden_characters(value, single_line)
    if not found:
        return
    listing = ", ".join(describe(ch) for ch in found)
    if single_line and found == ["\n"]:
        raise PydanticCustomError(
            "single_line",
            "moet op één regel staan: haal de regelovergang {listing} weg",
            {"listing": listing},
        )
    if len(found) == 1:
        message = (
            "bevat een teken dat je niet ziet of dat de tekst omdraait: {listing}; haal het weg"
        )
    else:
        message = "bevat tekens die je niet ziet of die de tekst omdraaien: {listing}; haal ze weg"
    raise PydanticCustomError(
        "hidden_character", message + " (typ de tekst zo nodig opnieuw)", {"listing": listing}
    )


def check_plain_text(value: str) -> str:
    """One line of plain text: no markup, no hidden or direction-changing characters."""
    _refuse_hidden(value, single_line=True)
    if "<" in value or ">" in value:
        raise PydanticCustomError(
            "plain_text", "mag geen HTML of de tekens < en > bevatten; schrijf gewone tekst"
        )
    return value


def check_text(value: str) -> str:
    """Longer text may run over lines, but may not hide or turn around what a reader sees."""
    _refuse_hidden(value, single_line=False)
    return value


def check_url(url: str) -> str:
    if not url.lower().startswith(URL_PREFIXES):
        raise PydanticCustomError(
            "url_scheme",
            "'{url}' is geen geldige link; een link begint met " + SCHEMES_TEXT,
            {"url": url},
        )
    if any(ch.isspace() for ch in url):
        raise PydanticCustomError("url_space", "een link mag geen spaties bevatten")
    _refuse_hidden(url, single_line=True)
    return url


def check_web_url(url: str) -> str:
    if not url.lower().startswith(("http://", "https://")):
        raise PydanticCustomError(
            "url_scheme",
            "'{url}' is geen geldige website; die begint met https:// of http://",
            {"url": url},
        )
    return check_url(url)


_Stripped = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Text = Annotated[_Stripped, AfterValidator(check_text)]
PlainText = Annotated[
    _Stripped,
    AfterValidator(check_plain_text),
    Field(json_schema_extra={"pattern": PLAIN_TEXT_PATTERN}),
]
Url = Annotated[
    _Stripped, AfterValidator(check_url), Field(json_schema_extra={"pattern": URL_PATTERN})
]
WebUrl = Annotated[
    _Stripped, AfterValidator(check_web_url), Field(json_schema_extra={"pattern": WEB_URL_PATTERN})
]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
