"""Every PDF a site build publishes: handouts, lesson plans and declared packs, per language.

The HTML build never waits on this: it runs after the language sites are built,
over one pool for all languages, and writes into each language's `handouts/`.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from .. import layout
from ..pipeline import Checked
from ..translations import status
from . import manifest
from .document import Builder, Document
from .packs import declared
from .render import Stats, prune, render

CACHE = Path(".signpost") / "cache" / "pdf"


def documents(checked: Checked, languages: list[str]) -> list[Document]:
    lesson_status = status(checked.project, checked.files)
    docs = []
    for lang in languages:
        builder = Builder(checked, lang, lesson_status)
        for lesson in checked.lessons:
            for paper in layout.PAPERS:
                docs.append(builder.handout(lesson, paper))
                docs.append(builder.plan(lesson, paper))
        for pack in checked.data.packs:
            for paper in layout.PAPERS:
                docs.append(declared(checked, builder, pack, paper))
    return docs


def build_handouts(
    checked: Checked,
    folders: dict[str, Path],
    jobs: int | None = None,
    docs: list[Document] | None = None,
) -> Stats:
    """Render each language's PDFs into its site folder (`folders[lang]/handouts/`).

    `docs` are `documents(checked, list(folders))` when the caller prepared them already.
    A build of every language also drops cache entries that no document uses any more.
    """
    project = checked.project
    cache = project.root / CACHE
    print_ = manifest.fingerprint(project, list(folders))
    entries = manifest.recall(cache, print_)
    if entries is not None:
        stats = _copy(cache, entries, folders)
    else:
        if docs is None:
            docs = documents(checked, list(folders))
        stats = render([(d, folders[d.lang] / d.target) for d in docs], project.root, cache, jobs)
        entries = [(d.lang, str(d.target), key) for d, key in zip(docs, stats.order, strict=True)]
    if set(folders) == set(project.codes):
        prune(cache, stats.keys)
    manifest.remember(cache, print_, entries)
    return stats


def unchanged(checked: Checked, languages: list[str]) -> bool:
    """Whether the last build's PDFs can be copied without working out any document."""
    cache = checked.project.root / CACHE
    return manifest.recall(cache, manifest.fingerprint(checked.project, languages)) is not None


def _copy(cache: Path, entries: list[tuple[str, str, str]], folders: dict[str, Path]) -> Stats:
    start = time.perf_counter()
    for lang, target, key in entries:
        path = folders[lang] / target
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cache / f"{key}.pdf", path)
    order = [key for _, _, key in entries]
    return Stats(cached=len(entries), seconds=time.perf_counter() - start, order=order,
                 keys=set(order))  # fmt: skip
