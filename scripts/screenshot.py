"""Screenshot built pages in headless Chromium, to look at what the build made.

Usage: .venv/bin/python scripts/screenshot.py [--phone] [--site DIR] en/lessons/how-grooming-works/
Writes PNGs to screenshots/ (git-ignored). Run `make site` first. `--phone` uses a
360-pixel-wide viewport, the size of a cheap phone, because that is how many students read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from chromium import CHROMIUM, FLAGS, serve
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent


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
    size = {"width": 360, "height": 740} if args.phone else {"width": 1280, "height": 900}
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport=size)
        for path in args.paths:
            page.goto(f"{base}/{path.lstrip('/')}")
            name = (path.strip("/").replace("/", "_") or "index") + ("-phone" if args.phone else "")
            page.screenshot(path=str(out / f"{name}.png"), full_page=True)
            print(out / f"{name}.png")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
