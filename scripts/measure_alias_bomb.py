"""Measure how fast and how lean the loader rejects YAML alias bombs (not a test: figures vary).

Usage: python scripts/measure_alias_bomb.py
Prints, per bomb, the wall time and the peak Python memory (tracemalloc) of reading the card.
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

from macros.source import SourceProblem, read_card

ROOT = Path(__file__).resolve().parent.parent
BOMBS = [
    ROOT / "tests/fixtures/invalid/alias-bomb.md",
    ROOT / "tests/fixtures/hostile/refused/billion-laughs.md",
]


def wide_bomb(levels: int = 12, width: int = 30) -> bytes:
    """A larger bomb than the fixtures: width**levels strings once expanded (30**12 ≈ 5e17)."""
    lines = ["---", "title: Bom", "category: running", "summary: x"]
    lines.append(f"l0: &l0 [{', '.join(['x'] * width)}]")
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * width)}]")
    lines.append("---")
    return "\n".join(lines).encode()


def measure(name: str, raw: bytes) -> None:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        read_card(raw, name)
        outcome = "accepted"
    except SourceProblem as error:
        outcome = f"rejected: {error.problem.message[:50]}…"
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{name}: {len(raw)} bytes, {elapsed * 1000:.1f} ms, peak {peak / 1024:.0f} KiB; {outcome}"
    )


def main() -> None:
    for path in BOMBS:
        measure(path.name, path.read_bytes())
    measure("generated 30^12 bomb", wide_bomb())
    measure(
        "valid card (baseline)",
        (ROOT / "tests/fixtures/project/cards/alpha-project.md").read_bytes(),
    )


if __name__ == "__main__":
    main()
