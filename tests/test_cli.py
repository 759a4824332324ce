"""`signpost new` writes a lesson that passes `signpost check`; the schema stays current."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from signpost.cli import main

REPO = Path(__file__).resolve().parent.parent


def test_new_lesson_builds_but_strict_refuses_it_until_written(project: Path, capsys) -> None:
    for audience in ("youth", "teachers", "community"):
        assert main(["-C", str(project), "new", f"new-{audience}", "--audience", audience]) == 0
    capsys.readouterr()
    assert main(["-C", str(project), "check"]) == 0, capsys.readouterr().err
    assert main(["-C", str(project), "check", "--strict"]) == 1
    err = capsys.readouterr().err
    for audience in ("youth", "teachers", "community"):
        rel = f"lessons/new-{audience}/index.md"
        assert f"{rel}:1: not-reviewed (warning)" in err
        assert f"{rel}:3: placeholder (warning) skeleton text still here" in err
        lines = (project / rel).read_text(encoding="utf-8").splitlines()
        first = lines.index("Say what the group does, step by step.") + 1
        assert f"{rel}:{first}: placeholder (warning)" in err, "the first activity's text"


def test_each_audience_gets_its_own_skeleton(project: Path) -> None:
    for audience in ("youth", "teachers", "community"):
        assert main(["-C", str(project), "new", f"new-{audience}", "--audience", audience]) == 0
    read = {a: (project / f"lessons/new-{a}/index.md").read_text() for a in ("youth", "community")}
    assert "reviewed:" not in read["youth"], "the reviewers add the date"
    assert "By the end, you can" in read["youth"]
    assert "school" not in read["community"] and "a neighbor might notice" in read["community"]
    teachers = (project / "lessons/new-teachers/index.md").read_text()
    assert "mandated-reporter law" in teachers


def test_new_refuses_bad_id_and_existing(project: Path, capsys) -> None:
    assert main(["-C", str(project), "new", "Bad_Id", "--audience", "youth"]) == 2
    assert main(["-C", str(project), "new", "staff-basics", "--audience", "teachers"]) == 2
    err = capsys.readouterr().err
    assert "not a valid lesson id" in err and "already exists" in err


def test_committed_schema_is_current(tmp_path: Path, capsys) -> None:
    out = tmp_path / "schema.json"
    assert main(["-C", str(REPO), "schema", "--output", str(out)]) == 0
    committed = json.loads((REPO / "lesson.schema.json").read_text(encoding="utf-8"))
    assert json.loads(out.read_text(encoding="utf-8")) == committed
    assert "ages" in committed["properties"] and committed["additionalProperties"] is False


LESSON_HEADER = "lessons/spotting-secrets/index.md"


@pytest.mark.parametrize(
    ("line", "value", "valid"),
    [
        ("ages: 8-10", "ages: 8-10", True),
        ("ages: 8-10", "ages: 8 - 10", False),
        ("ages: 8-10", "ages: '8-10 '", False),
        ("ages: 8-10", "ages: 100-120", False),
        ("ages: 8-10", "ages: 8", False),
        ("duration: 30", "duration: 4", False),
        ("duration: 30", "duration: 241", False),
        ("duration: 30", "duration: '30'", False),
        ("duration: 30", "duration: true", False),
        ("audience: youth", "audience: Youth", False),
        ("title: Spotting unsafe secrets", "title: ''", False),
        ("title: Spotting unsafe secrets", "title: 5", False),
        ("topics: [secrets, trusted-adults]", "topics: []", False),
        ("topics: [secrets, trusted-adults]", "topics: [secret]", False),
        ("reviewed: 2026-11-01", "reviewed: 2026-13-01", False),
        ("reviewed: 2026-11-01", "reviewed: 2026-11-01\nhomepage: x", False),
        ("warning_signs:", "warning_signs: []\nx_warning_signs:", False),
    ],
)
def test_check_and_the_published_schema_agree_on_header_values(
    project: Path, capsys, line: str, value: str, valid: bool
) -> None:
    """The same header through `check` and an independent JSON Schema validator."""
    import jsonschema

    from signpost.safety import safe_yaml

    path = project / LESSON_HEADER
    text = path.read_text(encoding="utf-8")
    assert line in text
    text = text.replace(line, value, 1)
    path.write_text(text, encoding="utf-8")
    header = safe_yaml.load(text.split("---\n")[1])
    schema = json.loads((REPO / "lesson.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    schema_errors = [e.message for e in validator.iter_errors(header)]
    code = main(["-C", str(project), "check"])
    out = capsys.readouterr()
    assert "Traceback" not in out.err and "unexpected" not in out.err
    assert (code == 0) is valid, out.out + out.err
    assert (not schema_errors) is valid, schema_errors
