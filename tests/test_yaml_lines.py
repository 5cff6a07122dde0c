"""Every one-line YAML slip an editor can make in a real card or data file is reported at the
line where it was made, with its field, in Dutch, without the parser's words."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from macros.source import SourceProblem, read_card, read_data

from .conftest import CONTENT, FIXTURES

SLIPS: dict[str, Callable[[str], str]] = {
    "tab": lambda line: "\t" + line,
    "leading space": lambda line: " " + line,
    "one space less": lambda line: line[1:] if line.startswith("  ") else line,
    "colon left out": lambda line: line.replace(": ", " ", 1),
    "space after colon left out": lambda line: line.replace(": ", ":", 1),
    "quote opened, never closed": lambda line: line.replace(": ", ': "', 1),
    "closing quote left out": lambda line: line[:-1] if line.endswith('"') else line,
    "': ' in a plain value": lambda line: (
        line + ": meer"
        if ": " in line and not line.rstrip().endswith(":") and not {"{", '"'} & set(line)
        else line
    ),
}
PARSER_WORDS = ("<block end>", "<scalar>", "<block mapping start>", "mapping", "YAML:", "expected")
FILES = sorted(
    [
        *(CONTENT / "cards").glob("*.md"),
        *(CONTENT / "data").glob("*.yaml"),
        *(FIXTURES / "project" / "cards").glob("*.md"),
        *(FIXTURES / "project" / "data").glob("*.yaml"),
    ]
)


def _editable_lines(path: Path, lines: list[str]) -> range:
    if path.suffix == ".md":
        return range(1, lines.index("---", 1))
    return range(len(lines))


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_every_refused_slip_names_its_own_line(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    read = read_card if path.suffix == ".md" else read_data
    refused = 0
    for index in _editable_lines(path, lines):
        if not lines[index].strip() or lines[index].lstrip().startswith("#"):
            continue
        for slip, make in SLIPS.items():
            changed = make(lines[index])
            if changed == lines[index]:
                continue
            text = "\n".join([*lines[:index], changed, *lines[index + 1 :]])
            try:
                read(text.encode("utf-8"), path.name)
            except SourceProblem as error:
                refused += 1
                problem = error.problem
                where = f"{slip} on line {index + 1}: {problem}"
                assert problem.line == index + 1, where
                assert problem.field, where
                assert problem.message.startswith("de opmaak klopt niet"), where
                assert not any(word in problem.message for word in PARSER_WORDS), where
    assert refused, "the slips must be refused somewhere in the file"
