"""Messages a volunteer author meets: each problem said once, with the fix it needs."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_validate import check, check_ran, edit

LESSON = "lessons/spotting-secrets/index.md"
STAFF = "lessons/staff-basics/index.md"


def test_misspelled_key_is_one_finding(project: Path, capsys) -> None:
    edit(project, LESSON, "summary:", "sumary:")
    code, out = check(project, capsys)
    assert code == 1
    assert f"{LESSON}:3: misspelled-key `sumary` looks like a misspelling of `summary`" in out
    assert "missing-key" not in out and "unknown-key" not in out


@pytest.mark.parametrize("ages", ["ages: 18+", "ages: 30-60"])
def test_ages_on_an_adult_lesson_says_to_delete_the_line(project: Path, capsys, ages) -> None:
    edit(project, STAFF, "duration: 45", f"duration: 45\n{ages}")
    code, out = check(project, capsys)
    assert code == 1
    assert f"{STAFF}:6: ages-adult `ages` is only for youth lessons" in out
    assert "Delete the `ages:` line" in out
    assert "wrong-type" not in out and out.count("ages-adult") == 1


def test_unknown_topic_lists_the_topics(project: Path, capsys) -> None:
    edit(project, LESSON, "topics: [secrets, trusted-adults]", "topics: [secret, trusted-adults]")
    code, out = check(project, capsys)
    assert code == 1
    assert "did you mean `secrets`?" in out
    assert "Use one of:" in out and "trusted-adults" in out.split("Use one of:")[1]


def test_topic_without_a_label_in_a_language_is_warned(project: Path, capsys) -> None:
    topics = project / "data/topics.yml"
    topics.write_text(
        topics.read_text(encoding="utf-8") + "new-topic:\n  label: {en: A new topic}\n",
        encoding="utf-8",
    )
    code, out = check(project, capsys)
    assert code == 0
    assert "topic-label (warning) topic `new-topic` has no `es` label" in out
    assert "has no `ar` label" in out


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Call 1-555-010-0199 for help.", "1-555-010-0199"),
        ("Ring 0800 999 1234 now.", "0800 999 1234"),
        ("Text +44 7700 900123 today.", "+44 7700 900123"),
        ("Call 1-888-373-7888 for help.", None),
        ("Reviewed on 2026-11-30.", None),
        ("Call or text 988.", None),
    ],
)
def test_phone_numbers_typed_into_a_lesson_are_warned(
    project: Path, capsys, text: str, flagged: str | None
) -> None:
    edit(project, LESSON, "A surprise is fun.", f"{text} A surprise is fun.")
    out = check_ran(project, capsys)
    if flagged:
        assert f"{LESSON}:25: phone-number (warning) `{flagged}` looks like a phone number" in out
        assert "data/hotlines.yml" in out
    else:
        assert "phone-number" not in out


def test_check_a_single_lesson_reports_only_it(project: Path, capsys) -> None:
    edit(project, LESSON, "audience: youth", "audience: yuoth")
    edit(project, STAFF, "duration: 45", "duration: 45\nages: 18+")
    code, out = check(project, capsys, "lessons/staff-basics")
    assert code == 1
    assert "staff-basics" in out and "spotting-secrets/index.md" not in out
    code, out = check(project, capsys, "lessons/spotting-secrets/index.md")
    assert code == 1 and "unknown-audience" in out and "staff-basics" not in out
    code, out = check(project, capsys, "docs/index.md")
    assert code == 0, out


def test_check_a_path_that_does_not_exist(project: Path, capsys) -> None:
    code, out = check(project, capsys, "lessons/nope")
    assert code == 2
    assert out.strip() == "signpost: lessons/nope: no such file or folder"
