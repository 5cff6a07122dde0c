"""The site search on the MkDocs side: filter values on card pages, the index after the build.

The plugin only calls these; what is filtered and how Pagefind runs is in macros/search.py.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from macros.model import Card
from macros.partners import partner_index
from macros.publication import Publication
from macros.search import SearchIndexError, card_filters, filter_markup, run_indexer


def with_card_filters(html: str, card: Card, pub: Publication) -> str:
    """The card page's HTML plus its hidden filter values (category, partners named)."""
    return html + filter_markup(card_filters(card, partner_index(pub)))


def write_index(config: MkDocsConfig) -> None:
    """Pagefind over the built site, in `mkdocs build` and `mkdocs serve` alike."""
    try:
        run_indexer(Path(config.site_dir))
    except SearchIndexError as error:
        raise PluginError(str(error)) from None


def is_listing(page: Page) -> bool:
    """A page whose content lives in cards and data files (`listing: true` or `edit: false`):
    its own file is not what it shows, so it gets no edit button."""
    return bool(page.meta.get("listing")) or page.meta.get("edit") is False
