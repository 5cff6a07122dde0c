"""Pagefind indexing while the site is being written, on the machine's second core.

Running the Pagefind program over the finished site (`search.run_indexer`) made every build wait
for it at the end: about a second per thousand cards. Pagefind also runs as a service that takes
pages one by one over its standard input (`pagefind --service`, the protocol of the `pagefind`
package's own Python API, whose client waits 0.1 s per answer and so cannot keep up with a
build). `PagefindFeed` speaks that protocol directly: the build hands each page over as it is
written, a writer thread sends it, and Pagefind indexes it in its own process while MkDocs
renders the next page. At the end the pages not handed over (the theme's 404 page, redirect
pages, copied HTML files) are added from disk, so Pagefind sees every HTML file of the site, as
with `--site`; then it returns the bundle (written here), which `search.stabilise_index` sorts.

Pages are indexed in the order the build writes them (MkDocs' file order, then the others by
path) rather than in the file system's directory order, so the index no longer depends on the
file system. No MkDocs import here.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import queue
import subprocess
import tempfile
import threading
from pathlib import Path, PurePosixPath
from typing import Any

from macros.search import (
    EXCLUDED,
    FAILED,
    INDEX_DIR,
    SearchIndexError,
    pagefind_binary,
    stabilise_index,
)

# Seconds to wait for Pagefind's bundle once every page is handed over.
WRITE_TIMEOUT = 300
_DONE = object()


def _message(message_id: int, payload: dict[str, Any]) -> bytes:
    """One request of Pagefind's service protocol: base64 of the JSON message, then a comma."""
    data = json.dumps({"message_id": message_id, "payload": payload}).encode("utf-8")
    return base64.b64encode(data) + b","


