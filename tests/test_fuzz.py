"""Property-based tests (hypothesis) over the trust boundary: what volunteers write.

Generated lessons, site pages, data files, `///` blocks, Markdown, YAML and signpost.yml,
built from the real constructs (real header keys, links, hostile tags and attributes,
attribute lists, admonitions, blocks, tel: links, invisible and control characters,
very long runs) mixed with raw text. The properties:

- no traceback: every problem is a `path:line: CODE` finding or one `signpost: …` line;
- no input takes more than about a second per KB;
- a lesson body `check` passes is left unchanged by the neutraliser, and rendered with the
  site's Markdown extensions the sanitiser keeps all of it;
- nothing `check` passes puts a tag, attribute, class or URL scheme outside the
  allow-list into the page.

`make test` runs the short `ci` profile (50 examples per target); `make fuzz` runs the
`fuzz` profile (10,000 per target): `HYPOTHESIS_PROFILE=fuzz`. Nothing is written into the
checkout (`database=None`). Every failure found becomes a plain test at the end.
"""

from __future__ import annotations

import contextlib
import html
import io
import os
import re
import shutil
import time
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from conftest import REPO, make_project
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from pygments.token import STANDARD_TYPES

from signpost.cli import main
from signpost.content.blocks import scan_blocks
from signpost.data.load import load_data
from signpost.findings import Report
from signpost.project import ConfigError, load_project

# The modules under test, in one place: a move into subpackages changes only these lines.
from signpost.safety import markdown_limits, markup, page_header, safe_yaml, sanitize

# ---------------------------------------------------------------------------------------
# Profiles

# Hypothesis keeps caches (`.hypothesis/`) where it runs: here, in the suite's own cache folder
# (tests/conftest.py), so nothing is written into the checkout.
set_hypothesis_home_dir(Path(os.environ["XDG_CACHE_HOME"]) / "hypothesis")

_COMMON = dict(
    deadline=None,  # timing is its own property (`_in_time`), measured per example
    database=None,  # nothing written into the checkout
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
        HealthCheck.large_base_example,
    ],
    print_blob=True,
)
# `make test` runs the same examples every time, so a run is repeatable; `make fuzz` searches.
settings.register_profile("ci", max_examples=50, derandomize=True, **_COMMON)
# FUZZ_EXAMPLES runs fewer (or more) when time is short: `FUZZ_EXAMPLES=1000 make fuzz`.
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "10000")),
    derandomize=False,
    **_COMMON,
)
PROFILE = settings(settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci")))
"""Applied to each test below, so loading this module changes no other test's settings."""

# ---------------------------------------------------------------------------------------
# Alphabets and hostile pieces

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
CONTROLS = "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\u2028\u2029\r\t"
ODD = BIDI + ZERO_WIDTH + CONTROLS + "\u00a0\u3000<>&\"'`[](){}#!?|/\\*_~-=:;\n"
WORDS = (  # noqa: SIM905
    "trusted adult secret call help safe friend online gift game photo ask tell secreto "
    "ayuda confianza ami aide صديق مساعدة 911 988 1-888-373-7888"
).split()

HOSTILE_TAGS = (  # noqa: SIM905
    "script style iframe svg math img a div span details summary form input object embed "
    "base meta link template noscript textarea title xmp plaintext noembed select option "
    "button audio video source table td th tr p h1 h2 aside section br hr b i code pre "
    "frame frameset marquee applet isindex image foreignObject animate set use"
).split()
HOSTILE_ATTRS = (  # noqa: SIM905
    "onclick onerror onload onmouseover style class href src srcset formaction action "
    "xlink:href data-x id lang dir markdown title aria-label open width height loading "
    "hreflang target rel background poster dynsrc lowsrc colspan scope start alt type"
).split()
SCHEMES = [
    "https://example.org/",
    "http://example.org/",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "jav&#x61;script:alert(1)",
    "jav&#97;script:alert(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "java%73cript:alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/",
    "\\\\evil.example/",
    "/\\evil.example/",
    "mailto:a@example.org",
    "tel:911",
    "tel:+1-888-373-7888",
    "tel:5550100",
    "sms:988",
    "tel:%35%35%35",
    "../../glossary.md#grooming",
    "#top",
    "x:y",
    "",
]
ADMONITIONS = sorted(markup.ADMONITION_TYPES) + ["sp-help", "x onclick", 'note "t"', "NOTE"]

text_chars = st.one_of(
    st.sampled_from(ODD),
    st.characters(codec="utf-8", exclude_categories=("Cs",)),
    st.sampled_from("abcdefghijklmnopqrstuvwxyz ABC 0123456789 .,"),
)
raw_text = st.text(text_chars, max_size=60)
word = st.one_of(st.sampled_from(WORDS), raw_text.filter(lambda s: s.strip() == s and s))
phrase = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)
url = st.one_of(st.sampled_from(SCHEMES), st.sampled_from(SCHEMES).map(lambda s: s + "x"), raw_text)


@st.composite
def attribute(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(HOSTILE_ATTRS))
    value = draw(st.one_of(url, phrase, raw_text, st.just("1")))
    quote = draw(st.sampled_from(['"', "'", "", "`"]))
    if draw(st.booleans()) and name not in ("open",):
        return f"{name}={quote}{value}{quote}"
    return name


