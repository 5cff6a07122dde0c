"""Reading card and data files: bytes to YAML values that remember their line numbers.

Everything here is defensive, because files arrive in pull requests from outside the bureau:
safe YAML only, duplicate keys refused, aliases bounded, size limited, UTF-8 required.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from macros.problems import Problem
from macros.yaml_diagnosis import comment_in_value, diagnose, field_at

MAX_FILE_BYTES = 256 * 1024
MAX_NODES = 20_000  # nodes that aliases may add by repeating others
SAFE_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}
DUTCH_THOUSANDS = re.compile(r"^[0-9]{1,3}(\.[0-9]{3})+$")
FENCE = re.compile(r"^---[ \t]*$")


class SourceProblem(Exception):
    """A file that cannot be read at all; carries the one problem that says why."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


@dataclass(frozen=True)
class YamlDocument:
    """Parsed YAML plus its node tree, so validation errors can point at a line."""

    data: Any
    root: Node
    first_line: int

    def line_of(self, loc: Sequence[str | int]) -> int:
        """The file line of the deepest node on `loc` that exists (1-based)."""
        node: Node = self.root
        line = node.start_mark.line
        for part in loc:
            if isinstance(node, MappingNode) and isinstance(part, str):
                for key, value in node.value:
                    if isinstance(key, ScalarNode) and key.value == part:
                        line = key.start_mark.line
                        node = value
                        break
                else:
                    break
            elif isinstance(node, SequenceNode) and isinstance(part, int):
                if 0 <= part < len(node.value):
                    node = node.value[part]
                    line = node.start_mark.line
                else:
                    break
            else:
                break
        return line + self.first_line


@dataclass(frozen=True)
class CardSource:
    """A card file split into its front matter and its Markdown body."""

    front_matter: YamlDocument
    body: str
    body_line: int


def size_problem(file: str, size: int) -> Problem:
    return Problem(
        file,
        None,
        None,
        f"het bestand is {size // 1024} kB; het mag hoogstens "
        f"{MAX_FILE_BYTES // 1024} kB zijn. Maak de tekst korter of verdeel hem.",
    )


