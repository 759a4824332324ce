"""The evaluation on paper: a lesson's before/after questionnaire with its tally sheet, and
the report drawn from tally files.

The questionnaire repeats the self-check's questions with two columns to tick, Before and
After, and no place for a name; for 8-10 year olds it says the facilitator reads aloud. Its
last page is the tally sheet, whose columns are the report CSV's. The report is one page
of bars (HTML and CSS, which WeasyPrint draws), a share of the group per question.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .. import layout
from ..checks.pipeline import Checked
from ..content.lessons import Lesson
from ..evaluation import tally
from ..evaluation.questions import TRUE_FALSE
from ..render.questions import labels, young
from .document import LRI, PDI, Builder, Document
from .render import HandoutError


def has_questions(builder: Builder, lesson: Lesson) -> bool:
    return bool(lesson.texts[builder.pages.default].questions)


def sheets(builder: Builder, lesson: Lesson) -> dict[str, Any]:
    """What the questionnaire and tally pages show, for a PDF of their own or a pack."""
    t = builder.t
    text, fallback = builder.pages.text(lesson)
    theirs = text.questions_lang and text.questions_lang != builder.lang
    source = builder.project.language(text.questions_lang) if theirs else None
    questions = [
        {
            "label": t("eval_question", n=n),
            "ask": q.ask,
            "choices": labels(t, q),
            "right": labels(t, q)[q.right],
            "ui": q.kind == TRUE_FALSE,  # True and False are in the page's own language
        }
        for n, q in enumerate(text.questions, 1)
    ]
    return {
        "title": t("eval_title", title=text.title),
        "summary": text.summary,
        "tally_title": t("tally_title", title=text.title),
        "young": young(lesson),
        "questions": questions,
        "lesson_id": lesson.id,
        "csv": ",".join(tally.columns(len(questions))),
        "q_lang": source.code if source else "",
        "q_dir": source.dir if source else "",
        **builder.fallback_attrs(fallback),
    }


def evaluation(builder: Builder, lesson: Lesson, paper: str) -> Document:
    """Questionnaire pages, then the tally page, for one lesson, language and paper."""
    e = sheets(builder, lesson)
    html = builder.page(
        "evaluation.html.j2",
        paper,
        builder.footer(e["title"], lesson.reviewed),
        doc_title=e["title"],
        description=e["summary"],
        e=e,
    )
    return Document(
        "evaluation", builder.lang, paper, layout.evaluation_pdf(lesson.id, paper), html
    )


def report_document(
    checked: Checked, sessions: list[tally.Session], lang: str, paper: str
) -> Document:
    """`signpost report`: the report in `lang` on `paper`."""
    if paper not in layout.PAPERS:
        raise HandoutError(f"unknown paper size `{paper}`; use one of: {', '.join(layout.PAPERS)}")
    return report(Builder(checked, lang), sessions, paper)


def report(
    builder: Builder, sessions: list[tally.Session], paper: str, target: str = ""
) -> Document:
    """One page: for each lesson, a bar per question before and after, and all its
    questions together, as a share of the people counted."""
    t = builder.t
    by_id = {lesson.id: lesson for lesson in builder.checked.lessons}
    lessons = []
    for lesson_id, shares in tally.shares(sessions).items():
        text, _ = builder.pages.text(by_id[lesson_id])
        rows = [
            _row(t("eval_question", n=n), q.ask, share, t)
            for n, (q, share) in enumerate(zip(text.questions, shares, strict=True), 1)
        ]
        rows.append(_row(t("report_lesson_all"), "", tally.overall(shares), t, total=True))
        lessons.append({"title": text.title, "rows": rows})
    dates = sorted(s.date for s in sessions)
    title = t("report_title")
    html = builder.page(
        "report.html.j2",
        paper,
        builder.footer(title),
        doc_title=title,
        description="",
        title=title,
        summary=t(
            "report_sessions",
            sessions=len(sessions),
            people=sum(s.size for s in sessions),
            first=_date(builder, dates[0]),
            last=_date(builder, dates[-1]),
        ),
        lessons=lessons,
    )
    return Document("report", builder.lang, paper, target, html)


def _date(builder: Builder, day: dt.date) -> str:
    """A date inside running text; in right-to-left text its digit groups stay in order."""
    if builder.language.dir == "rtl":
        return LRI + day.isoformat() + PDI
    return day.isoformat()


def _row(label: str, ask: str, share: tally.Share, t, total: bool = False) -> dict[str, object]:
    before, after = round(share.before() * 100), round(share.after() * 100)
    return {
        "label": label,
        "ask": ask,
        "total": total,
        "before": before,
        "after": after,
        "before_text": t("report_share", share=before),
        "after_text": t("report_share", share=after),
    }
