"""Search rules per language (src/signpost/theme/search_words/): the forms a word is
matched in, as the index lists them and as a reader's query is widened to."""

from __future__ import annotations

import pytest

from signpost.theme.search_words import forms_of, rules_for


@pytest.mark.parametrize(
    "typed",
    ["استدراج", "الاستدراج", "والاستدراج", "بالاستدراج", "فالاستدراج", "للاستدراج", "استدراجها"],
)
def test_arabic_forms_of_a_word_meet_at_its_stem(typed: str) -> None:
    """The issue's word, with the article, the attached prefixes and a suffix."""
    assert forms_of(typed, rules_for("ar"))[-1] == "استدراج"


@pytest.mark.parametrize(
    ("typed", "stem"),
    [
        ("المساعدة", "مساعد"),  # ة folded to ه, then taken off as a suffix
        ("مساعده", "مساعد"),
        ("الأطفال", "اطفال"),  # hamza on alif folded
        ("صديقاتها", "صديق"),  # two suffixes: ها then ات
        ("وبالهدايا", "هدايا"),  # two prefixes: و then بال
        ("كتاب", "كتاب"),  # ك alone is not a prefix
        ("وقت", "وقت"),  # too short to lose a letter
    ],
)
def test_arabic_light_stemming(typed: str, stem: str) -> None:
    assert forms_of(typed, rules_for("ar"))[-1] == stem


@pytest.mark.parametrize(
    ("lang", "typed", "folded"),
    [("fr", "Élève", "eleve"), ("fr", "cœur", "coeur"), ("es", "niño", "nino")],
)
def test_accents_and_ligatures_fold(lang: str, typed: str, folded: str) -> None:
    assert forms_of(typed, rules_for(lang)) == [folded]


def test_french_elisions_are_data() -> None:
    assert {"l", "d", "qu"} <= set(rules_for("fr").elisions)


def test_a_language_without_rules_has_none() -> None:
    assert rules_for("en") is None
