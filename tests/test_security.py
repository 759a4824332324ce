"""A hostile contributor's files: each is refused at its line, or made harmless in the output.

The first half feeds `signpost check` one hostile input at a time and expects a
`path:line: code` finding. The second half downgrades those findings to warnings (as a
careless site owner could in signpost.yml), builds the site anyway, and proves in
Chromium that nothing runs, nothing leaks and nothing covers the help box.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_validate import check, edit

from signpost.build.build import build_site

LESSON = "lessons/spotting-secrets/index.md"
ES = "lessons/spotting-secrets/index.es.md"
DOC = "docs/index.md"
SUMMARY = "summary: Find out the difference between a surprise and an unsafe secret."

REFUSED = [
    # (id, file, old, new, "path:line: code")
    ("title img onerror", LESSON, "title: Spotting unsafe secrets",
     "title: Spotting <img src=x onerror=alert(1)>", f"{LESSON}:2: markup-in-text"),
    ("summary breaks out of meta", LESSON, SUMMARY,
     'summary: "\\"><script>alert(1)</script>"', f"{LESSON}:3: markup-in-text"),
    ("summary attr_list onclick", LESSON, SUMMARY,
     """summary: '[c](https://example.org){: onclick="alert(1)" }'""",
     f"{LESSON}:3: markup-in-text"),
    ("objective with a tag", LESSON, "  - By the end, you can tell",
     "  - <svg onload=alert(1)> By the end, you can tell", f"{LESSON}:9: markup-in-text"),
    ("source title with a tag", LESSON, "  - title: DHS Blue Campaign",
     "  - title: DHS <b onmouseover=alert(1)>Blue</b>", f"{LESSON}:15: markup-in-text"),
    ("translation title", ES, "title: Reconocer secretos inseguros",
     "title: <img src=x onerror=alert(1)>", f"{ES}:2: markup-in-text"),
    ("activity title", LESSON, "/// activity | Sort the cards",
     "/// activity | <img src=x onerror=alert(1)>", f"{LESSON}:28: markup-in-text"),
    ("script in a lesson", LESSON, "A surprise is fun.",
     "<script>alert(1)</script> A surprise is fun.", f"{LESSON}:25: unsafe-html"),
    ("style attribute overlay", LESSON, "A surprise is fun.",
     '<div style="position:fixed;inset:0">Call 555</div> A surprise is fun.',
     f"{LESSON}:25: unsafe-html"),
    ("class mimics the help box", LESSON, "A surprise is fun.",
     '<aside class="sp-help">Call 555</aside> A surprise is fun.', f"{LESSON}:25: unsafe-html"),
    ("attr_list class", LESSON, "A surprise is fun.", "A surprise is fun.{: .sp-help }",
     f"{LESSON}:25: unsafe-html"),
    ("entity-hidden javascript", LESSON, "A surprise is fun.",
     '<a href="jav&#x61;script:alert(1)">x</a> A surprise is fun.', f"{LESSON}:25: unsafe-html"),
    ("reference link to javascript", LESSON, "A surprise is fun.",
     "A surprise is [fun][x].\n\n[x]: javascript:alert(1)", f"{LESSON}:27: unsafe-html"),
    ("data url image", LESSON, "A surprise is fun.",
     "![x](data:text/html;base64,PHNjcmlwdD4=) A surprise is fun.", f"{LESSON}:25: unsafe-html"),
    ("admonition with a made-up type", LESSON, "A surprise is fun.",
     '!!! sp-help "Call"\n    555\n\nA surprise is fun.', f"{LESSON}:25: unsafe-html"),
    ("site page script", DOC, "# Fixture home", "# Fixture home\n\n<script>alert(1)</script>",
     f"{DOC}:7: unsafe-html"),
    ("site page img onerror", DOC, "# Fixture home",
     "# Fixture home\n\n<img src=x alt=x onerror=alert(1)>", f"{DOC}:7: unsafe-html"),
    ("site page meta refresh", DOC, "# Fixture home",
     '# Fixture home\n\n<meta http-equiv="refresh" content="0;url=https://evil.example">',
     f"{DOC}:7: unsafe-html"),
    ("site page javascript link", DOC, "# Fixture home",
     "# Fixture home\n\n[help](javascript:alert(1))", f"{DOC}:7: unsafe-html"),
    ("bidi override in a title", LESSON, "title: Spotting unsafe secrets",
     "title: Spotting \u202eterces\u202c secrets", f"{LESSON}:2: invisible-character"),
    ("zero-width space in a body", LESSON, "A surprise is fun.", "A sur\u200bprise is fun.",
     f"{LESSON}:25: invisible-character"),
    ("bidi override in a hotline", "data/hotlines.yml", "call: 1-888-373-7888",
     "call: 1-888-373-7888\u202e", "data/hotlines.yml:"),
    ("yaml alias bomb in a header", LESSON, "topics: [secrets, trusted-adults]",
     "topics: &t [secrets, trusted-adults]\nextra: [*t, *t, *t]", f"{LESSON}:7: yaml-syntax"),
    ("custom yaml tag", LESSON, "ages: 8-10", "ages: !!python/object:os.system 8-10",
     f"{LESSON}:5: yaml-syntax"),
    ("impossible date", LESSON, "reviewed: 2026-11-01", "reviewed: 2026-02-30",
     f"{LESSON}:13: wrong-type"),
    ("source_hash names a path", ES, "title: Reconocer secretos inseguros",
     "title: Reconocer secretos inseguros\nsource_hash: ../../../etc/passwd",
     f"{ES}:3: wrong-type"),
]  # fmt: skip


@pytest.mark.parametrize("case", REFUSED, ids=[c[0] for c in REFUSED])
def test_hostile_input_is_refused_at_its_line(project: Path, capsys, case) -> None:
    _, rel, old, new, prefix = case
    edit(project, rel, old, new)
    code, out = check(project, capsys)
    assert code == 1, out
    assert any(line.startswith(prefix) for line in out.splitlines()), f"{prefix!r} in:\n{out}"
    assert "Traceback" not in out and "unexpected" not in out


@pytest.mark.parametrize(
    ("where", "name", "target"),
    [
        ("lessons/spotting-secrets", "leak.txt", "/etc/passwd"),
        ("docs", "leak.md", "/etc/hostname"),
        ("data", "leak.yml", "/etc/hostname"),
        ("lessons", "outside-lesson", "/tmp"),
    ],
)
def test_symbolic_links_are_refused(project: Path, capsys, where, name, target) -> None:
    (project / where / name).symlink_to(target)
    code, out = check(project, capsys)
    assert code == 1
    assert f"{where}/{name}:1: symlink symbolic link (to `{target}`)" in out


@pytest.mark.parametrize("name", ["evil.html", "evil.svg", "evil.js", "notes"])
def test_only_images_and_pdfs_are_published_from_a_lesson(project: Path, capsys, name) -> None:
    (project / "lessons/spotting-secrets" / name).write_text("<script>alert(1)</script>")
    code, out = check(project, capsys)
    assert code == 1
    assert f"lessons/spotting-secrets/{name}:1: asset-type" in out


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("site_dir: ../elsewhere", "`site_dir: ../elsewhere` must be a folder inside the project"),
        ("site_dir: /tmp", "must be a folder inside the project"),
        ("site_dir: .", "must be a folder inside the project"),
        ("site_dir: lessons", "`site_dir` and `lessons_dir` overlap"),
    ],
)
def test_site_dir_cannot_point_at_what_a_build_would_delete(
    project: Path, capsys, setting: str, message: str
) -> None:
    config = project / "signpost.yml"
    config.write_text(config.read_text() + f"\n{setting}\n", encoding="utf-8")
    code, out = check(project, capsys)
    assert code == 2 and message in out and "Traceback" not in out
    assert (project / "lessons").is_dir()


def test_lesson_folder_named_with_a_newline_is_refused(project: Path, capsys) -> None:
    shutil.copytree(project / "lessons/staff-basics", project / "lessons/staff-extra\n")
    code, out = check(project, capsys)
    assert code == 1 and "lesson-id" in out


def test_mark_current_never_reads_outside_the_project(project: Path, capsys, tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET\n")
    hostile = os.path.relpath(
        secret.with_suffix(""), project / ".signpost/sources/spotting-secrets"
    )
    edit(project, ES, "title: Reconocer", f"source_hash: {hostile}\ntitle: Reconocer")
    from signpost.cli import main

    assert (
        main(["-C", str(project), "translations", "--mark-current", "spotting-secrets", "es"]) == 0
    )
    assert "TOP SECRET" not in capsys.readouterr().out


def test_a_one_megabyte_lesson_is_checked_promptly(project: Path) -> None:
    """Patterns that backtrack took five minutes on this file; linear ones take seconds.

    Not a benchmark: the generous bound only catches a return to quadratic time.
    """
    path = project / LESSON
    hostile = "<b " * 20000 + "\n" + "[" * 50000 + "\n" + "```\n" * 2001 + "{" * 50000 + "\n"
    hostile = '<b onclick="x">' * 5000 + "\n" + hostile
    text = path.read_text(encoding="utf-8") + hostile
    while len(text) < 1_000_000:
        text += "Plain text sentence for a young reader to read here. " * 200 + "\n"
    path.write_text(text, encoding="utf-8")
    start = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-m", "signpost", "-C", str(project), "check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert time.monotonic() - start < 120
    assert "Traceback" not in run.stderr and "unsafe-html" in run.stderr


def test_partial_build_keeps_the_other_languages(project: Path, capsys) -> None:
    assert build_site(project, handouts=False) == 0
    marker = project / "site/es/index.html"
    before = marker.read_text(encoding="utf-8")
    assert build_site(project, handouts=False, languages=["en"]) == 0
    assert "kept es, ar from the previous site/" in capsys.readouterr().out
    assert marker.read_text(encoding="utf-8") == before
    assert (project / "site/ar/index.html").is_file()


# The hostile site: every refusal above downgraded to a warning, then built anyway.

DOWNGRADE = [
    "markup-in-text",
    "unsafe-html",
    "invisible-character",
    "asset-type",
    "symlink",
    "image-alt",
]
HOSTILE_LESSON = [
    ("title: Spotting unsafe secrets", "title: Spotting <img src=x onerror=alert(1)> secrets"),
    (SUMMARY, 'summary: "\\"><script>alert(2)</script> Find out"'),
    ("  - By the end, you can tell", "  - <svg onload=alert(3)> By the end, you can tell"),
    ("/// activity | Sort the cards", "/// activity | <img src=x onerror=alert(4)> Sort"),
    (
        "A surprise is fun.",
        '<script>alert(5)</script><img src=x onerror="alert(6)">'
        '<a href="javascript:alert(7)">j</a> <a href="jav&#x61;script:alert(8)">k</a>'
        '<div style="position:fixed;inset:0;z-index:99;background:red">Call 555</div>'
        '<aside class="sp-help">Call 555</aside>{: onclick="alert(9)" }\n\n'
        '[fun](javascript:alert(10)){: onclick="alert(11)" } A surprise is fun.',
    ),
]
HOSTILE_PAGE = (
    "# Fixture home\n\n<script>alert(12)</script>\n\n<img src=x alt=x onerror=alert(13)>\n\n"
    '<meta http-equiv="refresh" content="0;url=https://evil.example">\n\n'
    "[help](javascript:alert(14))\n\n<iframe src=https://evil.example></iframe>\n"
)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import make_project

    root = make_project(tmp_path_factory.mktemp("hostile"))
    config = root / "signpost.yml"
    config.write_text(
        config.read_text() + "checks:\n" + "".join(f"  {c}: warning\n" for c in DOWNGRADE),
        encoding="utf-8",
    )
    for old, new in HOSTILE_LESSON:
        edit(root, LESSON, old, new)
    edit(root, DOC, "# Fixture home", HOSTILE_PAGE)
    edit(root, ES, "title: Reconocer secretos inseguros", "title: <img src=x onerror=alert(15)>")
    edit(root, "data/hotlines.yml", "en: United States", 'en: "<img src=x onerror=alert(16)>"')
    strings = root / "data/strings/en.yml"
    text = strings.read_text(encoding="utf-8")
    for key in ("nav_guides", "catalogue_intro", "site_description", "help_heading"):
        text = text.replace(f"\n{key}:", f'\n{key}: "<img src=x onerror=alert(20)>"\nx_{key}:')
    strings.write_text(text, encoding="utf-8")
    (root / "lessons/spotting-secrets/evil.html").write_text("<script>alert(30)</script>")
    (root / "lessons/spotting-secrets/evil.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(31)"/>'
    )
    (root / "lessons/spotting-secrets/leak.txt").symlink_to("/etc/hostname")
    (root / "docs/leak.md").symlink_to("/etc/hostname")
    assert build_site(root, handouts=False) == 0
    return root / "site"


def test_hostile_files_are_not_published(hostile_site: Path) -> None:
    lesson = hostile_site / "en/lessons/spotting-secrets"
    for name in ("evil.html", "evil.svg", "leak.txt"):
        assert not (lesson / name).exists(), name
    assert not (hostile_site / "en/leak").exists()
    hostname = Path("/etc/hostname").read_text().strip()
    for page in hostile_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html, page
        assert "<meta http-equiv" not in html.split("</head>")[1], page
        if hostname:
            assert hostname not in html or hostname in ("localhost",), page


@pytest.mark.browser
def test_nothing_runs_in_the_browser(browser, hostile_site: Path) -> None:
    from chromium import serve

    pages = [
        "en/",
        "en/lessons/spotting-secrets/",
        "en/lessons/spotting-secrets/plan/",
        "en/catalogue/",
        "en/get-help/",
        "en/for-students/" if (hostile_site / "en/for-students").exists() else "en/",
        "es/lessons/spotting-secrets/",
        "ar/lessons/spotting-secrets/",
    ]
    with serve(hostile_site) as base:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in pages:
            page.goto(f"{base}/{path}", wait_until="load")
            page.wait_for_timeout(200)
            assert page.url.startswith(base), f"{path} navigated away to {page.url}"
            found = page.evaluate(
                """() => {
                  const bad = [];
                  for (const el of document.querySelectorAll('*')) {
                    for (const a of el.attributes) {
                      const v = a.value.replace(/[\\s\\x00-\\x1f]/g, '').toLowerCase();
                      if (a.name.startsWith('on')) bad.push(el.tagName + ' ' + a.name);
                      if (/^(javascript|data|vbscript):/.test(v) && a.name !== 'content')
                        bad.push(el.tagName + ' ' + a.name + '=' + v.slice(0, 30));
                    }
                  }
                  return bad;
                }"""
            )
            assert found == [], (path, found)
            help_box = page.locator(".sp-help").first
            if help_box.count():
                help_box.evaluate("e => e.scrollIntoView({block: 'center'})")
                box = help_box.bounding_box()
                covered = page.evaluate(
                    "([x, y]) => !document.elementFromPoint(x, y).closest('.sp-help')",
                    [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
                )
                assert not covered, f"something covers the help box on {path}"
                assert page.locator(".sp-help").count() == 1, "a contributor's fake help box"
    assert dialogs == []
