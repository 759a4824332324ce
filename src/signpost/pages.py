"""Derived pages: the student page, the lesson plan, the catalogue and page directives.

Everything here returns Markdown (with Signpost's `///` blocks and a little
HTML) for a renderer to turn into pages. Nothing here knows about MkDocs.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from . import layout
from .blocks import strip_blocks
from .catalogue import DURATION_BUCKETS, Entry, entries
from .data import Data, Hotline
from .lessons import Lesson, LessonText
from .markup import neutralise
from .project import Project
from .readability import grade, student_text
from .strings import Strings
from .translations import Status

DIRECTIVE_RE = re.compile(r"^\[\[\s*(lessons|hotlines|packs)\s*([a-z]*)\s*\]\]\s*$", re.M)


@dataclass
class PageSet:
    """What one language's site needs to render its pages."""

    project: Project
    data: Data
    lessons: list[Lesson]
    status: Status
    lang: str
    t: Strings
    handouts: bool = False
    """Whether this build publishes PDFs, so pages may link to them."""

    @property
    def default(self) -> str:
        return self.project.default_language.code

    def text(self, lesson: Lesson) -> tuple[LessonText, bool]:
        """The lesson's text in this language, and whether it is the default-language fallback."""
        if self.lang in lesson.texts:
            return lesson.texts[self.lang], False
        return lesson.texts[self.default], True

    def topic(self, topic: str) -> str:
        return self.data.topic_label(topic, self.lang, self.default)


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _md(text: object) -> str:
    """Contributed text placed in Markdown, made inert: every ASCII symbol becomes an entity,
    so it can open no tag, link, emphasis, table cell or `{: attribute }` list."""
    return "".join(
        c if c.isalnum() or c == " " or ord(c) > 127 else f"&#{ord(c)};" for c in str(text)
    )


def _front(title: str, description: str, kind: str, lesson_id: str = "") -> str:
    meta = {"title": title, "description": description, "signpost_kind": kind}
    if lesson_id:
        meta["signpost_lesson"] = lesson_id
    return (
        "---\n"
        + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items())
        + "---\n\n"
    )


def _link(url: str, label: str) -> str:
    """A link to a source, or just its name when the URL is not a web address."""
    if url.startswith("https://"):
        return f'<a href="{_esc(url)}">{_esc(label)}</a>'
    return _esc(label)


def language_name(pages: PageSet, code: str) -> str:
    """A language's name in the reader's language (`language_<code>` in the strings), as a
    sentence uses it: "affichée en anglais", not "affichée en English"."""
    key = f"language_{code}"
    return pages.t(key) if key in pages.t.fallback else pages.project.language(code).name


def _fallback(pages: PageSet, fallback: bool, markdown: str) -> str:
    """Wrap default-language text in its own lang/dir under a translated notice."""
    if not fallback:
        return markdown
    source = pages.project.default_language
    notice = pages.t(
        "not_translated",
        language=language_name(pages, pages.lang),
        source=language_name(pages, source.code),
    )
    return (
        f'<p class="sp-untranslated" role="note">{_esc(notice)}</p>\n\n'
        f'<div lang="{source.code}" dir="{source.dir}" markdown="1">\n\n{markdown}\n\n</div>\n'
    )


def untranslated(pages: PageSet, markdown: str) -> str:
    """A site page shown in the default language because it has no translation yet."""
    return _fallback(pages, pages.lang != pages.default, markdown)


def content_note(pages: PageSet, text: LessonText) -> str:
    if not text.content_note:
        return ""
    return (
        f'<aside class="sp-content-note" aria-label="{_esc(pages.t("content_note_heading"))}">\n'
        f'<p class="sp-block-title">{_esc(pages.t("content_note_heading"))}</p>\n'
        f"<p>{_esc(text.content_note)}</p>\n</aside>\n\n"
    )


def student_page(pages: PageSet, lesson: Lesson) -> str:
    text, fallback = pages.text(lesson)
    t = pages.t
    body = strip_blocks(neutralise(text.body), text.body_line, text.scan, "facilitator")
    inner = [
        content_note(pages, text),
        f"## {_md(t('objectives_student'))}\n\n",
        "".join(f"- {_md(o)}\n" for o in text.objectives),
        "\n",
        body.strip(),
        "\n",
    ]
    return (
        _front(text.title, text.summary, "student", lesson.id)
        + f"# {_md(text.title)}\n\n"
        + print_links(pages, lesson, layout.student_page(lesson.id), plan=False)
        + _fallback(pages, fallback, "".join(inner))
        + "\n"
        + help_box(pages, lesson)
    )


def clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def schedule(pages: PageSet, text: LessonText) -> str:
    t = pages.t
    rows = [
        f"| {_md(t('schedule_start'))} | {_md(t('schedule_activity'))} "
        f"| {_md(t('schedule_minutes'))} | {_md(t('schedule_running'))} |",
        "|---|---|--:|--:|",
    ]
    elapsed = 0
    for activity in text.activities:
        start = elapsed
        elapsed += activity.minutes
        rows.append(
            f"| {clock(start)} | {_md(activity.title)} | {activity.minutes} | {clock(elapsed)} |"
        )
    rows.append(f"| | **{_md(t('schedule_total'))}** | **{elapsed}** | |")
    return "\n".join(rows) + "\n"


def metadata_card(pages: PageSet, lesson: Lesson, text: LessonText) -> str:
    t = pages.t
    measured = grade(student_text(text.body, text.body_line, text.scan), text.lang)
    reading = (
        t("reading_grade", grade=f"{measured:.1f}") if measured is not None else t("not_measured")
    )
    items = [(t("audience"), t(f"audience_{lesson.audience}"))]
    if lesson.ages:
        items.append((t("ages"), t("ages_value", low=lesson.ages[0], high=lesson.ages[1])))
    items.append((t("duration"), t("duration_value", n=lesson.duration)))
    items.append((t("topics"), t("list_separator").join(pages.topic(tp) for tp in lesson.topics)))
    items.append((t("reading_level"), reading))
    rows = "".join(f"<dt>{_esc(k)}</dt><dd>{_esc(v)}</dd>" for k, v in items)
    return f'<dl class="sp-card">{rows}</dl>\n\n'


def plan_page(pages: PageSet, lesson: Lesson) -> str:
    text, fallback = pages.text(lesson)
    t = pages.t
    signs = (
        f"## {_md(t('warning_signs_heading'))}\n\n"
        f"{_md(t(f'warning_signs_intro_{lesson.audience}'))}\n\n"
        + "".join(f"- {_md(s)}\n" for s in text.warning_signs)
        + "\n"
    )
    sources = "".join(f"<li>{_link(s.url, s.title)}</li>\n" for s in lesson.sources)
    inner = (
        metadata_card(pages, lesson, text)
        + content_note(pages, text)
        + f"## {_md(t('objectives_plan'))}\n\n"
        + "".join(f"- {_md(o)}\n" for o in text.objectives)
        + f"\n## {_md(t('schedule_heading'))}\n\n"
        + schedule(pages, text)
        + "\n"
        + signs
        + f"## {_md(t('plan_heading'))}\n\n"
        + _demote(neutralise(text.body).strip())
        + f"\n\n## {_md(t('sources_heading'))}\n\n<ul>\n{sources}</ul>\n\n"
        + f"{_md(_reviewed(t, lesson))}\n"
    )
    title = t("plan_title", title=text.title)
    return (
        _front(title, text.summary, "plan", lesson.id)
        + f"# {_md(title)}\n\n"
        + f'<p class="sp-switch"><a href="../">{_esc(t("to_student"))}</a></p>\n\n'
        + print_links(pages, lesson, layout.plan_page(lesson.id), plan=True)
        + _fallback(pages, fallback, inner)
    )


def _papers(pages: PageSet) -> list[str]:
    """Paper sizes, the language's own first (Letter in the US, A4 nearly everywhere else)."""
    first = pages.project.language(pages.lang).paper
    return sorted(layout.PAPERS, key=lambda paper: paper != first)


def _pdf_links(pages: PageSet, page_src: str, what: str, target: Callable[[str], str]) -> str:
    t = pages.t
    return " ".join(
        f'<a class="sp-print" href="{layout.relative_to_page(page_src, target(paper))}" '
        f'type="application/pdf">{_esc(t("print_link", what=what, paper=t("paper_" + paper)))}</a>'
        for paper in _papers(pages)
    )


