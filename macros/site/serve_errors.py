"""During `mkdocs serve`, a content error becomes a page in the browser instead of a stuck server.

MkDocs' dev server keeps the last good site and stalls every request while a rebuild fails,
so an editor's browser just waits. While serving, the plugin asks `capture` to load the
publication; when that fails, the build goes on as a one-page site that lists the same Dutch
messages `kaarten validate` gives, at every URL (the page is also the site's 404 page), and
reloads itself once a rebuild succeeds. `mkdocs build` never comes here: it fails as before.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from macros.loader import load_publication_cached
from macros.problems import ContentError, visible

log = logging.getLogger("mkdocs.plugins.kaarten")

ERROR_PAGE = "index.md"
TITLE = "De site kan niet worden gemaakt"


def capture(config: MkDocsConfig) -> ContentError | None:
    """The content's errors, when there are any; this build then shows them instead.

    Logged as information, not as a warning, so `mkdocs serve --strict` shows the page too.
    """
    try:
        load_publication_cached(Path(config.config_file_path).parent)
    except ContentError as error:
        log.info("De kaarten bevatten fouten; de browser toont ze.\n%s", error.report())
        config.nav = [{TITLE: ERROR_PAGE}]
        return error
    return None


def error_files(files: Files, config: MkDocsConfig, error: ContentError) -> Files:
    """The theme's assets plus one page with the messages; no chapter, card or partner page."""
    kept = [file for file in files if not file.is_documentation_page()]
    content = page_markdown(error)
    page = File.generated(config, ERROR_PAGE, content=content, inclusion=InclusionLevel.INCLUDED)
    return Files([*kept, page])


def page_markdown(error: ContentError) -> str:
    """The page body: raw, escaped HTML, so nothing from a card is read as Markdown."""
    count = len(error.problems)
    intro = (
        "Er is 1 probleem gevonden in de kaarten of de gegevens."
        if count == 1
        else f"Er zijn {count} problemen gevonden in de kaarten of de gegevens."
    )
    items = []
    for problem in error.problems:
        where = [f"<code>{escape(visible(problem.file))}</code>"]
        if problem.line is not None:
            where.append(f"regel {problem.line}")
        if problem.field:
            where.append(f"<code>{escape(visible(problem.field))}</code>")
        items.append(
            f"<li><strong>{', '.join(where)}</strong>: {escape(visible(problem.message))}</li>"
        )
    return (
        f"---\ntitle: {TITLE}\nsearch:\n  exclude: true\n---\n\n"
        f'<h1 id="fouten">{TITLE}</h1>\n\n'
        f'<div class="admonition failure kaarten-fouten" markdown="0">\n'
        f'<p class="admonition-title">{escape(intro)}</p>\n'
        f"<ul>\n{''.join(items)}\n</ul>\n</div>\n\n"
        "Verbeter het bestand en sla het op: deze pagina laadt dan vanzelf opnieuw. "
        "Dezelfde meldingen geeft `kaarten validate`.\n"
    )


def write_error_pages(config: MkDocsConfig) -> None:
    """Make the error page the answer to every other URL too, reloading after the next build.

    The dev server answers unknown URLs with `404.html` as is, without its reload script, so
    this copy carries its own: it waits on the server's `/livereload/` endpoint for a build
    newer than this one.
    """
    site = Path(config.site_dir)
    index = site / "index.html"
    if not index.is_file():
        return
    html = index.read_text(encoding="utf-8")
    base = urlsplit(config.site_url or "/").path or "/"
    html = html.replace("<head>", f'<head><base href="{escape(base)}">', 1)
    script = Markup(RELOAD_SCRIPT).replace("EPOCH", str(round(time.monotonic() * 1000)))
    html = html.replace("</body>", f"<script>{script}</script></body>", 1)
    (site / "404.html").write_text(html, encoding="utf-8")


RELOAD_SCRIPT = """
(function () {
  var built = EPOCH;
  function wait() {
    var request = new XMLHttpRequest();
    request.onloadend = function () {
      if (parseFloat(this.responseText) > built) { location.reload(); return; }
      setTimeout(wait, this.status === 200 ? 0 : 2000);
    };
    request.open("GET", "/livereload/" + built + "/0");
    request.send();
  }
  wait();
})();
"""
