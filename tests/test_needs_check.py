"""The shortcut of validation: a body that `needs_check` passes really renders to nothing the
HTML check or the link check could refuse.

Validation skips the render of such bodies (issue #13), so this must hold for every body, not
only for the ones we thought of. Besides the hostile cases, thousands of bodies are put
together at random from Markdown's building blocks and rendered with the site's extensions:
each one the shortcut lets through must render clean. The test also counts both outcomes, so it
fails if the generator stops producing bodies of either kind.
"""

from __future__ import annotations

import random

import pytest

from macros.card_links import may_link, render_markdown
from macros.html_policy import check_html, needs_check
from macros.text import URL_SCHEMES
from macros.urls import url_scheme

from .test_html_policy import REFUSED

# Bodies whose render the HTML check refuses, beyond those of test_html_policy.REFUSED: level-one
# headings inside quotes and lists, and the classes of the TOC marker, admonitions and fences.
HOSTILE = [
    "> # Kop",
    "- # Kop",
    "1. #Kop",
    "#kop zonder spatie",
    "Kop\n===",
    "> Kop\n> ===",
    "[TOC]\n\n## Kop",
    "!!! onbekend\n    Tekst.",
    "[x](JAVASCRIPT:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x]( javascript:alert(1))",
    '[x](https://example.org "t>")',
    "[x][r]\n\n[r]: javascript:alert(1)",
    "![x](https://example.org/p.png)",
    "[x](andere-kaart.md)",
    "[x](#doel)",
    "## Kop {: .annotate }",
]

# Bodies rendered to be sure: harmless here, but the same markers can carry a refused class,
# attribute or entity (a fence's language, "<a" of raw HTML, "&#106;avascript:").
CHECKED_TO_BE_SURE = [
    "Inhoud:\n\n[toc]",
    "```onbekend\nx\n```",
    "~~~\nx\n~~~",
    "<https://example.org>",
    "Tom &amp; Jerry",
    "[x](https://example.org/(a))",
    "[x](https://example.org 'titel')",
]

# Building blocks of ordinary cards, and single characters that Markdown gives a meaning.
BLOCKS = [
    "Tekst met **vet**, *schuin* en `code`.",
    "- punt een\n- punt twee",
    "1. een\n2. twee",
    "3. drie\n4. vier",
    "> Een citaat.\n> Tweede regel.",
    "| a | b |\n|:--|--:|\n| 1 | 2 |",
    "## Doel",
    "### Project #3",
    "Project #3 loopt, prijs 5 = 5.",
    "Lees [meer](https://www.example.org/pad?a=1).",
    "Mail [ons](mailto:info@example.org).",
    "    ingesprongen code",
    "---",
    "Regel  \nbreuk",
    "Kop\n---",
    "\\*geen nadruk\\*",
    "***",
    "[niet gesloten",
    "voetnoot[^1]",
]
TOKENS = [
    "[", "]", "(", ")", "](", "https://example.org/a", "mailto:a@example.org", "javascript:x",
    "andere.md", "#", "##", "=", "==", "-", "*", "**", ">", "!", "`", "```", "~", "\n", "\n\n",
    " ", "    ", "x", "TOC", '"', "'", ":", "|", "1.", "_", "\\", "{", "<", "&", ".",
]  # fmt: skip


def _safe(body: str) -> None:
    html, ids, links = render_markdown(body)
    checked = check_html(html)
    assert checked.findings == [], (body, html, checked.findings)
    for _tag, url in [*links, *checked.links]:
        # Other sites only, and the permalinks toc adds to the body's own headings.
        assert url_scheme(url) in URL_SCHEMES or url[1:] in ids, (body, url)
    assert not may_link(body), body


@pytest.mark.parametrize("body", [*HOSTILE, *CHECKED_TO_BE_SURE, *REFUSED])
def test_what_the_checks_refuse_is_always_rendered(body: str) -> None:
    assert needs_check(body), body


def test_the_hostile_bodies_are_really_refused_or_linked() -> None:
    # Guards the list above: each case is one the render-based checks do care about.
    for body in HOSTILE:
        html, _ids, links = render_markdown(body)
        relative = [url for _tag, url in links if url_scheme(url) is None]
        assert check_html(html).findings or relative or may_link(body), body


def test_random_bodies_that_skip_the_render_render_clean() -> None:
    rng = random.Random(13)
    skipped = refused = 0
    for _ in range(1500):
        body = "\n\n".join(rng.choice(BLOCKS) for _ in range(rng.randint(1, 6)))
        if rng.random() < 0.5:
            body = rng.choice(["", "\n", " ", "> ", "- "]).join([body, rng.choice(BLOCKS)])
        if not needs_check(body):
            skipped += 1
            _safe(body)
    for _ in range(2500):
        body = "".join(rng.choice(TOKENS) for _ in range(rng.randint(3, 30)))
        if not needs_check(body):
            skipped += 1
            _safe(body)
        elif check_html(render_markdown(body)[0]).findings:
            refused += 1
    assert skipped > 1000 and refused > 50, (skipped, refused)
