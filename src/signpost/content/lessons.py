"""The lesson model and the loader that reads `lessons/<id>/index[.<lang>].md` into it.

Loading is forgiving: it records what it could not read as findings and keeps
going, so one `signpost check` reports every broken file at once. `assemble`
then builds the model from files that validation has passed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..evaluation.questions import Question, parse
from ..findings import Report
from ..project import Project
from ..safety import safe_yaml
from ..safety.files import MAX_TEXT_BYTES, publishable
from .blocks import Block, BlockScan, scan_blocks
from .cards import CardSet, card_sets
from .schema import TRANSLATABLE, parse_ages

# `\Z`, unlike `$`, lets no trailing newline through (a folder may be named "id\n").
LESSON_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
FILE_RE = re.compile(r"^index(?:\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)?))?\.md$")


@dataclass
class LessonFile:
    """One Markdown file as read from disk, before anything is trusted."""

    path: Path
    rel: str
    lesson_id: str
    lang: str
    meta: dict[str, Any] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)
    item_lines: dict[str, list[int]] = field(default_factory=dict)
    paths: dict[tuple[str | int, ...], int] = field(default_factory=dict)
    """The line of every key and list item inside the header, by its path such as
    `("questions", 0, "answer")`: nested values (a question's answer) get their own line."""
    scalars: list[tuple[int, str]] = field(default_factory=list)
    """Every decoded header value and key with its line: a YAML escape is only six letters
    in `text`, so checks for hidden and control characters read these."""
    body: str = ""
    body_line: int = 1
    scan: BlockScan = field(default_factory=BlockScan)
    readable: bool = False
    text: str = ""
    """The whole file as decoded (empty when it is not UTF-8), for checks that scan it all."""

    def line_of(self, key: str, index: int | None = None) -> int:
        if index is not None and index < len(self.item_lines.get(key, [])):
            return self.item_lines[key][index]
        return self.key_lines.get(key, 1)

    def line_at(self, *path: str | int) -> int:
        """The line of the deepest part of `path` the header has (a missing key: its parent)."""
        while path:
            if path in self.paths:
                return self.paths[path]
            path = path[:-1]
        return 1


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Activity:
    title: str
    minutes: int
    optional: bool = False
    """Marked `optional: true`: a shorter session may drop it (the core version does)."""


@dataclass
class LessonText:
    """The translatable part of a lesson in one language, as the author wrote it."""

    lang: str
    rel: str
    title: str
    summary: str
    objectives: list[str]
    warning_signs: list[str]
    content_note: str | None
    body: str
    body_line: int
    scan: BlockScan
    source_hash: str | None = None
    questions: tuple[Question, ...] = ()
    questions_lang: str = ""
    """The language the questions are written in: a translation without its own shows
    the source's."""

    @property
    def activities(self) -> list[Activity]:
        return activities_in(self.scan)

    @property
    def core_minutes(self) -> int:
        """The running time without the optional activities."""
        return sum(a.minutes for a in self.activities if not a.optional)

    @property
    def card_sets(self) -> list[CardSet]:
        """The activities' cut-out cards, in lesson order."""
        return card_sets(self.body, self.body_line, self.scan)


@dataclass
class Lesson:
    id: str
    audience: str
    ages: tuple[int, int] | None
    duration: int
    topics: list[str]
    reviewed: dt.date | None
    sources: list[Source]
    folder: Path
    texts: dict[str, LessonText]
    assets: list[str]
    duration_core: int = 0
    """Minutes of the core version: the source's activities that are not optional. A
    translation marks the same ones (`check` makes sure), so this holds in every language."""

    def translatable(self, lang: str) -> dict[str, Any]:
        """What a translator translates: used for source hashes and diffs."""
        text = self.texts[lang]
        return {
            "title": text.title,
            "summary": text.summary,
            "objectives": text.objectives,
            "warning_signs": text.warning_signs,
            "content_note": text.content_note,
            "body": text.body,
        }


def discover(project: Project) -> list[Path]:
    """Every candidate lesson file, sorted, including misnamed ones for validation."""
    root = project.lessons_path
    if not root.is_dir():
        return []
    return sorted(
        path
        for folder in root.iterdir()
        if folder.is_dir() and not folder.is_symlink()
        for path in folder.glob("*.md")
        if path.is_file() and not path.is_symlink()
    )


def read_file(project: Project, path: Path, report: Report) -> LessonFile | None:
    rel = path.relative_to(project.root).as_posix()
    match = FILE_RE.match(path.name)
    if not match:
        return None
    lang = match.group(1) or project.default_language.code
    loaded = LessonFile(path=path, rel=rel, lesson_id=path.parent.name, lang=lang)
    if path.stat().st_size > MAX_TEXT_BYTES:
        return loaded  # reported by files.check_trees; too big to read safely
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        report.add("encoding", rel, line, position=exc.start)
        return loaded
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    loaded.text = text
    if not text.strip():
        report.add("empty-file", rel, 1)
        return loaded
    if not text.startswith("---\n"):
        report.add("front-matter", rel, 1, problem="the file does not start with a `---` header")
        return loaded
    end = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[4:], re.M)
    if not end:
        report.add("front-matter", rel, 1, problem="the `---` header is never closed")
        return loaded
    header = text[4 : 4 + end.start()]
    after = text[4 + end.end() :]
    loaded.body = after[1:] if after.startswith("\n") else after
    loaded.body_line = header.count("\n") + 3
    if not _parse_header(loaded, header, report):
        return loaded
    loaded.scan = scan_blocks(loaded.body, loaded.body_line)
    loaded.readable = True
    return loaded


