"""`check` refuses questions a reader could not answer or a translation that asks something
else, each at its own line, with a hint; and the published schema agrees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import make_evaluation_project
from test_validate import check_ran, edit

from signpost.cli import main

REPO = Path(__file__).resolve().parent.parent
EN = "lessons/spotting-secrets/index.md"
ES = "lessons/spotting-secrets/index.es.md"
THIRD = """  - ask: "If a secret makes you feel bad, you can tell a trusted adult."
    type: true-false
    answer: true
    why: "You can always tell a trusted adult. It is never your fault."
    objective: 1
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_evaluation_project(tmp_path)


def line_of(root: Path, rel: str, text: str, nth: int = 1) -> int:
    lines = (root / rel).read_text(encoding="utf-8").split("\n")
    hits = [i + 1 for i, line in enumerate(lines) if text in line]
    return hits[nth - 1]


@pytest.mark.parametrize(
    ("old", "new", "code", "where", "words"),
    [
        ("    answer: 1\n", "", "question-answer", ('- ask: "Your friend', 1), "no `answer:`"),
        ("    answer: 2\n", "    answer: 4\n", "question-answer", ("answer: 4", 1), "not one of"),
        ("    answer: 2\n", "    answer: '2'\n", "question-answer", ("answer: '2'", 1), "number"),
        ("    answer: true\n", "    answer: 1\n", "question-answer", ("answer: 1", 2), "true or"),
        ("    objective: 1\n", "    objective: 2\n", "question-objective", ("objective: 2", 1), ""),
        ("    objective: 1\n", "    objective: 0\n", "question-objective", ("objective: 0", 1), ""),
        (THIRD, "", "question-count", ("questions:", 1), "has 2 questions; it needs 3 to 6"),
        ('      - "A game"\n', "", "question-mismatch", ("choices:", 2), "has 3 choices"),
    ],
)
def test_a_question_that_cannot_be_answered_is_refused_at_its_line(
    project: Path, capsys, old: str, new: str, code: str, where: tuple[str, int], words: str
) -> None:
    edit(project, EN, old, new)
    out = check_ran(project, capsys, code=1)
    rel = ES if code == "question-mismatch" else EN
    line = line_of(project, rel, *where)
    finding = next(x for x in out.split("\n") if f" {code} " in x and x.startswith(rel))
    assert finding.startswith(f"{rel}:{line}: {code} "), out
    assert words in finding
    assert "hint:" in out.split(finding, 1)[1].split("\n")[1]


def test_more_than_six_questions_are_refused(project: Path, capsys) -> None:
    edit(project, EN, THIRD, THIRD * 5)
    out = check_ran(project, capsys, code=1)
    assert f"{EN}:{line_of(project, EN, 'questions:')}: question-count the lesson has 7" in out


def test_a_translation_with_fewer_questions_is_refused(project: Path, capsys) -> None:
    edit(project, EN, THIRD, THIRD * 2)
    out = check_ran(project, capsys, code=1)
    line = line_of(project, ES, "questions:")
    assert f"{ES}:{line}: question-mismatch has 3 questions; the source has 4" in out


@pytest.mark.parametrize(
    ("old", "new", "shown"),
    [
        ("    answer: 2\n", "    answer: 1\n", "question 2's answer is 1; the source's is 2"),
        ("    answer: true\n", "    answer: false\n", "3's answer is false; the source's is true"),
        ("    objective: 1\n", "    objective: 1\n    type: true-false\n", "type is true-false;"),
    ],
)
def test_a_translation_must_ask_what_its_source_asks(
    project: Path, capsys, old: str, new: str, shown: str
) -> None:
    edit(project, ES, old, new)
    out = check_ran(project, capsys, code=1)
    assert f"{ES}:" in out and "question-mismatch " in out and shown in out, out
    assert f"{EN}:" not in out.replace("translation-unmarked", ""), "the source is valid"


def test_an_objective_no_question_measures_is_a_warning(project: Path, capsys) -> None:
    edit(
        project,
        EN,
        "  - By the end, you can tell a surprise from an unsafe secret.\n",
        "  - By the end, you can tell a surprise from an unsafe secret.\n"
        "  - By the end, you can name a trusted adult.\n",
    )
    edit(
        project,
        ES,
        "  - Al final, puedes distinguir una sorpresa de un secreto inseguro.\n",
        "  - Al final, puedes distinguir una sorpresa de un secreto inseguro.\n"
        "  - Al final, puedes nombrar a un adulto de confianza.\n",
    )
    out = check_ran(project, capsys, code=0)
    line = line_of(project, EN, "name a trusted adult")
    assert f"{EN}:{line}: objective-untested (warning) objective 2 has no question" in out
    edit(project, EN, '    objective: 1\n  - ask: "If', '    objective: 2\n  - ask: "If')
    assert "objective-untested" not in check_ran(project, capsys, EN, code=0)


def test_words_to_avoid_and_markup_are_found_in_questions(project: Path, capsys) -> None:
    edit(project, EN, '"A game"', '"A <b>game</b>"')
    out = check_ran(project, capsys, code=1)
    assert f"{EN}:{line_of(project, EN, 'A <b>game')}: markup-in-text" in out


@pytest.mark.parametrize(
    ("old", "new", "valid"),
    [
        ("    answer: 2\n", "    answer: 2\n", True),
        ("    answer: 2\n", "    answer: 0\n", False),
        ("    answer: true\n", "    answer: 2\n", False),
        ("    answer: 1\n", "", False),
        ("    objective: 1\n", "    objective: 7\n", False),
        ("    type: true-false\n", "    type: yes-no\n", False),
        ('      - "A game"\n', '      - "A game"\n      - "B"\n      - "C"\n', False),
        (THIRD, "", False),
        (THIRD, THIRD * 4, True),
        (THIRD, THIRD * 5, False),
        ('    why: "A surprise is fun, and it ends soon, when everyone finds out."\n', "", False),
        ("    type: true-false\n", "    type: true-false\n    choices: [a, b]\n", False),
    ],
)
def test_check_and_the_published_schema_agree_on_questions(
    project: Path, capsys, old: str, new: str, valid: bool
) -> None:
    """Errors the schema can see (types, ranges, counts) are errors for `check` too."""
    import jsonschema

    from signpost.safety import safe_yaml

    edit(project, EN, old, new)
    header = safe_yaml.load((project / EN).read_text(encoding="utf-8").split("---\n")[1])
    schema = json.loads((REPO / "lesson.schema.json").read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(header))
    code = main(["-C", str(project), "check", EN])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    assert (code == 0) is valid, out.out + out.err
    assert (not errors) is valid, [e.message for e in errors]
