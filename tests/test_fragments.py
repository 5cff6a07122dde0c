"""Overview blocks that skip Python-Markdown (macros/site/fragments.py): every placeholder is
filled, every card is on the overview pages, and page text cannot name a fragment."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from macros.loader import load_publication
from macros.site.fragments import Fragments

from .conftest import page


def test_overview_pages_hold_every_card_and_no_placeholder(sample_site: Path) -> None:
    pub = load_publication(sample_site.parent)
    for path in sample_site.rglob("*.html"):
        assert "data-e071-fragment" not in path.read_text(encoding="utf-8"), path
    for overview in ("index.html", "projecten/index.html"):
        links = {a["href"] for a in page(sample_site, overview).select(".e071-tile__title a")}
        assert {href.rstrip("/").rsplit("/", 1)[-1] for href in links} == {
            card.slug for card in pub.cards
        }, overview
    events = page(sample_site, "agenda/index.html").get_text(" ", strip=True)
    for card in pub.cards:
        for milestone in card.milestones:
            assert milestone.title in events


def test_a_placeholder_written_in_a_page_is_left_alone() -> None:
    fragments = Fragments()
    held = fragments.hold(Markup('<div class="e071-overview">\n<p>Alle projecten</p>\n</div>'))
    forged = '<div data-e071-fragment="0000000000000000-0"></div>'
    filled = fragments.fill(f"<p>Voor</p>\n{held}\n{forged}")
    assert '<div class="e071-overview">\n<p>Alle projecten</p>\n</div>' in filled
    assert forged in filled and str(held) not in filled