class PagefindFeed:
    """One Pagefind service for one build: `add` each written page, then `finish`."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir.resolve()
        self._added: set[str] = set()
        self._errors: list[str] = []
        self._answers: dict[int, dict[str, Any]] = {}
        self._answered = threading.Condition()
        self._last_id = 0
        self._stopped = False  # set when Pagefind's output ends: no answer will come any more
        self._outgoing: queue.Queue[Any] = queue.Queue()
        binary = pagefind_binary()
        # Pagefind's own messages, for the error report; a file, so a full pipe never blocks it.
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 (closed in close())
        try:
            self._process = subprocess.Popen(
                [str(binary), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._stderr,
                cwd=self.site_dir,
            )
        except OSError as error:
            self._stderr.close()
            raise SearchIndexError(f"{FAILED}: {error}") from error
        self._reader = threading.Thread(target=self._read, name="pagefind-reader", daemon=True)
        self._writer = threading.Thread(target=self._write, name="pagefind-writer", daemon=True)
        self._reader.start()
        self._writer.start()
        config = {"exclude_selectors": [EXCLUDED]}
        self._write_id: int | None = None
        try:
            answer = self._wait(self._send({"type": "NewIndex", "config": config}))
        except SearchIndexError:
            self.close()
            raise
        self._index_id = answer["index_id"]

    # --- the build's side --------------------------------------------------------------------

    def add(self, path: str, html: str) -> None:
        """Hand over the page written to `path` (relative to the site folder); never blocks."""
        self._added.add(path)
        payload = {"type": "AddFile", "index_id": self._index_id, "file_path": path}
        self._outgoing.put((self._next_id(), {**payload, "url": None, "file_contents": html}))

    def write(self) -> None:
        """Add the HTML files the build did not hand over and ask for the bundle; returns at
        once, so other work (the PDF) runs while Pagefind writes."""
        if self._write_id is not None:
            return
        for path in sorted(self.site_dir.rglob("*.html")):
            relative = path.relative_to(self.site_dir).as_posix()
            if relative.split("/", 1)[0] != INDEX_DIR and relative not in self._added:
                self.add(relative, path.read_text(encoding="utf-8", errors="replace"))
        # GetFiles, not WriteFiles: Pagefind 1.5.2 answers WriteFiles before its files are
        # flushed and exits at once when its input closes, which can leave a file empty
        # (upstream fix "flush output files before they drop", #1272, after 1.5.2). The bundle
        # comes back in the answer and is written here, completely, before the service stops.
        self._write_id = self._send({"type": "GetFiles", "index_id": self._index_id})

    def finish(self) -> None:
        """Wait for the bundle (asked for by `write`), stop the service, sort the bundle."""
        try:
            self.write()
            self._save(self._wait(self._write_id).get("files") or [])
            if self._errors:
                detail = "\n".join(self._errors)[-2000:]
                raise SearchIndexError(f"{FAILED} (pagefind):\n{detail}")
        finally:
            self.close()
        stabilise_index(self.site_dir)

    def _save(self, files: list[dict[str, Any]]) -> None:
        """Write the bundle Pagefind returned; a path leaving the bundle folder is refused."""
        if not files:
            raise SearchIndexError(f"{FAILED}: pagefind gaf geen bestanden terug")
        bundle = self.site_dir / INDEX_DIR
        targets = []
        for file in files:
            name = PurePosixPath(str(file.get("path", "")))
            if name.is_absolute() or not name.parts or {"..", "."} & set(name.parts):
                raise SearchIndexError(f"{FAILED}: onverwacht bestand {str(name)!r}")
            targets.append((bundle.joinpath(*name.parts), file.get("content", "")))
        for folder in sorted({target.parent for target, _ in targets}):
            folder.mkdir(parents=True, exist_ok=True)
        for target, content in targets:
            target.write_bytes(base64.b64decode(content))

    def close(self) -> None:
        """Stop the service (also after a failed build); safe to call more than once."""
        self._outgoing.put(_DONE)
        self._writer.join(timeout=WRITE_TIMEOUT)
        if self._process.poll() is None:
            if self._process.stdin and not self._process.stdin.closed:
                with contextlib.suppress(OSError):
                    self._process.stdin.close()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._reader.join(timeout=10)
        self._stderr.close()

    # --- the service's side ------------------------------------------------------------------

    def _next_id(self) -> int:
        self._last_id += 1
        return self._last_id

    def _send(self, payload: dict[str, Any]) -> int:
        """Queue `payload` after every page handed over so far; its answer comes with its id."""
        message_id = self._next_id()
        self._outgoing.put((message_id, payload))
        return message_id

    def _wait(self, message_id: int | None) -> dict[str, Any]:
        with self._answered:
            done = self._answered.wait_for(
                lambda: message_id in self._answers or self._stopped,
                timeout=WRITE_TIMEOUT,
            )
        answer = self._answers.get(message_id) if message_id is not None else None
        if not done or answer is None:
            raise SearchIndexError(f"{FAILED} (pagefind):\n{self._log()}")
        if answer.get("type") == "Error":
            raise SearchIndexError(f"{FAILED} (pagefind): {answer.get('message')}")
        return answer

    def _write(self) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        while (item := self._outgoing.get()) is not _DONE:
            try:
                stdin.write(_message(*item))
                stdin.flush()
            except (OSError, ValueError):  # the service has stopped; _request reports it
                return

    def _read(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        pending: list[bytes] = []  # pieces of an answer (the bundle is megabytes), not re-joined
        while chunk := os.read(stdout.fileno(), 1 << 16):  # what is there, b"" at the end
            *ends, rest = chunk.split(b",")
            for end in ends:
                self._receive(b"".join([*pending, end]))
                pending = []
            pending.append(rest)
        with self._answered:  # the service has stopped: wake anyone waiting for an answer
            self._stopped = True
            self._answered.notify_all()

    def _receive(self, raw: bytes) -> None:
        try:
            answer = json.loads(base64.b64decode(raw))
        except ValueError:
            self._errors.append(raw.decode("utf-8", "replace")[:200])
            return
        payload = answer.get("payload") or {}
        if payload.get("type") == "Error":
            self._errors.append(str(payload.get("message")))
        with self._answered:
            if answer.get("message_id") is not None:
                self._answers[answer["message_id"]] = payload
            self._answered.notify_all()

    def _log(self) -> str:
        self._stderr.seek(0)
        text = self._stderr.read().decode("utf-8", "replace").strip()
        return (text or "het programma stopte zonder melding")[-2000:]
