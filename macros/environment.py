"""mkdocs-macros entry point: registers plain functions for pages that opt in.

Only pages with `render_macros: true` are rendered (render_by_default is off), so card text
and data are never evaluated as templates. The functions live in functions.py, shared with print.
The publication and the PDF setting come from the kaarten plugin of the same build.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from markupsafe import Markup

from macros import views
from macros.functions import FUNCTIONS, home_overview
from macros.loader import load_publication_cached
from macros.publication import Publication


def _plugin(env: Any) -> Any:
    """The kaarten plugin of this build, or None when mkdocs.yml does not list it."""
    from macros.site.plugin import KaartenPlugin

    plugins = env.conf.plugins.values()
    return next((p for p in plugins if isinstance(p, KaartenPlugin)), None)


def _publication(env: Any) -> Publication:
    # The plugin read the publication in on_config; every page of the build shares it.
    plugin = _plugin(env)
    if plugin is not None:
        return plugin.publication
    return load_publication_cached(Path(env.conf.config_file_path).parent)


def _root(env: Any) -> str:
    return views.root_prefix(env.page.url if env.page else "")


def _call(function: Callable[[Publication, str], Any], env: Any) -> Any:
    return _held(env, function(_publication(env), _root(env)))


def _home(env: Any) -> Any:
    # The home page links to the PDF only when this build makes one (option `pdf`).
    plugin = _plugin(env)
    pdf = plugin.makes_pdf if plugin is not None else None
    return _held(env, home_overview(_publication(env), _root(env), pdf=pdf))


def _held(env: Any, result: Any) -> Any:
    """A block of HTML (an overview) as a placeholder that the plugin fills in after Markdown:
    Markdown would only pass it through, but parsing it is slow (macros/site/fragments.py)."""
    plugin = _plugin(env)
    if plugin is None or not (isinstance(result, Markup) and "\n" in result):
        return result
    return plugin.fragments.hold(result)


def define_env(env: Any) -> None:
    for function in FUNCTIONS:
        env.macro(partial(_call, function, env), function.__name__)
    env.macro(partial(_home, env), home_overview.__name__)
