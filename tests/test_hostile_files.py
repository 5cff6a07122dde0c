"""Hostile files, not hostile text: symlinks, loops, FIFOs, devices and a `site` that points
elsewhere. Each attack is refused by `kaarten validate` and `mkdocs build` with a Dutch message
naming the file, before anything is read, published or deleted. Then what validation passed but
the build refused (relative links, anchors, a card named index.md), and messages that named the
wrong thing or line (alias bomb, `file:` links, hidden cards, long titles).

The links are made in tmp_path at test time: committed as fixtures, they would be refused by
the very checks they test. Cards with hostile paths are in tests/fixtures/hostile/paths/.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from macros.cli import main
from macros.files import read_source, site_dir_problems, source_problems
from macros.loader import load_publication
from macros.problems import ContentError
from macros.source import MAX_FILE_BYTES, SourceProblem

from .conftest import FIXTURES, HOSTILE, mkdocs_build_process

SECRET = "extraheader = AUTHORIZATION: basic geheim-token-0123456789"
LINK_WORDS = "een symbolische link (symlink) naar"


def _outside(tmp_path: Path) -> Path:
    """A folder next to the project, with a secret and a valid card in it."""
    folder = tmp_path / "outside"
    (folder / "cards").mkdir(parents=True)
    (folder / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    shutil.copy(FIXTURES / "project" / "cards" / "alpha-project.md", folder / "cards" / "x.md")
    card = (folder / "cards" / "x.md").read_text(encoding="utf-8")
    (folder / "cards" / "x.md").write_text(card + f"\n{SECRET}\n", encoding="utf-8")
    return folder


def _git_config(project: Path) -> Path:
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text(f"[http]\n\t{SECRET}\n", encoding="utf-8")
    return project / ".git" / "config"


def _chapter_to_git_config(project: Path, outside: Path) -> str:
    _git_config(project)
    (project / "docs" / "geheim.md").symlink_to("../.git/config")
    return "docs/geheim.md"


def _chapter_to_etc_passwd(project: Path, outside: Path) -> str:
    # A chapter the edition prints: the PDF would carry the file.
    (project / "docs" / "voorwoord.md").unlink()
    (project / "docs" / "voorwoord.md").symlink_to("/etc/passwd")
    return "docs/voorwoord.md"


def _asset(project: Path, outside: Path) -> str:
    (project / "docs" / "assets" / "logo.png").symlink_to(outside / "secret.txt")
    return "docs/assets/logo.png"


def _card(project: Path, outside: Path) -> str:
    (project / "cards" / "extern.md").symlink_to(outside / "cards" / "x.md")
    return "cards/extern.md"


def _dangling_card(project: Path, outside: Path) -> str:
    (project / "cards" / "weg.md").symlink_to(outside / "bestaat-niet.md")
    return "cards/weg.md"


def _cards_folder(project: Path, outside: Path) -> str:
    shutil.rmtree(project / "cards")
    (project / "cards").symlink_to(outside / "cards", target_is_directory=True)
    return "cards/"


def _data_file(project: Path, outside: Path) -> str:
    shutil.copy(project / "data" / "events.yaml", outside / "events.yaml")
    (project / "data" / "events.yaml").unlink()
    (project / "data" / "events.yaml").symlink_to(outside / "events.yaml")
    return "data/events.yaml"


def _loop(project: Path, outside: Path) -> str:
    # Without the check, MkDocs walks docs/a/b/a/b/… until memory runs out.
    (project / "docs" / "a").symlink_to(".", target_is_directory=True)
    (project / "docs" / "b").symlink_to(".", target_is_directory=True)
    return "docs/a"


def _theme_override(project: Path, outside: Path) -> str:
    partial = project / "overrides" / "partials" / "copyright.html"
    partial.unlink(missing_ok=True)  # the project overrides this partial itself
    partial.symlink_to(outside / "secret.txt")
    return "overrides/partials/copyright.html"


def _frozen_pdf(project: Path, outside: Path) -> str:
    # A published edition's PDF is copied into the site as it is: a link would publish its target.
    folder = project / "editions" / "2023-06"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "projectoverzicht.pdf").symlink_to(outside / "secret.txt")
    return "editions/2023-06/projectoverzicht.pdf"


ATTACKS: dict[str, Callable[[Path, Path], str]] = {
    "chapter-to-git-config": _chapter_to_git_config,
    "chapter-to-etc-passwd": _chapter_to_etc_passwd,
    "asset": _asset,
    "card": _card,
    "dangling-card": _dangling_card,
    "cards-folder": _cards_folder,
    "data-file": _data_file,
    "loop": _loop,
    "theme-override": _theme_override,
    "frozen-pdf": _frozen_pdf,
}


def _validate(project: Path):
    return CliRunner().invoke(main, ["--project", str(project), "validate"])


def _build(project: Path) -> subprocess.CompletedProcess:
    try:
        return mkdocs_build_process(project, timeout=120)
    except subprocess.TimeoutExpired:  # pragma: no cover - the failure this test exists for
        pytest.fail("mkdocs build hangs")


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_a_symlink_is_refused_before_anything_is_read(
    attack: str, sample: Path, tmp_path: Path
) -> None:
    rel = ATTACKS[attack](sample, _outside(tmp_path))
    expected = f"{rel}: {'deze map is' if rel.endswith('/') else 'dit is'} {LINK_WORDS}"

    validate = _validate(sample)
    assert validate.exit_code == 1
    assert expected in validate.output, validate.output
    assert "Traceback" not in validate.output
    with pytest.raises(ContentError) as caught:
        load_publication(sample)
    assert next(p.file for p in caught.value.problems if LINK_WORDS in p.message) == rel
    pdf = CliRunner().invoke(main, ["--project", str(sample), "pdf"])
    assert pdf.exit_code == 1 and expected in pdf.output, pdf.output
    assert not (sample / "projectoverzicht.pdf").exists()

    run = _build(sample)
    assert run.returncode == 1
    assert "De site wordt niet gebouwd." in run.stderr
    assert expected in run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    site = sample / "site"
    assert not (site / "index.html").exists()
    published = [p for p in site.rglob("*") if p.is_file()] if site.exists() else []
    assert all(SECRET.encode() not in p.read_bytes() for p in published)


def test_every_link_is_listed_at_once(sample: Path, tmp_path: Path) -> None:
    outside = _outside(tmp_path)
    expected = sorted(ATTACKS[name](sample, outside) for name in ("asset", "card", "loop"))
    found = [p.file for p in source_problems(sample)]
    assert found == sorted([*expected, "docs/b"])


def test_mkdocs_serve_stops_on_a_symlink_loop_instead_of_hanging(sample: Path) -> None:
    _loop(sample, sample)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    try:
        run = subprocess.run(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=sample,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    except subprocess.TimeoutExpired:  # pragma: no cover
        pytest.fail("mkdocs serve hangs on a symlink loop")
    assert run.returncode == 1
    assert f"docs/a: dit is {LINK_WORDS} '.'" in run.stderr
    assert "Traceback" not in run.stderr


# --- FIFOs and devices -------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_card_is_refused_without_blocking(sample: Path) -> None:
    os.mkfifo(sample / "cards" / "pijp.md")
    validate = _validate(sample)
    assert validate.exit_code == 1
    assert "cards/pijp.md: dit is geen gewoon bestand maar een named pipe (FIFO)" in validate.output
    run = _build(sample)
    assert run.returncode == 1 and "cards/pijp.md: dit is geen gewoon bestand" in run.stderr


def test_a_card_pointing_at_dev_zero_is_refused(sample: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    (sample / "cards" / "nul.md").symlink_to("/dev/zero")
    validate = _validate(sample)
    assert validate.exit_code == 1
    assert f"cards/nul.md: dit is {LINK_WORDS} '/dev/zero'" in validate.output


def test_read_source_refuses_what_slips_past_the_scan(tmp_path: Path) -> None:
    """The second line of defence: a file swapped in after the scan is still never read."""
    with pytest.raises(SourceProblem) as caught:
        read_source(Path("/dev/zero"), "cards/nul.md")
    assert "geen gewoon bestand maar een apparaat" in str(caught.value)
    (tmp_path / "link.md").symlink_to("/etc/passwd")
    with pytest.raises(SourceProblem) as caught:
        read_source(tmp_path / "link.md", "cards/link.md")
    assert LINK_WORDS in str(caught.value)
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pijp.md")
        with pytest.raises(SourceProblem) as caught:
            read_source(tmp_path / "pijp.md", "cards/pijp.md")
        assert "named pipe (FIFO)" in str(caught.value)
    (tmp_path / "groot.md").write_bytes(b"x" * (MAX_FILE_BYTES + 1))
    with pytest.raises(SourceProblem) as caught:
        read_source(tmp_path / "groot.md", "cards/groot.md")
    assert "het mag hoogstens 256 kB zijn" in str(caught.value)
    (tmp_path / "klein.md").write_bytes(b"---\n")
    assert read_source(tmp_path / "klein.md", "cards/klein.md") == b"---\n"


# --- the site folder ---------------------------------------------------------------------------


def _victim(tmp_path: Path) -> Path:
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "precious.txt").write_text("keep me\n", encoding="utf-8")
    return victim


def test_a_site_symlink_is_refused_and_its_target_survives(sample: Path, tmp_path: Path) -> None:
    victim = _victim(tmp_path)
    (sample / "site").symlink_to(victim, target_is_directory=True)
    run = _build(sample)
    assert run.returncode == 1
    assert f"site: de bouwmap is {LINK_WORDS} '{victim}'" in run.stderr
    assert "Traceback" not in run.stderr
    assert sorted(p.name for p in victim.iterdir()) == ["precious.txt"]
    assert (victim / "precious.txt").read_text(encoding="utf-8") == "keep me\n"


def test_a_symlinked_folder_above_the_site_is_refused(sample: Path, tmp_path: Path) -> None:
    victim = _victim(tmp_path)
    (sample / "build").symlink_to(victim, target_is_directory=True)
    (victim / "site").mkdir()
    (victim / "site" / "precious.txt").write_text("keep me\n", encoding="utf-8")
    # A relative -d, as an editor types it: the message names it as given.
    run = mkdocs_build_process(sample, timeout=120, site_dir=Path("build/site"))
    assert run.returncode == 1
    assert f"build/site: de bouwmap ligt in build/, en dat is {LINK_WORDS}" in run.stderr
    assert (victim / "site" / "precious.txt").exists()


@pytest.mark.parametrize(
    ("where", "words"),
    [
        ("data/site", "de bouwmap ligt in data/, waar de bronbestanden staan"),
        ("macros/site", "de bouwmap ligt in macros/"),
        (".", "de bouwmap is de projectmap zelf of een map daarboven"),
    ],
)
def test_a_site_among_the_sources_is_refused(where: str, words: str, sample: Path) -> None:
    problems = site_dir_problems(sample, sample / where)
    assert len(problems) == 1 and words in problems[0].message


def test_a_site_outside_the_project_must_be_new_empty_or_an_earlier_build(
    sample: Path, tmp_path: Path
) -> None:
    victim = _victim(tmp_path)
    problems = site_dir_problems(sample, victim)
    assert [str(p) for p in problems] == [
        f"{victim}: de bouwmap ligt buiten het project en bevat al bestanden die geen eerdere "
        "build zijn; een build maakt de bouwmap eerst leeg. Kies een lege of nieuwe map"
    ]
    run = mkdocs_build_process(sample, {"KAARTEN_PDF": "0"}, timeout=120, site_dir=victim)
    assert run.returncode == 1 and "bevat al bestanden die geen eerdere build zijn" in run.stderr
    assert sorted(p.name for p in victim.iterdir()) == ["precious.txt"]
    # A new folder, then the same folder again (an earlier build), are fine.
    out = tmp_path / "out"
    assert site_dir_problems(sample, out) == []
    for _ in range(2):
        run = mkdocs_build_process(sample, {"KAARTEN_PDF": "0"}, timeout=300, site_dir=out)
        assert run.returncode == 0, run.stderr
        assert (out / "index.html").is_file()


# --- hidden files ------------------------------------------------------------------------------


def test_hidden_markdown_in_cards_is_reported_and_never_a_card(sample: Path) -> None:
    shutil.copy(sample / "cards" / "alpha-project.md", sample / "cards" / ".verborgen.md")
    (sample / "cards" / ".md").write_text("x", encoding="utf-8")
    (sample / "cards" / ".gitkeep").write_text("", encoding="utf-8")
    validate = _validate(sample)
    assert validate.exit_code == 1
    problems = [line for line in validate.output.splitlines() if line.startswith("  - ")]
    assert [line.split(":")[0] for line in problems] == ["  - cards/.md", "  - cards/.verborgen.md"]
    assert all("de naam begint met een punt" in line for line in problems)


def test_kaarten_diff_treats_hidden_files_as_the_build_does(tmp_path: Path) -> None:
    from .test_diff import diff, fixture_repo, git

    repo = fixture_repo(tmp_path)
    shutil.copy(repo / "cards" / "alpha-project.md", repo / "cards" / ".x.md")
    (repo / "cards" / ".gitkeep").write_text("", encoding="utf-8")
    result = diff(repo, "HEAD")
    assert result.exit_code == 0, result.output
    assert ".x.md" not in result.output and "Nieuwe kaarten" not in result.output
    assert "**Let op:** in `werkmap` zijn niet alle bestanden geldig" in result.output
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "tweede")
    committed = diff(repo, "HEAD~1", "HEAD")
    assert ".x.md" not in committed.output and "Nieuwe kaarten" not in committed.output
    assert "**Let op:** in `HEAD` zijn niet alle bestanden geldig" in committed.output


# --- what MkDocs would refuse at a card's page: relative paths and the address -----------------

PATHS = FIXTURES / "hostile" / "paths"
# line -> words of the message, for tests/fixtures/hostile/paths/relative-links.md
RELATIVE_LINKS = {
    8: "de link '../programma/' wijst naar een map of naar een pagina zonder '.md'",
    9: "de link 'bestaat-niet.md' wijst naar docs/projecten/bestaat-niet.md, maar dat bestand",
    10: "de link '../../README.md' wijst buiten de site",
    11: "de afbeelding '../assets/foto.png' wijst naar docs/assets/foto.png, maar dat bestand",
    12: "de afbeelding 'foto.png' wijst naar docs/projecten/foto.png",
    13: "de link '../inleiding.html' staat in HTML; zo'n relatief pad wordt op de site niet",
    14: "de link 'bestaat-niet.md' wijst naar docs/projecten/bestaat-niet.md",
}


def _refused_at_lines(sample: Path, card: str, expected: dict[int, str]) -> ContentError:
    """Add a card of PATHS to the project: it is refused at exactly these lines, in these words."""
    shutil.copy(PATHS / card, sample / "cards")
    with pytest.raises(ContentError) as caught:
        load_publication(sample)
    found = {p.line: p.message for p in caught.value.problems}
    assert sorted(found) == sorted(expected), caught.value.report()
    for line, words in expected.items():
        assert words in found[line]
    return caught.value


def test_relative_links_the_build_cannot_find_are_refused_each_at_its_line(sample: Path) -> None:
    refused = _refused_at_lines(sample, "relative-links.md", RELATIVE_LINKS)
    assert {(p.file, p.field) for p in refused.problems} == {("cards/relative-links.md", "tekst")}
    run = _build(sample)
    assert run.returncode == 1
    assert "cards/relative-links.md, regel 9, tekst: de link 'bestaat-niet.md'" in run.stderr
    assert "not found among documentation files" not in run.stderr  # ours, in Dutch, first


def test_relative_links_the_build_finds_pass_and_build_strict(sample: Path) -> None:
    shutil.copy(PATHS / "good-links.md", sample / "cards")
    # The image the editors' guide tells them to put in docs/assets/ (a 1×1 PNG).
    (sample / "docs" / "assets" / "foto.png").write_bytes(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c63f8cfc0f01f0005000201e2211bc50000000049454e44ae426082"
        )
    )
    load_publication(sample)
    run = _build(sample)
    assert run.returncode == 0, run.stderr
    html = (sample / "site" / "projecten" / "good-links" / "index.html").read_text("utf-8")
    for href in ('"../../programma/"', '"../alpha-project/"', '"../../partners/gemeente-leiden/"'):
        assert f"href={href}" in html
    assert 'src="../../assets/foto.png"' in html
    assert (sample / "site" / "assets" / "foto.png").is_file()
    links = CliRunner().invoke(main, ["--project", str(sample), "links", str(sample / "site")])
    assert links.exit_code == 0, links.output


ANCHOR_LINKS = {
    11: "de link '#mijlpalen' wijst naar een kop op deze pagina, maar de tekst van de kaart heeft "
    "geen kop of anker '#mijlpalen'",
    12: "geen kop of anker '#eerste-kopp'. Een kop '## Mijn kop' heet '#mijn-kop'; de vaste "
    "onderdelen van de kaart (zoals Mijlpalen) zijn zo niet te bereiken; bedoelde je "
    "'#eerste-kop'?",
    13: "de link 'beta-project.md#doel': de pagina projecten/beta-project.md heeft geen kop of "
    "anker '#doel'",
    14: "de link '../voorwoord.md#nergens': de pagina voorwoord.md heeft geen kop of anker "
    "'#nergens'",
    15: "de pagina partners/gemeente-leiden.md heeft geen kop of anker '#projecten'",
}


def test_links_to_anchors_the_build_cannot_find_are_refused(sample: Path) -> None:
    _refused_at_lines(sample, "anchor-links.md", ANCHOR_LINKS)


def test_the_anchor_check_agrees_with_mkdocs(sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With our check switched off, MkDocs itself warns about exactly the refused anchors."""
    import logging

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    import macros.loader

    shutil.copy(PATHS / "anchor-links.md", sample / "cards")
    monkeypatch.setattr(macros.loader, "card_problems", lambda *args: [])
    monkeypatch.setenv("KAARTEN_PDF", "0")
    warnings: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: warnings.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        mkdocs_build(load_config(str(sample / "mkdocs.yml"), site_dir=str(sample / "site")))
    finally:
        logger.removeHandler(handler)
    warned = sorted(re.findall(r"contains a link '([^']+)'", "\n".join(warnings)))
    # A page that calls macros is not checked (its headings may come from a macro), so MkDocs
    # has the last word there.
    warned.remove("../programma.md#wat-de-macro-maakt")
    monkeypatch.undo()
    with pytest.raises(ContentError) as caught:
        load_publication(sample)
    problems = caught.value.problems
    refused = sorted(re.match(r"de link '([^']+)'", p.message).group(1) for p in problems)
    assert warned == refused
    assert len(refused) == len(ANCHOR_LINKS)