def print_links(pages: PageSet, lesson: Lesson, page_src: str, plan: bool) -> str:
    """Links to the lesson's PDFs; a lesson plan offers the plan as well as the handout."""
    if not pages.handouts:
        return ""
    t = pages.t
    groups = [
        _pdf_links(pages, page_src, t("print_handout"), partial(layout.handout_pdf, lesson.id))
    ]
    if plan:
        groups.insert(
            0, _pdf_links(pages, page_src, t("print_plan"), partial(layout.plan_pdf, lesson.id))
        )
    items = "".join(f"<li>{g}</li>" for g in groups)
    return (
        f'<nav class="sp-print-links" aria-label="{_esc(t("print_label"))}">'
        f"<ul>{items}</ul></nav>\n\n"
    )


def pack_list(pages: PageSet, page_src: str) -> str:
    """The declared seminar packs with their PDFs, for the hosts' page."""
    if not pages.handouts or not pages.data.packs:
        return ""
    t = pages.t
    by_id = {lesson.id: lesson for lesson in pages.lessons}
    out = [f'<p>{_esc(t("packs_intro"))}</p>\n<ul class="sp-packs">\n']
    for pack in pages.data.packs:
        lessons = [by_id[i] for i in pack.lessons if i in by_id]
        summary = t(
            "pack_summary", n=len(lessons), minutes=sum(lesson.duration for lesson in lessons)
        )
        titles = t("list_separator").join(pages.text(lesson)[0].title for lesson in lessons)
        title = pack.title(pages.lang, pages.default)
        links = _pdf_links(pages, page_src, t("print_pack"), partial(layout.pack_pdf, pack.id))
        out.append(
            f"<li><strong>{_esc(title)}</strong> · {_esc(summary)}<br>"
            f"<small>{_esc(titles)}</small><br>{links}</li>\n"
        )
    out.append("</ul>\n")
    return "".join(out)


def _reviewed(t: Strings, lesson: Lesson) -> str:
    if lesson.reviewed is None:
        return t("not_reviewed")
    return t("reviewed", date=lesson.reviewed.isoformat())


def _demote(body: str) -> str:
    """Nest the lesson's own headings under the plan's section heading."""
    return re.sub(r"^(#{2,5}) ", r"#\1 ", body, flags=re.M)


def help_box(pages: PageSet, lesson: Lesson) -> str:
    """Services for the page's language, chosen and worded for the lesson's readers."""
    t = pages.t
    locales = pages.project.language(pages.lang).hotline_locales
    hotlines = pages.data.help_box_hotlines(locales, lesson.audience)
    young = young_reader(lesson)
    items = "".join(f"<li>{_hotline_html(pages, h, young)}</li>\n" for h in hotlines)
    listing = (
        f'<ul class="sp-hotlines">\n{items}</ul>\n'
        if items
        else (f"<p>{_esc(t('help_none_local'))}</p>\n")
    )
    intro = pages.t.first(f"help_intro_{lesson.audience}", "help_intro")
    return (
        f'<aside class="sp-help" aria-labelledby="sp-help-title">\n'
        f'<h2 id="sp-help-title">{_esc(t("help_heading"))}</h2>\n'
        f"<p>{_esc(intro)}</p>\n"
        f'<p class="sp-emergency">{_esc(t("help_emergency"))}</p>\n'
        f"{listing}"
        f'<p><a href="../../get-help/">{_esc(t("help_more"))}</a></p>\n'
        f"</aside>\n"
    )


def young_reader(lesson: Lesson | None) -> bool:
    """Readers under 11 get neutral labels: their lessons never name trafficking."""
    return bool(lesson and lesson.ages and lesson.ages[0] < 11)


def purpose_label(t: Strings, purpose: str, young: bool = False) -> str:
    key = f"purpose_{purpose}"
    return t.first(f"{key}_young", key) if young else t(key)


def _tel(number: str) -> str:
    return "tel:" + re.sub(r"[^\d+]", "", number)


