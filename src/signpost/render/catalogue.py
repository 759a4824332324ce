"""The catalogue: every lesson with its facets, as data for pages and for `site/catalog.json`.

Facet values are computed here once, so the HTML facets, the no-JavaScript list
and the machine-readable catalogue always agree.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from .. import layout
from ..content.lessons import Lesson
from ..content.translations import COMPLETE, Status
from ..data import Pack
from ..data.agenda import plan
from ..project import Project

DURATION_BUCKETS = (("short", 0, 30), ("medium", 31, 60), ("long", 61, 10_000))
ADULT_BAND = "adults"


@dataclass(frozen=True)
class Entry:
    lesson: Lesson
    bands: tuple[str, ...]
    duration_bucket: str


def age_bands(project: Project, lesson: Lesson) -> tuple[str, ...]:
    """Bands a lesson overlaps; lessons for adults sit in the `adults` band."""
    if lesson.ages is None:
        return (ADULT_BAND,)
    low, high = lesson.ages
    return tuple(
        f"{b_low}-{b_high}"
        for b_low, b_high in project.age_bands
        if low <= b_high and high >= b_low
    )


def duration_bucket(minutes: int) -> str:
    return next(name for name, low, high in DURATION_BUCKETS if low <= minutes <= high)


def entries(project: Project, lessons: list[Lesson]) -> list[Entry]:
    order = {"youth": 0, "teachers": 1, "community": 2}
    ordered = sorted(lessons, key=lambda le: (order[le.audience], le.ages or (99, 99), le.id))
    return [Entry(le, age_bands(project, le), duration_bucket(le.duration)) for le in ordered]


def _pdfs(lang: str, target: Callable[[str], str]) -> dict[str, str]:
    return {paper: f"{lang}/{target(paper)}" for paper in layout.PAPERS}


def catalog_json(
    project: Project,
    lessons: list[Lesson],
    status: Status,
    packs: list[Pack] | None = None,
    offline: bool = False,
) -> str:
    """`site/catalog.json`; URLs are relative to `site/`.

    `packs` is None when the build made no PDFs; handout and plan entries are then null.
    `cards` is null too for a lesson whose activities declare no cards.
    `offline` maps each language to its zip when the build made them, else null.
    """
    default = project.default_language.code
    pdfs = packs is not None
    items = []
    for entry in entries(project, lessons):
        lesson = entry.lesson
        questions = len(lesson.texts[default].questions)
        translations = {}
        for lang in project.codes:
            text = lesson.texts.get(lang) or lesson.texts[default]
            translations[lang] = {
                "title": text.title,
                "url": f"{lang}/{layout.page_url(layout.student_page(lesson.id))}",
                "facilitator_url": f"{lang}/{layout.page_url(layout.plan_page(lesson.id))}",
                "status": status.lessons.get(lesson.id, {}).get(lang, COMPLETE),
                "reviewed": (
                    (lesson.reviewed.isoformat() if lesson.reviewed else None)
                    if lang == default
                    else status.review(lesson.id, lang)
                ),
                "checked": None if lang == default else status.check(lesson.id, lang),
                "handouts": _pdfs(lang, partial(layout.handout_pdf, lesson.id)) if pdfs else None,
                "plan_pdf": _pdfs(lang, partial(layout.plan_pdf, lesson.id)) if pdfs else None,
                "evaluation": (
                    _pdfs(lang, partial(layout.evaluation_pdf, lesson.id))
                    if pdfs and questions
                    else None
                ),
                "cards": (
                    _pdfs(lang, partial(layout.cards_pdf, lesson.id))
                    if pdfs and text.card_sets
                    else None
                ),
            }
        items.append(
            {
                "id": lesson.id,
                "audience": lesson.audience,
                "ages": f"{lesson.ages[0]}-{lesson.ages[1]}" if lesson.ages else None,
                "duration": lesson.duration,
                "duration_core": lesson.duration_core,
                "topics": lesson.topics,
                "questions": questions,
                "translations": translations,
            }
        )
    by_id = {lesson.id: lesson for lesson in lessons}
    agendas = {
        pack.id: plan([by_id[i] for i in pack.lessons if i in by_id], pack.timing, default)
        for pack in packs or []
    }
    pack_items = [
        {
            "id": pack.id,
            "lessons": list(pack.lessons),
            "duration": agendas[pack.id].total,
            "core": [item.lesson.id for item in agendas[pack.id].lessons if item.core],
            "translations": {
                lang: {
                    "title": pack.title(lang, default),
                    "pdf": _pdfs(lang, partial(layout.pack_pdf, pack.id)),
                }
                for lang in project.codes
            },
        }
        for pack in packs or []
    ]
    zips = {lang: f"{lang}/{layout.offline_zip(lang)}" for lang in project.codes}
    catalog = {
        "languages": project.codes,
        "lessons": items,
        "packs": pack_items,
        "offline": zips if offline else None,
    }
    return json.dumps(catalog, indent=2, ensure_ascii=False) + "\n"
