"""A link check of the built site: every internal link and anchor must lead somewhere.

Standard library only and offline: it reads the HTML MkDocs wrote, so it needs no network,
no browser and no extra dependency, and it checks anchors (`page/#section`), which most
link checkers skip. External links are not fetched: partners' sites come and go, and a pull
request should not fail on someone else's outage.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from macros.problems import visible

LINK_ATTRIBUTES = {("a", "href"), ("link", "href"), ("img", "src"), ("script", "src")}


@dataclass(frozen=True, order=True)
class BrokenLink:
    page: str
    target: str
    reason: str

    def __str__(self) -> str:
        # A link's text comes from a page: a newline in it must show, not start a line.
        return f"{visible(self.page)}: {visible(self.target)} — {self.reason}"


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            if (tag, name) in LINK_ATTRIBUTES:
                self.links.append(value)


def _parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser


def _target_file(site: Path, page: PurePosixPath, path: str, base: str) -> PurePosixPath | None:
    """The file a link's path points at, relative to the site, or None when outside it."""
    if path.startswith("/"):
        if not path.startswith(base):
            return None
        resolved = PurePosixPath(path[len(base) :])
    else:
        resolved = page.parent / path
    parts: list[str] = []
    for part in resolved.parts:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    target = PurePosixPath(*parts) if parts else PurePosixPath(".")
    if path.endswith("/") or (site / target).is_dir():
        target = target / "index.html"
    return target


def check_site(site: Path, base_path: str = "/") -> list[BrokenLink]:
    """Every broken internal link and anchor of the HTML pages under `site`."""
    base = base_path if base_path.endswith("/") else base_path + "/"
    pages = {PurePosixPath(p.relative_to(site).as_posix()): p for p in site.rglob("*.html")}
    parsed = {rel: _parse(path) for rel, path in pages.items()}
    broken: list[BrokenLink] = []
    for rel, page in parsed.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue  # external, mailto:, data: … — not ours to check
            fragment = unquote(parts.fragment)
            if not parts.path:
                if fragment and fragment not in page.ids:
                    broken.append(BrokenLink(str(rel), link, "dit anker bestaat niet op de pagina"))
                continue
            target = _target_file(site, rel, unquote(parts.path), base)
            if target is None:
                broken.append(BrokenLink(str(rel), link, "wijst buiten de site"))
                continue
            if not (site / target).is_file():
                broken.append(BrokenLink(str(rel), link, "deze pagina of dit bestand bestaat niet"))
                continue
            if fragment and target in parsed and fragment not in parsed[target].ids:
                broken.append(BrokenLink(str(rel), link, f"het anker #{fragment} bestaat niet"))
    return sorted(set(broken))
