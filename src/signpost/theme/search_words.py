"""Search that finds a word however a reader types it: with or without accents, and in
Arabic with or without the letters written onto its front and end.

Material's search (lunr) matches the start of a word exactly, as written. A reader on a
phone types "educacion" for "educación", "استدراج" for "الاستدراج", "l'aide" for "aide".
Each language's rules are data (`search_words/<lang>.yml`): letters folded, prefixes and
suffixes taken off (light stemming, never a dictionary), elided words dropped. The build
adds each word's other forms to the index (`word_forms`), and `assets/search-words.js`
gives the reader's query the same forms, from the same rules, carried in the index.
"""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

from ..safety import safe_yaml

RULES_DIR = Path(__file__).resolve().parent / "search_words"
MAX_SUFFIXES = 2
"""At most this many suffixes come off one word (one conjunction, one prefix)."""


@dataclass(frozen=True)
class Rules:
    """One language's rules; affixes and elisions already folded, longest first."""

    letters: dict[str, str] = field(default_factory=dict)
    conjunctions: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    elisions: tuple[str, ...] = ()
    shortest: int = 3

    def as_config(self) -> dict:
        """The rules as the browser reads them from the index (`assets/search-words.js`)."""
        return asdict(self)


@cache
def rules_for(lang: str) -> Rules | None:
    """The language's rules, or None where it has none (English today)."""
    path = RULES_DIR / f"{lang}.yml"
    if not path.is_file():
        return None
    data = safe_yaml.load(path.read_text(encoding="utf-8")) or {}
    letters = {str(k): str(v) for k, v in (data.get("letters") or {}).items()}
    bare = Rules(letters=letters)

    def folded(key: str) -> tuple[str, ...]:
        words = {fold(str(word), bare) for word in data.get(key) or []}
        return tuple(sorted(words, key=lambda w: (-len(w), w)))

    return Rules(
        letters=letters,
        conjunctions=folded("conjunctions"),
        prefixes=folded("prefixes"),
        suffixes=folded("suffixes"),
        elisions=folded("elisions"),
        shortest=int(data.get("shortest", 3)),
    )


def fold(word: str, rules: Rules) -> str:
    """Lower case, no marks (accents, harakat, hamza on alif), the language's letters replaced."""
    bare = "".join(
        c for c in unicodedata.normalize("NFD", word.lower()) if unicodedata.category(c) != "Mn"
    )
    return "".join(rules.letters.get(c, c) for c in bare)


def _strip(
    word: str, affixes: tuple[str, ...], shortest: int, front: bool, times: int = 1
) -> list[str]:
    """`word` after each of up to `times` affixes comes off (the longest that fits first)."""
    forms = []
    for _ in range(times):
        for affix in affixes:
            rest = len(word) - len(affix)
            if rest >= shortest and (word.startswith(affix) if front else word.endswith(affix)):
                word = word[len(affix) :] if front else word[:rest]
                forms.append(word)
                break
        else:
            break
    return forms


def forms_of(word: str, rules: Rules) -> list[str]:
    """The word folded, then each step of taking its affixes off, the stem last:
    والهدايا gives والهدايا, الهدايا, هدايا."""
    forms = [fold(word, rules)]
    forms += _strip(forms[-1], rules.conjunctions, rules.shortest, front=True)
    forms += _strip(forms[-1], rules.prefixes, rules.shortest, front=True)
    forms += _strip(forms[-1], rules.suffixes, rules.shortest, front=False, times=MAX_SUFFIXES)
    return list(dict.fromkeys(forms))
