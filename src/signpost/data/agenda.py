"""How a seminar fits its time: each lesson's core or full version, breaks, clock times.

A pack (declared in `data/packs.yml` or asked for with `signpost pack --minutes`) has a
length, a welcome, a close and breaks. The welcome stands in for every lesson's first
activity (ground rules, content note) and the close for every lesson's last (where to
get help), so a lesson runs its middle activities: all of them (full) or the ones not
marked `optional: true` (core). Every lesson starts core; then, in lesson order, a
lesson runs full wherever the time left allows it. `check` refuses a declared pack that
cannot fit, and `signpost pack` refuses to print one, with the minutes it would need.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..content.lessons import Activity, Lesson

WELCOME, LESSON, BREAK, SPARE, CLOSE = "welcome", "lesson", "break", "spare", "close"


class FitError(ValueError):
    """The lessons' core versions, with the welcome, close and breaks, exceed the length."""

    def __init__(self, needed: int, minutes: int, parts: str) -> None:
        self.needed, self.minutes, self.parts = needed, minutes, parts
        super().__init__(f"needs at least {needed} minutes ({parts}); it has {minutes}")


@dataclass(frozen=True)
class Break:
    after: str
    """The lesson id the break follows."""
    minutes: int


@dataclass(frozen=True)
class Timing:
    """What a pack declares about its time; all zero and no length runs every lesson in full."""

    minutes: int | None = None
    welcome: int = 0
    close: int = 0
    breaks: tuple[Break, ...] = ()
    start: int | None = None
    """Minutes after midnight, for clock times on the cover; None prints times from 0:00."""


@dataclass(frozen=True)
class Item:
    """One row of the agenda; `start` counts minutes from the start of the session."""

    kind: str
    start: int
    minutes: int
    lesson: Lesson | None = None
    core: bool = False
    skipped: tuple[int, ...] = ()
    """Indexes (in the lesson's activities) of the optional activities the core version skips."""

    @property
    def end(self) -> int:
        return self.start + self.minutes


@dataclass(frozen=True)
class Agenda:
    items: list[Item] = field(default_factory=list)
    timing: Timing = field(default_factory=Timing)

    @property
    def total(self) -> int:
        return self.items[-1].end if self.items else 0

    @property
    def lessons(self) -> list[Item]:
        return [item for item in self.items if item.kind == LESSON]


def source_activities(lesson: Lesson, default: str) -> list[Activity]:
    """The activities as the source language has them: the one list every translation marks
    the same way."""
    text = lesson.texts.get(default) or next(iter(lesson.texts.values()))
    return text.activities


def running(activities: list[Activity], timing: Timing) -> list[int]:
    """Indexes of the activities a lesson runs in a pack: its first and last are left to the
    pack's welcome and close when the pack has them."""
    first = 1 if timing.welcome else 0
    last = len(activities) - (1 if timing.close else 0)
    return list(range(first, max(first, last)))


def version(activities: list[Activity], timing: Timing) -> tuple[int, int, tuple[int, ...]]:
    """A lesson's minutes in the pack, full and core, and the optional activities core skips."""
    kept = running(activities, timing)
    full = sum(activities[i].minutes for i in kept)
    optional = tuple(i for i in kept if activities[i].optional)
    return full, full - sum(activities[i].minutes for i in optional), optional


def fit(named: list[tuple[str, list[Activity]]], timing: Timing) -> list[bool]:
    """Which lessons (by position) run their full version; FitError when even the core
    versions do not fit. Core first, then full in lesson order while the time left allows."""
    versions = [version(activities, timing) for _, activities in named]
    if timing.minutes is None:
        return [True] * len(named)
    fixed = timing.welcome + timing.close + sum(b.minutes for b in timing.breaks)
    needed = fixed + sum(core for _, core, _ in versions)
    if needed > timing.minutes:
        cores = [
            (lesson_id, core) for (lesson_id, _), (_, core, _) in zip(named, versions, strict=True)
        ]
        raise FitError(needed, timing.minutes, _parts(timing, cores))
    left = timing.minutes - needed
    chosen = []
    for full, core, _ in versions:
        chosen.append(full - core <= left)
        if chosen[-1]:
            left -= full - core
    return chosen


def plan(lessons: list[Lesson], timing: Timing, default: str) -> Agenda:
    """The agenda: each lesson's version (see `fit`), breaks after the lessons they follow,
    any minutes left over as time in hand before the close."""
    named = [(lesson.id, source_activities(lesson, default)) for lesson in lessons]
    chosen_full = fit(named, timing)
    rows: list[tuple[str, int, Lesson | None, tuple[int, ...]]] = [
        (WELCOME, timing.welcome, None, ())
    ]
    for lesson, (_, activities), is_full in zip(lessons, named, chosen_full, strict=True):
        full, core, optional = version(activities, timing)
        if is_full or not optional:
            rows.append((LESSON, full, lesson, ()))
        else:
            rows.append((LESSON, core, lesson, optional))
        rows += [(BREAK, b.minutes, None, ()) for b in timing.breaks if b.after == lesson.id]
    if timing.minutes is not None:
        used = sum(minutes for _, minutes, _, _ in rows) + timing.close
        rows.append((SPARE, timing.minutes - used, None, ()))
    rows.append((CLOSE, timing.close, None, ()))
    items: list[Item] = []
    at = 0
    for kind, minutes, lesson, skipped in rows:
        if minutes > 0 or kind == LESSON:
            items.append(Item(kind, at, minutes, lesson, bool(skipped), skipped))
            at += minutes
    return Agenda(items, timing)


def _parts(timing: Timing, cores: list[tuple[str, int]]) -> str:
    parts = []
    if timing.welcome:
        parts.append(f"welcome {timing.welcome}")
    parts += [f"{lesson_id} {core}" for lesson_id, core in cores]
    parts += [f"break {b.minutes}" for b in timing.breaks]
    if timing.close:
        parts.append(f"close {timing.close}")
    return " + ".join(parts)