def decode(raw: bytes, file: str) -> str:
    """UTF-8 (with or without BOM), any line ends; anything else is refused, not guessed."""
    if len(raw) > MAX_FILE_BYTES:
        raise SourceProblem(size_problem(file, len(raw)))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise SourceProblem(
            Problem(
                file,
                line,
                None,
                "het bestand is niet opgeslagen als UTF-8 (bijvoorbeeld Latin-1 of Windows-1252). "
                "Sla het op als UTF-8 in je editor.",
            )
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise SourceProblem(
            Problem(
                file,
                line,
                None,
                "het bestand bevat NUL-tekens: het is geen tekstbestand of het is beschadigd",
            )
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_card(text: str, file: str) -> tuple[str, int, str, int]:
    """Split a card into (front matter, its first line, body, the body's first line)."""
    if not text.strip():
        raise SourceProblem(
            Problem(file, None, None, "het bestand is leeg; een kaart begint met een regel '---'")
        )
    lines = text.split("\n")
    if not FENCE.match(lines[0]):
        raise SourceProblem(
            Problem(
                file,
                1,
                None,
                "de kaart begint niet met een regel '---'. Zet de kaartgegevens (title, "
                "category, summary, …) bovenaan tussen twee regels '---'.",
            )
        )
    for index in range(1, len(lines)):
        if FENCE.match(lines[index]):
            front = "\n".join(lines[1:index]) + "\n"
            body = "\n".join(lines[index + 1 :])
            return front, 2, body, index + 2
    raise SourceProblem(
        Problem(
            file,
            1,
            None,
            "de kaartgegevens worden niet afgesloten: zet na het laatste veld een regel '---'",
        )
    )


def read_card(raw: bytes, file: str) -> CardSource:
    text = decode(raw, file)
    front, first_line, body, body_line = split_card(text, file)
    document = parse_yaml(front, file, first_line)
    return CardSource(document, body, body_line)


def read_data(raw: bytes, file: str) -> YamlDocument:
    text = decode(raw, file)
    if not text.strip():
        raise SourceProblem(Problem(file, None, None, "het bestand is leeg"))
    return parse_yaml(text, file, 1)


_YAML_HINTS = (
    (
        "mapping values are not allowed",
        "een dubbele punt op een onverwachte plek; zet tekst met ': ' erin tussen aanhalingstekens",
    ),
    ("found character '\\t'", "er staat een tab; gebruik spaties om in te springen"),
    (
        "could not find expected ':'",
        "er ontbreekt een dubbele punt na een veldnaam, of een aanhalingsteken is niet gesloten",
    ),
    ("found unexpected end of stream", "een aanhalingsteken is niet gesloten"),
    (
        "did not find expected key",
        "de inspringing klopt niet, of er ontbreekt een '- ' voor een onderdeel van een lijst",
    ),
    ("found undefined alias", "er staat een verwijzing (*) naar een anker (&) dat niet bestaat"),
    ("found unhashable key", "een veldnaam moet gewone tekst zijn"),
    (
        "expected <block end>, but found '-'",
        "een lijstregel ('- ') staat op de verkeerde inspringing",
    ),
)


def _yaml_message(error: yaml.MarkedYAMLError) -> str:
    raw = " ".join(filter(None, [error.context, error.problem]))
    for needle, hint in _YAML_HINTS:
        if needle in raw:
            return f"de opmaak klopt niet: {hint}"
    return (
        "de opmaak klopt niet rond deze regel; controleer de inspringing (spaties, geen tabs), "
        "de dubbele punt met een spatie na elke veldnaam en de aanhalingstekens"
    )


def _python_parser_error(text: str) -> yaml.MarkedYAMLError | None:
    loader = yaml.SafeLoader(text)
    try:
        loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        return error
    finally:
        loader.dispose()
    return None


def parse_yaml(text: str, file: str, first_line: int) -> YamlDocument:
    """Parse one YAML document safely, refusing what could hide a mistake or an attack."""
    # libyaml's parser when PyYAML has it (the wheels do): same nodes and marks, ten times faster.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as error:
            diagnosis = diagnose(text)
            if diagnosis is not None:
                message = f"de opmaak klopt niet: {diagnosis.message}"
                at = diagnosis.line + first_line
                raise SourceProblem(Problem(file, at, diagnosis.field, message)) from None
            # libyaml words its errors differently; the pure-Python parser's words map to hints.
            error = _python_parser_error(text) or error
            mark = error.problem_mark or error.context_mark
            line = mark.line + first_line if mark else None
            field = field_at(text.split("\n"), mark.line) if mark else None
            raise SourceProblem(Problem(file, line, field, _yaml_message(error))) from None
        except yaml.YAMLError:
            raise SourceProblem(
                Problem(file, None, None, "de opmaak klopt niet; het bestand is geen geldige YAML")
            ) from None
        if root is None:
            raise SourceProblem(Problem(file, first_line, None, "er staan geen gegevens in"))
        _inspect(root, file, first_line, text.split("\n"))
        try:
            data = loader.construct_document(root)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line = mark.line + first_line if mark else None
            raise SourceProblem(Problem(file, line, None, _yaml_message(error))) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise SourceProblem(
            Problem(file, first_line, None, "verwacht velden in de vorm 'naam: waarde'")
        )
    return YamlDocument(data, root, first_line)


_DATES = yaml.constructor.SafeConstructor()


def _check_date(node: ScalarNode, file: str, line: int) -> None:
    """A date that looks right but does not exist (2023-13-01) must be a message, not a crash."""
    try:
        _DATES.construct_yaml_timestamp(node)
    except ValueError:
        raise SourceProblem(
            Problem(
                file,
                line,
                None,
                f"'{node.value}' is geen bestaande datum; schrijf JJJJ-MM-DD, bijvoorbeeld "
                "2023-07-03",
            )
        ) from None


def _check_comment(node: ScalarNode, file: str, first_line: int, lines: list[str]) -> None:
    """`summary: Wij zijn #1` keeps only "Wij zijn": say so instead of dropping the rest."""
    end = node.end_mark
    if end.line >= len(lines) or not comment_in_value(lines[end.line][end.column :]):
        return
    raise SourceProblem(
        Problem(
            file,
            end.line + first_line,
            field_at(lines, end.line),
            "de opmaak klopt niet: een '#' na een spatie begint uitleg, dus de tekst vanaf '#' "
            "valt weg. Zet de hele tekst tussen dubbele aanhalingstekens",
        )
    )


def _inspect(root: Node, file: str, first_line: int, lines: list[str]) -> None:
    """Walk the node graph once: bound alias expansion, refuse tags and duplicate keys."""
    # A long file is bounded by MAX_FILE_BYTES; only what aliases add on top counts here, so a
    # card with thousands of milestones is not taken for an alias bomb.
    seen_nodes: set[int] = set()
    expanded = 0
    stack: list[Node] = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:
            expanded += 1
        else:
            seen_nodes.add(id(node))
        if expanded > MAX_NODES:
            raise SourceProblem(
                Problem(
                    file,
                    None,
                    None,
                    "het bestand wordt te groot door verwijzingen (ankers '&' en aliassen '*'); "
                    "schrijf de gegevens gewoon uit",
                )
            )
        line = node.start_mark.line + first_line
        if node.tag not in SAFE_TAGS:
            raise SourceProblem(
                Problem(
                    file,
                    line,
                    None,
                    f"de YAML-tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' is niet "
                    "toegestaan; schrijf gewone tekst, getallen, datums of lijsten",
                )
            )
        if isinstance(node, ScalarNode):
            if node.tag.endswith(":timestamp"):
                _check_date(node, file, line)
            if not node.style:
                _check_comment(node, file, first_line, lines)
            if node.tag.endswith(":float") and not node.style and DUTCH_THOUSANDS.match(node.value):
                raise SourceProblem(
                    Problem(
                        file,
                        line,
                        None,
                        f"'{node.value}' wordt gelezen als kommagetal; schrijf getallen zonder "
                        f"punt ({node.value.replace('.', '')})",
                    )
                )
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            seen: dict[Any, int] = {}
            for key, value in node.value:
                key_line = key.start_mark.line + first_line
                if isinstance(key, ScalarNode) and key.tag.endswith(":merge"):
                    raise SourceProblem(
                        Problem(file, key_line, None, "'<<' (samenvoegen) is niet toegestaan")
                    )
                if isinstance(key, ScalarNode):
                    if key.value in seen:
                        raise SourceProblem(
                            Problem(
                                file,
                                key_line,
                                key.value,
                                f"dit veld staat twee keer in het bestand (ook op regel "
                                f"{seen[key.value]}); laat er één staan",
                            )
                        )
                    seen[key.value] = key_line
                stack.append(key)
                stack.append(value)
