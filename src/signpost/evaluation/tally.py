"""Tally files: one line per session, counts of right answers before and after, no names.

The columns are the tally sheet's: `lesson, language, date, group_size, before_1..before_N,
after_1..after_N`, N being the lesson's number of questions. A line that cannot be true (a
count above the group, a lesson the site lacks) is refused with its line number, so a
report never draws a bar from a typing mistake.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
from dataclasses import dataclass

from ..findings import Report

FIXED = ("lesson", "language", "date", "group_size")
MAX_GROUP = 40


def columns(n: int) -> list[str]:
    """The tally sheet's and the CSV's columns for a lesson of `n` questions."""
    return [
        *FIXED,
        *(f"before_{i}" for i in range(1, n + 1)),
        *(f"after_{i}" for i in range(1, n + 1)),
    ]


@dataclass(frozen=True)
class Session:
    line: int
    lesson: str
    lang: str
    date: dt.date
    size: int
    before: tuple[int, ...]
    after: tuple[int, ...]


@dataclass(frozen=True)
class Share:
    """Right answers to one question across sessions, as counts and as a share of people."""

    right_before: int
    right_after: int
    people: int

    def before(self) -> float:
        return self.right_before / self.people

    def after(self) -> float:
        return self.right_after / self.people


def read(
    rel: str, data: bytes, questions: dict[str, int], languages: list[str]
) -> tuple[list[Session], Report]:
    """Every session in a tally file, and a report of the lines that are wrong.

    `questions` maps each lesson id to its number of questions; `rel` names the file in
    findings. A first line naming the columns (starting `lesson,`) is skipped, as are blank
    lines.
    """
    report = Report()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        report.add("tally-encoding", rel, line, position=exc.start)
        return [], report
    sessions = []
    for number, row in enumerate(csv.reader(io.StringIO(text, newline="")), 1):
        cells = [cell.strip() for cell in row]
        if not any(cells) or (number == 1 and cells[0].casefold() == "lesson"):
            continue
        session = _session(rel, number, cells, questions, languages, report)
        if session is not None:
            sessions.append(session)
    if not sessions and not report.findings:
        report.add("tally-empty", rel, 1)
    return sessions, report


def _session(
    rel: str,
    line: int,
    cells: list[str],
    questions: dict[str, int],
    languages: list[str],
    report: Report,
) -> Session | None:
    lesson = cells[0]
    if lesson not in questions:
        close = difflib.get_close_matches(lesson, list(questions), n=1, cutoff=0.6)
        report.add(
            "tally-lesson",
            rel,
            line,
            value=lesson,
            suggestion=f"; did you mean `{close[0]}`?" if close else "",
        )
        return None
    n = questions[lesson]
    wanted = columns(n)
    if len(cells) != len(wanted):
        report.add("tally-columns", rel, line, got=len(cells), want=len(wanted), lesson=lesson, n=n)
        return None
    found = len(report.findings)
    lang, date_text = cells[1], cells[2]
    if lang not in languages:
        report.add("tally-language", rel, line, value=lang, codes=", ".join(languages))
    try:
        date = dt.date.fromisoformat(date_text)
    except ValueError:
        report.add("tally-date", rel, line, value=date_text)
        date = dt.date.min
    counts: list[int] = []
    for name, cell in zip(wanted[3:], cells[3:], strict=True):
        if not cell.isascii() or not cell.isdigit():
            report.add("tally-number", rel, line, column=name, value=cell)
            counts.append(-1)
        else:
            counts.append(int(cell))
    size = counts[0]
    if size == 0 or size > MAX_GROUP:
        report.add("tally-group", rel, line, value=size, most=MAX_GROUP)
    elif size > 0:
        for name, count in zip(wanted[4:], counts[1:], strict=True):
            if count > size:
                report.add("tally-over", rel, line, column=name, value=count, size=size)
    if len(report.findings) > found:
        return None
    return Session(line, lesson, lang, date, size, tuple(counts[1 : n + 1]), tuple(counts[n + 1 :]))


def shares(sessions: list[Session]) -> dict[str, list[Share]]:
    """Per lesson, in order of first appearance: each question's right answers over every
    session of it, before and after."""
    out: dict[str, list[Share]] = {}
    for s in sessions:
        totals = out.setdefault(s.lesson, [Share(0, 0, 0) for _ in s.before])
        for i, (before, after) in enumerate(zip(s.before, s.after, strict=True)):
            old = totals[i]
            totals[i] = Share(
                old.right_before + before, old.right_after + after, old.people + s.size
            )
    return out


def overall(each: list[Share]) -> Share:
    """A lesson's questions together: every right answer over every answer given."""
    return Share(
        sum(s.right_before for s in each),
        sum(s.right_after for s in each),
        sum(s.people for s in each),
    )
