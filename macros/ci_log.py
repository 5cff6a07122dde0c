"""Output that GitHub's runner reads as text, never as a workflow command.

The runner scans every log line for commands: `::name …::value` at the start of a line (leading
spaces ignored) and the legacy `##[name …]value` anywhere in it. Card and data text reaches the log
through `kaarten` messages, `kaarten links`, and MkDocs' own warnings, which quote links and file
names. This module makes such text inert: control characters are written as escapes (one line
stays one line), `##[` becomes `##\\[`, and a line starting with `::` gets a leading backslash. The
annotations of `kaarten validate` are the only workflow commands we write, on purpose, through
`command()`.
"""

from __future__ import annotations

import logging
import re
import sys
from typing import TextIO

from macros.problems import visible

LEGACY_COMMAND = "##["
COMMAND = "::"
# Colour codes as MkDocs, click and mkdocs-macros write them (reset, bold, foreground colours):
# they pass, so a terminal keeps its colours; they cannot hide text, move the cursor or form a
# command. Every other control character is written as an escape.
_CODE = r"(?:0|1|22|3[0-79]|9[0-7])"
_COLOUR = re.compile(rf"\x1b\[(?:{_CODE}(?:;{_CODE})*)?m")


def visible_text(text: str) -> str:
    """`problems.visible(text)`, keeping the colour codes of _COLOUR."""
    if "\x1b" not in text:
        return visible(text)
    kept = _COLOUR.findall(text)
    parts = [visible(part) for part in _COLOUR.split(text)]
    return "".join(p + c for p, c in zip(parts, [*kept, ""], strict=True))


def neutral_line(line: str) -> str:
    """One line of output with no control character and nothing the runner parses."""
    line = visible_text(line).replace(LEGACY_COMMAND, "##\\[")
    if _COLOUR.sub("", line).lstrip().startswith(COMMAND):
        line = "\\" + line
    return line


def neutral(text: str) -> str:
    """Text of any number of lines (kept apart by `\\n`), each made neutral."""
    return "\n".join(neutral_line(line) for line in text.split("\n"))


class NeutralStream:
    """A text stream that makes everything written to it neutral, line by line.

    `kaarten` writes through it, so a message added later cannot forget the rule. click writes a
    message and its newline in one call; a line split over calls is still neutral, because the
    stream remembers whether the next character starts a line and the line's last characters.
    """

    def __init__(self, target: TextIO) -> None:
        self.target = target
        self.at_line_start = True
        self.tail = ""  # the last two characters of the current line, for a split `##[`
        self.pending = ""  # spaces and a first ':' at a line start, held until the line shows

    def write(self, text: str) -> int:
        out = []
        for index, piece in enumerate(text.split("\n")):
            if index:
                out.append(visible(self.pending) + "\n")
                self.at_line_start, self.tail, self.pending = True, "", ""
            if not piece:
                continue
            if self.at_line_start:
                piece, self.pending = self.pending + piece, ""
                if piece.lstrip() in ("", ":"):  # could still become `::` in the next write
                    self.pending = piece
                    continue
                safe = neutral_line(piece)
            else:  # `##[` may start in what is already written: only the new part changes
                joined = (self.tail + visible_text(piece)).replace(LEGACY_COMMAND, "##\\[")
                safe = joined[len(self.tail) :]
            out.append(safe)
            self.at_line_start, self.tail = False, (self.tail + safe)[-2:]
        self.target.write("".join(out))
        return len(text)

    def command(self, line: str) -> None:
        """Write one workflow command of our own (its values already escaped)."""
        if self.pending:
            self.target.write(visible(self.pending) + "\n")
            self.pending = ""
        self.target.write(visible(line).replace(LEGACY_COMMAND, "##\\[") + "\n")
        self.at_line_start, self.tail = True, ""

    def flush(self) -> None:
        # `pending` stays: click flushes after every message, and spaces written now could
        # still precede a `::` in the next one. A newline or a command writes it.
        self.target.flush()

    def __getattr__(self, name: str):  # encoding, errors, isatty, fileno, …
        if name == "buffer":  # click would write bytes past this guard
            raise AttributeError(name)
        return getattr(self.target, name)


def guard_streams() -> None:
    """Route sys.stdout and sys.stderr through NeutralStream (once)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if not isinstance(stream, NeutralStream):
            setattr(sys, name, NeutralStream(stream))


def command(line: str) -> None:
    """Print a workflow command of our own on stdout, the one way past the guard."""
    stream = sys.stdout
    if isinstance(stream, NeutralStream):
        stream.command(line)
    else:
        stream.write(visible(line).replace(LEGACY_COMMAND, "##\\[") + "\n")


class NeutralRecords(logging.Filter):
    """Makes every log record's message neutral before a handler writes it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        safe = neutral(message)
        if safe != message or record.args:
            record.msg, record.args = safe, None
        return True


_FILTER = NeutralRecords()


def guard_logging(*names: str) -> None:
    """Add the filter to the handlers that print MkDocs' messages (its own, the root logger's
    and logging's last resort), so warnings that quote a card's links are neutral too."""
    handlers = [logging.lastResort] if logging.lastResort else []
    for name in ("mkdocs", "", *names):
        handlers += logging.getLogger(name).handlers
    for handler in handlers:
        if _FILTER not in handler.filters:
            handler.addFilter(_FILTER)
