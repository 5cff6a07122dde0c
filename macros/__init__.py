"""Economie071 project cards: content model, loader and the MkDocs integration.

`define_env` is here because mkdocs-macros looks for it in the module named in mkdocs.yml.
"""

from __future__ import annotations

from macros.environment import define_env

__all__ = ["define_env"]
