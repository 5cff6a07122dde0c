"""Where an editor's YAML mistake really is, and what to do about it, in plain Dutch.

PyYAML reports where its parser gave up, which for an unclosed quote can be many lines after
the quote, in words like `<block end>`. When parsing fails, this module reads the text line by
line the way an editor wrote it (fields, list items, indentation) and names the first line that
breaks the pattern. It only runs on text PyYAML already refused, so a guess never rejects a
valid file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

KEY = re.compile(r"(?P<key>[A-Za-z_][\w-]*)[ \t]*:(?=[ \t]|$)[ \t]*(?P<value>.*)$")
KEY_WITHOUT_SPACE = re.compile(r"(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s/].*)$")
BLOCK_SCALAR = re.compile(r"[|>][0-9+-]*[ \t]*(#.*)?$")
TRAILING_COMMENT = re.compile(r"[ \t]#")


@dataclass(frozen=True)
class Diagnosis:
    """A mistake on a 0-based line of the parsed text, with the editor's message."""

    line: int
    message: str
    field: str | None = None
    # The line whose field the mistake belongs to, when not its own (a line of a `>` text).
    field_line: int | None = None


@dataclass
class _Level:
    indent: int
    kind: str  # "map" or "seq"
    line: int  # where it was opened


@dataclass
class _State:
    levels: list[_Level] = field(default_factory=list)
    # After `key:` with nothing behind it: the next deeper line opens that key's block.
    open_key: tuple[int, str] | None = None
    # After `key: value`: (indent, key) of that field, for lines indented by mistake.
    scalar_key: tuple[int, str] | None = None
    # After a list item of plain text: (its line, its text), in case a colon is missing.
    item_text: tuple[int, str] | None = None
    # Inside `key: |` or `key: >`: lines deeper than this indent belong to the text.
    block_indent: int | None = None
    block_key: str = ""
    block_key_line: int = 0
    # The first line of that text: (indent, line); the others may not indent less.
    block_first: tuple[int, int] | None = None
    # Inside a quoted value that runs over lines: (quote, line, indent, key).
    quote: tuple[str, int, int, str] | None = None
    # Inside {…} or […] that runs over lines: the depth still open.
    flow_depth: int = 0


