"""Which HTML a card body may hold, checked when cards are validated so a reviewer sees it.

The renderer sanitizes every card body with nh3 anyway (`macros.render.sanitize`). This module
tells the editor beforehand, with file and line, what the sanitizer would remove and why. It
renders the body with the site's own Markdown extensions and walks the resulting HTML (parsed by
the standard library, not matched with regexes) against the sanitizer's allowlist; nh3 itself is
then asked as a second opinion, so the check can never be laxer than the renderer.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from typing import Any

import markdown
import nh3

from macros.problems import Problem
from macros.render import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    allowed_class,
    allowed_title,
    sanitize_options,
)
from macros.text import SCHEMES_TEXT, URL_SCHEMES
from macros.urls import is_external, url_scheme

# The site's Markdown extensions (MkDocs' defaults plus mkdocs.yml) with their settings. A test
# keeps the two equal, and every name here has been reviewed: none reads files, fetches URLs or
# runs code from a card.
# Never add pymdownx.snippets (it includes files) or an extension that executes fenced code.
MARKDOWN_EXTENSIONS: dict[str, dict[str, Any]] = {
    # MkDocs always adds these three ...
    "toc": {"permalink": True, "permalink_title": "Link naar dit onderdeel"},
    "tables": {"use_align_attribute": True},
    "fenced_code": {},
    # ... and mkdocs.yml these.
    "admonition": {},
    "attr_list": {},
    "md_in_html": {},
}

# Tags whose whole purpose is to run code, load other documents or send data.
ACTIVE_TAGS = {
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "link",
    "meta",
    "base",
    "svg",
    "math",
    "template",
    "noscript",
}
URL_ATTRIBUTES = {"href", "src"}
# The attribute of each tag that MkDocs' link check reads.
LINK_ATTRIBUTES = {"a": "href", "img": "src"}


@dataclass(frozen=True)
class Finding:
    """One thing the sanitizer would remove, with a piece of source text to find its line by."""

    evidence: tuple[str, ...]  # source text to look for, best first
    message: str


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Structure(HTMLParser):
    """Every (tag, attribute, value) of a fragment, to see what nh3 removes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: Counter[tuple[str, str, str]] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.items[(tag, "", "")] += 1
        for name, value in attrs:
            self.items[(tag, name, value or "")] += 1


class _Walker(_Structure):
    """Collects every tag, attribute and URL of rendered HTML that the allowlist refuses.

    In the same pass it counts the structure nh3's output is compared with, and collects the
    links the link check needs (macros.card_links), so the rendered HTML is parsed only once.
    """

    def __init__(self) -> None:
        super().__init__()
        self.findings: list[Finding] = []
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        super().handle_starttag(tag, attrs)
        wanted = LINK_ATTRIBUTES.get(tag)
        for name, value in attrs:
            if name == wanted and value is not None:
                self.links.append((tag, value))
        if tag not in ALLOWED_TAGS:
            self.findings.append(_tag_finding(tag))
            return
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ALLOWED_ATTRIBUTES["*"]
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.findings.append(
                    Finding(
                        (f"{name}=", name),
                        f"het attribuut '{name}' bij <{tag}> zou een script starten en is niet "
                        "toegestaan; haal het weg",
                    )
                )
            elif name not in allowed:
                self.findings.append(
                    Finding(
                        (f"{name}=", name),
                        f"het attribuut '{name}' is niet toegestaan bij <{tag}>; haal het weg",
                    )
                )
            elif name in URL_ATTRIBUTES:
                finding = _url_finding(tag, name, value)
                if finding:
                    self.findings.append(finding)
            elif name == "class":
                self.findings.extend(
                    Finding(
                        (f".{word}", word),
                        f"de opmaakklasse '{_shorten(word)}' is niet toegestaan: een kaart "
                        "gebruikt alleen de opmaak van de site zelf (zoals '!!! note'). "
                        "Haal de klasse weg",
                    )
                    for word in value.split()
                    if not allowed_class(word)
                )
            elif name == "title" and not allowed_title(value):
                self.findings.append(
                    Finding(
                        ("title=", value[:20]),
                        f"de titel '{_shorten(value)}' bij <{tag}> mag geen < of > bevatten: "
                        "de site kan een titel als HTML tonen. Schrijf gewone tekst",
                    )
                )

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def _tag_finding(tag: str) -> Finding:
    if tag == "h1":
        return Finding(
            ("# ", "<h1"),
            "een kop van niveau 1 ('# ...') is niet toegestaan: de titel van de kaart is de "
            "enige. Begin tussenkoppen met '## '",
        )
    if tag in ACTIVE_TAGS:
        return Finding(
            (f"<{tag}",),
            f"<{tag}> is niet toegestaan in een kaart: kaarten bevatten tekst, geen scripts, "
            "stijlen, formulieren of ingevoegde pagina's. Haal het weg",
        )
    return Finding(
        (f"<{tag}",),
        f"de HTML-tag <{tag}> is niet toegestaan; schrijf de tekst in Markdown "
        "(zie de redactiegids)",
    )


def _url_finding(tag: str, attribute: str, url: str) -> Finding | None:
    scheme = url_scheme(url)
    image = tag == "img" and attribute == "src"
    if scheme is not None and scheme not in URL_SCHEMES:
        what = "de afbeelding" if image else "de link"
        return Finding(
            (
                url.strip(),
                f"{scheme}:",
                url.strip()[:12],
                f'{attribute}="{url.strip()[:3]}',
                f"{attribute}=",
            ),
            f"{what} '{_shorten(url)}' is niet toegestaan: '{scheme}:' kan code bevatten. Een "
            f"link begint met {SCHEMES_TEXT} of verwijst naar een pagina van de site",
        )
    if image and is_external(url):
        return Finding(
            (url.strip(), url.strip()[:20], "src=", "!["),
            f"de afbeelding '{_shorten(url)}' staat op een andere website; zet afbeeldingen in "
            "de site zelf en verwijs ernaar met een relatief pad",
        )
    return None


