"""One reading order everywhere: the overview's, followed by "Volgende kaart" and the PDF."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from macros.pdf import build_pdf

from .conftest import build, page

# A completed project with the lowest `order`: ordering by `order` alone would put it first.
EARLY_COMPLETED = """\
---
title: Afgerond vooraan
category: completed
summary: Een afgerond project met een lage volgorde.
order: 1
---
Tekst.
"""


def _overview_order(site: Path) -> list[str]:
    overview = page(site, "projecten/index.html")
    return [link.get_text(strip=True) for link in overview.select(".e071-group h3 a")]


def _slug(href: str) -> str:
    return href.strip("/").split("/")[-1]


def _next_chain(site: Path, first_href: str) -> list[str]:
    """Follow "Volgende kaart" from the first card to the last, as a reader does."""
    titles = []
    slug = _slug(first_href)
    while True:
        card = page(site, f"projecten/{slug}/index.html")
        titles.append(card.h1.get_text(strip=True))
        following = card.select_one("a.e071-pager__next")
        if following is None or len(titles) > 10:
            return titles
        slug = _slug(following["href"])


def test_next_card_and_pdf_follow_the_overview(sample: Path) -> None:
    (sample / "cards" / "afgerond-vooraan.md").write_text(EARLY_COMPLETED, encoding="utf-8")
    site = build(sample)
    order = _overview_order(site)
    assert len(order) == 4
    assert order.index("Afgerond vooraan") > order.index("Alpha project"), order
    first = page(site, "projecten/index.html").select_one(".e071-group h3 a")["href"]
    assert _next_chain(site, first) == order
    # Backwards too: "Vorige kaart" is the card before it in the overview.
    added = page(site, "projecten/afgerond-vooraan/index.html")
    before = order[order.index("Afgerond vooraan") - 1]
    assert added.select_one("a.e071-pager__previous").get_text(" ", strip=True).endswith(before)

    target = sample.parent / "out" / "editie.pdf"
    build_pdf(sample, target)
    reader = PdfReader(target)
    starts = []
    for title in order:
        pages = [
            n
            for n, pdf_page in enumerate(reader.pages)
            if (pdf_page.extract_text() or "").splitlines()[:2] == ["Projectkaart", title]
        ]
        assert pages, title
        starts.append(pages[0])
    assert starts == sorted(starts), "the PDF has the cards in the overview's order"