@st.composite
def raw_tag(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(HOSTILE_TAGS))
    name = name.upper() if draw(st.integers(0, 9)) == 0 else name
    attrs = draw(st.lists(attribute(), max_size=3))
    sep = draw(st.sampled_from([" ", "\n", "/", "\t", "  "]))
    close = draw(st.sampled_from([">", "/>", " >", ""]))
    inner = draw(st.one_of(phrase, raw_text))
    end = draw(st.sampled_from([f"</{name}>", "", f"</{name}", "</>"]))
    return f"<{name}{sep if attrs else ''}{sep.join(attrs)}{close}{inner}{end}"


@st.composite
def link(draw: st.DrawFn) -> str:
    label = draw(st.one_of(phrase, st.from_regex(r"\+?1?[ -]?\d{3}[ -]?\d{4}", fullmatch=True)))
    target = draw(url)
    title = draw(st.sampled_from(["", ' "a title"', " 'x'"]))
    image = draw(st.sampled_from(["", "!"]))
    form = draw(st.integers(0, 3))
    if form == 0:
        return f"{image}[{label}]({target}{title})"
    if form == 1:
        return f"{image}[{label}](<{target}>)"
    if form == 2:
        return f"<{target}>"
    return f"[{label}][ref]\n\n[ref]: {target}{title}"


attr_list = st.one_of(
    st.sampled_from(
        [
            "{: #intro }",
            "{#x}",
            "{: .sp-help }",
            "{.admonition}",
            "{: onclick=alert(1) }",
            "{: style='position:fixed' }",
            "{ #a .b c=d }",
            "{:}",
            "{}",
            "{: #x #y }",
            "{ data-x=1 }",
        ]
    ),
    st.builds(lambda s: "{" + s + "}", raw_text),
)
emphasis = st.builds(
    lambda w, m: f"{m}{w}{m}", phrase, st.sampled_from(["*", "**", "_", "`", "~~"])
)
inline = st.one_of(
    phrase,
    word,
    link(),
    raw_tag(),
    emphasis,
    attr_list,
    st.sampled_from(ODD),
    st.sampled_from(
        [
            "&lt;script&gt;",
            "&#60;script&#62;",
            "<!-- x -->",
            "<!-->",
            "<?php x ?>",
            "<![CDATA[x]]>",
            "\\<b>",
            "\\[x](javascript:1)",
            "  \n",
            "&amp;",
            "&#0;",
            "&#x202e;",
            "&#8238;",
        ]
    ),
)
line_text = st.lists(inline, min_size=1, max_size=6).map(" ".join)


@st.composite
def long_run(draw: st.DrawFn) -> str:
    piece = draw(
        st.sampled_from(
            [
                "[",
                "](",
                "<a",
                "<",
                "*a* ",
                "`",
                "> ",
                "- ",
                "    ",
                "|a|\n",
                "# a\n",
                "{",
                "\\",
                "&",
                "a\n\n",
                "/// note\n",
                "<div markdown=1>",
            ]
        )
    )
    return piece * draw(st.integers(1, 600))


@st.composite
def block(draw: st.DrawFn, depth: int = 0) -> str:
    kind = draw(st.integers(0, 15 if depth < 2 else 10))
    text = draw(line_text)
    if kind == 0:
        return (
            f"{'#' * draw(st.integers(1, 7))} {text}{draw(st.sampled_from(['', ' {#h}', ' {.c}']))}"
        )
    if kind == 1:
        return "\n".join(
            f"{draw(st.sampled_from(['-', '*', '1.', '+']))} {t}"
            for t in draw(st.lists(line_text, min_size=1, max_size=3))
        )
    if kind == 2:
        return "> " + text
    if kind == 3:
        lang = draw(
            st.sampled_from(["", "python", "{.sp-help}", "{.x onclick=y}", " {#id}", "html"])
        )
        fence = draw(st.sampled_from(["```", "~~~", "````"]))
        close = draw(st.sampled_from([fence, "", "```"]))
        return f"{fence}{lang}\n{text}\n{close}"
    if kind == 4:
        return "| a | b |\n|:--|--:|\n| " + text.replace("\n", " ") + " | x |"
    if kind == 5:
        return f"    {text}"  # indented code
    if kind == 6:
        return draw(long_run())
    if kind == 7:
        return draw(raw_text)
    if kind == 8:
        return f"{text}\n{draw(st.sampled_from(['===', '---', '***', '___']))}"
    if kind == 9:
        return f'<div markdown="1">\n\n{text}\n\n</div>'
    if kind == 10:
        return text
    inner = "\n\n".join(draw(st.lists(block(depth + 1), min_size=1, max_size=3)))
    if kind in (11, 12):
        marker = draw(st.sampled_from(["!!!", "???", "???+"]))
        title = draw(st.sampled_from(["", ' "Title"', f' "{text[:20]}"']))
        indented = "\n".join("    " + line for line in inner.split("\n"))
        return f"{marker} {draw(st.sampled_from(ADMONITIONS))}{title}\n{indented}"
    # `///` blocks, the real ones and others, nested with longer fences
    fence = "/" * (3 + depth)
    name = draw(
        st.sampled_from(
            ["facilitator", "activity", "handout", "note", "details", "html", "tab", "Activity"]
        )
    )
    argument = draw(st.sampled_from(["", " | Sort the cards", f" | {text[:30]}", " |"]))
    options = draw(
        st.sampled_from(
            [
                "",
                "    minutes: 0\n",
                "    minutes: 999\n",
                "    minutes: [1]\n",
                "    x: *a\n",
                "    attrs: {class: x}\n",
                "    minutes: &a 5\n",
            ]
        )
    )
    close = draw(st.sampled_from([fence, fence, "", "/" * (4 + depth)]))
    return f"{fence} {name}{argument}\n{options}\n{inner}\n{close}"


