"""`signpost new`: a lesson skeleton that passes `signpost check` as written.

Authors learn the format from a file that already works, then replace the text.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .lessons import LESSON_ID_RE
from .project import Project
from .schema import AUDIENCES

TEMPLATE = """---
title: {title}
summary: One sentence that tells a {reader} what this lesson is about.
audience: {audience}
{ages}duration: 40
topics:
  - {topic}
objectives:
  - By the end, participants can name one warning sign.
  - By the end, participants can name two people they could talk to.
warning_signs:
  - Someone asks you to keep a secret that makes you feel bad.
content_note: This lesson talks about people who trick others. You can take a break at any time.
reviewed: {today}
sources:
  - title: DHS Blue Campaign
    url: https://www.dhs.gov/blue-campaign
---

/// facilitator
Say why this lesson matters. Agree the ground rules together. Anyone may pass.

If someone tells you something worrying, listen calmly. Do not ask why. Tell them
it is not their fault and they were right to tell you. Never promise to keep it
secret. Explain what happens next, and follow your school's protocol.
///

## Start here

Write the first part of the lesson here. Use short sentences.

/// activity | First activity
    minutes: 20

Say what the group does, step by step.
///

/// activity | Second activity
    minutes: 20

Say what the group does, step by step.
///

/// handout
The key ideas, in a few short lines. Where to get help.
///
"""


class ScaffoldError(Exception):
    """The lesson cannot be created; the message says why."""


def new_lesson(
    project: Project,
    lesson_id: str,
    audience: str,
    ages: str | None = None,
    topic: str = "warning-signs",
    today: dt.date | None = None,
) -> Path:
    if not LESSON_ID_RE.match(lesson_id):
        raise ScaffoldError(
            f"`{lesson_id}` is not a valid lesson id: use lowercase letters, "
            "digits and hyphens, e.g. online-friends"
        )
    if audience not in AUDIENCES:
        raise ScaffoldError(f"audience must be one of {', '.join(AUDIENCES)}")
    folder = project.lessons_path / lesson_id
    path = folder / "index.md"
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(project.root)} already exists; nothing was changed")
    if audience == "youth":
        ages_line = f"ages: {ages or '11-13'}\n"
    elif ages:
        raise ScaffoldError("--ages is only for youth lessons")
    else:
        ages_line = ""
    reader = {"youth": "student", "teachers": "teacher", "community": "seminar guest"}[audience]
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(
        TEMPLATE.format(
            title=lesson_id.replace("-", " ").capitalize(),
            reader=reader,
            audience=audience,
            ages=ages_line,
            topic=topic,
            today=(today or dt.date.today()).isoformat(),
        ),
        encoding="utf-8",
    )
    return path
