"""`packs.yml`: seminar packs, each several lessons' handouts behind a cover."""

from __future__ import annotations

import re

from .agenda import Break, Timing
from .file import File, check_id, top_mapping
from .model import Data, Pack
from .values import ID_RE, MISSING, QUOTE, kind, show

TIMING_KEYS = ("minutes", "welcome", "close", "breaks", "start")
CLOCK_RE = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")
LIMITS = {"minutes": (10, 600), "welcome": (0, 60), "close": (0, 60), "break": (1, 60)}


def load_packs(data: Data, file: File, default: str) -> None:
    raw = top_mapping(file, "`packs:` to a list of packs")
    if raw is None:
        return
    file.unknown_keys((), raw, ["packs"], "packs.yml")
    packs = raw.get("packs", MISSING)
    if not isinstance(packs, list):
        state = "missing" if packs is MISSING else kind(packs)
        file.problem(("packs",), f"`packs:` must be a list of packs, not {state}")
        return
    seen: set[str] = set()
    for i, entry in enumerate(packs):
        base: tuple[object, ...] = ("packs", i)
        entry = file.mapping(
            base, entry, f"pack {i + 1} (`id`, `title: {{{default}: ...}}`, `lessons`)"
        )
        if entry is None:
            continue
        before = file.count
        what = f"pack {i + 1}"
        file.unknown_keys(base, entry, ["id", "title", "lessons", *TIMING_KEYS], what)
        pack_id = file.text((*base, "id"), entry.get("id", MISSING), f"{what}: `id`", limit=80)
        check_id(file, (*base, "id"), pack_id, seen, what, "is used twice")
        titles = file.labels(
            (*base, "title"), entry.get("title", MISSING), f"{what} `title`", default
        )
        lessons = entry.get("lessons", MISSING)
        if not isinstance(lessons, list) or not lessons:
            state = "missing" if lessons is MISSING else kind(lessons)
            file.problem(
                (*base, "lessons"),
                f"{what}: `lessons` must list lesson folder names, not {state}",
            )
        else:
            for j, lesson in enumerate(lessons):
                if not isinstance(lesson, str) or not ID_RE.fullmatch(lesson):
                    file.problem(
                        (*base, "lessons", j),
                        f"{what}: lesson `{show(lesson)}` is not a lesson folder name",
                    )
        timing = _timing(file, base, entry, what, lessons if isinstance(lessons, list) else [])
        if file.count == before and pack_id is not None:
            data.packs.append(Pack(pack_id, titles, tuple(lessons), file.line(*base), timing))


def _minutes(file: File, path: tuple[object, ...], value: object, what: str, limit: str) -> int:
    low, high = LIMITS[limit]
    whole = isinstance(value, int) and not isinstance(value, bool)
    if whole and low <= value <= high:
        return value
    found = "missing" if value is MISSING else show(value) if whole else kind(value)
    file.problem(
        path, f"{what} must be a whole number of minutes from {low} to {high}, not {found}"
    )
    return 0


def _timing(file: File, base: tuple[object, ...], entry: dict, what: str, lessons: list) -> Timing:
    """`minutes`, `welcome`, `close`, `breaks` and `start`: each optional, each checked."""
    got = {key: entry[key] for key in TIMING_KEYS if key in entry}
    minutes = None
    if "minutes" in got:
        minutes = _minutes(
            file, (*base, "minutes"), got["minutes"], f"{what}: `minutes`", "minutes"
        )
    welcome, close = (
        _minutes(file, (*base, key), got[key], f"{what}: `{key}`", key) if key in got else 0
        for key in ("welcome", "close")
    )
    breaks = []
    raw = got.get("breaks", [])
    if not isinstance(raw, list):
        file.problem(
            (*base, "breaks"),
            f"{what}: `breaks` must be a list of "
            f"`{{after: LESSON_ID, minutes: N}}`, not {kind(raw)}",
        )
        raw = []
    for j, item in enumerate(raw):
        path = (*base, "breaks", j)
        item = file.mapping(
            path, item, f"{what}: break {j + 1} (`{{after: LESSON_ID, minutes: N}}`)"
        )
        if item is None:
            continue
        file.unknown_keys(path, item, ["after", "minutes"], f"{what}: break {j + 1}")
        after = item.get("after", MISSING)
        if after not in lessons:
            state = "missing" if after is MISSING else f"`{show(after)}`"
            file.problem(
                (*path, "after"),
                f"{what}: break {j + 1} must come `after:` one of the pack's lessons, not {state}",
            )
        length = _minutes(
            file,
            (*path, "minutes"),
            item.get("minutes", MISSING),
            f"{what}: break {j + 1} `minutes`",
            "break",
        )
        breaks.append(Break(str(after), length))
    start = None
    if "start" in got:
        value = got["start"]
        match = CLOCK_RE.fullmatch(value) if isinstance(value, str) else None
        if match:
            start = int(match.group(1)) * 60 + int(match.group(2))
        else:
            quote = QUOTE if isinstance(value, int) and not isinstance(value, bool) else ""
            file.problem((*base, "start"), f'{what}: `start` must be a time like "18:30"{quote}')
    return Timing(minutes, welcome, close, tuple(breaks), start)
