"""Seminar packs: several lessons' handouts behind a cover with an agenda, then help.

A host names lessons on the command line (`signpost pack`) or declares packs in
`data/packs.yml`, which the site build renders for every language and paper.
Everything a host can get wrong is a `PackError` with one clear sentence.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from .. import clock, layout
from ..checks.pipeline import Checked
from ..checks.validate import suggest
from ..content.lessons import Lesson
from ..data import Pack
from ..data.agenda import Break, FitError, Timing
from .document import Builder, Document
from .evaluation import has_questions, sheets
from .render import HandoutError

_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


class PackError(HandoutError):
    """A pack request that cannot be met; the message names the problem and the fix."""


def choose_lessons(
    checked: Checked, lesson_ids: list[str], lang: str, fallback: bool
) -> list[Lesson]:
    project = checked.project
    if lang not in project.codes:
        raise PackError(f"unknown language `{lang}`; this site has: {', '.join(project.codes)}")
    by_id = {lesson.id: lesson for lesson in checked.lessons}
    chosen = []
    for lesson_id in lesson_ids:
        lesson = by_id.get(lesson_id)
        if lesson is None:
            raise PackError(
                f"unknown lesson `{lesson_id}`{suggest(lesson_id, by_id)}; "
                "lesson ids are the folder names in lessons/"
            )
        if lang not in lesson.texts and not fallback:
            source = project.default_language
            raise PackError(
                f"lesson `{lesson_id}` is not translated into {project.language(lang).name} "
                f"(`{lang}`); add --fallback to print it in {source.name} inside the "
                f"{project.language(lang).name} pack"
            )
        chosen.append(lesson)
    return chosen


def parse_start(value: str | None) -> int:
    """`18:30` as minutes after midnight, so the agenda shows clock times."""
    if not value:
        return 0
    match = _CLOCK.match(value)
    if not match:
        raise PackError(f"--start must be a time like 18:30, not `{value}`")
    return int(match.group(1)) * 60 + int(match.group(2))


def parse_date(value: str | None) -> str:
    if value is None:
        return clock.today().isoformat()
    if value == "":
        return ""
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise PackError(f"--date must be a date like 2026-12-03, not `{value}`") from None


def pack_document(
    checked: Checked,
    lessons: list[Lesson],
    lang: str,
    paper: str,
    title: str,
    date: str = "",
    start: int = 0,
    target: str = "",
    timing: Timing | None = None,
    evaluation: bool = False,
) -> Document:
    """With `evaluation`, each lesson that has questions brings its questionnaire and tally
    sheet after its handout."""
    if paper not in layout.PAPERS:
        raise PackError(f"unknown paper size `{paper}`; use one of: {', '.join(layout.PAPERS)}")
    builder = Builder(checked, lang)
    extra = (
        {le.id: sheets(builder, le) for le in lessons if has_questions(builder, le)}
        if evaluation
        else None
    )
    try:
        return builder.pack(lessons, paper, title, date, start, target, timing, extra)
    except FitError as exc:
        raise PackError(
            f"this pack {exc}: give more --minutes, shorter --welcome, --close or "
            "--break, or fewer lessons"
        ) from None


def parse_timing(
    lessons: list[Lesson],
    minutes: int | None,
    welcome: int = 0,
    close: int = 0,
    breaks: list[str] | None = None,
) -> Timing:
    """`--minutes`, `--welcome`, `--close` and `--break LESSON_ID=MINUTES` as a Timing."""
    for name, value in (("--minutes", minutes), ("--welcome", welcome), ("--close", close)):
        if value is not None and value < 0:
            raise PackError(f"{name} must be a number of minutes, not {value}")
    ids = [lesson.id for lesson in lessons]
    pauses = []
    for given in breaks or []:
        after, _, length = given.partition("=")
        if (
            after not in ids
            or not (length.isascii() and length.isdigit())
            or not 0 < int(length) <= 60
        ):
            raise PackError(
                f"--break must be LESSON_ID=MINUTES (1 to 60) after one of this pack's "
                f"lessons, e.g. --break {ids[0]}=10; not `{given}`"
            )
        pauses.append(Break(after, int(length)))
    return Timing(minutes, welcome, close, tuple(pauses))


def declared(checked: Checked, builder: Builder, pack: Pack, paper: str) -> Document:
    """A pack from data/packs.yml, fitted to its declared time; the date is left as a line
    for the host to fill in."""
    by_id = {lesson.id: lesson for lesson in checked.lessons}
    lessons = [by_id[i] for i in pack.lessons]
    title = pack.title(builder.lang, checked.project.default_language.code)
    start = pack.timing.start or 0
    return builder.pack(
        lessons, paper, title, "", start, layout.pack_pdf(pack.id, paper), pack.timing
    )


def writable(path: Path) -> Path:
    """Fail before rendering if the PDF could not be saved there."""
    path = path.expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise PackError(f"cannot write {path}: it is a folder; give a file name like pack.pdf")
    if not folder.is_dir():
        raise PackError(f"cannot write {path}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise PackError(f"cannot write {path}: permission denied")
    return path
