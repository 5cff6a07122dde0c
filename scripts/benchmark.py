"""Benchmark the build: what our layer costs over plain Material, and how it scales.

Usage: python scripts/benchmark.py [--sizes edition,100,1000] [--runs 3] [--serve] [--pdf]

For each size N it makes a temporary copy of the project with N synthetic cards derived from
the June cards (`realistic_card`; the real edition for "edition"), then measures wall time,
CPU time and peak memory (children's max RSS) of:
- our `mkdocs build` from a cold validation cache (emptied before each run) and a warm one,
  against a plain Material build of the same Markdown as ordinary pages, with Material's own
  search plugin as a plain site has it;
- Pagefind's share of our build: its indexer run alone on our built site;
- plain Material with Pagefind as its search instead of Material's own (`make_plain_pagefind`:
  Pagefind run over the built site by a hook), the baseline for the same search engine;
- `kaarten validate`, cold and warm;
- what importing our plugin and its libraries adds to a build's start, over MkDocs and Material
  alone (`measure_imports`): with plain Material + Pagefind, the floor no plugin work goes below;
- optionally the PDF step against a bare WeasyPrint render of the same print HTML (--pdf),
  for the June edition and 100 synthetic cards;
- optionally, at the edition's size, the time from saving a changed card to the rebuilt page
  under `mkdocs serve` (--serve);
- optionally (--archive) the build of 20 cards with 10 published editions of 20 cards each in
  editions/ against the same build without an archive (issue #12: at most 1.2×).
Medians of several runs are printed as a Markdown table, ready for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # the macros of this checkout, imported where they are needed
# Every measured build: without the PDF (measured apart, --pdf) and without Material's banner.
BUILD_ENV = {**os.environ, "KAARTEN_PDF": "0", "NO_MKDOCS_2_WARNING": "1"}
MKDOCS_BUILD = [sys.executable, "-m", "mkdocs", "build", "-q"]
CATEGORIES = ["new", "running", "initiation", "completed"]
WORDS = (  # noqa: SIM905
    "economie regio ondernemers onderwijs gemeente samenwerking project digitalisering "
    "bedrijventerreinen energietransitie arbeidsmarkt talent kennis innovatie stuurgroep "
    "werkgroep partners index ontwikkeling strategie monitor retail vestigingsklimaat"
).split()


def realistic_card(index: int, june: list[str], rng: random.Random) -> str:
    """A valid card shaped like a real one: a June card with its own title, order and words.

    The June cards carry what real cards carry (links, tables, bold and italic text, numbered
    lists, quotes, structure, milestones, partners, targets), so the synthetic edition costs
    what a real one of that size would. Words of the body are shuffled within each paragraph so
    no two cards are alike (search index, caches), and every body gets a link, as most do.
    """
    text = june[index % len(june)]
    front, body = text.split("\n---\n", 1)
    front = re.sub(
        r"^title: .*$", f'title: "Project {index:04d} {rng.choice(WORDS)}"', front, flags=re.M
    )
    front = re.sub(r"^order: .*$", f"order: {index}", front, flags=re.M)
    paragraphs = []
    for paragraph in body.split("\n\n"):
        if paragraph[:1].isalpha():  # prose: shuffle its words, keep its markup
            words = paragraph.split(" ")
            middle = words[1:-1]
            rng.shuffle(middle)
            paragraph = " ".join([words[0], *middle, words[-1]]) if len(words) > 2 else paragraph
        paragraphs.append(paragraph)
    link = f"Lees meer op [de projectpagina](https://www.example.org/project-{index:04d})."
    return front + "\n---\n" + "\n\n".join([*paragraphs, link]) + "\n"


def _not_copied(folder: str, names: list[str]) -> set[str]:
    """What a copy leaves out: the built site at the top only. `macros/site/` is code: without
    it the copy ran the plugin of whatever checkout is installed in the virtual environment."""
    left_out = {".git", ".venv", "__pycache__", "tests"}
    if Path(folder) == REPO:
        left_out.add("site")
    return {name for name in names if name in left_out or name.endswith(".egg-info")}


def make_copy(size: str, workdir: Path) -> Path:
    project = workdir / f"project-{size}"
    shutil.copytree(REPO, project, ignore=_not_copied)
    if size != "edition":
        shutil.rmtree(project / "cards")
        (project / "cards").mkdir()
        rng = random.Random(int(size))
        june = [p.read_text(encoding="utf-8") for p in sorted((REPO / "cards").glob("*.md"))]
        for i in range(int(size)):
            (project / "cards" / f"project-{i:04d}.md").write_text(
                realistic_card(i, june, rng), encoding="utf-8"
            )
    return project


def make_plain(project: Path) -> Path:
    """The same pages as plain Material: cards as plain Markdown pages, no kaarten, no macros."""
    plain = project.parent / (project.name + "-plain")
    shutil.copytree(project / "docs", plain / "docs")
    target = plain / "docs" / "projecten"
    target.mkdir(parents=True, exist_ok=True)
    for card in sorted((project / "cards").glob("*.md")):
        text = card.read_text(encoding="utf-8")
        front, body = text.split("\n---\n", 1)
        title = re.search(r"^title: (.*)$", front, re.M).group(1)
        (target / card.name).write_text(f"# {title}\n\n{body}", encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", config)  # projects from before the plugin
    config = re.sub(r"  # Our own plugin.*\n", "", config)
    config = re.sub(r"  - kaarten:\n(      .*\n)+", "", config)
    config = re.sub(r"  - macros:\n(      .*\n)+", "", config)
    config = re.sub(r"\nwatch:\n(  - .*\n)+", "\n", config)
    config = with_material_search(config)
    (plain / "mkdocs.yml").write_text(config, encoding="utf-8")
    if (project / "overrides").exists():
        shutil.copytree(project / "overrides", plain / "overrides")
    return plain


def with_material_search(config: str) -> str:
    """The plain project's mkdocs.yml with Material's own search plugin, as a plain site has.

    Our site searches with Pagefind (run by our plugin), so our mkdocs.yml lists no `search`
    plugin; a baseline without any search would make plain Material look cheaper than it is.
    """
    if re.search(r"^  - search\b", config, re.M):
        return config
    if re.search(r"^plugins:[ ]*\n", config, re.M):
        return re.sub(r"^plugins:[ ]*\n", "plugins:\n  - search\n", config, count=1, flags=re.M)
    return config + "\nplugins:\n  - search\n"


PAGEFIND_HOOK = """\
import subprocess

