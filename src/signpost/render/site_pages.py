"""Pages about many lessons: the catalogue, lesson lists and packs in site pages, status.

Site pages hold directives such as `[[lessons youth]]`; these turn them into lists.
"""

from __future__ import annotations

import re
from functools import partial

from .. import layout
from ..content.directives import DIRECTIVE_RE, directive
from ..content.page_translations import page_status
from ..data.agenda import plan
from .catalogue import DURATION_BUCKETS, Entry, entries
from .front_door import doors, help_now
from .helpbox import hotline_table
from .lesson_pages import pdf_links
from .pageset import PageSet, esc, front, inert

ATX_HEADING_RE = re.compile(r"^(#{1,6})[ \t]", re.M)


def pack_list(pages: PageSet, page_src: str) -> str:
    """The declared seminar packs with their PDFs, for the hosts' page."""
    if not pages.handouts or not pages.data.packs:
        return ""
    t = pages.t
    by_id = {lesson.id: lesson for lesson in pages.lessons}
    out = [f'<p>{esc(t("packs_intro"))}</p>\n<ul class="sp-packs">\n']
    for pack in pages.data.packs:
        lessons = [by_id[i] for i in pack.lessons if i in by_id]
        agenda = plan(lessons, pack.timing, pages.default)
        summary = t("pack_summary", n=len(lessons), minutes=agenda.total)
        titles = t("list_separator").join(pages.text(lesson)[0].title for lesson in lessons)
        title = pack.title(pages.lang, pages.default)
        links = pdf_links(pages, page_src, t("print_pack"), partial(layout.pack_pdf, pack.id))
        out.append(
            f"<li><strong>{esc(title)}</strong> · {esc(summary)}<br>"
            f"<small>{esc(titles)}</small><br>{links}</li>\n"
        )
    out.append("</ul>\n")
    return "".join(out)


def evaluation_list(pages: PageSet, page_src: str) -> str:
    """Every lesson with questions and its before/after questionnaire and tally sheet, for
    the hosts' page; '' when the build makes no PDFs or no lesson has questions."""
    if not pages.handouts:
        return ""
    t = pages.t
    items = []
    for entry in entries(pages.project, pages.lessons):
        lesson = entry.lesson
        if not lesson.texts[pages.default].questions:
            continue
        title = pages.text(lesson)[0].title
        links = pdf_links(
            pages, page_src, t("print_evaluation"), partial(layout.evaluation_pdf, lesson.id)
        )
        items.append(f"<li><strong>{esc(title)}</strong><br>{links}</li>\n")
    return f'<ul class="sp-packs">\n{"".join(items)}</ul>\n' if items else ""


def offline_section(pages: PageSet, page_src: str) -> str:
    """The language's offline zip, for teachers and hosts without internet in the room."""
    if not pages.offline:
        return ""
    t = pages.t
    href = layout.relative_to_page(page_src, layout.offline_zip(pages.lang))
    return (
        f"## {inert(t('offline_heading'))}\n\n"
        f"<p>{esc(t('offline_intro'))}</p>\n"
        f'<p><a class="sp-offline" href="{esc(href)}" download>'
        f"{esc(t('offline_download'))}</a></p>\n\n"
    )


def lesson_list(pages: PageSet, audience: str, page_src: str, level: int = 3) -> str:
    """The plain grouped list used by portals; links are relative to `page_src`.

    Youth lessons are grouped under a heading per age band at `level`, one below the
    heading the list sits under, so the page's outline never skips a level.
    """
    chosen = [e for e in entries(pages.project, pages.lessons) if e.lesson.audience == audience]
    if audience != "youth":
        return _items(pages, chosen, page_src)
    out = []
    for low, high in pages.project.age_bands:
        band = f"{low}-{high}"
        in_band = [e for e in chosen if band in e.bands]
        if in_band:
            label = inert(pages.t("age_band", low=low, high=high))
            anchor = layout.age_band_anchor(low, high)
            out.append(f"{'#' * level} {label} {{#{anchor}}}\n\n")
            out.append(_items(pages, in_band, page_src))
    return "".join(out)


