"""Accessibility repairs to finished HTML, where the theme's markup falls short of WCAG 2.2.

Plain string work on Signpost's own and Material's markup, so the adapter stays thin:
a wide table scrolls inside a region a keyboard can reach (2.1.1), and Material's
header is made whole for the keyboard (see `repair_theme`).
"""

from __future__ import annotations

import re

from ..render.pageset import esc

_TABLE_RE = re.compile(r"<table\b.*?</table>", re.S)
_HEADING_ID_RE = re.compile(r'<h[1-6]\b[^>]*\bid="([^"]+)"')
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog"'
_MENU_BUTTON = '<label class="md-header__button md-icon" for="__drawer">'
_REPAIRS = (
    ("the search dialog", 'data-md-component="search"', _SEARCH_DIALOG),
    ("the menu button", 'for="__drawer"', _MENU_BUTTON),
)
"""Each repair: what it names, a sign that Material drew the control, and the exact markup
the repair rewrites. A page with the sign but not the markup is Material changed."""


class ThemeChanged(Exception):
    """Material's markup is not what a repair was written for: the build stops rather than
    publish a page that silently lost the repair."""


_FOOTER_LINK_LABEL = re.compile(
    r'(<a href="[^"]*" class="md-footer__link md-footer__link--(?:prev|next)") aria-label="[^"]*"'
)


def scroll_regions(html: str, fallback_label: str) -> str:
    """Wrap each table in a focusable, named region that scrolls it sideways.

    On a phone a schedule or status table is wider than the screen; keyboard users
    can scroll only what they can focus. The region is named by the heading above
    the table, else by `fallback_label`. Material still wraps the table itself in
    its own scroll box, which the stylesheet lets grow to the table's width.
    """
    out, last = [], 0
    for match in _TABLE_RE.finditer(html):
        before = html[last : match.start()]
        headings = _HEADING_ID_RE.findall(html, 0, match.start())
        name = (
            f'aria-labelledby="{headings[-1]}"'
            if headings
            else f'aria-label="{esc(fallback_label)}"'
        )
        out.append(before)
        out.append(f'<div class="sp-scroll" role="region" tabindex="0" {name}>')
        out.append(match.group(0))
        out.append("</div>")
        last = match.end()
    out.append(html[last:])
    return "".join(out)


def repair_theme(page: str, search_label: str, menu_label: str) -> str:
    """Material's header, made keyboard-complete: the search dialog gets a name (4.1.2),
    and the menu button of narrow screens, a label that Material's script already opens
    on Enter, joins the tab order as a named button (2.1.1; a plain label may not carry
    a name of its own). A page where Material drew either control in other markup raises
    ThemeChanged; a project that turns search off simply has no dialog to repair.

    Its footer's previous/next links lose the `aria-label` Material gives them, so their
    name is the text they show (2.5.3): Material escapes a title that is already escaped,
    and "Trouver de l'aide" was announced with "&#x27;" where the apostrophe shows."""
    for what, sign, markup in _REPAIRS:
        if sign in page and markup not in page:
            raise ThemeChanged(
                f"{what} is no longer `{markup}` in Material's HTML; the accessibility "
                "repair in signpost/theme/a11y.py must follow it (see MATERIAL_TESTED)"
            )
    page = page.replace(_SEARCH_DIALOG, f'{_SEARCH_DIALOG} aria-label="{esc(search_label)}"', 1)
    page = _FOOTER_LINK_LABEL.sub(r"\1", page)
    return page.replace(
        _MENU_BUTTON,
        _MENU_BUTTON[:-1] + f' role="button" tabindex="0" aria-label="{esc(menu_label)}">',
        1,
    )
