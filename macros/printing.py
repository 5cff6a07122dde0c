"""The printed edition as one HTML document, built from the model (not from the website's pages).

Chapters come from docs/<chapter>.md in the order of data/edition.yaml: their Markdown is rendered
with Python-Markdown after a sandboxed Jinja pass that knows only the chapter functions. Cards are
rendered from their fields; a card's text is never a template and its HTML is sanitized. Links
between pages become links inside the PDF; links to pages the print lacks are shown as plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import markdown
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from macros import formatting as fmt
from macros import views
from macros.chart import index_chart_svg
from macros.editions.views import whats_new_view
from macros.files import read_source
from macros.functions import bound
from macros.html_policy import MARKDOWN_EXTENSIONS
from macros.html_rewrite import rewrite_links, split_first_heading
from macros.loader import DOCS_DIR
from macros.model import CARDS_CHAPTER, Card
from macros.print_register import REGISTER_ANCHOR, REGISTER_TITLE, partner_register
from macros.print_text import keep_compounds
from macros.problems import ContentError, Problem
from macros.publication import Publication
from macros.render import environment, sanitize
from macros.source import SourceProblem, decode, parse_yaml, split_card
from macros.text import URL_PREFIXES

# The URL root the chapter functions get in print: links under it are resolved afterwards.
ROOT = "e071-print:/"
# The site's own Markdown extensions and settings (the ones card bodies are validated against),
# without toc: its permalinks would print as "¶" after every heading.
PRINT_EXTENSIONS = {name: cfg for name, cfg in MARKDOWN_EXTENSIONS.items() if name != "toc"}


def _to_html(text: str) -> str:
    return markdown.markdown(
        text, extensions=list(PRINT_EXTENSIONS), extension_configs=PRINT_EXTENSIONS
    )


CARDS_TITLE = "Projectkaarten"


@dataclass(frozen=True)
class Chapter:
    """One chapter of the print: its key in data/edition.yaml, its title and its HTML."""

    key: str
    title: str
    html: Markup

    @property
    def anchor(self) -> str:
        return chapter_anchor(self.key)


def chapter_anchor(key: str) -> str:
    return f"hoofdstuk-{key}"


def card_anchor(slug: str) -> str:
    return f"kaart-{slug}"


def body_id_prefix(slug: str) -> str:
    """The prefix of every id in one card's body: `kaart-<slug>--…` never equals one of the
    print's own anchors (`kaart-<slug>`, `hoofdstuk-<key>`, `inhoud`), as a slug has no `--`."""
    return f"{card_anchor(slug)}--"


@cache
def stylesheet() -> str:
    return files("macros").joinpath("templates/print/print.css").read_text(encoding="utf-8")


def read_chapter(root: Path, key: str, publication: Publication) -> Chapter:
    """Render docs/<key>.md for print; problems are reported like card problems."""
    rel = f"{DOCS_DIR}/{key}.md"
    try:
        text = decode(read_source(root / rel, rel), rel)
        meta: dict = {}
        body, body_line = text, 1
        if text.startswith("---"):
            front, first_line, body, body_line = split_card(text, rel)
            data = parse_yaml(front, rel, first_line).data
            meta = data if isinstance(data, dict) else {}
    except SourceProblem as error:
        raise ContentError([error.problem]) from None
    if meta.get("render_macros") is True:
        body = _render_macros(body, rel, body_line, publication)
    heading, html = split_first_heading(_to_html(body))
    title = heading or str(meta.get("title") or "").strip()
    return Chapter(key=key, title=title or key.capitalize(), html=Markup(html))


@cache
def _sandbox() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)


def _render_macros(body: str, rel: str, body_line: int, publication: Publication) -> str:
    """Evaluate the chapter's {{ function() }} calls; nothing else is reachable from the text."""
    try:
        template = _sandbox().from_string(body)
        return template.render(**bound(publication, ROOT))
    except TemplateSyntaxError as error:
        line = body_line + (error.lineno or 1) - 1
        raise ContentError(
            [Problem(rel, line, None, f"de opmaakcode klopt niet: {error.message}")]
        ) from None
    except TemplateError as error:
        raise ContentError(
            [
                Problem(
                    rel,
                    None,
                    None,
                    f"de opmaakcode kan niet worden uitgevoerd: {error.message}",
                )
            ]
        ) from None


