"""The published editions on the website: `/edities/`, one page per edition, the frozen PDFs,
the Atom feed and the pages at the old addresses of renamed cards. Called from the kaarten plugin's events.

The PDFs are copied from editions/ as they are (never re-rendered); pages are generated
(`File.generated`), never written into docs/.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from macros import views
from macros.editions import views as edition_views
from macros.editions.feed import atom_feed
from macros.editions.records import EditionRecord
from macros.editions.renames import redirect_map
from macros.publication import Publication
from macros.render import render
from macros.site.pages import add_generated_page

GENERATED_BY = "economie071-edities"
ARCHIVE_PAGE = "edities/index.md"
ARCHIVE_TITLE = "Edities"


def add_redirect_pages(files: Files, config: MkDocsConfig, pub: Publication) -> None:
    """A Dutch page at each old address of a renamed card that sends the reader on to the card.

    The address is relative, so the site works under any path, and an `#anker` goes along.
    Called once the card pages are in `files`. Validation refuses an old name whose address a
    page of the site has (`formerly_problems`); the build never lets one replace a page either.
    """
    directory_urls = config.use_directory_urls
    taken = {file.dest_uri for file in files}
    for old, new in redirect_map(pub.cards).items():
        source = File(old, "", "", directory_urls)
        target = File(new, "", "", directory_urls)
        card = pub.card(Path(new).stem)
        if card is None or source.dest_uri in taken:
            raise PluginError(
                f"het oude adres /{source.url} kan niet naar {new} verwijzen: de site heeft daar "
                "al een pagina. Haal de naam weg uit 'formerly'"
            )
        url = posixpath.relpath(target.url, posixpath.dirname(source.dest_uri))
        url += "/" if target.url.endswith("/") else ""
        page = render("redirect.html", url=url, title=card.title, site_name=config.site_name)
        files.append(File.generated(config, source.dest_uri, content=page))
        taken.add(source.dest_uri)


def _page(files: Files, config: MkDocsConfig, src_uri: str, title: str) -> None:
    # Not in the sidebar: home and every page's footer link to /edities/.
    add_generated_page(files, config, src_uri, GENERATED_BY, "de edities", f"# {escape(title)}\n")


def add_files(files: Files, config: MkDocsConfig, pub: Publication) -> None:
    """The archive page, a page and the frozen PDF per edition, and the feed."""
    archive = pub.archive
    _page(files, config, ARCHIVE_PAGE, ARCHIVE_TITLE)
    for record in archive.records:
        _page(files, config, f"edities/{record.id}/index.md", record.title)
        uri = f"edities/{record.id}/{edition_views.pdf_name(record)}"
        files.append(File.generated(config, uri, abs_src_path=str(archive.pdf_path(record))))
    feed = atom_feed(archive, config.site_url or "", pub.edition.publisher, pub.edition.date)
    if files.get_file_from_path(edition_views.FEED_URI) is not None:
        raise PluginError(f"docs/{edition_views.FEED_URI} botst met de feed; verwijder het")
    files.append(File.generated(config, edition_views.FEED_URI, content=feed))


def _record_of(page: Page, pub: Publication) -> EditionRecord | None:
    return pub.archive.get(Path(page.file.src_uri).parent.name)


def page_markdown(page: Page, pub: Publication) -> None:
    """Title and description of the generated pages (escaped: Material prints them raw)."""
    if page.meta.get("generated_by") != GENERATED_BY:
        return
    if page.file.src_uri == ARCHIVE_PAGE:
        page.meta["title"] = ARCHIVE_TITLE
        page.meta["description"] = "Alle gepubliceerde edities van het Projectoverzicht."
        return
    record = _record_of(page, pub)
    if record is not None:
        page.meta["title"] = escape(record.title)
        page.meta["description"] = escape(f"{record.title}: de projectkaarten zoals gepubliceerd.")


def page_content(html: str, page: Page, pub: Publication) -> str:
    if page.meta.get("generated_by") != GENERATED_BY:
        return html
    root = views.root_prefix(page.url)
    if page.file.src_uri == ARCHIVE_PAGE:
        return Markup(html) + render(
            "editions/archive.html", archive=edition_views.archive_view(pub.archive, root)
        )
    record = _record_of(page, pub)
    if record is None:
        return html
    # The page's own heading is replaced by the template's: no contents entry may point at it.
    page.toc = TableOfContents([])
    return render("editions/edition.html", edition=edition_views.edition_view(record, pub, root))
