"""mkdocs-macros entry point: registers plain functions for pages that opt in.

Only pages with `render_macros: true` are rendered (render_by_default is off), so card text
and data are never evaluated as templates.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from markupsafe import Markup

from macros import formatting as fmt
from macros import site_views, views
from macros.agenda import build_date
from macros.chart import index_chart_svg
from macros.loader import load_publication_cached
from macros.partners import partner_index
from macros.publication import Publication
from macros.render import render


def _publication(env: Any) -> Publication:
    return load_publication_cached(Path(env.conf.config_file_path).parent)


def _root(env: Any) -> str:
    return views.root_prefix(env.page.url if env.page else "")


def index_score(env: Any) -> str:
    return fmt.number(_publication(env).index.latest.score)


def index_edition(env: Any) -> str:
    return _publication(env).index.latest.edition


def index_change(env: Any) -> str:
    change = _publication(env).index.change
    return fmt.signed(change) if change is not None else "–"


def index_previous_score(env: Any) -> str:
    previous = _publication(env).index.previous
    return fmt.number(previous.score) if previous else "–"


def index_previous_edition(env: Any) -> str:
    previous = _publication(env).index.previous
    return previous.edition if previous else "–"


def index_base_year(env: Any) -> str:
    return str(_publication(env).index.base_year)


def index_previous_base_year(env: Any) -> str:
    previous = _publication(env).index.previous_base_year
    return str(previous) if previous else "–"


def index_growth(env: Any) -> str:
    return fmt.number(_publication(env).index.growth)


def index_parameters(env: Any) -> str:
    return fmt.number(_publication(env).index.parameters)


def index_baskets(env: Any) -> str:
    return "\n".join(f"- {basket}" for basket in _publication(env).index.baskets)


def index_published(env: Any) -> str:
    published = _publication(env).index.published
    return fmt.month_year(published) if published else ""


def programme_period(env: Any) -> str:
    return views.programme_period(_publication(env).programme)


def edition_title(env: Any) -> str:
    return _publication(env).edition.title


def card_overview(env: Any) -> Markup:
    return render("overview.html", groups=views.overview(_publication(env), _root(env)))


def programme_overview(env: Any) -> Markup:
    pub = _publication(env)
    return render("programme.html", programme=views.programme_view(pub.programme, pub, _root(env)))


def index_overview(env: Any) -> Markup:
    index = _publication(env).index
    return render(
        "index071.html",
        index=views.index_view(index, _root(env)),
        chart=Markup(index_chart_svg(index)),
    )


def home_overview(env: Any) -> Markup:
    return render("home.html", home=views.home_view(_publication(env), _root(env)))


def partner_overview(env: Any) -> Markup:
    pub = _publication(env)
    groups = site_views.partner_overview(pub, partner_index(pub), _root(env))
    return render("partners.html", groups=groups)


def agenda_overview(env: Any) -> Markup:
    agenda = site_views.agenda_view(_publication(env), build_date(), _root(env))
    return render("agenda.html", agenda=agenda)


MACROS: tuple[Callable[..., Any], ...] = (
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


def define_env(env: Any) -> None:
    for function in MACROS:
        env.macro(partial(function, env), function.__name__)
