"""How a browser reads a URL from a card: its scheme, and whether it leaves the site."""

from __future__ import annotations

_ASCII_SPACE = "\t\n\f\r "


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see in `url`, after dropping the characters it ignores.

    Browsers skip leading spaces and control characters and remove tabs and newlines anywhere,
    so `java&#9;script:` is still a script link.
    """
    cleaned = "".join(ch for ch in url.strip(_ASCII_SPACE + "\x00") if ord(ch) >= 0x20)
    head = cleaned.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if ":" not in head:
        return None
    return head.split(":", 1)[0].lower()


def is_external(url: str) -> bool:
    """True for a URL on another site (with a scheme, or protocol-relative `//host/...`)."""
    cleaned = "".join(ch for ch in url.strip(_ASCII_SPACE + "\x00") if ord(ch) >= 0x20)
    return url_scheme(cleaned) is not None or cleaned.replace("\\", "/").startswith("//")
