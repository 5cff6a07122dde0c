"""Limits on a card body's structure, checked on the source before anything renders it.

Python-Markdown, WeasyPrint and our own HTML check recurse over nested blocks and scan text
once per inline marker. Bodies built to exploit that crash them (RecursionError) or make them
run for minutes, while any card a person writes stays far inside the limits below. Each limit
is checked on the Markdown source in linear time, so the check itself cannot be attacked, and a
refused body gets a Dutch message at the line where it goes over.

Why each limit exists (measured with `scripts/measure_adversarial.py`, see BENCHMARKS.md):

- nesting of quotes and lists on one line (`> > > …`, `- - - …`): each level is one level of
  recursion in Markdown's block parser and in WeasyPrint's layout; 150 quotes crash the PDF;
- nesting of raw HTML elements (`<div markdown="1">` inside each other): md_in_html recurses
  per level; 3,000 levels crash the renderer;
- bracket scans: for every `[` (link text) and every `](` (link target) Python-Markdown's link
  patterns scan forward, character by character, to the matching `]` or `)` — to the end of the
  paragraph when there is none. A paragraph of unmatched `[` costs the square of its length
  (16 KB: over a minute). We compute the total length of those scans exactly and bound it;
- inline markers per paragraph and per body (`*`, `_`, `` ` ``, `<`, `[`, hard line breaks):
  every match splits and rebuilds the paragraph's text, and WeasyPrint lays out a line with
  thousands of inline boxes in quadratic time; a paragraph with thousands of them is never prose;
- blocks, weighted by depth: WeasyPrint spends milliseconds on every block box, so 64,000
  one-word list items (256 KB) would keep the PDF busy for many minutes;
- unclosed tag starts (`<a` with no `>`): for each, Python-Markdown's raw-HTML reader searches
  the rest of the body for its end; 1,000 of them in 256 KB take 23 s, one about 0.2 s. We
  bound the total length of those searches.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from macros.problems import Problem

# Quotes, lists and indentation (four spaces per level) together, on any one line.
MAX_CONTAINER_DEPTH = 10
# Raw HTML elements open inside each other.
MAX_HTML_DEPTH = 20
# Characters Python-Markdown's link patterns may scan in one body (a normal card: under 2,000).
MAX_BRACKET_SCAN = 200_000
# Inline markup characters in one paragraph, list item, table row or heading, and in the body.
# The June cards have at most 16 in a paragraph and 52 in a body.
MAX_INLINE_MARKERS = 200
MAX_BODY_MARKERS = 2_000
# Blocks (paragraphs, list items, table rows, headings, quoted lines), each weighted by one plus
# its nesting depth. WeasyPrint lays out every block box of the print for a few milliseconds;
# a body of 64,000 one-word list items would keep the PDF busy for minutes. The June cards
# weigh at most 133.
MAX_BLOCK_WEIGHT = 2_000
# Characters after tag starts that never close ("<a" without ">"): Python-Markdown's raw-HTML
# reader looks for the end of each one through the rest of the body.
MAX_TAG_SCAN = 300_000

FIELD = "tekst"
_CONTAINER = re.compile(r"[ ]{0,3}(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?")
# Lines that begin a new piece of inline text inside a block: list items, table rows, headings.
_UNIT_START = re.compile(r"^[ >]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|\||#)")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b(?:[^<>\"']|\"[^<>\"]*\"|'[^<>']*')*?(/?)>")
_BLOCK_START = re.compile(r"^[ ]*(?:[>|#]|[-*+][ \t]|\d{1,9}[.)][ \t])")
_BRACKET = re.compile(r"\]\(|[\[\])]")
_TAG_START = re.compile(r"<[A-Za-z/!?]")
_OTHER_TAG = re.compile(r"<[!?/][^<>]*>")
_INLINE_MARKER = re.compile(r"[*_`<\[]|[ ]{2,}$", re.MULTILINE)
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


@dataclass(frozen=True)
class _Unit:
    """A stretch of text that Python-Markdown's inline patterns see as one string."""

    text: str
    line: int  # index of its first line in the body


def container_depth(line: str) -> int:
    """How many quote and list levels a line opens, counting four spaces of indent as one."""
    expanded = line.expandtabs(4)
    position = len(expanded) - len(expanded.lstrip(" "))
    depth = position // 4
    while True:
        match = _CONTAINER.match(expanded, position)
        if match is None or match.end() == position:
            return depth
        depth += 1
        position = match.end()


def block_weight(lines: list[str]) -> Iterator[tuple[int, int]]:
    """(line index, running weight) at every line that starts a block.

    A line starts a block when it follows a blank line or opens a list item, quote, table row
    or heading; the continuation lines of a paragraph do not.
    """
    total = 0
    previous_blank = True
    for index, line in enumerate(lines):
        blank = not line.strip()
        if not blank and (previous_blank or _BLOCK_START.match(line)):
            total += 1 + container_depth(line)
            yield index, total
        previous_blank = blank


def _units(lines: list[str]) -> Iterator[_Unit]:
    start = 0
    for index, line in enumerate([*lines, ""]):
        blank = not line.strip()
        new_unit = blank or _UNIT_START.match(line) is not None
        if new_unit and index > start:
            yield _Unit("\n".join(lines[start:index]), start)
        if new_unit:
            start = index + 1 if blank else index


