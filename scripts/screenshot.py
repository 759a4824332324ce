"""Screenshot built pages in headless Chromium, to look at what the build made.

Usage: .venv/bin/python scripts/screenshot.py en/lessons/how-grooming-works/ ar/catalogue/
Writes PNGs to screenshots/ (git-ignored). Run `make site` first.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def main(paths: list[str]) -> int:
    site, out = ROOT / "site", ROOT / "screenshots"
    if not site.is_dir():
        print("screenshot: no site/ yet; run `make site` first", file=sys.stderr)
        return 1
    out.mkdir(exist_ok=True)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a, **k: None  # type: ignore[method-assign]
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for path in paths or ["en/"]:
            page.goto(base + path.lstrip("/"))
            name = path.strip("/").replace("/", "_") or "index"
            page.screenshot(path=str(out / f"{name}.png"), full_page=True)
            print(out / f"{name}.png")
        browser.close()
    httpd.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
