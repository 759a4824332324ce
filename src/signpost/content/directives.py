"""Page directives: the one list of the `[[...]]` lines a site page may hold.

`check` refuses a line that names none of them and the renderer expands each; both read
this list, so a directive cannot be accepted by one and ignored by the other.
"""

from __future__ import annotations

import re

DIRECTIVES: dict[str, str] = {
    "lessons youth": "the lessons for young people",
    "lessons teachers": "the lessons for teachers",
    "lessons community": "the lessons for community groups",
    "hotlines": "every confirmed help service, by country",
    "packs": "the seminar packs",
    "offline": "the link to this language's offline zip",
    "doors": "the front door's cards: students by age band, teachers, seminar hosts",
    "help": "the front door's help block: the numbers for the language's countries",
    "evaluation": "each lesson's before/after questionnaire and tally sheet",
}
"""Each directive, as written between the brackets, and what it becomes."""
DIRECTIVE_RE = re.compile(r"^\[\[(.+?)\]\]\s*$", re.M)
"""A line that is a directive, known or not."""


def directive(inner: str) -> str | None:
    """The directive a line's `[[...]]` names, its spaces made single; None if unknown."""
    name = " ".join(inner.split())
    return name if name in DIRECTIVES else None


def listed() -> str:
    """Every directive, written as an author types it, for a finding's hint."""
    return ", ".join(f"[[{name}]]" for name in DIRECTIVES)
