"""MkDocs hook for the partners' site: one page per partner and the agenda.ics feed.

Thin like macros/hook.py: the partner index, agenda and feed come from plain modules. Generated
pages live only in the build (`File.generated`), never in docs/.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from macros import site_views, views
from macros.agenda import agenda_items
from macros.cms import CONFIG_URI, cms_config_text
from macros.hook import add_generated_page, publication
from macros.ical import agenda_ics, stamp
from macros.model import Partner
from macros.partners import partner_index
from macros.render import render

GENERATED_BY = "economie071-partners"
PARTNER_DIR = "partners"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    pub = publication(config)
    # The editing screen's configuration comes from the card model at every build, so it can
    # never fall behind the model, and nothing generated is ever written into docs/.
    root = Path(config.config_file_path).parent
    files.append(File.generated(config, CONFIG_URI, content=cms_config_text(root)))
    for partner in pub.partners.partners:
        what = f"de partnerpagina van '{partner.name}' (data/partners.yaml)"
        add_generated_page(files, config, f"{PARTNER_DIR}/{partner.slug}.md", GENERATED_BY, what)
    if files.get_file_from_path(site_views.AGENDA_FEED) is not None:
        raise PluginError(f"docs/{site_views.AGENDA_FEED} botst met de agenda-feed; verwijder het")
    try:
        dtstamp = stamp(pub.edition.date)
    except ValueError as error:
        raise PluginError(str(error)) from None
    feed = agenda_ics(
        agenda_items(pub),
        calendar_name=f"{pub.edition.publisher} agenda",
        site_url=config.site_url,
        dtstamp=dtstamp,
    )
    files.append(File.generated(config, site_views.AGENDA_FEED, content=feed))
    return files


def partner_of(page: Page, config: MkDocsConfig) -> Partner | None:
    if page.meta.get("generated_by") != GENERATED_BY:
        return None
    slug = Path(page.file.src_uri).stem
    return partner_index(publication(config)).partners.get(slug)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    partner = partner_of(page, config)
    if partner is None:
        return markdown
    page.meta["title"] = partner.name
    page.meta["description"] = escape(f"De projecten van {partner.name} in Economie071.")
    return ""


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    partner = partner_of(page, config)
    if partner is None:
        return html
    index = partner_index(publication(config))
    # A plain str: Material's search plugin parses the page, and slicing Markup is slow.
    return str(
        render(
            "partner.html",
            partner=site_views.partner_page(partner, index, views.root_prefix(page.url)),
        )
    )


def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    if partner_of(page, config) is not None and config.repo_url and config.edit_uri:
        # The edit button opens the data file the page comes from.
        edit_base = config.edit_uri.rstrip("/").rsplit("/", 1)[0] + "/"
        base = urljoin(config.repo_url.rstrip("/") + "/", edit_base)
        page.edit_url = urljoin(base, "data/partners.yaml")
    return context
