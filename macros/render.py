"""Our HTML fragments, rendered by a Jinja environment that escapes everything by default.

MkDocs' own theme environment does not autoescape, so card data never goes through it.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import nh3
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from macros.text import URL_SCHEMES
from macros.urls import is_external

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
# `id` is allowed everywhere but always rewritten into the card's own namespace (BODY_ID_PREFIX);
# `title` only where Markdown writes one (link and image titles) and on <abbr>, and never with
# markup in it: Material's tooltips insert a title as HTML. `class` only from CLASSES.
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "lang"},
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height", "title"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
}

# The classes the site's Markdown extensions write (admonitions, permalinks, fenced code). Any
# other class could dress card text up as the theme (`md-…`, `e071-…`) or wake the theme's
# JavaScript (`annotate`, `mermaid`, `tabbed-set`, …), so none is allowed.
ADMONITION_TYPES = frozenset(
    [
        "note",
        "abstract",
        "summary",
        "tldr",
        "info",
        "todo",
        "tip",
        "hint",
        "important",
        "success",
        "check",
        "done",
        "question",
        "help",
        "faq",
        "warning",
        "caution",
        "attention",
        "failure",
        "fail",
        "missing",
        "danger",
        "error",
        "bug",
        "example",
        "quote",
        "cite",
    ]
)
CLASSES = frozenset({"admonition", "admonition-title", "headerlink"}) | ADMONITION_TYPES
LANGUAGE_CLASS = re.compile(r"language-[a-z0-9]+(?:[+#.-][a-z0-9]+)*")
# The id of the card page's section listing the editions the card was in (editions/history.html).
HISTORY_ID = "in-de-edities"
BODY_ID_PREFIX = "tekst-"
PLAIN_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
# Characters that would make a title attribute HTML where the theme inserts it as such.
MARKUP_CHARACTERS = frozenset("<>")


@cache
def template_ids() -> frozenset[str]:
    """Ids a card body may not keep on the website: those of the card template's own sections,
    derived from the card's layout so that a field added later is covered too. Every id the
    theme uses begins with "__" (`__config`, `__search`, `__drawer`, `__nav_2`, …) and fails
    PLAIN_ID. Such ids, and ids already in the namespace, get BODY_ID_PREFIX; in print every
    body id gets `kaart-<slug>--`, out of reach of the print's anchors."""
    # Imported here: the card layout brings babel, which `kaarten validate` does not need.
    from macros.card_sections import section_anchors

    return section_anchors() | {HISTORY_ID}


def body_id(value: str, prefix: str = BODY_ID_PREFIX) -> str:
    """The id a card body's `value` becomes: kept when plain and free on the card page (so links
    to a heading of the card keep working), else moved into the namespace `prefix`."""
    if prefix != BODY_ID_PREFIX:  # print: always in the card's own namespace
        return prefix + value
    free = PLAIN_ID.fullmatch(value) and value not in template_ids()
    return value if free and not value.startswith(BODY_ID_PREFIX) else prefix + value


def allowed_class(name: str) -> bool:
    return name in CLASSES or LANGUAGE_CLASS.fullmatch(name) is not None


def allowed_title(value: str) -> bool:
    return not MARKUP_CHARACTERS.intersection(value)


@cache
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("macros", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(template: str, **context: Any) -> Markup:
    """Render one fragment; the result is compact HTML safe to place in a page."""
    html = environment().get_template(template).render(**context)
    # Python-Markdown ends a raw HTML block at a blank line: keep fragments free of them.
    return Markup("\n".join(line for line in html.splitlines() if line.strip()))


def _attribute_filter(
    element: str, attribute: str, value: str, id_prefix: str = BODY_ID_PREFIX
) -> str | None:
    """Images come from the site itself (a source elsewhere would let that site follow readers);
    ids and in-page links move into the card's namespace; titles carry no markup; classes come
    from CLASSES."""
    if element == "img" and attribute == "src" and is_external(value):
        return None
    if attribute == "id":
        return body_id(value, id_prefix)
    if attribute == "href" and value.startswith("#") and len(value) > 1:
        # A link copied from the site (`#tekst-mijlpalen`) already carries the prefix.
        fragment = value[1:]
        if id_prefix == BODY_ID_PREFIX and fragment.startswith(BODY_ID_PREFIX):
            return value
        return "#" + body_id(fragment, id_prefix)
    if attribute == "title":
        return value if allowed_title(value) else None
    if attribute == "class":
        kept = [name for name in value.split() if allowed_class(name)]
        return " ".join(kept) or None
    return value


def sanitize_options(id_prefix: str = BODY_ID_PREFIX) -> dict[str, Any]:
    """The nh3 settings of the card-body policy (macros.html_policy checks against the same)."""

    def attribute_filter(element: str, attribute: str, value: str) -> str | None:
        return _attribute_filter(element, attribute, value, id_prefix)

    return {
        "tags": ALLOWED_TAGS,
        "attributes": ALLOWED_ATTRIBUTES,
        "url_schemes": URL_SCHEMES,
        "attribute_filter": attribute_filter,
        "link_rel": "noopener noreferrer",
    }


def sanitize(html: str, id_prefix: str = BODY_ID_PREFIX) -> Markup:
    """Card bodies may hold only harmless HTML: no scripts, handlers or dangerous URLs, and no id
    the theme or the card page uses (see `body_id`)."""
    return Markup(nh3.clean(html, **sanitize_options(id_prefix)))
