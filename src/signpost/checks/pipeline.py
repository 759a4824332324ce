"""The one path every entry point takes: load, then validate, then assemble the model.

The CLI, the MkDocs adapter and the tests all call `check_project`, so a problem
reads the same wherever it is found.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import stat
from dataclasses import dataclass
from pathlib import Path

from ..content.lessons import Lesson, LessonFile, assemble, load
from ..data import Data, load_data
from ..data.strings import check_strings
from ..findings import Report
from ..project import Project, load_project
from ..safety.files import check_trees
from . import readability
from .help_checks import run_help_checks
from .migration import check_migration
from .quality import run_quality
from .validate import build_context, run_checks, within


@dataclass
class Checked:
    project: Project
    data: Data
    files: list[LessonFile]
    report: Report
    lessons: list[Lesson]

    def ok(self, strict: bool = False) -> bool:
        return not self.report.failed(strict)


def save_checked(checked: Checked, path: Path) -> None:
    """Write the check for the language builds, so a build checks once, not once per language."""
    with path.open("wb") as out:
        pickle.dump((checked, readability.MEASURES), out, protocol=pickle.HIGHEST_PROTOCOL)


def handed_down(path: Path | None, root: Path | str) -> Checked | None:
    """The check `signpost build` or `signpost serve` made for this project and named in
    its hand-off (`build.handoff`), if it made one.

    Only a file the build wrote in this run is used: one in a folder private to this
    user (`tempfile.mkdtemp`), outside the project, holding a check of this very project.
    Anything else means a plain `mkdocs build`, which checks for itself.
    """
    if path is None:
        return None
    root = Path(root).resolve()
    if not private_file(path) or Path(os.path.realpath(path)).is_relative_to(root):
        return None
    with path.open("rb") as source:
        checked, grades = pickle.load(source)
    if not isinstance(checked, Checked) or Path(checked.project.root).resolve() != root:
        return None
    readability.MEASURES.update(grades)  # the lesson pages show each lesson's grade
    return checked


def private_file(path: Path) -> bool:
    """A plain file and its folder, both this user's and writable by nobody else."""
    try:
        folder, own = os.lstat(path.parent), os.lstat(path)
    except OSError:
        return False
    uid = os.getuid()
    return (
        stat.S_ISDIR(folder.st_mode)
        and stat.S_ISREG(own.st_mode)
        and folder.st_uid == own.st_uid == uid
        and not (folder.st_mode | own.st_mode) & (stat.S_IWGRP | stat.S_IWOTH)
    )


def check_project(
    root: Path | str | Project,
    today: dt.date | None = None,
    quality: bool = True,
    focus: tuple[str, ...] = (),
    previous: Checked | None = None,
) -> Checked:
    """Validate everything under `root`; `lessons` is filled only when there are no errors.

    With `focus` (project-relative paths), only those files are checked, against the
    whole project: links to other lessons still resolve, and data files still count.
    The model is then left empty, as the other lessons went unchecked, unless `previous`
    vouches for them: a check of this project that passed, made before only files in
    `focus` changed. The files outside `focus` are then taken from it rather than read
    again, and the whole model is assembled. That is the preview's check after an edit.
    """
    project = root if isinstance(root, Project) else load_project(root)
    report = Report(overrides=dict(project.severities))
    check_trees(project, report)
    data = load_data(project, report)
    vouched = previous if focus and previous and not previous.report.errors else None
    known = {f.path: f for f in vouched.files if not within(f.rel, focus)} if vouched else {}
    files = load(project, report, known)
    ctx = build_context(project, data, files, today)
    ctx.focus = focus
    run_checks(ctx, report)
    run_help_checks(ctx, report)
    check_migration(project, data, report)
    if quality:
        readability.recall(project.root)
        run_quality(ctx, report)
        readability.remember(project.root, everything=not focus)
        check_strings(project, data, report)
    if focus:
        keep = (project.data_dir, "signpost.yml")
        report.findings = [
            f for f in report.findings if ctx.in_focus(f.path) or f.path.startswith(keep)
        ]
        if not vouched:
            return Checked(project, data, files, report, [])
    lessons = [] if report.errors else assemble(project, files)
    return Checked(project, data, files, report, lessons)
