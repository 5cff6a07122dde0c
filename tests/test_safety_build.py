"""Whole builds: nothing written into the sources, the same bytes twice, editors' messages on
failure (never a traceback), and the macros plugin locked down."""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.config import load_config

from macros.cli import main
from macros.loader import load_publication
from macros.problems import ContentError

from .conftest import FIXTURES, HOSTILE, build, mkdocs_build_process, page


def _snapshot(project: Path) -> dict[str, str]:
    """Every file under cards/, data/ and docs/ with a hash of its bytes."""
    return {
        str(path.relative_to(project)): hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in ("cards", "data", "docs")
        for path in sorted((project / folder).rglob("*"))
        if path.is_file()
    }


def _tree(site: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()
    }


def test_builds_and_validation_write_nothing_into_the_sources(sample: Path) -> None:
    before = _snapshot(sample)
    site = build(sample)
    assert CliRunner().invoke(main, ["--project", str(sample), "validate"]).exit_code == 0
    links = CliRunner().invoke(main, ["--project", str(sample), "links", str(site)])
    assert links.exit_code == 0, links.output
    assert mkdocs_build_process(sample).returncode == 0
    shutil.copy(HOSTILE / "refused" / "script-tag.md", sample / "cards")
    before_failing = _snapshot(sample)
    assert mkdocs_build_process(sample).returncode == 1
    assert CliRunner().invoke(main, ["--project", str(sample), "validate"]).exit_code == 1
    assert _snapshot(sample) == before_failing
    (sample / "cards" / "script-tag.md").unlink()
    assert _snapshot(sample) == before


def test_two_builds_give_the_same_bytes(sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = _tree(build(sample))
    time.sleep(1.1)  # a different wall-clock second, so any timestamp would show
    second = _tree(build(sample))
    assert sorted(first) == sorted(second)
    # The printed edition and the calendar feed are part of the comparison.
    assert "projectoverzicht.pdf" in first and "agenda.ics" in first
    assert [name for name in first if first[name] != second[name]] == []
    # Without SOURCE_DATE_EPOCH (and outside git) the build date is the edition's date.
    assert b"<lastmod>2023-06-01</lastmod>" in first["sitemap.xml"]
    with gzip.open(sample / "site" / "sitemap.xml.gz") as archive:
        assert archive.read() == first["sitemap.xml"]
    assert int.from_bytes(first["sitemap.xml.gz"][4:8], "little") == 1685577600
    assert "SOURCE_DATE_EPOCH" not in os.environ  # the build date does not leak out


def test_source_date_epoch_is_honoured(sample: Path) -> None:
    run = mkdocs_build_process(sample, {"SOURCE_DATE_EPOCH": "1700000000", "KAARTEN_PDF": "0"})
    assert run.returncode == 0, run.stderr
    assert "<lastmod>2023-11-14</lastmod>" in (sample / "site" / "sitemap.xml").read_text()
    gz = (sample / "site" / "sitemap.xml.gz").read_bytes()
    assert int.from_bytes(gz[4:8], "little") == 1699920000  # midnight of that day, as MkDocs does


@pytest.mark.parametrize(
    ("card", "expected"),
    [
        (FIXTURES / "invalid" / "python-tag.md", "cards/python-tag.md, regel 2: de YAML-tag"),
        (FIXTURES / "invalid" / "latin1.md", "cards/latin1.md, regel 4: het bestand is niet"),
        (
            FIXTURES / "invalid" / "tab-indent.md",
            "cards/tab-indent.md, regel 6, leader.name: de opmaak",
        ),
        (FIXTURES / "invalid" / "alias-bomb.md", "cards/alias-bomb.md: het bestand wordt te groot"),
        (HOSTILE / "refused" / "script-tag.md", "cards/script-tag.md, regel 8, tekst: <script>"),
        (HOSTILE / "refused" / "markdown-javascript-link.md", "regel 6, tekst: de link"),
    ],
)
def test_mkdocs_build_fails_with_the_validate_message(
    card: Path, expected: str, sample: Path
) -> None:
    shutil.copy(card, sample / "cards")
    run = mkdocs_build_process(sample)
    assert run.returncode == 1
    assert expected in run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    validate = CliRunner().invoke(main, ["--project", str(sample), "validate"])
    problem_lines = [line for line in validate.output.splitlines() if line.startswith("  - ")]
    assert problem_lines and all(line in run.stderr for line in problem_lines)
    assert not (sample / "site" / "index.html").exists()


def test_bom_and_crlf_are_accepted(sample: Path) -> None:
    card = (
        "---\ntitle: Windows\ncategory: new\nsummary: Opgeslagen in Kladblok.\n---\n"
        "## Kop\n\nTekst é.\n"
    )
    (sample / "cards" / "windows.md").write_bytes(
        b"\xef\xbb\xbf" + card.replace("\n", "\r\n").encode("utf-8")
    )
    site = build(sample)
    body = page(site, "projecten/windows/index.html").select_one(".e071-card__body")
    assert body.h2.get_text().removesuffix("¶") == "Kop" and "Tekst é." in body.get_text()
    # Lines are still counted right in such a file.
    (sample / "cards" / "windows.md").write_bytes(
        b"\xef\xbb\xbf" + card.replace("new", "nieuw").replace("\n", "\r\n").encode("utf-8")
    )
    with pytest.raises(ContentError) as caught:
        load_publication(sample)
    assert str(caught.value.problems[0]).startswith("cards/windows.md, regel 3, category:")


def test_a_card_over_the_size_limit_is_refused(sample: Path) -> None:
    text = "---\ntitle: Lang\ncategory: new\nsummary: Te lang.\n---\n" + "Tekst. " * 40_000
    (sample / "cards" / "lang.md").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_publication(sample)
    assert str(caught.value.problems[0]) == (
        "cards/lang.md: het bestand is 273 kB; het mag hoogstens 256 kB zijn. "
        "Maak de tekst korter of verdeel hem."
    )


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("partners.yaml", b"- gemeente Leiden\n", "data/partners.yaml, regel 1: verwacht velden"),
        ("edition.yaml", b"", "data/edition.yaml: het bestand is leeg"),
        ("index071.yaml", b"name: Index\xe9\n", "data/index071.yaml, regel 1: het bestand is"),
        ("programme.yaml", b"name: !!python/object/new:os.system [id]\n", "'!!python/object"),
        ("index071.yaml", b"parameters: [1, 2]\n", "data/index071.yaml, regel 1, parameters:"),
    ],
)
def test_a_data_file_of_the_wrong_shape_is_refused(
    name: str, content: bytes, expected: str, sample: Path
) -> None:
    (sample / "data" / name).write_bytes(content)
    with pytest.raises(ContentError) as caught:
        load_publication(sample)
    assert expected in caught.value.report()
    assert "Traceback" not in caught.value.report()


