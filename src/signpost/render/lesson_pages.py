"""A lesson's two pages: the student page, and the lesson plan a teacher teaches from.

Both are Markdown (with Signpost's `///` blocks) for a renderer; the PDFs reuse the plan.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import partial

from .. import layout
from ..checks.readability import body_grade
from ..content import cards
from ..content.blocks import strip_blocks, unmark_optional
from ..content.lessons import Lesson, LessonText
from ..data.strings import Strings
from ..safety.markup import neutralise
from .helpbox import HELP_ID, help_box
from .pageset import PageSet, esc, front, inert, source_link, wrap_fallback
from .questions import plan_questions, self_check


def own_lang(pages: PageSet, fallback: bool) -> tuple[str, str]:
    """`lang`/`dir` attributes for interface text and for lesson text, where they differ:
    inside an untranslated lesson, the page's own headings keep the page's language."""
    if not fallback:
        return "", ""
    page, source = pages.project.language(pages.lang), pages.project.default_language
    return (
        f' lang="{page.code}" dir="{page.dir}"',
        f' lang="{source.code}" dir="{source.dir}"',
    )


def content_note(pages: PageSet, text: LessonText, fallback: bool, skip: bool) -> str:
    """What the lesson deals with, before it starts; with `skip`, a link past it to the help box."""
    if not text.content_note:
        return ""
    t = pages.t
    ui, lesson = own_lang(pages, fallback)
    link = (
        f'<p{ui}><a class="sp-skip-help" href="#{HELP_ID}">{esc(t("skip_to_help"))}</a></p>\n'
        if skip
        else ""
    )
    return (
        f'<aside class="sp-content-note" aria-label="{esc(t("content_note_heading"))}"{ui}>\n'
        f'<p class="sp-block-title">{esc(t("content_note_heading"))}</p>\n'
        f"<p{lesson}>{esc(text.content_note)}</p>\n{link}</aside>\n\n"
    )


def student_page(pages: PageSet, lesson: Lesson) -> str:
    text, fallback = pages.text(lesson)
    t = pages.t
    body = strip_blocks(
        neutralise(text.body, pages.data.dialable()), text.body_line, text.scan, "facilitator"
    )
    body = unmark_optional(body, text.body_line, text.scan)
    body = cards.replace(body, text.body_line, text.scan, partial(card_list, pages, key=False))
    inner = [
        content_note(pages, text, fallback, skip=True),
        f"## {inert(t('objectives_student'))}{_attrs(own_lang(pages, fallback)[0])}\n\n",
        "".join(f"- {inert(o)}\n" for o in text.objectives),
        "\n",
        body.strip(),
        "\n\n",
        self_check(pages, lesson, text, own_lang(pages, fallback)[0]),
    ]
    return (
        front(text.title, text.summary, "student")
        + f"# {inert(text.title)}\n\n"
        + print_links(pages, lesson, layout.student_page(lesson.id), plan=False)
        + wrap_fallback(pages, fallback, "".join(inner))
        + "\n"
        + help_box(pages, lesson)
    )


def _attrs(html_attrs: str) -> str:
    """HTML attributes as a Markdown attribute list for a heading (`{: lang="ar" }`)."""
    return f" {{:{html_attrs} }}" if html_attrs else ""


def _para_attrs(html_attrs: str) -> str:
    """The same for a paragraph: an attribute list on a line of its own after it."""
    return f"\n{{:{html_attrs} }}" if html_attrs else ""


def clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def schedule(pages: PageSet, text: LessonText) -> str:
    t = pages.t
    rows = [
        f"| {inert(t('schedule_start'))} | {inert(t('schedule_activity'))} "
        f"| {inert(t('schedule_minutes'))} | {inert(t('schedule_running'))} |",
        "|---|---|--:|--:|",
    ]
    elapsed = 0
    for activity in text.activities:
        start = elapsed
        elapsed += activity.minutes
        title = (
            t("schedule_optional", title=activity.title) if activity.optional else activity.title
        )
        rows.append(f"| {clock(start)} | {inert(title)} | {activity.minutes} | {clock(elapsed)} |")
    rows.append(f"| | **{inert(t('schedule_total'))}** | **{elapsed}** | |")
    if text.core_minutes != elapsed:
        rows.append(f"| | {inert(t('schedule_core'))} | {text.core_minutes} | |")
    return "\n".join(rows) + "\n"


def metadata_card(pages: PageSet, lesson: Lesson, text: LessonText, ui: str = "") -> str:
    t = pages.t
    measured = body_grade(text.body, text.body_line, text.scan, text.lang)
    reading = (
        t("reading_grade", grade=f"{measured:.1f}") if measured is not None else t("not_measured")
    )
    items = [(t("audience"), t(f"audience_{lesson.audience}"))]
    if lesson.ages:
        items.append((t("ages"), t("ages_value", low=lesson.ages[0], high=lesson.ages[1])))
    items.append((t("duration"), t("duration_value", n=lesson.duration)))
    if lesson.duration_core != lesson.duration:
        items.append((t("schedule_core"), t("duration_value", n=lesson.duration_core)))
    items.append((t("topics"), t("list_separator").join(pages.topic(tp) for tp in lesson.topics)))
    items.append((t("reading_level"), reading))
    rows = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in items)
    return f'<dl class="sp-card"{ui}>{rows}</dl>\n\n'


def plan_page(pages: PageSet, lesson: Lesson) -> str:
    text, fallback = pages.text(lesson)
    t = pages.t
    ui = own_lang(pages, fallback)[0]
    h = _attrs(ui)
    signs = (
        f"## {inert(t('warning_signs_heading'))}{h}\n\n"
        f"{inert(t(f'warning_signs_intro_{lesson.audience}'))}{_para_attrs(ui)}\n\n"
        + "".join(f"- {inert(s)}\n" for s in text.warning_signs)
        + "\n"
    )
    sources = "".join(f"<li>{source_link(s.url, s.title)}</li>\n" for s in lesson.sources)
    inner = (
        metadata_card(pages, lesson, text, ui)
        + content_note(pages, text, fallback, skip=False)
        + f"## {inert(t('objectives_plan'))}{h}\n\n"
        + "".join(f"- {inert(o)}\n" for o in text.objectives)
        + f"\n## {inert(t('schedule_heading'))}{h}\n\n"
        + schedule(pages, text)
        + "\n"
        + plan_questions(pages, text, h, _para_attrs(ui))
        + signs
        + f"## {inert(t('plan_heading'))}{h}\n\n"
        + _demote(plan_body(pages, text))
        + f"\n\n## {inert(t('sources_heading'))}{h}\n\n<ul>\n{sources}</ul>\n\n"
        + f"{inert(_reviewed(t, lesson))}{_para_attrs(ui)}\n"
    )
    title = t("plan_title", title=text.title)
    return (
        front(title, text.summary, "plan")
        + f"# {inert(title)}\n\n"
        + f'<p class="sp-switch"><a href="../">{esc(t("to_student"))}</a></p>\n\n'
        + print_links(pages, lesson, layout.plan_page(lesson.id), plan=True)
        + wrap_fallback(pages, fallback, inner)
    )


def card_list(pages: PageSet, card_set: cards.CardSet, first: int, key: bool) -> str:
    """An activity's cards as a list numbered like the printed sheet; with `key`, each card's
    pile, for the plan. The student page never shows the answers, so a student reading alone
    still has the cards to think about without being told what to think."""
    t = pages.t
    items = []
    for number, card in enumerate(card_set.cards, start=first):
        answer = ""
        if key and card.category:
            answer = f" — *{inert(t('card_answer', pile=card.category))}*"
        items.append(f"- **{inert(t('card_number', n=number))}** {card.text}{answer}\n")
    heading = t("cards_key") if key and card_set.categories else t("cards_heading")
    return f"\n**{inert(heading)}**\n\n" + "".join(items) + "\n"


def plan_body(pages: PageSet, text: LessonText) -> str:
    """The lesson body as the plan shows it: every block, and the cards with their answers."""
    body = neutralise(text.body, pages.data.dialable())
    body = cards.replace(body, text.body_line, text.scan, partial(card_list, pages, key=True))
    return body.strip()


def _papers(pages: PageSet) -> list[str]:
    """Paper sizes, the language's own first (Letter in the US, A4 nearly everywhere else)."""
    first = pages.project.language(pages.lang).paper
    return sorted(layout.PAPERS, key=lambda paper: paper != first)


