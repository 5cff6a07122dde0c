"""The functions a chapter page may call, as plain functions of a Publication and a URL root.

The website (mkdocs-macros, see environment.py) and the printed edition (printing.py) call the
same functions, so a chapter reads the same on screen and on paper. `root` is the relative path
from the page to the site root; the print passes a marker that it turns into internal PDF links.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from macros import formatting as fmt
from macros import site_views, views
from macros.agenda import build_date
from macros.chart import index_chart_svg
from macros.editions.views import whats_new_view
from macros.markdown_text import inline
from macros.partners import partner_index
from macros.publication import Publication
from macros.render import render
from macros.settings import PDF_NAME, pdf_enabled


def index_score(pub: Publication, root: str) -> str:
    return fmt.number(pub.index.latest.score)


def index_edition(pub: Publication, root: str) -> str:
    return inline(pub.index.latest.edition)


def index_change(pub: Publication, root: str) -> str:
    change = pub.index.change
    return fmt.signed(change) if change is not None else "–"


def index_previous_score(pub: Publication, root: str) -> str:
    previous = pub.index.previous
    return fmt.number(previous.score) if previous else "–"


def index_previous_edition(pub: Publication, root: str) -> str:
    previous = pub.index.previous
    return previous.edition if previous else "–"


def index_base_year(pub: Publication, root: str) -> str:
    return str(pub.index.base_year)


def index_previous_base_year(pub: Publication, root: str) -> str:
    previous = pub.index.previous_base_year
    return str(previous) if previous else "–"


def index_growth(pub: Publication, root: str) -> str:
    return fmt.number(pub.index.growth)


def index_parameters(pub: Publication, root: str) -> str:
    return fmt.number(pub.index.parameters)


def index_baskets(pub: Publication, root: str) -> str:
    return "\n".join(f"- {inline(basket)}" for basket in pub.index.baskets)


def index_published(pub: Publication, root: str) -> str:
    published = pub.index.published
    return fmt.month_year(published) if published else ""


def programme_period(pub: Publication, root: str) -> str:
    return views.programme_period(pub.programme)


def edition_title(pub: Publication, root: str) -> str:
    return inline(pub.edition.title)


def card_overview(pub: Publication, root: str) -> Markup:
    return whats_new(pub, root, "wat-is-er-nieuw") + render(
        "overview.html", groups=views.overview(pub, root)
    )


def whats_new(pub: Publication, root: str, anchor: str = "wat-is-er-nieuw") -> Markup:
    """ "Wat is er nieuw" against the last published edition; nothing before the first one."""
    changes = whats_new_view(pub, root)
    if changes is None:
        return Markup("")
    return render("editions/whats_new.html", changes=changes, anchor=anchor) + Markup("\n")


def programme_overview(pub: Publication, root: str) -> Markup:
    return render("programme.html", programme=views.programme_view(pub.programme, pub, root))


def index_overview(pub: Publication, root: str) -> Markup:
    return render(
        "index071.html",
        index=views.index_view(pub.index, root),
        chart=Markup(index_chart_svg(pub.index)),
    )


def home_overview(pub: Publication, root: str, pdf: bool | None = None) -> Markup:
    """The home page; it links to the PDF when the build makes one (`pdf`, default from the
    environment: the site passes the kaarten plugin's `pdf` option)."""
    pdf_url = f"{root}{PDF_NAME}" if (pdf_enabled() if pdf is None else pdf) else None
    return render(
        "home.html",
        home=views.home_view(pub, root),
        pdf_url=pdf_url,
        whats_new=whats_new(pub, root),
        archive_url=f"{root}edities/",
    )


def partner_overview(pub: Publication, root: str) -> Markup:
    groups = site_views.partner_overview(pub, partner_index(pub), root)
    return render("partners.html", groups=groups)


def agenda_overview(pub: Publication, root: str) -> Markup:
    return render("agenda.html", agenda=site_views.agenda_view(pub, build_date(), root))


FUNCTIONS: tuple[Callable[[Publication, str], Any], ...] = (
    index_score,
    index_edition,
    index_change,
    index_previous_score,
    index_previous_edition,
    index_base_year,
    index_previous_base_year,
    index_growth,
    index_parameters,
    index_baskets,
    index_published,
    programme_period,
    edition_title,
    card_overview,
    programme_overview,
    index_overview,
    home_overview,
    partner_overview,
    agenda_overview,
)


def bound(pub: Publication, root: str) -> dict[str, Callable[[], Any]]:
    """Every function with its publication and root filled in, by name: a template's globals."""
    return {f.__name__: _bind(f, pub, root) for f in FUNCTIONS}


def _bind(function: Callable[[Publication, str], Any], pub: Publication, root: str):
    def call() -> Any:
        return function(pub, root)

    call.__name__ = function.__name__
    return call
