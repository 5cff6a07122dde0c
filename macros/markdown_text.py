"""Plain text from a data file, made inert before a macro places it in a Markdown page.

A macro's result is Markdown: `[x](javascript:…)` from a data field would become a script link,
and `*`, `#` or `&lt;` would change what the reader sees. Every ASCII punctuation mark that
Markdown or HTML could act on becomes a numeric character reference, which Markdown passes
through unchanged and the browser shows as the character itself.
"""

from __future__ import annotations

ACTIVE = set('!"#&()*+-.:<=>[\\]^_`{|}~')


def inline(text: str) -> str:
    """`text` as Markdown that renders to exactly these characters, on one line."""
    flat = " ".join(str(text).split())
    return "".join(f"&#{ord(ch)};" if ch in ACTIVE else ch for ch in flat)