def pdf_links(pages: PageSet, page_src: str, what: str, target: Callable[[str], str]) -> str:
    t = pages.t
    return " ".join(
        f'<a class="sp-print" href="{layout.relative_to_page(page_src, target(paper))}" '
        f'type="application/pdf">{esc(t("print_link", what=what, paper=t("paper_" + paper)))}</a>'
        for paper in _papers(pages)
    )


def print_links(pages: PageSet, lesson: Lesson, page_src: str, plan: bool) -> str:
    """Links to the lesson's PDFs; a lesson plan offers the plan as well as the handout."""
    if not pages.handouts:
        return ""
    t = pages.t
    groups = [
        pdf_links(pages, page_src, t("print_handout"), partial(layout.handout_pdf, lesson.id))
    ]
    if plan:
        groups.insert(
            0, pdf_links(pages, page_src, t("print_plan"), partial(layout.plan_pdf, lesson.id))
        )
        if pages.text(lesson)[0].card_sets:
            groups.append(
                pdf_links(pages, page_src, t("print_cards"), partial(layout.cards_pdf, lesson.id))
            )
        if lesson.texts[pages.default].questions:
            evaluation = partial(layout.evaluation_pdf, lesson.id)
            groups.append(pdf_links(pages, page_src, t("print_evaluation"), evaluation))
    items = "".join(f"<li>{g}</li>" for g in groups)
    return (
        f'<nav class="sp-print-links" aria-label="{esc(t("print_label"))}">'
        f"<ul>{items}</ul></nav>\n\n"
    )


def _reviewed(t: Strings, lesson: Lesson) -> str:
    if lesson.reviewed is None:
        return t("not_reviewed")
    return t("reviewed", date=lesson.reviewed.isoformat())


def _demote(body: str) -> str:
    """Nest the lesson's own headings under the plan's section heading."""
    return re.sub(r"^(#{2,5}) ", r"#\1 ", body, flags=re.M)


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
