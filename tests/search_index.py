"""Read the Pagefind index of a built site, as the search in the browser will see it."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from macros.search import INDEX_DIR
from macros.search_stable import SIGNATURE


def search_fragments(site: Path) -> list[dict]:
    """Every indexed page: url, content (plain text), meta (title) and filters."""
    fragments = []
    for path in sorted((site / INDEX_DIR / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(SIGNATURE), path
        fragments.append(json.loads(data[len(SIGNATURE) :]))
    return fragments
