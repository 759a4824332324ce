"""A site page's header (`docs/*.md`) is contributed text: read safely, checked against a
schema, escaped; and a page's policy hashes only the theme's own inline scripts.

Material prints header values (`subtitle`, `status`, `author`) raw into every page of a
language, and used to find them there hashed by the page's own policy. These are the
reproductions: each refused by `check` at its line, refused by the build before MkDocs
reads it, or (when a site downgrades the findings) left out of the page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_validate import check, edit

from signpost.build.build import build_site
from signpost.safety.csp import UnknownScript, policy, protect, script_hash
from signpost.theme import THEME_DIR

DOC = "docs/get-help.md"
TITLE = "title: Get help\n"
SCRIPT = r'"\u003cscript\u003ealert(1)\u003c/script\u003e"'

REFUSED = [
    # (id, replaces the title line with, "path:line: code")
    ("subtitle written with YAML escapes", f"{TITLE}subtitle: {SCRIPT}\n", f"{DOC}:3: page-key"),
    ("status written with YAML escapes", TITLE + r'status: "\u003cimg src=x onerror=alert(2)\u003e"'
     "\n", f"{DOC}:3: page-key"),
    ("author written with YAML escapes", TITLE + r'author: "\u0022\u003e\u003cscript\u003ealert(3)'
     r'\u003c/script\u003e"' "\n", f"{DOC}:3: page-key"),
    ("template", f"{TITLE}template: x.html\n", f"{DOC}:3: page-key"),
    ("alias", f"{TITLE}description: &d Help\nhide: *d\n", f"{DOC}:3: yaml-syntax"),
    ("duplicate key", f"{TITLE}title: Other\n", f"{DOC}:3: yaml-syntax"),
    ("title is a list", "title: [a, b]\n", f"{DOC}:2: page-value"),
    ("hide names no part of the page", f"{TITLE}hide: [content]\n", f"{DOC}:3: page-value"),
    ("bidi override as a YAML escape", TITLE + r'description: "Call \u202e5551\u202c"' "\n",
     f"{DOC}:3: page-value"),
    ("control character as a YAML escape", TITLE + r'description: "Call\f555"' "\n",
     f"{DOC}:3: page-value"),
    ("markup as YAML escapes", r'title: "\u003cb\u003eGet\u003c/b\u003e help"' "\n",
     f"{DOC}:2: markup-in-text"),
]  # fmt: skip


@pytest.mark.parametrize("case", REFUSED, ids=[c[0] for c in REFUSED])
def test_hostile_header_is_refused_at_its_line(project: Path, capsys, case) -> None:
    _, new, prefix = case
    edit(project, DOC, TITLE, new)
    code, out = check(project, capsys)
    assert code == 1, out
    assert any(line.startswith(prefix) for line in out.splitlines()), f"{prefix!r} in:\n{out}"
    assert "Traceback" not in out


def test_the_shipped_headers_pass(project: Path, capsys) -> None:
    """Title, description and hide: what the shipped pages use, and nothing that adds to a page."""
    edit(project, DOC, TITLE, f"{TITLE}description: Numbers to call\nhide: [toc, navigation]\n")
    code, out = check(project, capsys)
    assert code == 0, out


def _build(project: Path, capsys) -> tuple[int, str]:
    code = build_site(project, handouts=False, languages=["en"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_build_refuses_a_header_before_mkdocs_reads_it(project: Path, capsys) -> None:
    """`title: [a, b]` and `template:` crashed MkDocs with a traceback."""
    assert _build(project, capsys)[0] == 0
    page = project / "site/en/get-help/index.html"
    before = page.read_text(encoding="utf-8")
    edit(project, DOC, TITLE, "title: [a, b]\ntemplate: x.html\n")
    code, out = _build(project, capsys)
    assert code != 0
    assert f"{DOC}:2: page-value" in out and f"{DOC}:3: page-key" in out, out
    assert "Traceback" not in out
    assert page.read_text(encoding="utf-8") == before


DOWNGRADED = ["page-key", "page-value", "markup-in-text"]


@pytest.fixture
def downgraded(project: Path) -> Path:
    """The header findings downgraded to warnings, as a careless site owner could."""
    config = project / "signpost.yml"
    config.write_text(
        config.read_text() + "checks:\n" + "".join(f"  {c}: warning\n" for c in DOWNGRADED),
        encoding="utf-8",
    )
    edit(
        project,
        DOC,
        TITLE,
        f"title: [a, b]\ntemplate: x.html\nsubtitle: {SCRIPT}\n"
        r'status: "\u003cimg src=x onerror=alert(2)\u003e"'
        "\n"
        r'author: "\u0022\u003e\u003cscript\u003ealert(3)\u003c/script\u003e"'
        "\n"
        r'description: "\u003cscript\u003ealert(4)\u003c/script\u003e"'
        "\n",
    )
    # No `---`: MkDocs would read these lines as a header of their own.
    (project / "docs/about.md").write_text(
        "template: x.html\nsubtitle: x\n\n# About\n\nAbout us.\n", encoding="utf-8"
    )
    return project


@pytest.mark.browser
@pytest.mark.browser
def test_a_downgraded_header_reaches_no_template(downgraded: Path, capsys, browser) -> None:
    code, out = _build(downgraded, capsys)
    assert code == 0, out
    site = downgraded / "site/en"
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "alert(" not in text.replace("&lt;script&gt;alert(4)", ""), page
    help_page = (site / "get-help/index.html").read_text(encoding="utf-8")
    assert "<title>Get help - Fixture</title>" in help_page
    assert 'content="&lt;script&gt;alert(4)&lt;/script&gt;"' in help_page
    assert "template: x.html" in (site / "about/index.html").read_text(encoding="utf-8")

    from chromium import serve

    with serve(downgraded / "site") as base:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in ("en/", "en/get-help/", "en/about/"):
            page.goto(f"{base}/{path}", wait_until="load")
            assert page.evaluate("typeof __md_scope") == "object", "the theme's script ran"
        page.close()
    assert dialogs == []


def test_a_broken_header_fails_the_build_naming_the_file(downgraded: Path, capsys) -> None:
    """Even with `yaml-syntax` downgraded, the build never reads a header MkDocs' way."""
    config = downgraded / "signpost.yml"
    config.write_text(config.read_text() + "  yaml-syntax: warning\n", encoding="utf-8")
    edit(downgraded, DOC, "template: x.html\n", "template: &t x.html\nx: *t\n")
    code, out = _build(downgraded, capsys)
    assert code != 0
    assert f"signpost: {DOC}:3: YAML anchors" in out, out
    assert "Traceback" not in out


