"""Take screenshots of built pages in headless Chromium, as partners see them.

Usage: python scripts/screenshots.py SITE_DIR OUT_DIR [PAGE ...]
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


def serve(site: Path) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    site, out = Path(sys.argv[1]), Path(sys.argv[2])
    pages = sys.argv[3:] or [""]
    out.mkdir(parents=True, exist_ok=True)
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for size, (width, height) in SIZES.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            tab = context.new_page()
            for path in pages:
                tab.goto(base + path)
                name = (path.strip("/").replace("/", "_") or "home") + f"-{size}.png"
                tab.screenshot(path=str(out / name), full_page=True)
            context.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
