"""Translation status: hashes written by tooling, stale detection, JSON and table output."""

from __future__ import annotations

import json
import re
from pathlib import Path

from signpost.cli import main


def translations(root: Path, capsys, *args: str) -> str:
    assert main(["-C", str(root), "translations", *args]) == 0
    return capsys.readouterr().out


def test_unmarked_translation_has_its_own_status(project: Path, capsys) -> None:
    status = json.loads(translations(project, capsys, "--json"))
    assert status["spotting-secrets"] == {"es": "unmarked", "ar": "missing"}
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
    shown = translations(project, capsys, "--diff", "spotting-secrets", "es")
    assert "+A surprise is fun. It ends quickly." in shown
    assert json.loads(translations(project, capsys, "--json"))["spotting-secrets"]["es"] == (
        "stale"
    ), "--diff only shows; it marks nothing"
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
    assert es_row.split()[:7] == ["es", "0", "0", "0", "1", "2", "1"]
    assert "orphaned: lessons/gone/index.es.md" in table


def test_status_reaches_check_as_warning(project: Path, capsys) -> None:
    main(["-C", str(project), "check"])
    out = capsys.readouterr().err
    assert "lessons/spotting-secrets/index.es.md:1: translation-unmarked (warning)" in out
    assert "never marked" in out and "stale" not in out
    translations(project, capsys, "--mark-current", "spotting-secrets", "es")
    source = project / "lessons/spotting-secrets/index.md"
    source.write_text(source.read_text().replace("It ends soon.", "It ends quickly."))
    main(["-C", str(project), "check"])
    out = capsys.readouterr().err
    assert "lessons/spotting-secrets/index.es.md:9: translation-stale (warning)" in out
    assert "translations --diff spotting-secrets es" in out


def _review(project: Path, date: str) -> None:
    es = project / "lessons/spotting-secrets/index.es.md"
    text = es.read_text(encoding="utf-8")
    es.write_text(
        text.replace(
            "title: Reconocer",
            f"translated_by: Ana\ntranslation_reviewed: {date}\nreviewed_by: Marta\n"
            "translation_checked: 2026-11-29\ntitle: Reconocer",
        )
    )


def test_review_date_is_recorded_and_shown(project: Path, capsys) -> None:
    from signpost.build.build import build_site

    _review(project, "2026-11-30")
    translations(project, capsys, "--mark-current", "spotting-secrets", "es")
    table = translations(project, capsys)
    assert re.search(r"^es\s+1\s+1\s+0", table, re.M), table
    assert "complete+rev" in table
    assert build_site(project, handouts=False) == 0
    catalog = json.loads((project / "site/catalog.json").read_text(encoding="utf-8"))
    entry = next(i for i in catalog["lessons"] if i["id"] == "spotting-secrets")
    assert entry["translations"]["es"]["reviewed"] == "2026-11-30"
    assert entry["translations"]["es"]["checked"] == "2026-11-29"
    assert entry["translations"]["ar"]["reviewed"] is None
    assert entry["translations"]["en"]["reviewed"] == "2026-11-01"
    page = (project / "site/en/translation-status/index.html").read_text(encoding="utf-8")
    assert (
        "complete · checked against the checklist 2026-11-29 · "
        "approved by a fluent speaker 2026-11-30" in page
    )


def test_review_date_must_be_a_date(project: Path, capsys) -> None:
    _review(project, "last week")
    assert main(["-C", str(project), "check"]) == 1
    assert "index.es.md:3: wrong-type `translation_reviewed` must be a date" in (
        capsys.readouterr().err
    )
