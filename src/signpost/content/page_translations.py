"""Translation status for site pages (`docs/*.md`), kept the way lessons keep theirs.

A translated site page records, in its header, the hash of the English page it was made
from (`source_hash:`, written by `signpost translations --mark-current docs/page.md es`).
When the English page changes, the translation is stale, and `check` and the status page
say so: the host guide once said in three languages that handouts were one page long,
months after the English stopped saying it, and nothing noticed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..project import Project
from ..safety import page_header
from .docs_pages import DocsPage, docs_pages
from .translations import COMPLETE, HASH_LENGTH, MISSING, STALE, UNMARKED, snapshot_path

PAGE_PREFIX = "page-"
"""Snapshots of a site page live beside the lessons' as `.signpost/sources/page-<name>/`."""


@dataclass(frozen=True)
class PageRow:
    """One English site page and the state of each translation of it."""

    source: DocsPage
    states: dict[str, str]
    translations: dict[str, DocsPage]


def page_text(path: Path) -> str:
    """What a translator translates of a page: its title and description, then its body."""
    header = page_header.read(path.read_text(encoding="utf-8"))
    keys = {k: header.meta.get(k) for k in page_header.TEXT_KEYS}
    return json.dumps(keys, ensure_ascii=False, sort_keys=True) + "\n" + header.body.strip() + "\n"


def page_hash(path: Path) -> str:
    return hashlib.sha256(page_text(path).encode("utf-8")).hexdigest()[:HASH_LENGTH]


def recorded_hash(path: Path) -> str | None:
    value = page_header.read(path.read_text(encoding="utf-8")).meta.get("source_hash")
    return value if isinstance(value, str) else None


def page_status(project: Project) -> list[PageRow]:
    """Every English site page with the state of its translation in each other language."""
    default = project.default_language.code
    pages = docs_pages(project)
    by_virtual: dict[str, dict[str, DocsPage]] = {}
    for page in pages:
        by_virtual.setdefault(page.virtual, {})[page.lang] = page
    rows = []
    for _, variants in sorted(by_virtual.items()):
        source = variants.get(default)
        if source is None:
            continue
        try:
            current = page_hash(source.path)
        except (OSError, UnicodeDecodeError):
            continue
        states = {}
        for lang in project.codes:
            if lang == default:
                continue
            page = variants.get(lang)
            if page is None:
                states[lang] = MISSING
                continue
            try:
                recorded = recorded_hash(page.path)
            except (OSError, UnicodeDecodeError):
                recorded = None
            states[lang] = UNMARKED if not recorded else COMPLETE if recorded == current else STALE
        rows.append(PageRow(source, states, {k: v for k, v in variants.items() if k != default}))
    return rows


def snapshot_id(page: DocsPage) -> str:
    return PAGE_PREFIX + page.virtual.removesuffix(".md").replace("/", "-")


def mark_page_current(project: Project, source: DocsPage, translation: DocsPage) -> str:
    """Write the English page's hash into the translation's header, keep a snapshot of the
    English text for the next `--diff`, and return what changed since the last mark."""
    from .translations import _read_snapshot, _write_snapshot, diff_texts

    current = page_text(source.path)
    digest = page_hash(source.path)
    before = recorded_hash(translation.path)
    old = (
        _read_snapshot(project, snapshot_path(project, snapshot_id(source), before))
        if before
        else None
    )
    diff = diff_texts(old, current, source.rel, before, digest)
    _write_snapshot(project, snapshot_path(project, snapshot_id(source), digest), current)
    _write_page_hash(translation.path, digest)
    return diff


def _write_page_hash(path: Path, digest: str) -> None:
    text = path.read_text(encoding="utf-8")
    line = f"source_hash: {digest}"
    if not text.startswith("---\n"):
        path.write_text(f"---\n{line}\n---\n\n{text}", encoding="utf-8")
        return
    end = text.index("\n---", 3)
    header, rest = text[:end], text[end:]
    lines = [x for x in header.split("\n") if not x.startswith("source_hash:")]
    path.write_text("\n".join([*lines, line]) + rest, encoding="utf-8")
