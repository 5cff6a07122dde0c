"""Lighthouse (mobile) and the Nu Html Checker against a built site; prints the figures that
BENCHMARKS.md records.

Usage:
    mkdocs build && python scripts/site_checks.py site [PAGE ...] [--runs 3]

PAGE paths are relative to the site root ("" is home); by default: home, the overview, the
first card, Index071, the agenda and the partners. Each page gets `--runs` Lighthouse runs and the
median (by performance score) is shown. The site is served on 127.0.0.1 under the path of
site_url, as on the real host.

Tools: Lighthouse 12 and the Nu Html Checker (vnu.jar) are installed from npm into
~/.cache/economie071-site-checks on first use (`npm` and `java` must exist: Debian packages
`npm` and `default-jre-headless`); Lighthouse drives the system Chromium (/usr/bin/chromium,
or $CHROME_PATH).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.browser import SITE_PATH, QuietHandler, serve  # noqa: E402 (the repository first)

TOOLS = Path(os.environ.get("SITE_CHECKS_HOME", Path.home() / ".cache/economie071-site-checks"))
PACKAGES = ["lighthouse@12.2.3", "vnu-jar@26.9.27"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
GOAL = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}


def install_tools() -> tuple[Path, Path]:
    lighthouse = TOOLS / "node_modules/.bin/lighthouse"
    vnu = TOOLS / "node_modules/vnu-jar/build/dist/vnu.jar"
    if not (lighthouse.exists() and vnu.exists()):
        if shutil.which("npm") is None:
            sys.exit("npm ontbreekt: installeer het (apt-get install npm)")
        TOOLS.mkdir(parents=True, exist_ok=True)
        if not (TOOLS / "package.json").exists():
            (TOOLS / "package.json").write_text('{"private": true}\n', encoding="utf-8")
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--save-exact", *PACKAGES],
            cwd=TOOLS,
            check=True,
        )
    return lighthouse, vnu


COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".ics", ".txt")


class _Host(QuietHandler):
    """Serves like the real host (GitHub Pages): text gzip-compressed when the browser asks.

    Without compression Lighthouse's simulated phone network would count Material's stylesheet
    at its full 135 KB instead of the 20 KB a reader downloads.
    """

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the base class redirects "dir" to "dir/"
            path = path / "index.html"
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def default_pages(site: Path) -> list[str]:
    cards = sorted(p.parent.name for p in (site / "projecten").glob("*/index.html"))
    card = [f"projecten/{cards[0]}/"] if cards else []
    return ["", "projecten/", *card, "index071/", "agenda/", "partners/"]


def lighthouse_run(lighthouse: Path, url: str, out: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(
        [
            str(lighthouse),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox",
        ],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {k: round(100 * (report["categories"][k]["score"] or 0)) for k in CATEGORIES}
    audits = report["audits"]
    scores["lcp_s"] = audits["largest-contentful-paint"]["numericValue"] / 1000
    scores["failing"] = sorted(
        a["id"]
        for a in audits.values()
        if a.get("score") is not None
        and a["score"] < 0.9
        and a.get("scoreDisplayMode") in ("binary", "numeric")
    )
    return scores


# Errors in markup that Material for MkDocs writes on every page (its drawer and search toggles
# carry autocomplete="off" on a checkbox; its table-of-contents title is a label for a toggle
# that is left out when the page has no table of contents). Counted apart from our own.
THEME_MARKUP = ('class="md-toggle"', 'for="__toc"')


def html_errors(vnu: Path, site: Path) -> tuple[list[str], list[str]]:
    """(errors in our own markup, errors in Material's markup), each as "page: message"."""
    if shutil.which("java") is None:
        sys.exit("java ontbreekt: installeer het (apt-get install default-jre-headless)")
    command = ["java", "-jar", str(vnu), "--skip-non-html", "--errors-only", "--format", "json"]
    done = subprocess.run([*command, str(site)], capture_output=True, text=True, check=False)
    messages = json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]
    ours, theme = [], []
    for message in messages:
        if message.get("type") != "error":
            continue
        page = message.get("url", "").split(site.as_posix(), 1)[-1]
        text = f"{page}:{message.get('lastLine', '?')}: {message['message']}"
        extract = message.get("extract", "")
        (theme if any(mark in extract for mark in THEME_MARKUP) else ours).append(text)
    return ours, theme


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("pages", nargs="*")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--no-gzip", action="store_true", help="serve uncompressed (not as the real host does)"
    )
    args = parser.parse_args()
    site = args.site.resolve()
    lighthouse, vnu = install_tools()

    errors, theme = html_errors(vnu, site)
    print(f"Nu Html Checker: {len(errors)} errors in our markup, {len(theme)} in Material's")
    for error in errors[:20]:
        print("  ", error)

    pages = args.pages or default_pages(site)
    header = f"{'page':36} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5} {'LCP s':>6}"
    served = "uncompressed" if args.no_gzip else "gzip, as the real host"
    print(f"\nLighthouse 12, mobile, median of {args.runs} runs ({served})\n{header}")
    below = []
    handler = QuietHandler if args.no_gzip else _Host
    with tempfile.TemporaryDirectory() as folder, serve(site, SITE_PATH, handler) as base:
        for page in pages:
            runs = [
                lighthouse_run(lighthouse, base + page, Path(folder) / f"lh{n}.json")
                for n in range(args.runs)
            ]
            perf = statistics.median_low([r["performance"] for r in runs])
            median = next(r for r in runs if r["performance"] == perf)
            print(
                f"/{page:35} {median['performance']:>5} {median['accessibility']:>5} "
                f"{median['best-practices']:>5} {median['seo']:>5} {median['lcp_s']:>6.2f}"
            )
            if median["failing"]:
                print("      below 0.9:", ", ".join(median["failing"]))
            below += [f"/{page} {k}" for k, goal in GOAL.items() if median[k] < goal]
    print("\ngoal met" if not below and not errors else f"\nbelow goal: {', '.join(below)}")


if __name__ == "__main__":
    main()
