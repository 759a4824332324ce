"""Every bad input named in the lesson format fails `signpost check` with file, line and code."""

from __future__ import annotations

from pathlib import Path

import pytest

from signpost.cli import main

LESSON = "lessons/spotting-secrets/index.md"


def check(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["-C", str(root), "check", *extra])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def check_ran(root: Path, capsys: pytest.CaptureFixture[str], *extra: str, code: int = 0) -> str:
    """`check`'s output, once it is known to have run to the end with exit `code`: a test
    that looks for the absence of a finding must not pass because `check` crashed."""
    got, out = check(root, capsys, *extra)
    assert got == code, out
    assert "Traceback" not in out and "signpost: unexpected" not in out, out
    assert "error(s)" in out.splitlines()[-1], "check did not reach its summary line"
    return out


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_fixture_is_valid(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = check(project, capsys)
    assert code == 0, out
    assert "0 error(s)" in out


CASES = [
    # (description, file, old, new, expected "path:line: code" prefix, message fragment)
    (
        "broken yaml",
        LESSON,
        "title: Spotting unsafe secrets",
        "title: [unclosed",
        f"{LESSON}:3: yaml-syntax",
        "broken YAML",
    ),
    (
        "missing key",
        LESSON,
        "summary: Find out the difference between a surprise and an unsafe secret.\n",
        "",
        f"{LESSON}:1: missing-key",
        "`summary`",
    ),
    (
        "missing warning signs",
        LESSON,
        "warning_signs:\n  - Someone asks you to keep a secret from your family.\n",
        "",
        f"{LESSON}:1: missing-key",
        "`warning_signs`",
    ),
    (
        "help box names an unknown purpose",
        "data/hotlines.yml",
        "youth: [emergency,",
        "youth: [emergncy,",
        "data/hotlines.yml:27: data-file",
        "`help_box` must list purposes",
    ),
    (
        "hotline with an unknown purpose",
        "data/hotlines.yml",
        "purpose: tips",
        "purpose: tipz",
        "data/hotlines.yml:74: data-file",
        "purpose `tipz` is not one of",
    ),
    (
        "misspelled key",
        LESSON,
        "objectives:",
        "objectivs:",
        f"{LESSON}:8: misspelled-key",
        "misspelling of `objectives`",
    ),
    (
        "unknown key",
        LESSON,
        "duration: 30",
        "duration: 30\ncolour: red",
        f"{LESSON}:7: unknown-key",
        "unknown key `colour`",
    ),
    (
        "wrong type",
        LESSON,
        "duration: 30",
        "duration: thirty",
        f"{LESSON}:6: wrong-type",
        "whole number",
    ),
    (
        "unknown audience",
        LESSON,
        "audience: youth",
        "audience: yuoth",
        f"{LESSON}:4: unknown-audience",
        "did you mean `youth`",
    ),
    (
        "unknown topic",
        LESSON,
        "topics: [secrets, trusted-adults]",
        "topics: [secrets, trusted-adult]",
        f"{LESSON}:7: unknown-topic",
        "did you mean `trusted-adults`",
    ),
    ("reversed ages", LESSON, "ages: 8-10", "ages: 10-8", f"{LESSON}:5: ages", "reversed"),
    ("ages out of range", LESSON, "ages: 8-10", "ages: 3-10", f"{LESSON}:5: ages", "5-99"),
    (
        "unclosed block",
        LESSON,
        "2. ____________________\n///",
        "2. ____________________",
        f"{LESSON}:51: block-unclosed",
        "never closed",
    ),
    (
        "unknown block",
        LESSON,
        "/// handout",
        "/// handuot",
        f"{LESSON}:51: block-unknown",
        "did you mean `handout`",
    ),
    (
        "activity without minutes",
        LESSON,
        "    minutes: 20\n",
        "",
        f"{LESSON}:45: block-option",
        "minutes",
    ),
    (
        "minutes do not add up",
        LESSON,
        "    minutes: 20",
        "    minutes: 25",
        f"{LESSON}:6: duration-mismatch",
        "add up to 35, but duration is 30",
    ),
    (
        "link to missing page",
        LESSON,
        "../staff-basics/index.md",
        "../no-such-lesson/index.md",
        f"{LESSON}:26: broken-link",
        "no-such-lesson",
    ),
    (
        "image without alt",
        LESSON,
        "A surprise is fun.",
        "![](cards.png) A surprise is fun.",
        f"{LESSON}:25: image-alt",
        "cards.png",
    ),
    (
        "script tag",
        LESSON,
        "A surprise is fun.",
        "<script>alert(1)</script> A surprise is fun.",
        f"{LESSON}:25: unsafe-html",
        "<script>",
    ),
    (
        "event handler",
        LESSON,
        "A surprise is fun.",
        '<b onclick="steal()">A</b> surprise is fun.',
        f"{LESSON}:25: unsafe-html",
        "onclick",
    ),
    (
        "javascript link",
        LESSON,
        "[grooming](../../glossary.md#grooming)",
        "[grooming](javascript:alert(1))",
        f"{LESSON}:26: unsafe-html",
        "javascript:",
    ),
    (
        "stigmatising term in youth text",
        LESSON,
        "A surprise is fun.",
        "A prostitute is not a word we use.",
        f"{LESSON}:25: avoid-term",
        "person who was",
    ),
    (
        "no https source",
        LESSON,
        "url: https://www.dhs.gov/blue-campaign",
        "url: http://www.dhs.gov/blue-campaign",
        f"{LESSON}:14: source-https",
        "https",
    ),
    (
        "old review",
        LESSON,
        "reviewed: 2026-11-01",
        "reviewed: 2020-01-01",
        f"{LESSON}:13: review-stale",
        "months ago",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_reported(project: Path, capsys: pytest.CaptureFixture[str], case) -> None:
    _, rel, old, new, prefix, fragment = case
    edit(project, rel, old, new)
    code, out = check(project, capsys)
    assert code == 1, out
    line = next((ln for ln in out.splitlines() if ln.startswith(prefix)), None)
    assert line is not None, f"expected {prefix!r} in:\n{out}"
    assert fragment in line
    assert "hint:" in out
    assert "Traceback" not in out


def test_every_problem_is_listed_not_just_the_first(project, capsys) -> None:
    edit(project, LESSON, "audience: youth", "audience: yuoth")
    edit(project, LESSON, "    minutes: 20", "    minutes: 25")
    edit(project, "lessons/staff-basics/index.md", "/// handout", "/// handuot")
    code, out = check(project, capsys)
    assert code == 1
    assert "unknown-audience" in out and "duration-mismatch" in out and "block-unknown" in out


def test_non_utf8_file(project: Path, capsys) -> None:
    path = project / LESSON
    path.write_bytes(path.read_bytes().replace(b"surprise", b"surpr\xe9se", 1))
    code, out = check(project, capsys)
    assert code == 1
    assert f"{LESSON}:3: encoding" in out


def test_empty_file(project: Path, capsys) -> None:
    (project / "lessons/staff-basics/index.md").write_text("", encoding="utf-8")
    code, out = check(project, capsys)
    assert code == 1
    assert "lessons/staff-basics/index.md:1: empty-file" in out


def test_translation_without_source(project: Path, capsys) -> None:
    folder = project / "lessons" / "lonely"
    folder.mkdir()
    (folder / "index.es.md").write_text("---\ntitle: Sola\n---\n\nTexto.\n", encoding="utf-8")
    code, out = check(project, capsys)
    assert code == 1
    assert "lessons/lonely/index.es.md:1: orphan-translation" in out


def test_translation_may_not_override_shared_keys(project: Path, capsys) -> None:
    edit(
        project, "lessons/spotting-secrets/index.es.md", "objectives:", "duration: 30\nobjectives:"
    )
    code, out = check(project, capsys)
    assert code == 1
    assert "lessons/spotting-secrets/index.es.md:4: untranslatable-key" in out


def test_bad_lesson_id(project: Path, capsys) -> None:
    (project / "lessons" / "staff-basics").rename(project / "lessons" / "Staff_Basics")
    edit(project, LESSON, "../staff-basics/index.md", "../../glossary.md")
    code, out = check(project, capsys)
    assert code == 1
    assert "lessons/Staff_Basics/index.md:1: lesson-id" in out


def test_warnings_fail_only_when_strict(project: Path, capsys) -> None:
    edit(
        project,
        "lessons/staff-basics/index.md",
        "Write down what you saw",
        "Never call a victim names. Write down what you saw",
    )
    code, out = check(project, capsys)
    assert code == 0, out
    assert "avoid-term (warning)" in out
    code, _ = check(project, capsys, "--strict")
    assert code == 1


def test_reading_level_fails_youth_text(project: Path, capsys) -> None:
    hard = (
        "Notwithstanding considerable institutional documentation, exploitative "
        "intermediaries systematically manipulate interpersonal vulnerabilities, "
        "cultivating dependency through reciprocal obligations and sophisticated "
        "psychological conditioning mechanisms.\n"
    )
    edit(project, LESSON, "A surprise is fun.", hard)
    code, out = check(project, capsys, "--verbose")
    assert code == 1
    assert "reading-level" in out and "target of 5 for ages 8-10" in out
    assert "reading grade" in out


def test_reading_level_is_not_faked_for_unsupported_languages(project, capsys) -> None:
    ar = project / "lessons/spotting-secrets/index.ar.md"
    ar.write_text(
        "---\ntitle: أسرار\n---\n\n/// activity | بطاقات\n    minutes: 30\n\nنص.\n///\n",
        encoding="utf-8",
    )
    code, out = check(project, capsys, "--verbose")
    assert "index.ar.md: reading level not measured" in out


def test_github_annotations(project: Path, capsys) -> None:
    edit(project, LESSON, "audience: youth", "audience: yuoth")
    _, out = check(project, capsys, "--format", "github")
    assert f"::error file={LESSON},line=4,title=unknown-audience::" in out


def test_unexpected_config_problem_is_one_line(tmp_path: Path, capsys) -> None:
    code, out = check(tmp_path, capsys)
    assert code == 2
    assert out.strip().startswith("signpost:") and "Traceback" not in out


CARDS = '- [Tell] CARD-TWO: "Don\'t tell your family about our chats."'
ES = "lessons/spotting-secrets/index.es.md"


@pytest.mark.parametrize(
    ("old", "new", "expected", "fragment"),
    [
        (CARDS, "- [Tell]", f"{LESSON}:37: card-empty", "card 2 has no text"),
        (CARDS, "- [Tell] " + "word " * 130, f"{LESSON}:37: card-too-long", "at most 600"),
        (CARDS, "- [Tel] CARD-TWO", f"{LESSON}:37: card-category", "did you mean `Tell`?"),
        (CARDS, CARDS + "\nNot a card.", f"{LESSON}:38: cards-format", "is not a list item"),
        (
            "    sort: [Surprise, Tell]",
            "    sort: Surprise",
            f"{LESSON}:34: cards-format",
            "`sort:`",
        ),
        ("//// cards\n", "//// cards | Messages\n", f"{LESSON}:33: cards-format", "no title"),
        (
            "## A surprise or a secret?",
            "//// cards\n- A card nowhere.\n////\n\n## A surprise or a secret?",
            f"{LESSON}:23: cards-outside-activity",
            "outside an activity",
        ),
    ],
    ids=["empty", "too-long", "unknown-pile", "not-a-list", "sort-not-a-list", "title", "outside"],
)
def test_bad_cards_are_findings_with_their_line(
    project: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, expected: str, fragment
) -> None:
    edit(project, LESSON, old, new)
    out = check_ran(project, capsys, code=1)
    line = next((x for x in out.splitlines() if x.startswith(expected)), "")
    assert fragment in line, out
    assert "hint:" in out


def test_a_translation_declares_the_same_cards_as_its_source(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "cards-mismatch" not in check_ran(project, capsys)
    edit(project, ES, "- [Cuéntalo] TARJETA-DOS", "- [Sorpresa] TARJETA-DOS")
    out = check_ran(project, capsys, code=1)
    assert f"{ES}:29: cards-mismatch this card goes in pile 1" in out, out
    edit(
        project,
        ES,
        "- [Sorpresa] TARJETA-DOS: «No le cuentes a tu familia de nuestros chats».\n",
        "",
    )
    out = check_ran(project, capsys, code=1)
    assert f"{ES}:25: cards-mismatch activity 1 declares 1 card(s)" in out, out
    assert "declares 2)" in out
    text = (project / ES).read_text(encoding="utf-8")
    start, end = text.index("//// cards"), text.index("////\n", text.index("//// cards") + 10)
    (project / ES).write_text(text[:start] + text[end + 5 :], encoding="utf-8")
    out = check_ran(project, capsys, code=1)
    assert f"{ES}:20: cards-mismatch activity 1 declares no cards" in out, out


def test_every_directive_check_accepts_is_expanded_and_only_those(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One list (`content.directives`): a line check passes never reaches a reader as
    `[[...]]`, and the hint for one it refuses names every directive there is."""
    from signpost.build.build import build_site
    from signpost.content.directives import DIRECTIVES

    page = project / "docs" / "directives.md"
    lines = [f"[[{name}]]" for name in DIRECTIVES] + ["[[ lessons   youth ]]"]
    page.write_text("# Every directive\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    assert check(project, capsys)[0] == 0
    assert build_site(project, handouts=False, offline=True, languages=["en"]) == 0
    built = (project / "site" / "en" / "directives" / "index.html").read_text(encoding="utf-8")
    assert "[[" not in built
    page.write_text("# Every directive\n\n[[lessons adults]]\n", encoding="utf-8")
    code, out = check(project, capsys)
    assert code == 1 and "docs/directives.md:3: directive unknown page directive" in out
    assert ", ".join(f"[[{name}]]" for name in DIRECTIVES) in out
