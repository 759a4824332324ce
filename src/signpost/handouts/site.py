"""Every PDF a site build publishes: handouts, lesson plans and declared packs, per language.

The HTML build never waits on this: it runs after the language sites are built,
over one pool for all languages, and writes into each language's `handouts/`.
"""

from __future__ import annotations

from pathlib import Path

from .. import layout
from ..pipeline import Checked
from ..translations import status
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
    if docs is None:
        docs = documents(checked, list(folders))
    cache = project.root / CACHE
    stats = render([(d, folders[d.lang] / d.target) for d in docs], project.root, cache, jobs)
    if set(folders) == set(project.codes):
        prune(cache, stats.keys)
    return stats
