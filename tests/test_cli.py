"""`signpost new` writes a lesson that passes `signpost check`; the schema stays current."""

from __future__ import annotations

import json
from pathlib import Path

from signpost.cli import main

REPO = Path(__file__).resolve().parent.parent


def test_new_lesson_passes_check(project: Path, capsys) -> None:
    for audience in ("youth", "teachers", "community"):
        assert main(["-C", str(project), "new", f"new-{audience}", "--audience", audience]) == 0
    capsys.readouterr()
    assert main(["-C", str(project), "check"]) == 0, capsys.readouterr().err


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
