"""Ids in a card body stay out of reach of the theme and of the card page's own sections.

The sanitizer (`macros.render.sanitize`) moves every id a body produces (heading anchors of the
toc extension, attr_list `{#id}`, raw HTML `id=`) that the theme or the card template could use
into the namespace `tekst-` (`macros.render.body_id`), and every in-page link with it. This
module moves the page's table of contents and MkDocs' list of anchors along, so the sidebar and
the anchor check follow the ids the page really has.
"""

from __future__ import annotations

from collections.abc import Iterable

from mkdocs.structure.toc import AnchorLink

from macros.render import BODY_ID_PREFIX, body_id


def scoped_links(links: Iterable[AnchorLink], prefix: str = BODY_ID_PREFIX) -> list[AnchorLink]:
    """Copies of the body's toc entries (and their children) pointing at the prefixed ids."""
    scoped = []
    for link in links:
        copy = AnchorLink(link.title, body_id(link.id, prefix), link.level)
        copy.children = scoped_links(link.children, prefix)
        scoped.append(copy)
    return scoped


def scoped_anchor_ids(ids: set[str] | None, prefix: str = BODY_ID_PREFIX) -> set[str]:
    """The anchors the page has after sanitizing; the originals stay valid for in-body links,
    which the sanitizer moves along."""
    ids = ids or set()
    return ids | {body_id(anchor, prefix) for anchor in ids}
