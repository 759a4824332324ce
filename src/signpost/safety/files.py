"""Which contributed files may be published: no links, nothing outside the project, known types.

MkDocs copies whatever sits in a lesson folder or `docs/` onto the site's own origin,
following symbolic links. A `leak.txt -> /etc/passwd` would publish the build
machine's files, and an `.html` or `.svg` asset would run a contributor's script as
the site. So the content trees are walked without following links, and each
problem is a finding before anything is built.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..findings import Report
from ..project import Project
from . import state

ASSET_TYPES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf"})
MAX_TEXT_BYTES = 2_000_000
MAX_ASSET_BYTES = 10_000_000
THEME_ASSETS = "assets"
"""`docs/assets/` holds the site's own CSS and JavaScript: configuration, reviewed like code."""


def publishable(path: Path) -> bool:
    """Whether a lesson-folder file other than its Markdown may go on the site."""
    return not path.is_symlink() and path.is_file() and path.suffix.lower() in ASSET_TYPES


def inside(project: Project, path: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(project.root)


def check_trees(project: Project, report: Report) -> None:
    """Links, foreign types and oversized files in lessons/, docs/, data/ and the translation
    snapshots; and build state that git tracks, which no build may trust."""
    for name in state.tracked(project.root):
        report.add("tracked-state", name, 1)
    for top, role in (
        (project.lessons_path, "lessons"),
        (project.docs_path, "docs"),
        (project.data_path, "data"),
        (project.root / state.SOURCES, "sources"),
    ):
        if role == "sources" and top.parent.is_symlink():
            _link(project, top.parent, report)
            continue
        if top.is_symlink():
            _link(project, top, report)
            continue
        if not top.is_dir():
            continue
        for folder, dirs, names in os.walk(top, followlinks=False):
            here = Path(folder)
            for name in list(dirs):
                if (here / name).is_symlink():
                    _link(project, here / name, report)
                    dirs.remove(name)
            for name in names:
                _check_file(project, here / name, role, top, report)


SAFE_NAME_RE = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*\Z")


def _check_file(project: Project, path: Path, role: str, top: Path, report: Report) -> None:
    rel = path.relative_to(project.root).as_posix()
    if role != "data" and not all(SAFE_NAME_RE.match(p) for p in path.relative_to(top).parts):
        report.add("file-name", rel, 1, name=path.relative_to(top).as_posix())
    if path.is_symlink():
        _link(project, path, report)
        return
    size = path.stat().st_size
    suffix = path.suffix.lower()
    text = suffix in (".md", ".yml", ".yaml")
    limit = MAX_TEXT_BYTES if text else MAX_ASSET_BYTES
    if size > limit:
        report.add("file-size", rel, 1, size=size // 1000, limit=limit // 1000)
    if role in ("data", "sources") or text:
        return
    in_theme = role == "docs" and path.relative_to(top).parts[0] == THEME_ASSETS
    if not in_theme and suffix not in ASSET_TYPES:
        allowed = ", ".join(sorted(ASSET_TYPES))
        report.add("asset-type", rel, 1, suffix=suffix or "(none)", allowed=allowed)


def _link(project: Project, path: Path, report: Report) -> None:
    rel = path.relative_to(project.root).as_posix()
    target = os.readlink(path)
    report.add("symlink", rel, 1, target=target)
