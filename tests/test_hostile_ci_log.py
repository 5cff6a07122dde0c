"""Card and data text in a CI log is text: no command GitHub's runner would execute.

The runner reads `::name::value` at the start of a line (after spaces) and the legacy `##[name]`
anywhere in a line. Every `kaarten` command and the build are run on hostile content; the only
workflow commands in their output are the `::error` annotations of `kaarten validate`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from macros.ci_log import neutral, neutral_line
from macros.cli import main

from .conftest import FIXTURES, REPO

# Material prints a coloured notice of its own; it quotes no card.
QUIET = {"KAARTEN_PDF": "0", "NO_MKDOCS_2_WARNING": "1"}
HOSTILE_TEXT = "::error::kaart ##[error]regel @team \x1b[2J \u202e"


def mkdocs_build(project: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` as CI runs it (not quiet: warnings are what this is about)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(project / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **QUIET},
    )


def runner_commands(output: str) -> list[str]:
    """The lines GitHub's runner would take for a workflow command."""
    return [line for line in output.split("\n") if line.lstrip().startswith("::") or "##[" in line]


def assert_neutral(output: str, annotations: int = 0) -> None:
    commands = runner_commands(output)
    assert len(commands) == annotations, commands
    assert all(line.startswith("::error file=") for line in commands), commands
    assert all(ch == "\n" or ch.isprintable() for ch in output), repr(output)


def run(project: Path, *args: str, env: dict[str, str] | None = None):
    return CliRunner(env=env or {}).invoke(main, ["--project", str(project), *args])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("::error::x", "\\::error::x"),
        ("   ::warning ::x", "\\   ::warning ::x"),
        ("a ##[error]b", "a ##\\[error]b"),
        ("a\x1b[2Kb\x07", "a\\x1b[2Kb\\x07"),
        ("rechts\u202elinks\u200b", "rechts\\u202elinks\\u200b"),
        ("geen probleem: a::b", "geen probleem: a::b"),
        # Colours stay (MkDocs' level names in a terminal); clearing, hiding and titles do not.
        ("\x1b[33mWARNING\x1b[0m -  x", "\x1b[33mWARNING\x1b[0m -  x"),
        ("\x1b[2Jweg \x1b[8mverborgen", "\\x1b[2Jweg \\x1b[8mverborgen"),
        ("\x1b[32m::error::x", "\\\x1b[32m::error::x"),
    ],
)
def test_a_line_is_made_neutral(text: str, expected: str) -> None:
    assert neutral_line(text) == expected
    assert neutral_line(expected) == expected  # idempotent


def test_newlines_inside_a_value_cannot_start_a_command() -> None:
    assert runner_commands(neutral("titel\n::error::x\r::warning::y")) == []


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A project with hostile text in a file name, a refused field, and an allowed title."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "project", project)
    cards = project / "cards"
    quoted = HOSTILE_TEXT.replace("\\", "\\\\").replace('"', '\\"').replace("\x1b", "\\e")
    (cards / "beta-project.md").write_text(
        f'---\ntitle: Beta\ncategory: "{quoted}\\n::error::twee"\nsummary: x\n---\n',
        encoding="utf-8",
    )
    (cards / "##[error]naam ::error::x.md").write_text(
        "---\ntitle: Naam\ncategory: new\nsummary: x\n---\n", encoding="utf-8"
    )
    return project


def test_validate_prints_only_its_own_annotations(hostile: Path) -> None:
    result = run(hostile, "validate", env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    problems = result.stderr.count("\n  - ")
    assert problems >= 2
    assert_neutral(result.stdout, annotations=problems)
    assert_neutral(result.stderr)
    assert "##\\[error]naam" in result.stderr


def test_pdf_new_schema_and_cms_config_print_neutral_text(hostile: Path) -> None:
    for args in (
        ["pdf", "-o", str(hostile.parent / "x.pdf")],
        ["new", HOSTILE_TEXT, "--category", HOSTILE_TEXT],
        ["schema", "--check"],
        ["cms-config"],
    ):
        result = run(hostile, *args)
        assert "Traceback" not in result.output, args
        assert_neutral(result.stdout)
        assert_neutral(result.stderr)
    # Hidden characters refuse the title, with the characters named, neutrally.
    result = run(hostile, "new", HOSTILE_TEXT, "--category", "new")
    assert result.exit_code == 1 and "U+202E (richting omkeren)" in result.output
    assert_neutral(result.output)
    result = run(hostile, "new", "::error::kaart ##[error]regel @team", "--category", "new")
    assert result.exit_code == 0, result.output
    assert_neutral(result.output)


def test_links_prints_hrefs_with_encoded_newlines_neutrally(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<a href="nergens/&#10;::error::pwned">a</a><a href="x##[error]y/">b</a>'
        '<a href="#&#13;::warning::z">c</a>',
        encoding="utf-8",
    )
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    result = run(tmp_path, "links", str(site))
    assert result.exit_code == 1
    assert result.stderr.count("\n  - ") == 3
    assert_neutral(result.stdout)
    assert_neutral(result.stderr)
    assert "\\n::error::pwned" in result.stderr


def test_diff_prints_neutral_markdown(tmp_path: Path) -> None:
    project = tmp_path / "repo"
    shutil.copytree(FIXTURES / "project", project)
    env = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"}

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-C", str(project), *args],
            check=True,
            capture_output=True,
            env={**env, "PATH": "/usr/bin:/bin"},
        )

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "een")
    title = HOSTILE_TEXT.replace("\x1b", "").replace("\u202e", "")
    (project / "cards" / "delta.md").write_text(
        f"---\ntitle: '{title}'\ncategory: new\nsummary: '##[error]s'\n---\n", encoding="utf-8"
    )
    result = run(project, "diff", "HEAD")
    assert result.exit_code == 0, result.output
    assert "Delta" not in result.output and "delta.md" in result.output
    assert_neutral(result.output)


def test_mkdocs_warnings_and_errors_that_quote_cards_are_neutral(tmp_path: Path) -> None:
    from .conftest import make_project

    project = make_project(tmp_path / "project", FIXTURES / "project")
    card = project / "cards" / "alpha-project.md"
    card.write_text(
        card.read_text("utf-8")
        + "\n[een](missing##[error]x.md) [twee](a/%0A::error::pwned.md)"
        + " [drie](alpha-project.md#%0A::warning::anker)\n",
        encoding="utf-8",
    )
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert "missing" in result.stderr or "kaart" in result.stderr, result.stderr
    assert_neutral(result.stdout)
    assert_neutral(result.stderr)
    (project / "cards" / "beta-project.md").write_text(
        '---\ntitle: Beta\ncategory: "##[error]x"\nsummary: x\n---\n', encoding="utf-8"
    )
    result = mkdocs_build(project)
    assert result.returncode == 1 and "##\\[error]x" in result.stderr, result.stderr
    assert_neutral(result.stderr)


def test_the_stream_guard_keeps_every_newline_and_knows_line_starts() -> None:
    import io

    from macros.ci_log import NeutralStream

    target = io.StringIO()
    stream = NeutralStream(target)
    for chunk in (
        "\n",
        "a ::x",
        "\n::error::y",
        "\n",
        "",
        "  ::z\n",
        "##[w",
        "\nb#",
        "#",
        "[v",
        "\n ",
        ":",
        ":error::s",
        "\n:",
        "\n",
    ):
        stream.write(chunk)
        stream.flush()  # as click does after every message
    assert target.getvalue() == (
        "\na ::x\n\\::error::y\n\\  ::z\n##\\[w\nb##\\[v\n\\ ::error::s\n:\n"
    )
