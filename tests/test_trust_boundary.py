"""The trust boundary, one rule at a time: each case is what a hostile or careless
contributor could write, and what the reader would get if the rule were gone.

These run in-process and fast, so mutation testing (`make mutation`, bench/MUTATION.md)
can run them against every mutant of the safety modules.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from signpost.findings import Report
from signpost.project import load_project
from signpost.safety import csp, files, hygiene, markup, safe_yaml, sanitize

# --- invisible and control characters (hygiene) ------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain text\nno tricks", []),
        ("Call \u202e8887-373-888-1", [(1, "\u202e")]),
        ("one\ntwo\nth\u200bree", [(3, "\u200b")]),
        ("a\u200bb\n\nc\u2066d", [(1, "\u200b"), (3, "\u2066")]),
        ("\ufeffa byte-order mark at the start is the editor's", []),
        ("x\ufeffy", [(1, "\ufeff")]),
        (
            "\u00ad\u061c\u180e\u2060\u2064\u202a\u202d\u2069",
            [(1, c) for c in "\u00ad\u061c\u180e\u2060\u2064\u202a\u202d\u2069"],
        ),
        ("\u202f and \u206a are not on the list", []),
    ],
)
def test_hidden_finds_each_invisible_character_on_its_line(
    text: str, expected: list[tuple[int, str]]
) -> None:
    assert list(hygiene.hidden(text)) == expected


def test_hidden_spares_only_the_marks_a_language_allows() -> None:
    text = "\u200c\n\u200d"
    assert list(hygiene.hidden(text, frozenset({0x200C}))) == [(2, "\u200d")]


def test_describe_names_the_character() -> None:
    assert hygiene.describe("\u202e") == "U+202E RIGHT-TO-LEFT OVERRIDE"
    assert hygiene.describe("\U000e0001") == "U+E0001 LANGUAGE TAG"
    assert hygiene.describe("\x85") == "U+0085 unnamed character"


@pytest.fixture
def loaded(project: Path):
    return load_project(project)


def _codes(report: Report) -> list[tuple[str, str, int]]:
    return [(f.code, f.path, f.line) for f in report.findings]


def test_report_invisible_gives_one_finding_per_character_and_the_first_control(loaded) -> None:
    report = Report()
    text = "ok\n\u202eone\nform\x0cfeed\nbell\x07 too\n\u200b"
    hygiene.report_invisible(loaded, "docs/page.md", text, "en", report)
    assert _codes(report) == [
        ("invisible-character", "docs/page.md", 2),
        ("invisible-character", "docs/page.md", 5),
        ("control-in-text", "docs/page.md", 3),
    ]
    assert "U+202E" in report.findings[0].message
    assert "U+000C" in report.findings[2].message


@pytest.mark.parametrize("char", ["\t", "\n"])
def test_tabs_and_newlines_are_not_control_findings(loaded, char: str) -> None:
    report = Report()
    hygiene.report_invisible(loaded, "docs/page.md", f"a{char}b", "en", report)
    assert report.findings == []


@pytest.mark.parametrize(
    "char", ["\x00", "\x08", "\x0b", "\x1f", "\x7f", "\x9f", "\u2028", "\u2029", "\r"]
)
def test_each_control_character_is_a_finding(loaded, char: str) -> None:
    report = Report()
    hygiene.report_invisible(loaded, "docs/page.md", f"line one\nx{char}y", None, report)
    assert _codes(report) == [("control-in-text", "docs/page.md", 2)]


def test_decoded_values_report_what_the_escape_put_in(loaded) -> None:
    report = Report()
    written = 'title: "Safe \\u202e"\nsummary: "a\\fb"\n'
    values = [(1, "Safe \u202e"), (2, "a\x0cb")]
    hygiene.report_decoded(loaded, "lessons/x/index.md", values, written, "en", report)
    assert _codes(report) == [
        ("invisible-character", "lessons/x/index.md", 1),
        ("control-character", "lessons/x/index.md", 2),
    ]


def test_decoded_values_are_not_reported_twice_or_for_a_leading_bom(loaded) -> None:
    report = Report()
    written = "title: \u202eliteral\n"
    hygiene.report_decoded(loaded, "x.md", [(1, "\u202eliteral")], written, "en", report)
    assert report.findings == [], "the literal one is reported where it is written"
    hygiene.report_decoded(loaded, "x.md", [(1, "\ufeffstart")], "title: x", "en", report)
    assert _codes(report) == [("invisible-character", "x.md", 1)]


# --- published files -------------------------------------------------------------------


def test_publishable_takes_only_real_files_of_known_types(tmp_path: Path) -> None:
    for name in ("a.png", "b.JPG", "c.pdf", "d.webp", "e.gif", "f.jpeg"):
        (tmp_path / name).write_bytes(b"x")
        assert files.publishable(tmp_path / name), name
    for name in ("x.svg", "x.html", "x.js", "x"):
        (tmp_path / name).write_bytes(b"x")
        assert not files.publishable(tmp_path / name), name
    (tmp_path / "dir.png").mkdir()
    assert not files.publishable(tmp_path / "dir.png")
    (tmp_path / "link.png").symlink_to(tmp_path / "a.png")
    assert not files.publishable(tmp_path / "link.png")


def test_inside_resolves_links_before_judging(loaded, tmp_path: Path) -> None:
    assert files.inside(loaded, loaded.root / "docs" / "index.md")
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("x")
    link = loaded.root / "docs" / "leak.png"
    link.symlink_to(outside)
    assert not files.inside(loaded, link)


def _trees(project) -> list[tuple[str, str, int]]:
    report = Report()
    files.check_trees(project, report)
    return sorted(_codes(report))


def test_check_trees_is_quiet_on_a_clean_project(loaded) -> None:
    assert _trees(loaded) == []


def test_check_trees_reports_links_names_types_and_sizes(loaded, tmp_path: Path) -> None:
    root = loaded.root
    lesson = next((root / "lessons").iterdir())
    secret = tmp_path / "passwd"
    secret.write_text("root:x")
    (lesson / "leak.png").symlink_to(secret)
    (root / "docs" / "linked").symlink_to(tmp_path)
    (lesson / "bad name.png").write_bytes(b"x")
    (lesson / "script.svg").write_bytes(b"<svg/>")
    (lesson / "noext").write_bytes(b"x")
    (lesson / "huge.png").write_bytes(b"x" * (files.MAX_ASSET_BYTES + 1))
    (root / "docs" / "big.md").write_text("x" * (files.MAX_TEXT_BYTES + 1))
    (root / "docs" / "assets").mkdir(exist_ok=True)
    (root / "docs" / "assets" / "site.js").write_text("/* the site's own */")
    (root / "data" / "notes.txt").write_text("data may hold any type")
    rel = lesson.relative_to(root).as_posix()
    assert _trees(loaded) == sorted(
        [
            ("symlink", f"{rel}/leak.png", 1),
            ("symlink", "docs/linked", 1),
            ("file-name", f"{rel}/bad name.png", 1),
            ("asset-type", f"{rel}/script.svg", 1),
            ("asset-type", f"{rel}/noext", 1),
            ("file-size", f"{rel}/huge.png", 1),
            ("file-size", "docs/big.md", 1),
        ]
    )


def test_a_file_at_the_size_limit_is_accepted(loaded) -> None:
    lesson = next((loaded.root / "lessons").iterdir())
    (lesson / "edge.png").write_bytes(b"x" * files.MAX_ASSET_BYTES)
    (loaded.root / "docs" / "edge.md").write_text("x" * files.MAX_TEXT_BYTES)
    assert _trees(loaded) == []


def test_a_linked_content_folder_is_one_finding_and_not_walked(loaded, tmp_path: Path) -> None:
    root = loaded.root
    real = tmp_path / "real-docs"
    (root / "docs").rename(real)
    (root / "docs").symlink_to(real)
    assert _trees(loaded) == [("symlink", "docs", 1)]


def test_a_linked_snapshot_folder_is_a_finding(loaded, tmp_path: Path) -> None:
    root = loaded.root
    (tmp_path / "sources").mkdir()
    (root / ".signpost").symlink_to(tmp_path)
    assert _trees(loaded) == [("symlink", ".signpost", 1)]


def test_file_names_in_data_may_be_anything_but_lessons_may_not(loaded) -> None:
    (loaded.root / "data" / "with space.yml").write_text("a: 1\n")
    assert _trees(loaded) == []
    (loaded.root / "docs" / ".hidden.md").write_text("x")
    assert _trees(loaded) == [("file-name", "docs/.hidden.md", 1)]


# --- the HTML allow-list (sanitize) -------------------------------------------------------


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>ok</p>", "<p>ok</p>"),
        ("<script>alert(1)</script><p>x</p>", "<p>x</p>"),
        ("<style>body{}</style>x", "x"),
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="http://plain.example/">x</a>', "<a>x</a>"),
        ('<a href="https://ok.example/">x</a>', '<a href="https://ok.example/">x</a>'),
        ('<a href="tel:911">x</a>', '<a href="tel:911">x</a>'),
        ('<a href="sms:988">x</a>', '<a href="sms:988">x</a>'),
        ('<a href="mailto:a@b.example">x</a>', '<a href="mailto:a@b.example">x</a>'),
        ('<a href="data:text/html,x">x</a>', "<a>x</a>"),
        ('<p onclick="x()">x</p>', "<p>x</p>"),
        ("<!-- hidden -->x", "x"),
        (
            '<table><tr><td style="text-align: center">x</td></tr></table>',
            '<table><tbody><tr><td style="text-align:center">x</td></tr></tbody></table>',
        ),
        (
            '<table><tr><td style="position: fixed; text-align: left">x</td></tr></table>',
            '<table><tbody><tr><td style="text-align:left">x</td></tr></tbody></table>',
        ),
        ('<p style="position: fixed">x</p>', "<p>x</p>"),
        ('<iframe src="https://x.example/"></iframe>y', "y"),
        (
            '<a href="https://x.example/" rel="opener" target="_blank">x</a>',
            '<a href="https://x.example/">x</a>',
        ),
        (
            "<details open><summary>s</summary>b</details>",
            '<details open=""><summary>s</summary>b</details>',
        ),
        ('<ol start="3"><li>x</li></ol>', '<ol start="3"><li>x</li></ol>'),
        (
            '<table><tr><th scope="col" colspan="2">x</th></tr></table>',
            '<table><tbody><tr><th scope="col" colspan="2">x</th></tr></tbody></table>',
        ),
        ('<img src="a.png" alt="A" onerror="x()">', '<img src="a.png" alt="A">'),
        (
            '<select name="topic" data-facet="topic"><option value="a">A</option></select>',
            '<select name="topic" data-facet="topic"><option value="a">A</option></select>',
        ),
        (
            '<p data-template="{n}" data-empty="none" data-x="1">x</p>',
            '<p data-template="{n}" data-empty="none">x</p>',
        ),
        (
            '<li data-audience="a" data-ages="b" data-topic="c" data-duration="d">x</li>',
            '<li data-audience="a" data-ages="b" data-topic="c" data-duration="d">x</li>',
        ),
        ('<h3 data-toc-label="t">x</h3>', '<h3 data-toc-label="t">x</h3>'),
        (
            '<input type="checkbox" checked disabled name="n" onfocus="x()">',
            '<input type="checkbox" checked="" disabled="" name="n">',
        ),
        (
            '<label for="f">x</label><button type="reset">r</button>',
            '<label for="f">x</label><button type="reset">r</button>',
        ),
        (
            '<a href="https://x.example/" hreflang="es" type="text/html">x</a>',
            '<a href="https://x.example/" hreflang="es" type="text/html">x</a>',
        ),
        (
            '<div role="status" hidden aria-live="polite" aria-hidden="true" '
            'aria-current="page" aria-labelledby="t">x</div>',
            '<div role="status" hidden="" aria-live="polite" aria-hidden="true" '
            'aria-current="page" aria-labelledby="t">x</div>',
        ),
        ("<nav><form><h1>x</h1></form></nav>", "<nav><form><h1>x</h1></form></nav>"),
        (
            '<table><tr><td colspan="2" rowspan="3" onclick="x()">x</td></tr></table>',
            '<table><tbody><tr><td colspan="2" rowspan="3">x</td></tr></tbody></table>',
        ),
    ],
)
def test_sanitize_keeps_the_allow_list_and_nothing_else(dirty: str, clean: str) -> None:
    assert sanitize.sanitize(dirty) == clean


def test_authors_get_a_narrower_list_than_the_engine() -> None:
    engine_only = {"h1", "nav", "form", "label", "select", "option", "button", "input"}
    assert not engine_only & sanitize.AUTHOR_TAGS
    assert "class" not in sanitize.AUTHOR_ATTRIBUTES["*"]
    assert "style" not in sanitize.AUTHOR_ATTRIBUTES["th"]
    assert {"https", "mailto", "tel", "sms"} == sanitize.URL_SCHEMES


# --- the Content-Security-Policy (csp) -----------------------------------------------------


PAGE = '<html><head><meta charset="utf-8"><title>t</title></head><body>{body}</body></html>'


@pytest.mark.parametrize(
    ("body", "scripts"),
    [
        ("<script>a()</script>", ["a()"]),
        ('<script src="x.js"></script>', []),
        ("<script SRC='x.js'>ignored()</script>", []),
        ("<script src=x.js></script>", []),
        ('<script type="application/json">{"a":1}</script>', []),
        ('<script type="application/ld+json">{}</script>', []),
        ('<script type=" Application/JSON ">{}</script>', []),
        ('<script type="text/jscript">b()</script>', ["b()"]),
        ('<script type="module">c()</script>', ["c()"]),
        ("<SCRIPT>d()</SCRIPT >", ["d()"]),
        ("<script>e()\n</script><script>f()</script>", ["e()\n", "f()"]),
        ("<scripts>not one</scripts>", []),
    ],
)
def test_inline_scripts_finds_what_a_browser_would_run(body: str, scripts: list[str]) -> None:
    assert csp.inline_scripts(PAGE.format(body=body)) == scripts


def test_script_hash_is_the_browsers_sha256() -> None:
    # echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
    assert csp.script_hash("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"


def test_policy_lists_the_sites_own_origin_and_each_allowed_script_once() -> None:
    page = PAGE.format(body="<script>a()</script><script>a()</script>")
    got = csp.policy(page, {"a()"})
    assert got == (
        "default-src 'self'; script-src 'self' "
        + csp.script_hash("a()")
        + "; img-src 'self' data:; style-src 'self'; font-src 'self'; connect-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'"
    )
    assert csp.policy(PAGE.format(body="")).startswith("default-src 'self'; script-src 'self'; ")


def test_an_unvouched_script_is_refused_by_name() -> None:
    with pytest.raises(csp.UnknownScript, match=r"<script>evil\(\) here"):
        csp.policy(PAGE.format(body="<script>evil()   here</script>"), {"a()"})
    long = "x" * 100
    with pytest.raises(csp.UnknownScript) as caught:
        csp.protect(PAGE.format(body=f"<script>{long}</script>"))
    assert str(caught.value).endswith("<script>" + "x" * 60)


def test_protect_puts_the_policy_first_and_moves_alignment_to_classes() -> None:
    page = PAGE.format(
        body='<td style="text-align: right;">1</td><th style="text-align:center">h</th>'
    )
    out = csp.protect(page)
    head = out.split('<meta charset="utf-8">', 1)[1]
    assert head.startswith('<meta http-equiv="Content-Security-Policy" content="default-src')
    assert '<meta name="referrer" content="no-referrer"><title>' in head
    assert '<td class="sp-align-right">1</td>' in out
    assert '<th class="sp-align-center">h</th>' in out
    assert "style=" not in out


def test_protect_without_a_charset_goes_after_head_and_without_head_refuses() -> None:
    out = csp.protect("<html><HEAD lang=x><title>t</title></HEAD></html>")
    assert out.startswith('<html><HEAD lang=x><meta http-equiv="Content-Security-Policy"')
    with pytest.raises(ValueError, match="no <head>"):
        csp.protect("<p>no head</p>")


def test_protect_keeps_a_style_it_does_not_know_for_the_policy_to_block() -> None:
    out = csp.protect(PAGE.format(body='<td style="color: red">x</td>'))
    assert '<td style="color: red">x</td>' in out


# --- YAML from contributors (safe_yaml) ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a: 1\nb: [x, y]\n", {"a": 1, "b": ["x", "y"]}),
        ("reviewed: 2026-02-30\n", {"reviewed": "2026-02-30"}),
        ("when: 2026-01-01 10:00:00\n", {"when": "2026-01-01 10:00:00"}),
        ("yes: no\n", {True: False}),
        ("x: !!str 12\n", {"x": "12"}),
        ("x: ! 12\n", {"x": 12}),
        ("", None),
        ("- 1.5\n- null\n", [1.5, None]),
    ],
)
def test_load_reads_plain_data_and_keeps_dates_as_text(text: str, value: object) -> None:
    assert safe_yaml.load(text) == value


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("a: &x 1\nb: *x\n", "anchors (`&x`)", 1),
        ("a: 1\nb: *x\n", "aliases (`*x`)", 2),
        ("a: 1\nb: !python/object x\n", "custom YAML tag `!python/object`", 2),
        ("a: !!binary aGk=\n", "tag `!!binary`", 1),
        ("a: !!set {x}\n", "tag `!!set`", 1),
        ("a: !!timestamp 2026-01-01\n", "tag `!!timestamp`", 1),
        ("a: 1\nb: 2\na: 3\n", "key `a` appears twice", 3),
        ("a:\n  - b: 1\n    b: 2\n", "key `b` appears twice", 3),
        ("a: [1\n", "expected ',' or ']'", 2),
        ("a: b\x07\n", "control character U+0007", 1),
        ("one: 1\ntwo: \x1b\n", "control character U+001B", 2),
    ],
)
def test_load_refuses_with_the_line(text: str, message: str, line: int) -> None:
    with pytest.raises(safe_yaml.YamlProblem) as caught:
        safe_yaml.load(text)
    assert message in caught.value.problem
    assert caught.value.line == line
    assert str(caught.value) == caught.value.problem


def test_nesting_is_capped_at_the_declared_depth() -> None:
    ok = "[" * (safe_yaml.MAX_DEPTH) + "]" * (safe_yaml.MAX_DEPTH)
    safe_yaml.load(ok)
    deep = "[" * (safe_yaml.MAX_DEPTH + 1) + "]" * (safe_yaml.MAX_DEPTH + 1)
    with pytest.raises(safe_yaml.YamlProblem, match=f"more than {safe_yaml.MAX_DEPTH} levels"):
        safe_yaml.load(deep)


def test_depth_counts_nesting_not_siblings() -> None:
    many = "\n".join(f"k{i}: [{i}]" for i in range(safe_yaml.MAX_DEPTH * 3))
    assert len(safe_yaml.load(many)) == safe_yaml.MAX_DEPTH * 3


def test_size_is_capped_in_bytes_not_characters() -> None:
    at_limit = "a: " + "x" * (safe_yaml.MAX_BYTES - 4) + "\n"
    assert len(at_limit.encode()) == safe_yaml.MAX_BYTES
    safe_yaml.load(at_limit)
    wide = "a: " + "é" * (safe_yaml.MAX_BYTES // 2)
    with pytest.raises(safe_yaml.YamlProblem, match="more than 1000 KB"):
        safe_yaml.load(wide)


def test_load_hands_back_a_copy_the_caller_may_change() -> None:
    first = safe_yaml.load("a: [1]\n")
    first["a"].append(2)
    assert safe_yaml.load("a: [1]\n") == {"a": [1]}


def test_load_with_nodes_gives_each_key_its_line() -> None:
    value, node = safe_yaml.load_with_nodes("a: 1\n\nb:\n  - x\n")
    assert value == {"a": 1, "b": ["x"]}
    lines = {key.value: key.start_mark.line + 1 for key, _ in node.value}
    assert lines == {"a": 1, "b": 3}
    assert safe_yaml.load_with_nodes("# only a comment\n") == (None, None)


def test_an_unreadable_value_is_a_problem_not_a_traceback() -> None:
    with pytest.raises(safe_yaml.YamlProblem):
        safe_yaml.load("a: !!int x\n")


# --- contributed Markdown (markup): what check reports and neutralise repairs ----------------

HOTLINES = frozenset({"911", "988"})


@pytest.mark.parametrize(
    ("text", "repaired", "codes"),
    [
        ('<div onclick="x()">a</div>', "<div>a</div>", ["unsafe-html"]),
        ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>", ["unsafe-html"] * 2),
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>", ["unsafe-html"]),
        ('<a href="JaVa&#115;cript:x">x</a>', "<a>x</a>", ["unsafe-html"]),
        ('<a href=" java\tscript:x">x</a>', "<a>x</a>", ["unsafe-html"]),
        ('<a href="//evil.example/">x</a>', "<a>x</a>", ["unsafe-html"]),
        ('<a href="https://ok.example/" hreflang="es">x</a>', None, []),
        ('<a href="tel:+1 800 555 0000">call 1-800-555-0000</a>', None, []),
        ('<a href="tel:911">call the police</a>', None, []),
        ('<a href="tel:5550000">call 555-1111</a>', "<a>call 555-1111</a>", ["tel-link"]),
        ('<a href="sms:%35%35%35">text 555</a>', None, []),
        ("[x](javascript:alert(1))", "[x](#)", ["unsafe-html"]),
        ("[x](//evil.example/)", "[x](#)", ["unsafe-html"]),
        ('[x](https://ok.example/ "title")', None, []),
        ("![alt](data:image/png;base64,xx)", "![alt](#)", ["unsafe-html"]),
        ("[call 988](tel:988)", None, []),
        ("[call](tel:988)", None, []),
        ("[call now](tel:5551234)", "[call now](#)", ["tel-link"]),
        ("[ref]: javascript:alert(1)", "[ref]: #", ["unsafe-html"]),
        ("[ref]: https://ok.example/", None, []),
        ('{: .sp-help onclick="x" }', '&#123;: .sp-help onclick="x" }', ["unsafe-html"]),
        ("{#anchor}", None, []),
        ("{: #a #b }", None, []),
        ("{#}", "&#123;#}", ["unsafe-html"]),
        ("{{ .sp-help }", "&#123;&#123; .sp-help }", ["unsafe-html"]),
        ("{}", None, []),
        ('!!! evil "t"', '!!! note "t"', ["unsafe-html"]),
        ("??? note", None, []),
        ("???+ Warning", None, []),
        ('<div title="<" class="x">t</div>', '<div title="&lt;">t</div>', ["unsafe-html"]),
        ("<https://ok.example/>", None, []),
        ("<javascript:alert(1)>", "&lt;javascript:alert(1)>", ["unsafe-html"]),
        ('<img src="a.png" alt="A"/>', None, []),
        (
            '<img src="a.png" alt="A" onerror="x()" />',
            '<img src="a.png" alt="A"/>',
            ["unsafe-html"],
        ),
        ('<p\nclass="x"\nid="y">t</p>', '<p id="y"\n\n>t</p>', ["unsafe-html"]),
        ('<p title="a\nb" class="x">t</p>', '<p title="a\nb">t</p>', ["unsafe-html"]),
        ("<p>ok</p\n>", None, []),
        ("<!-- <script>x</script> -->", "<!-- &lt;script>x&lt;/script> -->", ["unsafe-html"] * 2),
        (
            '<iframe src="https://x.example/">',
            '&lt;iframe src="https://x.example/">',
            ["unsafe-html"],
        ),
        ('<x-y title="<b>">t', '&lt;x-y title="&lt;b>">t', ["unsafe-html"]),
        ("`<script>` in code", None, []),
        ("```\n<script>x</script>\n```", None, []),
    ],
)
def test_each_problem_is_reported_and_neutralised(
    text: str, repaired: str | None, codes: list[str]
) -> None:
    found = markup.problems(markup.mask_code(text), numbers=HOTLINES)
    assert [p.code for p in found] == codes
    assert markup.neutralise(text, HOTLINES) == (text if repaired is None else repaired)
    assert (
        markup.problems(markup.mask_code(markup.neutralise(text, HOTLINES)), numbers=HOTLINES) == []
    )


def test_problems_are_in_order_and_capped() -> None:
    text = "\n".join(f'<p onclick="{i}">x</p>' for i in range(60))
    found = markup.problems(text)
    assert len(found) == 50
    assert [p.offset for p in found] == sorted(p.offset for p in found)
    assert len(markup.problems(text, limit=3)) == 3
    assert found[0].snippet == '<p onclick="0">'
    assert found[0].reason == "the `onclick` attribute is not allowed on <p>"


def test_reasons_say_what_to_write_instead() -> None:
    (found,) = markup.problems("[x](ftp://a.example/)")
    assert found.reason == "`ftp:` links are not allowed (use https:, mailto:, tel: or sms:)"
    (found,) = markup.problems("<marquee>x")
    assert found.reason == "the <marquee> tag is not allowed"
    (found,) = markup.problems("!!! evil")
    assert found.reason.startswith("admonition type `evil` is not one of: abstract, bug,")
    (found,) = markup.problems("[call](tel:123)")
    assert found.reason == "the link dials 123 but shows no number"
    (found,) = markup.problems('<a href="tel:">call 555</a>')
    assert found.reason == "the link dials nothing but shows 555"


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://ok.example/", None),
        ("mailto:a@b.example", None),
        ("TEL:911", None),
        ("relative/page.md", None),
        ("#anchor", None),
        ("javascript:x", "`javascript:` links are not allowed (use https:, mailto:, tel: or sms:)"),
        (
            "&#106;avascript:x",
            "`javascript:` links are not allowed (use https:, mailto:, tel: or sms:)",
        ),
        (
            "\x01javascript:x",
            "`javascript:` links are not allowed (use https:, mailto:, tel: or sms:)",
        ),
        ("vbscript:x", "`vbscript:` links are not allowed (use https:, mailto:, tel: or sms:)"),
        (
            "http://plain.example/",
            "`http:` links are not allowed (use https:, mailto:, tel: or sms:)",
        ),
        ("//x.example/", "links that start with // leave the site; write https:// in full"),
        (" //x.example/", "links that start with // leave the site; write https:// in full"),
        ("a+b.c-d:x", "`a+b.c-d:` links are not allowed (use https:, mailto:, tel: or sms:)"),
        ("1abc:x", None),
    ],
)
def test_url_problem(url: str, problem: str | None) -> None:
    assert markup.url_problem(url) == problem


@pytest.mark.parametrize(
    ("shown", "url", "problem"),
    [
        ("call 911", "tel:911", None),
        ("anything", "tel:988", None),
        ("1-800-555-0000", "tel:+1 (800) 555-0000", None),
        ("call 555", "tel:556", "the link dials 556 but shows 555"),
        ("call", "sms:555;body=x", "the link dials 555 but shows no number"),
        ("555", "sms:555?body=x", None),
        ("555", "sms:555,body", None),
        ("555", "tel:%35%35%35", None),
        ("5&#53;5", "tel:555", None),
        ("555", "https://x.example/555", None),
        ("", "tel:", "the link dials nothing but shows no number"),
    ],
)
def test_dial_problem(shown: str, url: str, problem: str | None) -> None:
    assert markup.dial_problem(shown, url, HOTLINES) == problem


def test_attributes_reads_every_quoting() -> None:
    got = markup.attributes(""" HREF="a b" title='c' data-x=d hidden """)
    assert got == {"href": "a b", "title": "c", "data-x": "d", "hidden": ""}


def test_mask_code_blanks_code_and_keeps_every_position() -> None:
    text = "a `<b>` c\n```\n<script>\n```\n~~~~\nx\n~~~~~\nafter"
    masked = markup.mask_code(text)
    assert len(masked) == len(text) and masked.count("\n") == text.count("\n")
    assert "<b>" not in masked and "<script>" not in masked and "x" not in masked.split("\n")[5]
    assert masked.endswith("after") and masked.startswith("a ")


@pytest.mark.parametrize(
    "text",
    [
        "```\nnever closed <script>",
        "a \\`<b>` c",
        "a `` <b> ` c",
        "<div>\n`<b>`\n</div>",
        "    ```\n<b>\n```",
    ],
)
def test_code_that_markdown_would_not_treat_as_code_stays_visible(text: str) -> None:
    assert "<" in markup.mask_code(text).replace("<div>", "").replace("</div>", "")


def test_a_fence_closes_only_with_its_own_kind_and_length() -> None:
    text = "````\n```\n<b>\n````\n<i>"
    masked = markup.mask_fences(text)
    assert "<b>" not in masked and masked.endswith("<i>")
    assert "<i>" in markup.mask_fences("```\nx\n   ```\n<i>")
    assert "<i>" in markup.mask_fences("```\nx\n    ```\n<i>"), "indented 4: not a close"
    assert "<i>" not in markup.mask_fences("```\nx\n``\n<i>\n```")
    assert "<i>" in markup.mask_fences("```\nx\n```\n<i>")
    assert "<i>" not in markup.mask_fences("```\nx\n~~~\n<i>\n```")
    assert "<i>" in markup.mask_fences("```\nx\n~~~\n<i>"), "never closed: not code"


def test_long_tags_are_found_once_from_their_start() -> None:
    near = "<p " + "x" * (markup.MAX_TAG - 4) + ">"
    assert markup.long_tags(near) == []
    far = "<p " + "x" * markup.MAX_TAG + ">"
    assert markup.long_tags(far) == [0]
    assert markup.long_tags("ok <b " + "x" * markup.MAX_TAG) == [3]
    assert markup.long_tags("</" + "x" * (markup.MAX_TAG + 5)) == [0]
    assert markup.long_tags("a < b and 1<2") == []
    (found,) = markup.problems(far)
    assert found.reason == f"a tag may not run over {markup.MAX_TAG} characters"
    assert markup.neutralise(far).startswith("&lt;p ")


def test_html_tags_reads_tags_as_a_browser_would() -> None:
    tags = markup.html_tags('<div title="a>b">x</div><br/>')
    assert [(t.name, t.closing, t.start, t.end) for t in tags] == [
        ("div", False, 0, 17),
        ("div", True, 18, 24),
        ("br", False, 24, 29),
    ]
    assert tags[0].attrs == [("title", "a>b")]
    assert markup.html_tags("<!-- c --> <?php x ?>") == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("&# <i>", [("i", 3)]),
        ("&#x <i>", [("i", 4)]),
        ("&#X; <i>", [("i", 5)]),
        ("&#12 <i>", [("i", 5)]),  # a reference html.parser reads, then the tag
        ("&#x1f <i>", [("i", 6)]),
        ("a&#b <i> &# <u>", [("i", 5), ("u", 12)]),
    ],
)
def test_a_bare_character_reference_hides_no_tag(text: str, found: list) -> None:
    """html.parser reads all that follows an `&#` that starts no number as plain text."""
    assert [(t.name, t.start) for t in markup.html_tags(text) if not t.closing] == found


def test_a_reference_that_hides_a_scheme_is_still_read_in_an_attribute() -> None:
    """Only a bare `&#` is blanked: `&#x6a;` and `&#106;` still spell the `j` of javascript."""
    for ref in ("&#x6a;", "&#X6A;", "&#106;"):
        (tag,) = markup.html_tags(f'<a href="{ref}avascript:x">')
        assert tag.attrs == [("href", "javascript:x")], ref
    assert markup.html_tags('<b title="caf&#xe9;">')[0].attrs == [("title", "café")]


def test_markup_in_finds_the_first_kind_present() -> None:
    assert markup.markup_in("plain") == ""
    assert markup.markup_in("a <b>bold</b>") == "<b>"
    assert markup.markup_in("see [x](y)") == "[x](y)"
    assert markup.markup_in("x {: .c }") == "{: .c }"
    assert [m.group(0) for m in markup.tags_in("<a><b>")] == ["<a>", "<b>"]


def test_lines_maps_offsets_to_lines() -> None:
    lines = markup.Lines("ab\ncd\n\nef", first_line=10)
    assert [lines.at(i) for i in (0, 2, 3, 6, 7, 8)] == [10, 10, 11, 12, 13, 13]


# --- the fields each problem carries, and the edges of each rule ----------------------------


@pytest.fixture(autouse=True)
def _fresh_yaml_cache() -> None:
    """`safe_yaml._load` remembers texts it read; each test reads its own afresh, so a test
    of a rule runs the rule (and a mutant of it), never an earlier answer."""
    safe_yaml._load.cache_clear()


LONG = "a" * 50


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            f'x\n<p onclick="{LONG}">',
            (2, f'<p onclick="{LONG}'[:40], (2, 66), "<p>", "unsafe-html"),
        ),
        (
            f'see <a href="tel:5550000" title="{LONG}">call 555-1111</a>',
            (4, f'<a href="tel:5550000" title="{LONG}'[:40], (4, 85), "<a>", "tel-link"),
        ),
        (
            f"ab [x](javascript:{LONG})",
            (3, f"[x](javascript:{LONG}"[:40], (7, 68), "#", "unsafe-html"),
        ),
        (
            f"ab [call now](tel:5551234{'0' * 40})",
            (3, f"[call now](tel:5551234{'0' * 40}"[:40], (14, 65), "#", "tel-link"),
        ),
        (
            f"ab {{: .c {LONG} }}",
            (3, f"{{: .c {LONG} }}"[:40], (3, 4), "&#123;", "unsafe-html"),
        ),
        (
            f"x\n!!! evil{LONG} title",
            (2, f"!!! evil{LONG}"[:40], (6, 60), "note", "unsafe-html"),
        ),
        (
            "ok <b " + "x" * markup.MAX_TAG,
            (3, ("<b " + "x" * 60)[:40], (3, 4), "&lt;", "unsafe-html"),
        ),
    ],
)
def test_each_problem_says_where_it_is_and_what_replaces_it(
    text: str, expected: tuple[int, str, tuple[int, int], str, str]
) -> None:
    found = markup.problems(text)
    assert [(p.offset, p.snippet, p.span, p.replacement, p.code) for p in found][:1] == [expected]


def test_a_tel_link_is_read_up_to_its_own_closing_tag() -> None:
    assert markup.problems('x</b> <a href="tel:555">call 555</a>') == []
    assert markup.problems('<a href="tel:555">call 555</a> then 1 more </b>') == []
    (found,) = markup.problems('<a href="tel:555">call 555')
    assert found.reason == "the link dials 555 but shows no number"
    assert markup.problems("[call 555](tel:555)") == []
    (found,) = markup.problems("[call 555]: tel:555")
    assert found.reason == "the link dials 555 but shows no number"


def test_only_a_links_are_read_for_the_number_they_dial() -> None:
    found = markup.problems('<abbr href="tel:123">x</abbr>')
    assert [p.code for p in found] == ["unsafe-html"]
    (found,) = markup.problems('<a href="javascript:x">y</a>')
    assert found.reason.startswith("`javascript:` links are not allowed")


def test_whitespace_cannot_hide_a_dial_scheme() -> None:
    assert markup.dial_problem("call 1", "te l:555", HOTLINES) == "the link dials 555 but shows 1"


def test_what_html_tags_skips_keeps_every_offset() -> None:
    found = markup.problems("<?php <script>x</script> ?>")
    assert [(p.offset, p.code) for p in found] == [(6, "unsafe-html"), (15, "unsafe-html")]
    long = "<b " + "x" * markup.MAX_TAG + " <script>"
    found = markup.problems(long)
    assert [p.offset for p in found] == [0, len(long) - 8]


def test_long_tags_measure_from_each_tags_own_start() -> None:
    assert markup.long_tags("<p" + "x" * (markup.MAX_TAG - 2) + ">") == []
    assert markup.long_tags("<p" + "x" * (markup.MAX_TAG - 1) + ">") == [0]
    assert markup.long_tags("1 > 0 <p " + "x" * (markup.MAX_TAG + 5)) == [6]
    assert markup.long_tags("<p>" + "y" * (markup.MAX_TAG + 10) + ">") == []
    assert markup.long_tags("x" * 3000 + "<p>") == []


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("first line\nthen `<b>` here", "first line\nthen       here"),
        ("one\ntwo\n`<b>` three", "one\ntwo\n      three"),
        ("`<a>` and `<b>`", "      and      "),
        ("a ` b\n\n`<c>`", "a ` b\n\n     "),
        ("no code here\n\n`<d>` after", "no code here\n\n      after"),
    ],
)
def test_code_spans_are_blanked_where_they_are(text: str, masked: str) -> None:
    assert markup.mask_code(text) == masked


def test_fences_close_only_when_markdown_would_close_them() -> None:
    assert markup.mask_fences("```\n<b>") == "```\n<b>"
    assert "<i>" in markup.mask_fences("```\n<b>\n   ```\n<i>\n```")
    assert "<i>" not in markup.mask_fences("```\n<b>\n    ```\n<i>\n```")


def test_neutralise_frees_braces_on_the_attribute_lists_line_only() -> None:
    text = "line one {\nx {: .c }"
    assert markup.neutralise(text) == "line one {\nx &#123;: .c }"
    text = "a {: .c }\nb {#ok}"
    assert markup.neutralise(text) == "a &#123;: .c }\nb {#ok}"


# --- findings name what they found ---------------------------------------------------------


def test_invisible_findings_name_the_character_and_the_language(loaded) -> None:
    report = Report()
    hygiene.report_invisible(loaded, "docs/page.md", "a\u202eb", "es", report)
    hygiene.report_invisible(loaded, "data/x.yml", "a\u202eb", None, report)
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in report.findings[0].message
    assert "If es spelling needs it" in report.findings[0].hint
    assert "If a language's spelling needs it" in report.findings[1].hint


def test_a_control_character_after_a_first_empty_line_is_on_line_two(loaded) -> None:
    report = Report()
    hygiene.report_invisible(loaded, "docs/page.md", "\nx\x07", "en", report)
    assert _codes(report) == [("control-in-text", "docs/page.md", 2)]
    assert list(hygiene.hidden("\n\u200b")) == [(2, "\u200b")]


def test_decoded_findings_name_the_character_and_the_language(loaded) -> None:
    report = Report()
    hygiene.report_decoded(loaded, "x.md", [(3, "a\u202e"), (4, "b\x0c")], "", None, report)
    (invisible, control) = report.findings
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in invisible.message
    assert "If a language's spelling needs it" in invisible.hint
    assert "U+000C" in control.message


def test_each_language_allows_only_its_own_marks(project: Path) -> None:
    config = project / "signpost.yml"
    text = config.read_text(encoding="utf-8")
    assert "allowed_characters" not in text
    old = "{code: es, name: Español, dir: ltr,"
    assert old in text
    text = text.replace(old, old + " allowed_characters: [U+200C],", 1)
    config.write_text(text, encoding="utf-8")
    loaded = load_project(project)
    for lang, found in (("es", []), ("en", [("invisible-character", "p.md", 1)])):
        report = Report()
        hygiene.report_invisible(loaded, "p.md", "a\u200cb", lang, report)
        assert _codes(report) == found, lang
        report = Report()
        hygiene.report_decoded(loaded, "p.md", [(1, "a\u200cb")], "", lang, report)
        assert _codes(report) == found, lang


def test_file_findings_name_the_file(loaded) -> None:
    lesson = next((loaded.root / "lessons").iterdir())
    (lesson / "bad name.png").write_bytes(b"x")
    (loaded.root / "data" / "big.yml").write_text("x" * (files.MAX_TEXT_BYTES + 1))
    report = Report()
    files.check_trees(loaded, report)
    messages = " ".join(f.message for f in report.findings)
    assert "bad name.png" in messages
    assert [f.code for f in report.findings if f.path == "data/big.yml"] == ["file-size"]


def test_every_content_tree_is_walked_after_a_linked_one(loaded, tmp_path: Path) -> None:
    root = loaded.root
    lesson = next((root / "lessons").iterdir())
    real = tmp_path / "lesson"
    lesson.rename(real)
    lesson.symlink_to(real)
    (root / "docs" / "page.svg").write_text("<svg/>")
    (root / "data" / "huge.yml").write_text("x" * (files.MAX_TEXT_BYTES + 1))
    assert {code for code, _, _ in _trees(loaded)} == {"symlink", "asset-type", "file-size"}


def test_tracked_build_state_is_a_finding(loaded) -> None:
    import subprocess

    root = loaded.root
    (root / ".venv").mkdir()
    (root / ".venv" / "forged").write_text("x")
    git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A", "-f"], check=True)
    assert ("tracked-state", ".venv/forged", 1) in _trees(loaded)


def test_protect_allows_the_scripts_it_was_given() -> None:
    page = PAGE.format(body="<script>a()</script>")
    assert csp.script_hash("a()") in csp.protect(page, {"a()"})
    with pytest.raises(ValueError) as caught:
        csp.protect("<p>no head</p>")
    assert str(caught.value) == "page has no <head>: cannot place its Content-Security-Policy"


def test_a_script_with_src_does_not_hide_the_inline_one_after_it() -> None:
    body = '<script src="a.js"></script><script>b()</script>'
    assert csp.inline_scripts(PAGE.format(body=body)) == ["b()"]


def test_exactly_the_deepest_nesting_allowed_is_read() -> None:
    ok = "[" * safe_yaml.MAX_DEPTH + "]" * safe_yaml.MAX_DEPTH
    assert safe_yaml.load(ok) is not None
    two = "a:\n" + "".join(f"{'  ' * i}- b{i}:\n" for i in range(3)) + "      c: 1\n"
    assert safe_yaml.load(two)


def test_a_too_deep_text_names_the_line_where_it_went_too_deep() -> None:
    lines = ["a:"] + [f"{'  ' * (i + 1)}k{i}:" for i in range(safe_yaml.MAX_DEPTH)] + ["  x"]
    with pytest.raises(safe_yaml.YamlProblem) as caught:
        safe_yaml.load("\n".join(lines) + " 1\n")
    assert caught.value.line == safe_yaml.MAX_DEPTH


def test_a_tag_problem_names_the_tag_and_its_line() -> None:
    with pytest.raises(safe_yaml.YamlProblem) as caught:
        safe_yaml.load("a: 1\nb: !!omap [x: 1]\n")
    assert caught.value.problem == "YAML tag `!!omap` is not allowed"
    assert caught.value.line == 2


def test_a_problem_without_a_mark_is_on_line_one() -> None:
    import yaml

    assert safe_yaml._problem(yaml.YAMLError("plain")).line == 1
    assert safe_yaml._problem(yaml.YAMLError("plain")).problem == "plain"
    marked = yaml.MarkedYAMLError(
        context_mark=yaml.Mark("x", 0, 4, 0, None, None), problem="context only"
    )
    assert safe_yaml._problem(marked).line == 5
    assert safe_yaml._problem(marked).problem == "context only"


def test_file_findings_say_what_and_how_big(loaded, tmp_path: Path) -> None:
    root = loaded.root
    lesson = next((root / "lessons").iterdir())
    (lesson / "page.svg").write_text("<svg/>")
    (lesson / "noext").write_text("x")
    (lesson / "huge.png").write_bytes(b"x" * (files.MAX_ASSET_BYTES + 2500))
    (root / "data" / "big.yaml").write_text("x" * (files.MAX_TEXT_BYTES + 1))
    (root / ".signpost" / "sources").mkdir(parents=True, exist_ok=True)
    (root / ".signpost" / "sources" / "notes.svg").write_text("snapshots are text")
    secret = tmp_path / "secret"
    secret.write_text("x")
    (lesson / "leak.png").symlink_to(secret)
    report = Report()
    files.check_trees(loaded, report)
    by_name = {f.path.rsplit("/", 1)[-1]: f for f in report.findings}
    assert by_name["page.svg"].message == "`.svg` files are not published"
    assert "(.gif, .jpeg, .jpg, .pdf, .png, .webp)" in by_name["page.svg"].hint
    assert by_name["noext"].message == "`(none)` files are not published"
    assert by_name["huge.png"].message == "file is 10002 KB, over the limit of 10000 KB"
    assert by_name["big.yaml"].message == "file is 2000 KB, over the limit of 2000 KB"
    assert by_name["leak.png"].message == f"symbolic link (to `{secret}`) in content"
    assert "notes.svg" not in by_name, "snapshots are not published assets"


def test_yaml_problems_keep_their_line_and_reason() -> None:
    with pytest.raises(safe_yaml.YamlProblem) as caught:
        safe_yaml.load("a: 1\nb: &x 2\n")
    assert caught.value.line == 2
    with pytest.raises(safe_yaml.YamlProblem) as caught:
        safe_yaml.load("\nb: \x07\n")
    assert caught.value.line == 2
    with pytest.raises(safe_yaml.YamlProblem) as caught:
        safe_yaml.load("a: !!int x\n")
    assert caught.value.problem.startswith("unreadable value (invalid literal for int()")
    with pytest.raises(safe_yaml.YamlProblem) as caught:
        safe_yaml.load("a: !!map [1]\n")
    assert "expected a mapping node" in caught.value.problem


def test_a_missing_or_linked_lessons_folder_still_checks_the_rest(loaded, tmp_path: Path) -> None:
    import shutil

    root = loaded.root
    (root / "docs" / "page.svg").write_text("<svg/>")
    shutil.rmtree(root / "lessons")
    assert ("asset-type", "docs/page.svg", 1) in _trees(loaded)
    (tmp_path / "real").mkdir()
    (root / "lessons").symlink_to(tmp_path / "real")
    assert {("symlink", "lessons", 1), ("asset-type", "docs/page.svg", 1)} <= set(_trees(loaded))


def test_defaults_count_lines_from_one() -> None:
    assert safe_yaml.YamlProblem("x").line == 1
    assert markup.Lines("a\nb").at(2) == 2


def test_a_code_span_never_pairs_across_lines_or_backwards() -> None:
    """Blanking too much would hide a live tag: a span split over lines, or a run of
    backticks paired with one before it, is left as written."""
    assert "<b>" in markup.mask_code("a `x\n<b>` c")
    assert "<b>" in markup.mask_code("`` x ` <b> `` `")
    assert markup.mask_code("`a` <b> `c`") == "    <b>    "


def test_a_long_autolink_is_judged_whole() -> None:
    assert markup.problems("<https://ok.example/>") == []
    (found,) = markup.problems("<ftp://x.example/a>")
    assert found.replacement == "&lt;" and found.span == (0, 1)
    assert markup.neutralise("<ftp://x.example/a>") == "&lt;ftp://x.example/a>"


def test_a_kept_attribute_is_quoted_safely() -> None:
    assert markup.neutralise("<p title='say \"hi\"' class=x>t</p>") == (
        '<p title="say &quot;hi&quot;">t</p>'
    )
    assert markup.neutralise('<p title class="x">t</p>') == '<p title="">t</p>'
    assert markup.neutralise('<br class="x" />') == "<br/>"


def test_the_attribute_list_reason_names_what_is_allowed() -> None:
    (found,) = markup.problems("{: .c }")
    assert found.reason == (
        "attribute lists may only give an #id (classes and attributes could restyle or "
        "script the page)"
    )


def test_every_brace_on_the_line_of_a_refused_list_is_made_text_and_no_other() -> None:
    text = "a {x {: .c } {y\nb {z"
    assert markup.neutralise(text) == "a &#123;x &#123;: .c } &#123;y\nb {z"
    text = "one {\ntwo {{: .c }"
    assert markup.neutralise(text) == "one {\ntwo &#123;&#123;: .c }"


def test_overlapping_repairs_do_not_stop_the_rest() -> None:
    text = '<p onclick="x" class="{: .c }">t</p> {: .d }'
    out = markup.neutralise(text)
    assert out.startswith("<p>t</p>") and out.endswith("&#123;: .d }")


def test_a_tel_link_looks_for_its_text_only_so_far() -> None:
    """The scan for a link's closing tag stops after MAX_TAG characters, so a file of links
    stays linear; a link with no close that near shows no number."""
    far = '<a href="tel:555">' + "x" * (markup.MAX_TAG + 10) + "555</a>"
    (found,) = markup.problems(far)
    assert found.reason == "the link dials 555 but shows no number"


def test_repairs_at_the_very_start_and_end_of_a_tag() -> None:
    assert markup.neutralise("\n{: .c }") == "\n&#123;: .c }"
    assert markup.neutralise('<br class="x" / >') == "<br/>"


def test_braces_are_freed_on_exactly_the_refused_lists_line() -> None:
    assert markup.neutralise("a {{{: .c }") == "a &#123;&#123;&#123;: .c }"
    assert markup.neutralise("a {x {y {z {: .c }") == "a &#123;x &#123;y &#123;z &#123;: .c }"
    assert markup.neutralise("one {\ntwo {\nthree {: .c }") == "one {\ntwo {\nthree &#123;: .c }"
    assert markup.neutralise("\na {b {: .c }") == "\na &#123;b &#123;: .c }"
    assert markup.neutralise("a {: .c }\nb {z\nc") == "a &#123;: .c }\nb {z\nc"


def test_a_code_span_split_over_two_lines_is_not_blanked() -> None:
    assert "<b>" in markup.mask_code("a `x\ny <b>` c")
