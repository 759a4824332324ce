"""A warm rebuild's shortcut: when no input of any PDF changed, reuse the last build's keys.

A PDF's cache key hashes its finished HTML, and building that HTML (Markdown, templates,
help boxes for every lesson, language and paper) is most of a warm rebuild's cost. Every
input of that HTML is a file of the project's content or of Signpost itself, plus today's
date (a pack's cover) and the WeasyPrint version. When the fingerprint of all of them
matches the last build's, so does every key, and the PDFs are copied from the cache.
Any change at all, even one that would alter no PDF, takes the full path.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import re
from pathlib import Path

from .. import clock
from ..project import Project

PACKAGE = Path(__file__).resolve().parent.parent
PREFIX = "manifest-"
_KEY = re.compile(r"[0-9a-f]{64}")
_TARGET = re.compile(r"handouts/(?:[a-z0-9-]+/)?[a-z0-9][a-z0-9-]*\.pdf")


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def fingerprint(project: Project, languages: list[str]) -> str:
    """A hash of everything a build's PDFs are made from."""
    digest = hashlib.sha256()
    for part in (
        clock.today().isoformat(),
        importlib.metadata.version("weasyprint"),
        " ".join(languages),
    ):
        digest.update(part.encode() + b"\0")
    inputs = [project.root / "signpost.yml"]
    inputs += _files(project.lessons_path) + _files(project.data_path) + _files(PACKAGE)
    for path in inputs:
        name = path.relative_to(PACKAGE if path.is_relative_to(PACKAGE) else project.root)
        digest.update(name.as_posix().encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"-")
        digest.update(b"\0")
    return digest.hexdigest()


def recall(cache_dir: Path, print_: str) -> list[tuple[str, str, str]] | None:
    """The last build's (language, target, key) list if it had this fingerprint and every
    PDF it names is still in the cache; otherwise None."""
    path = cache_dir / f"{PREFIX}{print_}.json"
    try:
        entries = [tuple(e) for e in json.loads(path.read_text(encoding="utf-8"))]
    except (OSError, ValueError, TypeError):
        return None
    if not all(_sound(e) and (cache_dir / f"{e[2]}.pdf").is_file() for e in entries):
        return None
    return entries  # type: ignore[return-value]


def _sound(entry: tuple) -> bool:
    """An entry this module could have written: a language code, a PDF under `handouts/`,
    a content key. Anything else (`../`, an absolute path) means the file was not ours."""
    if len(entry) != 3 or not all(isinstance(part, str) for part in entry):
        return False
    lang, target, key = entry
    return bool(re.fullmatch(r"[a-z]{2,3}(?:-[A-Za-z0-9]+)?", lang)) and bool(
        _TARGET.fullmatch(target) and _KEY.fullmatch(key)
    )


def remember(cache_dir: Path, print_: str, entries: list[tuple[str, str, str]]) -> None:
    """Keep this build's list as the only one: an older fingerprint never matches again."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    for old in cache_dir.glob(f"{PREFIX}*.json"):
        old.unlink(missing_ok=True)
    tmp = cache_dir / f".{PREFIX}{print_}.tmp"
    tmp.write_text(json.dumps(entries), encoding="utf-8")
    tmp.replace(cache_dir / f"{PREFIX}{print_}.json")
