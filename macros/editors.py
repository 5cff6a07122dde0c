"""What `kaarten` adds around MkDocs for editors: is this a project, and mkdocs without noise.

`kaarten serve` and `kaarten build` run MkDocs' own commands in this process, so the Material
theme's English end-of-life banner (printed only when the program is called `mkdocs`, and
switched off by its documented `NO_MKDOCS_2_WARNING`) stays away, and MkDocs' closing
"Aborted with …" line becomes one Dutch sentence. Every log line, warnings included, passes
through unchanged.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_MARKERS = ("cards", "data")
NOT_A_PROJECT = "dit is geen projectmap; ga naar de map met cards/ en data/ of gebruik --project"


def is_project(root: Path) -> bool:
    """A folder editors work in: it has cards/ or data/ (the loader names what else lacks)."""
    return any((root / name).is_dir() for name in PROJECT_MARKERS)


def abort_message(message: str) -> str:
    """MkDocs' closing line, in the editors' words; the reasons were logged above it."""
    if "BuildError" in message:
        return "De site is niet gebouwd: verbeter de fouten hierboven en probeer het opnieuw."
    if "warning" in message:
        return (
            "De site is niet gebouwd: er staan waarschuwingen hierboven, en met --strict "
            "telt elke waarschuwing als fout."
        )
    if "configuration" in message:
        return "De site is niet gebouwd: mkdocs.yml klopt niet (zie hierboven)."
    return f"De site is niet gebouwd ({message.strip()})."


def run_mkdocs(project: Path, command: str, arguments: list[str]) -> str | None:
    """Run `mkdocs COMMAND` on `project` with `arguments`; None when it succeeded, else the
    Dutch reason it stopped."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.__main__ import cli
    from mkdocs.exceptions import Abort

    config = ["-f", str(project / "mkdocs.yml")]
    try:
        cli.main([command, *config, *arguments], prog_name="mkdocs", standalone_mode=False)
    except Abort as error:
        return abort_message(error.format_message())
    except SystemExit as error:
        if error.code not in (0, None):
            return "De site is niet gebouwd (zie hierboven)."
    return None
