"""The front door: the home page's three doors and its "Need help now?" block.

A reader arrives not knowing where to go, and may be in danger now. The doors name the
three kinds of reader the site serves (students by age band, teachers, seminar hosts) so
each finds their way in one tap; the help block gives the numbers for the language's
countries on the first screen, before any lesson, with every other country one tap away.
"""

from __future__ import annotations

from .. import layout
from ..data import helplines
from .helpbox import country_html, country_list
from .pageset import PageSet, esc
from .quick_exit import has_safe_browsing

FRONT_BOX = "youth"
"""The help box the front door shows: a young reader may arrive there, and the youth box
puts emergency first and a crisis or child line next (`help_box:` in hotlines.yml), which
`check` already requires of every country the edition targets."""

DOORS = (
    ("students", "for-students.md"),
    ("teachers", "for-teachers.md"),
    ("hosts", "for-hosts.md"),
)


def doors(pages: PageSet, page_src: str) -> str:
    """One card per kind of reader whose page the project has; the students' card leads
    straight to each age band that has lessons."""
    t = pages.t
    cards = []
    for kind, target in DOORS:
        if not (pages.project.docs_path / target).is_file():
            continue
        href = layout.relative_to_page(page_src, layout.page_url(target)) + "/"
        bands = _bands(pages, href) if kind == "students" else ""
        cards.append(
            f'<li class="sp-door sp-door--{kind}">'
            f'<h2 class="sp-door__title"><a href="{esc(href)}">{esc(t(f"door_{kind}"))}</a></h2>'
            f'<p class="sp-door__text">{esc(t(f"door_{kind}_text"))}</p>{bands}</li>'
        )
    if not cards:
        return ""
    return f'<ul class="sp-doors">\n{chr(10).join(cards)}\n</ul>\n\n'


def _bands(pages: PageSet, href: str) -> str:
    youth = [lesson for lesson in pages.lessons if lesson.audience == "youth" and lesson.ages]
    links = []
    for low, high in pages.project.age_bands:
        if any(lesson.ages[0] <= high and lesson.ages[1] >= low for lesson in youth):
            anchor = layout.age_band_anchor(low, high)
            label = pages.t("age_band", low=low, high=high)
            links.append(f'<li><a href="{esc(href)}#{anchor}">{esc(label)}</a></li>')
    if not links:
        return ""
    return f'<ul class="sp-door__bands">{"".join(links)}</ul>'


def help_now(pages: PageSet, page_src: str) -> str:
    """The numbers for the language's countries, each under its country's name, then every
    other country's emergency and main line, open where the language has no country."""
    t = pages.t
    countries = pages.project.language(pages.lang).countries
    groups = helplines.help_for(pages.data, countries, FRONT_BOX)
    listing = "".join(country_html(pages, group, False, brief=True) for group in groups)
    if not listing:
        listing = f"<p>{esc(t('help_none_local'))}</p>\n"
    more = layout.relative_to_page(page_src, layout.page_url("get-help.md")) + "/"
    safe = ""
    if has_safe_browsing(pages.project):
        href = layout.relative_to_page(page_src, layout.page_url("safe-browsing.md")) + "/"
        safe = f'<p><a href="{esc(href)}">{esc(t("exit_safe_browsing"))}</a></p>\n'
    return (
        '<aside class="sp-help sp-help-now" aria-labelledby="sp-help-now-title">\n'
        f'<h2 id="sp-help-now-title">{esc(t("help_now_heading"))}</h2>\n'
        f"<p>{esc(t('help_intro_youth'))}</p>\n"
        f'<p class="sp-emergency">{esc(t("help_emergency"))}</p>\n'
        f"{listing}"
        f"{country_list(pages, opened=not groups, audience=FRONT_BOX)}"
        f'<p><a href="{esc(more)}">{esc(t("help_more"))}</a></p>\n'
        f"{safe}</aside>\n\n"
    )