body_strategy = st.one_of(
    st.lists(block(), min_size=1, max_size=8).flatmap(
        lambda blocks: st.sampled_from(["\n\n", "\n"]).map(lambda sep: sep.join(blocks))
    ),
    raw_text,
)

# ---------------------------------------------------------------------------------------
# Lesson headers

VALID_HEADER = {
    "title": "Fuzzed lesson",
    "summary": "You find out how a machine writes a lesson.",
    "audience": "youth",
    "ages": "14-18",
    "duration": 30,
    "topics": ["secrets"],
    "objectives": ["You can read a lesson a machine wrote."],
    "warning_signs": ["Someone asks you to keep a secret from your family."],
    "content_note": "This lesson talks about secrets. You can take a break.",
    "reviewed": "2026-11-01",
    "sources": [{"title": "DHS Blue Campaign", "url": "https://www.dhs.gov/blue-campaign"}],
}
HEADER_KEYS = list(VALID_HEADER) + [
    "source_hash",
    "translated_by",
    "reviewed_by",
    "translation_reviewed",
    "bogus",
    "Title",
    "template",
]

yaml_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10**12),
    st.floats(allow_nan=True),
    phrase,
    raw_text,
    st.sampled_from(
        [
            "8-10",
            "8 - 10",
            "99-5",
            "2026-02-30",
            "2026-11-01",
            "youth",
            "teachers",
            "x" * 300,
            "<b>x</b>",
        ]
    ),
)
yaml_value = st.recursive(
    yaml_scalar,
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(st.sampled_from(["title", "url", "x"]), children, max_size=3),
    ),
    max_leaves=6,
)


@st.composite
def header_text(draw: st.DrawFn) -> str:
    meta = dict(VALID_HEADER)
    for key in draw(st.lists(st.sampled_from(HEADER_KEYS), max_size=3)):
        if draw(st.integers(0, 3)) == 0:
            meta.pop(key, None)
        else:
            meta[key] = draw(yaml_value)
    form = draw(st.integers(0, 5))
    if form == 0:
        return draw(raw_text)  # raw text in place of the header
    text = yaml.safe_dump(meta, allow_unicode=draw(st.booleans()), sort_keys=False)
    if form == 1:  # a line of raw YAML-ish text somewhere in it
        lines = text.split("\n")
        at = draw(st.integers(0, len(lines)))
        extra = draw(
            st.one_of(
                raw_text,
                st.sampled_from(
                    [
                        "x: &a [1]",
                        "y: *a",
                        "title: !!python/object:os.system x",
                        "z: !custom 1",
                        "title: dup",
                        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
                        "? complex",
                        "  - dangling",
                        'summary: "\\u202e"',
                        "title: '\\x00'",
                        "\t- tab",
                    ]
                ),
            )
        )
        lines.insert(at, extra)
        text = "\n".join(lines)
    return text


ACTIVITY = "/// activity | Talk it over\n    minutes: 30\n\nTalk about the lesson.\n///"
"""The base header's 30 minutes, so a generated body can pass (its own activities take 0)."""


def lesson_text(header: str, body: str, ending: str = "---") -> str:
    return f"---\n{header.rstrip(chr(10))}\n{ending}\n\n{body}\n\n{ACTIVITY}\n"


# ---------------------------------------------------------------------------------------
# Running `signpost check`

FINDING = re.compile(r"^[^\s:][^\n]*?:\d+: [a-z][a-z0-9-]*( \(warning\))? ")
SUMMARY = re.compile(r"^signpost: \d+ error\(s\), \d+ warning\(s\)$")


def run_check(root: Path) -> tuple[int, str, float]:
    """`signpost check` in this process: its exit code, its output and its CPU seconds.

    Under `make fuzz` a run over two seconds is timed once more and the faster run counts:
    a one-time cost in the process (2.1 s for 0.1 KB once, 6.7 s for 0.6 KB once, neither
    again on a rerun) is not the input's, and an input that is slow to check is slow twice.
    """
    out, err = io.StringIO(), io.StringIO()
    start = time.process_time()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["-C", str(root), "check"])
    seconds = time.process_time() - start
    if TIMED and seconds > 2.0:
        start = time.process_time()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            main(["-C", str(root), "check"])
        seconds = min(seconds, time.process_time() - start)
    return code, out.getvalue() + err.getvalue(), seconds


def assert_clean_output(code: int, output: str) -> None:
    """Findings and a summary, or one `signpost: …` line: never a traceback."""
    assert "Traceback" not in output, output
    assert "signpost: unexpected" not in output, output
    if code == 2:
        assert output.startswith("signpost: "), output
        return
    assert code in (0, 1), output
    lines = output.rstrip("\n").split("\n")
    assert SUMMARY.match(lines[-1]), f"no summary line:\n{output}"
    # Every finding starts `path:line: code`; each is followed by its `    hint:` line.
    # (A message holding a newline breaks this shape: it could forge a finding.)
    findings = [line for line in lines[:-1] if not line.startswith("    hint: ")]
    for line in findings:
        assert FINDING.match(line), f"not a `path:line: CODE` finding: {line!r}\n{output}"


