"""The printed edition: build the PDF from the fixture project and read it back with pypdf."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from macros import printing
from macros.cli import main
from macros.loader import load_publication
from macros.pdf import FONTS, PrintError, build_pdf, check_fonts
from macros.print_register import REGISTER_TITLE
from macros.problems import ContentError

from .conftest import FIXTURES, build, page

EDITION_ORDER = ["Beta project", "Alpha project", "Gamma project"]
TOC_LINE = re.compile(r"^(?P<title>.+?) \.{3,}\s*(?P<page>\d+)$")


def make_pdf(project: Path) -> PdfReader:
    target = project.parent / "out" / "editie.pdf"
    build_pdf(project, target)
    return PdfReader(target)


def texts(reader: PdfReader) -> list[str]:
    return [p.extract_text() for p in reader.pages]


def first_page_of(reader: PdfReader, title: str) -> int:
    """The 1-based page that begins with `title` (a card, after its kicker line) or, for a
    chapter (chapters run on), the first page with `title` as a line of its own."""
    for number, text in enumerate(texts(reader), start=1):
        lines = text.splitlines()
        if lines[:1] == [title] or lines[:2] == ["Projectkaart", title] or title in lines:
            return number
    raise AssertionError(f"{title!r} begins no page")


def toc(reader: PdfReader) -> dict[str, int]:
    lines = texts(reader)[1].splitlines()
    assert lines[0] == "Inhoud"
    entries = {}
    for line in lines[1:]:
        match = TOC_LINE.match(line)
        if match:
            entries[match["title"]] = int(match["page"])
    return entries


def outline_titles(outline: list) -> list:
    return [outline_titles(o) if isinstance(o, list) else o["/Title"] for o in outline]


def set_chapters(project: Path, chapters: str) -> None:
    edition = project / "data" / "edition.yaml"
    text = re.sub(r"(?m)^chapters: .*$", f"chapters: {chapters}", edition.read_text("utf-8"))
    edition.write_text(text, encoding="utf-8")


@pytest.fixture
def reader(sample_site: Path) -> PdfReader:
    """The PDF of the shared sample build (the same `build_pdf` as `kaarten pdf`)."""
    return PdfReader(sample_site / "projectoverzicht.pdf")


def test_cover_names_publisher_publication_and_edition(reader: PdfReader) -> None:
    cover = texts(reader)[0].splitlines()
    assert cover[:3] == ["Economie071", "Projectoverzicht", "juni 2023"]
    assert "/" not in texts(reader)[0], "the cover has no page number"


def test_every_card_starts_at_the_top_of_its_own_page_in_edition_order(
    reader: PdfReader,
) -> None:
    pages = [first_page_of(reader, title) for title in EDITION_ORDER]
    assert pages == sorted(pages)
    assert len(set(pages)) == len(pages)
    for title, number in zip(EDITION_ORDER, pages, strict=True):
        text = texts(reader)[number - 1]
        assert text.splitlines()[:2] == ["Projectkaart", title]
        others = [t for t in EDITION_ORDER if t != title]
        assert not any(other in text for other in others)


def test_toc_page_numbers_are_where_chapters_and_cards_begin(reader: PdfReader) -> None:
    entries = toc(reader)
    assert list(entries) == ["Voorwoord", "Projectkaarten", *EDITION_ORDER, REGISTER_TITLE]
    assert entries["Voorwoord"] == first_page_of(reader, "Voorwoord")
    for title in EDITION_ORDER:
        assert entries[title] == first_page_of(reader, title), title
    assert entries["Projectkaarten"] == entries[EDITION_ORDER[0]]


def test_footer_has_page_number_and_the_category_on_card_pages(reader: PdfReader) -> None:
    pages = texts(reader)
    total = len(pages)
    assert pages[1].splitlines()[-1] == f"Economie071 Projectoverzicht juni 2023 2 / {total}"
    for title, label in zip(
        EDITION_ORDER, ["Nieuw project", "Lopend project", "Afgerond project"], strict=True
    ):
        number = first_page_of(reader, title)
        footer = pages[number - 1].splitlines()[-1]
        assert footer == f"Categorie: {label} {number} / {total}"


def test_outline_lists_chapters_and_cards(reader: PdfReader) -> None:
    assert outline_titles(reader.outline) == [
        "Inhoud",
        "Voorwoord",
        "Projectkaarten",
        EDITION_ORDER,
        REGISTER_TITLE,
    ]


def test_metadata_language_and_tagged_structure(reader: PdfReader) -> None:
    assert reader.metadata.title == "Economie071 Projectoverzicht juni 2023"
    assert reader.metadata.author == "Economie071"
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "nl"
    assert bool(catalog["/MarkInfo"]["/Marked"])
    tree = catalog["/StructTreeRoot"].get_object()
    assert tree["/K"], "the structure tree has content"


def test_fonts_are_the_ones_asked_for(reader: PdfReader) -> None:
    names = set()
    for pdf_page in reader.pages:
        for font in pdf_page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[1])
    families = {name.split("-")[0] + " " + name.split("-")[1] for name in names}
    assert families == set(FONTS)


def test_links_are_clickable_inside_and_outside_the_pdf(sample: Path) -> None:
    set_chapters(sample, "[voorwoord, programma, cards]")
    reader = make_pdf(sample)
    internal, external = set(), set()
    for pdf_page in reader.pages:
        for annotation in pdf_page.get("/Annots", []):
            annotation = annotation.get_object()
            if "/Dest" in annotation:
                internal.add(str(annotation["/Dest"]))
            elif "/A" in annotation:
                external.add(str(annotation["/A"]["/URI"]))
    # The programme chapter links to the cards; the TOC links to everything.
    assert {"kaart-alpha-project", "hoofdstuk-programma", "hoofdstuk-voorwoord"} <= internal
    assert "https://www.example.org" in external
    assert not any("projecten/" in uri or uri.startswith("e071") for uri in external)


def test_chapter_functions_run_in_print(sample: Path) -> None:
    set_chapters(sample, "[programma, cards]")
    reader = make_pdf(sample)
    programme = texts(reader)[first_page_of(reader, "Programma") - 1]
    assert "Looptijd: 1 januari 2023 tot 1 januari 2027." in programme
    assert "{{" not in programme


def test_card_text_is_never_a_template_in_print(sample: Path) -> None:
    card = sample / "cards" / "beta-project.md"
    card.write_text(
        card.read_text("utf-8") + "\n{{ index_score() }} {% if 1 %}x{% endif %}\n", "utf-8"
    )
    html = printing.print_html(sample, load_publication(sample))
    assert "{{ index_score() }} {% if 1 %}x{% endif %}" in html


def test_a_chapter_cannot_escape_the_sandbox(sample: Path) -> None:
    set_chapters(sample, "[voorwoord, cards]")
    chapter = sample / "docs" / "voorwoord.md"
    chapter.write_text(
        "---\ntitle: Voorwoord\nrender_macros: true\n---\n\n# Voorwoord\n\n"
        "{{ index_score.__globals__ }}\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as error:
        make_pdf(sample)
    assert "docs/voorwoord.md" in error.value.report()


def test_an_unknown_function_in_a_chapter_is_reported_with_its_file(sample: Path) -> None:
    chapter = sample / "docs" / "voorwoord.md"
    chapter.write_text(
        "---\ntitle: Voorwoord\nrender_macros: true\n---\n\n# Voorwoord\n\n{{ bestaat_niet() }}\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as error:
        make_pdf(sample)
    assert "docs/voorwoord.md" in error.value.report()
    assert "bestaat_niet" in error.value.report()


def test_the_pdf_follows_changed_added_and_removed_cards(sample: Path) -> None:
    cards = sample / "cards"
    alpha = cards / "alpha-project.md"
    alpha.write_text(
        alpha.read_text("utf-8").replace("title: Alpha project", "title: Alpha vernieuwd"),
        "utf-8",
    )
    (cards / "gamma-project.md").unlink()
    (cards / "delta-project.md").write_text(
        "---\ntitle: Delta project\ncategory: initiation\nsummary: Nieuw erbij.\norder: 5\n---\n"
        "Delta.\n",
        encoding="utf-8",
    )
    reader = make_pdf(sample)
    order = ["Beta project", "Alpha vernieuwd", "Delta project"]  # by category, as the site
    assert outline_titles(reader.outline)[-2] == order
    entries = toc(reader)
    assert [t for t in entries if t in order] == order
    for title in order:
        assert entries[title] == first_page_of(reader, title)
    everything = "\n".join(texts(reader))
    assert "Gamma project" not in everything
    assert "Alpha project" not in everything
    assert "Categorie: Initiatieffase" in everything


def test_a_missing_font_fails_the_pdf_instead_of_substituting(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    css = printing.stylesheet().replace('"DejaVu Serif"', '"Economie071 Ontbrekend"')
    monkeypatch.setattr(printing, "stylesheet", lambda: css)
    target = sample.parent / "out" / "editie.pdf"
    with pytest.raises(PrintError, match="DejaVu Serif ontbreekt"):
        build_pdf(sample, target)
    assert not target.exists()


def test_check_fonts_names_the_substitute() -> None:
    check_fonts(set(FONTS))
    with pytest.raises(PrintError, match="in plaats daarvan is Noto Color Emoji gebruikt"):
        check_fonts({*FONTS, "Noto Color Emoji"})


def test_a_failed_build_keeps_the_previous_pdf(sample: Path) -> None:
    target = sample.parent / "out" / "editie.pdf"
    build_pdf(sample, target)
    before = target.read_bytes()
    shutil.copy(FIXTURES / "invalid" / "bad-url.md", sample / "cards")
    with pytest.raises(ContentError):
        build_pdf(sample, target)
    assert target.read_bytes() == before
    assert [p.name for p in target.parent.iterdir()] == ["editie.pdf"]


def test_mkdocs_build_writes_the_pdf_and_links_it_from_home(sample_site: Path) -> None:
    site = sample_site
    reader = PdfReader(site / "projectoverzicht.pdf")
    assert reader.metadata.title == "Economie071 Projectoverzicht juni 2023"
    link = page(site, "index.html").find("a", string="Download als PDF")
    assert link is not None and link["href"] == "projectoverzicht.pdf"


def test_kaarten_pdf_0_turns_the_pdf_off(sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAARTEN_PDF", "0")
    site = build(sample)
    assert not (site / "projectoverzicht.pdf").exists()
    assert page(site, "index.html").find("a", string="Download als PDF") is None


@pytest.mark.parametrize(("command", "written"), [("serve", False), ("build", True)])
def test_mkdocs_serve_skips_the_pdf(sample: Path, command: str, written: bool) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    site = sample / "site"
    config = load_config(str(sample / "mkdocs.yml"), site_dir=str(site))
    # What `mkdocs serve` and `mkdocs build` do before building.
    config.plugins.on_startup(command=command, dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()  # the plugin outlives this config: end its session
    assert (site / "projectoverzicht.pdf").exists() is written


def test_cli_pdf_writes_the_file(sample: Path) -> None:
    target = sample.parent / "editie.pdf"
    result = CliRunner().invoke(main, ["--project", str(sample), "pdf", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert str(target) in result.output
    assert len(PdfReader(target).pages) == 6


def test_cli_pdf_defaults_to_the_project_folder(sample: Path) -> None:
    result = CliRunner().invoke(main, ["--project", str(sample), "pdf"])
    assert result.exit_code == 0, result.output
    assert (sample / "projectoverzicht.pdf").is_file()


def test_cli_pdf_reports_card_problems_cleanly(sample: Path) -> None:
    shutil.copy(FIXTURES / "invalid" / "bad-url.md", sample / "cards")
    target = sample.parent / "editie.pdf"
    result = CliRunner().invoke(main, ["--project", str(sample), "pdf", "-o", str(target)])
    assert result.exit_code == 1
    assert result.output.startswith("Fout: De kaarten bevatten fouten.")
    assert "cards/bad-url.md, regel 6, links[1].url" in result.output
    assert "Traceback" not in result.output
    assert not target.exists()


def test_cli_pdf_reports_an_unwritable_target_cleanly(sample: Path) -> None:
    blocker = sample.parent / "bestand"
    blocker.write_text("geen map", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["--project", str(sample), "pdf", "-o", str(blocker / "editie.pdf")]
    )
    assert result.exit_code == 1
    assert result.output.startswith("Fout: De pdf kan niet worden opgeslagen")
    assert "Traceback" not in result.output


def test_the_index_card_carries_the_chart_from_the_data_file(sample: Path) -> None:
    reader = make_pdf(sample)
    gamma = texts(reader)[first_page_of(reader, "Gamma project") - 1]
    assert "basisjaar 2016 = 100" in gamma
    assert "2021-2022" in gamma and "2022-2023" in gamma
    data = sample / "data" / "index071.yaml"
    data.write_text(
        data.read_text("utf-8").replace(
            "{edition: 2022-2023, score: 113}",
            "{edition: 2022-2023, score: 113}\n  - {edition: 2023-2024, score: 121}",
        ),
        encoding="utf-8",
    )
    reader = make_pdf(sample)
    gamma = texts(reader)[first_page_of(reader, "Gamma project") - 1]
    assert "2023-2024" in gamma and "121" in gamma
