"""The plugin's check of the folders a build reads and writes, before MkDocs touches them.

MkDocs cleans `site_dir` and walks `docs_dir` (following links) right after `on_config`, so
this runs first thing there. The rule lives in `macros/files.py`, shared with the CLI.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from macros.files import build_problems
from macros.problems import ContentError
from macros.site.pages import project_root


def refuse_unsafe_build(config: MkDocsConfig) -> None:
    """A build error listing every symlink, special file or unsafe site folder, if any."""
    refused = build_problems(
        project_root(config), config.docs_dir, config.theme.custom_dir, config.site_dir
    )
    if refused:
        # PluginError ends the build with this message and no traceback.
        raise PluginError("De site wordt niet gebouwd.\n" + ContentError(refused).report())
