"""Text of the print HTML made to copy well out of the PDF.

Automatic hyphenation prints an ASCII hyphen (print.css sets `hyphenate-character: "-"`). PDF
text extractors (poppler's pdftotext, and the copy functions built on it) drop a hyphen at the end
of a line and join the word again, so "werk-|gelegenheid" copies as "werkgelegenheid". That would
also glue a compound that breaks at its own hyphen ("MKB-|deal" → "MKBdeal"), so a word with a
hyphen of its own is kept on one line: it is wrapped in a span that print.css does not let break.
WeasyPrint 70 has no ActualText or other way to tell the two hyphens apart in the PDF.
"""

from __future__ import annotations

import re

from markupsafe import Markup

# A word with one or more hyphens of its own: "MKB-deal", "Zuid-Holland", "071-regio".
COMPOUND = re.compile(r"(?<![\w-])\w+(?:-\w+)+(?![\w-])")
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9]+)")
# Elements whose text is not running prose: left alone.
_RAW = ("style", "svg", "pre", "code", "title", "script")


def keep_compounds(html: str) -> Markup:
    """Wrap every hyphenated compound in the text of `html` in <span class="e071-compound">."""
    out: list[str] = []
    raw_depth = 0
    for piece in _TAG.split(html):
        if piece.startswith("<"):
            name = _TAG_NAME.match(piece)
            if name and name.group(1).lower() in _RAW and not piece.endswith("/>"):
                raw_depth += -1 if piece.startswith("</") else 1
            out.append(piece)
        elif raw_depth > 0 or "-" not in piece:
            out.append(piece)
        else:
            out.append(COMPOUND.sub(r'<span class="e071-compound">\g<0></span>', piece))
    return Markup("".join(out))