COMMAND = {command!r}  # pagefind --site <this project's site folder> with our options


def on_post_build(config):
    subprocess.run(COMMAND, check=True, capture_output=True)
"""


def make_plain_pagefind(plain: Path) -> Path:
    """Plain Material searching with Pagefind instead of its own search plugin: the same pages,
    then `pagefind --site` with our options from a hook, as a plain Material site would add it."""
    project = plain.parent / (plain.name + "-pagefind")
    shutil.copytree(plain / "docs", project / "docs")
    if (plain / "overrides").exists():
        shutil.copytree(plain / "overrides", project / "overrides")
    config = (plain / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^  - search\n", "", config, flags=re.M)
    config = re.sub(r"^plugins:[ ]*\n(?!  )", "plugins: []\n", config, flags=re.M)
    config += "\nhooks:\n  - pagefind_hook.py\n"
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    hook = PAGEFIND_HOOK.format(command=pagefind_command(project / "site"))
    (project / "pagefind_hook.py").write_text(hook, encoding="utf-8")
    return project


def pagefind_command(site: Path) -> list[str]:
    """Our plugin's Pagefind run on a built site, to report its share of our build apart."""
    from macros.search import indexer_command

    return indexer_command(site)


def measure(
    command: list[str],
    cwd: Path,
    runs: int,
    env: dict[str, str] | None = None,
    before: Callable[[], None] | None = None,
) -> dict:
    """Median wall and CPU time over `runs`; peak memory measured in a wrapper process per run.

    CPU time (user + system of the build process) is reported beside wall time because the
    development machine is shared: wall time then measures the neighbours as much as the build.
    """
    samples = []
    for _ in range(runs):
        if before is not None:
            before()
        samples.append(measure_once(command, cwd, env))
    return summary(samples)


