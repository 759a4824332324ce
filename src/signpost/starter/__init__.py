"""What `signpost init` copies into a new project, shipped as package data.

`data/` holds the confirmed help services, topics, reading targets, word lists and the
default interface strings (`data/strings/<lang>.yml`, which every build falls back to when
a project has no file of that name); `docs/` the site pages in every language the engine
has strings for; `lessons/` and `sources/` the reference curriculum's starter lessons and
their translation snapshots (`signpost init --starter`).

They are copies of the reference curriculum's files, kept in the package so a wheel, an
sdist and an editable install all carry them without a build step;
`scripts/sync_starter.py` refreshes them and `tests/test_product.py` fails when they drift.
"""

from __future__ import annotations

from pathlib import Path

STARTER = Path(__file__).resolve().parent
DEFAULT_STRINGS = STARTER / "data" / "strings"

PAGES = (
    "index",
    "for-students",
    "for-teachers",
    "for-hosts",
    "catalogue",
    "get-help",
    "safe-browsing",
    "privacy",
    "glossary",
    "about",
)
"""The site pages of every new project, in its nav's order (`catalogue` is generated)."""
STARTER_PAGES = ("teacher-guide", "host-guide")
"""The guides, added with the starter lessons: they link to lessons by name."""
