"""The kaarten plugin: registered, configured in mkdocs.yml, and fresh at every (re)build."""

from __future__ import annotations

import gc
import os
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from macros.site import collector
from macros.site.plugin import KaartenPlugin

from .conftest import build, mkdocs_build_process, page


def _set_option(project: Path, line: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      pdf: true" in text
    config.write_text(text.replace("      pdf: true", f"      {line}"), encoding="utf-8")


def _card_title(site: Path, slug: str) -> str:
    return page(site, f"projecten/{slug}/index.html").select_one(".e071-card h1").get_text()


def test_mkdocs_yml_lists_the_plugin_after_macros_and_no_hooks(sample: Path) -> None:
    config = load_config(str(sample / "mkdocs.yml"))
    names = list(config.plugins)
    assert isinstance(config.plugins["kaarten"], KaartenPlugin)
    assert names.index("kaarten") > names.index("macros")  # macros first, as the hooks ran
    assert config.hooks == {}
    assert config.plugins["kaarten"].config.pdf is True


def test_a_serve_rebuild_shows_the_edited_card(sample: Path) -> None:
    """What `mkdocs serve` does: one plugin instance, the config re-read at every rebuild."""
    site = sample / "site"
    config = load_config(str(sample / "mkdocs.yml"), site_dir=str(site))
    plugin = config.plugins["kaarten"]
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        mkdocs_build(config)
        assert _card_title(site, "alpha-project") == "Alpha project"

        card = sample / "cards" / "alpha-project.md"
        text = card.read_text(encoding="utf-8")
        card.write_text(text.replace("title: Alpha project", "title: Alpha herzien"), "utf-8")
        (sample / "cards" / "gamma-project.md").unlink()

        rebuilt = load_config(str(sample / "mkdocs.yml"), site_dir=str(site))
        assert rebuilt.plugins["kaarten"] is plugin  # MkDocs keeps it for the whole session
        mkdocs_build(rebuilt)
    finally:
        config.plugins.on_shutdown()
    assert _card_title(site, "alpha-project") == "Alpha herzien"
    assert not (site / "projecten" / "gamma-project").exists()
    overview = page(site, "projecten/index.html")
    titles = [a.get_text() for a in overview.select(".e071-group h3 a")]
    assert "Alpha herzien" in titles and "Alpha project" not in titles
    assert "Gamma project" not in overview.get_text()
    assert not (site / "projectoverzicht.pdf").exists()  # serve skips the PDF


def test_one_plugin_instance_builds_two_projects_apart(sample: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(sample, other, symlinks=True)
    shutil.rmtree(other / "cards")
    (other / "cards").mkdir()
    (other / "cards" / "omega.md").write_text(
        "---\ntitle: Omega\ncategory: completed\nsummary: Alleen deze.\n---\n", encoding="utf-8"
    )
    _set_option(other, "pdf: false")
    first = build(sample)
    second = build(other)
    assert sorted(p.parent.name for p in (second / "projecten").glob("*/index.html")) == ["omega"]
    assert _card_title(second, "omega") == "Omega"
    assert (first / "projectoverzicht.pdf").is_file()
    assert not (second / "projectoverzicht.pdf").exists()


def test_a_failed_build_leaves_nothing_behind_for_the_next(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    clash = sample / "docs" / "projecten" / "alpha-project.md"
    clash.parent.mkdir(parents=True, exist_ok=True)
    clash.write_text("# Handmatig\n", encoding="utf-8")
    with pytest.raises(Abort):
        build(sample)
    # The build date the plugin pinned in on_config is released again on the error, and the
    # objects it kept out of the garbage collector's view are given back.
    assert "SOURCE_DATE_EPOCH" not in os.environ
    assert gc.get_freeze_count() == 0
    clash.unlink()
    site = build(sample, pdf=False)
    assert _card_title(site, "alpha-project") == "Alpha project"
    assert "SOURCE_DATE_EPOCH" not in os.environ
    assert gc.get_freeze_count() == 0


def test_a_build_keeps_what_lives_until_its_end_out_of_the_collections(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    frozen: list[int] = []
    freeze = collector.freeze

    def counting_freeze() -> None:
        freeze()
        frozen.append(gc.get_freeze_count())

    monkeypatch.setattr(collector, "freeze", counting_freeze)
    build(sample, pdf=False)
    # Frozen after the cards are read and again after the pages are: the second holds more.
    assert len(frozen) == 2 and 0 < frozen[0] < frozen[1]
    assert gc.get_freeze_count() == 0  # a serve session frees each build's objects again


def test_option_pdf_false_turns_the_pdf_and_its_link_off(sample: Path) -> None:
    _set_option(sample, "pdf: false")
    site = build(sample)
    assert not (site / "projectoverzicht.pdf").exists()
    assert page(site, "index.html").find("a", string="Download als PDF") is None


def test_a_wrong_option_value_stops_the_build_without_traceback(sample: Path) -> None:
    _set_option(sample, "pdf: misschien")
    run = mkdocs_build_process(sample)
    assert run.returncode == 1
    assert "Plugin 'kaarten' option 'pdf'" in run.stderr
    assert "Traceback" not in run.stderr + run.stdout
