"""The engine's part of the site's look and behaviour, shipped inside the package.

A Material `custom_dir` of its own: `main.html` and `partials/` (the quick exit, the
per-page language switcher, JSON-LD, the scripts that must load before Material's
bundle) and `assets/` (the quick exit, print, catalogue filters, search on demand,
offline search, the chooser's script and `signpost.css`). `adapter.mkdocs_plugin` adds it
to every build; a project's `overrides/` and `docs/assets/` override any file by name.

Beside it, the code that knows Material's output: `search_index` (the index rewritten),
`theme_css` (the stylesheet cut per language), `offline` (the `file://` copy and its zip)
and `a11y` (repairs to Material's HTML). MkDocs copies no `.py` file from a theme folder.
"""

from __future__ import annotations

from pathlib import Path

from .. import layout

MATERIAL_TESTED = ("9.8",)
"""The Material releases (major.minor) this package's templates and the modules beside
them were tested with; pyproject.toml allows these alone, and tests/test_product.py fails
on any other installed, so an upgrade is checked (screens, axe, the patched markup and
scripts) before it reaches a project."""
THEME_DIR = str(Path(__file__).resolve().parent)
EXTRA_CSS = ("assets/signpost.css",)
"""Every page's stylesheet, before any the project's mkdocs.yml lists."""
LOGO = layout.LOGO
FAVICON = layout.FAVICON
MATERIAL_FAVICON = "assets/images/favicon.png"
"""Material's own default, replaced unless a project chose another."""
EXTRA_JAVASCRIPT = ("assets/catalogue.js", "assets/print.js", "assets/self-check.js")
"""Every page's scripts (catalogue filters, print links, the self-check), before the
project's own."""
