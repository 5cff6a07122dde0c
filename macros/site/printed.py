"""The build's PDF step: the printed edition into the built site, next to index.html."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from macros.problems import ContentError
from macros.publication import Publication
from macros.settings import PDF_NAME
from macros.site.pages import project_root

log = logging.getLogger("mkdocs.plugins.kaarten")


def write_pdf(config: MkDocsConfig, pub: Publication) -> Path:
    """Write the PDF of `pub` to site/projectoverzicht.pdf; errors end the build in Dutch."""
    # Imported here: WeasyPrint loads Pango at import, which a build without PDF does not need.
    from macros.pdf import PrintError, build_pdf

    target = Path(config.site_dir) / PDF_NAME
    try:
        build_pdf(project_root(config), target, pub)
    except ContentError as error:
        raise PluginError("De pdf is niet gemaakt.\n" + error.report()) from None
    except PrintError as error:
        raise PluginError(str(error)) from None
    log.info("De pdf van de editie staat in %s", target)
    return target
