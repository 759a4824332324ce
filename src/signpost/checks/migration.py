"""What a project made before 0.4 must change, each at its line, so an upgrade drops nothing
quietly.

Until 0.4 a project held the engine's theme (`overrides/`, `docs/assets/`) and interface
strings (`data/strings/`) as its own files, and named its editions' countries
`hotline_locales:`. Today's engine still builds such a project: the old setting is read,
the project's files still win over the packaged ones, and strings the project's files lack
come from the engine. What it says is what would otherwise go unnoticed: a file that is an
unchanged copy of a former engine file hides the engine's newer one (the quick exit among
them), and wording the project never wrote now comes from the engine.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from pathlib import Path

import yaml

from ..data import Data
from ..findings import Report
from ..project import CONFIG_NAME, Project

FORMER_FILES = Path(__file__).resolve().parent / "data" / "former-engine-files.json"
"""SHA-256 of every version of each file the engine kept in a project before 0.4, by its
name in the engine's theme (`assets/quick-exit.js`, `main.html`), from the git history."""
RENAMED = {"hotline_locales": "countries"}
"""Settings of signpost.yml under a former name: still read, reported with the new one."""


@cache
def former_files() -> dict[str, frozenset[str]]:
    raw = json.loads(FORMER_FILES.read_text(encoding="utf-8"))
    return {name: frozenset(hashes) for name, hashes in raw.items()}


def check_migration(project: Project, data: Data, report: Report) -> None:
    _renamed_settings(project, report)
    _former_engine_copies(project, report)
    for lang, keys in data.strings_from_engine.items():
        report.add(
            "strings-from-engine",
            f"{project.data_dir}/strings/{lang}.yml",
            1,
            lang=lang,
            key="`, `".join(keys),
        )


def _renamed_settings(project: Project, report: Report) -> None:
    try:
        text = (project.root / CONFIG_NAME).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return  # load_project has read it already; this only places the finding
    for number, line in enumerate(text.splitlines(), start=1):
        for old, new in RENAMED.items():
            if re.search(rf"(^|[\s{{,]){old}\s*:", line.split("#", 1)[0]):
                report.add("setting-renamed", CONFIG_NAME, number, old=old, new=new)


def _custom_dir(project: Project) -> str:
    """The folder mkdocs.yml names as `custom_dir`, else `overrides` (the name until 0.4)."""
    try:
        raw = yaml.safe_load((project.root / "mkdocs.yml").read_text(encoding="utf-8"))
        named = raw["theme"]["custom_dir"]
    except (OSError, UnicodeDecodeError, yaml.YAMLError, KeyError, TypeError):
        return "overrides"
    return named if isinstance(named, str) else "overrides"


def _former_engine_copies(project: Project, report: Report) -> None:
    """Each project file that is, byte for byte, a former version of an engine file."""
    known = former_files()
    places = ((project.docs_dir + "/assets", "assets/"), (_custom_dir(project), ""))
    for folder, prefix in places:
        base = project.root / folder
        if not base.is_dir() or not base.resolve().is_relative_to(project.root.resolve()):
            continue
        for path in sorted(base.rglob("*")):
            if path.is_symlink() or not path.is_file():
                continue
            name = prefix + path.relative_to(base).as_posix()
            if hashlib.sha256(path.read_bytes()).hexdigest() in known.get(name, ()):
                rel = path.relative_to(project.root).as_posix()
                report.add("former-engine-copy", rel, 1, name=name, file=rel)
