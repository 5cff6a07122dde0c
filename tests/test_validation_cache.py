"""The validation cache never lets an invalid project pass, and parallel checks change nothing.

Every test points the cache at its own folder (KAARTEN_CACHE), fills it with a first run, then
changes what the outcome depends on and checks that the next run sees the change.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from macros import card_batch, loader, validation_cache
from macros.cli import main
from macros.loader import load_publication
from macros.problems import ContentError
from macros.source import split_card

from .conftest import FIXTURES, edit


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KAARTEN_CACHE", str(tmp_path / "cache"))
    copy = tmp_path / "project"
    shutil.copytree(FIXTURES / "project", copy)
    return copy


def _validate(project: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--project", str(project), "validate"])
    return result.exit_code, result.output


def _entries(cache: Path) -> list[tuple[str, str]]:
    """(kind, value) of every entry in the cache's database."""
    database = cache / validation_cache.DATABASE
    if not database.exists():
        return []
    with sqlite3.connect(database) as connection:
        return list(connection.execute("SELECT kind, value FROM entries"))


def _count_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    checked: list[str] = []
    original = card_batch.check_card

    def counting(path: Path, rel: str, render: bool) -> dict:
        checked.append(rel)
        return original(path, rel, render)

    monkeypatch.setattr(card_batch, "check_card", counting)
    return checked


def test_an_unchanged_card_is_not_checked_again(project: Path, monkeypatch) -> None:
    checked = _count_checks(monkeypatch)
    first = load_publication(project)
    assert len(checked) == len(first.cards) == 3
    checked.clear()
    second = load_publication(project)
    assert checked == []
    assert [c.model_dump() for c in second.cards] == [c.model_dump() for c in first.cards]
    # One changed card is the only one checked again.
    card = project / "cards" / "beta-project.md"
    edit(card, "Beta", "Bèta")
    load_publication(project)
    assert checked == ["cards/beta-project.md"]


def test_a_content_change_that_breaks_a_card_is_reported(project: Path) -> None:
    assert _validate(project)[0] == 0
    card = project / "cards" / "alpha-project.md"
    card.write_text(card.read_text(encoding="utf-8") + "\n<script>x</script>\n")
    code, output = _validate(project)
    assert code == 1 and "cards/alpha-project.md" in output and "<script>" in output
    # The same bytes again: the cached outcome is the same failure, not a pass.
    code_again, output_again = _validate(project)
    assert (code_again, output_again) == (code, output)


