"""The kaarten plugin: MkDocs events only; the modules beside it do the work.

One instance serves a whole `mkdocs serve` session (MkDocs keeps plugins that have
`on_startup`), so everything a build reads is reset in `on_config`: a rebuild never sees the
previous build's cards.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from macros.ci_log import guard_logging
from macros.problems import ContentError
from macros.publication import Publication
from macros.reproducible import pin_build_date, release_build_date
from macros.search_feed import PagefindFeed
from macros.settings import pdf_enabled
from macros.site import cards, collector, edition_pages, partner_pages, search, serve_errors
from macros.site.build_paths import refuse_unsafe_build
from macros.site.config import KaartenConfig
from macros.site.fragments import Fragments
from macros.site.pages import project_root, read_publication, source_edit_url
from macros.site.printed import write_pdf


class KaartenPlugin(BasePlugin[KaartenConfig]):
    """Cards, partner pages, agenda feed and PDF of the Economie071 Projectoverzicht."""

    def __init__(self) -> None:
        self.command: str | None = None
        self._publication: Publication | None = None
        self._pinned_date: str | None = None
        self._search: PagefindFeed | None = None  # Pagefind, fed each page as it is written
        self.fragments = Fragments()  # the macros' overview blocks, filled in after Markdown
        # While serving, content errors become a page in the browser instead of a failed build.
        self._serve_error: ContentError | None = None

    # --- state of the session and of one build ------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember the command: `mkdocs serve` skips the PDF to stay fast."""
        self.command = command

    def on_shutdown(self) -> None:
        self._stop_search()
        self.command = None

    @property
    def publication(self) -> Publication:
        """The publication of this build: read in on_config, then looked up, never per page."""
        if self._publication is None:
            raise PluginError("De kaarten zijn nog niet gelezen (on_config is niet aangeroepen).")
        return self._publication

    @property
    def makes_pdf(self) -> bool:
        """Whether a `mkdocs build` with these settings writes the PDF (and home links it)."""
        return self.config.pdf and pdf_enabled()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        guard_logging()  # MkDocs' warnings quote card links: keep them neutral in a CI log
        self._reset()
        # Before MkDocs cleans site_dir or walks docs_dir, and before the serve error page: a
        # symlink loop or a linked secret must stop the build, not become a page of it.
        refuse_unsafe_build(config)
        if self.command == "serve":
            self._serve_error = serve_errors.capture(config)
            if self._serve_error is not None:
                return config
        self._publication = read_publication(config)
        self._pinned_date = pin_build_date(project_root(config), self._publication.edition.date)
        collector.freeze()  # the publication stays until the build ends
        return config

    def _reset(self) -> None:
        collector.thaw()
        self._stop_search()
        self.fragments = Fragments()
        self._publication = None
        self._serve_error = None
        release_build_date(self._pinned_date)
        self._pinned_date = None

    # --- pages ----------------------------------------------------------------------------------

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self._serve_error is not None:
            return serve_errors.error_files(files, config, self._serve_error)
        pub = self.publication
        cards.add_card_pages(files, config, pub)
        partner_pages.add_cms_config(files, config)
        partner_pages.add_partner_pages(files, config, pub)
        partner_pages.add_agenda_feed(files, config, pub)
        edition_pages.add_files(files, config, pub)
        edition_pages.add_redirect_pages(files, config, pub)
        return files

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if self._serve_error is not None:
            return markdown
        if (card := cards.card_of(page, self.publication)) is not None:
            return cards.card_markdown(card, page)
        if (partner := partner_pages.partner_of(page, self.publication)) is not None:
            return partner_pages.partner_markdown(partner, page)
        edition_pages.page_markdown(page, self.publication)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self._serve_error is not None:
            return html
        if (card := cards.card_of(page, self.publication)) is not None:
            html = cards.card_content(html, card, page, self.publication)
            return search.with_card_filters(html, card, self.publication)
        if (partner := partner_pages.partner_of(page, self.publication)) is not None:
            return partner_pages.partner_content(partner, page, self.publication)
        html = self.fragments.fill(html)
        return edition_pages.page_content(html, page, self.publication)

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if self._serve_error is not None:
            return context
        # The edit button opens the file the page comes from, not a page under docs/.
        if (card := cards.card_of(page, self.publication)) is not None:
            page.edit_url = source_edit_url(config, card.source) or page.edit_url
        elif partner_pages.partner_of(page, self.publication) is not None:
            page.edit_url = source_edit_url(config, partner_pages.PARTNERS_SOURCE) or page.edit_url
        elif search.is_listing(page):
            page.edit_url = None
        return context

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Every page has been read: pages and navigation stay until the build ends."""
        collector.freeze()
        return env

    @event_priority(-100)  # after every other plugin: the page as it is written
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self._serve_error is None:
            if self._search is None:
                self._search = search.start_index(config)
            self._search.add(page.file.dest_uri, output)
        return output

    def _stop_search(self) -> None:
        if self._search is not None:
            self._search.close()
            self._search = None

    # --- the printed edition --------------------------------------------------------------------

    @event_priority(-100)  # after every other plugin's post-build step, which may need the date
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        try:
            if self._serve_error is not None:
                serve_errors.write_error_pages(config)
            else:
                feed, self._search = self._search or search.start_index(config), None
                search.write_index(feed, meanwhile=lambda: self._after_pages(config))
        finally:
            release_build_date(self._pinned_date)
            self._pinned_date = None
            collector.thaw()

    def _after_pages(self, config: MkDocsConfig) -> None:
        """Work that needs no page: done while Pagefind writes the index (another process)."""
        partner_pages.write_agenda_feed(config, self.publication)
        if self.command != "serve" and self.makes_pdf:
            write_pdf(config, self.publication)

    def on_build_error(self, *, error: Exception) -> None:
        collector.thaw()
        self._stop_search()
        release_build_date(self._pinned_date)
        self._pinned_date = None
