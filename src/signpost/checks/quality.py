"""Content checks: reading level, review freshness, wording, sources, hotlines, translations.

These judge what a reader meets rather than whether the file parses, so their
severities come from data files and `checks:` in signpost.yml, not from code.
"""

from __future__ import annotations

import datetime as dt
import re

from ..content.lessons import LessonFile
from ..content.page_translations import page_status
from ..content.translations import STALE, UNMARKED, status
from ..findings import Report, Severity
from .readability import body_grade, method
from .validate import Context
from .wording import (
    check_avoid_terms,
    check_character_names,
    check_character_register,
    check_docs_spelling,
    check_phone_numbers,
    check_youth_summary,
)


def _months_between(earlier: dt.date, later: dt.date) -> int:
    return (
        (later.year - earlier.year) * 12
        + later.month
        - earlier.month
        - (1 if later.day < earlier.day else 0)
    )


def check_reading_level(f: LessonFile, ctx: Context, report: Report) -> None:
    source = ctx.source(f.lesson_id)
    if not f.readable or source is None or not source.readable or f.scan.unclosed:
        return
    audience, ages = source.meta.get("audience"), source.meta.get("ages")
    age_range = None
    if isinstance(ages, str) and re.match(r"^\d+-\d+$", ages.strip()):
        low, high = ages.split("-")
        age_range = (int(low), int(high))
    target = ctx.data.reading_target(str(audience), age_range)
    measured = body_grade(f.body, f.body_line, f.scan, f.lang)
    if measured is None:
        report.note(f"{f.rel}: reading level not measured (no textstat support for {f.lang})")
        return
    goal = f" (target {target.max_grade:g})" if target else ""
    report.note(f"{f.rel}: reading grade {measured:.1f} ({method(f.lang)}){goal}")
    if target and measured > target.max_grade:
        band = f"ages {ages}" if age_range else str(audience)
        report.add(
            "reading-level",
            f.rel,
            f.body_line,
            grade=measured,
            target=f"{target.max_grade:g}",
            band=band,
            severity=target.severity,
        )


def check_review_date(f: LessonFile, ctx: Context, report: Report) -> None:
    reviewed = f.meta.get("reviewed") if f.readable else None
    if isinstance(reviewed, str):
        try:
            reviewed = dt.date.fromisoformat(reviewed)
        except ValueError:
            return
    if reviewed is None and f.readable and f.lang == ctx.project.default_language.code:
        report.add("not-reviewed", f.rel, 1)
        return
    if not isinstance(reviewed, dt.date):
        return
    months = _months_between(reviewed, ctx.today)
    if months >= 12:
        report.add(
            "review-stale",
            f.rel,
            f.line_of("reviewed"),
            reviewed=reviewed,
            months=months,
            severity=Severity.ERROR if months >= 24 else Severity.WARNING,
        )


def check_sources(f: LessonFile, ctx: Context, report: Report) -> None:
    sources = f.meta.get("sources") if f.readable else None
    if not isinstance(sources, list) or not sources:
        return
    urls = [s.get("url") for s in sources if isinstance(s, dict)]
    if not any(isinstance(u, str) and u.startswith("https://") for u in urls):
        report.add("source-https", f.rel, f.line_of("sources"))


LESSON_CHECKS = (
    check_reading_level,
    check_review_date,
    check_avoid_terms,
    check_youth_summary,
    check_phone_numbers,
    check_sources,
    check_character_names,
)


def check_hotlines(ctx: Context, report: Report) -> None:
    rel = f"{ctx.project.data_dir}/hotlines.yml"
    for hotline in ctx.data.hotlines:
        if _months_between(hotline.checked, ctx.today) >= 12:
            report.add(
                "hotline-stale", rel, hotline.line, name=hotline.name, checked=hotline.checked
            )


def check_translations(ctx: Context, report: Report) -> None:
    result = status(ctx.project, ctx.files)
    by_key = {(f.lesson_id, f.lang): f for f in ctx.files}
    for lesson_id, row in result.lessons.items():
        for lang, state in row.items():
            f = by_key.get((lesson_id, lang))
            if f and not ctx.in_focus(f.rel):
                continue
            if state == UNMARKED and f and f.readable:
                report.add("translation-unmarked", f.rel, 1, lesson=lesson_id, lang=lang)
            if state == STALE and f and f.readable:
                report.add(
                    "translation-stale",
                    f.rel,
                    f.line_of("source_hash"),
                    lesson=lesson_id,
                    lang=lang,
                )


def check_page_translations(ctx: Context, report: Report) -> None:
    """Site pages have translation status too: a stale guide misleads as a stale lesson does."""
    for row in page_status(ctx.project):
        for lang, state in row.states.items():
            page = row.translations.get(lang)
            if page is None or not ctx.in_focus(page.rel):
                continue
            if state in (UNMARKED, STALE):
                code = "translation-unmarked" if state == UNMARKED else "translation-stale"
                report.add(code, page.rel, 1, lesson=row.source.rel, lang=lang)


def run_quality(ctx: Context, report: Report) -> None:
    for f in ctx.focused():
        for check in LESSON_CHECKS:
            check(f, ctx, report)
    check_hotlines(ctx, report)
    check_character_register(ctx, report)
    check_translations(ctx, report)
    check_page_translations(ctx, report)
    check_docs_spelling(ctx, report)