def measure_once(command: list[str], cwd: Path, env: dict[str, str] | None) -> tuple[float, ...]:
    """Wall seconds, peak MiB and CPU seconds of one run of `command`, in a wrapper process."""
    wrapper = [sys.executable, __file__, "--child", "--", *command]
    out = subprocess.run(wrapper, cwd=cwd, check=True, capture_output=True, text=True, env=env)
    return tuple(map(float, out.stdout.split()))


def summary(samples: list[tuple[float, ...]]) -> dict:
    """Median wall and CPU time, the highest peak and every wall time of `measure_once` runs."""
    times = [seconds for seconds, _peak, _cpu in samples]
    return {
        "time": statistics.median(times),
        "cpu": statistics.median(cpu for _seconds, _peak, cpu in samples),
        "peak": max(peak for _seconds, peak, _cpu in samples),
        "runs": times,
    }


def child(command: list[str]) -> None:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def page_weight(site: Path) -> float:
    pages = [p for p in (site / "projecten").glob("*/index.html")]
    return statistics.median(p.stat().st_size for p in pages) / 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_rebuild(project: Path, runs: int, env: dict[str, str]) -> list[float]:
    """Seconds from saving a changed card to the changed page being served by `mkdocs serve`.

    MkDocs looks for changed files every 0.5 s (a polling observer), so a save waits 0 to 0.5 s
    before the rebuild starts. Saves follow each other at random moments within that period, as
    an editor's do; at a fixed interval every run would hit the same point of the cycle.
    """
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    card = sorted((project / "cards").glob("*.md"))[0]
    site_url = re.search(r"^site_url: (\S+)", (project / "mkdocs.yml").read_text(), re.M)
    prefix = urllib.parse.urlsplit(site_url.group(1)).path if site_url else "/"
    url = f"http://127.0.0.1:{port}{prefix}projecten/{card.stem}/"
    results = []
    pause = random.Random(7)
    try:
        _wait_for(url, None, 120)
        original = card.read_text(encoding="utf-8")
        for run in range(runs):
            marker = f"Benchmarkmarkering{run}x{time.time_ns()}"
            start = time.perf_counter()
            card.write_text(original + f"\n\n{marker}\n", encoding="utf-8")
            _wait_for(url, marker, 60)
            results.append(time.perf_counter() - start)
            time.sleep(1.0 + pause.random() * 0.5)
        card.write_text(original, encoding="utf-8")
    finally:
        server.terminate()
        server.wait(10)
    return results


def _wait_for(url: str, marker: str | None, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if marker is None or marker in response.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not show {marker!r} within {timeout} s")


def main() -> None:
    if "--child" in sys.argv:
        child(sys.argv[sys.argv.index("--") + 1 :])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="edition,100,1000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--serve", action="store_true", help="measure mkdocs serve rebuilds")
    parser.add_argument("--pdf", action="store_true", help="measure the PDF step")
    parser.add_argument(
        "--archive", action="store_true", help="20 cards with and without 10 published editions"
    )
    args = parser.parse_args()
    if args.archive:
        measure_archive(args.runs)
        return
    validate_cmd = [sys.executable, "-m", "macros.cli", "--project", ".", "validate"]
    rows = []
    imports: tuple[float, float] | None = None
    with tempfile.TemporaryDirectory(prefix="kaarten-bench-") as tmp:
        for size in args.sizes.split(","):
            project = make_copy(size, Path(tmp))
            if imports is None:
                imports = measure_imports(project, args.runs, BUILD_ENV)
            plain = make_plain(project)
            plain_pagefind = make_plain_pagefind(plain)
            cache = Path(tmp) / f"cache-{size}"
            ours_env = {**BUILD_ENV, "KAARTEN_CACHE": str(cache)}

            def cold(cache: Path = cache) -> None:
                shutil.rmtree(cache, ignore_errors=True)

            bare = measure(MKDOCS_BUILD, plain, args.runs, BUILD_ENV)
            bare_pagefind = measure(MKDOCS_BUILD, plain_pagefind, args.runs, BUILD_ENV)
            if not (plain_pagefind / "site" / "pagefind" / "pagefind-entry.json").is_file():
                raise SystemExit("plain Material + Pagefind: the hook wrote no search index")
            ours_cold = measure(MKDOCS_BUILD, project, args.runs, ours_env, before=cold)
            ours_warm = measure(MKDOCS_BUILD, project, args.runs, ours_env)  # cache of the last run
            pagefind = measure(pagefind_command(project / "site"), project, args.runs, BUILD_ENV)
            validate_cold = measure(validate_cmd, project, args.runs, ours_env, before=cold)
            validate_warm = measure(validate_cmd, project, args.runs, ours_env)
            row = {
                "size": size,
                "cards": len(list((project / "cards").glob("*.md"))),
                "ours": ours_cold,
                "warm": ours_warm,
                "plain": bare,
                "plain_pagefind": bare_pagefind,
                "pagefind": pagefind,
                "validate": validate_cold,
                "validate_warm": validate_warm,
                "weight": page_weight(project / "site"),
                "plain_weight": page_weight(plain / "site"),
            }
            if args.serve and size == "edition":
                # At least seven saves: one polling period spreads single runs by 0.5 s.
                row["serve"] = serve_rebuild(project, max(args.runs, 7), ours_env)
            rows.append(row)
            print(f"done: {size}", file=sys.stderr)
    report(rows)
    if imports is not None:
        bare_start, our_start = imports
        print(
            f"\nImports at the start of a build: {bare_start:.2f} s for MkDocs and Material, "
            f"{our_start:.2f} s with our plugin and its libraries ({our_start - bare_start:+.2f} s)"
        )
    if args.pdf:
        print("\nPDF step (scripts/benchmark_pdf.py, best of runs):\n")
        print(measure_pdf(args.runs))