def _hotline_html(pages: PageSet, h: Hotline, young: bool = False) -> str:
    t = pages.t
    parts = [
        f'<span class="sp-hotline-name">{_esc(h.name)}</span>',
        f'<span class="sp-hotline-purpose">{_esc(purpose_label(t, h.purpose, young))}</span>',
    ]
    if h.call:
        parts.append(
            f'<a class="sp-call" href="{_tel(h.call)}">{_esc(t("help_call"))} '
            f'<bdi dir="ltr">{_esc(h.call)}</bdi></a>'
        )
    if h.text and h.text_keyword:
        body = f"?&body={h.text_keyword}"
        label = t("help_text_keyword", keyword=h.text_keyword)
        parts.append(
            f'<a class="sp-call" href="sms:{_esc(h.text)}{_esc(body)}">{_esc(label)} '
            f'<bdi dir="ltr">{_esc(h.text)}</bdi></a>'
        )
    elif h.text:
        parts.append(
            f'<a class="sp-call" href="sms:{_esc(h.text)}">{_esc(t("help_text"))} '
            f'<bdi dir="ltr">{_esc(h.text)}</bdi></a>'
        )
    if h.tty:
        parts.append(f'<span>{_esc(t("help_tty"))} <bdi dir="ltr">{_esc(h.tty)}</bdi></span>')
    if h.chat:
        parts.append(f'<a href="{_esc(h.chat)}">{_esc(t("help_chat"))}</a>')
    if h.hours == "24/7":
        parts.append(f"<span>{_esc(t('help_hours_24_7'))}</span>")
    if h.languages:
        parts.append(f"<span>{_esc(t('help_languages', n=h.languages))}</span>")
    return " ".join(parts)


def hotline_table(pages: PageSet) -> str:
    """Every hotline, by country, with its source and check date, for the Get help page."""
    t = pages.t
    out = []
    for code, locale in pages.data.locales.items():
        lines = pages.data.hotlines_for((code,))
        if not lines:
            continue
        name = locale.names.get(pages.lang) or locale.names.get(pages.default) or code
        out.append(f'### {_md(name)}\n\n<ul class="sp-hotlines">\n')
        for h in lines:
            source = (
                f'<small>{_esc(t("hotline_source"))}: <a href="{_esc(h.source_url)}">'
                f"{_esc(h.source_title)}</a>. {_esc(t('hotline_checked', date=h.checked))}"
                "</small>"
            )
            out.append(f"<li>{_hotline_html(pages, h)}<br>{source}</li>\n")
        out.append("</ul>\n\n")
    return "".join(out)


def lesson_list(pages: PageSet, audience: str, page_src: str) -> str:
    """The plain grouped list used by portals; links are relative to `page_src`."""
    chosen = [e for e in entries(pages.project, pages.lessons) if e.lesson.audience == audience]
    if audience != "youth":
        return _items(pages, chosen, page_src)
    out = []
    for low, high in pages.project.age_bands:
        band = f"{low}-{high}"
        in_band = [e for e in chosen if band in e.bands]
        if in_band:
            out.append(f"### {_md(pages.t('age_band', low=low, high=high))}\n\n")
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
            f'<li><a href="{_esc(student)}/"{lang}>{_esc(text.title)}</a> · '
            f"{_esc(t('duration_value', n=e.lesson.duration))} · "
            f'<a href="{_esc(plan)}/">{_esc(t("plan_heading"))}</a><br>\n'
            f"<span{lang}>{_esc(text.summary)}</span></li>"
        )
    return '<ul class="sp-lesson-list">\n' + "\n".join(lines) + "\n</ul>\n\n"


def expand_directives(pages: PageSet, markdown: str, page_src: str) -> str:
    def replace(match: re.Match[str]) -> str:
        if match.group(1) == "hotlines":
            return hotline_table(pages)
        if match.group(1) == "packs":
            return pack_list(pages, page_src)
        return lesson_list(pages, match.group(2), page_src)

    return DIRECTIVE_RE.sub(replace, markdown)


