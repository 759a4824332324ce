"""`signpost new`: a lesson skeleton that builds as written, in its audience's own terms.

Authors learn the format from a file that already works, then replace the text.
Every sentence they must replace is one of `PLACEHOLDERS`, so `check` can warn (and
`--strict`, as CI runs it, refuse to publish) while any is left; `reviewed:` is left
out for the reviewers to add.
"""

from __future__ import annotations

from pathlib import Path

from ..project import Project
from .lessons import LESSON_ID_RE
from .schema import AUDIENCES

# What differs by audience: who reads it, how objectives are phrased, a warning sign
# that audience would meet, and where a facilitator or host passes on a concern.
AUDIENCE_TEXT = {
    "youth": {
        "reader": "student",
        "objective": "By the end, you can name one warning sign.",
        "objective2": "By the end, you can name two people you could talk to.",
        "sign": "Someone you only know online asks you to keep a secret.",
        "note": "This lesson talks about people who trick others. All the stories are made "
        "up. You can take a break at any time.",
        "protocol": "follow your school's protocol and your state's reporting law",
    },
    "teachers": {
        "reader": "teacher",
        "objective": "By the end, participants can name three warning signs in a student.",
        "objective2": "By the end, participants can say who they pass a concern to, and when "
        "they must report it themselves.",
        "sign": "A student's grades drop suddenly and they have new, expensive things.",
        "note": "This training talks about students who may be exploited. You can step "
        "out at any time.",
        "protocol": "follow your school's protocol and your state's mandated-reporter law",
    },
    "community": {
        "reader": "seminar guest",
        "objective": "By the end, participants can name three signs a neighbor might notice.",
        "objective2": "By the end, participants can name a hotline to call for advice.",
        "sign": "Someone else holds a worker's ID and speaks for them.",
        "note": "This seminar talks about people who are exploited for work or sex. The "
        "stories are made up. You can step out at any time.",
        "protocol": "follow your organization's protocol and call a hotline for advice",
    },
}

PLACEHOLDERS = (
    "One sentence that tells a",
    "Say why this lesson matters.",
    "Write the first part of the lesson here.",
    "Say what the group does, step by step.",
    "The key ideas, in a few short lines.",
)
"""Skeleton sentences; `check` warns while a lesson still holds any of them."""

TEMPLATE = """---
title: {title}
summary: One sentence that tells a {reader} what this lesson is about.
audience: {audience}
{ages}duration: 40
topics:
  - {topic}
objectives:
  - {objective}
  - {objective2}
warning_signs:
  - {sign}
content_note: {note}
sources:
  - title: DHS Blue Campaign
    url: https://www.dhs.gov/blue-campaign
---

/// facilitator
Say why this lesson matters. Agree the ground rules together. Anyone may pass.

If someone tells you something worrying, listen calmly. Do not ask why. Tell them
it is not their fault and they were right to tell you. Never promise to keep it
secret. Explain what happens next, and {protocol}.
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
        raise ScaffoldError("--ages is only for youth lessons; leave it out for adults")
    else:
        ages_line = ""
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(
        TEMPLATE.format(
            title=lesson_id.replace("-", " ").capitalize(),
            audience=audience,
            ages=ages_line,
            topic=topic,
            **AUDIENCE_TEXT[audience],
        ),
        encoding="utf-8",
    )
    return path
