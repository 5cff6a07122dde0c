"""The card pages: one generated page per card under /projecten/<slug>/, rendered from the model."""

from __future__ import annotations

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from macros import views
from macros.body_check import rendered_problems
from macros.body_ids import scoped_anchor_ids, scoped_links
from macros.editions.views import card_history
from macros.model import Card
from macros.problems import ContentError
from macros.publication import Publication
from macros.render import render, sanitize
from macros.site.pages import add_generated_page, generated_slug

GENERATED_BY = "economie071-kaarten"


def add_card_pages(files: Files, config: MkDocsConfig, pub: Publication) -> None:
    for card in pub.cards:
        what = f"de kaart {card.source}"
        add_generated_page(
            files, config, f"projecten/{card.slug}.md", GENERATED_BY, what, card.body
        )


def card_of(page: Page, pub: Publication) -> Card | None:
    slug = generated_slug(page, GENERATED_BY)
    return pub.card(slug) if slug is not None else None


def card_markdown(card: Card, page: Page) -> str:
    """The card's body as the page's Markdown; title and description from the card's fields."""
    # Material prints the title unescaped (header, <title>, search index): give it HTML.
    page.meta["title"] = escape(card.title)
    page.meta["description"] = escape(card.summary)
    page.meta["card_category"] = card.category.value
    return card.body


def card_content(html: str, card: Card, page: Page, pub: Publication) -> str:
    """The whole card page around the sanitized body; sets the page's table of contents.

    `html` is MkDocs' render of the body, the only one of this build: its HTML check happens
    here (validation skipped it), and a card with disallowed HTML ends the build.
    """
    problems = rendered_problems(html, card.body, card.source, card.body_line)
    if problems:
        # PluginError ends the build with the editors' report and no traceback.
        raise PluginError("De kaarten bevatten fouten.\n" + ContentError(problems).report())
    root = views.root_prefix(page.url)
    previous, following = pub.neighbours(card.slug)
    view = views.card_page(card, pub, root)
    page.toc = card_toc(view, page.toc)
    page.present_anchor_ids = scoped_anchor_ids(page.present_anchor_ids)
    return render(
        "card.html",
        card=view,
        body=sanitize(html),
        previous=views.card_summary(previous, root) if previous else None,
        next=views.card_summary(following, root) if following else None,
        history=card_history(pub, card.slug, root),
    )


def card_toc(view: dict, body_toc: TableOfContents) -> TableOfContents:
    """The card's sections around the body's headings, in the order the page shows them."""
    sections = view["sections"]
    links = [AnchorLink(s.heading, s.anchor, 2) for s in sections if s.before_body]
    links += scoped_links(body_toc)
    links += [AnchorLink(s.heading, s.anchor, 2) for s in sections if not s.before_body]
    return TableOfContents(links)
