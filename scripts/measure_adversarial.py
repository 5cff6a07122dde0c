"""Time the worst card bodies the limits still accept, and the ones they refuse (not a test).

Usage: python scripts/measure_adversarial.py [--build] [--pdf] [--runs N] [--size BYTES]

For each class of hostile body (issue #10: deep nesting, quadratic inline patterns) this builds
the largest body of `--size` bytes (default 256 KB) that stays inside `macros.body_limits`, and
reports how long our validation takes on it (limits, one render, HTML check). With `--build` it
also times `mkdocs build` of the sample project with that card against the same project with a
normal card; with `--pdf`, the PDF (`kaarten pdf`) likewise. The refused variants are reported
with the time the limits take to refuse them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from macros.body_check import check_body
from macros.body_limits import (
    MAX_BLOCK_WEIGHT,
    MAX_BODY_MARKERS,
    MAX_BRACKET_SCAN,
    MAX_CONTAINER_DEPTH,
    MAX_HTML_DEPTH,
    MAX_INLINE_MARKERS,
    MAX_TAG_SCAN,
    limit_problems,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests/fixtures/project"
sys.path.insert(0, str(ROOT))  # tests.conftest, imported when a project is made
FRONT = """---
title: Aanvalskaart
category: running
summary: Een kaart die de grenzen van de opmaak opzoekt.
---