TIMED = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"
"""Speed is a property only `make fuzz` asserts: `make test` asserts no time (a shared,
loaded machine is slow for reasons no input caused). Both measure this process's CPU time,
which other processes' load does not inflate."""


def _in_time(seconds: float, text: str, base: float = 2.0) -> None:
    """About a second of CPU per KB, on top of a fixed cost for the run itself."""
    if not TIMED:
        return
    kb = len(text.encode("utf-8")) / 1000
    assert seconds < base + kb, f"{seconds:.2f} s for {kb:.1f} KB"


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("fuzz"))
    (root / "lessons" / "fuzz-lesson").mkdir()
    # One check first, whose cost is the project's (imports, reading grades into the
    # cache), not any input's.
    run_check(root)
    return root


LESSON = Path("lessons/fuzz-lesson/index.md")


@pytest.fixture(scope="module")
def dialable(fuzz_root: Path) -> frozenset[str]:
    """The hotline digits a tel: link may dial without showing them, as the build has them."""
    return load_data(load_project(fuzz_root), Report()).dialable()


@contextlib.contextmanager
def written(root: Path, rel: Path | str, text: str | bytes):
    """`text` at `rel` for the duration; the file as it was is put back after."""
    path = root / rel
    before = path.read_bytes() if path.exists() else None
    try:
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="")
        yield path
    finally:
        if before is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(before)


def test_the_fuzzed_lesson_header_passes_check_as_it_is(fuzz_root: Path) -> None:
    """The base every generated lesson varies: valid, so generated bodies can pass."""
    text = lesson_text(yaml.safe_dump(VALID_HEADER, sort_keys=False), "## Hello\n\nText.")
    with written(fuzz_root, LESSON, text):
        code, output, _ = run_check(fuzz_root)
    assert code == 0 and "fuzz-lesson" not in output, output


# ---------------------------------------------------------------------------------------
# Rendering a passed body as the site does


def _site_markdown() -> markdown.Markdown:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    names, configs = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        configs[name] = options or {}
    names.append("signpost.render.markdown_blocks")  # the plugin adds it to every build
    return markdown.Markdown(extensions=names, extension_configs=configs)


MD = _site_markdown()

GENERATED_CLASSES = {
    "admonition",
    "admonition-title",
    "highlight",
    "sp-block-title",
    "sp-facilitator",
    "sp-facilitator-title",
    "sp-handout",
    "sp-handout-title",
    "sp-activity",
    "sp-activity-title",
    "sp-kind",
    "sp-minutes",
} | set(markup.ADMONITION_TYPES)
# Pygments marks each token of a highlighted code block with a short class on a <span>
# (`n` a name, `k` a keyword); a class names a style and runs nothing.
TOKEN_CLASSES = set(STANDARD_TYPES.values()) - {""}
_LANGUAGE_CLASS = re.compile(r"language-[\w+#.-]*")


def render(body: str) -> str:
    MD.reset()
    return MD.convert(body)


