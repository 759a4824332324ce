"""Where each page sits in a language's site, shared by validation, derivation and the adapter.

Every language has the same page paths under its own prefix (`site/<lang>/`), so
a page's translations are found by swapping the prefix alone.
"""

from __future__ import annotations

import posixpath
import re

CATALOGUE = "catalogue.md"
HANDOUTS = "handouts"
PAPERS = ("a4", "letter")
TRANSLATION_STATUS = "translation-status.md"
GENERATED_PAGES = (CATALOGUE, TRANSLATION_STATUS)
LOGO = "assets/images/logo.svg"
"""The header's and drawer's logo (the theme's): a signpost drawn for the dark header bar."""
FAVICON = "assets/images/favicon.svg"
"""The tab icon, the same signpost on the site's blue; the root chooser links it too."""

_LANG_SUFFIX = re.compile(r"^(?P<stem>.+?)\.(?P<lang>[A-Za-z]{2,3}(?:-[A-Za-z0-9]+)?)\.md$")


def student_page(lesson_id: str) -> str:
    return f"lessons/{lesson_id}/index.md"


def plan_page(lesson_id: str) -> str:
    return f"lessons/{lesson_id}/plan.md"


def page_url(src: str) -> str:
    """The directory URL MkDocs gives a Markdown source path, relative to the language root."""
    if src.endswith("index.md"):
        return src[: -len("index.md")]
    return src[: -len(".md")] + "/"


def split_docs_name(rel: str, codes: list[str]) -> tuple[str, str | None]:
    """`about.es.md` -> (`about.md`, `es`); `about.md` -> (`about.md`, None)."""
    match = _LANG_SUFFIX.match(rel)
    if match and match.group("lang") in codes:
        return f"{match.group('stem')}.md", match.group("lang")
    return rel, None


def handout_pdf(lesson_id: str, paper: str) -> str:
    """A lesson's handout PDF, relative to the language root."""
    return f"{HANDOUTS}/{lesson_id}-{paper}.pdf"


def plan_pdf(lesson_id: str, paper: str) -> str:
    return f"{HANDOUTS}/{lesson_id}-plan-{paper}.pdf"


def evaluation_pdf(lesson_id: str, paper: str) -> str:
    """A lesson's before/after questionnaire and tally sheet."""
    return f"{HANDOUTS}/{lesson_id}-evaluation-{paper}.pdf"


def cards_pdf(lesson_id: str, paper: str) -> str:
    """A lesson's sheet of cut-out cards, relative to the language root."""
    return f"{HANDOUTS}/{lesson_id}-cards-{paper}.pdf"


def pack_pdf(pack_id: str, paper: str) -> str:
    return f"{HANDOUTS}/packs/{pack_id}-{paper}.pdf"


def relative_to_page(page_src: str, target: str) -> str:
    """A link from the page made from `page_src` to `target`; both relative to the language root."""
    return posixpath.relpath(target, page_url(page_src) or ".")


def offline_zip(lang: str) -> str:
    """A language's offline copy, relative to that language's root."""
    return f"offline/signpost-{lang}.zip"


def age_band_anchor(low: int, high: int) -> str:
    """The anchor of an age band's heading on the students' page, the same in every language
    (a slug of "الأعمار 8–10" would be empty), so the front door's band links can find it."""
    return f"ages-{low}-{high}"