def make_archive(project: Path, editions: int = 10, pdf_bytes: int = 160_000) -> None:
    """Ten published editions (June and December before the current one) of the project's cards.

    Records are written by the publish code itself; each frozen PDF is a stand-in of a real
    edition's size (the build copies PDFs and never reads them as PDF).
    """
    import datetime as dt
    import hashlib

    from macros.editions.publish import record_text
    from macros.editions.records import EditionRecord, edition_id
    from macros.loader import load_publication

    publication = load_publication(project)
    rng = random.Random(12)
    for n in range(editions):
        year, half = divmod(n, 2)
        date = dt.date(publication.edition.date.year - 5 + year, 6 if half == 0 else 12, 1)
        folder = project / "editions" / edition_id(date)
        folder.mkdir(parents=True)
        pdf = b"%PDF-1.7\n" + rng.randbytes(pdf_bytes)
        (folder / "projectoverzicht.pdf").write_bytes(pdf)
        cards = [
            {
                "slug": c.slug,
                "title": c.title,
                "category": CATEGORIES[(i + n) % 4],
                "summary": c.summary,
                "leader": c.leader,
            }
            for i, c in enumerate(publication.cards)
        ]
        record = EditionRecord(
            id=edition_id(date),
            title=f"Projectoverzicht {date.isoformat()}",
            date=date,
            index071={"edition": f"{date.year - 1}-{date.year}", "score": 100 + n},
            cards=cards,
            pdf={"sha256": hashlib.sha256(pdf).hexdigest(), "size": len(pdf)},
        )
        (folder / "edition.yaml").write_text(record_text(record), encoding="utf-8")


def measure_archive(runs: int) -> None:
    """20 cards built with and without 10 published editions of 20 cards: the archive's cost."""
    with tempfile.TemporaryDirectory(prefix="kaarten-bench-") as tmp:
        without = make_copy("20", Path(tmp))
        shutil.rmtree(without / "editions", ignore_errors=True)
        with_archive = Path(tmp) / "project-20-archive"
        shutil.copytree(without, with_archive)
        make_archive(with_archive)
        # Runs alternate between the two projects, so drift on a shared machine hits both alike.
        samples: dict[str, list[tuple[float, ...]]] = {"without": [], "with": []}
        for _ in range(runs):
            for name, project in (("without", without), ("with", with_archive)):
                samples[name].append(measure_once(MKDOCS_BUILD, project, BUILD_ENV))
        times = {name: summary(found) for name, found in samples.items()}
        pages = len(list((with_archive / "site" / "edities").rglob("index.html")))
    a, b = times["without"]["time"], times["with"]["time"]
    print(
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}\n"
    )
    print("| build of 20 cards | wall time (s) | CPU time (s) | peak MiB | runs, wall (s) |")
    print("| --- | --- | --- | --- | --- |")
    for name, label in (("without", "without archive"), ("with", "with 10 editions × 20 cards")):
        m = times[name]
        runs_text = ", ".join(f"{t:.2f}" for t in m["runs"])
        print(f"| {label} | {m['time']:.2f} | {m['cpu']:.2f} | {m['peak']:.0f} | {runs_text} |")
    best = min(times["with"]["runs"]) / min(times["without"]["runs"])
    cpu = times["with"]["cpu"] / times["without"]["cpu"]
    print(
        f"\nWith archive / without: {cpu:.2f}× in CPU time (medians), {b / a:.2f}× in wall time "
        f"(medians), {best:.2f}× of the best wall times ({pages} archive pages; target ≤ 1.2×)"
    )


