"""Markdown that would stall or crash Python-Markdown is refused by `check` at its line,
and a page that still fails to render stops the build naming its file (issue 18)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from test_validate import check, edit

from signpost.build.build import build_site
from signpost.safety import markdown_limits

LESSON = "lessons/spotting-secrets/index.md"
DOC = "docs/index.md"
ANCHOR = "A surprise is fun."  # line 25 of the fixture lesson


def nested(opening: str, step: int, depth: int, inner: str = "x") -> str:
    """`depth` lines, each indented `step` spaces more than the last."""
    lines = [" " * (step * i) + opening for i in range(depth)]
    return "\n".join(lines) + "\n" + " " * (step * depth) + inner


HOSTILE = [
    # (id, Markdown put before line 25, code[, line where it goes over, if not 25]);
    # each one crashes or stalls the build unchecked
    ("run of [", "[" * 20_000, "markdown-rescan"),
    ("run of ![", "![" * 10_000, "markdown-rescan"),
    ("run of [a](", "[a](" * 5_000, "markdown-rescan"),
    ("nested brackets", "[" * 5_000 + "]" * 5_000, "markdown-rescan"),
    ("run of <a", "<a " * 7_000, "markdown-rescan"),
    ("headings inside a paragraph", "# a\n" * 3_000, "markdown-rescan"),
    ("rules inside a paragraph", "***\n" * 3_000, "markdown-rescan"),
    ("duplicate headings", "# a\n\n" * 500, "markdown-count", 23),  # the first
    ("code blocks", "```\nx\n```\n\n" * 500, "markdown-count"),
    ("deep list", nested("- x", 4, 600), "markdown-depth", 49),
    ("deep list on one line", "- " * 600 + "x", "markdown-depth"),
    ("deep blockquote", ">" * 600 + " x", "markdown-depth"),
    ("deep admonition", nested("!!! note", 4, 400), "markdown-depth", 49),
    ("deep details", nested("??? note", 4, 400), "markdown-depth", 49),
    (
        "deep blocks",
        "".join("/" * (3 + 60 - i) + " handout\n\n" for i in range(60))
        + "x\n\n"
        + "".join("/" * (3 + i) + "\n\n" for i in range(60)),
        "markdown-depth",
        73,
    ),
    ("nested div markdown", '<div markdown="1">\n' * 500 + "x\n" + "</div>\n" * 500,
     "markdown-depth", 50),
    # inline elements in one paragraph: each copies the paragraph again
    ("run of ` a", "` a " * 5_000, "markdown-rescan"),
    ("run of `a`", "`a` " * 5_000, "markdown-rescan"),
    ("run of [^1]", "[^1]" * 5_000, "markdown-rescan"),
    ("run of *a*", "*a* " * 5_000, "markdown-rescan"),
    ("run of escapes", "\\* " * 7_000, "markdown-rescan"),
    ("run of line breaks", "a  \n" * 5_000, "markdown-rescan"),
    # counts, reported where they go over: the fixture has 2 blocks before line 25
    ("blocks", "a\n\n" * 5_000, "markdown-count", 25 + 2 * (5_001 - 2 - 1)),
    ("list items", "- a\n" * 2_001, "markdown-count", 25 + 2_000),
    ("table rows", "| a |\n|---|\n" + "| a |\n" * 2_000, "markdown-count", 25 + 2_000),
    # a fence never closed is not code: Markdown renders what follows
    ("unclosed fence", "```\n" + "[" * 20_000, "markdown-rescan", 26),
]  # fmt: skip


@pytest.mark.parametrize("case", HOSTILE, ids=[c[0] for c in HOSTILE])
def test_hostile_markdown_is_refused_at_its_line(project: Path, capsys, case) -> None:
    _, hostile, code, *where = case
    edit(project, LESSON, ANCHOR, hostile + "\n\n" + ANCHOR)
    status, out = check(project, capsys)
    assert status == 1, out
    assert f"{LESSON}:{where[0] if where else 25}: {code}" in out, out
    assert "Traceback" not in out


def test_a_site_page_is_bounded_too(project: Path, capsys) -> None:
    edit(project, DOC, "# Fixture home", "# Fixture home\n\n" + "[" * 20_000)
    status, out = check(project, capsys)
    assert status == 1 and f"{DOC}:7: markdown-rescan" in out, out


def test_a_site_cannot_downgrade_these_findings(project: Path, capsys) -> None:
    config = project / "signpost.yml"
    config.write_text(
        config.read_text() + "\nchecks:\n  markdown-depth: warning\n  markdown-rescan: warning\n",
        encoding="utf-8",
    )
    edit(project, LESSON, ANCHOR, ">" * 600 + " x\n\n" + "[" * 20_000 + "\n\n" + ANCHOR)
    status, out = check(project, capsys)
    assert status == 1, out
    assert f"{LESSON}:25: markdown-depth Markdown" in out
    assert f"{LESSON}:27: markdown-rescan" in out


def test_shipped_constructs_pass(project: Path, capsys) -> None:
    """Links, nested lists and quotes, admonitions and stray brackets a lesson really uses."""
    ordinary = (
        "Read [this](https://example.org) and [that](../staff-basics/index.md) (really).\n"
        "A stray [ and a stray ( and x < y are fine.\n\n"
        + nested("- item", 4, 6)
        + "\n\n> > > quoted\n\n!!! note\n\n    ??? tip\n\n        text\n\n"
        + "## Heading\n\n---\n\n"
    )
    edit(project, LESSON, ANCHOR, ordinary + ANCHOR)
    status, out = check(project, capsys)
    assert "markdown-" not in out, out


ONE_MB = {
    "` a": "` a ",
    "`a`": "`a` ",
    "[^1]": "[^1]",
    "*a*": "*a* ",
    "escapes": "\\* ",
    "line breaks": "a  \n",
    "paragraphs": "a\n\n",
    "[^1] paragraphs": "[^1]\n\n",
    "- a lines": "- a\n",
    "|a| lines": "|a|\n",
    "[": "[",
    "![": "![",
    "[a](": "[a](",
    "<a ": "<a ",
    "# a lines": "# a\n",
    "*** lines": "***\n",
    "setext": "a\n=\n",
    "fences": "```\n",
    "> lines": ">",
}


@pytest.mark.parametrize("unit", ONE_MB.values(), ids=ONE_MB.keys())
def test_a_one_megabyte_construct_is_measured_promptly(unit: str) -> None:
    """The scan itself is linear: the generous bound only catches a return to quadratic time."""
    text = unit * (1_000_000 // len(unit))
    start = time.monotonic()
    found = list(markdown_limits.excesses(text))
    assert time.monotonic() - start < 60
    assert found  # where: test_check_refuses_a_one_megabyte_lesson_at_its_line


ONE_MB_CHECK = [
    # (id, unit repeated to 1 MB before line 25, code, line if not 25)
    ("` a", "` a ", "markdown-rescan"),
    ("`a`", "`a` ", "markdown-rescan"),
    ("[^1]", "[^1]", "markdown-rescan"),
    ("*a*", "*a* ", "markdown-rescan"),
    ("escapes", "\\* ", "markdown-rescan"),
    ("line breaks", "a  \n", "markdown-rescan"),
    ("[", "[", "markdown-rescan"),
    ("![", "![", "markdown-rescan"),
    ("[a](", "[a](", "markdown-rescan"),
    ("<a", "<a ", "markdown-rescan"),
    ("# a lines", "# a\n", "markdown-rescan"),
    ("*** lines", "***\n", "markdown-rescan"),
    ("setext", "a\n=\n", "markdown-rescan"),
    ("fences", "```\n", "markdown-count"),
    ("> run", ">", "markdown-depth"),
    ("paragraphs", "a\n\n", "markdown-count", 25 + 2 * (5_001 - 2 - 1)),
    ("[^1] paragraphs", "[^1]\n\n", "markdown-count", 25 + 2 * (5_001 - 2 - 1)),
    ("- a lines", "- a\n", "markdown-count", 25 + 2_000),
    ("|a| lines", "|a|\n", "markdown-count", 25 + 2_000),
]  # fmt: skip


@pytest.mark.parametrize("case", ONE_MB_CHECK, ids=[c[0] for c in ONE_MB_CHECK])
def test_check_refuses_a_one_megabyte_lesson_at_its_line(project: Path, capsys, case) -> None:
    """The whole `signpost check` (every check, not only the scan) on a hostile 1 MB lesson;
    the 60 s bound catches a hang, not a slow machine."""
    _, unit, code, *where = case
    edit(project, LESSON, ANCHOR, unit * (1_000_000 // len(unit)) + "\n\n" + ANCHOR)
    start = time.monotonic()
    status, out = check(project, capsys)
    assert time.monotonic() - start < 60
    assert status == 1, out[-2000:]
    assert f"{LESSON}:{where[0] if where else 25}: {code}" in out, out[-2000:]
    assert "Traceback" not in out


def test_a_page_that_cannot_render_fails_the_build_naming_it(
    project: Path, capsys, monkeypatch
) -> None:
    """A gap in `check` (here: its depth limit lifted) must still not end in a traceback."""
    assert build_site(project, handouts=False, languages=["en"]) == 0
    marker = project / "site/en/index.html"
    before = marker.read_text(encoding="utf-8")
    capsys.readouterr()
    monkeypatch.setattr(markdown_limits, "MAX_DEPTH", 100_000)
    edit(project, DOC, "# Fixture home", '<div markdown="1">\n' * 500 + "x\n" + "</div>\n" * 500)
    assert build_site(project, handouts=False, languages=["en"]) != 0
    captured = capsys.readouterr()
    out = captured.out + captured.err
    assert f"signpost: {DOC}: Markdown nested too deeply" in out, out
    assert "Traceback" not in out
    assert marker.read_text(encoding="utf-8") == before