# --- the policy: only the theme's own inline scripts are hashed ----------------------


def test_policy_hashes_only_the_scripts_it_was_told_of() -> None:
    page = "<head><script>theme()</script><script type=text/jscript>evil()</script></head>"
    with pytest.raises(UnknownScript, match=r"evil\(\)"):
        policy(page, {"theme()"})
    with pytest.raises(UnknownScript):
        protect(page, {"theme()"})
    assert script_hash("theme()") in policy("<script>theme()</script>", {"theme()"})


def test_an_inline_script_from_a_template_fails_the_build(project: Path, capsys) -> None:
    """A route past the sanitiser: the script is in the template, not in the content.
    The build fails naming a page instead of hashing the script into its policy."""
    overrides = project / "overrides"
    overrides.mkdir()
    main = overrides / "main.html"
    main.write_text(
        (Path(THEME_DIR) / "main.html").read_text(encoding="utf-8")
        + "{% block content %}<script>window.__injected = 1</script>{{ super() }}{% endblock %}\n",
        encoding="utf-8",
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "  name: material\n", "  name: material\n  custom_dir: overrides\n"
        ),
        encoding="utf-8",
    )
    code, out = _build(project, capsys)
    assert code != 0
    assert "an inline script nobody vouched for: <script>window.__injected = 1" in out, out
    assert "signpost: docs/" in out or "signpost: lessons/" in out, out
    assert not (project / "site/en").exists()
