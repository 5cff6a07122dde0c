"""Small edits to trusted HTML fragments, made with the standard library's HTML parser.

The print turns links into links inside the PDF (or into plain text when the print lacks their
target) and lifts a chapter's first heading out of its text. Regular expressions over HTML miss
attributes in another order, `>` inside values and nested markup; a parser sees tags as a browser
does, and everything it does not change is written back exactly as it was read.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from html.parser import HTMLParser


class _Rewriter(HTMLParser):
    """Copies HTML through, letting `on_link` replace an `<a href>` or drop it for its text."""

    def __init__(self, on_link: Callable[[str], str | None]) -> None:
        super().__init__(convert_charrefs=False)
        self.on_link = on_link
        self.out: list[str] = []
        self.open_links: list[bool] = []  # per open <a>: whether its tags are kept

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raw = self.get_starttag_text() or ""
        if tag != "a":
            self.out.append(raw)
            return
        href = dict(attrs).get("href")
        if href is None:
            self.open_links.append(True)
            self.out.append(raw)
            return
        target = self.on_link(href)
        self.open_links.append(target is not None)
        if target is not None:
            self.out.append(_start_tag(tag, attrs, {"href": target}))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.open_links:
            if self.open_links.pop():
                self.out.append("</a>")
            return
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.out.append(f"<![{data}]>")


def _start_tag(tag: str, attrs: list[tuple[str, str | None]], changes: dict[str, str]) -> str:
    parts = [tag]
    for name, value in attrs:
        value = changes.get(name, value)
        parts.append(name if value is None else f'{name}="{escape(value)}"')
    return "<" + " ".join(parts) + ">"


def rewrite_links(html: str, on_link: Callable[[str], str | None]) -> str:
    """`html` with each `<a href>` pointed where `on_link(href)` says, or replaced by its content
    when that returns None. `href` arrives unescaped; the result is escaped again."""
    rewriter = _Rewriter(on_link)
    rewriter.feed(html)
    rewriter.close()
    return "".join(rewriter.out)


class _FirstHeading(HTMLParser):
    """Where the first `<h1>` starts and ends in the source, and its text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.line_offsets = [0]
        for line in html.splitlines(keepends=True):
            self.line_offsets.append(self.line_offsets[-1] + len(line))
        self.start: int | None = None
        self.end: int | None = None
        self.depth = 0
        self.text: list[str] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_offsets[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.end is not None:
            return
        if tag == "h1":
            if self.start is None:
                self.start = self._offset()
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1" and self.start is not None and self.end is None:
            self.depth -= 1
            if self.depth == 0:
                self.end = self.html.index(">", self._offset()) + 1

    def handle_data(self, data: str) -> None:
        if self.start is not None and self.end is None:
            self.text.append(data)


def split_first_heading(html: str) -> tuple[str | None, str]:
    """The plain text of the first `<h1>` and the HTML without it (None and `html` if none)."""
    parser = _FirstHeading(html)
    parser.feed(html)
    parser.close()
    if parser.start is None or parser.end is None:
        return None, html
    return "".join(parser.text).strip(), html[: parser.start] + html[parser.end :]