def _render(template: str, **context) -> Markup:
    """Like render.render, but keeps blank lines: this HTML never passes through Markdown."""
    return Markup(environment().get_template(template).render(**context))


def card_html(card: Card, publication: Publication) -> Markup:
    """One card's print page: its Markdown body sanitized, its fields as the website shows them."""
    body = sanitize(_to_html(card.body), id_prefix=body_id_prefix(card.slug))
    return _render(
        "print/card.html",
        card=views.card_page(card, publication, ROOT, "print"),
        anchor=card_anchor(card.slug),
        body=body,
        chart=(
            Markup(index_chart_svg(publication.index, f"{card.slug}-grafiek", "DejaVu Sans"))
            if card.index071
            else None
        ),
    )


def link_targets(publication: Publication) -> dict[str, str]:
    """Site paths (without slashes) that have a place in the print, and their anchors."""
    targets = {
        key: chapter_anchor(key) for key in publication.edition.chapters if key != CARDS_CHAPTER
    }
    for card in publication.cards:
        targets[f"projecten/{card.slug}"] = card_anchor(card.slug)
    if publication.cards:
        targets["projecten"] = chapter_anchor(CARDS_CHAPTER)
    return targets


def print_href(href: str, targets: dict[str, str]) -> str | None:
    """Where a link goes in print: an anchor, the same web address, or None (show as text)."""
    if href.startswith(URL_PREFIXES):
        return href
    path = href.removeprefix(ROOT).split("#", 1)[0].split("?", 1)[0]
    parts = [p for p in path.split("/") if p not in ("", ".", "..")]
    if parts and parts[-1].endswith(".md"):
        parts[-1] = parts[-1].removesuffix(".md")
        if parts[-1] == "index":
            parts.pop()
    anchor = targets.get("/".join(parts))
    return f"#{anchor}" if anchor else None


def resolve_links(html: str, targets: dict[str, str]) -> Markup:
    """Links to pages in the print become links inside it; links to other pages become text."""
    return Markup(rewrite_links(html, lambda href: print_href(href, targets)))


def print_html(root: Path | str, publication: Publication) -> str:
    """The whole edition as one HTML document, ready for WeasyPrint."""
    root = Path(root)
    edition = publication.edition
    parts: list[dict[str, Any]] = []
    for key in edition.chapters:
        if key == CARDS_CHAPTER:
            cards = [
                {"anchor": card_anchor(c.slug), "title": c.title, "category": c.category.label}
                for c in publication.cards
            ]
            html = Markup("").join(card_html(c, publication) for c in publication.cards)
            parts.append(
                {
                    "kind": "cards",
                    "anchor": chapter_anchor(key),
                    "title": CARDS_TITLE,
                    "cards": cards,
                    "html": html,
                }
            )
        else:
            chapter = read_chapter(root, key, publication)
            parts.append(
                {
                    "kind": "chapter",
                    "key": key,
                    "anchor": chapter.anchor,
                    "title": chapter.title,
                    "html": chapter.html,
                }
            )
    targets = link_targets(publication)
    for part in parts:
        part["html"] = keep_compounds(resolve_links(part["html"], targets))
    changes = whats_new_view(publication, ROOT)
    changes_html = (
        keep_compounds(resolve_links(_render("print/changes.html", changes=changes), targets))
        if changes
        else None
    )
    name, number = re.fullmatch(r"(.*?)(\d*)", edition.publisher).groups()  # type: ignore[union-attr]
    return _render(
        "print/edition.html",
        title=f"{edition.publisher} {edition.title}",
        edition=edition,
        cover={
            "name": name,
            "number": number,
            "month": fmt.month_year(edition.date).removesuffix(str(edition.date.year)).strip(),
            "year": str(edition.date.year),
        },
        programme_period=views.programme_period(publication.programme),
        card_count=len(publication.cards),
        parts=parts,
        register={
            "anchor": REGISTER_ANCHOR,
            "title": REGISTER_TITLE,
            "partners": partner_register(publication, card_anchor),
        },
        changes=changes_html,
        css=Markup(stylesheet()),
    )
