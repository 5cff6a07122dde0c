"""Ids in a card body live in the card's own namespace, out of reach of the theme and our pages.

The sanitizer (`macros.render.sanitize`) prefixes every id a body produces (heading anchors of
the toc extension, attr_list `{#id}`, raw HTML `id=`) and every in-page link to one. This module
moves the page's table of contents and MkDocs' list of anchors along, so the sidebar and the
anchor check follow the ids the page really has.
"""

from __future__ import annotations

from collections.abc import Iterable

from mkdocs.structure.toc import AnchorLink

from macros.render import BODY_ID_PREFIX


def scoped_links(links: Iterable[AnchorLink], prefix: str = BODY_ID_PREFIX) -> list[AnchorLink]:
    """Copies of the body's toc entries (and their children) pointing at the prefixed ids."""
    scoped = []
    for link in links:
        copy = AnchorLink(link.title, prefix + link.id, link.level)
        copy.children = scoped_links(link.children, prefix)
        scoped.append(copy)
    return scoped


def scoped_anchor_ids(ids: set[str] | None, prefix: str = BODY_ID_PREFIX) -> set[str]:
    """The anchors the page has after sanitizing; the originals stay valid for in-body links,
    which the sanitizer moves along."""
    ids = ids or set()
    return ids | {prefix + anchor for anchor in ids}
