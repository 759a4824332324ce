"""A session that fits its time: optional activities, core versions, and packs fitted to a length.

A host with 90 minutes prints a pack whose agenda adds up to 90, with the lessons that run
their core version marked and their skipped activities named, or is told in one line how
many minutes the lessons need. The welcome and the close (where to get help) are never
what a shorter session drops.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from test_validate import check, check_ran, edit

from signpost.checks.pipeline import check_project
from signpost.cli import main
from signpost.content.blocks import scan_blocks
from signpost.content.lessons import Lesson, LessonText
from signpost.content.translations import status
from signpost.data.agenda import (
    BREAK,
    CLOSE,
    LESSON,
    SPARE,
    WELCOME,
    Break,
    FitError,
    Timing,
    plan,
)
from signpost.handouts.document import Builder
from signpost.render.catalogue import catalog_json
from signpost.render.lesson_pages import plan_page, student_page

REPO = Path(__file__).resolve().parent.parent
EN = "lessons/spotting-secrets/index.md"
ES = "lessons/spotting-secrets/index.es.md"
STAFF = "lessons/staff-basics/index.md"
PACKS = "data/packs.yml"


def add_activity(root: Path, rel: str, before: str, title: str, options: str = "") -> None:
    """A 10-minute activity in the middle of a lesson, before the activity titled `before`."""
    block = f"/// activity | {title}\n    minutes: 10\n{options}\nTalk it over in pairs.\n///\n\n"
    edit(root, rel, f"/// activity | {before}", block + f"/// activity | {before}")


def three_activities(root: Path, en_options: str = "", es_options: str = "") -> None:
    """spotting-secrets with a middle activity in English and Spanish: 10 + 10 + 20 minutes."""
    edit(root, EN, "duration: 30", "duration: 40")
    add_activity(root, EN, "Helping hand", "Talk it over", en_options)
    add_activity(root, ES, "La mano que ayuda", "Hablarlo", es_options)


OPTIONAL = "    optional: true"


# The lesson format and its checks.


def test_optional_middle_activity_is_valid_and_changes_only_the_core_time(project, capsys):
    three_activities(project, OPTIONAL, OPTIONAL)
    out = check_ran(project, capsys)
    assert "optional-" not in out and "block-option" not in out
    checked = check_project(project, quality=False)
    lesson = next(le for le in checked.lessons if le.id == "spotting-secrets")
    assert (lesson.duration, lesson.duration_core) == (40, 30)
    assert [a.optional for a in lesson.texts["es"].activities] == [False, True, False]


@pytest.mark.parametrize(
    ("title", "minutes", "which"), [("Sort the cards", 10, "first"), ("Helping hand", 20, "last")]
)
def test_the_first_and_last_activity_cannot_be_optional(project, capsys, title, minutes, which):
    opening = f"/// activity | {title}\n    minutes: {minutes}"
    edit(project, EN, opening, f"{opening}\n{OPTIONAL}")
    code, out = check(project, capsys)
    lines = (project / EN).read_text(encoding="utf-8").split("\n")
    option_line = lines.index(f"/// activity | {title}") + 3  # the `optional:` line, 1-based
    assert code == 1
    assert (
        f"{EN}:{option_line}: optional-edge activity `{title}` is the lesson's {which} "
        "activity, which cannot be optional"
    ) in out
    assert "where to get help" in out  # the hint says why


def test_a_translation_marks_the_same_activities_optional(project, capsys) -> None:
    three_activities(project, en_options=OPTIONAL)
    code, out = check(project, capsys)
    assert code == 1
    source_line = (project / EN).read_text(encoding="utf-8").split("\n").index(
        "/// activity | Talk it over"
    ) + 1
    found = re.search(rf"{re.escape(ES)}:(\d+): optional-mismatch (.*)", out)
    assert found, out
    assert found.group(2) == (
        f"activity 2 (`Hablarlo`) is core here but optional in {EN}:{source_line}"
    )
    assert "Copy the source's option lines" in out


def test_optional_must_be_true_or_false(project, capsys) -> None:
    three_activities(project, "    optional: maybe", "    optional: maybe")
    code, out = check(project, capsys)
    assert code == 1
    assert "`activity` block: optional must be true or false, got 'maybe'" in out


def test_the_block_renderer_keeps_an_optional_activity_and_marks_it() -> None:
    """pymdownx drops a block with an option it does not know, silently: the activity would
    print as plain text."""
    source = "/// activity | Talk it over\n    minutes: 10\n    optional: true\n\nTalk.\n///\n"
    html = markdown.markdown(source, extensions=["signpost.render.markdown_blocks"])
    assert '<section class="sp-activity">' in html
    assert '<span class="sp-optional">optional</span>' in html
    assert "optional: true" not in html


# The lesson plan and catalog.json.


def test_plan_shows_both_running_times_and_marks_optional_activities(project, capsys) -> None:
    three_activities(project, OPTIONAL, OPTIONAL)
    checked = check_project(project, quality=False)
    lesson = next(le for le in checked.lessons if le.id == "spotting-secrets")
    html = Builder(checked, "en").plan(lesson, "a4").html
    assert "<dt>Duration</dt><dd>40 minutes</dd><dt>Core version</dt><dd>30 minutes</dd>" in html
    assert re.search(r"<td>0:10</td>\s*<td>Talk it over \(optional\)</td>\s*<td[^>]*>10</td>", html)
    assert re.search(r"<td>Core version</td>\s*<td[^>]*>30</td>", html)
    es = Builder(checked, "es").plan(lesson, "a4").html
    assert "Hablarlo (opcional)" in es and "Versión básica" in es
    staff = next(le for le in checked.lessons if le.id == "staff-basics")
    assert "Core version" not in Builder(checked, "en").plan(staff, "a4").html


def test_only_the_plan_marks_optional_activities_not_the_student_page(project, capsys) -> None:
    """Which activities a short session drops is the facilitator's call: a student reading
    "optional" on an activity might take it as permission to skip it."""
    three_activities(project, OPTIONAL, OPTIONAL)
    checked = check_project(project, quality=False)
    lesson = next(le for le in checked.lessons if le.id == "spotting-secrets")
    pages = Builder(checked, "en").pages
    marked = "/// activity | Talk it over\n    minutes: 10\n    optional: true\n"
    assert marked in plan_page(pages, lesson)
    student = student_page(pages, lesson)
    assert marked.replace("true", "false") in student and "optional: true" not in student
    html = markdown.markdown(
        student.split("\n---\n", 1)[1], extensions=["signpost.render.markdown_blocks"]
    )
    assert "Talk it over" in html and "sp-optional" not in html


def test_catalog_lists_the_core_time_beside_the_duration(project, capsys) -> None:
    three_activities(project, OPTIONAL, OPTIONAL)
    checked = check_project(project, quality=False)
    data = json.loads(
        catalog_json(checked.project, checked.lessons, status(checked.project, checked.files))
    )
    times = {le["id"]: (le["duration"], le["duration_core"]) for le in data["lessons"]}
    assert times["spotting-secrets"] == (40, 30)
    assert times["staff-basics"] == (45, 45)


# Fitting lessons to a length.


def lesson(lesson_id: str, activities: list[tuple[int, bool]]) -> Lesson:
    """A lesson read from Markdown: the block scanner finds its activities and options."""
    body = "".join(
        f"/// activity | Step {i + 1}\n    minutes: {m}\n"
        + ("    optional: true\n" if optional else "")
        + "\nText.\n///\n\n"
        for i, (m, optional) in enumerate(activities)
    )
    text = LessonText("en", "", lesson_id, "", [], [], None, body, 1, scan_blocks(body))
    total = sum(m for m, _ in activities)
    return Lesson(lesson_id, "community", None, total, [], None, [], Path("."), {"en": text}, [])


def test_lessons_run_full_where_time_allows_in_lesson_order() -> None:
    a = lesson("a", [(10, False), (20, False), (30, True), (5, False)])  # in a pack: 20 / 50
    b = lesson("b", [(10, False), (15, False), (20, True), (5, False)])  # in a pack: 15 / 35
    timing = Timing(minutes=90, welcome=10, close=10, breaks=(Break("a", 10),))
    agenda = plan([a, b], timing, "en")
    # Cores: 10 + 20 + 10 + 15 + 10 = 65; 25 minutes left: a's extra 30 does not fit, b's 20 does.
    rows = [(i.kind, i.minutes, i.core, i.skipped) for i in agenda.items]
    assert rows == [
        (WELCOME, 10, False, ()),
        (LESSON, 20, True, (2,)),
        (BREAK, 10, False, ()),
        (LESSON, 35, False, ()),
        (SPARE, 5, False, ()),
        (CLOSE, 10, False, ()),
    ]
    assert agenda.total == 90
    roomy = plan([a, b], Timing(minutes=100, welcome=10, close=10), "en")  # 45 left
    assert [i.core for i in roomy.lessons] == [False, True]


def test_lessons_that_cannot_fit_are_refused_with_the_minutes_they_need() -> None:
    a = lesson("a", [(10, False), (20, False), (30, True), (5, False)])
    with pytest.raises(FitError) as refused:
        plan([a, a], Timing(minutes=60, welcome=10, close=10, breaks=(Break("a", 10),)), "en")
    assert refused.value.needed == 70
    assert str(refused.value) == (
        "needs at least 70 minutes (welcome 10 + a 20 + a 20 + break 10 + close 10); it has 60"
    )


def test_without_a_length_every_lesson_runs_in_full_with_its_own_welcome_and_close() -> None:
    a = lesson("a", [(10, False), (20, False), (30, True), (5, False)])
    agenda = plan([a], Timing(), "en")
    assert [(i.kind, i.minutes, i.core) for i in agenda.items] == [(LESSON, 65, False)]


activity_lists = st.lists(st.tuples(st.integers(1, 40), st.booleans()), min_size=1, max_size=6).map(
    lambda acts: [(m, opt and 0 < i < len(acts) - 1) for i, (m, opt) in enumerate(acts)]
)


@settings(max_examples=300, deadline=None)
@given(
    lessons=st.lists(activity_lists, min_size=1, max_size=4),
    minutes=st.one_of(st.none(), st.integers(10, 400)),
    welcome=st.integers(0, 20),
    close=st.integers(0, 20),
    pauses=st.lists(st.tuples(st.integers(0, 3), st.integers(1, 20)), max_size=3),
)
def test_agenda_clock_times_always_add_up(lessons, minutes, welcome, close, pauses) -> None:
    chosen = [lesson(f"l{i}", acts) for i, acts in enumerate(lessons)]
    breaks = tuple(Break(f"l{i % len(chosen)}", m) for i, m in pauses)
    timing = Timing(minutes, welcome, close, breaks)
    try:
        agenda = plan(chosen, timing, "en")
    except FitError as refused:
        assert minutes is not None and refused.needed > minutes
        return
    items = agenda.items
    assert items[0].start == 0
    for before, after in zip(items, items[1:], strict=False):
        assert after.start == before.start + before.minutes
    if minutes is not None:
        assert items[-1].end == agenda.total == minutes
    assert [i.lesson.id for i in agenda.lessons] == [le.id for le in chosen]
    for item in agenda.lessons:
        acts = lessons[int(item.lesson.id[1:])]
        n = len(acts)
        kept = [i for i in range(n) if not (welcome and i == 0) and not (close and i == n - 1)]
        assert set(item.skipped) <= set(kept)
        assert all(acts[i][1] for i in item.skipped), "only optional activities are skipped"
        assert item.minutes == sum(acts[i][0] for i in kept if i not in item.skipped)


# packs.yml.


def write_packs(root: Path, timing: str) -> None:
    (root / PACKS).write_text(
        "packs:\n  - id: fixture-evening\n    title: {en: Fixture evening}\n"
        "    lessons: [staff-basics, spotting-secrets]\n" + timing,
        encoding="utf-8",
    )


@pytest.mark.parametrize(
    ("timing", "line", "message"),
    [
        ("    minutes: ninety\n", 5, "pack 1: `minutes` must be a whole number of minutes from "
         "10 to 600, not text"),
        ("    start: 18:30\n", 5, 'pack 1: `start` must be a time like "18:30" (put it in quotes)'),
        ("    breaks:\n      - {after: nowhere, minutes: 10}\n", 6,
         "pack 1: break 1 must come `after:` one of the pack's lessons, not `nowhere`"),
        ("    welcome: 90\n", 5, "pack 1: `welcome` must be a whole number of minutes from "
         "0 to 60, not 90"),
        ("    breaks:\n      - {after: staff-basics}\n", 6, "pack 1: break 1 `minutes` must be "
         "a whole number of minutes from 1 to 60, not missing"),
    ],
)  # fmt: skip
def test_a_packs_time_is_checked_with_its_line(project, capsys, timing, line, message) -> None:
    write_packs(project, timing)
    code, out = check(project, capsys)
    assert code == 1
    assert f"{PACKS}:{line}: data-file {message}" in out


def test_a_declared_pack_that_cannot_fit_is_refused_by_check(project, capsys) -> None:
    # Both fixture lessons have two activities: the welcome and close stand in for both.
    write_packs(project, "    minutes: 15\n    welcome: 10\n    close: 10\n")
    code, out = check(project, capsys)
    assert code == 1
    assert (
        f"{PACKS}:2: pack-fit pack `fixture-evening` needs at least 20 minutes (welcome 10 + "
        "staff-basics 0 + spotting-secrets 0 + close 10); it has 15"
    ) in out


def test_catalog_gives_a_fitted_packs_length_and_its_core_lessons(project, capsys) -> None:
    three_activities(project, OPTIONAL, OPTIONAL)
    write_packs(project, "    minutes: 75\n")
    checked = check_project(project, quality=False)
    assert not checked.report.errors
    data = json.loads(
        catalog_json(
            checked.project,
            checked.lessons,
            status(checked.project, checked.files),
            checked.data.packs,
        )
    )
    entry = data["packs"][0]
    # staff-basics 45 + spotting-secrets 40 do not fit 75: spotting-secrets runs its core 30.
    assert (entry["duration"], entry["core"]) == (75, ["spotting-secrets"])


# `signpost pack`.


def pack(project: Path, *args: str) -> int:
    return main(["-C", str(project), "pack", "staff-basics", "spotting-secrets", *args])


def test_pack_fitted_to_its_minutes_prints_an_agenda_that_adds_up(project, tmp_path, capsys):
    three_activities(project, OPTIONAL, OPTIONAL)
    out = tmp_path / "evening.pdf"
    code = pack(
        project, "--minutes", "50", "--welcome", "5", "--close", "5",
        "--break", "staff-basics=5", "--start", "18:30", "--date", "2026-12-03", "-o", str(out),
    )  # fmt: skip
    assert code == 0, capsys.readouterr().err
    cover = " ".join(PdfReader(out).pages[0].extract_text().split())
    # The welcome and close stand in for each lesson's first and last activity: staff-basics
    # has none left (0 minutes); spotting-secrets has its optional 10, which fits (full),
    # and 25 minutes are spare.
    for row in (
        "18:30 Welcome: ground rules",
        "18:35 Staff basics 0 18:35",
        "18:35 Break 5 18:40",
        "18:40 Spotting unsafe secrets 10 18:50",
        "18:50 Time in hand",
        "19:15 Close: key messages",
        "5 19:20",
        "Total 50",
    ):
        assert row in cover, (row, cover)
    assert "Core version" not in cover


def test_pack_marks_a_core_version_and_names_what_to_skip(project, tmp_path, capsys) -> None:
    three_activities(project, OPTIONAL, OPTIONAL)
    out = tmp_path / "short.pdf"
    code = pack(
        project, "--minutes", "75", "--start", "9:00", "--lang", "es", "--fallback", "-o", str(out)
    )
    assert code == 0, capsys.readouterr().err
    cover = " ".join(PdfReader(out).pages[0].extract_text().split())
    # Full: 45 + 40 = 85 > 75; core: 45 + 30 = 75.
    assert "9:00 Staff basics 45 9:45" in cover
    assert "9:45 Reconocer secretos inseguros Versión básica. Omitir: Hablarlo 30 10:15" in cover
    assert "Total 75" in cover


def test_pack_that_cannot_fit_is_refused_in_one_line_and_writes_nothing(project, tmp_path, capsys):
    out = tmp_path / "never.pdf"
    assert pack(project, "--minutes", "60", "-o", str(out)) == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        "signpost pack: this pack needs at least 75 minutes (staff-basics 45 + "
        "spotting-secrets 30); it has 60: give more --minutes, shorter --welcome, --close or "
        "--break, or fewer lessons"
    ]
    assert not out.exists()


@pytest.mark.parametrize("given", ["nowhere=10", "staff-basics=0", "staff-basics=\u00b2", "x"])
def test_a_bad_break_is_one_line(project, tmp_path, capsys, given: str) -> None:
    assert pack(project, "--break", given, "-o", str(tmp_path / "p.pdf")) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "--break must be LESSON_ID=MINUTES" in err and "--break staff-basics=10" in err


# The shipped curriculum.


def test_the_community_seminar_is_a_110_minute_evening() -> None:
    checked = check_project(REPO, quality=False)
    pack_ = next(p for p in checked.data.packs if p.id == "community-seminar-series")
    by_id = {le.id: le for le in checked.lessons}
    agenda = plan([by_id[i] for i in pack_.lessons], pack_.timing, "en")
    assert pack_.timing.minutes == agenda.total == 110
    assert pack_.timing.start == 18 * 60 + 30
    assert [i.kind for i in agenda.items] == [WELCOME, LESSON, LESSON, BREAK, LESSON, SPARE, CLOSE]
    # The agenda in docs/host-guide*.md: 18:30 to 20:20, with 5 minutes in hand before a
    # 15-minute close (the debrief and where to get help), and every lesson in its core version.
    assert [(i.start, i.minutes) for i in agenda.items] == [
        (0, 15),
        (15, 25),
        (40, 25),
        (65, 10),
        (75, 15),
        (90, 5),
        (95, 15),
    ]
    assert all(i.core for i in agenda.items if i.kind == LESSON)
    # Each community lesson keeps its core version small enough for one evening.
    for lesson_id in pack_.lessons:
        assert by_id[lesson_id].duration_core < by_id[lesson_id].duration