class _Events(HTMLParser):
    """Tags with their attributes, and the text, as a browser-like tokenizer reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[tuple[str, str], ...]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # nh3 writes `style="text-align: left;"` back as `text-align:left`: the same style
        values = (
            (k, re.sub(r"\s+|;$", "", v or "") if k == "style" else v or "") for k, v in attrs
        )
        self.tags.append((tag, tuple(sorted(values))))

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def events(page: str) -> _Events:
    parser = _Events()
    parser.feed(page)
    parser.close()
    return parser


def allow_list_problems(page: str) -> list[str]:
    """Every tag, attribute, class or URL scheme outside the allow-list."""
    found = []
    for tag, attrs in events(page).tags:
        if tag not in sanitize._TAGS:
            found.append(f"<{tag}>")
        allowed = sanitize._ATTRIBUTES["*"] | sanitize._ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name not in allowed:
                found.append(f"{name}= on <{tag}>")
            if name in ("href", "src"):
                plain = re.sub(r"[\x00-\x20\x7f]", "", value)
                scheme = markup.SCHEME_RE.match(plain)
                if scheme and scheme.group(1).lower() not in sanitize.URL_SCHEMES:
                    found.append(f"{scheme.group(1)}: in {name}= on <{tag}>")
                if plain.startswith("//") or plain.startswith("\\"):
                    found.append(f"off-site {name}={value!r} on <{tag}>")
            if name == "class":
                for token in value.split():
                    if token in GENERATED_CLASSES or _LANGUAGE_CLASS.fullmatch(token):
                        continue
                    if not (tag == "span" and token in TOKEN_CLASSES):
                        found.append(f"class {token!r} on <{tag}>")
            if name == "style" and not re.fullmatch(r"text-align:(left|right|center)", value):
                found.append(f"style={value!r} on <{tag}>")
    return found


def sanitiser_losses(page: str) -> list[str]:
    """What the sanitiser takes out of `page`: tags, attributes or text (comments aside)."""
    before, after = events(page), events(sanitize.sanitize(page))
    lost = []
    remaining = list(after.tags)
    for tag in before.tags:
        if tag in remaining:
            remaining.remove(tag)
        else:
            lost.append(f"<{tag[0]} {dict(tag[1])}>")
    squash = lambda parts: re.sub(r"\s+", " ", "".join(parts)).strip()  # noqa: E731
    if squash(before.text) != squash(after.text):
        lost.append(f"text: {squash(before.text)[:200]!r} became {squash(after.text)[:200]!r}")
    return lost


# ---------------------------------------------------------------------------------------
# The properties


@PROFILE
@given(header=header_text(), body=body_strategy, ending=st.sampled_from(["---", "...", "--- "]))
def test_any_lesson_is_checked_without_a_traceback(
    fuzz_root: Path, header: str, body: str, ending: str
) -> None:
    text = lesson_text(header, body, ending)
    with written(fuzz_root, LESSON, text):
        code, output, seconds = run_check(fuzz_root)
    event(f"check exit {code}")
    assert_clean_output(code, output)
    _in_time(seconds, text)


@PROFILE
@given(data=st.binary(max_size=300))
def test_any_bytes_as_a_lesson_are_checked_without_a_traceback(
    fuzz_root: Path, data: bytes
) -> None:
    with written(fuzz_root, LESSON, b"---\ntitle: x\n" + data):
        code, output, seconds = run_check(fuzz_root)
    assert_clean_output(code, output)
    _in_time(seconds, "x" * len(data))


@PROFILE
@given(body=body_strategy)
def test_what_check_passes_renders_inside_the_allow_list(
    fuzz_root: Path, dialable: frozenset[str], body: str
) -> None:
    text = lesson_text(yaml.safe_dump(VALID_HEADER, sort_keys=False), body)
    with written(fuzz_root, LESSON, text):
        code, output, seconds = run_check(fuzz_root)
    assert_clean_output(code, output)
    _in_time(seconds, text)
    passed = "fuzz-lesson" not in output
    event("passed" if passed else "refused")
    if not passed:
        return
    assert markup.neutralise(body, dialable) == body, "check passed what neutralise changes"
    start = time.process_time()
    page = render(body)
    _in_time(time.process_time() - start, body)
    # Python-Markdown leaves `markdown="1"` as written where md_in_html does not apply (a
    # <div markdown> inside an admonition); it means nothing to a browser and the sanitiser
    # drops it, which the last line holds. Anything else must already be inside the list.
    raw = [p for p in allow_list_problems(page) if p != "markdown= on <div>"]
    assert not raw, (raw, page)
    lost = [p for p in sanitiser_losses(page) if p != "<div {'markdown': '1'}>"]
    assert not lost, (lost, page)
    assert not allow_list_problems(sanitize.sanitize(page))


@PROFILE
@given(body=body_strategy)
def test_markdown_scan_is_linear_and_neutralising_leaves_nothing(body: str) -> None:
    start = time.process_time()
    masked = markup.mask_code(body)
    found = markup.problems(masked, limit=10**6)
    cleaned = markup.neutralise(body)
    list(markdown_limits.excesses(body))
    _in_time(time.process_time() - start, body, base=0.5)
    for problem in found:
        assert 0 <= problem.offset <= len(body)
    left = markup.problems(markup.mask_code(cleaned))
    assert left == [], f"neutralise left {left} in {body!r}, giving {cleaned!r}"
    assert cleaned.count("\n") == body.count("\n"), f"neutralise moved lines: {body!r}"


@PROFILE
@given(body=body_strategy)
def test_within_the_markdown_limits_python_markdown_renders_promptly(body: str) -> None:
    assume(not list(markdown_limits.excesses(body)))
    start = time.process_time()
    render(markup.neutralise(body))
    _in_time(time.process_time() - start, body, base=1.0)


@PROFILE
@given(body=body_strategy, first=st.integers(1, 50))
def test_blocks_are_scanned_with_lines_inside_the_body(body: str, first: int) -> None:
    scan = scan_blocks(body, first)
    last = first + body.count("\n")
    for block in scan.blocks:
        assert first <= block.line <= last
        assert block.end is None or block.line < block.end <= last
        assert isinstance(block.options, dict)
    for line, _ in scan.stray_closers:
        assert first <= line <= last


yaml_text = st.one_of(
    raw_text,
    yaml_value.map(lambda v: yaml.safe_dump(v, allow_unicode=True)),
    st.lists(
        st.sampled_from(
            [
                "a: 1",
                "a: 1",
                "- x",
                "  - y",
                "b: &x [1]",
                "c: *x",
                "!!binary x",
                "d: !tag 1",
                "e: {",
                "f: '",
                "? g",
                "h: 2026-02-30",
                "{{{{{{{{",
                "[" * 30,
                "i: |",
                "  text",
                "\t",
                'j: "\\u202e"',
                "%YAML 1.1",
                "---",
                "...",
                "k: !!python/tuple [1]",
                "l: !!int x",
                "m: !!float 1e999999",
                "n: !!timestamp 2026-13-45",
                "<<: {a: 1}",
                "o: !!set {a}",
                "p: !!omap [a: 1]",
                "q: 0x_",
            ]
        ),
        max_size=8,
    ).map("\n".join),
)


@PROFILE
@given(text=yaml_text)
def test_safe_yaml_returns_data_or_a_problem_with_its_line(text: str) -> None:
    start = time.process_time()
    try:
        value, _ = safe_yaml.load_with_nodes(text)
    except safe_yaml.YamlProblem as exc:
        assert isinstance(exc.line, int) and 1 <= exc.line <= text.count("\n") + 2, exc.line
        return
    finally:
        _in_time(time.process_time() - start, text, base=0.5)
    stack = [value]
    while stack:
        current = stack.pop()
        assert isinstance(current, (dict, list, str, int, float, bool, type(None))), current
        if isinstance(current, dict):
            stack.extend(current)
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)


page_header_text = st.one_of(
    yaml_text,
    st.fixed_dictionaries(
        {},
        optional={
            "title": st.one_of(phrase, line_text, yaml_value),
            "description": st.one_of(phrase, line_text, yaml_value),
            "hide": st.one_of(
                st.lists(st.sampled_from(page_header.HIDE + ("x",)), max_size=3), yaml_value
            ),
            "template": st.just("main.html"),
            "source_hash": st.sampled_from(["0123456789abcdef", "x"]),
        },
    ).map(lambda m: yaml.safe_dump(m, allow_unicode=True)),
)


@PROFILE
@given(header=page_header_text, body=body_strategy)
def test_site_page_header_is_read_and_rebuilt_safely(header: str, body: str) -> None:
    raw = f"---\n{header}\n---\n{body}"
    parsed = page_header.read(raw)
    list(page_header.problems(parsed, raw, frozenset()))
    rebuilt = page_header.for_mkdocs(parsed)
    assert rebuilt.startswith("---\n")
    meta = yaml.safe_load(rebuilt.split("\n", 2)[1])  # what MkDocs will read
    assert set(meta) <= {"title", "description", "hide"}
    for key in ("title", "description"):
        if key in meta:
            assert "<" not in meta[key] and '"' not in meta[key]
            assert html.unescape(meta[key]) == parsed.meta[key]


@PROFILE
@given(header=page_header_text, body=body_strategy)
def test_any_site_page_is_checked_without_a_traceback(
    fuzz_root: Path, header: str, body: str
) -> None:
    text = f"---\n{header}\n---\n\n{body}\n"
    with written(fuzz_root, "docs/fuzz-page.md", text):
        code, output, seconds = run_check(fuzz_root)
    assert_clean_output(code, output)
    _in_time(seconds, text)


# ---------------------------------------------------------------------------------------
# Data files: the real files with generated changes


def _mutations(path: Path) -> st.SearchStrategy[str]:
    """The file's own data with values replaced, keys dropped or added, or raw text."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))

    @st.composite
    def mutated(draw: st.DrawFn) -> str:
        value = _copy(data)
        for _ in range(draw(st.integers(1, 4))):
            value = _mutate(draw, value)
        return yaml.safe_dump(value, allow_unicode=True, sort_keys=False)

    return st.one_of(mutated(), yaml_text)


