"""Time our PDF step against a bare WeasyPrint render of the same HTML.

Usage: python scripts/benchmark_pdf.py [--runs N] [--only-june] [--cpu]

Two editions: the June 2023 edition in this repository, and a synthetic one of 100 cards made
from its cards. "Ours" is `build_pdf` (load and validate, build the print HTML, render, check the
fonts, write atomically); "bare" is `HTML(string=html).write_pdf(...)` on the HTML ours produced,
with the same PDF variant. The best of N runs is reported, in seconds.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import yaml  # noqa: E402
from weasyprint import HTML  # noqa: E402

from macros.loader import load_publication  # noqa: E402
from macros.pdf import PDF_VARIANT, build_pdf  # noqa: E402
from macros.printing import print_html  # noqa: E402

# Wall-clock time by default; `--cpu` uses the process's CPU time, which a busy shared machine
# disturbs far less (WeasyPrint is single-threaded, so the two agree on an idle machine).
clock = time.perf_counter


def best(functions: list[Callable[[], object]], runs: int) -> list[float]:
    """The best time of each function, run in turns so that machine noise hits all alike."""
    times: list[list[float]] = [[] for _ in functions]
    for _ in range(runs):
        for function, spent in zip(functions, times, strict=True):
            start = clock()
            function()
            spent.append(clock() - start)
    return [min(spent) for spent in times]


def synthetic(destination: Path, count: int) -> Path:
    """A copy of the repository's content with `count` cards made from the real ones."""
    for name in ("data", "docs"):
        shutil.copytree(REPO / name, destination / name)
    (destination / "cards").mkdir()
    sources = sorted((REPO / "cards").glob("*.md"))
    for number in range(count):
        _, front, body = sources[number % len(sources)].read_text("utf-8").split("---\n", 2)
        fields = yaml.safe_load(front)
        fields["title"] = f"{fields['title']} ({number + 1})"
        fields.pop("order", None)
        text = f"---\n{yaml.safe_dump(fields, allow_unicode=True)}---\n{body}"
        (destination / "cards" / f"kaart-{number + 1:03d}.md").write_text(text, encoding="utf-8")
    return destination


def measure(label: str, root: Path, out: Path, runs: int) -> None:
    html = print_html(root, load_publication(root))
    target = out / f"{label}.pdf"
    build_pdf(root, target)  # warm up fonts and caches once for both
    ours, bare, untagged = best(
        [
            lambda: build_pdf(root, target),
            lambda: HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT),
            lambda: HTML(string=html).write_pdf(),
        ],
        runs,
    )
    pages = len(HTML(string=html).render().pages)
    overhead = (ours - bare) / bare * 100
    print(f"| {label} | {pages} | {ours:.2f} | {bare:.2f} | {overhead:+.1f} % | {untagged:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--only-june", action="store_true", help="skip the synthetic edition of 100 cards"
    )
    parser.add_argument(
        "--without-harfbuzz-subset",
        action="store_true",
        help="subset fonts with fontTools, as WeasyPrint does without libharfbuzz-subset0",
    )
    parser.add_argument(
        "--cpu", action="store_true", help="measure CPU time instead of wall-clock time"
    )
    args = parser.parse_args()
    if args.cpu:
        global clock
        clock = time.process_time
    if args.without_harfbuzz_subset:
        import weasyprint.pdf.fonts

        weasyprint.pdf.fonts.harfbuzz_subset = None
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        print("| edition | pages | ours (s) | bare WeasyPrint (s) | overhead | untagged (s) |")
        print("| --- | --- | --- | --- | --- | --- |")
        measure("June 2023 (7 cards)", REPO, out, args.runs)
        if not args.only_june:
            measure("synthetic (100 cards)", synthetic(out / "synthetic", 100), out, args.runs)


if __name__ == "__main__":
    main()
