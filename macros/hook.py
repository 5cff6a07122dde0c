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
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from macros import views
from macros.loader import load_publication_cached
from macros.model import Card
from macros.problems import ContentError
from macros.publication import Publication
from macros.render import render, sanitize

log = logging.getLogger("mkdocs.hooks.kaarten")
GENERATED_BY = "economie071-kaarten"


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def publication(config: MkDocsConfig) -> Publication:
    try:
        return load_publication_cached(project_root(config))
    except ContentError as error:
        # PluginError ends the build with this message and no traceback.
        raise PluginError("De kaarten bevatten fouten.\n" + error.report()) from None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    publication(config)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for card in publication(config).cards:
        src_uri = f"projecten/{card.slug}.md"
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(
                f"docs/{src_uri} bestaat al en botst met de kaart {card.source}; "
                "verwijder het bestand uit docs/"
            )
        # The body sits behind our own front matter, so a card can never set page meta.
        content = f"---\ngenerated_by: {GENERATED_BY}\n---\n\n{card.body}"
        generated = File.generated(
            config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV
        )
        files.append(generated)
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
    page.meta["title"] = card.title
    page.meta["description"] = escape(card.summary)
    page.meta["card_category"] = card.category.value
    return card.body


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    card = card_of(page, config)
    if card is None:
        return html
    pub = publication(config)
    root = views.root_prefix(page.url)
    previous, following = pub.neighbours(card.slug)
    view = views.card_page(card, pub, root)
    page.toc = card_toc(view, page.toc)
    return render(
        "card.html",
        card=view,
        body=sanitize(html),
        previous=views.card_summary(previous, root) if previous else None,
        next=views.card_summary(following, root) if following else None,
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
