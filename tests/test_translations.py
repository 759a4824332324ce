"""Translation status: hashes written by tooling, stale detection, JSON and table output."""

from __future__ import annotations

import json
from pathlib import Path

from signpost.cli import main


def translations(root: Path, capsys, *args: str) -> str:
    assert main(["-C", str(root), "translations", *args]) == 0
    return capsys.readouterr().out


def test_unmarked_translation_is_stale_and_missing_is_missing(project: Path, capsys) -> None:
    status = json.loads(translations(project, capsys, "--json"))
    assert status["spotting-secrets"] == {"es": "stale", "ar": "missing"}
    assert status["untranslated-one"] == {"es": "missing", "ar": "missing"}


def test_mark_current_then_edit_source_makes_only_that_lesson_stale(project: Path, capsys):
    translations(project, capsys, "--mark-current", "spotting-secrets", "es")
    es = (project / "lessons/spotting-secrets/index.es.md").read_text(encoding="utf-8")
    assert "source_hash: " in es
    assert json.loads(translations(project, capsys, "--json"))["spotting-secrets"]["es"] == (
        "complete"
    )
    source = project / "lessons/spotting-secrets/index.md"
    source.write_text(source.read_text().replace("It ends soon.", "It ends quickly."))
    status = json.loads(translations(project, capsys, "--json"))
    assert status["spotting-secrets"]["es"] == "stale"
    assert status["staff-basics"] == {"es": "missing", "ar": "missing"}
    diff = translations(project, capsys, "--mark-current", "spotting-secrets", "es")
    assert "-A surprise is fun. It ends soon." in diff
    assert "+A surprise is fun. It ends quickly." in diff


def test_editing_non_translatable_keys_does_not_stale(project: Path, capsys) -> None:
    translations(project, capsys, "--mark-current", "spotting-secrets", "es")
    source = project / "lessons/spotting-secrets/index.md"
    source.write_text(source.read_text().replace("reviewed: 2026-11-01", "reviewed: 2026-11-20"))
    assert json.loads(translations(project, capsys, "--json"))["spotting-secrets"]["es"] == (
        "complete"
    )


def test_table_counts_and_orphans(project: Path, capsys) -> None:
    folder = project / "lessons/gone"
    folder.mkdir()
    (folder / "index.es.md").write_text("---\ntitle: Huérfana\n---\n", encoding="utf-8")
    table = translations(project, capsys)
    es_row = next(line for line in table.splitlines() if line.startswith("es "))
    assert es_row.split()[:5] == ["es", "0", "1", "2", "1"]
    assert "orphaned: lessons/gone/index.es.md" in table


def test_status_reaches_check_as_warning(project: Path, capsys) -> None:
    main(["-C", str(project), "check"])
    out = capsys.readouterr().err
    assert "lessons/spotting-secrets/index.es.md:1: translation-stale (warning)" in out
