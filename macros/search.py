"""The site search: Pagefind's index of the built site, with filters by category and partner.

Pagefind reads each page as MkDocs writes it (`macros/search_feed.py`), stems Dutch words (the
pages say `lang="nl"`) and splits its index into small chunks that the browser fetches per query.
What it indexes is marked in the templates: `data-pagefind-body` on the page content
(overrides/main.html) and `data-pagefind-ignore` on lists that only repeat what the cards say
(overview tiles, partner lists, agenda), so a card ranks above the pages that list it.

Filters are written as hidden `data-pagefind-filter` elements on each card page. No MkDocs import
here. `run_indexer` runs Pagefind over a finished site (`--site`): the benchmark and the tests
compare the build's index with it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from markupsafe import Markup, escape

from macros.model import Card
from macros.partners import PartnerIndex
from macros.search_stable import UnexpectedIndex, stabilise

# Filter names as readers see them above the checkboxes (Dutch).
CATEGORY_FILTER = "Soort project"
PARTNER_FILTER = "Partner"
EDITION_FILTER = "Editie"
INDEX_DIR = "pagefind"
# Page furniture that is not content: heading permalinks, edit buttons, "back to" links.
EXCLUDED = ".headerlink, .md-content__button, .e071-card__back, .e071-search-filters"


FAILED = "De zoekfunctie kan niet worden gemaakt"


class SearchIndexError(Exception):
    """The search index could not be made; the message is for editors, in Dutch."""


def card_filters(
    card: Card, index: PartnerIndex, editions: list[str] | None = None
) -> dict[str, list[str]]:
    """The filter values of one card page: its category, every partner the card names
    (involved or only named, as on the partner pages: macros/partners.py) and the editions
    the card is in."""
    partners = sorted(index.partner_names.get(card.slug, {}).values(), key=str.casefold)
    filters = {CATEGORY_FILTER: [card.category.label], PARTNER_FILTER: partners}
    if editions:
        filters[EDITION_FILTER] = editions
    return filters


def filter_markup(filters: dict[str, list[str]]) -> Markup:
    """Hidden elements that tell Pagefind the filter values; every value escaped.

    The value goes in the element's text, not in the attribute, so a name with a colon or a
    comma stays one value.
    """
    spans = "".join(
        f'<span data-pagefind-filter="{escape(name)}">{escape(value)}</span>'
        for name, values in filters.items()
        for value in values
    )
    return Markup(f'<div class="e071-search-filters" hidden>{spans}</div>')


def pagefind_binary() -> Path:
    """The Pagefind program shipped by the `pagefind[bin]` package."""
    try:
        from pagefind_bin import get_executable  # type: ignore[import-untyped]
    except ImportError as error:
        raise SearchIndexError(
            "De zoekfunctie kan niet worden gemaakt: het pakket 'pagefind[bin]' ontbreekt. "
            "Installeer het project opnieuw met: pip install -e ."
        ) from error
    try:
        return Path(get_executable())
    except FileNotFoundError as error:
        raise SearchIndexError(
            f"De zoekfunctie kan niet worden gemaakt: het programma pagefind ontbreekt ({error})."
        ) from error


def indexer_command(site_dir: Path) -> list[str]:
    """Pagefind pointed at a built site (the build itself feeds it pages: search_feed.py)."""
    command = [str(pagefind_binary()), "--site", str(site_dir), "--output-subdir", INDEX_DIR]
    return [*command, "--exclude-selectors", EXCLUDED, "--quiet"]


def run_indexer(site_dir: Path) -> None:
    """Write the search index into `site_dir/pagefind/`; fail with a Dutch message."""
    command = indexer_command(site_dir)
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(f"{FAILED}: {error}") from error
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip()[-2000:]
        raise SearchIndexError(f"{FAILED} (pagefind):\n{detail}")
    stabilise_index(site_dir)


def stabilise_index(site_dir: Path) -> None:
    """Sort the bundle in `site_dir/pagefind/` (macros/search_stable.py); fail in Dutch."""
    try:
        stabilise(site_dir / INDEX_DIR)
    except (UnexpectedIndex, OSError, ValueError, KeyError) as error:
        raise SearchIndexError(f"{FAILED}: {error}") from error
