"""Invisible characters that make text read differently from what it is.

A right-to-left override can show "Call 1-888-373-7888" over a link to another
number, and zero-width characters hide inside words and numbers. Contributed files
may not contain them, except marks a language's own spelling needs, which
`signpost.yml` allows per language (`allowed_characters`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..findings import Report
    from ..project import Project

INVISIBLE = frozenset(
    [0x00AD, 0x061C, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0x2061]
    + [0x2062, 0x2063, 0x2064, 0xFEFF]
    + list(range(0x202A, 0x202F))
    + list(range(0x2066, 0x206A))
)
_PATTERN = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(INVISIBLE)) + "]")


def describe(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}"


def hidden(text: str, allowed: frozenset[int] = frozenset()) -> Iterator[tuple[int, str]]:
    """(line, character) for each invisible character not in `allowed`; lines are 1-based.

    A byte-order mark at the very start of a file is the editor's, not the author's.
    """
    line, last = 1, 0
    for match in _PATTERN.finditer(text):
        char = match.group(0)
        if ord(char) in allowed or (char == "\ufeff" and match.start() == 0):
            continue
        line += text.count("\n", last, match.start())
        last = match.start()
        yield line, char


def report_invisible(
    project: Project, rel: str, text: str, lang: str | None, report: Report
) -> None:
    """One finding per invisible character; `lang` None means a file for every language."""
    for line, char in hidden(text, project.allowed_characters(lang)):
        report.add(
            "invisible-character", rel, line, char=describe(char), lang=lang or "a language's"
        )
    # The first control character, typed as it is (a NUL is dropped from the page by the
    # sanitiser, others reach it); a carriage return alone counts, a tab does not.
    if control := CONTROL.search(text):
        line = text.count("\n", 0, control.start()) + 1
        char = control.group(0)
        report.add("control-in-text", rel, line, char=f"U+{ord(char):04X}")


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
"""C0 and C1 controls (tab and newline excepted) and the Unicode line separators: a form
feed or a line separator ends a CSS string or a line where the text is printed."""


def report_decoded(
    project: Project,
    rel: str,
    values: list[tuple[int, str]],
    written: str,
    lang: str | None,
    report: Report,
) -> None:
    """Findings for characters that YAML escapes (`"\\u202e"`, `"\\f"`) put into values.

    `report_invisible` reads the file as written, where an escape is harmless letters;
    the decoded value is what a page, a <title> or a printed footer shows. A character
    already written literally in the file is reported there, not twice.
    """
    allowed = project.allowed_characters(lang)
    literal = {char for _, char in hidden(written, allowed)}
    for line, value in values:
        # A leading space: `hidden` forgives a byte-order mark only at a text's start.
        for _, char in hidden(" " + value, allowed):
            if char not in literal:
                report.add(
                    "invisible-character",
                    rel,
                    line,
                    char=describe(char),
                    lang=lang or "a language's",
                )
        control = CONTROL.search(value)
        if control:
            report.add("control-character", rel, line, char=describe(control.group(0)))