def bracket_scan(text: str) -> int:
    """The characters Python-Markdown's link patterns scan in `text` (one inline unit).

    Every `[` scans to its matching `]`, every `](` to its matching `)`; without a match the
    scan runs to the end of the text. Computed with two stacks in one pass over the brackets.
    """
    total = 0
    open_brackets: list[int] = []
    open_parens: list[int] = []
    for match in _BRACKET.finditer(text):
        position, char = match.start(), match.group()
        if char == "[":
            open_brackets.append(position)
        elif char == "]":
            if open_brackets:
                total += position - open_brackets.pop()
        elif char == "](":
            if open_brackets:
                total += position - open_brackets.pop()
            open_parens.append(position + 1)
        elif char == ")" and open_parens:
            total += position - open_parens.pop()
    end = len(text)
    total += sum(end - start for start in open_brackets)
    total += sum(end - start for start in open_parens)
    return total


def _html_depth_problem(body: str, file: str, first_line: int) -> Problem | None:
    stack: list[str] = []  # the open elements
    for match in _TAG.finditer(body):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name in _VOID or self_closing:
            continue
        if closing:
            if name in stack:
                while stack and stack.pop() != name:
                    pass
            continue
        stack.append(name)
        if len(stack) > MAX_HTML_DEPTH:
            line = first_line + body.count("\n", 0, match.start())
            return Problem(
                file,
                line,
                FIELD,
                f"de HTML-elementen zijn hier {MAX_HTML_DEPTH + 1} of meer lagen in elkaar "
                f"genest; het maximum is {MAX_HTML_DEPTH}. Sluit elementen eerder af",
            )
    return None


def tag_scan(body: str) -> tuple[int, int]:
    """The characters read after tag starts that never close, and where the first one is.

    Each pattern match stops at the next "<", so this stays linear in the body's length.
    """
    total, first = 0, -1
    end = len(body)
    for match in _TAG_START.finditer(body):
        start = match.start()
        if _TAG.match(body, start) or _OTHER_TAG.match(body, start):
            continue
        total += end - start
        first = start if first < 0 else first
    return total, first


def limit_problems(body: str, file: str, first_line: int) -> list[Problem]:
    """Every limit the body goes over, at the line where it does; [] for any normal card."""
    lines = body.split("\n")
    problems: list[Problem] = []
    for index, line in enumerate(lines):
        if container_depth(line) > MAX_CONTAINER_DEPTH:
            problems.append(
                Problem(
                    file,
                    first_line + index,
                    FIELD,
                    f"deze regel nest citaten ('>') of opsommingen ('-', '1.') meer dan "
                    f"{MAX_CONTAINER_DEPTH} lagen diep; dat kan de site en de pdf niet tonen. "
                    "Gebruik minder lagen (een horizontale lijn schrijf je als '---')",
                )
            )
            break
    for index, weight in block_weight(lines):
        if weight > MAX_BLOCK_WEIGHT:
            problems.append(
                Problem(
                    file,
                    first_line + index,
                    FIELD,
                    "de tekst heeft tot hier te veel alinea's, opsommingspunten, tabelregels en "
                    f"citaatregels (gewogen naar hoe diep ze genest zijn: meer dan "
                    f"{MAX_BLOCK_WEIGHT}); de pdf wordt daar onredelijk traag van. Verdeel de "
                    "tekst over meer kaarten of voeg korte regels samen",
                )
            )
            break
    html = _html_depth_problem(body, file, first_line)
    if html is not None:
        problems.append(html)
    tags, first_tag = tag_scan(body)
    if tags > MAX_TAG_SCAN:
        problems.append(
            Problem(
                file,
                first_line + body.count("\n", 0, first_tag),
                FIELD,
                "hier begint een HTML-tag ('<' met een letter) die niet met '>' wordt gesloten, "
                "en zulke open tags komen vaker voor; dat maakt het publiceren onredelijk traag. "
                "Schrijf een los kleiner-dan-teken als '&lt;' of zet het tussen `backticks`",
            )
        )
    scanned = 0
    body_markers = 0
    for unit in _units(lines):
        markers = len(_INLINE_MARKER.findall(unit.text))
        if markers > MAX_INLINE_MARKERS:
            problems.append(
                Problem(
                    file,
                    first_line + unit.line,
                    FIELD,
                    f"deze alinea bevat {markers} opmaaktekens (*, _, `, <, [ of een harde "
                    f"regelovergang); het maximum is {MAX_INLINE_MARKERS}. Splits de alinea of "
                    "zet zulke tekens in een codeblok",
                )
            )
            break
        body_markers += markers
        if body_markers > MAX_BODY_MARKERS:
            problems.append(
                Problem(
                    file,
                    first_line + unit.line,
                    FIELD,
                    f"de tekst bevat tot hier meer dan {MAX_BODY_MARKERS} opmaaktekens (*, _, `, "
                    "<, [ of een harde regelovergang); dat maakt het publiceren onredelijk traag. "
                    "Gebruik minder opmaak of verdeel de tekst over meer kaarten",
                )
            )
            break
        scanned += bracket_scan(unit.text)
        if scanned > MAX_BRACKET_SCAN:
            problems.append(
                Problem(
                    file,
                    first_line + unit.line,
                    FIELD,
                    "in deze alinea staan haken '[' of '(' achter ']' die niet gesloten worden; "
                    "bij zo veel open haken wordt het publiceren onredelijk traag. Sluit elke "
                    "'[' met ']' en elke '](' met ')', of schrijf de haak als '\\['",
                )
            )
            break
    return problems
