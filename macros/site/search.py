"""The site search on the MkDocs side: filter values on card pages, the index after the build.

The plugin only calls these; what is filtered and how Pagefind runs is in macros/search.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from macros import formatting as fmt
from macros.model import Card
from macros.partners import partner_index
from macros.publication import Publication
from macros.search import SearchIndexError, card_filters, filter_markup
from macros.search_feed import PagefindFeed


def with_card_filters(html: str, card: Card, pub: Publication) -> str:
    """The card page's HTML plus its hidden filter values (category, partners named, editions)."""
    return html + filter_markup(card_filters(card, partner_index(pub), card_editions(card, pub)))


def card_editions(card: Card, pub: Publication) -> list[str]:
    """The editions a card is in, in the words its history uses: every published edition that
    holds it (under a former slug too) and the current one."""
    published = [record.date for record, _ in pub.archive.history(card.slug, list(card.formerly))]
    dates = sorted({*published, pub.edition.date})
    return [fmt.month_year(date) for date in dates]


def start_index(config: MkDocsConfig) -> PagefindFeed:
    """Pagefind, started before the first page is written, in `mkdocs build` and `serve` alike."""
    try:
        return PagefindFeed(Path(config.site_dir))
    except SearchIndexError as error:
        raise PluginError(str(error)) from None


def write_index(feed: PagefindFeed, meanwhile: Callable[[], None] | None = None) -> None:
    """The search index of the whole site, once every page is written; `meanwhile` (the PDF)
    runs while Pagefind writes it."""
    try:
        feed.write()
        if meanwhile is not None:
            meanwhile()
        feed.finish()
    except SearchIndexError as error:
        raise PluginError(str(error)) from None
    finally:
        feed.close()  # also when `meanwhile` failed: no Pagefind process outlives the build


def is_listing(page: Page) -> bool:
    """A page whose content lives in cards and data files (`listing: true` or `edit: false`):
    its own file is not what it shows, so it gets no edit button."""
    return bool(page.meta.get("listing")) or page.meta.get("edit") is False
