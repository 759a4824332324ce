"""Reading level of what a student actually reads, with textstat where it has the language.

The grade comes from textstat 0.7.8, pinned because later releases download a
pronouncing dictionary on first use and fail offline. Languages textstat cannot
measure report `None` ("not measured"), never a made-up number.
"""

from __future__ import annotations

import re

from .blocks import BlockScan, strip_blocks

MEASURED = ("en", "es", "fr", "de", "it", "nl", "pt", "ru")

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_HEADING = re.compile(r"^#{1,6}\s*", re.M)
_LIST = re.compile(r"^\s*(?:[-+*]|\d+[.)])\s+", re.M)
_MARKUP = re.compile(r"[*_`>|]|<[^>]+>")
_FENCE = re.compile(r"^/{3,}.*$|^ {4}\w+:.*$", re.M)
_END = re.compile(r"[.!?:;\u061f\u06d4]$")


def student_text(body: str, body_line: int, scan: BlockScan) -> str:
    """The body without facilitator blocks, reduced to plain sentences.

    A wrapped paragraph is one run of text; headings and list items end a sentence
    of their own, as a reader takes them.
    """
    text = strip_blocks(body, body_line, scan, "facilitator")
    text = _FENCE.sub("", text)
    text = _LINK.sub(r"\1", text)
    units: list[str] = []
    current: list[str] = []
    for raw in text.split("\n"):
        starts_unit = _HEADING.match(raw) or _LIST.match(raw) or not raw.strip()
        if starts_unit and current:
            units.append(" ".join(current))
            current = []
        line = _MARKUP.sub(" ", _LIST.sub("", _HEADING.sub("", raw)))
        line = " ".join(line.split())
        if line:
            current.append(line)
    if current:
        units.append(" ".join(current))
    return " ".join(u if _END.search(u) else u + "." for u in units)


def grade(text: str, lang: str) -> float | None:
    """Flesch–Kincaid grade, or None where textstat does not support `lang`."""
    if lang not in MEASURED or not text.strip():
        return None
    import textstat

    textstat.set_lang(lang)
    return float(textstat.flesch_kincaid_grade(text))