def test_a_card_named_index_is_refused(sample: Path) -> None:
    shutil.copy(PATHS / "index.md", sample / "cards")
    validate = _validate(sample)
    assert validate.exit_code == 1
    assert (
        "cards/index.md: de kaart zou het webadres /projecten/ krijgen, maar dat is van "
        "docs/projecten/index.md, het overzicht van alle projecten" in validate.output
    )
    run = _build(sample)
    assert run.returncode == 1 and "cards/index.md: de kaart zou het webadres" in run.stderr


def test_generated_files_a_card_may_link_to_are_the_ones_the_build_adds() -> None:
    from macros.card_links import GENERATED_FILES
    from macros.site_views import AGENDA_FEED

    assert GENERATED_FILES == (AGENDA_FEED,)


# --- messages that named the wrong thing or the wrong line --------------------------------------


def test_every_file_link_is_reported_at_its_own_line(sample: Path) -> None:
    shutil.copy(PATHS / "file-links.md", sample / "cards")
    with pytest.raises(ContentError) as caught:
        load_publication(sample)
    found = [(p.line, p.message.split(" is niet")[0]) for p in caught.value.problems]
    assert found == [
        (8, "de link 'file:///etc/passwd'"),
        (10, "de link 'file:///etc/shadow'"),
        (12, "de afbeelding 'file:///etc/hostname'"),
        (14, "de link 'file:///etc/hosts'"),
        (
            16,
            "de afbeelding 'https://example.org/a.png' staat op een andere website; zet "
            "afbeeldingen in de site zelf en verwijs ernaar met een relatief pad",
        ),
        (
            17,
            "de afbeelding 'https://example.org/b.png' staat op een andere website; zet "
            "afbeeldingen in de site zelf en verwijs ernaar met een relatief pad",
        ),
    ]


