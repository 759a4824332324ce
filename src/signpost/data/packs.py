"""`packs.yml`: seminar packs, each several lessons' handouts behind a cover."""

from __future__ import annotations

from .file import File, check_id, top_mapping
from .model import Data, Pack
from .values import ID_RE, MISSING, kind, show


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
        file.unknown_keys(base, entry, ["id", "title", "lessons"], what)
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
        if file.count == before and pack_id is not None:
            data.packs.append(Pack(pack_id, titles, tuple(lessons), file.line(*base)))
