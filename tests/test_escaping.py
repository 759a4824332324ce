"""Text meets a language: CSS in the handout, <title>, raw HTML, tel: links, file names.

Each test is a reproduction from issue 18: a contributor's text that once escaped the
language it was placed in. `check` must refuse it at its line, and where a careless
site downgrades that finding, the output (the printed PDF, the built page, the
sitemap, the offline zip) must still show only what was written, as text.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from test_validate import check, edit

from signpost.pipeline import check_project

LESSON = "lessons/spotting-secrets/index.md"
TITLE = "title: Spotting unsafe secrets"
# A form feed ends a CSS string; what follows it became rules of the handout's stylesheet.
FORM_FEED_TITLE = (
    'title: "Spotting\\f} } .lines, .emergency { display: none } '
    "body::before { content: 'CALL 1-555' '-555-0100' } @page { @bottom-left { content: 'x\""
)


def downgrade(root: Path, *codes: str) -> None:
    """What a careless site owner can do in signpost.yml: findings become warnings."""
    config = root / "signpost.yml"
    config.write_text(
        config.read_text() + "checks:\n" + "".join(f"  {c}: warning\n" for c in codes),
        encoding="utf-8",
    )


def pdf_text(pdf: bytes) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("reading the printed PDF needs pdftotext: apt-get install poppler-utils")
    done = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(done.stdout.decode("utf-8").split())


def test_a_form_feed_in_a_title_is_refused(project: Path, capsys) -> None:
    edit(project, LESSON, TITLE, FORM_FEED_TITLE)
    code, out = check(project, capsys)
    assert code == 1
    assert f"{LESSON}:2: control-character" in out, out


def test_a_form_feed_in_a_title_cannot_restyle_the_printed_handout(project: Path) -> None:
    from signpost.handouts.document import Builder
    from signpost.handouts.render import render_pdf

    edit(project, LESSON, TITLE, FORM_FEED_TITLE)
    downgrade(project, "control-character", "markup-in-text")
    checked = check_project(project)
    assert not checked.report.errors, checked.report.errors
    lesson = next(x for x in checked.lessons if x.id == "spotting-secrets")
    doc = Builder(checked, "en").handout(lesson, "a4")
    text = pdf_text(render_pdf(doc.html, (str(project),), b"0" * 32))
    assert "CALL 1-555-555-0100" not in text, text
    assert "911" in text and "988" in text and "1-888-373-7888" in text, text


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        (TITLE, 'title: "Spotting \\u202eterces\\u202c secrets"', 2),
        (
            "  - By the end, you can tell a surprise from an unsafe secret.",
            '  - "By the end, you can\\u200b tell a surprise from an unsafe secret."',
            9,
        ),
        ("  - title: DHS Blue Campaign", '  - title: "DHS Blue\\u2066 Campaign"', 15),
    ],
    ids=["bidi override in a title", "zero-width in an objective", "isolate in a source"],
)
def test_invisible_characters_written_as_yaml_escapes_are_refused(
    project: Path, capsys, old: str, new: str, line: int
) -> None:
    edit(project, LESSON, old, new)
    code, out = check(project, capsys)
    assert code == 1
    assert f"{LESSON}:{line}: invisible-character" in out, out