def test_thousands_of_milestones_are_not_an_alias_bomb(sample: Path) -> None:
    """A long card is bounded by the file size; only aliases count towards the alias limit."""
    lines = ["---", "title: Veel mijlpalen", "category: running", "summary: Heel veel."]
    lines.append("milestones:")
    lines += [f"  - {{date: 2024-01-01, title: Mijlpaal {n}}}" for n in range(5_000)]
    (sample / "cards" / "veel-mijlpalen.md").write_text("\n".join([*lines, "---", ""]), "utf-8")
    publication = load_publication(sample)
    assert len(publication.card("veel-mijlpalen").milestones) == 5_000
    # The bombs of the corpus still fail, with the message about aliases.
    bombs = [FIXTURES / "invalid" / "alias-bomb.md", HOSTILE / "refused" / "billion-laughs.md"]
    for bomb in bombs:
        shutil.copy(bomb, sample / "cards")
    with pytest.raises(ContentError) as caught:
        load_publication(sample)
    assert [p.file for p in caught.value.problems] == [f"cards/{b.name}" for b in bombs]
    assert all("te groot door verwijzingen" in p.message for p in caught.value.problems)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Een heel lange titel " * 15, "een-heel-lange-titel-een-heel-lange-titel-een-heel-lange"),
        ("x" * 300, "x" * 60),
        ("Kort", "kort"),
    ],
)
def test_kaarten_new_shortens_a_long_title_to_a_readable_file_name(
    title: str, expected: str, sample: Path
) -> None:
    result = CliRunner().invoke(main, ["--project", str(sample), "new", title, "-c", "new"])
    assert result.exit_code == 0, result.output
    assert f"Nieuwe kaart: cards/{expected}.md" in result.output
    # The title stays whole in the card; only the file name is cut.
    text = (sample / "cards" / f"{expected}.md").read_text(encoding="utf-8")
    assert f"title: {json.dumps(title, ensure_ascii=False)}\n" in text


