"""The shipped curriculum itself: valid, complete, readable, and always pointing to help."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from conftest import SHIPPED_URL

from signpost.checks.pipeline import check_project
from signpost.checks.readability import grade, student_text

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def checked():
    return check_project(REPO)


def test_curriculum_has_no_errors(checked) -> None:
    errors = [f"{f.path}:{f.line}: {f.code} {f.message}" for f in checked.report.errors]
    assert errors == []


def test_curriculum_shape(checked) -> None:
    lessons = checked.lessons
    assert len(lessons) >= 15
    bands = Counter(le.ages for le in lessons if le.audience == "youth")
    assert bands[(8, 10)] >= 3 and bands[(11, 13)] >= 3 and bands[(14, 18)] >= 3
    audiences = Counter(le.audience for le in lessons)
    assert audiences["teachers"] >= 3 and audiences["community"] >= 3


@pytest.mark.parametrize("lesson_id", sorted(p.name for p in (REPO / "lessons").iterdir()))
def test_every_module_has_what_a_facilitator_needs(checked, lesson_id: str) -> None:
    lesson = next(le for le in checked.lessons if le.id == lesson_id)
    text = lesson.texts["en"]
    names = Counter(b.name for b in text.scan.blocks)
    assert names["activity"] >= 2
    assert names["handout"] == 1
    assert names["facilitator"] >= 1
    assert 2 <= len(text.objectives) <= 5
    assert all(o.startswith("By the end") for o in text.objectives)
    lines = text.body.split("\n")
    notes = " ".join(
        " ".join(lines[b.line - text.body_line : b.end - text.body_line])
        for b in text.scan.blocks
        if b.name == "facilitator"
    ).lower()
    assert "secre" in notes, "facilitator notes must say never to promise secrecy"
    assert "fault" in notes or "listen" in notes
    assert any(s.url.startswith("https://") for s in lesson.sources)
    assert "get-help.md" in text.body


def test_youth_lessons_meet_reading_targets(checked) -> None:
    for lesson in checked.lessons:
        if lesson.audience != "youth":
            continue
        text = lesson.texts["en"]
        target = checked.data.reading_target("youth", lesson.ages)
        measured = grade(student_text(text.body, text.body_line, text.scan), "en")
        assert measured is not None and measured <= target.max_grade, lesson.id


def test_every_shipped_handout_fits_on_two_pages_clear_of_its_qr_code(
    checked, shipped_site: Path
) -> None:
    """A host prints one sheet, double-sided: each handout, in every language and paper,
    as deployed (with an address, so the QR code and its address are on every sheet: the
    two longest Arabic ones once ran under the code)."""
    from pdf_boxes import sheet

    from signpost import layout

    catalog = json.loads((shipped_site / "catalog.json").read_text(encoding="utf-8"))
    listed = {item["id"]: item["translations"] for item in catalog["lessons"]}
    docs = []
    for lang in checked.project.codes:
        for lesson in checked.lessons:
            assert lang in lesson.texts, f"{lesson.id} has no {lang} translation"
            for paper in layout.PAPERS:
                docs.append((lesson, shipped_site / listed[lesson.id][lang]["handouts"][paper]))
    assert len(docs) == 2 * len(checked.project.codes) * len(checked.lessons)
    read = {path: sheet(path) for _, path in docs}
    too_long = [
        f"{path.relative_to(shipped_site)}: {pages} pages"
        for path, (pages, _, _) in read.items()
        if pages > 2
    ]
    assert too_long == []
    assert [path.name for path, (_, qr, _) in read.items() if not qr] == []
    assert [word for _, _, over in read.values() for word in over] == []


def test_curriculum_passes_strict_apart_from_the_calendar_and_its_address(checked) -> None:
    """`check --strict` is what CI runs before publishing; only review dates may age, and
    `site_url` stays a placeholder: the reference curriculum is deployed at no address of
    its own, so whoever deploys it must set one before --strict lets it through."""
    timely = {"review-stale", "hotline-stale"}
    warnings = [
        f"{f.path}:{f.line}: {f.code} {f.message}"
        for f in checked.report.warnings
        if f.code not in timely
    ]
    assert [w for w in warnings if " site-url " not in w] == []
    assert len(warnings) == 1 and "`site_url` is a placeholder" in warnings[0]


def test_curriculum_passes_strict_where_it_is_deployed(capsys) -> None:
    """Deployed, the address is known (GitHub Pages' `base_url`, given as --site-url): then
    `check --strict` passes with nothing to say, as the Pages workflow in the README runs it."""
    from signpost.cli import main

    assert main(["-C", str(REPO), "check", "--strict", "--site-url", SHIPPED_URL]) == 0
    assert capsys.readouterr().err.strip() == "signpost: 0 error(s), 0 warning(s)"


def test_every_english_youth_page_offers_a_line_for_its_age(checked) -> None:
    """Teenagers: emergency, then 988. Under-11s: Childhelp first, then emergency, and no
    trafficking or suicide line."""
    from signpost.content.translations import status
    from signpost.data.strings import strings_for
    from signpost.render.helpbox import help_box
    from signpost.render.pageset import PageSet

    project = checked.project
    pages = PageSet(
        project,
        checked.data,
        checked.lessons,
        status(project, checked.files),
        "en",
        strings_for(project, checked.data, "en"),
    )
    for lesson in checked.lessons:
        if lesson.audience != "youth":
            continue
        box = help_box(pages, lesson).split('<details class="sp-countries"')[0]
        if lesson.ages and lesson.ages[0] < 11:
            assert box.index('href="tel:18004224453"') < box.index('href="tel:911"'), lesson.id
            for number in ("988", "18883737888"):
                assert f'href="tel:{number}"' not in box, (lesson.id, number)
        else:
            assert box.index('href="tel:911"') < box.index('href="tel:988"'), lesson.id


def test_every_translation_is_current_and_claims_no_review_it_did_not_get(checked) -> None:
    """Every translation matches its source; an approval, where one is claimed, names a
    fluent speaker who is not the translator (today no translation claims one: the marks
    the writers set on their own work were cleared)."""
    from signpost.content.translations import COMPLETE, status

    result = status(checked.project, checked.files)
    for lesson_id, row in result.lessons.items():
        for lang, state in row.items():
            if lang != checked.project.default_language.code:
                assert state == COMPLETE, (lesson_id, lang, state)
    for f in checked.files:
        if "translation_reviewed" in f.meta:
            assert f.meta.get("reviewed_by"), f.rel
            assert f.meta.get("reviewed_by") != f.meta.get("translated_by"), f.rel


def test_every_shipped_lesson_has_its_questionnaire_and_its_declared_cards(
    checked, shipped_site: Path
) -> None:
    """Read off the shipped build: each lesson's before/after sheet in every language and
    paper is at most two pages of questions and one tally page; each lesson that declares
    cards has its cut-out sheet."""
    from pypdf import PdfReader

    from signpost import layout

    too_long, missing = [], []
    for lang in checked.project.codes:
        for lesson in checked.lessons:
            cards = bool(lesson.texts[lang].card_sets)
            for paper in layout.PAPERS:
                sheet = shipped_site / lang / layout.evaluation_pdf(lesson.id, paper)
                pages = PdfReader(sheet).pages
                if len(pages) > 3 or "Tally" not in pages[-1].extract_text() and lang == "en":
                    too_long.append(f"{sheet.name} ({lang}): {len(pages)} pages")
                cut = shipped_site / lang / layout.cards_pdf(lesson.id, paper)
                if cut.is_file() != cards:
                    missing.append(f"{cut.name} ({lang})")
    assert too_long == [] and missing == []
    assert sum(bool(le.texts["en"].card_sets) for le in checked.lessons) >= 10
