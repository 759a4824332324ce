"""The engine's part of the site's look and behaviour, shipped inside the package.

A Material `custom_dir` of its own: `main.html` and `partials/` (the quick exit, the
per-page language switcher, JSON-LD, the scripts that must load before Material's
bundle) and `assets/` (the quick exit, print, catalogue filters, search on demand,
offline search, the chooser's script and `signpost.css`). `mkdocs_plugin` adds it to
every build; a project's `overrides/` and `docs/assets/` override any file by name.
"""

from __future__ import annotations

from pathlib import Path

THEME_DIR = str(Path(__file__).resolve().parent)
EXTRA_CSS = ("assets/signpost.css",)
"""Every page's stylesheet, before any the project's mkdocs.yml lists."""
EXTRA_JAVASCRIPT = ("assets/catalogue.js", "assets/print.js")
"""Every page's scripts (catalogue filters, print links), before the project's own."""
