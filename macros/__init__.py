"""Economie071 project cards: content model, loader and the MkDocs integration.

mkdocs-macros looks for `define_env` in the module named in mkdocs.yml, so it is offered here;
it is imported on first use only, so `kaarten validate` does not load the site's rendering code.
"""

from __future__ import annotations

from typing import Any

__all__ = ["define_env"]


def __getattr__(name: str) -> Any:
    if name == "define_env":
        from macros.environment import define_env

        return define_env
    raise AttributeError(f"module 'macros' has no attribute {name!r}")
