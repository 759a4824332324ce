"""The lesson front-matter schema, declared once.

Validation and the published JSON Schema both come from `FIELDS`, so the editor
hints can never drift from what `signpost check` enforces.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..evaluation import questions as q

AUDIENCES = ("youth", "teachers", "community")
AGES_PATTERN = r"^(\d{1,2})-(\d{1,2})$"
"""One pattern for `check` and the published schema: `8 - 10` once passed one and not the other."""
AGES_RE = re.compile(AGES_PATTERN)

Checker = Callable[[Any], str | None]


@dataclass(frozen=True)
class Field:
    name: str
    doc: str
    check: Checker
    json: dict[str, Any]
    required: bool = True
    translatable: bool = False


def _text(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return f"must be a non-empty text, got {_describe(value)}"
    return None


def _integer(low: int, high: int) -> Checker:
    def check(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return f"must be a whole number of minutes, got {_describe(value)}"
        if not low <= value <= high:
            return f"must be from {low} to {high}, got {value}"
        return None

    return check


def _text_list(low: int, high: int | None) -> Checker:
    def check(value: Any) -> str | None:
        if not isinstance(value, list):
            return f"must be a list of texts (lines starting with `- `), got {_describe(value)}"
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                return f"item {i + 1} must be a non-empty text, got {_describe(item)}"
        if len(value) < low or (high is not None and len(value) > high):
            most = f" and at most {high}" if high is not None else ""
            return f"must have at least {low}{most} items, got {len(value)}"
        return None

    return check


def _hash(value: Any) -> str | None:
    if isinstance(value, str) and re.fullmatch(r"[0-9a-f]{16}", value):
        return None
    return "must be the 16-character hash that --mark-current writes; delete the line and run it"


def _date(value: Any) -> str | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return None
    if isinstance(value, str):
        try:
            dt.date.fromisoformat(value)
            return None
        except ValueError:
            pass
    return f"must be a date written YYYY-MM-DD, got {_describe(value)}"


def _ages(value: Any) -> str | None:
    if not isinstance(value, str) or not AGES_RE.fullmatch(value):
        return f"must be an age range written MIN-MAX such as 11-13, got {_describe(value)}"
    return None


def _sources(value: Any) -> str | None:
    if not isinstance(value, list) or not value:
        return f"must be a list of at least one {{title, url}}, got {_describe(value)}"
    for i, item in enumerate(value):
        if not isinstance(item, dict) or set(item) != {"title", "url"}:
            return f"item {i + 1} must have exactly `title` and `url`"
        if _text(item["title"]) or _text(item["url"]):
            return f"item {i + 1} needs a non-empty title and url"
    return None


def _questions(value: Any) -> str | None:
    """Only the shape is judged here; `checks.validate.check_questions` reports each
    question's problems at its own line."""
    if not isinstance(value, list):
        return f"must be a list of questions, got {_describe(value)}"
    return None


def _questions_json() -> dict[str, Any]:
    text = {"type": "string", "minLength": 1}
    return {
        "type": "array",
        "minItems": q.MIN_QUESTIONS,
        "maxItems": q.MAX_QUESTIONS,
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["ask", "answer", "why", "objective"],
            "properties": {
                "ask": {"description": "The question, or a statement for true-false.", **text},
                "type": {
                    "description": "Leave out for multiple choice; `true-false` has no choices.",
                    "enum": list(q.TYPES),
                },
                "choices": {
                    "type": "array",
                    "items": text,
                    "minItems": q.MIN_CHOICES,
                    "maxItems": q.MAX_CHOICES,
                },
                "answer": {
                    "description": "The right choice's number, from 1; true or false for "
                    "true-false.",
                    "type": ["integer", "boolean"],
                },
                "why": {"description": "Why that is the answer, shown after answering.", **text},
                "objective": {
                    "description": "The number of the objective it measures, from 1.",
                    "type": "integer",
                    "minimum": 1,
                    "maximum": 6,
                },
            },
            "if": {"required": ["type"], "properties": {"type": {"const": q.TRUE_FALSE}}},
            "then": {
                "properties": {"answer": {"type": "boolean"}},
                "not": {"required": ["choices"]},
            },
            "else": {
                "required": ["choices"],
                "properties": {
                    "answer": {"type": "integer", "minimum": 1, "maximum": q.MAX_CHOICES}
                },
            },
        },
    }


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    kind = {str: "text", int: "number", float: "number", bool: "yes/no", list: "a list"}.get(
        type(value), "a mapping" if isinstance(value, dict) else type(value).__name__
    )
    return f"{kind} {value!r}" if isinstance(value, (str, int, float)) else kind


def _string_list_json(low: int, high: int | None) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "array",
        "items": {"type": "string", "minLength": 1},
        "minItems": low,
    }
    if high is not None:
        schema["maxItems"] = high
    return schema


