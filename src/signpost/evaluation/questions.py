"""A lesson's questions: one list in the source's header, repeated in each translation.

The same questions serve the student's self-check, the lesson plan and the printed
before/after questionnaire, so a question must be answerable (its answer is one of its
choices) and must measure something the lesson sets out to teach (its objective). A
translation may reword a question but not change what is being asked: its type, answer,
objective and number of choices must match the source's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

MIN_QUESTIONS, MAX_QUESTIONS = 3, 6
MIN_CHOICES, MAX_CHOICES = 2, 4
CHOICE, TRUE_FALSE = "choice", "true-false"
TYPES = (CHOICE, TRUE_FALSE)
KEYS = ("ask", "type", "choices", "answer", "why", "objective")

Problem = tuple[str, tuple[str | int, ...], dict[str, Any]]
"""A finding code, the header path it is about (such as `("questions", 2, "answer")`) and
the values its message names."""


@dataclass(frozen=True)
class Question:
    ask: str
    kind: str
    choices: tuple[str, ...]
    """Empty for a true-false question: its two choices are interface strings."""
    answer: int | bool
    """1-based index into `choices`, or True/False."""
    why: str
    objective: int
    """1-based index into the lesson's objectives."""

    @property
    def right(self) -> int:
        """The 0-based position of the right answer among the choices the reader sees
        (a true-false question shows True, then False)."""
        if self.kind == TRUE_FALSE:
            return 0 if self.answer else 1
        return int(self.answer) - 1


def parse(value: Any) -> tuple[Question, ...]:
    """The questions of a header that `problems` found nothing wrong with."""
    if not isinstance(value, list):
        return ()
    return tuple(
        Question(
            ask=item["ask"],
            kind=item.get("type", CHOICE),
            choices=tuple(item.get("choices") or ()),
            answer=item["answer"],
            why=item["why"],
            objective=item["objective"],
        )
        for item in value
    )


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def problems(value: Any, objectives: int | None) -> list[Problem]:
    """What is wrong with a `questions:` list; `objectives` is how many the lesson has
    (None when they are unreadable, so objective numbers cannot be judged)."""
    where: tuple[str | int, ...] = ("questions",)
    if not isinstance(value, list):
        return []  # the header check reports a wrong type once
    found: list[Problem] = []
    if not MIN_QUESTIONS <= len(value) <= MAX_QUESTIONS:
        found.append(
            (
                "question-count",
                where,
                {"n": len(value), "low": MIN_QUESTIONS, "high": MAX_QUESTIONS},
            )
        )
    for i, item in enumerate(value):
        for code, path, values in _item_problems(i, item, objectives):
            if "problem" in values:  # each message names its question
                values["problem"] = f"question {i + 1} {values['problem']}"
            found.append((code, path, values))
    return found


def _item_problems(i: int, item: Any, objectives: int | None) -> list[Problem]:
    at: Callable[..., tuple[str | int, ...]] = lambda *keys: ("questions", i, *keys)  # noqa: E731
    n = i + 1
    if not isinstance(item, dict):
        return [("question-format", at(), {"n": n, "problem": "must be `ask:`, `answer:` lines"})]
    found: list[Problem] = []
    for key in item:
        if key not in KEYS:
            found.append(
                ("question-format", at(key), {"n": n, "problem": f"has an unknown key `{key}`"})
            )
    for key in ("ask", "why"):
        if key not in item:
            found.append(("question-format", at(), {"n": n, "problem": f"needs `{key}:`"}))
        elif not _text(item[key]):
            found.append(
                ("question-format", at(key), {"n": n, "problem": f"needs a text after `{key}:`"})
            )
    kind = item.get("type", CHOICE)
    if kind not in TYPES:
        found.append(
            (
                "question-format",
                at("type"),
                {
                    "n": n,
                    "problem": f"has an unknown type `{kind}`; "
                    "leave it out for a multiple choice, or write `type: true-false`",
                },
            )
        )
        return found
    choices = item.get("choices")
    if kind == TRUE_FALSE:
        if "choices" in item:
            found.append(
                (
                    "question-format",
                    at("choices"),
                    {
                        "n": n,
                        "problem": "is true-false, so it takes no `choices:`; "
                        "its answer is true or false",
                    },
                )
            )
    elif not isinstance(choices, list) or not all(_text(c) for c in choices):
        found.append(
            (
                "question-format",
                at("choices") if "choices" in item else at(),
                {
                    "n": n,
                    "problem": f"needs `choices:`, a list of {MIN_CHOICES} to {MAX_CHOICES} texts",
                },
            )
        )
        choices = None
    elif not MIN_CHOICES <= len(choices) <= MAX_CHOICES:
        found.append(
            (
                "question-format",
                at("choices"),
                {
                    "n": n,
                    "problem": f"has {len(choices)} choices; give {MIN_CHOICES} to {MAX_CHOICES}",
                },
            )
        )
    found += _answer_problems(at, n, item, kind, choices)
    objective = item.get("objective")
    if "objective" not in item:
        found.append(
            ("question-objective", at(), {"n": n, "value": "nothing", "count": objectives or 0})
        )
    elif not _whole(objective) or (objectives and not 1 <= objective <= objectives):
        found.append(
            (
                "question-objective",
                at("objective"),
                {"n": n, "value": repr(objective), "count": objectives or 0},
            )
        )
    return found


