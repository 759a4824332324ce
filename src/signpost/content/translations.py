"""Translation status: which translations are complete, stale, missing or orphaned.

A translation stores `source_hash`, a hash of the source's translatable content
at the time it was brought up to date. Tooling writes it; when the source
changes, the hashes differ and the translation is stale until someone updates it
and runs `signpost translations --mark-current`.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..project import Project
from ..safety.state import SOURCES
from .lessons import LessonFile
from .schema import TRANSLATABLE

COMPLETE, STALE, MISSING, UNMARKED = "complete", "stale", "missing", "unmarked"
REVIEWED = "reviewed"
HASH_LENGTH = 16


def source_text(f: LessonFile) -> str:
    """The translatable content of a source file as stable text: header keys, then body."""
    # Questions count only when written, so adding the key did not make every translation stale.
    parts = {key: f.meta.get(key) for key in TRANSLATABLE if key in f.meta or key != "questions"}
    header = yaml.safe_dump(parts, allow_unicode=True, sort_keys=True, width=1_000_000)
    return header + "\n" + f.body.strip() + "\n"


def source_hash(f: LessonFile) -> str:
    """Worked out once per loaded file; it travels with the file to each language's build."""
    found = f.__dict__.get("_source_hash")
    if found is None:
        found = hashlib.sha256(source_text(f).encode("utf-8")).hexdigest()[:HASH_LENGTH]
        f.__dict__["_source_hash"] = found
    return found


@dataclass(frozen=True)
class Status:
    lessons: dict[str, dict[str, str]]
    orphans: list[str]
    reviewed: dict[tuple[str, str], str] = field(default_factory=dict)
    """(lesson, language) -> the date a named fluent speaker, not the translator, approved it."""
    checked: dict[tuple[str, str], str] = field(default_factory=dict)
    """(lesson, language) -> the date someone else checked it against the checklist."""

    def review(self, lesson_id: str, lang: str) -> str | None:
        return self.reviewed.get((lesson_id, lang))

    def check(self, lesson_id: str, lang: str) -> str | None:
        return self.checked.get((lesson_id, lang))

    def summary(self, codes: list[str]) -> dict[str, dict[str, int]]:
        counts = {}
        for lang in codes:
            states = [langs[lang] for langs in self.lessons.values()]
            counts[lang] = {
                COMPLETE: states.count(COMPLETE),
                STALE: states.count(STALE),
                UNMARKED: states.count(UNMARKED),
                MISSING: states.count(MISSING),
                "orphaned": sum(1 for o in self.orphans if _orphan_lang(o) == lang),
                REVIEWED: sum(
                    1
                    for lesson, langs in self.lessons.items()
                    if langs[lang] == COMPLETE and self.review(lesson, lang)
                ),
            }
        return counts


def _orphan_lang(rel: str) -> str:
    match = re.search(r"index\.([^.]+)\.md$", rel)
    return match.group(1) if match else ""


def status(project: Project, files: list[LessonFile]) -> Status:
    """Status per lesson and language; the default language is always complete."""
    default = project.default_language.code
    by_id: dict[str, dict[str, LessonFile]] = {}
    for f in files:
        by_id.setdefault(f.lesson_id, {})[f.lang] = f
    lessons: dict[str, dict[str, str]] = {}
    reviewed: dict[tuple[str, str], str] = {}
    checked: dict[tuple[str, str], str] = {}
    orphans = []
    for lesson_id, variants in sorted(by_id.items()):
        source = variants.get(default)
        if source is None:
            orphans.extend(f.rel for f in variants.values())
            continue
        current = source_hash(source) if source.readable else None
        row = {}
        for lang in project.codes:
            if lang == default:
                row[lang] = COMPLETE
            elif lang not in variants:
                row[lang] = MISSING
            elif not variants[lang].meta.get("source_hash"):
                row[lang] = UNMARKED  # never marked: nobody has said it matches a source yet
            elif variants[lang].meta.get("source_hash") == current and current:
                row[lang] = COMPLETE
            else:
                row[lang] = STALE
            meta = variants[lang].meta if lang in variants and lang != default else {}
            date, reviewer = meta.get("translation_reviewed"), meta.get("reviewed_by")
            named = isinstance(reviewer, str) and reviewer.strip()
            translator = str(meta.get("translated_by", "")).strip().casefold()
            if isinstance(date, str) and named and reviewer.strip().casefold() != translator:
                reviewed[(lesson_id, lang)] = date
            if isinstance(meta.get("translation_checked"), str):
                checked[(lesson_id, lang)] = meta["translation_checked"]
        lessons[lesson_id] = row
    return Status(lessons, orphans, reviewed, checked)


