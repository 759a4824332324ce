"""Every PDF a site build publishes: handouts, lesson plans, card sheets, before/after
questionnaires and declared packs, per language.

The HTML build never waits on this: it runs after the language sites are built,
over one pool for all languages, and writes into each language's `handouts/`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from .. import layout
from ..checks.pipeline import Checked
from ..content.translations import status
from ..safety import state
from . import manifest
from .document import Builder, Document
from .evaluation import evaluation, has_questions
from .packs import declared
from .render import Stats, place, prune, render


def cache_dir(root: Path) -> Path:
    """The project's PDF cache, outside the checkout: a pull request cannot plant a PDF
    or a manifest there."""
    return state.folder(root, "pdf")


def documents(checked: Checked, languages: list[str]) -> list[Document]:
    lesson_status = status(checked.project, checked.files)
    docs = []
    for lang in languages:
        builder = Builder(checked, lang, lesson_status)
        for lesson in checked.lessons:
            for paper in layout.PAPERS:
                docs.append(builder.handout(lesson, paper))
                docs.append(builder.plan(lesson, paper))
                cards = builder.cards(lesson, paper)
                if cards is not None:
                    docs.append(cards)
                if has_questions(builder, lesson):
                    docs.append(evaluation(builder, lesson, paper))
        for pack in checked.data.packs:
            for paper in layout.PAPERS:
                docs.append(declared(checked, builder, pack, paper))
    return docs


@dataclass(frozen=True)
class Inputs:
    """A build's PDF inputs, fingerprinted once, with the last build's
    (language, target, key) list when that build had the same fingerprint."""

    fingerprint: str
    last: list[tuple[str, str, str]] | None


def inputs(checked: Checked, languages: list[str]) -> Inputs:
    """This build's PDF inputs, and the last build's keys if none of them changed."""
    print_ = manifest.fingerprint(checked.project, languages)
    return Inputs(print_, manifest.recall(cache_dir(checked.project.root), print_))


def build_handouts(
    checked: Checked,
    folders: dict[str, Path],
    jobs: int | None = None,
    docs: list[Document] | None = None,
    known: Inputs | None = None,
) -> Stats:
    """Render each language's PDFs into its site folder (`folders[lang]/handouts/`).

    `known` is `inputs(checked, list(folders))` and `docs` are `documents(checked,
    list(folders))`, when the caller worked them out already.
    A build of every language also drops cache entries that no document uses any more.
    """
    project = checked.project
    cache = cache_dir(project.root)
    known = known or inputs(checked, list(folders))
    if known.last is not None:
        start, stats = time.perf_counter(), Stats(cached=len(known.last))
        place(cache, [(key, folders[lang] / target) for lang, target, key in known.last], stats)
        stats.seconds = time.perf_counter() - start
    else:
        if docs is None:
            docs = documents(checked, list(folders))
        stats = render([(d, folders[d.lang] / d.target) for d in docs], cache, jobs)
        entries = [(d.lang, str(d.target), key) for d, key in zip(docs, stats.order, strict=True)]
        manifest.remember(cache, known.fingerprint, entries)
    if set(folders) == set(project.codes):
        prune(cache, stats.keys)
    return stats
