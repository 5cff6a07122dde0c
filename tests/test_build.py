"""Whole builds into tmp_path, inspected as HTML."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from .conftest import build, edit, mkdocs_build_process, page


def test_one_page_per_card_with_its_fields(sample_site: Path) -> None:
    site = sample_site
    cards = sorted(p.parent.name for p in (site / "projecten").glob("*/index.html"))
    assert cards == ["alpha-project", "beta-project", "gamma-project"]

    html = page(site, "projecten/alpha-project/index.html")
    card = html.select_one(".e071-card")
    assert card.select_one("h1").get_text(strip=True) == "Alpha project"
    assert card.select_one(".e071-badge").get_text(" ", strip=True) == "Categorie: Lopend project"
    assert (
        card.select_one(".e071-quote blockquote").get_text(strip=True) == "Samen komen we verder."
    )
    assert "Anna Alfa, projectleider gemeente Leiden" in card.select_one(".e071-quote").get_text()
    structure = [
        (dt.get_text(strip=True), dd.get_text(" ", strip=True))
        for dt, dd in zip(
            card.select(".e071-structure dl > dt"),
            card.select(".e071-structure dl > dd"),
            strict=True,
        )
    ]
    assert structure == [
        ("Bestuurlijk opdrachtgever", "Stuurgroep Economie071"),
        ("Projectleider", "Anna Alfa, gemeente Leiden"),
    ]
    targets = [li.get_text(" ", strip=True) for li in card.select(".e071-targets li")]
    assert targets == ["10.000 ondernemers ondersteund", "114 stuks vouchers", "€ 1.000 budget"]
    assert card.select_one(".e071-milestones time").get_text() == "3 juli 2023"
    assert "1 juli 2023 tot en met 31 december 2025" in card.get_text()
    assert card.select_one(".e071-card__body strong").get_text() == "Alpha"
    assert (
        html.select_one("meta[name=description]")["content"] == "Een lopend project om te testen."
    )
    edit = html.select_one("a.md-content__button[rel=edit]")["href"]
    assert edit.endswith("/edit/main/cards/alpha-project.md")
    # Pages are reached through the overview, not listed in every page's navigation.
    assert not html.select('.md-nav a[href$="alpha-project/"]')


def test_overview_groups_cards_by_category_in_publication_order(sample_site: Path) -> None:
    site = sample_site
    html = page(site, "projecten/index.html")
    groups = [
        (section.h2.get_text(strip=True), [a.get_text(strip=True) for a in section.select("h3 a")])
        for section in html.select(".e071-group")
    ]
    assert groups == [
        ("Nieuw project", ["Beta project"]),
        ("Lopend project", ["Alpha project"]),
        ("Afgerond project", ["Gamma project"]),
    ]
    link = html.select_one('.e071-group h3 a[href*="alpha"]')["href"]
    assert (site / "projecten" / link / "index.html").resolve().is_file()


def test_index_page_follows_the_data_file(sample: Path) -> None:
    site = build(sample, pdf=False)
    text = page(site, "index071/index.html").get_text(" ", strip=True)
    assert "De score is 113 (+3)" in text
    data = sample / "data" / "index071.yaml"
    edit(
        data,
        "{edition: 2022-2023, score: 113}",
        "{edition: 2022-2023, score: 113}\n  - {edition: 2023-2024, score: 118}",
    )
    site = build(sample, pdf=False)
    html = page(site, "index071/index.html")
    assert "De score is 118 (+5)" in html.get_text(" ", strip=True)
    rows = [[c.get_text(strip=True) for c in tr.select("th, td")] for tr in html.select("tbody tr")]
    assert rows[-1] == ["2023-2024", "118", "+5"]
    home = page(site, "index.html").get_text(" ", strip=True)
    assert "118" in home and "+5" in home
    # A card that asks for the Index shows the same figures.
    gamma = page(site, "projecten/gamma-project/index.html")
    assert gamma.select_one(".e071-index__number").get_text() == "118"


def test_adding_and_removing_cards_changes_the_site(sample: Path) -> None:
    (sample / "cards" / "beta-project.md").unlink()
    (sample / "cards" / "delta.md").write_text(
        "---\ntitle: Delta\ncategory: initiation\nsummary: Nieuw idee.\n---\nTekst.\n",
        encoding="utf-8",
    )
    site = build(sample, pdf=False)
    assert not (site / "projecten" / "beta-project").exists()
    overview = page(site, "projecten/index.html")
    assert [s.h2.get_text(strip=True) for s in overview.select(".e071-group")] == [
        "Lopend project",
        "Initiatieffase",
        "Afgerond project",
    ]
    assert overview.select_one("#initiation h3 a").get_text() == "Delta"


def test_card_text_is_never_a_template(sample: Path) -> None:
    (sample / "cards" / "beta-project.md").write_text(
        '---\ntitle: Beta {{ 7*191 }}\ncategory: new\nsummary: "{% raw %}x & y"\n---\n'
        "Uitkomst: {{ 7*191 }} en {% if true %}ja{% endif %}\n",
        encoding="utf-8",
    )
    site = build(sample, pdf=False)
    text = page(site, "projecten/beta-project/index.html").get_text(" ")
    assert "{{ 7*191 }}" in text and "1337" not in text
    assert "{% if true %}ja{% endif %}" in text
    overview = page(site, "projecten/index.html").get_text(" ")
    assert "Beta {{ 7*191 }}" in overview and "{% raw %}x & y" in overview


def test_invalid_card_fails_the_build_with_the_editors_message(sample: Path) -> None:
    (sample / "cards" / "beta-project.md").write_text(
        "---\ntitle: Beta\ncategory: lopend\nsummary: x\n---\n", encoding="utf-8"
    )
    with pytest.raises(Abort):
        build(sample)
    # What an editor running `mkdocs build` sees: the message, no traceback.
    run = mkdocs_build_process(sample)
    assert run.returncode == 1
    assert "cards/beta-project.md, regel 3, category: 'lopend' is geen geldige keuze" in run.stderr
    assert "bedoelde je 'running' (Lopend project)?" in run.stderr
    assert "Traceback" not in run.stderr + run.stdout


def test_replacing_the_cards_replaces_the_site(sample: Path) -> None:
    """Nothing of the seed edition is hard-coded: another set of cards gives another site."""
    shutil.rmtree(sample / "cards")
    (sample / "cards").mkdir()
    (sample / "cards" / "omega.md").write_text(
        "---\ntitle: Omega\ncategory: completed\nsummary: Alleen deze.\n---\n", encoding="utf-8"
    )
    site = build(sample, pdf=False)
    assert sorted(p.parent.name for p in (site / "projecten").glob("*/index.html")) == ["omega"]
    assert [
        a.get_text() for a in page(site, "projecten/index.html").select(".e071-group h3 a")
    ] == ["Omega"]