def _fields() -> tuple[Field, ...]:
    return (
        Field(
            "title",
            "The lesson title.",
            _text,
            {"type": "string", "minLength": 1},
            translatable=True,
        ),
        Field(
            "summary",
            "One sentence for the catalogue.",
            _text,
            {"type": "string", "minLength": 1},
            translatable=True,
        ),
        Field(
            "audience",
            "Who the lesson is for: youth, teachers or community.",
            lambda v: None if isinstance(v, str) else f"must be text, got {_describe(v)}",
            {"enum": list(AUDIENCES)},
        ),
        Field(
            "ages",
            "Youth only: the age range MIN-MAX, 5 <= MIN <= MAX <= 99.",
            _ages,
            {"type": "string", "pattern": AGES_PATTERN},
            required=False,
        ),
        Field(
            "duration",
            "Total minutes, 5 to 240; the activities' minutes add up to it.",
            _integer(5, 240),
            {"type": "integer", "minimum": 5, "maximum": 240},
        ),
        Field(
            "topics",
            "Topic ids from data/topics.yml.",
            _text_list(1, None),
            {"type": "array", "items": {"type": "string"}, "minItems": 1},
        ),
        Field(
            "objectives",
            "1 to 6 learning objectives.",
            _text_list(1, 6),
            _string_list_json(1, 6),
            translatable=True,
        ),
        Field(
            "warning_signs",
            "Warning signs the lesson teaches; the page frames them as no proof on their own.",
            _text_list(1, None),
            _string_list_json(1, None),
            translatable=True,
        ),
        Field(
            "content_note",
            "A content warning shown before the lesson body.",
            _text,
            {"type": "string", "minLength": 1},
            required=False,
            translatable=True,
        ),
        Field(
            "questions",
            "3 to 6 self-check questions, each measuring one objective; a translation repeats "
            "them reworded, with the same type, answer, objective and number of choices.",
            _questions,
            _questions_json(),
            required=False,
            translatable=True,
        ),
        Field(
            "reviewed",
            "ISO date of the last content review. Leave it out until two reviewers have "
            "read the lesson; `check` warns while it is missing.",
            _date,
            {"type": "string", "format": "date"},
            required=False,
        ),
        Field(
            "sources",
            "At least one source, each {title, url}.",
            _sources,
            {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["title", "url"],
                    "properties": {
                        "title": {"type": "string"},
                        "url": {"type": "string", "format": "uri"},
                    },
                },
            },
        ),
        Field(
            "source_hash",
            "Written by `signpost translations --mark-current`; "
            "a translation's record of the source version it was made from.",
            _hash,
            {"type": "string", "pattern": "^[0-9a-f]{16}$"},
            required=False,
        ),
        Field(
            "translated_by",
            "Who translated this version: a name or handle, so a review can be shown to be "
            "someone else's.",
            _text,
            {"type": "string", "minLength": 1},
            required=False,
        ),
        Field(
            "translation_checked",
            "Date someone who did not translate it checked this translation against the "
            "checklist in docs/contributing.md (not an approval by a fluent speaker).",
            _date,
            {"type": "string", "format": "date"},
            required=False,
        ),
        Field(
            "translation_reviewed",
            "Date a fluent speaker, who did not translate it, approved this translation; "
            "needs `reviewed_by`.",
            _date,
            {"type": "string", "format": "date"},
            required=False,
        ),
        Field(
            "reviewed_by",
            "The fluent speaker who approved it (`translation_reviewed`): a named person, "
            "never the translator.",
            _text,
            {"type": "string", "minLength": 1},
            required=False,
        ),
    )


FIELDS: tuple[Field, ...] = _fields()
BY_NAME = {f.name: f for f in FIELDS}
TRANSLATABLE = tuple(f.name for f in FIELDS if f.translatable)
TRANSLATION_ONLY = (
    "source_hash",
    "translated_by",
    "translation_checked",
    "translation_reviewed",
    "reviewed_by",
)


def parse_ages(value: str) -> tuple[int, int]:
    match = AGES_RE.fullmatch(value)
    assert match, value
    return int(match.group(1)), int(match.group(2))


def json_schema(topics: Iterable[str]) -> dict[str, Any]:
    """The JSON Schema editors use to validate and complete lesson headers."""
    props: dict[str, Any] = {}
    for f in FIELDS:
        props[f.name] = {"description": f.doc, **f.json}
    props["topics"]["items"] = {"enum": sorted(topics)}
    required = [f.name for f in FIELDS if f.required]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://signpost.invalid/lesson.schema.json",
        "title": "Signpost lesson front matter",
        "description": "The YAML header of lessons/<id>/index.md. Translations "
        "(index.<lang>.md) repeat only: " + ", ".join(TRANSLATABLE) + ".",
        "type": "object",
        "additionalProperties": False,
        "properties": props,
        "required": required,
        "if": {"properties": {"audience": {"const": "youth"}}},
        "then": {"required": ["ages"]},
        "else": {"not": {"required": ["ages"]}},
    }
