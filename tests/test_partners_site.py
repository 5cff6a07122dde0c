"""Partner pages, the agenda and its iCalendar feed, the Index chart and sharing tags: pure
functions first, then whole builds of the sample project that change a card and look again."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import pytest

from macros.agenda import agenda_items, build_date, split
from macros.chart import index_chart_svg, nice_step
from macros.ical import agenda_ics, stamp
from macros.loader import load_publication
from macros.model import Index071
from macros.partners import build_index, name_pattern
from macros.problems import ContentError

from .conftest import FIXTURES, build, edit, page

SVG = "{http://www.w3.org/2000/svg}"


# --- pure functions ----------------------------------------------------------------------------


def test_partner_names_match_whole_words_only_and_ignore_case() -> None:
    pattern = name_pattern(["gemeente Leiden", "Leiden", "VNO-NCW Rijnland"])
    text = "VNO-NCW RIJNLAND, de gemeente leiden, Leiden; niet Leidenaar, Leiderdorp of Oud-Leidens"
    assert [m.group(0) for m in pattern.finditer(text)] == [
        "VNO-NCW RIJNLAND",
        "gemeente leiden",
        "Leiden",
    ]
    assert name_pattern([]) is None


def test_partner_index_uses_partners_and_structure_text() -> None:
    publication = load_publication(FIXTURES / "project")
    index = build_index(publication)
    # Alpha names the municipality in `partners`; Beta only in its structure text ("Leiden").
    assert [c.slug for c in index.cards_of("gemeente-leiden")] == ["beta-project", "alpha-project"]
    assert [c.slug for c in index.cards_of("vno-ncw-rijnland")] == ["beta-project"]
    assert index.cards_of("hogeschool-leiden") == ()
    segments = index.segments("VNO-NCW Rijnland en Leiden.")
    assert [(s.text, s.partner.slug if s.partner else None) for s in segments] == [
        ("VNO-NCW Rijnland", "vno-ncw-rijnland"),
        (" en ", None),
        ("Leiden", "gemeente-leiden"),
        (".", None),
    ]


def test_agenda_merges_milestones_and_events_in_date_order() -> None:
    items = agenda_items(load_publication(FIXTURES / "project"))
    assert [(i.date.isoformat(), i.title, i.card or i.page) for i in items] == [
        ("2023-04-05", "Strategiesessie", "programma"),
        ("2023-07-03", "Stuurgroep besluit over de opdracht", "alpha-project"),
        ("2023-09-14", "Start van Beta", "beta-project"),
        ("2023-11-22", "Ondernemen in 071", None),
    ]
    upcoming, past = split(items, dt.date(2023, 9, 14))
    assert [i.title for i in upcoming] == ["Start van Beta", "Ondernemen in 071"]
    assert [i.title for i in past] == ["Stuurgroep besluit over de opdracht", "Strategiesessie"]


def test_build_date_honours_source_date_epoch() -> None:
    assert build_date({"SOURCE_DATE_EPOCH": "1700000000"}) == dt.date(2023, 11, 14)
    assert build_date({}) == dt.date.today()
    with pytest.raises(ValueError, match="geen geldig aantal seconden"):
        build_date({"SOURCE_DATE_EPOCH": "gisteren"})
    assert stamp(dt.date(2023, 6, 1), {}) == dt.datetime(2023, 6, 1, tzinfo=dt.UTC)
    assert stamp(dt.date(2023, 6, 1), {"SOURCE_DATE_EPOCH": "1700000000"}).year == 2023


def test_ics_feed_is_valid_and_reproducible() -> None:
    publication = load_publication(FIXTURES / "project")
    items = agenda_items(publication)
    when = dt.datetime(2023, 6, 1, tzinfo=dt.UTC)
    feed = agenda_ics(items, calendar_name="Test", site_url="https://e.example/site/", dtstamp=when)
    again = agenda_ics(
        items, calendar_name="Test", site_url="https://e.example/site/", dtstamp=when
    )
    assert feed == again
    assert b"\r\n" in feed
    calendar = icalendar.Calendar.from_ical(feed)
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    events = calendar.walk("VEVENT")
    assert len(events) == len(items)
    beta = next(e for e in events if str(e["SUMMARY"]) == "Start van Beta")
    assert beta.decoded("DTSTART") == dt.date(2023, 9, 14)
    assert beta.decoded("DTEND") == dt.date(2023, 9, 15)
    assert str(beta["UID"]) == "kaart-beta-project-2023-09-14@e.example"
    assert str(beta["URL"]) == "https://e.example/site/projecten/beta-project/"
    assert "Project: Beta project" in str(beta["DESCRIPTION"])
    assert all(e.decoded("DTSTAMP") == when for e in events)
    assert len({str(e["UID"]) for e in events}) == len(events)


def _index(scores: list[int], base: int = 100) -> Index071:
    return Index071(
        base_year=2016,
        base_value=base,
        parameters=29,
        baskets=["a"],
        editions=[{"edition": f"{2020 + i}-{2021 + i}", "score": s} for i, s in enumerate(scores)],
    )


def test_chart_is_accessible_svg_with_one_bar_per_edition() -> None:
    svg = index_chart_svg(_index([104, 110, 113]))
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    desc = root.find(f"{SVG}desc")
    assert desc.get("id") == desc_id
    assert "editie 2022-2023: 113" in desc.text and "+13 punten" in desc.text
    assert len(root.findall(f".//{SVG}rect")) == 3
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert {"104", "110", "113", "2020-2021", "2022-2023"} <= set(labels)
    # Bars grow upwards from the base line: a higher score gives a taller bar.
    heights = [float(r.get("height")) for r in root.iter(f"{SVG}rect")]
    assert heights[0] < heights[1] < heights[2]


def test_chart_value_axis_starts_at_zero_with_the_base_year_labelled() -> None:
    """Bars measure from 0: a score of 103 is drawn 3 % taller than 100, not twice as tall."""
    root = ET.fromstring(index_chart_svg(_index([100, 103])))
    heights = [float(r.get("height")) for r in root.iter(f"{SVG}rect")]
    assert heights[1] / heights[0] == pytest.approx(103 / 100, rel=0.01)
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert "0" in labels and "basisjaar 2016 = 100" in labels


def test_chart_handles_scores_below_the_base_and_escapes_text() -> None:
    index = _index([96, 103]).model_copy(update={"name": "Index <071> & co"})
    svg = index_chart_svg(index)
    assert "<071>" not in svg and "Index &lt;071&gt; &amp; co" in svg
    ET.fromstring(svg)  # still well-formed
    assert nice_step(13) == 5 and nice_step(0.5) == 1 and nice_step(300) == 100


# --- data validation ---------------------------------------------------------------------------


def test_events_must_point_at_an_existing_card_or_chapter(sample: Path) -> None:
    (sample / "data" / "events.yaml").write_text(
        "events:\n"
        "  - {date: 2023-11-22, title: Ondernemen in 071, card: alpha-projct}\n"
        "  - {date: 2023-12-01, title: Borrel, page: nergens}\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as raised:
        load_publication(sample)
    report = str(raised.value)
    assert "data/events.yaml, regel 2, events[1].card: er is geen kaart cards/alpha-projct.md" in (
        report
    )
    assert "bedoelde je 'alpha-project'?" in report
    assert "data/events.yaml, regel 3, events[2].page: het hoofdstuk 'nergens' bestaat niet" in (
        report
    )
    (sample / "data" / "events.yaml").write_text(
        "events:\n  - {date: morgen, title: Fout, card: alpha-project, page: programma}\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as raised:
        load_publication(sample)
    report = str(raised.value)
    assert "data/events.yaml, regel 2, events[1].date: moet een datum zijn" in report


def test_events_file_is_optional(sample: Path) -> None:
    (sample / "data" / "events.yaml").unlink()
    assert load_publication(sample).events.events == []
    site = build(sample, pdf=False)
    assert "Strategiesessie" not in page(site, "agenda/index.html").get_text()


# --- whole builds ------------------------------------------------------------------------------


def _card_slugs(html) -> list[str]:
    return [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in html.select(".e071-grid h3 a")]


def test_partner_pages_follow_the_cards(sample: Path) -> None:
    site = build(sample, pdf=False)
    overview = page(site, "partners/index.html")
    groups = [
        (s.h2.get_text(strip=True), [a.get_text(strip=True) for a in s.select("li a")])
        for s in overview.select(".e071-partner-group")
    ]
    assert groups == [
        ("Gemeenten", ["gemeente Leiden"]),
        ("Ondernemers", ["VNO-NCW Rijnland"]),
        ("Onderwijs en kennis", ["Hogeschool Leiden"]),
    ]
    leiden = page(site, "partners/gemeente-leiden/index.html")
    assert leiden.select_one("h1").get_text() == "gemeente Leiden"
    assert _card_slugs(leiden) == ["beta-project", "alpha-project"]
    assert leiden.select_one(".e071-badge--new").get_text(" ", strip=True).endswith("Nieuw project")
    assert "nog niet genoemd" in page(site, "partners/hogeschool-leiden/index.html").get_text()
    # Partner names on a card page link to the partner's page.
    alpha = page(site, "projecten/alpha-project/index.html")
    link = alpha.select_one('.e071-facts a[href$="partners/gemeente-leiden/"]')
    assert link.get_text() == "gemeente Leiden"
    beta = page(site, "projecten/beta-project/index.html")
    assert [a.get_text() for a in beta.select(".e071-structure a")] == [
        "VNO-NCW Rijnland",
        "Leiden",
    ]

    # The Hogeschool joins Alpha, Beta leaves the municipality: the pages follow.
    alpha_file = sample / "cards" / "alpha-project.md"
    edit(alpha_file, "  - Gemeente Leiden\n", "  - Gemeente Leiden\n  - hogeschool leiden\n")
    beta_file = sample / "cards" / "beta-project.md"
    edit(beta_file, "de gemeenten Leiden en Katwijk", "Katwijk")
    site = build(sample, pdf=False)
    assert _card_slugs(page(site, "partners/hogeschool-leiden/index.html")) == ["alpha-project"]
    assert _card_slugs(page(site, "partners/gemeente-leiden/index.html")) == ["alpha-project"]
    assert "1 project" in page(site, "partners/index.html").get_text()


def test_agenda_follows_the_milestones_and_the_build_date(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1693526400")  # 1 September 2023
    site = build(sample, pdf=False)
    agenda = page(site, "agenda/index.html")

    def titles(section: str) -> list[str]:
        heading = agenda.select_one(f"h2#{section}")
        listing = heading.find_next_sibling()
        return [p.get_text(strip=True) for p in listing.select(".e071-agenda__title")]

    assert titles("binnenkort") == ["Start van Beta", "Ondernemen in 071"]
    assert titles("geweest") == ["Stuurgroep besluit over de opdracht", "Strategiesessie"]
    beta = agenda.select_one('.e071-agenda__title a[href$="projecten/beta-project/"]')
    assert beta.get_text() == "Start van Beta"
    assert agenda.select_one('a[href="../agenda.ics"]') is not None
    feed = icalendar.Calendar.from_ical((site / "agenda.ics").read_bytes())
    summaries = sorted(str(e["SUMMARY"]) for e in feed.walk("VEVENT"))
    assert summaries == [
        "Ondernemen in 071",
        "Start van Beta",
        "Strategiesessie",
        "Stuurgroep besluit over de opdracht",
    ]
    first = (site / "agenda.ics").read_bytes()
    assert b"DTSTAMP:20230901T000000Z" in first

    # A new milestone on a card appears on the agenda and in the feed; the rest stays put.
    card = sample / "cards" / "gamma-project.md"
    edit(
        card,
        "index071: true\n",
        "index071: true\nmilestones:\n  - {date: 2023-10-02, title: Evaluatie Gamma}\n",
    )
    site = build(sample, pdf=False)
    agenda = page(site, "agenda/index.html")
    assert titles("binnenkort") == ["Start van Beta", "Evaluatie Gamma", "Ondernemen in 071"]
    feed = icalendar.Calendar.from_ical((site / "agenda.ics").read_bytes())
    uids = {str(e["UID"]) for e in feed.walk("VEVENT")}
    assert "kaart-gamma-project-2023-10-02@economie071.github.io" in uids
    assert "kaart-beta-project-2023-09-14@economie071.github.io" in uids


def test_the_same_sources_give_the_same_feed(sample: Path, monkeypatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = (build(sample, pdf=False) / "agenda.ics").read_bytes()
    second = (build(sample, pdf=False) / "agenda.ics").read_bytes()
    assert first == second
    assert b"DTSTAMP:20230601T000000Z" in first  # the edition date, not the clock


def test_index_page_shows_the_chart_and_the_table(sample_site: Path) -> None:
    site = sample_site
    html = page(site, "index071/index.html")
    svg = html.select_one("figure.e071-chart-figure svg[role=img]")
    assert svg is not None and svg.select_one("title") and svg.select_one("desc")
    assert len(svg.select("rect")) == 2
    assert [r.select_one("th").get_text() for r in html.select("tbody tr")] == [
        "2021-2022",
        "2022-2023",
    ]


def test_card_pages_carry_description_and_open_graph_tags(sample: Path) -> None:
    card = sample / "cards" / "beta-project.md"
    edit(card, "summary: Een nieuw project.", 'summary: "Samen & sterk: \\"Beta\\" voor de regio"')
    site = build(sample, pdf=False)
    raw = (site / "projecten" / "beta-project" / "index.html").read_text(encoding="utf-8")
    html = page(site, "projecten/beta-project/index.html")

    def meta(key: str) -> str:
        tag = html.select_one(f'meta[property="{key}"]') or html.select_one(f'meta[name="{key}"]')
        return tag["content"]

    summary = 'Samen & sterk: "Beta" voor de regio'
    assert meta("description") == summary
    assert meta("og:description") == summary
    assert meta("og:title") == "Beta project"
    assert meta("og:type") == "article"
    assert (
        meta("og:url") == "https://economie071.github.io/projectoverzicht/projecten/beta-project/"
    )
    assert 'content="Samen &amp; sterk: &#34;Beta&#34; voor de regio"' in raw or (
        'content="Samen &amp; sterk: &quot;Beta&quot; voor de regio"' in raw
    )
    assert not re.search(r'content="[^"]*"Beta', raw)


def test_footer_links_to_the_accessibility_statement(sample_site: Path) -> None:
    site = sample_site
    for path in ("index.html", "projecten/alpha-project/index.html", "partners/index.html"):
        link = page(site, path).select_one(".e071-footer-links a")
        assert link.get_text() == "Toegankelijkheid"
        target = (site / Path(path).parent / link["href"] / "index.html").resolve()
        assert target == (site / "toegankelijkheid" / "index.html").resolve()
    statement = page(site, "toegankelijkheid/index.html")
    assert "Besluit digitale toegankelijkheid" in statement.get_text()
    assert not page(site, "index.html").select('.md-nav a[href$="toegankelijkheid/"]')