def _copy(value: object) -> object:
    return yaml.safe_load(yaml.safe_dump(value))


def _mutate(draw: st.DrawFn, value: object) -> object:
    """Replace one randomly chosen node (walking down from the top) with generated data."""
    if isinstance(value, dict) and value and draw(st.integers(0, 4)):
        key = draw(st.sampled_from(sorted(value, key=str)))
        action = draw(st.integers(0, 5))
        if action == 0:
            del value[key]
        elif action == 1:
            value[draw(st.one_of(phrase, raw_text, st.integers()))] = draw(yaml_value)
        else:
            value[key] = _mutate(draw, value[key])
        return value
    if isinstance(value, list) and value and draw(st.integers(0, 4)):
        i = draw(st.integers(0, len(value) - 1))
        action = draw(st.integers(0, 4))
        if action == 0:
            del value[i]
        elif action == 1:
            value.append(_copy(value[i]))  # a duplicate entry (same id, same name)
        else:
            value[i] = _mutate(draw, value[i])
        return value
    return draw(st.one_of(yaml_value, line_text, st.sampled_from(ODD)))


DATA_FILES = {
    "hotlines": "data/hotlines.yml",
    "characters": "data/characters.yml",
    "strings": "data/strings/en.yml",
    "strings-es": "data/strings/es.yml",
    "topics": "data/topics.yml",
    "packs": "data/packs.yml",
}


def _data_source(rel: str) -> Path:
    """The data file as `make_project` copies it (characters.yml from the curriculum)."""
    from signpost.starter import DEFAULT_STRINGS

    if rel.startswith("data/strings/"):
        return Path(DEFAULT_STRINGS) / Path(rel).name
    if rel == "data/packs.yml":
        return REPO / "tests" / "fixtures" / "packs.yml"
    return REPO / rel


@pytest.mark.parametrize("name", sorted(DATA_FILES))
def test_any_data_file_is_checked_without_a_traceback(fuzz_root: Path, name: str) -> None:
    rel = DATA_FILES[name]

    @PROFILE
    @given(text=_mutations(_data_source(rel)))
    def run(text: str) -> None:
        with written(fuzz_root, rel, text):
            code, output, seconds = run_check(fuzz_root)
        event(f"check exit {code}")
        assert_clean_output(code, output)
        _in_time(seconds, text)

    run()


SIGNPOST_YML = (REPO / "tests" / "fixtures" / "site" / "signpost.yml").read_text(encoding="utf-8")


@PROFILE
@given(text=st.one_of(_mutations(REPO / "signpost.yml"), yaml_text))
def test_signpost_yml_is_read_or_refused_in_one_line(fuzz_root: Path, text: str) -> None:
    with written(fuzz_root, "signpost.yml", text):
        try:
            load_project(fuzz_root)
        except ConfigError as exc:
            assert str(exc).startswith(str(fuzz_root / "signpost.yml")), exc
        code, output, seconds = run_check(fuzz_root)
    assert_clean_output(code, output)
    _in_time(seconds, text)