"""


def fill(unit: Callable[[], str], size: int) -> str:
    """Paragraphs from `unit`, separated by blank lines, up to `size` characters."""
    parts: list[str] = []
    total = 0
    while True:
        piece = unit()
        if total + len(piece) + 2 > size:
            return "\n\n".join(parts) or piece[:size]
        parts.append(piece)
        total += len(piece) + 2


def at_marker_limit(unit: str, per_marker: int, size: int) -> str:
    """As many paragraphs of `unit` as the marker limits allow, then prose up to `size`."""
    count = max(1, MAX_INLINE_MARKERS // per_marker)
    paragraphs = [unit * count] * (MAX_BODY_MARKERS // (count * per_marker))
    head = "\n\n".join(paragraphs)
    return head + "\n\n" + fill(lambda: PROSE, size - len(head) - 2)


def at_block_limit(line: str, weight: int, size: int) -> str:
    """As many lines of `line` (each weighing `weight`) as the block limit allows, then prose."""
    head = "\n".join([line] * ((MAX_BLOCK_WEIGHT - 200) // weight))  # 200: the prose after it
    return head + "\n\n" + fill(lambda: PROSE, size - len(head) - 2)


PROSE = "Een gewone zin over de regio en haar bedrijven. " * 40


def unmatched_brackets(size: int) -> str:
    """A paragraph of unclosed "[" as long as the bracket-scan budget allows, then prose."""
    count = MAX_INLINE_MARKERS - 10
    words = "woord " * ((MAX_BRACKET_SCAN // count - count) // 6)
    head = "[" * count + " " + words
    return head + "\n\n" + fill(lambda: PROSE, size - len(head) - 2)


def accepted(size: int) -> dict[str, str]:
    tags = MAX_TAG_SCAN // size
    return {
        "normal prose": fill(lambda: PROSE, size),
        "quotes/lists at the depth and block limits": at_block_limit(
            "> " * (MAX_CONTAINER_DEPTH - 1) + "- tekst", MAX_CONTAINER_DEPTH + 1, size
        ),
        "one-word list items at the block limit": at_block_limit("- a", 2, size),
        "raw HTML, depth limit": at_marker_limit(
            "<div>" * MAX_HTML_DEPTH + "x" + "</div>" * MAX_HTML_DEPTH,
            2 * MAX_HTML_DEPTH,
            size,
        ),
        "`*a` at the marker limits": at_marker_limit("*a", 1, size),
        "`<b>x</b>` at the marker limits": at_marker_limit("<b>x</b>", 2, size),
        "`` `a `` at the marker limits": at_marker_limit("`a", 1, size),
        "hard line breaks at the marker limits": at_marker_limit("a  \n", 1, size),
        "links `[x](y)` at the marker limits": at_marker_limit("[x](y) ", 1, size),
        "unclosed `<a` at the tag-scan budget": "<a " * tags + fill(lambda: PROSE, size - 3 * tags),
        "unmatched `[` at the scan budget": unmatched_brackets(size),
    }


def refused() -> dict[str, str]:
    return {
        "150 nested `>` on one line": "> " * 150 + "x",
        '`"- "` x 5,000': "- " * 5000,
        "64,000 one-word list items": "- a\n" * 64_000,
        '3,000 nested `<div markdown="1">`': '<div markdown="1">\n' * 3000
        + "x\n"
        + "</div>\n" * 3000,
        "16 KB of `[`": "[" * 16_000,
        "230 KB of `[`/`![`": "[![" * 76_000,
        "50,000 `*a`": "*a" * 50_000,
    }


def _project(tmp: Path, body: str) -> Path:
    """The sample project (as the tests build it) with one more card of this body."""
    from tests.conftest import make_project

    project = tmp / "project"
    if project.exists():
        shutil.rmtree(project)
    make_project(project, SAMPLE)
    (project / "cards" / "aanvalskaart.md").write_text(FRONT + body, encoding="utf-8")
    return project


def normal_body() -> str:
    """The body of a real card of the June edition: the baseline for the build ratios."""
    text = (ROOT / "cards" / "laat-digitalisering-voor-je-werken.md").read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1]


def _timed(command: list[str], cwd: Path, env: dict[str, str], runs: int = 1) -> tuple[float, int]:
    """Best wall time of `runs` (the machine is shared), each from an empty validation cache."""
    best, code = float("inf"), 0
    for _ in range(runs):
        shutil.rmtree(env["KAARTEN_CACHE"], ignore_errors=True)
        started = time.perf_counter()
        done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False)
        best, code = min(best, time.perf_counter() - started), code or done.returncode
    return best, code


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=256 * 1000 - len(FRONT))
    parser.add_argument("--build", action="store_true")
    parser.add_argument("--pdf", action="store_true")
    parser.add_argument("--runs", type=int, default=1, help="best of this many builds/PDFs")
    args = parser.parse_args()
    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        # Every build and PDF starts from an empty validation cache: the figures are cold ones.
        env = {**os.environ, "KAARTEN_PDF": "0", "KAARTEN_CACHE": str(tmp / "cache")}
        if args.build or args.pdf:  # one unrecorded build first, so imports are warm for all
            _timed([str(bin_dir / "mkdocs"), "build", "-q"], _project(tmp, normal_body()), env)
        base_build = base_pdf = None
        print("| body (accepted) | bytes | validate (s) | build (s) | build / normal | pdf (s) |")
        print("| --- | --- | --- | --- | --- | --- |")
        cases = {"a June card (baseline)": normal_body(), **accepted(args.size)}
        os.environ["KAARTEN_CACHE"] = "off"  # time the check itself, not a cache hit
        for name, body in cases.items():
            started = time.perf_counter()
            result = check_body(body, "cards/aanvalskaart.md", 6)
            check = time.perf_counter() - started
            assert not result.problems, (name, result.problems[:1])
            build = pdf = ratio = "–"
            if args.build or args.pdf:
                project = _project(tmp, body)
            if args.build:
                seconds, code = _timed(
                    [str(bin_dir / "mkdocs"), "build", "-q"], project, env, args.runs
                )
                if base_build is None:
                    base_build = seconds
                build, ratio = f"{seconds:.2f}", f"{seconds / base_build:.1f}×"
                assert code == 0, name
            if args.pdf:
                out = tmp / "x.pdf"
                seconds, code = _timed(
                    [str(bin_dir / "kaarten"), "pdf", "-o", str(out)], project, env, args.runs
                )
                if base_pdf is None:
                    base_pdf = seconds
                pdf = f"{seconds:.2f} ({seconds / base_pdf:.1f}×)"
            size = len(body.encode())
            print(f"| {name} | {size:,} | {check:.3f} | {build} | {ratio} | {pdf} |", flush=True)
        print()
        print("| body (refused) | bytes | refused in (s) | message |")
        print("| --- | --- | --- | --- |")
        for name, body in refused().items():
            started = time.perf_counter()
            problems = limit_problems(body, "cards/aanvalskaart.md", 6)
            seconds = time.perf_counter() - started
            assert problems, name
            print(f"| {name} | {len(body):,} | {seconds:.4f} | {problems[0].message[:60]}… |")


if __name__ == "__main__":
    main()
