"""The fonts bundled for handouts, and which characters they can draw.

Handouts never use the build machine's fonts: a missing glyph would print as an
empty box, or in a fallback face that cannot shape the script. So every
character a handout may show is checked against these files before rendering.
"""

from __future__ import annotations

import functools
import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fonts"


@dataclass(frozen=True)
class Face:
    file: str
    family: str
    weight: int = 400
    style: str = "normal"


FACES = (
    Face("NotoSans-Regular.ttf", "Signpost Sans"),
    Face("NotoSans-Bold.ttf", "Signpost Sans", 700),
    Face("NotoSans-Italic.ttf", "Signpost Sans", 400, "italic"),
    Face("NotoSans-BoldItalic.ttf", "Signpost Sans", 700, "italic"),
    Face("NotoSansArabic-Regular.ttf", "Signpost Arabic"),
    Face("NotoSansArabic-Bold.ttf", "Signpost Arabic", 700),
)
# Arabic text first looks in the Arabic face, everything else in the Latin one;
# each falls back to the other for digits, punctuation and embedded names.
FAMILIES = {"ar": '"Signpost Arabic", "Signpost Sans"', "": '"Signpost Sans", "Signpost Arabic"'}


def family_for(lang: str) -> str:
    return FAMILIES.get(lang, FAMILIES[""])


def font_face_css() -> str:
    """@font-face rules naming the bundled files (the only files the renderer may open),
    relative to the renderer's base URL, the font folder: where Signpost is installed is
    then no part of a document, nor of its cache key."""
    return "".join(
        f"@font-face {{ font-family: {face.family!r}; font-weight: {face.weight}; "
        f"font-style: {face.style}; src: url({face.file!r}); }}\n"
        for face in FACES
    ).replace("'", '"')


@functools.cache
def covered() -> frozenset[int]:
    """Every code point some bundled face has a glyph for."""
    from fontTools.ttLib import TTFont

    points: set[int] = set()
    for face in FACES:
        with TTFont(FONT_DIR / face.file, lazy=True) as font:
            points.update(font.getBestCmap())
    return frozenset(points)


@functools.cache
def _covered_chars() -> frozenset[str]:
    return frozenset(map(chr, covered()))


def uncovered(text: str) -> list[str]:
    """Characters of `text` that would print as boxes, in order of first appearance.

    Format and control characters (marks for direction, joiners, line breaks) draw
    nothing, so they need no glyph.
    """
    odd = {
        char
        for char in set(text) - _covered_chars()
        if unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp")
    }
    if not odd:
        return []
    seen: dict[str, None] = {}
    for char in text:
        if char in odd and char not in seen:
            seen[char] = None
    return list(seen)


@functools.cache
def fingerprint() -> str:
    """A hash of the font files, part of every cache key."""
    digest = hashlib.sha256()
    for face in FACES:
        digest.update((FONT_DIR / face.file).read_bytes())
    return digest.hexdigest()