def test_the_fuzzed_project_is_left_as_it_was(fuzz_root: Path, tmp_path: Path) -> None:
    """Each example puts back what it changed, so the next one starts from the fixture."""
    fresh = make_project(tmp_path)
    for path in fresh.rglob("*"):
        if path.is_file():
            assert (fuzz_root / path.relative_to(fresh)).read_bytes() == path.read_bytes(), path
    shutil.rmtree(fresh)


# ---------------------------------------------------------------------------------------
# Regressions: every failure the fuzzer found, kept as a plain test with its minimal input.


@pytest.mark.parametrize(
    ("text", "line"),
    [("\x1f", 1), ("title: x\nsummary: \x08", 2), ("a: 1\nb: \x00", 2), ("a: \x7f", 1)],
)
def test_a_control_character_in_yaml_is_a_problem_at_its_line(text: str, line: int) -> None:
    """PyYAML's reader refused these as it was made, outside the handler: a traceback."""
    with pytest.raises(safe_yaml.YamlProblem) as refused:
        safe_yaml.load(text)
    assert refused.value.line == line
    assert "control character" in refused.value.problem and "\n" not in refused.value.problem


@pytest.mark.parametrize("name", ["hotlines", "strings"])
def test_a_control_character_in_a_data_file_is_a_finding(fuzz_root: Path, name: str) -> None:
    rel = DATA_FILES[name]
    with written(fuzz_root, rel, "\x08"):
        code, output, _ = run_check(fuzz_root)
    assert_clean_output(code, output)
    assert f"{rel}:1: yaml-syntax" in output, output


def test_a_control_character_in_a_site_page_header_is_a_finding(fuzz_root: Path) -> None:
    with written(fuzz_root, "docs/fuzz-page.md", "---\n\x1f\n---\n\nText.\n"):
        code, output, _ = run_check(fuzz_root)
    assert_clean_output(code, output)
    assert "docs/fuzz-page.md:2: yaml-syntax" in output, output


def test_a_snippet_with_a_line_break_stays_on_its_finding_line(fuzz_root: Path) -> None:
    """`<A` then a line break was printed as two lines; a snippet could forge a finding."""
    with written(fuzz_root, "docs/fuzz-page.md", "---\n\n---\n\n# <A\n"):
        code, output, _ = run_check(fuzz_root)
    assert code == 1
    assert_clean_output(code, output)
    assert (
        "docs/fuzz-page.md:5: unsafe-html a tag may not run over 2000 characters: `<A\\n`" in output
    )


@pytest.mark.parametrize(
    ("text", "neutralised"),
    [
        # A link inside a refused tag stayed live once the tag was made text.
        ("# <C [](A:) >", "# &lt;C [](#) >"),
        # A tag inside a refused tag's quoted attribute became a tag of its own.
        (
            '<x title="<img src=x onerror=alert(1)>">',
            '&lt;x title="&lt;img src=x onerror=alert(1)>">',
        ),
        ('<a<a\n\n<div markdown="1">', '&lt;a&lt;a\n\n&lt;div markdown="1">'),
        # A link inside a kept attribute of a cleaned tag was still read as a link.
        ("> <IMG ID= [](A:) 0>", '> <img id="&#91;&#93;(A:)">'),
        ('<img alt="{: onclick=x}" 0>', '<img alt="&#123;: onclick=x&#125;">'),
        # A backtick kept in a value paired with one after the tag and hid the tag's end.
        ("> <IMG ID=`\r`>`", '> <img id="&#96;">`'),
    ],
)
def test_neutralising_a_refused_tag_leaves_nothing_inside_it_live(
    text: str, neutralised: str
) -> None:
    assert markup.neutralise(text) == neutralised
    assert markup.problems(markup.mask_code(neutralised)) == []


@pytest.mark.parametrize(
    "text",
    [
        "1",
        "[a]",
        "0: !!int",
        "0: !!timestamp",
        "0: !!timestamp 2026-13-45",
        "checks: [x]",
        "languages: [{code: en, name: E, allowed_characters: 5}]",
        "languages: [{code: en, name: E}]\nage_bands: 5",
        'languages: [{code: en, name: E}]\ndata_dir: "a\\0"',
    ],
)
def test_odd_signpost_yml_is_refused_in_one_line(fuzz_root: Path, text: str) -> None:
    with written(fuzz_root, "signpost.yml", text):
        with pytest.raises(ConfigError):
            load_project(fuzz_root)
        code, output, _ = run_check(fuzz_root)
    assert code == 2 and output.startswith("signpost: ") and output.count("\n") == 1, output
    assert "unexpected" not in output


@pytest.mark.parametrize(
    ("text", "neutralised"),
    [
        # Escaping the attribute list's own `{` let the one before it open a new one, which
        # Python-Markdown read: `<h1 class="sp-help">` after neutralising.
        ("# x {{ .sp-help}", "# x &#123;&#123; .sp-help}"),
        ("para\n{{ .sp-help }\n", "para\n&#123;&#123; .sp-help }\n"),
        ("# {{0}", "# &#123;&#123;0}"),
    ],
)
def test_neutralising_an_attribute_list_leaves_no_brace_to_open_another(
    text: str, neutralised: str
) -> None:
    assert markup.neutralise(text) == neutralised
    assert markup.problems(markup.mask_code(neutralised)) == []
    assert 'class="' not in render(neutralised)


