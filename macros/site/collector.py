"""Python's garbage collector during a build.

What a build reads first (the publication, MkDocs' pages and navigation) lives until the build
ends, yet every full collection walked all of it again: five of them cost 0.3 s of a
1,000-card build, against 0.04 s for plain Material. `gc.freeze` takes the objects alive at that
moment out of the collector's view; `thaw` gives them back when the build ends, so a
`mkdocs serve` session frees each build's objects as before.
"""

from __future__ import annotations

import gc


def freeze() -> None:
    """Leave the objects alive now out of the collections until `thaw`."""
    gc.freeze()


def thaw() -> None:
    gc.unfreeze()