def _items(pages: PageSet, chosen: list[Entry], page_src: str) -> str:
    t = pages.t
    lines = []
    for e in chosen:
        text, fallback = pages.text(e.lesson)
        lang = f' lang="{pages.default}"' if fallback else ""
        student = layout.relative_to_page(
            page_src, layout.page_url(layout.student_page(e.lesson.id))
        )
        plan = layout.relative_to_page(page_src, layout.page_url(layout.plan_page(e.lesson.id)))
        lines.append(
            f'<li><a href="{esc(student)}/"{lang}>{esc(text.title)}</a> · '
            f"{esc(t('duration_value', n=e.lesson.duration))} · "
            f'<a href="{esc(plan)}/">{esc(t("plan_heading"))}</a><br>\n'
            f"<span{lang}>{esc(text.summary)}</span></li>"
        )
    return '<ul class="sp-lesson-list">\n' + "\n".join(lines) + "\n</ul>\n\n"


def expand_directives(pages: PageSet, markdown: str, page_src: str) -> str:
    """Each directive line (`content.directives`) replaced by what it names; a line naming
    none is left as written (`check` has refused it)."""

    def replace(match: re.Match[str]) -> str:
        name = directive(match.group(1))
        if name == "hotlines":
            return hotline_table(pages)
        if name == "packs":
            return pack_list(pages, page_src)
        if name == "offline":
            return offline_section(pages, page_src)
        if name == "doors":
            return doors(pages, page_src)
        if name == "help":
            return help_now(pages, page_src)
        if name == "evaluation":
            return evaluation_list(pages, page_src)
        if name is not None and name.startswith("lessons "):
            above = ATX_HEADING_RE.findall(markdown, 0, match.start())
            level = min(len(above[-1]) + 1, 6) if above else 2
            return lesson_list(pages, name.removeprefix("lessons "), page_src, level)
        return match.group(0)

    return DIRECTIVE_RE.sub(replace, markdown)


def catalogue_page(pages: PageSet) -> str:
    """Facets that combine in the browser over a list that works without JavaScript."""
    t = pages.t
    all_entries = entries(pages.project, pages.lessons)

    def select(name: str, label: str, options: list[tuple[str, str]]) -> str:
        opts = "".join(f'<option value="{esc(v)}">{esc(lbl)}</option>' for v, lbl in options)
        return (
            f'<label>{esc(label)} <select name="{name}" data-facet="{name}">'
            f'<option value="">{esc(t("filter_any"))}</option>{opts}</select></label>'
        )

    bands = [(f"{lo}-{hi}", t("age_band", low=lo, high=hi)) for lo, hi in pages.project.age_bands]
    bands.append(("adults", t("adults")))
    topics = sorted({tp for e in all_entries for tp in e.lesson.topics}, key=pages.topic)
    facets = "".join(
        [
            select(
                "audience",
                t("filter_audience"),
                [(a, t(f"audience_{a}")) for a in ("youth", "teachers", "community")],
            ),
            select("ages", t("filter_ages"), bands),
            select("topic", t("filter_topic"), [(tp, pages.topic(tp)) for tp in topics]),
            select(
                "duration",
                t("filter_duration"),
                [(name, t(f"duration_{name}")) for name, _, _ in DURATION_BUCKETS],
            ),
        ]
    )
    form = (
        f'<form class="sp-facets" hidden aria-label="{esc(t("filter_legend"))}">{facets}'
        f'<button type="reset">{esc(t("filter_reset"))}</button>'
        f'<p class="sp-count" role="status" aria-live="polite" '
        f'data-template="{esc(t("results_count", n="{n}"))}" '
        f'data-empty="{esc(t("no_results"))}"></p></form>\n\n'
    )
    groups = []
    for audience in ("youth", "teachers", "community"):
        chosen = [e for e in all_entries if e.lesson.audience == audience]
        if not chosen:
            continue
        groups.append(f'<h2 class="sp-group">{esc(t("audience_" + audience))}</h2>\n')
        groups.append('<ul class="sp-lesson-list sp-catalogue">\n')
        for e in chosen:
            groups.append(_catalogue_item(pages, e))
        groups.append("</ul>\n")
    body = f"{inert(t('catalogue_intro'))}\n\n" + form + "".join(groups)
    return (
        front(t("catalogue_title"), t("catalogue_intro"), "catalogue")
        + f"# {inert(t('catalogue_title'))}\n\n"
        + body
    )


