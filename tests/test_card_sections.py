"""Every field of a card reaches the reader: on the web page and in the PDF.

A fixture card fills every field of the model (walked with `macros.fields.walk`, so a field added
to the model without a value here fails); `shown.yaml` says what a reader sees of each.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from pydantic import Field

from macros import card_sections, views
from macros.fields import FIELDS, FieldText, walk
from macros.loader import load_publication
from macros.model import Card, CardFields
from macros.printing import card_html
from macros.render import render

from .conftest import FIXTURES, build, make_project, page

EVERY_FIELD = FIXTURES / "every-field"
SLUG = "alle-velden"


def _shown() -> dict[str, str | None]:
    return yaml.safe_load((EVERY_FIELD / "shown.yaml").read_text(encoding="utf-8"))


def _leaves() -> list[str]:
    """The path of every field that holds a value itself (not a group of fields)."""
    return [shape.path for shape in walk() if shape.model is None]


def _values(data: object, path: list[str]) -> list[object]:
    """The values at a dotted path of the card's front matter, through lists."""
    if isinstance(data, list):
        return [v for item in data for v in _values(item, path)]
    if not path:
        return [data]
    if not isinstance(data, dict) or path[0] not in data:
        return []
    return _values(data[path[0]], path[1:])


@pytest.fixture(scope="module")
def every_field_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("every-field") / "project", FIXTURES / "project")
    shutil.copy(EVERY_FIELD / f"{SLUG}.md", project / "cards" / f"{SLUG}.md")
    return build(project)


def _flat(text: str) -> str:
    """Text with hyphenated line ends joined and all white space single spaces."""
    text = re.sub(r"[-\u00ad\u2010]\n(?=[a-z])", "", text)
    return " ".join(text.split())


def _pdf_pages(site: Path) -> list[str]:
    if shutil.which("pdftotext") is None and os.environ.get("CI") != "true":
        pytest.skip("pdftotext ontbreekt (Debian: poppler-utils; .ci/run installeert het)")
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(site / "projectoverzicht.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split("\f")


def _card_pages(pages: list[str], title: str) -> tuple[int, str]:
    """(index of the card's first page among the card pages, the text of its pages)."""
    starts = [i for i, text in enumerate(pages) if text.lstrip().startswith("Projectkaart")]
    first = next(i for i in starts if title in _flat(pages[i]))
    end = next((i for i in starts if i > first), len(pages))
    return starts.index(first), _flat("\n".join(pages[first:end]))


def test_the_fixture_card_fills_every_field_and_says_how_each_is_shown() -> None:
    text = (EVERY_FIELD / f"{SLUG}.md").read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    CardFields.model_validate(front)
    empty = [path for path in _leaves() if not _values(front, path.split("."))]
    assert empty == [], f"{SLUG}.md laat deze velden leeg"
    assert sorted(_shown()) == sorted(_leaves())


def test_every_field_is_shown_on_the_web_page_and_in_the_pdf(every_field_site: Path) -> None:
    html = page(every_field_site, f"projecten/{SLUG}/index.html")
    card = html.select_one(".e071-card")
    hrefs = [a["href"] for a in card.select("a[href]")]
    web = _flat(card.get_text(" "))
    position, pdf = _card_pages(_pdf_pages(every_field_site), _shown()["title"] or "")
    missing_web = []
    missing_pdf = []
    for path, shown in _shown().items():
        if shown is None:
            continue
        if shown not in web and shown not in hrefs:
            missing_web.append(path)
        if shown not in pdf:
            missing_pdf.append(path)
    assert missing_web == []
    assert missing_pdf == []
    # The fields without text of their own have their effect.
    assert sorted(path for path, shown in _shown().items() if shown is None) == [
        "formerly",
        "order",
    ]
    # `order: 1` puts the card first: first on the overview, first card in the PDF.
    overview = page(every_field_site, "projecten/index.html")
    assert overview.select(".e071-tile__title a")[0]["href"].endswith(f"{SLUG}/")
    assert position == 0
    # `formerly`: the old address leads to the card.
    redirect = every_field_site / "projecten" / "alle-velden-oud" / "index.html"
    assert f"{SLUG}/" in redirect.read_text(encoding="utf-8")


def test_page_contents_follow_the_sections(every_field_site: Path) -> None:
    html = page(every_field_site, f"projecten/{SLUG}/index.html")
    toc = [
        (a["href"].removeprefix("#"), a.get_text(strip=True))
        for a in html.select(".md-sidebar--secondary .md-nav__link[href^='#']")
    ]
    headings = [
        (h2["id"], h2.get_text(strip=True).removesuffix("¶"))
        for h2 in html.select(".e071-card h2[id]")
    ]
    assert toc == headings
    labels = [FIELDS[key].heading or FIELDS[key].label for key in ("goal", "targets", "links")]
    assert {"Doel", "Doelen in cijfers", "Meer informatie"} == set(labels)
    assert all(label in dict(toc).values() for label in labels)


class _FundedFields(CardFields):
    funding: list[str] = Field(default_factory=list)


class _FundedCard(Card):
    funding: list[str] = Field(default_factory=list)


def test_a_new_field_is_shown_without_touching_a_template(monkeypatch) -> None:
    """The README's recipe for a new field: model and fields.py, no template. A field the card
    layout does not name is shown after the body, under its label, on the web and in print."""
    monkeypatch.setattr(card_sections, "CardFields", _FundedFields)
    monkeypatch.setitem(FIELDS, "funding", FieldText("Financiering", "Wie betaalt."))
    publication = load_publication(FIXTURES / "project")
    text = (EVERY_FIELD / f"{SLUG}.md").read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    card = _FundedCard.model_validate(
        {
            **front,
            "funding": ["Gemeente Leiden", "Provincie Zuid-Holland"],
            "slug": SLUG,
            "source": f"cards/{SLUG}.md",
        }
    )
    sections = card_sections.sections(card, publication, "")
    assert [s.key for s in sections] == [
        "goal",
        "targets",
        "milestones",
        "structure",
        "links",
        "funding",
    ]
    funding = sections[-1]
    assert (funding.heading, funding.anchor, funding.before_body) == (
        "Financiering",
        "financiering",
        False,
    )
    # Its section's id is reserved like the others': a card body cannot claim it.
    assert "financiering" in card_sections.section_anchors()
    view = views.card_page(card, publication, "")
    web = BeautifulSoup(
        render("card.html", card=view, body="", previous=None, next=None, history=None),
        "html.parser",
    )
    items = web.select_one("h2#financiering").find_next_sibling("ul").select("li")
    assert [li.get_text() for li in items] == ["Gemeente Leiden", "Provincie Zuid-Holland"]
    printed = BeautifulSoup(card_html(card, publication), "html.parser")
    section = printed.select_one("section.funding")
    assert section.h2.get_text() == "Financiering"
    assert [li.get_text() for li in section.select("li")] == [
        "Gemeente Leiden",
        "Provincie Zuid-Holland",
    ]