def catalogue_page(pages: PageSet) -> str:
    """Facets that combine in the browser over a list that works without JavaScript."""
    t = pages.t
    all_entries = entries(pages.project, pages.lessons)

    def select(name: str, label: str, options: list[tuple[str, str]]) -> str:
        opts = "".join(f'<option value="{_esc(v)}">{_esc(lbl)}</option>' for v, lbl in options)
        return (
            f'<label>{_esc(label)} <select name="{name}" data-facet="{name}">'
            f'<option value="">{_esc(t("filter_any"))}</option>{opts}</select></label>'
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
        f'<form class="sp-facets" hidden aria-label="{_esc(t("filter_legend"))}">{facets}'
        f'<button type="reset">{_esc(t("filter_reset"))}</button>'
        f'<p class="sp-count" role="status" aria-live="polite" '
        f'data-template="{_esc(t("results_count", n="{n}"))}" '
        f'data-empty="{_esc(t("no_results"))}"></p></form>\n\n'
    )
    groups = []
    for audience in ("youth", "teachers", "community"):
        chosen = [e for e in all_entries if e.lesson.audience == audience]
        if not chosen:
            continue
        groups.append(f'<h2 class="sp-group">{_esc(t("audience_" + audience))}</h2>\n')
        groups.append('<ul class="sp-lesson-list sp-catalogue">\n')
        for e in chosen:
            groups.append(_catalogue_item(pages, e))
        groups.append("</ul>\n")
    body = f"{_md(t('catalogue_intro'))}\n\n" + form + "".join(groups)
    return (
        _front(t("catalogue_title"), t("catalogue_intro"), "catalogue")
        + f"# {_md(t('catalogue_title'))}\n\n"
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
        f'<li data-audience="{_esc(e.lesson.audience)}" data-ages="{_esc(" ".join(e.bands))}" '
        f'data-topic="{_esc(" ".join(e.lesson.topics))}" data-duration="{e.duration_bucket}">'
        f'<a href="../{layout.page_url(layout.student_page(e.lesson.id))}"{lang}>'
        f"{_esc(text.title)}</a> · "
        f'<a href="../{layout.page_url(layout.plan_page(e.lesson.id))}">'
        f"{_esc(t('plan_heading'))}</a><br>"
        f"<span{lang}>{_esc(text.summary)}</span><br>"
        f"<small>{_esc(' · '.join(facts))} · {_esc(topics)}</small></li>\n"
    )


def json_ld(pages: PageSet, lesson: Lesson, url: str) -> str:
    """schema.org LearningResource for a lesson page."""
    text, fallback = pages.text(lesson)
    audience_type = {"youth": "student", "teachers": "teacher", "community": "community"}
    data = {
        "@context": "https://schema.org",
        "@type": "LearningResource",
        "name": text.title,
        "description": text.summary,
        "inLanguage": pages.default if fallback else pages.lang,
        "timeRequired": f"PT{lesson.duration}M",
        "audience": {
            "@type": "EducationalAudience",
            "educationalRole": audience_type[lesson.audience],
        },
        "teaches": text.objectives,
        "url": url,
        "isBasedOn": [
            {"@type": "CreativeWork", "name": s.title, "url": s.url} for s in lesson.sources
        ],
    }
    if lesson.reviewed:
        data["dateModified"] = lesson.reviewed.isoformat()
    if lesson.ages:
        data["typicalAgeRange"] = f"{lesson.ages[0]}-{lesson.ages[1]}"
    else:
        data["typicalAgeRange"] = "18-"
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def status_page(pages: PageSet) -> str:
    t = pages.t
    codes = [c for c in pages.project.codes if c != pages.default]
    summary = pages.status.summary(codes)
    total = len(pages.status.lessons) or 1
    heads = ("status_language", "status_complete", "status_reviewed", "status_stale")
    rows = [
        "| " + " | ".join(_md(t(key)) for key in heads) + f" | {_md(t('status_missing'))} "
        f"| {_md(t('status_percent'))} |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for lang in codes:
        c = summary[lang]
        rows.append(
            f"| {_md(pages.project.language(lang).name)} | {c['complete']} | {c['reviewed']} "
            f"| {c['stale']} | {c['missing']} | {100 * c['complete'] / total:.0f}% |"
        )
    detail = [
        f"| {_md(t('status_lesson'))} | " + " | ".join(codes) + " |",
        "|---|" + "---|" * len(codes),
    ]
    for lesson_id, row in pages.status.lessons.items():
        cells = []
        for c in codes:
            cell = t(f"status_{row[c]}")
            date = pages.status.review(lesson_id, c)
            if date:
                cell += " · " + t("status_reviewed_on", date=date)
            cells.append(_md(cell))
        detail.append(f"| [{lesson_id}](lessons/{lesson_id}/index.md) | {' | '.join(cells)} |")
    return (
        _front(t("translation_status_title"), t("translation_status_intro"), "status")
        + f"# {_md(t('translation_status_title'))}\n\n{_md(t('translation_status_intro'))}\n\n"
        + "\n".join(rows)
        + "\n\n"
        + "\n".join(detail)
        + "\n"
    )
