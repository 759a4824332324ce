"""The one path every entry point takes: load, then validate, then assemble the model.

The CLI, the MkDocs adapter and the tests all call `check_project`, so a problem
reads the same wherever it is found.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .data import Data, load_data
from .files import check_trees
from .findings import Report
from .lessons import Lesson, LessonFile, assemble, load
from .project import Project, load_project
from .quality import run_quality
from .strings import check_strings
from .validate import build_context, run_checks


@dataclass
class Checked:
    project: Project
    data: Data
    files: list[LessonFile]
    report: Report
    lessons: list[Lesson]

    def ok(self, strict: bool = False) -> bool:
        return not self.report.failed(strict)


def check_project(
    root: Path | str | Project,
    today: dt.date | None = None,
    quality: bool = True,
    focus: tuple[str, ...] = (),
) -> Checked:
    """Validate everything under `root`; `lessons` is filled only when there are no errors.

    With `focus` (project-relative paths), only those files are checked, against the
    whole project: links to other lessons still resolve, and data files still count.
    """
    project = root if isinstance(root, Project) else load_project(root)
    report = Report(overrides=dict(project.severities))
    check_trees(project, report)
    data = load_data(project, report)
    files = load(project, report)
    ctx = build_context(project, data, files, today)
    ctx.focus = focus
    run_checks(ctx, report)
    if quality:
        run_quality(ctx, report)
        check_strings(project, data, report)
    if focus:  # other lessons went unchecked, so none is assembled into the model
        keep = (project.data_dir, "signpost.yml")
        report.findings = [
            f for f in report.findings if ctx.in_focus(f.path) or f.path.startswith(keep)
        ]
        return Checked(project, data, files, report, [])
    lessons = [] if report.errors else assemble(project, files)
    return Checked(project, data, files, report, lessons)
