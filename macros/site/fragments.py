"""Large HTML fragments of the macros pages, kept out of Python-Markdown's way.

The overview macros (`home_overview`, `card_overview`, `agenda_overview`, …) return HTML of
every card: about 600 KB per page at 1,000 cards. Python-Markdown passes a raw HTML block
through unchanged, but it still parses all of it to find where the block ends, which cost half
a second per build. So the macro puts a short placeholder on its line instead, and the page's
HTML gets the fragment back in `on_page_content`, with the same bytes as before.

A placeholder carries a random token of this build, so no page text can name a fragment.
"""

from __future__ import annotations

import re
import secrets

from markupsafe import Markup


class Fragments:
    """The fragments of one build, each behind its own placeholder."""

    def __init__(self) -> None:
        self._token = secrets.token_hex(8)
        self._held: list[Markup] = []
        self._pattern = re.compile(rf'<div data-e071-fragment="{self._token}-(\d+)"></div>')

    def hold(self, html: Markup) -> Markup:
        """The placeholder of a block fragment (a macro alone on its line)."""
        self._held.append(html)
        return Markup(f'<div data-e071-fragment="{self._token}-{len(self._held) - 1}"></div>')

    def fill(self, html: str) -> str:
        """The page's HTML with every placeholder replaced by its fragment."""
        if self._token not in html:
            return html
        return self._pattern.sub(lambda match: self._held[int(match.group(1))], html)