def test_folders_nested_too_deep_are_refused_before_mkdocs_walks_them(sample: Path) -> None:
    """MkDocs walks docs/ recursively and dies with a RecursionError about a thousand levels
    down; the scan is iterative and stops at MAX_DEPTH."""
    from macros.files import MAX_DEPTH

    folder = sample / "docs"
    for _ in range(MAX_DEPTH + 3):
        folder = folder / "a"
        folder.mkdir()
    (folder / "diep.md").write_text("# Diep\n", encoding="utf-8")
    deepest = "docs/" + "a/" * (MAX_DEPTH + 1)
    validate = _validate(sample)
    assert validate.exit_code == 1
    assert f"{deepest}: de mappen in docs/ liggen hier meer dan {MAX_DEPTH} niveaus" in (
        validate.output
    )
    run = _build(sample)
    assert run.returncode == 1 and f"{deepest}: de mappen in docs/" in run.stderr
    assert "Traceback" not in run.stderr


def test_a_file_name_that_is_not_utf8_is_refused_instead_of_crashing_mkdocs(
    sample: Path,
) -> None:
    try:
        with open(os.fsencode(sample / "docs") + b"/\xffgek.md", "wb") as handle:
            handle.write(b"# Gek\n")
    except OSError:  # pragma: no cover - file systems that only store UTF-8 names
        pytest.skip("this file system refuses names that are not UTF-8")
    expected = "docs/\\udcffgek.md: de naam van dit bestand of deze map is geen UTF-8"
    validate = _validate(sample)
    assert validate.exit_code == 1 and expected in validate.output, validate.output
    run = _build(sample)
    assert run.returncode == 1 and expected in run.stderr
    assert "Traceback" not in run.stderr