def test_a_data_change_breaks_a_cross_check_despite_cached_cards(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _validate(project)[0] == 0
    partners = project / "data" / "partners.yaml"
    text = partners.read_text(encoding="utf-8")
    partners.write_text(
        "\n".join(line for line in text.splitlines() if "gemeente-leiden" not in line) + "\n"
    )
    code, output = _validate(project)
    assert code == 1
    assert "'Gemeente Leiden' staat niet in data/partners.yaml" in output
    # Line and field are those of an uncached run: the cached card knows its partner lines.
    monkeypatch.setenv("KAARTEN_CACHE", "off")
    assert _validate(project) == (code, output)
    assert "cards/alpha-project.md, regel 19, partners[1]" in output


def test_a_new_validator_version_checks_everything_again(project: Path, monkeypatch) -> None:
    load_publication(project)
    checked = _count_checks(monkeypatch)
    monkeypatch.setattr(validation_cache, "validator_version", lambda: "another version")
    load_publication(project)
    assert len(checked) == 3


def test_the_version_follows_our_code(monkeypatch, tmp_path: Path) -> None:
    package = tmp_path / "macros"
    shutil.copytree(validation_cache.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(validation_cache, "PACKAGE", package)
    validation_cache.validator_version.cache_clear()
    before = validation_cache.validator_version()
    (package / "html_policy.py").write_text(
        (package / "html_policy.py").read_text(encoding="utf-8") + "\n# changed\n"
    )
    validation_cache.validator_version.cache_clear()
    try:
        assert validation_cache.validator_version() != before
    finally:
        monkeypatch.undo()
        validation_cache.validator_version.cache_clear()


def test_a_damaged_entry_is_a_miss(project: Path, tmp_path: Path) -> None:
    assert _validate(project)[0] == 0
    cache = tmp_path / "cache"
    assert _entries(cache)
    with sqlite3.connect(cache / validation_cache.DATABASE) as connection:
        connection.execute("UPDATE entries SET value = '{niet: json'")
    assert _validate(project)[0] == 0
    card = project / "cards" / "gamma-project.md"
    edit(card, "category:", "categorie:")
    assert _validate(project)[0] == 1


def test_a_damaged_database_is_replaced(project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / validation_cache.DATABASE).write_bytes(b"dit is geen database" * 100)
    validation_cache._store.connection = None  # as a new process would
    assert _validate(project)[0] == 0
    assert _entries(cache)  # a new, working database
    card = project / "cards" / "gamma-project.md"
    edit(card, "category:", "categorie:")
    assert _validate(project)[0] == 1


def test_the_cache_can_be_turned_off(project: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("KAARTEN_CACHE", "off")
    assert _validate(project)[0] == 0
    assert not (tmp_path / "cache").exists()
    assert not list(project.rglob("*.json")) and not list(project.rglob("*.sqlite3"))


def test_the_cache_folder_constants_match_the_loader() -> None:
    from macros.editions.records import ARCHIVE_DIR

    assert card_batch.PROJECT_FOLDERS == (
        loader.CARDS_DIR,
        loader.DATA_DIR,
        loader.DOCS_DIR,
        ARCHIVE_DIR,
    )


def test_a_chapter_change_breaks_a_card_link_despite_the_cache(project: Path) -> None:
    card = project / "cards" / "alpha-project.md"
    card.write_text(card.read_text(encoding="utf-8") + "\nZie [het voorwoord](../voorwoord.md).\n")
    assert _validate(project)[0] == 0
    (project / "docs" / "voorwoord.md").unlink()
    code, output = _validate(project)
    assert code == 1 and "cards/alpha-project.md" in output


def test_checks_over_several_processes_give_the_same_result(project: Path, monkeypatch) -> None:
    monkeypatch.setenv("KAARTEN_CACHE", "off")
    shutil.copy(FIXTURES / "invalid" / "bad-date.md", project / "cards")
    with pytest.raises(ContentError) as sequential:
        load_publication(project)
    monkeypatch.setattr(card_batch, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(card_batch.os, "cpu_count", lambda: 2)
    with pytest.raises(ContentError) as parallel:
        load_publication(project)
    assert parallel.value.problems == sequential.value.problems


def test_a_build_with_a_warm_cache_still_refuses_a_card_made_invalid(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from .conftest import make_project, mkdocs_build_process

    cache = tmp_path / "cache"
    sample = make_project(tmp_path / "site-project", FIXTURES / "project")
    env = {"KAARTEN_CACHE": str(cache), "KAARTEN_PDF": "0"}
    assert mkdocs_build_process(sample, env).returncode == 0
    assert {kind for kind, _value in _entries(cache)} >= {"card-v3"}  # the build filled it
    card = sample / "cards" / "beta-project.md"
    card.write_text(card.read_text(encoding="utf-8") + "\n<iframe src='x'></iframe>\n")
    run = mkdocs_build_process(sample, env)
    assert run.returncode == 1
    assert "cards/beta-project.md" in run.stderr and "<iframe> is niet toegestaan" in run.stderr


def test_the_link_check_reuses_the_render_of_the_html_check(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from macros import card_links

    alpha = project / "cards" / "alpha-project.md"
    alpha.write_text(
        alpha.read_text(encoding="utf-8")
        + "\nZie [beta](beta-project.md#bestaat-niet) en <a href='gamma-project.md'>gamma</a>.\n",
        encoding="utf-8",
    )
    rendered: list[str] = []
    original = card_links.render
    monkeypatch.setattr(card_links, "render", lambda text: rendered.append(text) or original(text))
    with pytest.raises(ContentError) as cold:
        load_publication(project)
    messages = [p.message for p in cold.value.problems if p.file == "cards/alpha-project.md"]
    assert any("geen kop of anker '#bestaat-niet'" in m for m in messages), messages
    assert any("'gamma-project.md' staat in HTML" in m for m in messages), messages
    # Alpha's body was rendered once, by the HTML check, and the link check took that render.
    # Beta's plain body needed no HTML check; the link check renders it once, for its anchors.
    beta = split_card((project / "cards" / "beta-project.md").read_text(encoding="utf-8"), "")[2]
    assert rendered == [beta]
    # From the cached card entries (a fresh process remembers nothing): the same problems.
    rendered.clear()
    monkeypatch.setattr(card_links, "_REMEMBERED", {})
    with pytest.raises(ContentError) as warm:
        load_publication(project)
    assert warm.value.problems == cold.value.problems
    assert rendered == [beta]


def test_the_cache_serves_other_threads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `mkdocs serve` rebuilds in a thread other than the one of the first build.
    import threading

    monkeypatch.setenv("KAARTEN_CACHE", str(tmp_path / "cache"))
    validation_cache.put("test", "sleutel", {"waarde": 1})
    found: list[object] = []
    thread = threading.Thread(target=lambda: found.append(validation_cache.get("test", "sleutel")))
    thread.start()
    thread.join()
    assert found == [{"waarde": 1}]
    assert validation_cache.get("test", "andere") is None


def test_an_unwritable_cache_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "bestand"
    blocked.write_text("geen map")
    monkeypatch.setenv("KAARTEN_CACHE", str(blocked / "cache"))
    validation_cache.put("test", "sleutel", {"waarde": 1})
    assert validation_cache.get("test", "sleutel") is None
    copy = tmp_path / "project"
    shutil.copytree(FIXTURES / "project", copy)
    assert _validate(copy)[0] == 0


def test_a_busy_database_is_left_alone(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another process holding the database (`mkdocs serve` beside `kaarten validate`) makes
    # opening it fail for a while: this run goes without the cache and the entries stay.
    assert _validate(project)[0] == 0
    cache = tmp_path / "cache"
    before = _entries(cache)

    def busy(path: Path) -> object:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(validation_cache, "_open", busy)
    validation_cache._store.pid = 0  # as a new process would
    assert _validate(project)[0] == 0
    monkeypatch.undo()
    assert before and _entries(cache) == before
