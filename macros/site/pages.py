"""What every generated page needs: the project root, the publication, the page, the edit link."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from macros.loader import load_publication_cached
from macros.problems import ContentError
from macros.publication import Publication


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def read_publication(config: MkDocsConfig) -> Publication:
    """The publication of this build, or the editors' report as a build error."""
    try:
        return load_publication_cached(project_root(config))
    except ContentError as error:
        # PluginError ends the build with this message and no traceback.
        raise PluginError("De kaarten bevatten fouten.\n" + error.report()) from None


def add_generated_page(
    files: Files, config: MkDocsConfig, src_uri: str, generated_by: str, what: str, body: str = ""
) -> None:
    """Add a page that lives only in the build, refusing one that docs/ already has."""
    if files.get_file_from_path(src_uri) is not None:
        raise PluginError(
            f"docs/{src_uri} bestaat al en botst met {what}; verwijder het bestand uit docs/"
        )
    # The body sits behind our own front matter, so content can never set page meta.
    content = f"---\ngenerated_by: {generated_by}\n---\n\n{body}"
    files.append(
        File.generated(config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
    )


def generated_slug(page: Page, generated_by: str) -> str | None:
    """The slug of a page that add_generated_page made with this marker, else None."""
    if page.meta.get("generated_by") != generated_by:
        return None
    return Path(page.file.src_uri).stem


def source_edit_url(config: MkDocsConfig, source: str) -> str | None:
    """The edit button's address for a file of the repository (a card, a data file).

    `edit_uri` points into docs/; its last folder is replaced, so the button opens `source`.
    """
    if not (config.repo_url and config.edit_uri):
        return None
    edit_base = config.edit_uri.rstrip("/").rsplit("/", 1)[0] + "/"
    return urljoin(urljoin(config.repo_url.rstrip("/") + "/", edit_base), source)
