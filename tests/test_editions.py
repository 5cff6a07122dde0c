"""Published editions (issue #12): records, the archive pages, "Wat is er nieuw", the feed,
renamed cards, publish and start.

Expectations about the fixture come from its README (tests/fixtures/editions/); expectations
about the real repository are derived from its own records.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from macros.cli import main
from macros.editions import compare, load_archive
from macros.editions.records import EditionSnapshot, RecordCard, RecordIndex
from macros.loader import load_publication
from macros.model import Leader

from .conftest import FIXTURES, REPO, build, edit, make_project, page

EDITIONS = FIXTURES / "editions"


# --- pure: the changes between two editions ---------------------------------------------------


def _card(slug: str, category: str = "running", **extra) -> RecordCard:
    return RecordCard(
        slug=slug, title=extra.pop("title", slug.title()), category=category, summary="S", **extra
    )


def _snapshot(id_: str, cards: list[RecordCard], score: int = 100) -> EditionSnapshot:
    year, month = map(int, id_.split("-"))
    return EditionSnapshot(
        id=id_,
        title=f"Editie {id_}",
        date=dt.date(year, month, 1),
        index071=RecordIndex(edition="2022-2023", score=score),
        cards=cards,
    )


def test_compare_names_every_kind_of_change() -> None:
    old = _snapshot(
        "2023-06",
        [
            _card("a", "initiation"),
            _card("b", leader=Leader(name="Anna")),
            _card("gone"),
            _card("old-name", title="Oud"),
        ],
        score=113,
    )
    new = _snapshot(
        "2023-12",
        [
            _card("a", "running"),
            _card("b", leader=Leader(name="Bert", organisation="HSL")),
            _card("fresh", "new"),
            _card("new-name", title="Nieuw", formerly=["old-name"]),
        ],
        score=116,
    )
    changes = compare(old, new)
    assert [c.slug for c in changes.added] == ["fresh"]
    assert [c.slug for c in changes.removed] == ["gone"]
    assert changes.marks() == {"fresh": "new", "a": "moved"}
    lines = changes.lines()
    assert "A: van Initiatieffase naar Lopend project" in lines
    assert "Oud heet nu Nieuw" in lines
    assert "B: nieuwe projectleider Bert, HSL (was Anna)" in lines
    assert any(line.startswith("Index071") and "+3" in line for line in lines)


def test_without_formerly_a_rename_is_one_removed_and_one_added() -> None:
    old = _snapshot("2023-06", [_card("old-name")])
    new = _snapshot("2023-12", [_card("new-name")])
    changes = compare(old, new)
    assert [c.slug for c in changes.removed] == ["old-name"]
    assert [c.slug for c in changes.added] == ["new-name"]
    assert changes.renamed == []


def test_history_follows_former_slugs() -> None:
    publication = load_publication(EDITIONS)
    history = publication.archive.history("delta-project", ["delta-oud"])
    assert [(record.id, card.slug) for record, card in history] == [
        ("2023-06", "delta-oud"),
        ("2023-12", "delta-project"),
    ]


# --- the built site of the fixture ------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_site(editions_site: Path) -> Path:
    """The shared build of the editions fixture (conftest.editions_site)."""
    return editions_site


def _texts(soup, selector: str) -> list[str]:
    return [" ".join(el.get_text(" ", strip=True).split()) for el in soup.select(selector)]


def test_archive_page_lists_editions_newest_first_with_counts_and_pdf(fixture_site: Path) -> None:
    archive, problems = load_archive(EDITIONS)
    assert problems == []
    soup = page(fixture_site, "edities/index.html")
    titles = _texts(soup, ".e071-edition-item__title")
    assert titles == [r.title for r in archive.newest_first()]
    first = soup.select_one(".e071-edition-item")
    newest = archive.newest_first()[0]
    counts = " ".join(_texts(first, ".e071-edition-item__counts li"))
    for category, cards in newest.by_category():
        assert f"{category.label} {len(cards)}" in counts
    link = first.select_one(".e071-edition-item__pdf a")
    pdf = fixture_site / "edities" / link["href"]
    # Copied byte for byte, never re-rendered.
    assert pdf.read_bytes() == archive.pdf_path(newest).read_bytes()
    assert hashlib.sha256(pdf.read_bytes()).hexdigest() == newest.pdf.sha256
    assert "kB" in first.select_one(".e071-edition-item__pdf").get_text()
    assert soup.select_one('head link[rel~="alternate"][type="application/atom+xml"]')


def test_edition_page_shows_cards_as_they_were_and_what_changed(fixture_site: Path) -> None:
    soup = page(fixture_site, "edities/2023-12/index.html")
    assert soup.h1.get_text(strip=True) == "Projectoverzicht december 2023"
    changes = soup.select_one(".e071-changes")
    text = " ".join(changes.get_text(" ", strip=True).split())
    assert "Wat is er veranderd sinds Projectoverzicht juni 2023" in text
    assert "Zeta project : Nieuw project" in text
    assert "Epsilon project" in text  # removed, so no longer linked
    assert not changes.find("a", string="Epsilon project")
    assert "Beta project : van Nieuw project naar Lopend project" in text
    assert "Delta project : heette Delta verkenning" in text
    assert "Bert Bouwer, Hogeschool Leiden (was Anna Alfa, gemeente Leiden)" in text
    assert "116" in text and "113" in text
    # Cards grouped by category as they stood then; a card that still exists is linked.
    tiles = {t.select_one("h3").get_text(strip=True): t for t in soup.select(".e071-tile")}
    assert tiles["Delta project"].a["href"] == "../../projecten/delta-project/"
    old = page(fixture_site, "edities/2023-06/index.html")
    old_tiles = {t.select_one("h3").get_text(strip=True): t for t in old.select(".e071-tile")}
    # The renamed card's old title links to its current page; the removed card to nothing.
    assert old_tiles["Delta verkenning"].a["href"] == "../../projecten/delta-project/"
    assert old_tiles["Epsilon project"].a is None
    assert not old.select(".e071-changes")  # the first edition has nothing to compare with


def test_home_and_overview_show_whats_new_and_mark_cards(fixture_site: Path) -> None:
    for path in ("index.html", "projecten/index.html"):
        soup = page(fixture_site, path)
        section = soup.select_one(".e071-whats-new")
        assert section is not None, path
        text = " ".join(section.get_text(" ", strip=True).split())
        assert "Wat is er nieuw sinds december 2023" in text
        assert "Eta project : Nieuw project" in text
        assert "Zeta project : van Nieuw project naar Initiatieffase" in text
        marks = {
            tile.select_one("h3").get_text(strip=True): tile.select_one(".e071-mark")
            for tile in soup.select(".e071-tile")
        }
        assert marks["Eta project"].get_text(" ", strip=True).startswith("Nieuw")
        assert marks["Zeta project"].get_text(" ", strip=True).startswith("Andere fase")
        assert marks["Alpha project"] is None


def test_card_page_shows_its_history_and_the_old_address_redirects(fixture_site: Path) -> None:
    soup = page(fixture_site, "projecten/delta-project/index.html")
    history = _texts(soup, ".e071-history li")
    assert history == [
        "juni 2023 : Initiatieffase (als ‘Delta verkenning’)",
        "december 2023 : Initiatieffase",
    ]
    redirect = (fixture_site / "projecten/delta-oud/index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' in redirect and "../delta-project/" in redirect
    # In Dutch, as the rest of the site: the language, the title and the sentence a reader sees.
    old = BeautifulSoup(redirect, "html.parser")
    assert old.html is not None and old.html["lang"] == "nl"
    title = soup.select_one("h1").get_text(" ", strip=True)
    assert old.title is not None and title in old.title.get_text()
    link = old.select_one("body a")
    assert link is not None and link["href"] == "../delta-project/"
    assert old.body is not None and "nieuw adres" in old.body.get_text()
    assert "Redirecting" not in redirect and "redirected" not in redirect


def test_feed_is_valid_atom_with_one_entry_per_edition(fixture_site: Path) -> None:
    import feedparser

    feed = feedparser.parse((fixture_site / "edities/feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    archive, _ = load_archive(EDITIONS)
    assert [e.title for e in feed.entries] == [r.title for r in archive.newest_first()]
    newest = feed.entries[0]
    assert newest.link.endswith("/edities/2023-12/")
    assert "Beta project: van Nieuw project naar Lopend project" in newest.content[0].value
    home = page(fixture_site, "index.html")
    assert home.select_one('head link[type="application/atom+xml"]')["href"].endswith(
        "edities/feed.xml"
    )


def test_two_builds_of_the_archive_give_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = make_project(tmp_path / "project", EDITIONS)
    first = _tree(build(project))
    time.sleep(1.1)  # a different wall-clock second, so any timestamp would show
    second = _tree(build(project))
    assert "edities/feed.xml" in first and "edities/2023-12/projectoverzicht-2023-12.pdf" in first
    assert [name for name in first if first[name] != second.get(name)] == []


def test_links_in_the_built_fixture_are_clean(fixture_site: Path) -> None:
    project = fixture_site.parent
    result = CliRunner().invoke(main, ["--project", str(project), "links", str(fixture_site)])
    assert result.exit_code == 0, result.output


def test_a_shallow_clone_builds_the_same_archive(tmp_path: Path, fixture_site: Path) -> None:
    source = make_project(tmp_path / "source", EDITIONS)
    (source / "macros").unlink()  # a clone has no symlink to our package; the build needs one
    git = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q", str(source)], check=True)
    subprocess.run([*git, "-C", str(source), "add", "-A"], check=True)
    subprocess.run([*git, "-C", str(source), "commit", "-qm", "één"], check=True)
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{source}", str(clone)], check=True
    )
    (clone / "macros").symlink_to(REPO / "macros", target_is_directory=True)
    site = build(clone)
    for name in ("edities/index.html", "edities/2023-12/index.html", "edities/feed.xml"):
        assert (site / name).read_bytes() == (fixture_site / name).read_bytes(), name
    for pdf in (fixture_site / "edities").rglob("*.pdf"):
        assert (site / pdf.relative_to(fixture_site)).read_bytes() == pdf.read_bytes()


# --- publish and start ------------------------------------------------------------------------


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture
def editions_project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", EDITIONS)


def test_publish_then_start_leave_earlier_editions_byte_identical(editions_project: Path) -> None:
    before = _tree(editions_project / "editions")
    runner = CliRunner()
    build(editions_project)
    result = runner.invoke(main, ["--project", str(editions_project), "edition", "publish"])
    assert result.exit_code == 0, result.output
    assert "editions/2024-06/" in result.output
    after = _tree(editions_project / "editions")
    assert {k: v for k, v in after.items() if k in before} == before
    assert sorted(set(after) - set(before)) == [
        "2024-06/edition.yaml",
        "2024-06/projectoverzicht.pdf",
    ]
    archive, problems = load_archive(editions_project)
    assert problems == []
    record = archive.get("2024-06")
    current = load_publication(editions_project)
    assert [c.slug for c in record.cards] == [c.slug for c in current.cards]
    assert record.pdf.sha256 == hashlib.sha256(after["2024-06/projectoverzicht.pdf"]).hexdigest()
    # The printed edition of the new record has its "Wat is er veranderd" page.
    from pypdf import PdfReader

    pdf = PdfReader(editions_project / "editions/2024-06/projectoverzicht.pdf")
    text = "\n".join(p.extract_text() for p in pdf.pages[:4])
    assert "Wat is er veranderd" in text and "Eta project" in text

    again = runner.invoke(main, ["--project", str(editions_project), "edition", "publish"])
    assert again.exit_code == 1
    assert "al gepubliceerd" in again.output and "Traceback" not in again.output
    assert _tree(editions_project / "editions") == after

    edition_file = editions_project / "data/edition.yaml"
    old_text = edition_file.read_text(encoding="utf-8")
    started = runner.invoke(
        main,
        [
            "--project",
            str(editions_project),
            "edition",
            "start",
            "Projectoverzicht december 2024",
            "2024-12-01",
        ],
    )
    assert started.exit_code == 0, started.output
    new_lines = edition_file.read_text(encoding="utf-8").splitlines()
    changed = [b for a, b in zip(old_text.splitlines(), new_lines, strict=True) if a != b]
    assert changed == ["title: Projectoverzicht december 2024", "date: 2024-12-01"]
    assert CliRunner().invoke(main, ["--project", str(editions_project), "validate"]).exit_code == 0
    assert _tree(editions_project / "editions") == after


def test_start_is_refused_while_the_current_edition_is_unpublished(editions_project: Path) -> None:
    args = ["--project", str(editions_project), "edition", "start", "Volgende", "2024-12-01"]
    edition_file = editions_project / "data/edition.yaml"
    original = edition_file.read_bytes()
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "nog niet gepubliceerd" in result.output and "Traceback" not in result.output
    assert edition_file.read_bytes() == original
    forced = CliRunner().invoke(main, [*args, "--niet-gepubliceerd"])
    assert forced.exit_code == 0, forced.output
    assert load_publication(editions_project).edition.title == "Volgende"


def test_publish_refuses_invalid_content_and_writes_nothing(editions_project: Path) -> None:
    card = editions_project / "cards/eta-project.md"
    card.write_text(card.read_text(encoding="utf-8").replace("category: new", "category: nieuw"))
    before = _tree(editions_project / "editions")
    result = CliRunner().invoke(main, ["--project", str(editions_project), "edition", "publish"])
    assert result.exit_code == 1
    assert "cards/eta-project.md, regel 3, category" in result.output
    assert _tree(editions_project / "editions") == before
    assert sorted(p.name for p in (editions_project / "editions").iterdir()) == [
        "2023-06",
        "2023-12",
    ]


# --- bad records: a clear Dutch message with file and line, never a traceback ----------------


RECORD = "editions/2023-12/edition.yaml"


def _line(project: Path, rel: str, startswith: str) -> int:
    lines = (project / rel).read_text(encoding="utf-8").splitlines()
    return [i for i, line in enumerate(lines, 1) if line.startswith(startswith)][-1]


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        (
            ("title: Projectoverzicht december 2023\n", ""),
            None,
            "title: dit verplichte veld ontbreekt",
        ),
        (
            ("sha256: aac8", "sha256: 0000"),
            "  sha256:",
            "is niet meer de gepubliceerde pdf",
        ),
        (
            ("title: Projectoverzicht december 2023", "title: Projectoverzicht juni 2023"),
            "title:",
            "is al gepubliceerd als editie 2023-06",
        ),
        (("date: 2023-12-01", "date: 2023-11-01"), "date:", "valt niet in editie 2023-12"),
        (("- slug: zeta-project", "- slug: beta-project"), "- slug: beta-project", "staat ook"),
        (("category: initiation", "category: fase"), "  category: fase", "category"),
    ],
    ids=["missing-field", "hash", "listed-twice", "impossible-date", "card-twice", "category"],
)
def test_bad_records_get_file_line_and_field(
    editions_project: Path, change: tuple[str, str], where: str | None, message: str
) -> None:
    edit(editions_project / RECORD, *change)
    result = CliRunner().invoke(main, ["--project", str(editions_project), "validate"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert message in result.output, result.output
    reported = [line for line in result.output.splitlines() if message in line]
    if where is not None:
        assert f"{RECORD}, regel {_line(editions_project, RECORD, where)}" in reported[0]
    else:
        assert RECORD in reported[0]


def test_a_published_pdf_edited_by_hand_fails_the_build(editions_project: Path) -> None:
    from .conftest import mkdocs_build_process

    pdf = editions_project / "editions/2023-06/projectoverzicht.pdf"
    pdf.write_bytes(pdf.read_bytes() + b"\n%")
    done = mkdocs_build_process(editions_project, {"KAARTEN_PDF": "0"})
    assert done.returncode == 1
    assert "editions/2023-06/edition.yaml, regel" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_former_slug_that_is_still_a_card_is_refused(editions_project: Path) -> None:
    edit(
        editions_project / "cards/delta-project.md",
        "formerly: [delta-oud]",
        "formerly: [beta-project]",
    )
    result = CliRunner().invoke(main, ["--project", str(editions_project), "validate"])
    assert result.exit_code == 1
    assert "cards/delta-project.md, regel 4, formerly[1]" in result.output


@pytest.mark.parametrize("old", ["index", "kaart-van-docs"])
def test_a_former_slug_cannot_take_a_page_of_the_site(editions_project: Path, old: str) -> None:
    # The old address becomes a page that forwards to the card: it must not replace the project
    # overview (/projecten/) or a page of docs/projecten/.
    (editions_project / "docs/projecten/kaart-van-docs.md").write_text("# Een pagina\n")
    card = editions_project / "cards/delta-project.md"
    edit(card, "formerly: [delta-oud]", f"formerly: [{old}]")
    result = CliRunner().invoke(main, ["--project", str(editions_project), "validate"])
    assert result.exit_code == 1
    assert "cards/delta-project.md, regel 4, formerly[1]: het oude adres van" in result.output
    from .conftest import mkdocs_build_process

    done = mkdocs_build_process(editions_project, {"KAARTEN_PDF": "0"})
    assert done.returncode == 1 and "formerly[1]" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_build_never_replaces_a_file_with_a_forwarding_page(editions_project: Path) -> None:
    # A file of docs/ at the old address that validation does not know of (no .md page).
    static = editions_project / "docs/projecten/delta-oud/index.html"
    static.parent.mkdir(parents=True)
    static.write_text("<p>eigen pagina</p>\n")
    from .conftest import mkdocs_build_process

    done = mkdocs_build_process(editions_project, {"KAARTEN_PDF": "0"})
    assert done.returncode == 1
    assert "het oude adres /projecten/delta-oud/ kan niet naar" in done.stderr
    assert "Traceback" not in done.stderr


# --- the real repository ----------------------------------------------------------------------


def test_the_real_archive_is_valid_and_its_pdfs_match_their_records() -> None:
    publication = load_publication(REPO)
    archive = publication.archive
    assert archive.records, "the repository publishes at least its first edition"
    for record in archive.records:
        data = archive.pdf_path(record).read_bytes()
        assert hashlib.sha256(data).hexdigest() == record.pdf.sha256
        assert data.startswith(b"%PDF-")


def test_publishing_leaves_no_staging_folder_behind(editions_project: Path, monkeypatch) -> None:
    import macros.editions.publish as publish_module

    def broken(*args, **kwargs):
        raise OSError("schijf vol")

    monkeypatch.setattr(publish_module.os, "chmod", broken)
    with pytest.raises(OSError):
        publish_module.publish(editions_project)
    assert sorted(p.name for p in (editions_project / "editions").iterdir()) == [
        "2023-06",
        "2023-12",
    ]


def test_search_narrows_card_pages_by_the_editions_they_are_in(fixture_site: Path) -> None:
    # The search's "Editie" filter follows the card's history: a former slug counts, and the
    # current edition is always one of its editions.
    publication = load_publication(FIXTURES / "editions")
    current = " ".join(publication.edition.title.split()[-2:])
    for slug in ("delta-project", "eta-project"):
        card = publication.card(slug)
        assert card is not None
        history = publication.archive.history(slug, list(card.formerly))
        soup = page(fixture_site, f"projecten/{slug}/index.html")
        editions = _texts(soup, '[data-pagefind-filter="Editie"]')
        published = [_month_year(record.date) for record, _ in history]
        expected = published if current in published else [*published, current]
        assert editions == expected
    assert _texts(
        page(fixture_site, "projecten/delta-project/index.html"), '[data-pagefind-filter="Editie"]'
    ) == ["juni 2023", "december 2023", "juni 2024"]


def _month_year(date: dt.date) -> str:
    months = "januari februari maart april mei juni juli augustus september oktober november"
    return f"{[*months.split(), 'december'][date.month - 1]} {date.year}"


def test_edition_page_headings_are_plural_over_several_cards(fixture_site: Path) -> None:
    archive, _ = load_archive(EDITIONS)
    for record in archive.newest_first():
        soup = page(fixture_site, f"edities/{record.id}/index.html")
        for category, cards in record.by_category():
            heading = soup.select_one(f"#editie-{category.value}")
            assert heading is not None
            assert heading.get_text(strip=True) == category.heading(len(cards))
            if len(cards) > 1 and category.value != "initiation":
                assert heading.get_text(strip=True) != category.label
