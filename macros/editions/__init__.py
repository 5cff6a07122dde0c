"""Published editions: their frozen records, the archive of them, and what changed between two.

Above the content layer: imports the model and the source reader, never MkDocs. Publishing
(which needs the loader and the PDF) lives in `macros.editions.publish`, imported on demand.
"""

from __future__ import annotations

from macros.editions.changes import EditionChanges, compare
from macros.editions.records import (
    ARCHIVE_DIR,
    RECORD_NAME,
    Archive,
    EditionRecord,
    EditionSnapshot,
    RecordCard,
    load_archive,
    snapshot_of,
)

__all__ = [
    "ARCHIVE_DIR",
    "RECORD_NAME",
    "Archive",
    "EditionChanges",
    "EditionRecord",
    "EditionSnapshot",
    "RecordCard",
    "compare",
    "load_archive",
    "snapshot_of",
]
