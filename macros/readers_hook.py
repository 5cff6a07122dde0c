"""MkDocs hook for what readers get beyond the pages: search and edit links. Thin, so it can join
the plugin class.

It adds the search filter values to each card page, runs Pagefind over the built site after every
build (`mkdocs serve` included, so search works without an extra step; see macros/search.py), and
drops the edit button on listing pages, whose lists live in cards and data files, not in the
page's own file.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from macros.hook import publication
from macros.partners import partner_index
from macros.search import SearchIndexError, card_filters, filter_markup, run_indexer

CARD_PAGES = "economie071-kaarten"  # page.meta["generated_by"] of a card page (macros/hook.py)


@event_priority(-50)  # after the card hook has rendered the page
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.meta.get("generated_by") != CARD_PAGES:
        return html
    pub = publication(config)
    card = pub.card(Path(page.file.src_uri).stem)
    if card is None:
        return html
    return html + filter_markup(card_filters(card, partner_index(pub)))


def on_post_build(config: MkDocsConfig) -> None:
    try:
        run_indexer(Path(config.site_dir))
    except SearchIndexError as error:
        raise PluginError(str(error)) from None


def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    if page.meta.get("listing") or page.meta.get("edit") is False:
        page.edit_url = None
    return context
