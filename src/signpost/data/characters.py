"""`characters.yml`: every named character, by lesson, so no name meets a reader twice.

A child who met "Jay" as a swim helper at 8 should not meet a "Jay" who grooms someone
at 12. Each name belongs to one lesson, in every language; `check` finds a registered
name in any other lesson's text.
"""

from __future__ import annotations

import re

from .file import File, top_mapping
from .model import Character, Data
from .values import ID_RE, MISSING, kind, show


def load_characters(data: Data, file: File, codes: tuple[str, ...]) -> None:
    raw = top_mapping(file, "`characters:` to lessons and their characters")
    if raw is None:
        return
    file.unknown_keys((), raw, ["characters"], "characters.yml")
    lessons = raw.get("characters", MISSING)
    if not isinstance(lessons, dict):
        state = "missing" if lessons is MISSING else kind(lessons)
        file.problem(
            ("characters",), f"`characters:` must map lesson folders to lists, not {state}"
        )
        return
    owner: dict[str, str] = {}
    for lesson, people in lessons.items():
        base: tuple[object, ...] = ("characters", lesson)
        if not isinstance(lesson, str) or not ID_RE.fullmatch(lesson):
            file.problem(base, f"`{show(lesson)}` is not a lesson folder name")
            continue
        if not isinstance(people, list):
            file.problem(base, f"`{lesson}` must list its characters, not {kind(people)}")
            continue
        for i, person in enumerate(people):
            where = (*base, i)
            person = file.mapping(where, person, f"`{lesson}` character {i + 1} (`name`, …)")
            if person is None:
                continue
            # A spelling for a language the project does not have is kept, not refused:
            # a project may drop a language and keep its register.
            extra = [k for k in person if isinstance(k, str) and re.fullmatch(r"[a-z]{2,3}", k)]
            allowed = ["name", "role", *codes, *extra]
            file.unknown_keys(where, person, allowed, f"`{lesson}` character {i + 1}")
            name = file.text((*where, "name"), person.get("name", MISSING), "`name`", limit=40)
            role = file.text((*where, "role"), person.get("role", ""), "`role`") or ""
            spellings = {
                code: text
                for code in codes
                if code in person
                and (text := file.text((*where, code), person[code], f"`{code}`", limit=40))
            }
            if name is None:
                continue
            for spelled in {name, *spellings.values()}:
                if spelled in owner and owner[spelled] != lesson:
                    file.problem(
                        (*where, "name"),
                        f"`{spelled}` already belongs to `{owner[spelled]}`: give this "
                        "character another name",
                    )
                owner.setdefault(spelled, lesson)
            data.characters.append(
                Character(lesson, name, role, spellings, file.line(*where, "name"))
            )
