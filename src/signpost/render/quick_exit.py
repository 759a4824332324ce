"""The quick exit: one bar at the top of every page that leaves the site at once.

A reader who is watched must be able to leave in one tap, or by pressing Shift
three times. The bar is a plain link to the language's neutral destination, so it
works without JavaScript; `assets/quick-exit.js` makes it replace the page in the
history, hide it at once and clear what the site stored.
"""

from __future__ import annotations

import posixpath

from ..data.strings import Strings
from ..project import Project
from .pageset import esc

SCRIPT = "assets/quick-exit.js"
SAFE_BROWSING = "safe-browsing.md"


def has_safe_browsing(project: Project) -> bool:
    """Whether the site has its page on browsing safely, for the bar and help box to link."""
    return (project.docs_path / SAFE_BROWSING).is_file()


def quick_exit_html(project: Project, t: Strings, code: str, base: str) -> str:
    """The bar for a page of language `code`; `base` leads from the page to that language's root."""
    lang = project.language(code)
    safe = ""
    if has_safe_browsing(project):
        href = posixpath.join(base, "safe-browsing/")
        safe = f'<a class="sp-exit__safe" href="{esc(href)}">{esc(t("exit_safe_browsing"))}</a>'
    return (
        f'<div class="sp-exit" data-sp-exit data-count="{esc(t("exit_count", n="{n}"))}">'
        f'<a class="sp-exit__button" href="{esc(lang.exit_url)}" rel="noreferrer" '
        f'aria-describedby="sp-exit-hint">{esc(t("exit_label"))}</a>'
        '<span class="sp-exit__dots" aria-hidden="true"><i></i><i></i><i></i></span>'
        f"{safe}"
        f'<span class="sp-sr-only" id="sp-exit-hint">{esc(t("exit_hint"))}</span>'
        '<span class="sp-sr-only" aria-live="polite" data-sp-exit-live></span>'
        "</div>"
    )
