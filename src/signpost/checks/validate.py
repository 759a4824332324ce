"""Structural checks on lesson files and site pages: each a small function in `CHECKS`.

A check looks at one loaded file (plus the shared context) and records findings;
it never stops the run, so authors see every problem in one pass. Content-quality
checks (reading level, freshness, wording) live in `quality.py`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import posixpath
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from .. import clock, layout
from ..content.directives import DIRECTIVE_RE, directive, listed
from ..content.docs_pages import docs_pages
from ..content.lessons import LESSON_ID_RE, LessonFile, activities_in, activity_blocks
from ..content.schema import AUDIENCES, BY_NAME, FIELDS, TRANSLATABLE, TRANSLATION_ONLY, parse_ages
from ..data import Data
from ..data.agenda import FitError, fit
from ..evaluation import questions
from ..findings import Report
from ..project import Project
from ..safety import page_header
from ..safety.files import publishable
from ..safety.hygiene import report_decoded, report_invisible
from ..safety.markdown_limits import report_limits
from ..safety.markup import LINK_RE, Lines, attributes, markup_in, mask_code, problems, tags_in
from .card_checks import check_cards

KNOWN_BLOCKS = {
    "facilitator": set(),
    "handout": set(),
    "activity": {"minutes", "optional"},
    "cards": {"sort"},
}


def within(rel: str, focus: tuple[str, ...]) -> bool:
    """Whether `rel` is one of the paths in `focus` or lies under one; no focus is everything."""
    return not focus or any(rel == p or rel.startswith(p + "/") for p in focus)


@dataclass
class Context:
    project: Project
    data: Data
    files: list[LessonFile]
    today: dt.date = field(default_factory=clock.today)
    known_pages: set[str] = field(default_factory=set)
    sources: dict[str, LessonFile] = field(default_factory=dict)
    focus: tuple[str, ...] = ()
    """Project-relative paths `check` was asked about; empty means everything."""

    def in_focus(self, rel: str) -> bool:
        return within(rel, self.focus)

    def focused(self) -> list[LessonFile]:
        return [f for f in self.files if self.in_focus(f.rel)]

    @property
    def default_ids(self) -> set[str]:
        return set(self.sources)

    def source(self, lesson_id: str) -> LessonFile | None:
        """The default-language file of a lesson, which translations inherit from."""
        return self.sources.get(lesson_id)


Check = Callable[[LessonFile, Context, Report], None]


def suggest(value: str, choices: list[str] | set[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


def check_lesson_id(f: LessonFile, ctx: Context, report: Report) -> None:
    if not LESSON_ID_RE.match(f.lesson_id):
        report.add("lesson-id", f.rel, 1, value=f.lesson_id)


def check_language(f: LessonFile, ctx: Context, report: Report) -> None:
    if f.lang not in ctx.project.codes:
        report.add("unknown-language", f.rel, 1, lang=f.lang)
    elif f.lang != ctx.project.default_language.code and f.lesson_id not in ctx.default_ids:
        expected = f"{ctx.project.lessons_dir}/{f.lesson_id}/index.md"
        report.add("orphan-translation", f.rel, 1, expected=expected)


def check_header(f: LessonFile, ctx: Context, report: Report) -> None:
    if not f.readable:
        return
    is_source = f.lang == ctx.project.default_language.code
    allowed = {fl.name for fl in FIELDS} if is_source else set(TRANSLATABLE + TRANSLATION_ONLY)
    misspelled: set[str] = set()
    for key in f.meta:
        if key in allowed:
            continue
        if not is_source and key in BY_NAME:
            report.add("untranslatable-key", f.rel, f.line_of(key), key=key)
            continue
        close = difflib.get_close_matches(key, sorted(allowed - set(f.meta)), n=1, cutoff=0.6)
        if close:  # one finding for a misspelling, not a second one for the missing key
            misspelled.add(close[0])
            report.add("misspelled-key", f.rel, f.line_of(key), key=key, expected=close[0])
        else:
            report.add("unknown-key", f.rel, f.line_of(key), key=key, suggestion="")
    if not is_source:
        for key in TRANSLATABLE + TRANSLATION_ONLY:
            if key in f.meta and (problem := BY_NAME[key].check(f.meta[key])):
                report.add("wrong-type", f.rel, f.line_of(key), key=key, problem=problem)
        _check_review(f, report)
        return
    audience = f.meta.get("audience")
    adult = audience in ("teachers", "community")
    for fl in FIELDS:
        if fl.name in TRANSLATION_ONLY:
            if fl.name in f.meta:
                report.add("unknown-key", f.rel, f.line_of(fl.name), key=fl.name, suggestion="")
            continue
        if fl.name not in f.meta:
            needed = fl.required or (fl.name == "ages" and audience == "youth")
            if needed and fl.name not in misspelled:
                report.add("missing-key", f.rel, 1, key=fl.name)
            continue
        if fl.name == "ages" and adult:
            continue  # reported once, by _check_ages, whatever its format
        if problem := fl.check(f.meta[fl.name]):
            report.add("wrong-type", f.rel, f.line_of(fl.name), key=fl.name, problem=problem)
    if isinstance(audience, str) and audience not in AUDIENCES:
        report.add(
            "unknown-audience",
            f.rel,
            f.line_of("audience"),
            value=audience,
            suggestion=suggest(audience, AUDIENCES),
        )
    topics = f.meta.get("topics")
    if isinstance(topics, list):
        for i, topic in enumerate(topics):
            if isinstance(topic, str) and topic not in ctx.data.topics:
                report.add(
                    "unknown-topic",
                    f.rel,
                    f.line_of("topics", i),
                    value=topic,
                    suggestion=suggest(topic, ctx.data.topics.keys()),
                    topics=", ".join(sorted(ctx.data.topics)),
                )
    _check_ages(f, audience, report)


def _check_review(f: LessonFile, report: Report) -> None:
    """An approval names its reviewer, and the reviewer is not the translator: a writer's
    review of their own text is no review."""
    reviewer, translator = f.meta.get("reviewed_by"), f.meta.get("translated_by")
    if "translation_reviewed" in f.meta and not reviewer:
        report.add("review-unnamed", f.rel, f.line_of("translation_reviewed"))
    if reviewer and "translation_reviewed" not in f.meta:
        report.add("review-undated", f.rel, f.line_of("reviewed_by"))
    if reviewer and not translator:
        report.add("review-untranslated-by", f.rel, f.line_of("reviewed_by"))
    same = isinstance(reviewer, str) and isinstance(translator, str)
    if same and reviewer.strip().casefold() == translator.strip().casefold():
        report.add("review-by-translator", f.rel, f.line_of("reviewed_by"), name=reviewer)


def _check_ages(f: LessonFile, audience: object, report: Report) -> None:
    ages = f.meta.get("ages")
    if ages is None:
        return
    line = f.line_of("ages")
    if audience in ("teachers", "community"):
        report.add("ages-adult", f.rel, line, audience=audience)
        return
    if BY_NAME["ages"].check(ages):
        return
    low, high = parse_ages(ages)
    if low > high:
        report.add("ages", f.rel, line, problem=f"ages {ages} are reversed; write {high}-{low}")
    elif low < 5 or high > 99:
        report.add("ages", f.rel, line, problem=f"ages {ages} are outside 5-99")


def check_questions(f: LessonFile, ctx: Context, report: Report) -> None:
    """Each question answerable and tied to an objective; a translation asks what its
    source asks; every objective measured by some question (a warning)."""
    if not f.readable or "questions" not in f.meta:
        return
    value = f.meta["questions"]
    source = ctx.source(f.lesson_id)
    objectives = (source.meta if source else f.meta).get("objectives")
    count = len(objectives) if isinstance(objectives, list) else None
    found = questions.problems(value, count)
    if f is not source and source is not None and source.readable:
        theirs = source.meta.get("questions")
        if not questions.problems(theirs, count):  # else the source's own findings come first
            found += questions.mismatches(theirs, value)
    for code, path, values in found:
        report.add(code, f.rel, f.line_at(*path), **values)
    if f is source and count and not found:
        for n in questions.untested(value, count):
            report.add("objective-untested", f.rel, f.line_of("objectives", n - 1), n=n)


def check_blocks(f: LessonFile, ctx: Context, report: Report) -> None:
    if not f.readable:
        return
    for lineno, fence in f.scan.stray_closers:
        report.add("block-stray-close", f.rel, lineno, fence=fence)
    for block in f.scan.blocks:
        if block.end is None:
            report.add("block-unclosed", f.rel, block.line, fence=block.fence, name=block.name)
        if block.name not in KNOWN_BLOCKS:
            report.add(
                "block-unknown",
                f.rel,
                block.line,
                name=block.name,
                suggestion=suggest(block.name, KNOWN_BLOCKS.keys()),
            )
            continue
        if block.options_error:
            report.add(
                "block-option", f.rel, block.line, name=block.name, problem=block.options_error
            )
        for option in block.options:
            if option not in KNOWN_BLOCKS[block.name]:
                report.add(
                    "block-option",
                    f.rel,
                    block.options_end or block.line,
                    name=block.name,
                    problem=f"unknown option `{option}`",
                )
        if block.name == "activity":
            _check_activity(f, block, report)
        elif block.argument and block.name == "facilitator":
            report.add(
                "block-option",
                f.rel,
                block.line,
                name=block.name,
                problem="takes no title after `|`",
            )


def _check_activity(f: LessonFile, block, report: Report) -> None:
    if not block.argument:
        report.add(
            "block-option",
            f.rel,
            block.line,
            name="activity",
            problem="needs a title: `/// activity | Title`",
        )
    minutes = block.options.get("minutes")
    if block.options_error:
        return
    if minutes is None:
        report.add(
            "block-option",
            f.rel,
            block.line,
            name="activity",
            problem="needs `    minutes: N` on the line after the title",
        )
    elif isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= 240:
        report.add(
            "block-option",
            f.rel,
            block.options_end or block.line,
            name="activity",
            problem=f"minutes must be a whole number from 1 to 240, got {minutes!r}",
        )
    optional = block.options.get("optional", False)
    if not isinstance(optional, bool):
        report.add(
            "block-option",
            f.rel,
            block.options_end or block.line,
            name="activity",
            problem=f"optional must be true or false, got {optional!r}",
        )


def check_duration(f: LessonFile, ctx: Context, report: Report) -> None:
    if not f.readable:
        return
    source = ctx.source(f.lesson_id)
    duration = source.meta.get("duration") if source else None
    if isinstance(duration, bool) or not isinstance(duration, int):
        return
    blocks = activity_blocks(f.scan)
    minutes = [b.options.get("minutes") for b in blocks]
    if not all(isinstance(m, int) and not isinstance(m, bool) for m in minutes):
        return
    total = sum(minutes)
    if total != duration:
        line = (
            f.line_of("duration")
            if f.lang == ctx.project.default_language.code
            else (blocks[0].line if blocks else f.body_line)
        )
        report.add("duration-mismatch", f.rel, line, total=total, duration=duration)


def check_optional(f: LessonFile, ctx: Context, report: Report) -> None:
    """What a shorter session may drop: never the opening (ground rules, content note) or
    the close (where to get help); in a translation, the same activities as its source."""
    if not f.readable:
        return
    blocks = activity_blocks(f.scan)
    edges = {0: "first", len(blocks) - 1: "last"} if blocks else {}
    for index, which in edges.items():
        if blocks[index].options.get("optional") is True:
            report.add(
                "optional-edge",
                f.rel,
                blocks[index].options_end or blocks[index].line,
                title=blocks[index].argument or "",
                which=which,
            )
    source = ctx.source(f.lesson_id)
    if f.lang == ctx.project.default_language.code or source is None or not source.readable:
        return
    theirs = activity_blocks(source.scan)
    if len(theirs) != len(blocks):
        return  # the activities themselves differ: duration-mismatch or a stale translation
    for index, (mine, source_block) in enumerate(zip(blocks, theirs, strict=True)):
        marked = mine.options.get("optional") is True
        if index in edges or marked == (source_block.options.get("optional") is True):
            continue
        report.add(
            "optional-mismatch",
            f.rel,
            mine.options_end or mine.line,
            n=index + 1,
            title=mine.argument or "",
            here="optional" if marked else "core",
            there="core" if marked else "optional",
            source=f"{source.rel}:{source_block.line}",
        )


def _lines(text: str, first_line: int) -> Iterator[tuple[int, str]]:
    for i, line in enumerate(text.split("\n")):
        yield first_line + i, line


def check_links(f: LessonFile, ctx: Context, report: Report) -> None:
    if f.readable:
        check_markdown_links(
            f.rel, layout.student_page(f.lesson_id), f.body, f.body_line, ctx, report
        )


def check_markdown_links(
    rel: str, virtual: str, text: str, first_line: int, ctx: Context, report: Report
) -> None:
    """Links must reach a page of the site; images must say what they show."""
    masked = mask_code(text)
    lines = Lines(masked, first_line)
    for match in LINK_RE.finditer(masked):
        is_image, label, target = match.group(1), match.group(2), match.group(3)
        lineno = lines.at(match.start())
        if is_image and not label.strip():
            report.add("image-alt", rel, lineno, target=target)
        _check_target(rel, virtual, target, lineno, ctx, report)
    for tag in tags_in(masked):
        if tag.group(2).lower() != "img" or tag.group(1):
            continue
        attrs = attributes(tag.group(3))
        if not attrs.get("alt", "").strip():
            target = attrs.get("src") or "<img>"
            report.add("image-alt", rel, lines.at(tag.start()), target=target)


def _check_target(
    rel: str, virtual: str, target: str, lineno: int, ctx: Context, report: Report
) -> None:
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target) or target.startswith(("#", "//")):
        return
    path = target.split("#", 1)[0].split("?", 1)[0]
    if not path:
        return
    if path.startswith("/"):
        resolved = path.lstrip("/")
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(virtual), path))
    candidates = {resolved, posixpath.join(resolved, "index.md"), resolved + ".md"}
    if path.endswith("/"):
        candidates = {posixpath.join(resolved, "index.md"), resolved + ".md"}
    if not candidates & ctx.known_pages:
        report.add("broken-link", rel, lineno, target=target)


def check_unsafe_html(f: LessonFile, ctx: Context, report: Report) -> None:
    if f.readable:
        report_markup(f.rel, f.body, f.body_line, report, ctx.data.dialable())


def report_markup(
    rel: str, text: str, first_line: int, report: Report, numbers: frozenset[str] = frozenset()
) -> None:
    """What the sanitiser would remove, or what would let content restyle or script the page;
    and phone links that dial a number they do not show (unless it is one of `numbers`)."""
    masked = mask_code(text)
    lines = Lines(masked, first_line)
    for problem in problems(masked, numbers=numbers):
        report.add(
            problem.code,
            rel,
            lines.at(problem.offset),
            snippet=problem.snippet,
            reason=problem.reason,
        )


def check_markdown_limits(f: LessonFile, ctx: Context, report: Report) -> None:
    """Nesting and re-reading the Markdown engine could not survive (`markdown_limits`)."""
    if f.readable:
        report_limits(f.rel, f.body, f.body_line, report)


def check_plain_text(f: LessonFile, ctx: Context, report: Report) -> None:
    """Header text and block titles are shown as typed: markup there would show as code."""
    if not f.readable:
        return
    values: list[tuple[str, int, object]] = []
    for key in TRANSLATABLE:
        value = f.meta.get(key)
        items = value if isinstance(value, list) else [value]
        values += [
            (key, f.line_of(key, i if isinstance(value, list) else None), v)
            for i, v in enumerate(items)
        ]
    sources = f.meta.get("sources")
    for i, source in enumerate(sources if isinstance(sources, list) else []):  # else wrong-type
        if isinstance(source, dict):
            values.append(("sources", f.line_of("sources", i), source.get("title")))
    values += [
        ("questions", f.line_at(*path), text)
        for path, text in questions.texts(f.meta.get("questions"))
    ]
    values += [(f"/// {b.name}", b.line, b.argument) for b in f.scan.blocks]
    for key, line, value in values:
        if isinstance(value, str) and (found := markup_in(value)):
            report.add("markup-in-text", f.rel, line, key=key, snippet=found[:40])


def check_placeholders(f: LessonFile, ctx: Context, report: Report) -> None:
    """Text `signpost new` wrote is a reminder, not content: warn until it is replaced."""
    from ..content.scaffold import PLACEHOLDERS

    text = f.text
    for phrase in PLACEHOLDERS:
        at = text.find(phrase)
        if at >= 0:
            report.add("placeholder", f.rel, text.count("\n", 0, at) + 1, text=phrase)


def check_invisible(f: LessonFile, ctx: Context, report: Report) -> None:
    report_invisible(ctx.project, f.rel, f.text, f.lang, report)
    report_decoded(ctx.project, f.rel, f.scalars, f.text, f.lang, report)


def check_glyphs(f: LessonFile, ctx: Context, report: Report) -> None:
    """Every character must have a glyph in the bundled handout fonts, or it prints as a box."""
    from ..handouts.fonts import uncovered

    text = f.text
    for char in uncovered(text):
        line = text.count("\n", 0, text.index(char)) + 1
        report.add(
            "glyph",
            f.rel,
            line,
            char=char,
            point=f"U+{ord(char):04X}",
            name=unicodedata.name(char, "unnamed character"),
            lang=f.lang,
        )


CHECKS: tuple[Check, ...] = (
    check_lesson_id,
    check_language,
    check_header,
    check_questions,
    check_blocks,
    check_cards,
    check_duration,
    check_optional,
    check_links,
    check_unsafe_html,
    check_markdown_limits,
    check_plain_text,
    check_placeholders,
    check_invisible,
    check_glyphs,
)


def build_context(
    project: Project, data: Data, files: list[LessonFile], today: dt.date | None = None
) -> Context:
    ctx = Context(project, data, files, today or clock.today())
    default = project.default_language.code
    ctx.sources = {f.lesson_id: f for f in files if f.lang == default}
    for lesson_id in ctx.default_ids:
        ctx.known_pages.add(layout.student_page(lesson_id))
        folder = project.lessons_path / lesson_id
        for asset in folder.iterdir():
            if publishable(asset):
                ctx.known_pages.add(f"lessons/{lesson_id}/{asset.name}")
    ctx.known_pages.update(page.virtual for page in docs_pages(project))
    if project.docs_path.is_dir():
        for asset in project.docs_path.rglob("*"):
            if asset.is_file() and asset.suffix != ".md" and not asset.is_symlink():
                ctx.known_pages.add(asset.relative_to(project.docs_path).as_posix())
    ctx.known_pages.update(layout.GENERATED_PAGES)
    return ctx


def check_docs(ctx: Context, report: Report) -> None:
    for page in docs_pages(ctx.project):
        if not ctx.in_focus(page.rel):
            continue
        try:
            text = page.path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            report.add("encoding", page.rel, 1, position=exc.start)
            continue
        report_header(page.rel, text, ctx.project.allowed_characters(page.lang), report)
        check_markdown_links(page.rel, page.virtual, text, 1, ctx, report)
        report_markup(page.rel, text, 1, report, ctx.data.dialable())
        report_limits(page.rel, text, 1, report)
        report_invisible(ctx.project, page.rel, text, page.lang, report)
        for match in DIRECTIVE_RE.finditer(mask_code(text)):
            if directive(match.group(1)) is None:
                line = text[: match.start()].count("\n") + 1
                report.add(
                    "directive", page.rel, line, value=match.group(0).strip(), known=listed()
                )


def report_header(rel: str, text: str, allowed: frozenset[int], report: Report) -> None:
    """A site page's header: read safely, only the declared keys, plain text (page_header)."""
    for code, line, values in page_header.problems(page_header.read(text), text, allowed):
        report.add(code, rel, line, **values)


def check_packs(ctx: Context, report: Report) -> None:
    """A declared seminar pack may only name lessons that exist, and must fit its `minutes:`
    with every lesson in its core version."""
    rel = f"{ctx.project.data_dir}/packs.yml"
    for pack in ctx.data.packs:
        for lesson_id in pack.lessons:
            if lesson_id not in ctx.default_ids:
                report.add(
                    "pack-lesson",
                    rel,
                    pack.line,
                    pack=pack.id,
                    value=lesson_id,
                    suggestion=suggest(lesson_id, ctx.default_ids),
                )
        sources = [ctx.source(lesson_id) for lesson_id in pack.lessons]
        if pack.timing.minutes is None or not all(s and s.readable for s in sources):
            continue
        try:
            fit([(s.lesson_id, activities_in(s.scan)) for s in sources if s], pack.timing)
        except FitError as exc:
            report.add("pack-fit", rel, pack.line, pack=pack.id, reason=str(exc))


def run_checks(ctx: Context, report: Report) -> None:
    for f in ctx.focused():
        for check in CHECKS:
            check(f, ctx, report)
    check_docs(ctx, report)
    check_packs(ctx, report)