def _answer_problems(
    at: Callable[..., tuple[str | int, ...]], n: int, item: dict, kind: str, choices: Any
) -> list[Problem]:
    if "answer" not in item:
        return [("question-answer", at(), {"n": n, "problem": "has no `answer:`"})]
    answer = item["answer"]
    if kind == TRUE_FALSE:
        if isinstance(answer, bool):
            return []
        problem = f"`answer: {answer!r}` must be true or false for a true-false question"
    elif not _whole(answer):
        problem = f"`answer: {answer!r}` must be the number of the right choice (1 for the first)"
    elif choices is not None and not 1 <= answer <= len(choices):
        problem = (
            f"`answer: {answer}` is not one of its {len(choices)} choices (1 to {len(choices)})"
        )
    else:
        return []
    return [("question-answer", at("answer"), {"n": n, "problem": problem})]


def mismatches(source: Any, translation: Any) -> list[Problem]:
    """Where a translation's questions ask something other than the source's: a different
    count, or a question whose type, answer, objective or number of choices differs."""
    if not isinstance(source, list) or not isinstance(translation, list):
        return []
    where: tuple[str | int, ...] = ("questions",)
    if len(source) != len(translation):
        return [
            (
                "question-mismatch",
                where,
                {"problem": f"has {len(translation)} questions; the source has {len(source)}"},
            )
        ]
    found: list[Problem] = []
    for i, (mine, theirs) in enumerate(zip(translation, source, strict=True)):
        if not isinstance(mine, dict) or not isinstance(theirs, dict):
            continue
        for key, label in (("type", "type"), ("answer", "answer"), ("objective", "objective")):
            ours, wanted = (
                mine.get(key, CHOICE if key == "type" else None),
                theirs.get(key, CHOICE if key == "type" else None),
            )
            if ours != wanted or type(ours) is not type(wanted):
                found.append(
                    (
                        "question-mismatch",
                        ("questions", i, key) if key in mine else ("questions", i),
                        {
                            "problem": f"question {i + 1}'s {label} is {_show(ours)}; "
                            f"the source's is {_show(wanted)}"
                        },
                    )
                )
        mine_c, theirs_c = mine.get("choices"), theirs.get("choices")
        if isinstance(mine_c, list) and isinstance(theirs_c, list) and len(mine_c) != len(theirs_c):
            found.append(
                (
                    "question-mismatch",
                    ("questions", i, "choices"),
                    {
                        "problem": f"question {i + 1} has {len(mine_c)} choices; "
                        f"the source's has {len(theirs_c)}"
                    },
                )
            )
    return found


def _show(value: Any) -> str:
    if value is None:
        return "missing"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def untested(value: Any, objectives: int) -> list[int]:
    """The 1-based objectives no question measures."""
    measured = (
        {q.get("objective") for q in value if isinstance(q, dict)}
        if isinstance(value, list)
        else set()
    )
    return [n for n in range(1, objectives + 1) if n not in measured]


def texts(value: Any) -> list[tuple[tuple[str | int, ...], str]]:
    """Every text a reader sees in a `questions:` list, with its header path, so the checks
    on words (terms to avoid, markup typed into plain text) read questions as they read
    the rest of the header."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    for i, item in enumerate(value if isinstance(value, list) else []):
        if not isinstance(item, dict):
            continue
        for key in ("ask", "why"):
            if isinstance(item.get(key), str):
                found.append((("questions", i, key), item[key]))
        choices = item.get("choices")
        for j, choice in enumerate(choices if isinstance(choices, list) else []):
            if isinstance(choice, str):
                found.append((("questions", i, "choices", j), choice))
    return found
