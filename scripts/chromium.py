"""Headless Chromium settings and a quiet loopback server, shared by screenshot.py and the tests.

The flags stop Chromium's own background traffic (updates, sync, field trials), so
every request seen while a page loads is one the page made.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


# Fontconfig that knows only the Noto faces bundled for the handouts: every generic family
# and the names the site's CSS asks for resolve to them, Latin first, Arabic for Arabic.
FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>{fonts}</dir>
  <cachedir>{cache}</cachedir>
{aliases}
</fontconfig>
"""
ALIASES = ("sans-serif", "serif", "monospace", "system-ui", "Helvetica", "Arial")


def bundled_fonts(folder: Path) -> dict[str, str]:
    """An environment in which Chromium sees the bundled Noto faces and no font of the
    machine's, so layout tests measure the same text on every machine. Writes its
    fontconfig file and font cache into `folder`."""
    from signpost.handouts.fonts import FONT_DIR

    aliases = "\n".join(
        f"  <alias><family>{name}</family>"
        "<prefer><family>Noto Sans</family><family>Noto Sans Arabic</family></prefer></alias>"
        for name in ALIASES
    )
    conf = folder / "fonts.conf"
    conf.write_text(
        FONTS_CONF.format(fonts=FONT_DIR, cache=folder / "cache", aliases=aliases),
        encoding="utf-8",
    )
    return dict(os.environ, FONTCONFIG_FILE=str(conf))


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the terminal for what matters; requests are not news."""


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` on a free loopback port; yields the base URL, without a trailing slash."""
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
