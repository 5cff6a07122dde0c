"""The options of the kaarten plugin, typed and checked by MkDocs when it reads mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class KaartenConfig(Config):
    """What a site may set under `plugins: - kaarten:`; every option has a working default."""

    pdf = opt.Type(bool, default=True)
    """Make the printed edition at every `mkdocs build` and link it from the home page.

    `mkdocs serve` never makes it, to stay fast. The environment variable `KAARTEN_PDF=0` turns
    it off for one build without editing mkdocs.yml; it cannot turn on what `pdf: false` turns
    off.
    """
