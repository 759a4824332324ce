"""Words a reader should not meet: terms to avoid, spellings outside the edition, and
youth summaries that talk about students instead of to them.

Each list is one regular expression per language, built once and run once per text,
so the cost grows with the text, not with text times list length.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from .blocks import strip_blocks
from .data import AvoidTerm
from .findings import Report, Severity
from .lessons import LessonFile
from .markup import mask_code
from .schema import TRANSLATABLE
from .validate import Context, docs_pages

# Link targets, web addresses and `{#anchor}` ids are names, not prose.
_LINK_TARGET = re.compile(r"\]\([^()\n]*\)|<https?://[^<>\s]*>|https?://\S+|\{:?[ \t]*#[^{}\n]*\}")
SUMMARY_WORDS = 4
_PHONE = re.compile(r"(?<![\w.])\+?\d[\d \t().-]{5,}\d(?![\w])")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
PHONE_DIGITS = 7


class Matcher:
    """Finds whole-word, case-insensitive occurrences of any of `phrases`."""

    def __init__(self, phrases: list[str]) -> None:
        ordered = sorted({p.casefold() for p in phrases}, key=len, reverse=True)
        body = "|".join(re.escape(p) for p in ordered)
        self.pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.I) if ordered else None

    def find(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self.pattern else iter(())


@functools.lru_cache(maxsize=64)
def _matcher(phrases: tuple[str, ...]) -> Matcher:
    return Matcher(list(phrases))


def term_matches(terms: list[AvoidTerm], text: str) -> Iterator[AvoidTerm]:
    """Each listed term in `text`, once, in order of appearance."""
    by_form = {t.term.casefold(): t for t in terms}
    seen: set[str] = set()
    for match in _matcher(tuple(by_form)).find(text):
        form = match.group(0).casefold()
        if form not in seen:
            seen.add(form)
            yield by_form[form]


def _places(f: LessonFile, ctx: Context) -> list[tuple[int, str, bool]]:
    """(line, text, read by students) for the body and the translatable header fields."""
    source = ctx.source(f.lesson_id)
    youth = bool(source and source.meta.get("audience") == "youth")
    masked = _LINK_TARGET.sub(lambda m: " " * len(m.group(0)), mask_code(f.body))
    student = strip_blocks(masked, f.body_line, f.scan, "facilitator")
    places = [
        (f.body_line + i, line, youth and bool(kept.strip()))
        for i, (line, kept) in enumerate(zip(masked.split("\n"), student.split("\n"), strict=True))
    ]
    for key in TRANSLATABLE:
        value = f.meta.get(key)
        for i, item in enumerate(value if isinstance(value, list) else [value]):
            if isinstance(item, str):
                places.append((f.line_of(key, i), item, youth))
    return places


def check_avoid_terms(f: LessonFile, ctx: Context, report: Report) -> None:
    """Errors in what students read, warnings in text for adults (and in facilitator notes)."""
    terms = ctx.data.avoid.get(f.lang, [])
    spelling = ctx.data.spelling.get(f.lang, [])
    source = ctx.source(f.lesson_id)
    if not f.readable or source is None or not source.readable or not (terms or spelling):
        return
    for lineno, text, for_students in _places(f, ctx):
        for term in term_matches(terms, text):
            report.add(
                "avoid-term",
                f.rel,
                lineno,
                term=term.term,
                replacement=term.replacement,
                severity=Severity.ERROR if for_students else Severity.WARNING,
            )
        for term in term_matches(spelling, text):
            report.add(
                "spelling", f.rel, lineno, term=term.term, replacement=term.replacement, lang=f.lang
            )


def check_youth_summary(f: LessonFile, ctx: Context, report: Report) -> None:
    """A youth summary is read by students: it should speak to them, not about them."""
    source = ctx.source(f.lesson_id)
    summary = f.meta.get("summary")
    words = ctx.data.third_person.get(f.lang, [])
    if not (source and source.meta.get("audience") == "youth" and isinstance(summary, str)):
        return
    opening = " ".join(summary.split()[:SUMMARY_WORDS])
    found = next(_matcher(tuple(words)).find(opening), None)
    if found:
        report.add("summary-third-person", f.rel, f.line_of("summary"), phrase=found.group(0))


def check_docs_spelling(ctx: Context, report: Report) -> None:
    """Site pages follow the edition's spelling too."""
    for page in docs_pages(ctx.project):
        terms = ctx.data.spelling.get(page.lang, [])
        if not ctx.in_focus(page.rel):
            continue
        if not terms:
            continue
        text = page.path.read_text(encoding="utf-8", errors="replace")
        masked = _LINK_TARGET.sub(lambda m: " " * len(m.group(0)), mask_code(text))
        for i, line in enumerate(masked.split("\n")):
            for term in term_matches(terms, line):
                report.add(
                    "spelling",
                    page.rel,
                    i + 1,
                    term=term.term,
                    replacement=term.replacement,
                    lang=page.lang,
                )


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def check_phone_numbers(f: LessonFile, ctx: Context, report: Report) -> None:
    """A number typed into a lesson is checked by nobody: hotlines live in data/hotlines.yml."""
    if not f.readable:
        return
    known = {
        _digits(number)
        for h in ctx.data.hotlines
        if h.confirmed
        for number in (h.call, h.text, h.tty)
        if number
    }
    for lineno, text, _ in _places(f, ctx):
        for match in _PHONE.finditer(text):
            number = match.group(0).strip()
            digits = _digits(number)
            if len(digits) < PHONE_DIGITS or _ISO_DATE.fullmatch(number) or digits in known:
                continue
            report.add("phone-number", f.rel, lineno, number=number)
