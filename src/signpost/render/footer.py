"""The credit at the foot of every page, in the page's language.

Material prints "Made with Material for MkDocs" in English on every page, whatever the
language; the words around the tool's name are an interface string like any other.
"""

from __future__ import annotations

from ..data.strings import Strings
from .pageset import esc

TOOL = "Material for MkDocs"
TOOL_URL = "https://squidfunk.github.io/mkdocs-material/"


def made_with_html(t: Strings, lang: str) -> str:
    """ "Made with Material for MkDocs" in language `lang`: the tool's name stays English and
    says so (`lang="en"`, left to right inside Arabic). It opens in the same tab, so the
    quick exit leaves no other tab behind."""
    before, _, after = t("footer_made_with", tool="{tool}").partition("{tool}")
    marks = "" if lang == "en" else ' lang="en" dir="ltr"'
    link = f'<a href="{TOOL_URL}" rel="noopener"{marks}>{TOOL}</a>'
    return f"{esc(before)}{link}{esc(after)}"
