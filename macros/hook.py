"""MkDocs hook: turns the cards into pages. Thin: the model, loader and views do the work.

Registered in mkdocs.yml under `hooks:`; note that `mkdocs serve` does not reload this module.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urljoin

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from macros import views
from macros.body_check import rendered_problems
from macros.loader import load_publication_cached
from macros.model import Card
from macros.problems import ContentError
from macros.publication import Publication
from macros.render import render, sanitize
from macros.reproducible import pin_build_date, release_build_date
from macros.settings import PDF_NAME, pdf_enabled

log = logging.getLogger("mkdocs.hooks.kaarten")
GENERATED_BY = "economie071-kaarten"


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


_current: tuple[int, Publication] | None = None


def publication(config: MkDocsConfig) -> Publication:
    """The publication of this build: read in on_config, then looked up, never re-read per page."""
    global _current
    if _current is not None and _current[0] == id(config):
        return _current[1]
    try:
        pub = load_publication_cached(project_root(config))
    except ContentError as error:
        # PluginError ends the build with this message and no traceback.
        raise PluginError("De kaarten bevatten fouten.\n" + error.report()) from None
    _current = (id(config), pub)
    return pub


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    pub = publication(config)
    pin_build_date(project_root(config), pub.edition.date)
    return config


def add_generated_page(
    files: Files, config: MkDocsConfig, src_uri: str, generated_by: str, what: str, body: str = ""
) -> None:
    """Add a page that lives only in the build, refusing one that docs/ already has."""
    if files.get_file_from_path(src_uri) is not None:
        raise PluginError(
            f"docs/{src_uri} bestaat al en botst met {what}; verwijder het bestand uit docs/"
        )
    # The body sits behind our own front matter, so content can never set page meta.
    content = f"---\ngenerated_by: {generated_by}\n---\n\n{body}"
    files.append(
        File.generated(config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
    )


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for card in publication(config).cards:
        what = f"de kaart {card.source}"
        add_generated_page(
            files, config, f"projecten/{card.slug}.md", GENERATED_BY, what, card.body
        )
    return files


def card_of(page: Page, config: MkDocsConfig) -> Card | None:
    if page.meta.get("generated_by") != GENERATED_BY:
        return None
    slug = Path(page.file.src_uri).stem
    return publication(config).card(slug)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    card = card_of(page, config)
    if card is None:
        return markdown
    # Material prints the title unescaped (header, <title>, search index): give it HTML.
    page.meta["title"] = escape(card.title)
    page.meta["description"] = escape(card.summary)
    page.meta["card_category"] = card.category.value
    return card.body


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    card = card_of(page, config)
    if card is None:
        return html
    problems = rendered_problems(html, card.body, card.source, card.body_line)
    if problems:
        raise PluginError("De kaarten bevatten fouten.\n" + ContentError(problems).report())
    pub = publication(config)
    root = views.root_prefix(page.url)
    previous, following = pub.neighbours(card.slug)
    view = views.card_page(card, pub, root)
    page.toc = card_toc(view, page.toc)
    # A plain str: Material's search plugin parses the page, and slicing Markup is slow.
    return str(
        render(
            "card.html",
            card=view,
            body=sanitize(html),
            previous=views.card_summary(previous, root) if previous else None,
            next=views.card_summary(following, root) if following else None,
        )
    )


def card_toc(view: dict, body_toc: TableOfContents) -> TableOfContents:
    """The card's own sections around the body's headings, in the order the page shows them."""
    before = [("doel", "Doel")] if view["goal"] else []
    after = [
        (anchor, title)
        for anchor, title, present in (
            ("doelen-in-cijfers", "Doelen in cijfers", view["targets"]),
            ("mijlpalen", "Mijlpalen", view["milestones"]),
            ("projectstructuur", "Projectstructuur", view["structure"]),
            ("meer-informatie", "Meer informatie", view["links"]),
        )
        if present
    ]
    links = [AnchorLink(title, anchor, 2) for anchor, title in before]
    links += list(body_toc)
    links += [AnchorLink(title, anchor, 2) for anchor, title in after]
    return TableOfContents(links)


def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    card = card_of(page, config)
    if card is not None and config.repo_url and config.edit_uri:
        # The edit button opens the card itself, not a page under docs/.
        edit_base = config.edit_uri.rstrip("/").rsplit("/", 1)[0] + "/"
        page.edit_url = urljoin(urljoin(config.repo_url.rstrip("/") + "/", edit_base), card.source)
    return context


# --- the printed edition (issue #3) -----------------------------------------------------------

_command: str | None = None


def on_startup(*, command: str, dirty: bool) -> None:
    """Remember the command: `mkdocs serve` skips the PDF to stay fast."""
    global _command
    _command = command


@event_priority(-100)  # after every other plugin's post-build step, which may need the date
def on_post_build(config: MkDocsConfig) -> None:
    try:
        write_pdf(config)
    finally:
        release_build_date()


def on_build_error(error: Exception) -> None:
    release_build_date()


def write_pdf(config: MkDocsConfig) -> None:
    if _command == "serve" or not pdf_enabled():
        return
    from macros.pdf import PrintError, build_pdf

    target = Path(config.site_dir) / PDF_NAME
    try:
        build_pdf(project_root(config), target, publication(config))
    except ContentError as error:
        raise PluginError("De pdf is niet gemaakt.\n" + error.report()) from None
    except PrintError as error:
        raise PluginError(str(error)) from None
    log.info("De pdf van de editie staat in %s", target)