def _parse_header(loaded: LessonFile, header: str, report: Report) -> bool:
    try:
        meta, node = safe_yaml.load_with_nodes(header)
    except safe_yaml.YamlProblem as exc:
        report.add("yaml-syntax", loaded.rel, exc.line + 1, problem=exc.problem)
        return False
    if meta is None:
        meta = {}
    if not isinstance(meta, dict) or not isinstance(node, (yaml.MappingNode, type(None))):
        report.add("yaml-syntax", loaded.rel, 2, problem="the header must be `key: value` lines")
        return False
    loaded.meta = {str(k): v for k, v in meta.items()}
    for key_node, value_node in node.value if node else []:
        key = str(key_node.value)
        loaded.key_lines[key] = key_node.start_mark.line + 2
        if isinstance(value_node, yaml.SequenceNode):
            loaded.item_lines[key] = [item.start_mark.line + 2 for item in value_node.value]
    stack: list[tuple[tuple[str | int, ...], yaml.Node]] = [((), node)] if node else []
    while stack:
        path, current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            for key_node, value_node in current.value:
                inner = (*path, str(key_node.value))
                loaded.paths[inner] = key_node.start_mark.line + 2
                stack += [(path, key_node), (inner, value_node)]
        elif isinstance(current, yaml.SequenceNode):
            for i, item in enumerate(current.value):
                loaded.paths[(*path, i)] = item.start_mark.line + 2
                stack.append(((*path, i), item))
        elif isinstance(current, yaml.ScalarNode):
            loaded.scalars.append((current.start_mark.line + 2, current.value))
    loaded.scalars.sort()
    return True


def load(
    project: Project, report: Report, known: dict[Path, LessonFile] | None = None
) -> list[LessonFile]:
    """Every lesson file; one in `known` is taken from there instead of being read again."""
    known = known or {}
    files = []
    for path in discover(project):
        loaded = known.get(path) or read_file(project, path, report)
        if loaded is not None:
            files.append(loaded)
    return files


def activity_blocks(scan: BlockScan) -> list[Block]:
    return [b for b in scan.blocks if b.name == "activity"]


def activities_in(scan: BlockScan) -> list[Activity]:
    """The activities as a schedule needs them; a broken `minutes:` (a finding) counts 0."""
    return [
        Activity(
            b.argument or "", int(b.options.get("minutes", 0)), b.options.get("optional") is True
        )
        for b in activity_blocks(scan)
    ]


def assemble(project: Project, files: list[LessonFile]) -> list[Lesson]:
    """Build lessons from validated files; translations inherit non-translatable keys."""
    default = project.default_language.code
    by_id: dict[str, dict[str, LessonFile]] = {}
    for f in files:
        if f.readable:
            by_id.setdefault(f.lesson_id, {})[f.lang] = f
    lessons = []
    for lesson_id, variants in sorted(by_id.items()):
        source = variants.get(default)
        if source is None:
            continue
        meta = source.meta
        reviewed = meta.get("reviewed")
        if isinstance(reviewed, str):
            reviewed = dt.date.fromisoformat(reviewed)
        texts = {
            lang: _text(f, source if lang != default else None)
            for lang, f in variants.items()
            if lang in project.codes
        }
        lessons.append(
            Lesson(
                id=lesson_id,
                audience=meta["audience"],
                ages=parse_ages(meta["ages"]) if meta.get("ages") else None,
                duration=meta["duration"],
                topics=list(meta["topics"]),
                reviewed=reviewed,
                sources=[Source(s["title"], s["url"]) for s in meta["sources"]],
                folder=source.path.parent,
                texts=texts,
                assets=sorted(p.name for p in source.path.parent.iterdir() if publishable(p)),
                duration_core=texts[default].core_minutes,
            )
        )
    return lessons


def _text(f: LessonFile, source: LessonFile | None) -> LessonText:
    values = {
        key: f.meta.get(key, (source.meta if source else {}).get(key)) for key in TRANSLATABLE
    }
    return LessonText(
        lang=f.lang,
        rel=f.rel,
        title=values["title"],
        summary=values["summary"],
        objectives=list(values["objectives"] or []),
        warning_signs=list(values["warning_signs"] or []),
        content_note=values["content_note"],
        body=f.body,
        body_line=f.body_line,
        scan=f.scan,
        source_hash=f.meta.get("source_hash"),
        questions=parse(values["questions"]),
        questions_lang=f.lang if "questions" in f.meta or source is None else source.lang,
    )
