"""The agenda is right on the day it is read: built as of one day, read on a later one."""

from __future__ import annotations

import datetime as dt

import pytest

from .browser import needs_chromium, serve
from .conftest import FIXTURES, build, make_project

pytestmark = [pytest.mark.browser, needs_chromium]

BUILT = "1680307200"  # 1 April 2023: every fixture date is still to come
# The fixture's dates: 5 April, 3 July, 14 September and 22 November 2023.
READ_ON = dt.datetime(2023, 9, 20, 12, 0, tzinfo=dt.UTC)


def _sections(tab) -> dict[str, list[str]]:
    found = {}
    for section in ("binnenkort", "geweest"):
        listing = tab.locator(f'ol[data-agenda="{section}"]')
        found[section] = (
            listing.locator(".e071-agenda__title").all_inner_texts() if listing.is_visible() else []
        )
    return found


@pytest.fixture(scope="module")
def agenda_url(tmp_path_factory: pytest.TempPathFactory):
    project = make_project(tmp_path_factory.mktemp("agenda") / "project", FIXTURES / "project")
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", BUILT)
    try:
        site = build(project, pdf=False)  # the test reads the agenda page only
    finally:
        mp.undo()
    with serve(site) as url:
        yield url + "agenda/"


@pytest.mark.parametrize("javascript", [True, False])
def test_past_items_move_to_geweest_in_the_readers_browser(
    agenda_url: str, javascript: bool, chromium
):
    context = chromium.new_context(java_script_enabled=javascript, timezone_id="Europe/Amsterdam")
    try:
        tab = context.new_page()
        if javascript:
            tab.clock.set_fixed_time(READ_ON)
        tab.goto(agenda_url)
        sections = _sections(tab)
        as_of = tab.locator("[data-agenda-as-of]").inner_text()
    finally:
        context.close()
    if javascript:
        assert sections == {
            "binnenkort": ["Ondernemen in 071"],
            "geweest": ["Start van Beta", "Stuurgroep besluit over de opdracht", "Strategiesessie"],
        }
        assert as_of == "Stand van 20 september 2023."
    else:
        # Without JavaScript the page is as the build left it: correct as of the build date.
        assert sections == {
            "binnenkort": [
                "Strategiesessie",
                "Stuurgroep besluit over de opdracht",
                "Start van Beta",
                "Ondernemen in 071",
            ],
            "geweest": [],
        }
        assert as_of == "Stand van 1 april 2023."