def _catalogue_item(pages: PageSet, e: Entry) -> str:
    text, fallback = pages.text(e.lesson)
    lang = f' lang="{pages.default}"' if fallback else ""
    t = pages.t
    facts = [t("duration_value", n=e.lesson.duration)]
    if e.lesson.ages:
        facts.insert(0, t("age_band", low=e.lesson.ages[0], high=e.lesson.ages[1]))
    topics = ", ".join(pages.topic(tp) for tp in e.lesson.topics)
    return (
        f'<li data-audience="{esc(e.lesson.audience)}" data-ages="{esc(" ".join(e.bands))}" '
        f'data-topic="{esc(" ".join(e.lesson.topics))}" data-duration="{e.duration_bucket}">'
        f'<a href="../{layout.page_url(layout.student_page(e.lesson.id))}"{lang}>'
        f"{esc(text.title)}</a> · "
        f'<a href="../{layout.page_url(layout.plan_page(e.lesson.id))}">'
        f"{esc(t('plan_heading'))}</a><br>"
        f"<span{lang}>{esc(text.summary)}</span><br>"
        f"<small>{esc(' · '.join(facts))} · {esc(topics)}</small></li>\n"
    )


def status_page(pages: PageSet) -> str:
    t = pages.t
    codes = [c for c in pages.project.codes if c != pages.default]
    summary = pages.status.summary(codes)
    total = len(pages.status.lessons) or 1
    heads = ("status_language", "status_complete", "status_reviewed", "status_stale")
    rows = [
        "| " + " | ".join(inert(t(key)) for key in heads) + f" | {inert(t('status_missing'))} "
        f"| {inert(t('status_percent'))} |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for lang in codes:
        c = summary[lang]
        language = pages.project.language(lang)
        name = f'<span lang="{lang}" dir="{language.dir}">{inert(language.name)}</span>'
        rows.append(
            f"| {name} | {c['complete']} | {c['reviewed']} "
            f"| {c['stale']} | {c['missing']} | {100 * c['complete'] / total:.0f}% |"
        )
    detail = [
        f"| {inert(t('status_lesson'))} | " + " | ".join(codes) + " |",
        "|---|" + "---|" * len(codes),
    ]
    for lesson_id, row in pages.status.lessons.items():
        cells = []
        for c in codes:
            cell = t(f"status_{row[c]}")
            if date := pages.status.check(lesson_id, c):
                cell += " · " + t("status_checked_on", date=date)
            if date := pages.status.review(lesson_id, c):
                cell += " · " + t("status_reviewed_on", date=date)
            cells.append(inert(cell))
        detail.append(f"| [{lesson_id}](lessons/{lesson_id}/index.md) | {' | '.join(cells)} |")
    site = [
        f"| {inert(t('status_page'))} | " + " | ".join(codes) + " |",
        "|---|" + "---|" * len(codes),
    ]
    for row in page_status(pages.project):
        cells = [inert(t(f"status_{row.states.get(c, 'missing')}")) for c in codes]
        link = f"[{inert(row.source.virtual)}]({row.source.virtual})"
        site.append(f"| {link} | {' | '.join(cells)} |")
    detail += ["", *site]
    return (
        front(t("translation_status_title"), t("translation_status_intro"), "status")
        + f"# {inert(t('translation_status_title'))}\n\n{inert(t('translation_status_intro'))}\n\n"
        + "\n".join(rows)
        + "\n\n"
        + "\n".join(detail)
        + "\n"
    )