def format_table(project: Project, result: Status) -> str:
    codes = [c for c in project.codes if c != project.default_language.code]
    lines = ["language  complete  reviewed  stale  unmarked  missing  orphaned  % complete"]
    total = len(result.lessons) or 1
    for lang, c in result.summary(codes).items():
        pct = 100 * c[COMPLETE] / total
        lines.append(
            f"{lang:<9} {c[COMPLETE]:>8} {c[REVIEWED]:>9} {c[STALE]:>6} {c[UNMARKED]:>9}"
            f" {c[MISSING]:>8} {c['orphaned']:>9}  {pct:>9.0f}%"
        )
    lines.append("")
    width = max((len(i) for i in result.lessons), default=6)
    lines.append(f"{'lesson':<{width}}  " + "".join(f"{c:<12}" for c in codes))
    for lesson_id, row in result.lessons.items():
        cells = [
            f"{row[c] + ('+rev' if row[c] == COMPLETE and result.review(lesson_id, c) else ''):<12}"
            for c in codes
        ]
        lines.append(f"{lesson_id:<{width}}  " + "".join(cells))
    for rel in result.orphans:
        lines.append(f"orphaned: {rel}")
    return "\n".join(lines)


def as_json(result: Status, project: Project) -> str:
    default = project.default_language.code
    data = {
        lesson: {lang: state for lang, state in row.items() if lang != default}
        for lesson, row in result.lessons.items()
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def snapshot_path(project: Project, lesson_id: str, digest: str) -> Path:
    return project.root / SOURCES / lesson_id / f"{digest}.txt"


def _unlinked(project: Project, path: Path) -> bool:
    """Whether no folder between the project and `path` is a symbolic link: a committed
    link would make `--mark-current` read or write a file elsewhere on the machine."""
    here = project.root
    for part in path.parent.relative_to(project.root).parts:
        here = here / part
        if here.is_symlink():
            return False
    return True


def _read_snapshot(project: Project, path: Path) -> str | None:
    if not _unlinked(project, path):
        return None
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    with os.fdopen(fd, encoding="utf-8") as snapshot:
        return snapshot.read()


def _write_snapshot(project: Project, path: Path, text: str) -> None:
    if not _unlinked(project, path):
        raise OSError(f"{path.relative_to(project.root)}: a folder on the way is a link")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as snapshot:
        snapshot.write(text)


def source_diff(project: Project, source: LessonFile, translation: LessonFile) -> str:
    """What changed in the source since the translation was last marked current."""
    old_hash = translation.meta.get("source_hash")
    if not (isinstance(old_hash, str) and re.fullmatch(r"[0-9a-f]{16}", old_hash)):
        old_hash = None
    old_text = (
        _read_snapshot(project, snapshot_path(project, source.lesson_id, old_hash))
        if old_hash
        else None
    )
    return diff_texts(old_text, source_text(source), source.rel, old_hash, source_hash(source))


def diff_texts(
    old_text: str | None, new_text: str, name: str, old_hash: str | None, new_hash: str
) -> str:
    """The source's changes since the version a translation was marked against."""
    if old_hash is None:
        return "(this translation has never been marked current; translate the whole text)\n"
    if old_hash == new_hash:
        return "(the source has not changed since this translation was marked current)\n"
    if old_text is None:
        return f"(no snapshot of source version {old_hash}; cannot show the changes)\n"
    return "".join(
        difflib.unified_diff(
            old_text.splitlines(keepends=True),
            new_text.splitlines(keepends=True),
            fromfile=f"{name} @ {old_hash}",
            tofile=f"{name} @ {new_hash}",
        )
    )


def mark_current(project: Project, source: LessonFile, translation: LessonFile) -> str:
    """Record that `translation` matches the current source; return the source diff since.

    The previous source text is kept in `.signpost/sources/` (committed with the
    project, as content) so the next update can show exactly what changed. It is read
    and written as a plain file inside the project, never through a link.
    """
    diff = source_diff(project, source, translation)
    new_hash = source_hash(source)
    current_text = source_text(source)
    new_path = snapshot_path(project, source.lesson_id, new_hash)
    _write_snapshot(project, new_path, current_text)
    _write_hash(translation.path, new_hash)
    return diff


def _write_hash(path: Path, digest: str) -> None:
    """Set `source_hash:` in the header, leaving every other line as the translator wrote it."""
    text = path.read_text(encoding="utf-8")
    header_end = text.index("\n---", 3)
    header, rest = text[:header_end], text[header_end:]
    line = f"source_hash: {digest}"
    if re.search(r"^source_hash:.*$", header, re.M):
        header = re.sub(r"^source_hash:.*$", line, header, count=1, flags=re.M)
    else:
        header = header.rstrip("\n") + "\n" + line
    path.write_text(header + rest, encoding="utf-8")
