"""A fixed build date, so two builds of the same commit give the same bytes.

MkDocs stamps the sitemap (`<lastmod>` and the gzip header of sitemap.xml.gz) with the build
date, and reads it from SOURCE_DATE_EPOCH when that is set. When the caller sets it, we honour
it; when not, we set it to the time of the last git commit, or, outside a git checkout, to the
edition's date, instead of letting the wall clock in.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

VARIABLE = "SOURCE_DATE_EPOCH"


def commit_time(root: Path) -> int | None:
    """The committer time of HEAD, or None when `root` is not a git checkout."""
    try:
        run = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    value = run.stdout.strip()
    return int(value) if run.returncode == 0 and value.isdigit() else None


def epoch_of(day: dt.date) -> int:
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def pin_build_date(root: Path, edition_date: dt.date) -> str | None:
    """Set SOURCE_DATE_EPOCH unless the caller did; return the value we set, or None.

    The caller keeps the returned value and hands it to release_build_date after the build, so
    the state lives with the build (the plugin instance), not in this module.
    """
    if os.environ.get(VARIABLE) is not None:
        return None  # set by the caller: honour it
    epoch = commit_time(root)
    value = str(epoch if epoch is not None else epoch_of(edition_date))
    os.environ[VARIABLE] = value
    return value


def release_build_date(ours: str | None) -> None:
    """Undo pin_build_date after the build, so the next build (or `mkdocs serve`) decides anew."""
    if ours is not None and os.environ.get(VARIABLE) == ours:
        del os.environ[VARIABLE]
