"""A review that can be trusted, and names that belong to one story each."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_validate import check_ran, edit

ES = "lessons/spotting-secrets/index.es.md"
LESSON = "lessons/spotting-secrets/index.md"
REGISTER = """characters:
  staff-basics:
    - {name: Jay, role: a colleague, es: Jaime, ar: جاي}
  spotting-secrets:
    - {name: Mia, role: "girl, 9"}
"""


@pytest.fixture
def registered(project: Path) -> Path:
    (project / "data/characters.yml").write_text(REGISTER, encoding="utf-8")
    return project


@pytest.mark.parametrize(
    ("header", "finding"),
    [
        ("translation_reviewed: 2026-11-30\n", f"{ES}:2: review-unnamed"),
        ("reviewed_by: Ana\n", f"{ES}:2: review-undated"),
        (
            "translation_reviewed: 2026-11-30\nreviewed_by: Ana\n",
            f"{ES}:3: review-untranslated-by",
        ),
        (
            "translated_by: Ana López\ntranslation_reviewed: 2026-11-30\nreviewed_by: ana lópez\n",
            f"{ES}:4: review-by-translator `ana lópez` both translated and approved",
        ),
    ],
)
def test_a_translation_approval_names_someone_other_than_the_translator(
    project: Path, capsys, header: str, finding: str
) -> None:
    edit(project, ES, "---\n", "---\n" + header)
    out = check_ran(project, capsys, code=1)
    assert finding in out, out


def test_an_approval_by_someone_else_and_a_checklist_pass_are_accepted(
    project: Path, capsys
) -> None:
    header = (
        "translated_by: Ana López\ntranslation_checked: 2026-11-29\n"
        "translation_reviewed: 2026-11-30\nreviewed_by: Marta Ruiz\n"
    )
    edit(project, ES, "---\n", "---\n" + header)
    out = check_ran(project, capsys)
    assert "review-" not in out


def test_a_name_registered_to_another_lesson_is_refused(registered: Path, capsys) -> None:
    edit(registered, LESSON, "A surprise is fun.", "Jay says a surprise is fun.")
    out = check_ran(registered, capsys, code=1)
    assert f"{LESSON}:25: character-reused `Jay` is a character of `staff-basics`" in out


def test_a_registered_name_in_another_form_is_found_too(registered: Path, capsys) -> None:
    text = (registered / ES).read_text(encoding="utf-8")
    last = text.rstrip("\n").splitlines()[-1]
    edit(registered, ES, last, last + " Jaime")
    out = check_ran(registered, capsys, code=1)
    assert "character-reused `Jaime` is a character of `staff-basics`" in out


def test_the_register_refuses_a_name_given_to_two_lessons(registered: Path, capsys) -> None:
    path = registered / "data/characters.yml"
    path.write_text(
        path.read_text(encoding="utf-8") + "  untranslated-one:\n    - {name: Mia, role: x}\n",
        encoding="utf-8",
    )
    out = check_ran(registered, capsys, code=1)
    assert (
        "data/characters.yml:7: data-file" in out
        and "`Mia` already belongs to `spotting-secrets`" in out
    )


def test_the_shipped_register_holds_every_lesson_name_once() -> None:
    """The curriculum's own register reads without a finding and covers every lesson."""
    from conftest import REPO as REPO_ROOT

    from signpost.data import load_data
    from signpost.findings import Report
    from signpost.project import load_project

    project = load_project(REPO_ROOT)
    report = Report()
    data = load_data(project, report)
    assert not report.findings, [f.message for f in report.findings]
    lessons = {p.name for p in (REPO_ROOT / "lessons").iterdir() if p.is_dir()}
    assert {c.lesson for c in data.characters} <= lessons


def test_a_site_page_translation_has_status_like_a_lesson(project: Path, capsys) -> None:
    """Marked current, then the English page changes: the translation is stale, and the diff
    shows what changed."""
    from signpost.cli import main

    page, es = "docs/index.md", "docs/index.es.md"
    edit(project, es, "source_hash:", "old_hash:")
    out = check_ran(project, capsys, code=1)
    assert f"{es}:3: page-key" in out, "only Signpost's keys"
    edit(project, es, "old_hash:", "source_hash:")
    assert es not in check_ran(project, capsys), "the fixture's translation is current"
    edit(project, es, "source_hash: ", "source_hash_gone: ")
    text = (project / es).read_text(encoding="utf-8")
    (project / es).write_text(
        "\n".join(x for x in text.split("\n") if not x.startswith("source_hash_gone")),
        encoding="utf-8",
    )
    out = check_ran(project, capsys)
    assert f"{es}:1: translation-unmarked (warning)" in out
    assert main(["-C", str(project), "translations", "--mark-current", page, "es"]) == 0
    assert "source_hash:" in (project / es).read_text(encoding="utf-8")
    capsys.readouterr()
    assert es not in check_ran(project, capsys)
    edit(project, page, "# Fixture home", "# Fixture home\n\nA new paragraph for hosts.")
    out = check_ran(project, capsys)
    assert f"{es}:1: translation-stale (warning)" in out
    assert main(["-C", str(project), "translations", "--diff", page, "es"]) == 0
    assert "+A new paragraph for hosts." in capsys.readouterr().out
