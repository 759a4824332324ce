"""The preview's quick rebuild: after a lesson edit it renders only the pages that
changed, and what it leaves behind is exactly what a full build would make."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from test_validate import edit

from signpost.build.build import build_languages
from signpost.checks.pipeline import check_project
from signpost.preview.incremental import MANIFEST
from signpost.preview.preview import Preview
from signpost.project import load_project

SPANISH = "lessons/spotting-secrets/index.es.md"
ENGLISH = "lessons/spotting-secrets/index.md"
UNTOUCHED = "lessons/staff-basics/plan/index.html"
"""A page no edit below touches: a quick rebuild leaves its file alone."""


@pytest.fixture
def preview(project: Path) -> tuple[Preview, list[str]]:
    logged: list[str] = []
    shown = Preview(load_project(project), logged.append)
    assert shown.site.is_dir(), "the preview folder is made outside the project"
    assert not shown.site.is_relative_to(project)
    assert shown.rebuild(shown.project.codes)
    return shown, logged


def _save(preview: Preview, rel: str, old: str, new: str) -> bool:
    edit(preview.project.root, rel, old, new)
    path = preview.project.root / rel
    return preview.rebuild(preview.affected({path}), {path}, gone_or_new=False)


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MANIFEST
    }


def _assert_same_as_full_build(preview: Preview, codes: list[str], tmp_path: Path) -> None:
    """Every file of each language, the search index included, as a full build makes it."""
    checked = check_project(preview.project)
    folders = {code: tmp_path / "full" / code for code in codes}
    results = build_languages(checked, folders, False, preview={c: "full" for c in codes})
    assert [r.returncode for r in results] == [0] * len(codes), [r.output for r in results]
    for code in codes:
        quick, full = _files(preview.site / code), _files(folders[code])
        assert quick.keys() == full.keys(), code
        differ = [name for name in full if quick[name] != full[name]]
        assert differ == [], f"{code}: the quick rebuild left these unlike a full build"


def test_a_translation_edit_renders_only_its_pages_and_matches_a_full_build(
    preview: tuple[Preview, list[str]], tmp_path: Path
) -> None:
    shown, logged = preview
    untouched = (shown.site / "es" / UNTOUCHED).stat().st_mtime_ns
    assert _save(shown, SPANISH, "Una sorpresa es buena.", "Una sorpresa es alegre.")
    assert logged[-1].startswith("signpost: rebuilt es in ")
    # The lesson's two pages: its title, summary and status are as they were.
    counted = re.search(r", rendering only the (\d+) of (\d+) pages the edit changed$", logged[-1])
    assert counted, logged[-1]
    assert int(counted.group(1)) == 2 < int(counted.group(2)), logged[-1]
    page = (shown.site / "es" / "lessons/spotting-secrets/index.html").read_text("utf-8")
    assert "Una sorpresa es alegre." in page
    assert (shown.site / "es" / UNTOUCHED).stat().st_mtime_ns == untouched, "rendered again"
    index = json.loads((shown.site / "es/search/search_index.json").read_text("utf-8"))
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "lessons/staff-basics/plan/" in pages, "the pages left alone are still searchable"
    _assert_same_as_full_build(shown, ["es"], tmp_path)


def test_a_source_edit_reaches_every_language_and_matches_a_full_build(
    preview: tuple[Preview, list[str]], tmp_path: Path
) -> None:
    shown, logged = preview
    assert _save(shown, ENGLISH, "## ", "## Before we start\n\nTake a breath.\n\n## ")
    assert "pages the edit changed" in logged[-1]
    codes = shown.project.codes
    assert logged[-1].startswith(f"signpost: rebuilt {', '.join(codes)} in ")
    _assert_same_as_full_build(shown, codes, tmp_path)


def test_a_site_page_edit_is_quick_unless_its_title_changes(
    preview: tuple[Preview, list[str]], tmp_path: Path
) -> None:
    shown, logged = preview
    page = "docs/get-help.md"
    assert _save(shown, page, "[[hotlines]]", "Talk to someone you trust.\n\n[[hotlines]]")
    assert "pages the edit changed" in logged[-1], logged[-1]
    assert "Talk to someone you trust." in (shown.site / "en/get-help/index.html").read_text()
    _assert_same_as_full_build(shown, shown.project.codes, tmp_path / "body")
    # Its title is in the navigation of every page: only a full build shows it everywhere.
    assert _save(shown, page, "title: Get help", "title: Help now")
    assert any("building it in full" in line for line in logged[-4:])
    assert "pages the edit changed" not in logged[-1]
    _assert_same_as_full_build(shown, shown.project.codes, tmp_path / "title")


def test_a_broken_edit_is_not_hidden_by_a_later_quick_one(
    preview: tuple[Preview, list[str]],
) -> None:
    shown, logged = preview
    assert not _save(shown, ENGLISH, "audience: youth", "audience: yuoth")
    assert any("unknown-audience" in p for p in shown.problems)
    # Another lesson's edit must not build from the broken lesson's last good copy.
    assert not _save(shown, "lessons/staff-basics/index.md", "## ", "## Note\n\nOne.\n\n## ")
    assert any("unknown-audience" in p for p in shown.problems)
    assert _save(shown, ENGLISH, "audience: yuoth", "audience: youth")
    assert shown.problems == []
    plan = (shown.site / "en/lessons/staff-basics/plan/index.html").read_text("utf-8")
    assert "Note" in plan, "the edit made while another lesson was broken is in the site"


def test_a_new_or_removed_lesson_or_a_changed_navigation_title_gets_a_full_build(
    preview: tuple[Preview, list[str]], tmp_path: Path
) -> None:
    shown, logged = preview
    lessons = shown.project.lessons_path
    copy = lessons / "staff-basics-copy"
    shutil.copytree(lessons / "staff-basics", copy)
    assert shown.rebuild(shown.affected({copy / "index.md"}), {copy / "index.md"}, True)
    assert "only the pages" not in logged[-1], "a new lesson can change any page"
    assert (shown.site / "en/lessons/staff-basics-copy/index.html").is_file()
    shutil.rmtree(copy)
    assert shown.rebuild(shown.affected({copy / "index.md"}), {copy / "index.md"}, True)
    assert not (shown.site / "en/lessons/staff-basics-copy").exists(), "no page outlives its lesson"
    # A title the navigation shows on every page, changed by a rebuild that renders only
    # some of them: the quick rebuild gives up and the language is built in full.
    record = shown.site / "es" / MANIFEST
    data = json.loads(record.read_text("utf-8"))
    data["titles"]["catalogue.md"] = "An older title"
    record.write_text(json.dumps(data), encoding="utf-8")
    assert _save(shown, SPANISH, "Reconocer secretos inseguros", "Ver secretos inseguros")
    assert any("building it in full" in line for line in logged[-2:])
    assert "only the pages" not in logged[-1]
    _assert_same_as_full_build(shown, ["es"], tmp_path)


def test_a_focused_check_with_a_passed_check_before_it_gives_the_whole_model(
    project: Path,
) -> None:
    before = check_project(project)
    edit(project, SPANISH, "Reconocer secretos inseguros", "Ver secretos inseguros")
    focus = ("lessons/spotting-secrets",)
    assert check_project(project, focus=focus).lessons == [], "nothing vouches for the rest"
    after = check_project(project, focus=focus, previous=before)
    assert [le.id for le in after.lessons] == [le.id for le in before.lessons]
    lesson = next(le for le in after.lessons if le.id == "spotting-secrets")
    assert lesson.texts["es"].title == "Ver secretos inseguros"
    edit(project, SPANISH, "Ver secretos", "Ver secretos\nbroken: [")
    broken = check_project(project, focus=focus, previous=before)
    assert broken.report.errors and broken.lessons == []


def test_an_edited_signpost_yml_is_read_again_and_a_broken_one_is_shown(
    preview: tuple[Preview, list[str]],
) -> None:
    shown, logged = preview
    config = shown.project.root / "signpost.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + "exit_url: https://www.example.org/\n", encoding="utf-8")
    assert shown.rebuild(shown.affected({config}), {config}, gone_or_new=False)
    page = (shown.site / "es" / "lessons/spotting-secrets/index.html").read_text("utf-8")
    assert 'href="https://www.example.org/"' in page, "the new exit address reached the page"
    config.write_text(text + "exit_url: javascript:alert(1)\n", encoding="utf-8")
    assert not shown.rebuild(shown.affected({config}), {config}, gone_or_new=False)
    assert any("exit_url must be a full http(s) address" in p for p in shown.problems)
    # A lesson saved while signpost.yml is still broken must not build with the old settings.
    assert not _save(shown, SPANISH, "Una sorpresa es buena.", "Una sorpresa es alegre.")
    config.write_text(text, encoding="utf-8")
    assert shown.rebuild(shown.affected({config}), {config}, gone_or_new=False)
    assert shown.problems == []
    page = (shown.site / "es" / "lessons/spotting-secrets/index.html").read_text("utf-8")
    assert "https://www.example.org/" not in page and "Una sorpresa es alegre." in page
