"""Where to get help: the help box on student pages, and every service on Get help.

The help box is chosen and worded for the lesson's reader (crisis lines for young
people, neutral labels for under-11s); Get help lists every confirmed service.
"""

from __future__ import annotations

import re

from ..content.lessons import Lesson
from ..data import Hotline, helplines
from ..data.helplines import young_reader
from ..data.strings import Strings
from .pageset import PageSet, esc, inert
from .quick_exit import has_safe_browsing

HELP_ID = "sp-help"
"""The help box's anchor: a content note's "Skip to help" leads here."""


def help_box(pages: PageSet, lesson: Lesson) -> str:
    """Each of the edition's countries, under its name, with the lines for the lesson's
    readers and every service the lesson names; then every other country's."""
    t = pages.t
    countries = pages.project.language(pages.lang).countries
    groups = helplines.for_lesson(pages.data, countries, lesson, pages.lang, pages.default)
    young = young_reader(lesson)
    listing = "".join(country_html(pages, group, young) for group in groups)
    if not listing:
        listing = f"<p>{esc(t('help_none_local'))}</p>\n"
    intro = pages.t.first(f"help_intro_{lesson.audience}", "help_intro")
    return (
        f'<aside class="sp-help" id="{HELP_ID}" aria-labelledby="sp-help-title">\n'
        f'<h2 id="sp-help-title">{esc(t("help_heading"))}</h2>\n'
        f"<p>{esc(intro)}</p>\n"
        f'<p class="sp-emergency">{esc(t("help_emergency"))}</p>\n'
        f"{listing}"
        f"{country_list(pages, young, opened=not groups, audience=lesson.audience)}"
        f'<p><a href="../../get-help/">{esc(t("help_more"))}</a></p>\n'
        f"{_safe_browsing(pages)}"
        f"</aside>\n"
    )


def country_html(
    pages: PageSet, group: helplines.CountryHelp, young: bool, brief: bool = False
) -> str:
    """One country's lines under its name: a number is only any use where it works."""
    items = "".join(f"<li>{_hotline_html(pages, h, young, brief)}</li>\n" for h in group.services)
    name = esc(group.name(pages.lang, pages.default))
    return f'<p class="sp-country-name">{name}</p>\n<ul class="sp-hotlines">\n{items}</ul>\n'


def country_list(
    pages: PageSet, young: bool = False, opened: bool = False, audience: str = "community"
) -> str:
    """Every other confirmed country's emergency number and main line: a language is not a
    country. A `<details>` works without JavaScript and stores nothing. It is open where the
    help box above has no number of its own, so there is still one to tap at once.
    """
    t = pages.t
    countries = pages.project.language(pages.lang).countries
    rows = []
    for group in helplines.elsewhere(pages.data, countries, audience, young):
        links = " ".join(
            f'<a href="{_tel(h.call)}">{esc(purpose_label(t, h.purpose, young))} '
            f'<bdi dir="ltr">{esc(h.call)}</bdi></a>'
            for h in group.services
            if h.call
        )
        if links:
            name = esc(group.name(pages.lang, pages.default))
            rows.append(f'<li><span class="sp-country">{name}</span> {links}</li>\n')
    if not rows:
        return ""
    return (
        f'<details class="sp-countries"{" open" if opened else ""}>\n'
        f"<summary>{esc(_elsewhere(pages))}</summary>\n"
        f'<ul class="sp-hotlines">\n{"".join(rows)}</ul>\n</details>\n'
    )


def _elsewhere(pages: PageSet) -> str:
    """ "Not in the United States? Choose your country", or just "Choose your country"
    where the language has no country of its own or a country lacks its `where`."""
    t = pages.t
    codes = pages.project.language(pages.lang).countries
    places = [
        loc.where.get(pages.lang) or loc.where.get(pages.default)
        for loc in (pages.data.locales.get(code) for code in codes)
        if loc is not None
    ]
    if not places or not all(places):
        return t("help_countries_choose")
    return t("help_countries_elsewhere", where=t("list_or").join(str(p) for p in places))


def _safe_browsing(pages: PageSet) -> str:
    """A reader who may be watched learns how to look for help with less risk."""
    if not has_safe_browsing(pages.project):
        return ""
    return f'<p><a href="../../safe-browsing/">{esc(pages.t("exit_safe_browsing"))}</a></p>\n'


def purpose_label(t: Strings, purpose: str, young: bool = False) -> str:
    key = f"purpose_{purpose}"
    return t.first(f"{key}_young", key) if young else t(key)


def _tel(number: str) -> str:
    return "tel:" + re.sub(r"[^\d+]", "", number)


def _hotline_html(pages: PageSet, h: Hotline, young: bool = False, brief: bool = False) -> str:
    """A service's name, purpose and the buttons to call or text it; `brief` (the front
    door) stops there, leaving website, hours and languages to the help box and Get help."""
    t = pages.t
    keyword = h.keyword_in(pages.lang)
    parts = [
        f'<span class="sp-hotline-name">{esc(h.name_in(pages.lang))}</span>',
        f'<span class="sp-hotline-purpose">{esc(purpose_label(t, h.purpose, young))}</span>',
    ]
    if h.call:
        parts.append(
            f'<a class="sp-call" href="{_tel(h.call)}">{esc(t("help_call"))} '
            f'<bdi dir="ltr">{esc(h.call)}</bdi></a>'
        )
    if h.text and keyword:
        body = f"?&body={keyword}"
        label = t("help_text_keyword", keyword=keyword)
        parts.append(
            f'<a class="sp-call" href="sms:{esc(h.text)}{esc(body)}">{esc(label)} '
            f'<bdi dir="ltr">{esc(h.text)}</bdi></a>'
        )
    elif h.text and not h.keywords:
        parts.append(
            f'<a class="sp-call" href="sms:{esc(h.text)}">{esc(t("help_text"))} '
            f'<bdi dir="ltr">{esc(h.text)}</bdi></a>'
        )
    if brief:
        return " ".join(parts)
    if h.tty:
        parts.append(f'<span>{esc(t("help_tty"))} <bdi dir="ltr">{esc(h.tty)}</bdi></span>')
    if h.chat:
        parts.append(f'<a href="{esc(h.chat)}">{esc(t("help_chat"))}</a>')
    if h.hours == "24/7":
        parts.append(f"<span>{esc(t('help_hours_24_7'))}</span>")
    if h.languages:
        parts.append(f"<span>{esc(t('help_languages', n=h.languages))}</span>")
    return " ".join(parts)


def hotline_table(pages: PageSet) -> str:
    """Every hotline, by country, with its source and check date, for the Get help page."""
    t = pages.t
    countries = pages.project.language(pages.lang).countries
    out = [country_list(pages, opened=not countries) + "\n"]
    ordered = [c for c in countries if c in pages.data.locales]
    ordered += [c for c in pages.data.locales if c not in ordered]
    for code in ordered:
        locale = pages.data.locales[code]
        lines = pages.data.hotlines_for((code,))
        if not lines:
            continue
        name = locale.names.get(pages.lang) or locale.names.get(pages.default) or code
        out.append(f'### {inert(name)}\n\n<ul class="sp-hotlines">\n')
        for h in lines:
            source = (
                f'<small>{esc(t("hotline_source"))}: <a href="{esc(h.source_url)}">'
                f"{esc(h.source_title)}</a>. {esc(t('hotline_checked', date=h.checked))}"
                "</small>"
            )
            out.append(f"<li>{_hotline_html(pages, h)}<br>{source}</li>\n")
        out.append("</ul>\n\n")
    return "".join(out)