@pytest.mark.parametrize(
    "text", ["0: !!set {}", "a: !!binary aGk=", "b: !!omap [a: 1]", "c: !!timestamp 2026-01-01"]
)
def test_yaml_tags_for_sets_bytes_and_dates_are_refused(text: str) -> None:
    """safe_yaml promises plain data: these made a set, bytes, tuples and a datetime."""
    with pytest.raises(safe_yaml.YamlProblem, match="YAML tag"):
        safe_yaml.load(text)
    assert safe_yaml.load("d: !!str 5") == {"d": "5"}


@pytest.mark.parametrize("value", ["\x7f", "a\u2028b", "a\x85"])
def test_the_page_header_mkdocs_reads_holds_any_title(value: str) -> None:
    """JSON writes these as they are; MkDocs' YAML reader refused the header (and printed it
    in the page) or read U+2028 as a line break."""
    raw = f'---\ntitle: "{value.encode("unicode_escape").decode()}"\n---\nText.'
    rebuilt = page_header.for_mkdocs(page_header.read(raw))
    assert yaml.safe_load(rebuilt.split("\n")[1]) == {"title": value}


def test_a_passed_table_keeps_its_alignment_through_the_sanitiser() -> None:
    """nh3 rewrites the alignment's style (`text-align:left`); the comparison must not
    take that for a loss."""
    page = render("| a | b |\n|:--|--:|\n| trusted | x |")
    assert 'style="text-align: left;"' in page
    assert not sanitiser_losses(page) and not allow_list_problems(page)


def test_a_cleaned_tag_keeps_the_line_count_when_a_kept_value_holds_a_line_break() -> None:
    """The value's own line break was counted again, and later findings moved a line."""
    text = '# <IMG 0 ID="\n">\nnext'
    assert markup.neutralise(text) == '# <img id="\n">\nnext'


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\u2028"])
def test_a_control_character_in_a_lesson_body_is_a_finding(fuzz_root: Path, char: str) -> None:
    """A body of one NUL passed check, and the sanitiser dropped it from the page."""
    text = lesson_text(yaml.safe_dump(VALID_HEADER, sort_keys=False), f"Hello {char} there.")
    with written(fuzz_root, LESSON, text):
        code, output, _ = run_check(fuzz_root)
    assert_clean_output(code, output)
    line = text[: text.index(char)].count("\n") + 1
    assert f"{LESSON.as_posix()}:{line}: control-in-text" in output, output


@pytest.mark.parametrize("value", [3, 1.5, True])
def test_sources_that_are_not_a_list_are_a_finding(fuzz_root: Path, value: object) -> None:
    """`sources: 3` stopped check with 'signpost: unexpected TypeError'."""
    header = yaml.safe_dump({**VALID_HEADER, "sources": value}, sort_keys=False)
    with written(fuzz_root, LESSON, lesson_text(header, "Hello.")):
        code, output, _ = run_check(fuzz_root)
    assert code == 1
    assert_clean_output(code, output)
    assert f"{LESSON.as_posix()}:" in output and "sources" in output, output


@pytest.mark.parametrize(
    ("body", "names"),
    [
        ("> &# <C><A", ["c"]),
        ("a &# <script>x</script>", ["script"]),
        ("&# <b>one</b> &# <iframe>;", ["b", "iframe"]),
        ("&#x <img src=x>", ["img"]),
    ],
)
def test_a_bare_character_reference_hides_no_tag_from_the_check(
    fuzz_root: Path, body: str, names: list[str]
) -> None:
    """`make fuzz` found it: html.parser reads everything after an `&#` that starts no
    number as plain text, so `&# <script>` passed check with no finding."""
    assert [t.name for t in markup.html_tags(body) if not t.closing] == names
    assert markup.problems(markup.mask_code(markup.neutralise(body))) == []
    text = lesson_text(yaml.safe_dump(VALID_HEADER, sort_keys=False), f"Hello.\n\n{body}\n")
    line = text[: text.index(body)].count("\n") + 1
    with written(fuzz_root, LESSON, text):
        code, output, _ = run_check(fuzz_root)
    assert_clean_output(code, output)
    assert code == 1 and f"{LESSON.as_posix()}:{line}: " in output, output


def test_a_div_markdown_inside_an_admonition_loses_only_its_markdown_attribute() -> None:
    """`make fuzz` found it: Python-Markdown leaves `markdown="1"` on a <div> inside an
    admonition, and the sanitiser drops that attribute, and nothing else of the page."""
    body = '!!! abstract\n    <div markdown="1">\n\n    trusted\n\n    </div>\n'
    assert markup.neutralise(body) == body
    page = render(body)
    assert '<div markdown="1">' in page and "<p>trusted</p>" in page
    assert sanitiser_losses(page) == ["<div {'markdown': '1'}>"]
    assert not allow_list_problems(sanitize.sanitize(page))


def test_a_highlighted_code_block_keeps_its_token_classes_and_nothing_else() -> None:
    """`make fuzz` found it: Pygments marks each token with a short class (`n`, `k`) on a
    <span>, which the allow-list check did not know; the same class on any other tag, or a
    class no highlighter makes, is still a problem."""
    page = render("```python\nimport trusted\n```\n")
    assert '<span class="kn">' in page and '<span class="nn">' in page
    assert allow_list_problems(page) == []
    assert sanitiser_losses(page) == []
    assert allow_list_problems('<div class="n">x</div>') == ["class 'n' on <div>"]
    assert allow_list_problems('<span class="evil">x</span>') == ["class 'evil' on <span>"]
