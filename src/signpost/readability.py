"""Reading level of what a student actually reads, with textstat where it has the language.

The grade comes from textstat 0.7.8, pinned because later releases download a
pronouncing dictionary on first use and fail offline. Languages textstat cannot
measure report `None` ("not measured"), never a made-up number.
"""

from __future__ import annotations

import re
from itertools import pairwise

from .blocks import BlockScan, strip_blocks

MEASURED = ("en", "es", "fr", "de", "it", "nl", "ru")

# Each pattern stops at a delimiter it cannot cross, so scanning stays linear in the text.
_LINK = re.compile(r"!?\[([^\[\]\n]*)\]\([^()\n]*\)")
_HEADING = re.compile(r"^#{1,6}[ \t]*", re.M)
_LIST = re.compile(r"^[ \t]*(?:[-+*]|\d+[.)])[ \t]+", re.M)
_MARKUP = re.compile(r"[*_`>|]|<[^<>\n]+>")
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


def method(lang: str) -> str | None:
    """How `grade` measures `lang`, for reports; None where it cannot."""
    if lang not in MEASURED:
        return None
    return "Flesch-Kincaid" if lang == "en" else "adapted Flesch reading ease"


def grade(text: str, lang: str) -> float | None:
    """A US grade level for `text`, or None where textstat cannot measure `lang`.

    English uses Flesch–Kincaid directly. Flesch–Kincaid's constants are fitted to
    English syllable counts and overstate other languages, so for those textstat's
    language-adapted Flesch reading ease (Fernández Huerta for Spanish, Kandel and
    Moles for French) is converted to a grade through Flesch's own table.
    """
    kind = method(lang)
    if kind is None or not text.strip():
        return None
    import textstat

    textstat.set_lang(lang)
    if kind == "Flesch-Kincaid":
        return float(textstat.flesch_kincaid_grade(text))
    return ease_to_grade(float(textstat.flesch_reading_ease(text)))


# Flesch (1949): 90-100 -> grade 5, 80-90 -> 6, 70-80 -> 7, 60-70 -> 8-9,
# 50-60 -> 10-12, 30-50 -> college, 0-30 -> graduate; interpolated between.
_EASE_TABLE = (
    (100.0, 4.0),
    (90.0, 5.0),
    (80.0, 6.0),
    (70.0, 7.0),
    (60.0, 8.5),
    (50.0, 11.0),
    (30.0, 14.0),
    (0.0, 17.0),
)


def ease_to_grade(ease: float) -> float:
    if ease >= _EASE_TABLE[0][0]:
        return _EASE_TABLE[0][1]
    for (hi_ease, hi_grade), (lo_ease, lo_grade) in pairwise(_EASE_TABLE):
        if ease >= lo_ease:
            return lo_grade + (hi_grade - lo_grade) * (ease - lo_ease) / (hi_ease - lo_ease)
    return _EASE_TABLE[-1][1]