def _structure(html: str) -> Counter[tuple[str, str, str]]:
    parser = _Structure()
    parser.feed(html)
    parser.close()
    return parser.items


@cache
def _check_options() -> dict[str, Any]:
    # Without an id prefix, so that only removals count, not the ids the renderer moves.
    return {**sanitize_options(id_prefix=""), "link_rel": None}


def removed_by_sanitizer(
    html: str, structure: Counter[tuple[str, str, str]] | None = None
) -> list[tuple[str, str, str]]:
    """Every (tag, attribute, value) of `html` that nh3, with the renderer's policy, removes.

    `structure` is `html`'s own, when the caller has already parsed it.
    """
    if structure is None:
        structure = _structure(html)
    return sorted((structure - _structure(nh3.clean(html, **_check_options()))).elements())


@cache
def _renderer() -> markdown.Markdown:
    # Building the extensions costs more than converting a card: build them once per process.
    return markdown.Markdown(
        extensions=list(MARKDOWN_EXTENSIONS), extension_configs=MARKDOWN_EXTENSIONS
    )


def render_body(body: str) -> str:
    """The body as the site renders it (same Markdown extensions, same settings)."""
    renderer = _renderer()
    try:
        return renderer.convert(body)
    finally:
        renderer.reset()


@dataclass(frozen=True)
class HtmlCheck:
    """One parse of a rendered body: what the allowlist refuses, and its `a href`/`img src`."""

    findings: list[Finding]
    links: tuple[tuple[str, str], ...]


def html_findings(html: str) -> list[Finding]:
    """What the allowlist refuses in rendered HTML; nh3 confirms nothing else would be removed."""
    return check_html(html).findings


def check_html(html: str) -> HtmlCheck:
    """`html_findings`, and the links of the HTML in document order, from one parse."""
    walker = _Walker()
    walker.feed(html)
    walker.close()
    findings = list(dict.fromkeys(walker.findings))
    if not findings:
        for tag, attribute, _value in removed_by_sanitizer(html, walker.items):
            findings.append(
                Finding(
                    (f"{attribute}=", f"<{tag}") if attribute else (f"<{tag}",),
                    f"de HTML bij <{tag}> {attribute} wordt bij het publiceren verwijderd; "
                    "schrijf de tekst in Markdown",
                )
            )
            break
    return HtmlCheck(findings, tuple(walker.links))


def _without_code_spans(line: str) -> str:
    """The line minus `code spans`, whose markup is shown as text and cannot be the culprit."""
    return "".join(line.split("`")[::2])


def _line_of(evidence: tuple[str, ...], lines: list[str], first_line: int) -> int:
    """The first body line showing the best evidence; the body's first line if none does."""
    for needle in (e.casefold() for e in evidence if e):
        for index, line in enumerate(lines):
            text = _without_code_spans(line).casefold()
            found = text.lstrip().startswith(needle) if needle == "# " else needle in text
            if found:
                return first_line + index
    return first_line


# A body written without any of these can only render to tags, attributes and classes on the
# allowlist, with links to other sites only, so there is nothing for the HTML check or the link
# check to find (tests/test_needs_check.py renders thousands of random bodies to hold this):
# raw HTML and autolinks need "<", attr_list "{", entities "&", reference definitions "]:",
# images "![", admonitions "!!!" (their class), fenced code a fence (its language class), and
# the table of contents marker "[TOC]" a class the allowlist refuses.
_ALWAYS_CHECK = ("<", "{", "&", "]:", "![", "!!!", "```", "~~~", "[toc]")
# An inline link whose whole target is a web or mail address, closed at once (no title, no
# spaces, no brackets or quotes that could start anything else).
_PLAIN_LINK = re.compile(r"\]\((?:https?://|mailto:)[^\s()<>\"'`\\\[\]]*\)")
# A level-one heading: "#" not after another "#" at the start of a line or after a space or
# quote marker (Python-Markdown needs no space after it), or a line of "=" under text, also
# inside quotes and lists. Over-matching ("project #3") only costs a render.
_HASH_HEADING = re.compile(r"#(?<![^\s>]#)(?!#)")
_SETEXT_HEADING = re.compile(r"^[ \t>*+\-\d.)]*=+[ \t]*$", re.MULTILINE)


def needs_check(body: str) -> bool:
    """Whether rendering the body could produce anything the HTML or link check refuses.

    Validation renders only the bodies that need it; the real cards and most new ones hold
    prose, lists, tables, quotes and links to other sites, which need no render to be judged.
    """
    folded = body.casefold()
    if any(marker in folded for marker in _ALWAYS_CHECK):
        return True
    if body.count("](") != len(_PLAIN_LINK.findall(body)):
        return True
    if _HASH_HEADING.search(body):
        return True
    return "=" in body and _SETEXT_HEADING.search(body) is not None


def body_problems(body: str, file: str, first_line: int) -> list[Problem]:
    """Problems for every piece of disallowed HTML in a card body, at the body line it is on."""
    if not needs_check(body):
        return []
    return findings_as_problems(html_findings(render_body(body)), body, file, first_line)


def findings_as_problems(
    findings: list[Finding], body: str, file: str, first_line: int
) -> list[Problem]:
    """The findings of a body's render as problems of its card, each at the body line it is on."""
    lines = body.split("\n")
    return [
        Problem(file, _line_of(finding.evidence, lines, first_line), "tekst", finding.message)
        for finding in findings
    ]
