"""The partners' site: one page per partner, the agenda.ics feed and the CMS configuration.

The partner index, agenda and feed come from plain modules; the pages live only in the build
(`File.generated`), never in docs/.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from macros import site_views, views
from macros.agenda import agenda_items
from macros.cms import CONFIG_URI, cms_config_text
from macros.ical import agenda_ics, stamp
from macros.model import Partner
from macros.partners import partner_index
from macros.publication import Publication
from macros.render import render
from macros.site.pages import add_generated_page, generated_slug, project_root

GENERATED_BY = "economie071-partners"
PARTNER_DIR = "partners"
PARTNERS_SOURCE = "data/partners.yaml"


def add_cms_config(files: Files, config: MkDocsConfig) -> None:
    # The editing screen's configuration comes from the card model at every build, so it can
    # never fall behind the model, and nothing generated is ever written into docs/.
    files.append(File.generated(config, CONFIG_URI, content=cms_config_text(project_root(config))))


def add_partner_pages(files: Files, config: MkDocsConfig, pub: Publication) -> None:
    for partner in pub.partners.partners:
        what = f"de partnerpagina van '{partner.name}' ({PARTNERS_SOURCE})"
        add_generated_page(files, config, f"{PARTNER_DIR}/{partner.slug}.md", GENERATED_BY, what)


def add_agenda_feed(files: Files, config: MkDocsConfig, pub: Publication) -> None:
    """Reserve agenda.ics among the site's files (so pages may link it); `write_agenda_feed`
    writes its content after the pages, while Pagefind writes the search index."""
    if files.get_file_from_path(site_views.AGENDA_FEED) is not None:
        raise PluginError(f"docs/{site_views.AGENDA_FEED} botst met de agenda-feed; verwijder het")
    _feed_stamp(pub)  # a bad SOURCE_DATE_EPOCH stops the build here, before any page
    files.append(File.generated(config, site_views.AGENDA_FEED, content=b""))


def write_agenda_feed(config: MkDocsConfig, pub: Publication) -> None:
    feed = agenda_ics(
        agenda_items(pub),
        calendar_name=f"{pub.edition.publisher} agenda",
        site_url=config.site_url,
        dtstamp=_feed_stamp(pub),
    )
    (Path(config.site_dir) / site_views.AGENDA_FEED).write_bytes(feed)


def _feed_stamp(pub: Publication) -> dt.datetime:
    try:
        return stamp(pub.edition.date)
    except ValueError as error:
        raise PluginError(str(error)) from None


def partner_of(page: Page, pub: Publication) -> Partner | None:
    slug = generated_slug(page, GENERATED_BY)
    return partner_index(pub).partners.get(slug) if slug is not None else None


def partner_markdown(partner: Partner, page: Page) -> str:
    page.meta["title"] = partner.name
    page.meta["description"] = escape(f"De projecten van {partner.name} in Economie071.")
    return ""


def partner_content(partner: Partner, page: Page, pub: Publication) -> str:
    index = partner_index(pub)
    return render(
        "partner.html",
        partner=site_views.partner_page(partner, index, views.root_prefix(page.url)),
    )
