"""Make Pagefind's output the same bytes for the same site, as the rest of the build is.

Pagefind 1.5 writes the values of each filter, and the filters in its metadata file, in the order
of a Rust hash map, which changes from run to run (upstream issue Pagefind/pagefind#638: its
fragments became stable in 1.3, its filter and metadata files did not). The content is the same,
so this module sorts them and names each rewritten file after its content again, as Pagefind does:

- `filter/<lang>_<hash>.pf_filter`: gzip of "pagefind_dcd" + CBOR
  [name, [[value, [page, ...]], ...]]
- `pagefind.<lang>_<hash>.pf_meta`: the same framing; item 3 lists [filter name, file hash]
- `pagefind-entry.json`: the metadata hash per language.

Anything else in a file that does not look like this is an error, never silently passed over.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"
FILTERS_ITEM = 3


class UnexpectedIndex(Exception):
    """Pagefind wrote something this module does not know; the message says which file."""


def _read(path: Path) -> object:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise UnexpectedIndex(f"{path.name}: onbekend formaat van pagefind")
    return cbor2.loads(data[len(SIGNATURE) :])


def _encode(value: object) -> bytes:
    # mtime=0: no timestamp in the gzip header, so equal content gives equal bytes.
    return gzip.compress(SIGNATURE + cbor2.dumps(value), compresslevel=9, mtime=0)


def _digest(data: bytes, length: int) -> str:
    return hashlib.sha256(data).hexdigest()[:length]


def _sorted_filter(value: object, path: Path) -> list:
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[1], list)):
        raise UnexpectedIndex(f"{path.name}: onbekende opbouw van een filter")
    name, entries = value
    return [name, sorted(([v, sorted(pages)] for v, pages in entries), key=lambda e: e[0])]


def stabilise(bundle: Path) -> None:
    """Rewrite the filter and metadata files of the Pagefind bundle in `bundle` in sorted order."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        if not (isinstance(meta, list) and len(meta) > FILTERS_ITEM):
            raise UnexpectedIndex(f"{meta_path.name}: onbekende opbouw")
        filters = []
        for name, old_hash in meta[FILTERS_ITEM]:
            old = bundle / "filter" / f"{old_hash}.pf_filter"
            data = _encode(_sorted_filter(_read(old), old))
            new_hash = f"{language}_{_digest(data, 7)}"
            old.unlink()
            (bundle / "filter" / f"{new_hash}.pf_filter").write_bytes(data)
            filters.append([name, new_hash])
        meta[FILTERS_ITEM] = sorted(filters)
        data = _encode(meta)
        new_meta = f"{language}_{_digest(data, 10)}"
        meta_path.unlink()
        (bundle / f"pagefind.{new_meta}.pf_meta").write_bytes(data)
        info["hash"] = new_meta
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")
