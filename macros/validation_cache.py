"""A cache of validation results, so an unchanged card (or project) is not checked again.

Two levels, both keyed on a SHA-256 of everything the result depends on:

- one card: the validator's version, the card's path and bytes, and whether its body was
  rendered (the site build checks its own render instead). The entry holds the card's problems
  and, when it is valid, its fields as JSON plus the lines the cross-checks need;
- the whole project (`kaarten validate` only): the validator's version and the path and bytes
  of every file in cards/, data/, docs/ and editions/ (links from cards are checked against
  the chapters, records against their PDFs). The entry holds the outcome as printed, so a warm
  run imports neither pydantic nor Markdown.

The validator's version is a hash of the source of the `macros` package and of the versions of
the libraries that decide validity, so any change to the code or a library invalidates all.

The cache lives outside the project (`$KAARTEN_CACHE`, else `$XDG_CACHE_HOME/economie071-kaarten`
or `~/.cache/economie071-kaarten`): a cache inside the repository could be committed in a pull
request with a forged "valid" entry for an invalid card. `KAARTEN_CACHE=off` turns it off.
Entries are JSON, never pickle; an unreadable entry is a miss. They live in one SQLite database
in that folder (one file per entry cost more to create than checking a card does): each write
is a transaction, so a reader never sees half an entry, and several processes (workers,
`mkdocs serve` beside `kaarten validate`) can share it. A database that cannot be opened or
written is simply not used; one that is damaged is replaced by an empty one.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import threading
from collections.abc import Iterable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent
# The libraries whose behaviour decides whether a card is valid.
LIBRARIES = ("pydantic", "pydantic-core", "PyYAML", "Markdown", "nh3", "babel")
OFF = {"off", "0", "false", "no"}
# Larger cards and data files are left to the loader, which refuses them before reading.
MAX_FILE_BYTES = 1 << 20
SMALL_FOLDERS = {"cards", "data"}


def cache_dir() -> Path | None:
    setting = os.environ.get("KAARTEN_CACHE", "").strip()
    if setting.lower() in OFF:
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "economie071-kaarten"


@cache
def validator_version() -> str:
    """A hash of our own code and the versions of the libraries that judge a card."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".html", ".json", ".yaml", ".yml"}:
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
    for name in LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version}\n".encode())
    return digest.hexdigest()


def key(*parts: bytes | str) -> str:
    """A SHA-256 over the parts, each length-prefixed so no two part lists collide."""
    digest = hashlib.sha256(validator_version().encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


DATABASE = "validation.sqlite3"
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS entries (kind TEXT NOT NULL, key TEXT NOT NULL, "
    "value TEXT NOT NULL, PRIMARY KEY (kind, key)) WITHOUT ROWID"
)


class _Store:
    """The open database of this process (a connection never crosses a fork)."""

    def __init__(self) -> None:
        self.pid = 0
        self.path: Path | None = None
        self.connection: sqlite3.Connection | None = None

    def get(self) -> sqlite3.Connection | None:
        folder = cache_dir()
        if folder is None:
            return None
        path = folder / DATABASE
        if self.pid == os.getpid() and self.path == path:
            return self.connection  # None when it could not be opened: not tried again
        self.pid, self.path, self.connection = os.getpid(), path, None
        try:
            self.connection = _open(path)
        except sqlite3.OperationalError:  # locked by another process, unwritable, ...: not now
            self.connection = None
        except sqlite3.DatabaseError:  # not a database (any more): start an empty one
            try:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
                self.connection = _open(path)
            except (sqlite3.Error, OSError):
                self.connection = None
        except (sqlite3.Error, OSError):
            self.connection = None
        return self.connection


def _open(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Autocommit: every statement is its own transaction unless written in one explicitly.
    # `mkdocs serve` rebuilds in other threads than the first build: one connection, one lock.
    connection = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
    try:
        # A cache may lose its last writes in a power cut, never its consistency: no fsync.
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute(_SCHEMA)
    except sqlite3.Error:
        connection.close()
        raise
    return connection


_store = _Store()
_lock = threading.Lock()


def get(kind: str, entry: str) -> Any | None:
    with _lock:
        connection = _store.get()
        if connection is None:
            return None
        try:
            row = connection.execute(
                "SELECT value FROM entries WHERE kind = ? AND key = ?", (kind, entry)
            ).fetchone()
        except sqlite3.Error:
            return None
    try:
        return None if row is None else json.loads(row[0])
    except ValueError:
        return None


def put(kind: str, entry: str, value: Any) -> None:
    """Store one entry; a cache that cannot be written is simply not used."""
    put_many(kind, [(entry, value)])


def put_many(kind: str, entries: Iterable[tuple[str, Any]]) -> None:
    """Store entries in one transaction: all of them or, when writing fails, none."""
    rows = [(kind, entry, json.dumps(value, ensure_ascii=False)) for entry, value in entries]
    with _lock:
        connection = _store.get()
        if connection is None:
            return
        try:
            with connection:  # BEGIN ... COMMIT, or ROLLBACK on an error
                connection.execute("BEGIN")
                connection.executemany(
                    "INSERT OR REPLACE INTO entries (kind, key, value) VALUES (?, ?, ?)", rows
                )
        except sqlite3.Error:
            return


def project_key(root: Path, folders: Iterable[str]) -> str | None:
    """The key of a whole project's outcome: every file's path and bytes under `folders`.

    None (no cache) when a folder holds a symlink or anything but files and folders, or a card
    or data file over the loader's size limit: the full check reports those.
    """
    parts: list[bytes | str] = []
    try:
        for folder in folders:
            base = root / folder
            parts.append(f"folder:{folder}:{base.is_dir()}:{base.is_symlink()}")
            if base.is_symlink() or not base.is_dir():
                continue
            for path in sorted(base.rglob("*")):
                info = path.lstat()  # one call decides: folder, plain file, or neither
                if stat.S_ISDIR(info.st_mode):
                    parts.extend((b"dir", os.fsencode(path.relative_to(root))))
                    continue
                if not stat.S_ISREG(info.st_mode):  # a link or a special file
                    return None
                if folder in SMALL_FOLDERS and info.st_size > MAX_FILE_BYTES:
                    return None
                parts.extend((os.fsencode(path.relative_to(root)), path.read_bytes()))
    except OSError:
        return None
    return key("project", *parts)
