"""Screenshot built pages in headless Chromium, to look at what the build made.

Usage: .venv/bin/python scripts/screenshot.py [--phone] [--site DIR] en/lessons/how-grooming-works/
Writes PNGs to screenshots/ (git-ignored). Run `make site` first. `--phone` uses a
360-pixel-wide viewport, the size of a cheap phone, because that is how many students read.
"""

from __future__ import annotations

import argparse
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


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the terminal for what matters; requests are not news."""


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="screenshot.py")
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--phone", action="store_true")
    parser.add_argument("paths", nargs="*", default=["en/"])
    args = parser.parse_args(argv)
    site, out = args.site, ROOT / "screenshots"
    if not site.is_dir():
        print("screenshot: no site/ yet; run `make site` first", file=sys.stderr)
        return 1
    out.mkdir(exist_ok=True)
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        size = {"width": 360, "height": 740} if args.phone else {"width": 1280, "height": 900}
        page = browser.new_page(viewport=size)
        for path in args.paths:
            page.goto(base + path.lstrip("/"))
            name = (path.strip("/").replace("/", "_") or "index") + ("-phone" if args.phone else "")
            page.screenshot(path=str(out / f"{name}.png"), full_page=True)
            print(out / f"{name}.png")
        browser.close()
    httpd.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
