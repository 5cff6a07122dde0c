"""mkdocs-macros entry point: registers plain functions for pages that opt in.

Only pages with `render_macros: true` are rendered (render_by_default is off), so card text
and data are never evaluated as templates. The functions live in functions.py, shared with print.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from macros import views
from macros.functions import FUNCTIONS
from macros.loader import load_publication_cached
from macros.publication import Publication


def _publication(env: Any) -> Publication:
    # One macros environment serves one build: read the publication once for all its pages.
    cached = getattr(env, "_kaarten_publication", None)
    if cached is None:
        cached = load_publication_cached(Path(env.conf.config_file_path).parent)
        env._kaarten_publication = cached
    return cached


def _root(env: Any) -> str:
    return views.root_prefix(env.page.url if env.page else "")


def _call(function: Callable[[Publication, str], Any], env: Any) -> Any:
    return function(_publication(env), _root(env))


def define_env(env: Any) -> None:
    for function in FUNCTIONS:
        env.macro(partial(_call, function, env), function.__name__)
