"""The card-body HTML policy: what validation refuses, what the sanitizer removes, and that the two
agree; plus the other escaping helpers."""

from __future__ import annotations

from pathlib import Path

import markdown
import nh3
import pytest
from mkdocs.config import load_config

from macros.html_policy import (
    MARKDOWN_EXTENSIONS,
    body_problems,
    html_findings,
    removed_by_sanitizer,
    render_body,
)
from macros.markdown_text import inline
from macros.problems import Problem
from macros.render import sanitize, sanitize_options
from macros.urls import is_external, url_scheme

from .conftest import FIXTURES, make_project

# body -> (line of the problem, counted from the body's first line = 10; words of the message)
REFUSED: dict[str, tuple[int, str]] = {
    "Tekst.\n\n<script>alert(1)</script>": (12, "<script> is niet toegestaan"),
    "<style>body{display:none}</style>": (10, "<style> is niet toegestaan"),
    '<iframe src="https://evil.example/"></iframe>': (10, "<iframe> is niet toegestaan"),
    '<object data="x.swf"></object>': (10, "<object> is niet toegestaan"),
    '<embed src="x.swf">': (10, "<embed> is niet toegestaan"),
    '<form action="https://evil.example/">\n<input name="pw">\n</form>': (10, "<form>"),
    "<svg onload=alert(1)></svg>": (10, "<svg> is niet toegestaan"),
    'a\n\n<p onclick="alert(1)">tekst</p>': (12, "'onclick' bij <p> zou een script starten"),
    'a\n\n<img src="logo.png" onerror="alert(1)">': (12, "'onerror'"),
    "a\n\n## Kop {onclick=alert(1)}": (12, "'onclick' bij <h2>"),
    "Lees [meer](javascript:alert(1)).": (10, "'javascript:' kan code bevatten"),
    "Lees [meer](JaVa&#115;cript:alert(1)).": (10, "'javascript:' kan code bevatten"),
    "a\n\n[x][1]\n\n[1]: vbscript:msgbox(1)": (14, "'vbscript:' kan code bevatten"),
    '<a href="jav&#x09;ascript:alert(1)">x</a>': (10, "'javascript:' kan code bevatten"),
    "![x](data:image/svg+xml;base64,PHN2Zz4=)": (10, "'data:' kan code bevatten"),
    "a\n\n![x](https://tracker.example/p.gif)": (12, "staat op een andere website"),
    '<img src="//tracker.example/p.gif">': (10, "staat op een andere website"),
    '<p style="position:fixed">x</p>': (10, "'style' is niet toegestaan bij <p>"),
    '<a href="https://example.org" target="_blank">x</a>': (10, "'target'"),
    "`<script>` is code\n\n<script>x</script>": (12, "<script>"),
    "Tekst.\n\n# Tweede titel": (12, "kop van niveau 1"),
    "<marquee>hoi</marquee>": (10, "de HTML-tag <marquee> is niet toegestaan"),
    # Theme classes and markup in titles (Material shows titles as HTML with content.tooltips).
    'a\n\n<div class="md-dialog">Opgeslagen</div>': (12, "opmaakklasse 'md-dialog'"),
    "a\n\n## Kop {.annotate}": (12, "opmaakklasse 'annotate'"),
    '<pre class="mermaid">graph TD</pre>': (10, "opmaakklasse 'mermaid'"),
    '<abbr title="&lt;img src=x onerror=alert(1)&gt;">x</abbr>': (10, "mag geen < of >"),
    'a\n\n[x](https://example.org "<b>vet</b>")': (12, "mag geen < of >"),
    '<span title="x">y</span>': (10, "'title' is niet toegestaan bij <span>"),
}

ACCEPTED = [
    "Gewone tekst met **vet**, *schuin* en een [link](https://example.org).",
    "[Binnen de site](alpha-project.md) en [mail](mailto:info@example.org).",
    "![Logo](../assets/logo.png)",
    "Code `<script>alert(1)</script>` wordt als tekst getoond.",
    "    <script>alert(1)</script>",
    "a < b en c > d en <nietsbijzonders",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    '## Kop {#eigen-id lang="nl"}',
    '[link](https://example.org "Tom & Jerry") en <abbr title="a &amp; b">ab</abbr>',
    '!!! warning "Let op"\n    Tekst.\n\n```python\nx = 1\n```',
    "| a | b |\n|:--|--:|\n| 1 | 2 |",
    '!!! note "Let op"\n    Een opmerking.',
    '<div markdown="1">*nadruk*</div>',
    '<abbr title="Economie071">E071</abbr> en <details><summary>Meer</summary>Tekst</details>',
    "<!-- een opmerking voor de redactie -->",
    "{{ 7*191 }} en {% if true %}ja{% endif %}",
]


@pytest.mark.parametrize("body", sorted(REFUSED))
def test_validation_refuses_disallowed_html_at_its_line(body: str) -> None:
    line, words = REFUSED[body]
    problems = body_problems(body, "cards/x.md", 10)
    assert problems, body
    assert any(words in p.message for p in problems), problems
    assert problems[0].line == line, problems
    assert problems[0].file == "cards/x.md" and problems[0].field == "tekst"