def _close_quote(text: str, quote: str) -> int | None:
    """The index just after the closing `quote` in `text`, or None when it stays open."""
    index = 0
    while index < len(text):
        char = text[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and text[index + 1 : index + 2] == "'":
                index += 2
                continue
            return index + 1
        index += 1
    return None


def _flow_balance(text: str) -> int | None:
    """Brackets opened minus closed in a flow value, ignoring those inside quotes; None when a
    quote in it stays open."""
    depth = 0
    index = 0
    while index < len(text):
        char = text[index]
        if char in "\"'":
            end = _close_quote(text[index + 1 :], char)
            if end is None:
                return None
            index += end + 1
            continue
        if char == "#" and index and text[index - 1] in " \t":
            break
        if char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
        index += 1
    return depth


def _unclosed(key: str, line: int, quote: str = '"') -> Diagnosis:
    where = "in dit lijstonderdeel" if key == "-" else f"bij '{key}'"
    return Diagnosis(
        line,
        f"het aanhalingsteken ({quote}) {where} wordt niet gesloten; zet aan het eind van "
        f"de tekst ook een {quote}",
    )


def _spaces(count: int) -> str:
    return "1 spatie" if count == 1 else f"{count} spaties"


def _value(state: _State, value: str, indent: int, key: str, line: int) -> Diagnosis | None:
    """Read the value behind `key:` and remember what the next lines may be."""
    value = value.rstrip()
    state.open_key = state.scalar_key = None
    if not value or value.startswith("#"):
        state.open_key = (indent, key)
        return None
    if BLOCK_SCALAR.match(value):
        state.block_indent, state.block_key, state.block_first = indent, key, None
        state.block_key_line = line
        return None
    if value[0] in "\"'":
        end = _close_quote(value[1:], value[0])
        if end is None:
            state.quote = (value[0], line, indent, key)
            return None
        rest = value[end + 1 :].strip()
        if rest and not rest.startswith("#"):
            return Diagnosis(
                line,
                f"na de tekst tussen aanhalingstekens bij '{key}' staat nog iets ({rest!r}); "
                "zet alles binnen de aanhalingstekens",
            )
        state.scalar_key = (indent, key)
        return None
    if value[0] in "{[":
        depth = _flow_balance(value)
        if depth is None:
            inner = re.findall(r"([A-Za-z_][\w-]*):[ \t]*[\"']", value)
            quote = next(c for c in value if c in "\"'")
            return _unclosed(inner[-1] if inner else key, line, quote)
        state.flow_depth = depth
        state.scalar_key = (indent, key)
        return None
    plain = TRAILING_COMMENT.split(value, maxsplit=1)[0]
    if ": " in plain or plain.endswith(":"):
        return Diagnosis(
            line,
            f"in de tekst bij '{key}' staat een dubbele punt met een spatie (': '); zet de hele "
            "tekst tussen dubbele aanhalingstekens: "
            f'{key}: "{plain.replace(chr(34), chr(39))}"',
        )
    state.scalar_key = (indent, key)
    return None


def _line(state: _State, raw: str, number: int) -> Diagnosis | None:
    """Check one line against the structure so far; a Diagnosis when it breaks it."""
    stripped = raw.lstrip(" \t")
    leading = raw[: len(raw) - len(stripped)]
    if state.quote is not None:
        quote, opened, quote_indent, key = state.quote
        # A line that looks like a new field at the field's own level: the quote never closed.
        if len(leading) <= quote_indent and (KEY.match(stripped) or stripped.startswith("- ")):
            return _unclosed(key, opened, quote)
        end = _close_quote(raw, quote)
        if end is not None:
            state.quote = None
            state.scalar_key = (quote_indent, key)
        return None
    if not stripped or stripped.startswith("#"):
        return None
    if "\t" in leading:
        return Diagnosis(
            number,
            "deze regel springt in met een tab; gebruik spaties (twee per niveau), nooit tabs",
        )
    indent = len(leading)
    if state.block_indent is not None:
        if indent > state.block_indent:
            return _block_line(state, indent, number)
        state.block_indent = None
    if state.flow_depth > 0:
        state.flow_depth += _flow_balance(stripped) or 0
        return None

    item = stripped == "-" or stripped.startswith("- ")
    text = stripped[1:].lstrip(" ") if item else stripped
    text_indent = indent + (len(stripped) - len(text)) if item else indent

    if not state.levels and indent > 0:
        return Diagnosis(
            number,
            f"deze regel begint met {_spaces(indent)}; de velden op het hoogste niveau beginnen "
            "helemaal links. Haal de spatie(s) aan het begin weg",
        )

    # A deeper line after `key:` opens that key's block.
    if state.open_key is not None:
        parent_indent, _parent = state.open_key
        state.open_key = None
        if indent > parent_indent or (item and indent == parent_indent):
            state.levels.append(_Level(indent, "seq" if item else "map", number))
            return _entry(state, text, text_indent, item, number)

    item_text, state.item_text = state.item_text, None
    if state.scalar_key is not None:
        key_indent, key = state.scalar_key
        state.scalar_key = None
        if item_text is not None and indent > key_indent and KEY.match(text):
            # `- role Projectleider` above `who: …`: the item was meant as a field.
            return _missing_colon(item_text[1], item_text[0])
        if indent > key_indent and (KEY.match(text) or item):
            odd = _odd_opener(state.levels, indent)
            if odd is not None:
                return odd
            spaces = _spaces(indent - key_indent)
            named = KEY.match(text)
            what = f"'{named['key']}'" if named and not item else "dit lijstonderdeel"
            return Diagnosis(
                number,
                f"deze regel springt {spaces} verder in dan '{key}' erboven, maar '{key}' heeft "
                f"al een waarde. Haal de spatie(s) aan het begin weg, zodat {what} recht onder "
                f"'{key}' begint",
            )
        if indent > key_indent:
            return None  # the value goes on over more lines

    popped = []
    while state.levels and state.levels[-1].indent > indent:
        popped.append(state.levels.pop())
    if not state.levels:
        state.levels.append(_Level(indent, "seq" if item else "map", number))
    level = state.levels[-1]
    # A sequence may sit at its key's indentation (`partners:` then `- x`); its map is one up.
    if (
        level.kind == "seq"
        and not item
        and len(state.levels) > 1
        and state.levels[-2].indent == indent
    ):
        state.levels.pop()
        level = state.levels[-1]
    if level.indent != indent:
        odd = _odd_opener([*state.levels, *reversed(popped)], indent)
        if odd is not None:
            return odd
        if item:
            return Diagnosis(
                number,
                f"dit lijstonderdeel ('- ') springt {_spaces(indent)} in, de onderdelen van "
                f"dezelfde lijst {_spaces(level.indent)}; zet de '-' recht onder die van de "
                "andere onderdelen",
            )
        return Diagnosis(
            number,
            f"de inspringing klopt niet: deze regel springt {_spaces(indent)} in, maar geen veld "
            "erboven springt zo ver in. Laat hem even ver inspringen als de velden waar hij bij "
            "hoort (twee spaties per niveau)",
        )
    if item and level.kind != "seq":
        return Diagnosis(
            number,
            "hier begint een lijstonderdeel ('- ') tussen gewone velden; zet het onder het veld "
            "van de lijst en laat het twee spaties verder inspringen",
        )
    if not item and level.kind == "seq":
        return Diagnosis(
            number,
            "deze regel staat tussen de onderdelen van een lijst maar begint niet met '- '; "
            "begin hem met '- ' of laat hem even ver inspringen als de velden erboven",
        )
    return _entry(state, text, text_indent, item, number)


def _odd_opener(levels: list[_Level], indent: int) -> Diagnosis | None:
    """One line indented by an odd number of spaces throws the lines under it off: blame it,
    not the well-indented line where the parser noticed."""
    odd = [level for level in levels if level.indent % 2]
    if not odd or indent % 2:
        return None
    return Diagnosis(
        odd[0].line,
        f"deze regel springt {_spaces(odd[0].indent)} in, een oneven aantal; spring in met twee "
        "spaties per niveau, zoals de regels eronder",
    )


def _entry(state: _State, text: str, indent: int, item: bool, number: int) -> Diagnosis | None:
    """A field (`key: value`) or a list item's content, at a level that is right."""
    if item:
        if not text:
            state.open_key = (indent - 2, "-")
            return None
        match = KEY.match(text)
        if match:
            state.levels.append(_Level(indent, "map", number))
            return _value(state, match["value"], indent, match["key"], number)
        if text[0] in "\"'{[":
            return _value(state, text, indent - 2, "-", number)
        state.scalar_key = (indent - 2, "-")
        state.item_text = (number, text)
        return None
    match = KEY.match(text)
    if match:
        return _value(state, match["value"], indent, match["key"], number)
    return _missing_colon(text, number)


def _missing_colon(text: str, number: int) -> Diagnosis:
    """A line meant as `key: value` that lacks the colon or the space after it."""
    glued = KEY_WITHOUT_SPACE.match(text)
    if glued:
        key, value = glued["key"], glued["value"]
        return Diagnosis(
            number,
            f"na '{key}:' ontbreekt een spatie; schrijf '{key}: {value.strip()}'",
        )
    word, _, rest = text.partition(" ")
    return Diagnosis(
        number,
        f"na '{word}' ontbreekt een dubbele punt; schrijf '{word}: {rest.strip()}'. Hoort deze "
        "regel bij de tekst erboven? Laat hem dan verder inspringen dan de veldnaam",
    )


def _block_line(state: _State, indent: int, number: int) -> Diagnosis | None:
    """A line of a `|` or `>` text: all of them indent at least as far as the first one."""
    if state.block_first is None:
        state.block_first = (indent, number)
        return None
    first_indent, first_line = state.block_first
    if indent >= first_indent:
        return None
    odd = _odd_opener(state.levels, indent)
    if odd is not None:
        return odd
    if first_indent % 2 and indent % 2 == 0:
        return Diagnosis(
            first_line,
            f"deze regel van de tekst bij '{state.block_key}' springt {_spaces(first_indent)} "
            f"in, de regels eronder {_spaces(indent)}; laat alle regels van de tekst even ver "
            "inspringen",
            field_line=state.block_key_line,
        )
    return Diagnosis(
        number,
        f"deze regel van de tekst bij '{state.block_key}' springt minder ver in "
        f"({_spaces(indent)}) dan de eerste regel ervan ({_spaces(first_indent)}); laat alle "
        "regels van de tekst even ver inspringen",
        field_line=state.block_key_line,
    )


def diagnose(text: str) -> Diagnosis | None:
    """The first line of `text` that breaks the YAML an editor meant to write, if any is found."""
    state = _State()
    lines = text.split("\n")
    found = None
    for number, raw in enumerate(lines):
        found = _line(state, raw, number)
        if found is not None:
            break
    if found is None and state.quote is not None:
        found = _unclosed(state.quote[3], state.quote[1], state.quote[0])
    if found is None:
        return None
    field_line = found.line if found.field_line is None else found.field_line
    return Diagnosis(found.line, found.message, field_at(lines, field_line))


def _content(raw: str) -> tuple[int, bool, str] | None:
    """(indent, is a list item, text after the '- ') of a line that holds YAML, else None."""
    stripped = raw.lstrip(" \t")
    if not stripped or stripped.startswith("#"):
        return None
    item = stripped == "-" or stripped.startswith("- ")
    return len(raw) - len(stripped), item, stripped[1:].lstrip(" ") if item else stripped


def _item_index(lines: list[str], number: int, indent: int) -> int:
    """Which item (1-based) of its list the item on line `number` is; an item one space off
    still counts as one of the list."""
    index = 1
    for raw in reversed(lines[:number]):
        content = _content(raw)
        if content is None:
            continue
        above, item = content[0], content[1]
        if not item and above <= indent:
            break  # the field the list belongs to
        if item and abs(above - indent) <= 1:
            index += 1
        elif item and above < indent:
            break
    return index


def field_at(lines: list[str], number: int) -> str | None:
    """The field a line belongs to, read from the indentation above it: `structure[2].who`.

    A guess for a text the parser refused, good enough to name the field in a message.
    """
    if not 0 <= number < len(lines) or (content := _content(lines[number])) is None:
        return None
    indent, item, text = content
    own = KEY.match(text) or KEY_WITHOUT_SPACE.match(text)
    if own is None and not item:
        own = re.match(r"(?P<key>[A-Za-z_][\w-]*)(?=\s|$)", text)  # a colon left out
    parts: list[str] = [own["key"]] if own else []
    if item:
        parts.insert(0, f"[{_item_index(lines, number, indent)}]")
    for row in range(number - 1, -1, -1):
        if indent == 0:
            break
        above = _content(lines[row])
        if above is None or above[0] >= indent:
            continue
        above_indent, above_item, above_text = above
        key = KEY.match(above_text)
        if (above_item and item) or (not above_item and key and key["value"].strip()):
            continue  # a sibling one space off, or a field with a value: not a parent
        if above_item and above_indent + 2 == indent and not item:
            # A field under a list item: `- role: …` then `  who: …` share that item.
            parts.insert(0, f"[{_item_index(lines, row, above_indent)}]")
            item = True
        elif above_item:
            parts.insert(0, f"[{_item_index(lines, row, above_indent)}]")
            if key and above_indent + 2 < indent:
                parts.insert(1, key["key"])
            item = True
        else:
            if key:
                parts.insert(0, key["key"])
            item = False
        indent = above_indent
    name = ""
    for part in parts:
        name += part if part.startswith("[") or not name else f".{part}"
    return name or None


def comment_in_value(line_text: str) -> bool:
    """True when what follows a plain value on its line is `#word`: text lost as a comment.

    Explanations written by people and by `kaarten new` start with `# `; a `#` glued to a word
    (`#1`, `#ondernemen`) is almost always part of the text the editor meant.
    """
    return re.match(r"[ \t]*#[^\s#]", line_text) is not None
