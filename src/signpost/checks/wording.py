"""Words a reader should not meet: terms to avoid, spellings outside the edition, and
youth summaries that talk about students instead of to them.

Each list is one regular expression per language, built once and run once per text,
so the cost grows with the text, not with text times list length.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from typing import Any

from ..content.blocks import strip_blocks
from ..content.docs_pages import docs_pages
from ..content.lessons import LessonFile
from ..content.schema import TRANSLATABLE
from ..data import AvoidTerm
from ..evaluation import questions
from ..findings import Report, Severity
from ..safety.markup import mask_code
from .validate import Context

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


@functools.lru_cache(maxsize=64)
def _term_index(terms: tuple[AvoidTerm, ...]) -> tuple[Matcher, dict[str, AvoidTerm]]:
    """The list's one pattern and its terms by case-folded form, built once per list."""
    by_form = {t.term.casefold(): t for t in terms}
    return _matcher(tuple(by_form)), by_form


def term_matches(terms: list[AvoidTerm], text: str) -> Iterator[AvoidTerm]:
    """Each listed term in `text`, once, in order of appearance."""
    return _found(_term_index(tuple(terms)), text)


def _found(index: tuple[Matcher, dict[str, AvoidTerm]], text: str) -> Iterator[AvoidTerm]:
    matcher, by_form = index
    seen: set[str] = set()
    for match in matcher.find(text):
        form = match.group(0).casefold()
        if form not in seen:
            seen.add(form)
            yield by_form[form]


def _found_per_text(
    index: tuple[Matcher, dict[str, AvoidTerm]], texts: list[str]
) -> dict[int, list[AvoidTerm]]:
    """`_found` for each of `texts`, by position, in one scan of them all.

    Joined by line breaks, which no term contains and which end a word as the end of
    a text does, so each text's matches are the ones it has on its own.
    """
    matcher, by_form = index
    if any("\n" in form for form in by_form):
        return {i: list(_found(index, text)) for i, text in enumerate(texts)}
    joined = "\n".join(texts)
    folded = joined.casefold()
    if len(folded) == len(joined):
        # Case-folded one character for one, only forms the text holds can match:
        # a substring search is far quicker than trying every form at every position.
        present = tuple(form for form in by_form if form in folded)
        if not present:
            return {}
        matcher = _matcher(present)
    starts, offset = [], 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + 1
    found: dict[int, list[AvoidTerm]] = {}
    seen: set[tuple[int, str]] = set()
    for match in matcher.find(joined):
        i, form = bisect.bisect_right(starts, match.start()) - 1, match.group(0).casefold()
        if (i, form) not in seen:
            seen.add((i, form))
            found.setdefault(i, []).append(by_form[form])
    return found


def _places(f: LessonFile, ctx: Context) -> list[tuple[int, str, bool]]:
    """(line, text, read by students) for the body and the translatable header fields.

    Two checks read them, so they are worked out once per file and check run.
    """
    if _places_memo[0] is not f or _places_memo[1] is not ctx:
        _places_memo[:] = [f, ctx, _find_places(f, ctx)]  # holding both keeps `is` sound
    return _places_memo[2]


_places_memo: list[Any] = [None, None, None]


def _find_places(f: LessonFile, ctx: Context) -> list[tuple[int, str, bool]]:
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
    for path, text in questions.texts(f.meta.get("questions")):
        places.append((f.line_at(*path), text, youth))
    return places


def check_avoid_terms(f: LessonFile, ctx: Context, report: Report) -> None:
    """Errors in what students read, warnings in text for adults (and in facilitator notes)."""
    terms = ctx.data.avoid.get(f.lang, [])
    spelling = ctx.data.spelling.get(f.lang, [])
    source = ctx.source(f.lesson_id)
    if not f.readable or source is None or not source.readable or not (terms or spelling):
        return
    places = _places(f, ctx)
    texts = [text for _, text, _ in places]
    avoid = _found_per_text(_term_index(tuple(terms)), texts)
    edition = _found_per_text(_term_index(tuple(spelling)), texts)
    for i, (lineno, _, for_students) in enumerate(places):
        for term in avoid.get(i, ()):
            report.add(
                "avoid-term",
                f.rel,
                lineno,
                term=term.term,
                replacement=term.replacement,
                severity=Severity.ERROR if for_students else Severity.WARNING,
            )
        for term in edition.get(i, ()):
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
    places = _places(f, ctx)
    starts, offset = [], 0
    for _, text, _ in places:
        starts.append(offset)
        offset += len(text) + 1
    # One scan of all the text: a number never runs across the line breaks joining it.
    for match in _PHONE.finditer("\n".join(text for _, text, _ in places)):
        lineno = places[bisect.bisect_right(starts, match.start()) - 1][0]
        number = match.group(0).strip()
        digits = _digits(number)
        if len(digits) < PHONE_DIGITS or _ISO_DATE.fullmatch(number) or digits in known:
            continue
        report.add("phone-number", f.rel, lineno, number=number)


def check_character_names(f: LessonFile, ctx: Context, report: Report) -> None:
    """A name registered to one lesson (`data/characters.yml`) used in another: readers who
    met a kind helper called Jay at 8 should not meet a groomer called Jay at 12."""
    if not f.readable:
        return
    others = {
        spelled: c for c in ctx.data.characters if c.lesson != f.lesson_id for spelled in c.names
    }
    if not others:
        return
    pattern = _name_pattern(tuple(sorted(others, key=len, reverse=True)))
    for lineno, text, _ in _places(f, ctx):
        for match in pattern.finditer(text):
            owner = others[match.group(0)]
            report.add("character-reused", f.rel, lineno, name=match.group(0), lesson=owner.lesson)


@functools.cache
def _name_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    # A letter or a combining mark (Arabic vowel signs are marks, not letters) on either
    # side means the name is part of a longer word: "جون" inside "المستدرِجون".
    edge = r"\w\u0300-\u036f\u064b-\u065f\u0670"
    alternatives = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?<![{edge}])(?:{alternatives})(?![{edge}])")


def check_character_register(ctx: Context, report: Report) -> None:
    """Each lesson named in `characters.yml` exists."""
    rel = f"{ctx.project.data_dir}/characters.yml"
    for character in ctx.data.characters:
        if character.lesson not in ctx.default_ids:
            report.add("character-lesson", rel, character.line, lesson=character.lesson)