@pytest.mark.parametrize("body", ACCEPTED)
def test_validation_accepts_markdown_and_harmless_html(body: str) -> None:
    assert body_problems(body, "cards/x.md", 10) == []


@pytest.mark.parametrize("body", ACCEPTED)
def test_accepted_bodies_pass_the_sanitizer_unchanged_in_structure(body: str) -> None:
    """What validation accepts keeps its tags and attributes when the renderer sanitizes."""
    assert removed_by_sanitizer(render_body(body)) == []


@pytest.mark.parametrize("body", sorted(REFUSED))
def test_what_validation_refuses_the_sanitizer_removes(body: str) -> None:
    """Defence in depth: even a refused body that reached the renderer would be harmless."""
    cleaned = nh3.clean(render_body(body), **{**sanitize_options(), "link_rel": None})
    assert html_findings(cleaned) == [], cleaned
    assert removed_by_sanitizer(render_body(body)) != []


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="jav&#x09;ascript:alert(1)">x</a>',
        '<a href=" JAVASCRIPT:alert(1)">x</a>',
        '<a href="vbscript:msgbox(1)">x</a>',
        '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
        "<svg><script>alert(1)</script></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
        '<div style="background:url(javascript:alert(1))">x</div>',
        '<form action="javascript:alert(1)"><button>x</button></form>',
        '<h2 onclick="alert(1)" id="kop">Kop</h2>',
        "<object data=x></object><embed src=x><base href=//evil.example/>",
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
        '<p title="&quot;><script>alert(1)</script>">x</p>',
    ],
)
def test_sanitize_removes_script_payloads(payload: str) -> None:
    cleaned = str(sanitize(payload)).lower()
    for bad in ("<script", "onerror", "onclick", "onload", "javascript:", "vbscript:", "data:"):
        assert bad not in cleaned.replace("&lt;script", ""), cleaned
    for tag in ("<iframe", "<object", "<embed", "<form", "<base", "<meta", "<svg", "<style"):
        assert tag not in cleaned, cleaned
    assert "style=" not in cleaned


def test_sanitize_strips_attr_list_event_handlers() -> None:
    html = markdown.markdown(
        '## Kop {onclick="alert(1)"}\n\nTekst\n{: onmouseover="alert(2)" }',
        extensions=["attr_list"],
    )
    assert "onclick" in html and "onmouseover" in html  # attr_list does produce them …
    cleaned = str(sanitize(html))
    assert "onclick" not in cleaned and "onmouseover" not in cleaned  # … the sanitizer drops them
    assert "Kop" in cleaned and "Tekst" in cleaned


def test_sanitize_keeps_only_local_images() -> None:
    assert 'src="../assets/logo.png"' in str(sanitize('<img src="../assets/logo.png" alt="">'))
    assert "src=" not in str(sanitize('<img src="https://tracker.example/p.gif" alt="">'))
    assert "src=" not in str(sanitize('<img src="//tracker.example/p.gif" alt="">'))


@pytest.mark.parametrize(
    ("url", "scheme", "external"),
    [
        ("https://example.org", "https", True),
        ("  JavaScript:alert(1)", "javascript", True),
        ("java\tscript:alert(1)", "javascript", True),
        ("\x01javascript:alert(1)", "javascript", True),
        ("//evil.example/x.png", None, True),
        ("../assets/x.png", None, False),
        ("pagina.md#kop:1", None, False),
        ("?a=b:c", None, False),
    ],
)
def test_url_scheme_as_a_browser_reads_it(url: str, scheme: str | None, external: bool) -> None:
    assert url_scheme(url) == scheme
    assert is_external(url) is external


def test_markdown_extensions_match_mkdocs_yml_and_read_no_files(tmp_path: Path) -> None:
    """The policy renders bodies as the site does; no extension may include files or run code."""
    project = make_project(tmp_path / "project", FIXTURES / "project")
    config = load_config(str(project / "mkdocs.yml"))
    names = [name.removeprefix("markdown.extensions.") for name in config.markdown_extensions]
    assert names == list(MARKDOWN_EXTENSIONS)
    for name, settings in MARKDOWN_EXTENSIONS.items():
        assert config.mdx_configs.get(name, {}) == settings, name
    forbidden = {"pymdownx.snippets", "markdown_include.include", "mdx_include", "pymdownx.b64"}
    assert not forbidden & set(config.markdown_extensions)


def test_markdown_text_is_inert() -> None:
    text = "Editie [klik](javascript:alert(1)) *x* &lt;b&gt; <i> {{ 7*191 }}\n# kop"
    html = markdown.markdown(f"# {inline(text)}")
    assert "<a" not in html and "<em>" not in html and "<i>" not in html
    assert "<h1>" in html and html.count("<h1>") == 1
    from html import unescape

    inner = html.removeprefix("<h1>").removesuffix("</h1>")
    assert unescape(inner) == " ".join(text.split())


def test_problem_text_makes_control_characters_visible() -> None:
    problem = Problem("cards/a,b.md", 3, "title", "'x\x1b[2J\u202e' is fout\nnog iets")
    assert "\x1b" not in str(problem) and "\\x1b[2J\\u202e" in str(problem)
    annotation = problem.github_annotation()
    assert annotation.startswith("::error file=cards/a%2Cb.md,line=3,title=title::")
    assert "\n" not in annotation and "\x1b" not in annotation
