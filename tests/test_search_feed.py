"""The search index made while the site is written (macros/search_feed.py) against Pagefind's
own run over the finished site: the same pages, the same content, and Dutch errors."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from macros.search import INDEX_DIR, SearchIndexError, run_indexer
from macros.search_feed import PagefindFeed
from tests.search_index import search_fragments

from .conftest import build


def _bundle(site: Path) -> tuple[dict, set[str]]:
    entry = json.loads((site / INDEX_DIR / "pagefind-entry.json").read_text(encoding="utf-8"))
    fragments = {p.name for p in (site / INDEX_DIR / "fragment").glob("*.pf_fragment")}
    return entry["languages"], fragments


def test_the_build_indexes_what_pagefind_finds_in_the_finished_site(
    edition_site: Path, tmp_path: Path
) -> None:
    again = tmp_path / "site"
    shutil.copytree(edition_site, again, ignore=shutil.ignore_patterns(INDEX_DIR))
    run_indexer(again)  # `pagefind --site`, as every build did before
    languages, fragments = _bundle(edition_site)
    cli_languages, cli_fragments = _bundle(again)
    assert languages["nl"]["page_count"] == cli_languages["nl"]["page_count"]
    # Fragments are named after their content: the same names, the same indexed pages.
    assert fragments == cli_fragments
    assert sorted(f["url"] for f in search_fragments(edition_site)) == sorted(
        f["url"] for f in search_fragments(again)
    )


def test_pages_the_build_did_not_hand_over_are_read_from_disk(tmp_path: Path) -> None:
    site = tmp_path / "site"
    body = '<html lang="nl"><body><main data-pagefind-body><h1>{}</h1><p>{}</p></main></body>'
    (site / "gegeven").mkdir(parents=True)
    (site / "gegeven" / "index.html").write_text(body.format("Gegeven", "Windturbine"))
    (site / "los.html").write_text(body.format("Los", "Zonnepaneel"), encoding="utf-8")
    feed = PagefindFeed(site)
    feed.add("gegeven/index.html", body.format("Gegeven", "Windturbine"))
    feed.finish()
    found = {f["url"]: f["content"] for f in search_fragments(site)}
    assert set(found) == {"/gegeven/", "/los.html"}
    assert "Zonnepaneel" in found["/los.html"]


def test_a_failing_pagefind_is_a_dutch_message(tmp_path: Path, monkeypatch) -> None:
    # A "Pagefind" that stops at once, as a broken or missing binary would.
    monkeypatch.setattr("macros.search_feed.pagefind_binary", lambda: Path(shutil.which("false")))
    with pytest.raises(SearchIndexError, match="De zoekfunctie kan niet worden gemaakt"):
        PagefindFeed(tmp_path)


def test_every_file_of_the_bundle_is_complete_right_after_the_build(sample: Path) -> None:
    # Without the PDF nothing runs between the last page and the end of the build: the case in
    # which Pagefind 1.5.2's WriteFiles could leave a file empty (macros/search_feed.py).
    site = build(sample, pdf=False)
    bundle = site / INDEX_DIR
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["nl"]["page_count"] > 0
    packed = [p for p in bundle.rglob("*") if p.suffix.startswith(".pf_")]
    assert len(packed) > 3
    for path in packed:
        assert gzip.decompress(path.read_bytes()).startswith(b"pagefind_dcd"), path
