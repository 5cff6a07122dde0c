"""Problems found in cards and data files, worded for the editors who must fix them."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file: where, which field, and what to do about it."""

    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        parts = [visible(self.file)]
        if self.line is not None:
            parts.append(f"regel {self.line}")
        if self.field:
            parts.append(visible(self.field))
        return ", ".join(parts) + ": " + visible(self.message)

    def github_annotation(self) -> str:
        """The workflow command GitHub Actions turns into an annotation on the pull request."""
        location = f"file={_escape_property(visible(self.file))}"
        if self.line is not None:
            location += f",line={self.line}"
        title = visible(self.field or "kaart")
        message = (
            visible(self.message).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        )
        return f"::error {location},title={_escape_property(title)}::{message}"


def visible(text: str) -> str:
    """Control and invisible formatting characters from a file, written out as escapes.

    Card text reaches terminals and CI logs: an escape sequence must not recolour or rewrite
    them, and a right-to-left override must not disguise a message.
    """
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def _escape_property(value: str) -> str:
    return (
        value.replace("%", "%25")
        .replace("\r", "%0D")
        .replace("\n", "%0A")
        .replace(":", "%3A")
        .replace(",", "%2C")
    )


class ContentError(Exception):
    """Raised once with every problem of a run, so editors fix them all in one go."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.field or ""))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = "1 probleem gevonden:" if count == 1 else f"{count} problemen gevonden:"
        return "\n".join([head, *(f"  - {p}" for p in self.problems)])


def nearest(value: str, choices: Iterable[str]) -> str | None:
    """The valid choice an editor most likely meant, if any is close enough."""
    options = list(choices)
    lowered = {c.casefold(): c for c in options}
    match = difflib.get_close_matches(value.casefold(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else None