THEME_IMPORTS = "import mkdocs.__main__, mkdocs.commands.build, markdown, pymdownx.superfences"
OUR_IMPORTS = "import macros.site.plugin, mkdocs_macros.plugin"


def measure_imports(project: Path, runs: int, env: dict[str, str]) -> tuple[float, float]:
    """Median seconds of a Python start that imports what every build of plain Material imports,
    and of one that also imports our plugin and the libraries it needs (pydantic, babel,
    icalendar, nh3, PyYAML, mkdocs-macros), from a project copy as `mkdocs build` does."""
    bare = [sys.executable, "-c", f"{THEME_IMPORTS}, material.plugins.search.plugin"]
    ours = [sys.executable, "-c", f"{THEME_IMPORTS}; {OUR_IMPORTS}"]
    return (
        measure(bare, project, max(runs, 5), env)["time"],
        measure(ours, project, max(runs, 5), env)["time"],
    )


def measure_pdf(runs: int) -> str:
    """Our PDF step against a bare WeasyPrint render of the same HTML (scripts/benchmark_pdf.py)."""
    script = REPO / "scripts" / "benchmark_pdf.py"
    out = subprocess.run(
        [sys.executable, str(script), "--runs", str(runs)],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout


def report(rows: list[dict]) -> None:
    print(
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}\n"
    )
    print(
        "| cards | plain Material (s) | ours, cold cache (s) | ours, warm cache (s) "
        "| cold / plain | warm / plain | CPU cold / plain | CPU warm / plain "
        "| plain + Pagefind (s) | cold · warm / plain + Pagefind "
        "| Pagefind (s) | CPU cold / plain without Pagefind "
        "| validate cold (s) | validate warm (s) | peak MiB (ours / plain) "
        "| card page KB (ours / plain) |"
    )
    print("| --- " * 16 + "|")
    for row in rows:
        plain, cold, warm = row["plain"], row["ours"], row["warm"]
        plain_pagefind = row["plain_pagefind"]["time"]
        print(
            f"| {row['cards']} | {plain['time']:.2f} | {cold['time']:.2f} | {warm['time']:.2f} "
            f"| {cold['time'] / plain['time']:.2f}× | {warm['time'] / plain['time']:.2f}× "
            f"| {cold['cpu'] / plain['cpu']:.2f}× | {warm['cpu'] / plain['cpu']:.2f}× "
            f"| {plain_pagefind:.2f} "
            f"| {cold['time'] / plain_pagefind:.2f}× · {warm['time'] / plain_pagefind:.2f}× "
            f"| {row['pagefind']['time']:.2f} "
            f"| {(cold['cpu'] - row['pagefind']['cpu']) / plain['cpu']:.2f}× "
            f"| {row['validate']['time']:.2f} | {row['validate_warm']['time']:.2f} "
            f"| {cold['peak']:.0f} / {plain['peak']:.0f} "
            f"| {row['weight']:.1f} / {row['plain_weight']:.1f} |"
        )
    sized = {r["size"]: r for r in rows}
    if "100" in sized and "1000" in sized:
        ratio = sized["1000"]["ours"]["time"] / sized["100"]["ours"]["time"]
        print(f"\n1,000-card build / 100-card build: {ratio:.1f}×")
    for row in rows:
        if row.get("serve"):
            serve = row["serve"]
            print(
                f"\nmkdocs serve, save to rebuilt page ({row['cards']} cards): median "
                f"{statistics.median(serve):.2f} s (runs: {', '.join(f'{s:.2f}' for s in serve)})"
            )


if __name__ == "__main__":
    main()
