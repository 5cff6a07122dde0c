"""Our HTML fragments, rendered by a Jinja environment that escapes everything by default.

MkDocs' own theme environment does not autoescape, so card data never goes through it.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import nh3
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

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
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}


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


def _attribute_filter(element: str, attribute: str, value: str) -> str | None:
    """Images come from the site itself: a source elsewhere would let that site follow readers."""
    if element == "img" and attribute == "src" and is_external(value):
        return None
    return value


def sanitize_options() -> dict[str, Any]:
    """The nh3 settings of the card-body policy (macros.html_policy checks against the same)."""
    return {
        "tags": ALLOWED_TAGS,
        "attributes": ALLOWED_ATTRIBUTES,
        "url_schemes": URL_SCHEMES,
        "attribute_filter": _attribute_filter,
        "link_rel": "noopener noreferrer",
    }


def sanitize(html: str) -> Markup:
    """Card bodies may hold only harmless HTML: no scripts, handlers or dangerous URLs."""
    return Markup(nh3.clean(html, **sanitize_options()))