def test_the_macros_plugin_is_locked_down(sample: Path) -> None:
    config = load_config(str(sample / "mkdocs.yml"))
    macros = config.plugins["macros"].config
    assert macros["render_by_default"] is False
    assert macros["on_error_fail"] is True
    assert macros["on_undefined"] == "strict"
    assert macros["include_yaml"] == [] and macros["modules"] == []
    assert macros["force_render_paths"] == "" and macros["include_dir"] == ""
    assert all(value in ("", []) for key, value in macros.items() if key.startswith("j2_"))
    assert config.extra == {}


def test_an_undefined_name_in_a_bureau_page_fails_the_build(sample: Path) -> None:
    page_file = sample / "docs" / "index071.md"
    page_file.write_text(
        page_file.read_text(encoding="utf-8") + "\n{{ niet_bestaand }}\n", encoding="utf-8"
    )
    assert mkdocs_build_process(sample).returncode != 0


def test_a_card_can_never_switch_macros_on(sample: Path) -> None:
    """The card's front matter never becomes page meta: the page's own header is fixed."""
    (sample / "cards" / "beta-project.md").write_text(
        "---\ntitle: Beta\ncategory: new\nsummary: x\n---\n---\nrender_macros: true\n---\n"
        "{{ config.site_name }}\n",
        encoding="utf-8",
    )
    site = build(
        sample, pdf=False
    )  # print: test_pdf.py::test_card_text_is_never_a_template_in_print
    text = page(site, "projecten/beta-project/index.html").select_one(".e071-card__body")
    assert "{{ config.site_name }}" in text.get_text()
