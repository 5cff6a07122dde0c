"""The check of one card body: structural limits first, then the HTML its render produces.

The limits come first and hold for every body, so no body can stall the renderer. Then a body
is rendered with the site's own Markdown extensions and its HTML checked, unless
`html_policy.needs_check` shows from the source that its render can only hold allowed HTML and
links to other sites (prose, lists, tables, quotes, plain web links: most cards), which leaves
nothing to find. The site build does not render a body twice: the loader then checks only the
limits, and the plugin hands MkDocs' own render of the page to `rendered_problems` (issue #13).
Either way the sanitizer still cleans every body the site shows (`macros.render.sanitize`).
"""

from __future__ import annotations

from dataclasses import dataclass

from macros import validation_cache
from macros.body_limits import limit_problems
from macros.problems import Problem

HTML_KIND = "html-v1"


@dataclass(frozen=True)
class BodyCheck:
    """The outcome for one body: its problems, and its HTML when it was rendered."""

    problems: list[Problem]
    html: str | None


def rendered_problems(html: str, body: str, file: str, first_line: int) -> list[Problem]:
    """Problems for every piece of disallowed HTML in a rendered body, at its source line.

    The outcome depends only on these four values and the validator's version, so it is kept
    in the validation cache: a build with unchanged cards does not check their HTML again.
    """
    from macros.html_policy import needs_check

    if not needs_check(body):
        return []
    key = validation_cache.key(HTML_KIND, file, str(first_line), body, html)
    cached = validation_cache.get(HTML_KIND, key)
    if isinstance(cached, list):
        return [Problem(*row) for row in cached]
    # Imported here: the warm path of `kaarten validate` never renders and skips these imports.
    from macros.html_policy import findings_as_problems, html_findings

    problems = findings_as_problems(html_findings(html), body, file, first_line)
    validation_cache.put(HTML_KIND, key, [[p.file, p.line, p.field, p.message] for p in problems])
    return problems


def check_body(body: str, file: str, first_line: int, *, render: bool = True) -> BodyCheck:
    """Limits, then (unless the build renders it itself, or the body needs no check) one
    render and the HTML check.

    The one render serves both the HTML check and the link check (`macros.card_links`): one
    parse of the HTML finds both, and the link check's share is remembered for that body. The
    card's own entry in the validation cache holds the outcome, so no entry of its own here.
    """
    problems = limit_problems(body, file, first_line)
    if problems or not render:
        return BodyCheck(problems, None)
    from macros.html_policy import check_html, findings_as_problems, needs_check

    if not needs_check(body):
        return BodyCheck(problems, None)
    from macros.card_links import Rendered, remember, render_markdown

    html, ids, links = render_markdown(body)
    checked = check_html(html)
    remember(body, Rendered(ids, links, checked.links))
    return BodyCheck(findings_as_problems(checked.findings, body, file, first_line), html)
