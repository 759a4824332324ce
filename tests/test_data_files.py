"""Every malformed data file gives `path:line: data-file` findings, never a traceback.

Data files come from volunteers. A wrong shape (a list where a mapping belongs, a
number where text belongs, a missing key, an impossible date) must be reported at
the line to fix, with a hint, and everything else in the file must still be read.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from signpost.cli import main
from signpost.data import load_data
from signpost.data.strings import PLACEHOLDERS, Strings
from signpost.findings import Report
from signpost.project import load_project

SRC = Path(__file__).resolve().parent.parent / "src" / "signpost"

# A valid service appended to data/hotlines.yml; each case changes one thing in it.
SERVICE = """\
  - id: test-line
    locale: US
    name: Test line
    purpose: trafficking
    call: 1-800-000-0000
    chat: https://example.org/chat
    status: confirmed
    source: {title: Test source, url: "https://example.org/"}
    checked: 2026-11-28
"""

PACK = """\
  - id: second-evening
    title: {en: "Second evening", es: "Segunda tarde"}
    lessons: [staff-basics]
"""


def run_check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["-C", str(root), "check"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def apply(root: Path, rel: str, change: tuple[str, ...], at: str) -> int:
    """Change a data file and return the 1-based line of `at` in what was written.

    ("append", text) adds text at the end; ("replace", old, new) replaces the first
    `old`; ("write", text) replaces the whole file. `at` is looked for from where the
    change begins, so the expected line follows the file as it really is.
    """
    path = root / "data" / rel
    text = path.read_text(encoding="utf-8")
    if change[0] == "append":
        start, text = len(text), text + change[1]
    elif change[0] == "replace":
        assert change[1] in text, f"{change[1]!r} not in {rel}"
        start = text.index(change[1])
        text = text.replace(change[1], change[2], 1)
    else:
        start, text = 0, change[1]
    path.write_text(text, encoding="utf-8")
    return text.count("\n", 0, text.index(at, start)) + 1


def assert_finding(out: str, prefix: str, fragment: str) -> None:
    """A finding starting with `prefix` says `fragment`, and a hint follows it."""
    lines = out.splitlines()
    hits = [i for i, line in enumerate(lines) if line.startswith(prefix) and fragment in line]
    assert hits, f"no `{prefix} ... {fragment}` in:\n{out}"
    assert lines[hits[0] + 1].startswith("    hint: "), out
    assert "unexpected" not in out and "Traceback" not in out, out


def service(old: str = "", new: str = "") -> tuple[str, str]:
    assert old in SERVICE, old
    return ("append", SERVICE.replace(old, new, 1))


# (file under data/, change, text whose line the finding must point at, message fragment)
CASES = [
    # topics.yml
    (
        "topics.yml",
        ("write", "# Topics\n- trusted-adults\n- secrets\n"),
        "- trusted",
        "must be a mapping of topic ids",
    ),
    (
        "topics.yml",
        ("append", "bad-topic:\n  - label: {en: Bad}\n"),
        "bad-topic:",
        "topic `bad-topic`",
    ),
    (
        "topics.yml",
        ("append", "bad-topic:\n  label: [Bad]\n"),
        "  label",
        "`label` must map language codes",
    ),
    ("topics.yml", ("append", "bad-topic: Bad\n"), "bad-topic:", "must be a mapping, not text"),
    (
        "topics.yml",
        ("append", "bad-topic:\n  label: {en: 42}\n"),
        "  label",
        "must be text, not a number",
    ),
    (
        "topics.yml",
        ("append", "bad-topic:\n  label:\n    en: [Bad]\n"),
        "    en:",
        "must be text, not a list",
    ),
    ("topics.yml", ("append", "bad-topic:\n  label: {es: Malo}\n"), "  label", "no `en` text"),
    (
        "topics.yml",
        ("append", "Bad_Topic:\n  label: {en: Bad}\n"),
        "Bad_Topic",
        "lowercase letters",
    ),
    (
        "topics.yml",
        ("append", "bad-topic:\n  label: {en: Bad}\n  lable: {en: Bad}\n"),
        "  lable",
        "unknown key `lable`",
    ),
    # strings/<lang>.yml
    (
        "strings/en.yml",
        ("write", "# Strings\n- minutes\n"),
        "- minutes",
        "must be a mapping of keys",
    ),
    (
        "strings/en.yml",
        ("append", "extra_key: [a, b]\n"),
        "extra_key",
        "`extra_key` must be text, not a list",
    ),
    ("strings/en.yml", ("append", "extra_key: 12\n"), "extra_key", "must be text, not a number"),
    ("strings/en.yml", ("append", "extra_key:\n"), "extra_key", "`extra_key` is empty"),
    ("strings/en.yml", ("append", "yes: Yes\n"), "yes:", "key `True` is not text"),
    (
        "strings/es.yml",
        ("replace", 'minutes: "{n} min"', "minutes: {n: min}"),
        "minutes:",
        "not a mapping",
    ),
    # avoid/<lang>.yml
    (
        "avoid/en.yml",
        ("append", "- {term: bad word}\n"),
        "- {term: bad",
        "`replacement` is missing",
    ),
    ("avoid/en.yml", ("append", "- bad word\n"), "- bad word", "must be a mapping, not text"),
    (
        "avoid/en.yml",
        ("append", "- {term: bad word, replacement: 7}\n"),
        "- {term: bad",
        "must be text, not a number",
    ),
    (
        "avoid/en.yml",
        ("append", "- {term: [a, b], replacement: c}\n"),
        "- {term: [a",
        "`term` must be text, not a list",
    ),
    (
        "avoid/en.yml",
        ("append", "- {term: Pimp, replacement: trafficker}\n"),
        "- {term: Pimp",
        "listed twice",
    ),
    ("avoid/en.yml", ("write", "term: pimp\nreplacement: trafficker\n"), "term:", "must be a list"),
    (
        "avoid/es.yml",
        ("append", "- {term: a, replacment: b}\n"),
        "- {term: a",
        "unknown key `replacment`",
    ),
    # hotlines.yml: the file and its sections
    (
        "hotlines.yml",
        ("write", "# Hotlines\n- us-nhth\n"),
        "- us-nhth",
        "must be a mapping of `help_box`",
    ),
    (
        "hotlines.yml",
        (
            "replace",
            "  teachers: [emergency, crisis, child, trafficking, child-online, missing-children]",
            "  teachers: emergency",
        ),
        "teachers:",
        "`help_box` must list purposes",
    ),
    (
        "hotlines.yml",
        ("replace", "  youth: [emergency, crisis,", "  youth: [emergency, 3,"),
        "youth:",
        "`3` is not one",
    ),
    (
        "hotlines.yml",
        ("replace", "  community: [", "  grown-ups: [emergency]\n  community: ["),
        "grown-ups:",
        "grown-ups",
    ),
    (
        "hotlines.yml",
        ("replace", "locales:\n", "locales: [US, CA]\nold_locales:\n"),
        "locales:",
        "`locales` must map locale codes",
    ),
    (
        "hotlines.yml",
        (
            "replace",
            "    name: {en: Canada, es: Canadá, fr: Canada, ar: كندا}",
            "    name: Canada",
        ),
        "    name:",
        "`name` must map language codes",
    ),
    (
        "hotlines.yml",
        (
            "replace",
            "  CA:\n    name: {en: Canada, es: Canadá, fr: Canada, ar: كندا}\n"
            "    where: {en: in Canada, es: en Canadá, fr: au Canada, ar: في كندا}",
            "  CA: [Canada]",
        ),
        "  CA:",
        "locale `CA`",
    ),
    (
        "hotlines.yml",
        ("replace", "    where: {en: in Canada, es: en Canadá,", "    where: {english: in Canada,"),
        "    where:",
        "`where` has no `en` text",
    ),
    (
        "hotlines.yml",
        ("replace", "locales:\n", "locales:\n  NO: {name: {en: Norway}}\n"),
        "  NO:",
        "locale code `False` is not text",
    ),
    (
        "hotlines.yml",
        ("replace", "services:\n", "services: none\nold_services:\n"),
        "services:",
        "`services` must be a list",
    ),
    # hotlines.yml: one service
    ("hotlines.yml", ("append", "  - Test line\n"), "  - Test line", "must be a mapping, not text"),
    (
        "hotlines.yml",
        ("append", "  - [test-line, US]\n"),
        "  - [test",
        "must be a mapping, not a list",
    ),
    (
        "hotlines.yml",
        service("checked: 2026-11-28", "checked: 2026-02-30"),
        "    checked: 2026-02-30",
        "not a date in the calendar",
    ),
    (
        "hotlines.yml",
        service("checked: 2026-11-28", "checked: last week"),
        "    checked: last",
        "YYYY-MM-DD",
    ),
    (
        "hotlines.yml",
        service("    checked: 2026-11-28\n"),
        "  - id: test-line",
        "`checked` is missing",
    ),
    (
        "hotlines.yml",
        service(
            'source: {title: Test source, url: "https://example.org/"}',
            "source: https://example.org/",
        ),
        "    source:",
        "`source` must be a mapping",
    ),
    (
        "hotlines.yml",
        service(
            'source: {title: Test source, url: "https://example.org/"}',
            "source: {url: https://example.org/}",
        ),
        "    source:",
        "`source.title` is missing",
    ),
    (
        "hotlines.yml",
        service('    source: {title: Test source, url: "https://example.org/"}\n'),
        "  - id: test-line",
        "`source` is missing",
    ),
    (
        "hotlines.yml",
        service("name: Test line", "name: [Test, line]"),
        "    name:",
        "`name` must be text, not a list",
    ),
    (
        "hotlines.yml",
        service("name: Test line", "name: 42"),
        "    name:",
        "`name` must be text, not a number",
    ),
    ("hotlines.yml", service("    name: Test line\n"), "  - id: test-line", "`name` is missing"),
    (
        "hotlines.yml",
        service("locale: US", "locale: XX"),
        "    locale:",
        "locale `XX` is not listed",
    ),
    (
        "hotlines.yml",
        service("id: test-line", "id: us-nhth"),
        "  - id: us-nhth",
        "used by an earlier service",
    ),
    (
        "hotlines.yml",
        service("id: test-line", "id: Test Line"),
        "  - id: Test",
        "lowercase letters",
    ),
    (
        "hotlines.yml",
        service("call: 1-800-000-0000", "phone: 1-800-000-0000"),
        "    phone:",
        "unknown key `phone`",
    ),
    (
        "hotlines.yml",
        service("status: confirmed", "status: confirmed\n    hours: [9, 17]"),
        "    hours:",
        "`hours` must be text, not a list",
    ),
    (
        "hotlines.yml",
        service("status: confirmed", "status: confirmed\n    languages: {en: yes}"),
        "    languages:",
        "`languages` must be text",
    ),
]

RULES = [
    # chat and source.url: https:// only
    (
        "chat: https://example.org/chat",
        "chat: javascript:alert(1)",
        "    chat:",
        "must be an https:// address",
    ),
    (
        "chat: https://example.org/chat",
        'chat: "data:text/html,<script>alert(1)</script>"',
        "    chat:",
        "must be an https:// address",
    ),
    (
        "chat: https://example.org/chat",
        "chat: http://example.org/chat",
        "    chat:",
        "must be an https:// address",
    ),
    ("chat: https://example.org/chat", "chat: /chat", "    chat:", "must be an https:// address"),
    (
        "chat: https://example.org/chat",
        "chat: HTTPS://example.org/chat",
        "    chat:",
        "must be an https:// address",
    ),
    (
        "chat: https://example.org/chat",
        "chat: https://example.org@evil.example/",
        "    chat:",
        "user name",
    ),
    (
        "chat: https://example.org/chat",
        'chat: "https://example.org/\\"onmouseover=x"',
        "    chat:",
        "characters of a web address",
    ),
    ("chat: https://example.org/chat", "chat: https://", "    chat:", "needs a site name"),
    ('url: "https://example.org/"', 'url: "javascript:alert(1)"', "    source:", "`source.url`"),
    (
        'url: "https://example.org/"',
        'url: "http://example.org/"',
        "    source:",
        "must be an https:// address",
    ),
    # call, text, tty: digits, spaces, + and - only
    (
        "call: 1-800-000-0000",
        'call: "911\\u202e0"',
        "    call:",
        "only digits, spaces, `+` and `-`",
    ),
    ("call: 1-800-000-0000", 'call: "<b>911</b>"', "    call:", "only digits, spaces, `+` and `-`"),
    (
        "call: 1-800-000-0000",
        "call: 1-800-HELP-NOW",
        "    call:",
        "only digits, spaces, `+` and `-`",
    ),
    ("call: 1-800-000-0000", "call: 0123", "    call:", "must be text (put it in quotes)"),
    ("call: 1-800-000-0000", "call: [911]", "    call:", "must be text, not a list"),
    (
        "call: 1-800-000-0000",
        "call: 1-800-000-0000\n    text: 'text HELP'",
        "    text:",
        "`text` `text HELP` may hold only",
    ),
    (
        "call: 1-800-000-0000",
        "call: 1-800-000-0000\n    tty: '7 1 1x'",
        "    tty:",
        "may hold only digits",
    ),
    # status
    ("status: confirmed", "status: maybe", "    status:", "must be confirmed or unconfirmed"),
    ("status: confirmed", "status: true", "    status:", "must be confirmed or unconfirmed"),
    (
        "    status: confirmed\n",
        "",
        "  - id: test-line",
        "`status` must be confirmed or unconfirmed, not missing",
    ),
    # hours, languages: short text
    (
        "status: confirmed",
        "status: confirmed\n    hours: " + "all day " * 10,
        "    hours:",
        "longer than 40",
    ),
]

READING = "community:\n  - {max_grade: 8, severity: warning}"
READING_CASES = [
    (("write", "- {max_grade: 5}\n"), "- {max", "must be a mapping of audiences"),
    (
        ("replace", READING, "community:\n  - {max_grade: eight, severity: warning}"),
        "  - {max_grade: eight",
        "`max_grade` must be a number",
    ),
    (
        ("replace", READING, "community:\n  - {max_grade: 8, severity: fatal}"),
        "  - {max_grade: 8, sev",
        "`severity` must be error or warning",
    ),
    (
        ("replace", READING, "community:\n  - [8, warning]"),
        "  - [8",
        "must be a mapping, not a list",
    ),
    (
        ("replace", READING, "community:\n  - {severity: warning}"),
        "  - {severity",
        "needs `max_grade`",
    ),
    (
        ("replace", READING, "community:\n  - {ages: eight, max_grade: 8}"),
        "  - {ages",
        "`ages` must be MIN-MAX",
    ),
    (
        ("replace", READING, "community:\n  - {ages: 10-8, max_grade: 8}"),
        "  - {ages",
        "`ages` must be MIN-MAX",
    ),
    (
        (
            "replace",
            READING,
            "community:\n  - {max_grade: 8}\n  - max_grade: 9\n    sevrity: warning",
        ),
        "    sevrity",
        "unknown key `sevrity`",
    ),
    (("replace", READING, "community: 8"), "community", "must be a mapping, not a number"),
    (
        ("replace", READING, "comunity:\n  - {max_grade: 8, severity: warning}"),
        "comunity",
        "audience `comunity` is not one of",
    ),
]

PACK_CASES = [
    ("write", "# Packs\n- id: fixture-evening\n", "- id", "must be a mapping of `packs:`"),
    (
        "write",
        "packs:\n  id: fixture-evening\n",
        "packs:",
        "`packs:` must be a list of packs, not a mapping",
    ),
    (
        "append",
        "  - evening\n",
        "  - evening",
        "pack 2 (`id`, `title: {en: ...}`, `lessons`) must be a mapping",
    ),
    (
        "append",
        PACK.replace("title: {en:", "title: Second evening\n    x: {en:"),
        "    title",
        "`title` must map language codes",
    ),
    ("append", PACK.replace('{en: "Second evening", ', "{"), "    title", "no `en` text"),
    (
        "append",
        PACK.replace("lessons: [staff-basics]", "lessons: staff-basics"),
        "    lessons",
        "`lessons` must list lesson folder names",
    ),
    (
        "append",
        PACK.replace("lessons: [staff-basics]", "lessons:\n      - staff-basics\n      - {id: x}"),
        "      - {id",
        "lesson `{'id': 'x'}` is not",
    ),
    (
        "append",
        PACK.replace("id: second-evening", "id: Second Evening"),
        "  - id: Second",
        "lowercase letters",
    ),
    (
        "append",
        PACK.replace("id: second-evening", "id: fixture-evening"),
        "  - id: fixture",
        "used twice",
    ),
    (
        "append",
        PACK.replace("    lessons: [staff-basics]\n", ""),
        "  - id: second",
        "`lessons` must list lesson folder names, not missing",
    ),
]


def test_fixture_data_is_valid(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    apply(project, "hotlines.yml", ("append", SERVICE), "  - id")
    code, out = run_check(project, capsys)
    assert code == 0, out
    assert "data-file" not in out


@pytest.mark.parametrize(("rel", "change", "at", "fragment"), CASES)
def test_malformed_data_file_is_a_finding(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    rel: str,
    change: tuple,
    at: str,
    fragment: str,
) -> None:
    line = apply(project, rel, change, at)
    code, out = run_check(project, capsys)
    assert code == 1, out
    assert_finding(out, f"data/{rel}:{line}: data-file", fragment)


@pytest.mark.parametrize(("old", "new", "at", "fragment"), RULES)
def test_hotline_rules(
    project: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, at: str, fragment: str
) -> None:
    line = apply(project, "hotlines.yml", service(old, new), at)
    code, out = run_check(project, capsys)
    assert code == 1, out
    assert_finding(out, f"data/hotlines.yml:{line}: data-file", fragment)
    assert "test-line" not in {h.id for h in load_data(load_project(project), Report()).hotlines}


@pytest.mark.parametrize(("change", "at", "fragment"), READING_CASES)
def test_malformed_readability_is_a_finding_at_its_line(
    project: Path, capsys: pytest.CaptureFixture[str], change: tuple, at: str, fragment: str
) -> None:
    line = apply(project, "readability.yml", change, at)
    code, out = run_check(project, capsys)
    assert code == 1, out
    assert_finding(out, f"data/readability.yml:{line}: data-file", fragment)


@pytest.mark.parametrize(("kind", "text", "at", "fragment"), PACK_CASES)
def test_malformed_packs_is_a_finding_at_its_line(
    project: Path, capsys: pytest.CaptureFixture[str], kind: str, text: str, at: str, fragment: str
) -> None:
    line = apply(project, "packs.yml", (kind, text), at)
    code, out = run_check(project, capsys)
    assert code == 1, out
    assert_finding(out, f"data/packs.yml:{line}: data-file", fragment)


def test_every_problem_is_reported_at_once_and_sound_entries_kept(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = apply(
        project,
        "hotlines.yml",
        service("checked: 2026-11-28", "checked: 2026-02-30"),
        "    checked",
    )
    second = apply(
        project,
        "hotlines.yml",
        (
            "append",
            SERVICE.replace("id: test-line", "id: other-line\n    colour: red").replace(
                "chat: https", "chat: http"
            ),
        ),
        "    colour",
    )
    third = apply(project, "avoid/en.yml", ("append", "- pimp\n"), "- pimp")
    code, out = run_check(project, capsys)
    assert code == 1, out
    assert_finding(out, f"data/hotlines.yml:{first}: data-file", "not a date in the calendar")
    assert_finding(out, f"data/hotlines.yml:{second}: data-file", "unknown key `colour`")
    written = (project / "data" / "hotlines.yml").read_text(encoding="utf-8")
    chat = written[: written.index("chat: http:")].count("\n") + 1
    assert_finding(out, f"data/hotlines.yml:{chat}: data-file", "must be an https:// address")
    assert_finding(out, f"data/avoid/en.yml:{third}: data-file", "must be a mapping")
    data = load_data(load_project(project), Report())
    ids = {h.id for h in data.hotlines}
    assert "us-nhth" in ids and "test-line" not in ids and "other-line" not in ids
    assert "pimp" in {t.term for t in data.avoid["en"]}


@pytest.mark.parametrize(
    "value",
    ["{n:>150000000} min", "{n!r} min", "{n.__class__} min", "{n[0]} min", "{ n } min", "{0} min"],
)
def test_placeholder_with_format_spec_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    line = apply(
        project,
        "strings/en.yml",
        ("replace", 'minutes: "{n} min"', f'minutes: "{value}"'),
        "minutes:",
    )
    code, out = run_check(project, capsys)
    assert code == 1, out
    assert_finding(out, f"data/strings/en.yml:{line}: data-file", "may only be a plain name")


def test_placeholder_the_code_does_not_fill_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = apply(
        project,
        "strings/en.yml",
        ("replace", 'minutes: "{n} min"', 'minutes: "{unknown} min"'),
        "minutes:",
    )
    code, out = run_check(project, capsys)
    assert code == 1, out
    assert_finding(
        out,
        f"data/strings/en.yml:{line}: data-file",
        "`{unknown}` is not filled in here (allowed: {n})",
    )


def test_translation_may_use_only_the_default_languages_placeholders(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = apply(
        project,
        "strings/es.yml",
        (
            "replace",
            'plan_title: "Plan de lección: {title}"',
            'plan_title: "Plan de lección: {title} {date}"',
        ),
        "plan_title",
    )
    code, out = run_check(project, capsys)
    assert code == 1, out
    assert_finding(
        out,
        f"data/strings/es.yml:{line}: data-file",
        "`{date}` is not filled in here (allowed: {title})",
    )


def test_escaped_invisible_character_in_a_value_is_reported(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = apply(
        project, "hotlines.yml", service("name: Test line", 'name: "Test \\u202eenil"'), "    name:"
    )
    code, out = run_check(project, capsys)
    assert code == 1, out
    assert f"data/hotlines.yml:{line}: invisible-character invisible U+202E" in out, out


def test_escaped_control_character_in_a_value_is_reported(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = apply(
        project, "strings/en.yml", ("append", 'extra_key: "red \\x1b[31m text"\n'), "extra_key"
    )
    code, out = run_check(project, capsys)
    assert code == 1, out
    assert_finding(out, f"data/strings/en.yml:{line}: data-file", "control character U+001B")
    assert "\x1b" not in out


def test_strings_never_expand_a_format_spec() -> None:
    hostile = "{n:>150000000}|{n!r}|{n.__class__}|{n[0]}|{unknown}|{|}|{n}"
    t = Strings("en", {"hostile": hostile}, {})
    assert t("hostile", n=5) == "{n:>150000000}|{n!r}|{n.__class__}|{n[0]}|{unknown}|{|}|5"
    assert t("hostile") == hostile
    falls_back = Strings("es", {}, {"minutes": "{n} min"})
    assert falls_back("minutes", n="{n}") == "{n} min"  # the catalogue script fills it in later
    assert falls_back.missing == {"minutes"}


def _calls_with_values() -> dict[str, set[str]]:
    """The names each `t("key", name=...)` call in the code passes."""
    found: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.keywords:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name == "t" and node.args and isinstance(node.args[0], ast.Constant):
                found.setdefault(node.args[0].value, set()).update(k.arg for k in node.keywords)
    return found


def test_placeholder_table_covers_every_call() -> None:
    """A name the code passes but the table lacks would make `check` refuse a good string."""
    calls = _calls_with_values()
    assert calls, "no t(...) calls found: the scan is broken"
    for key, names in calls.items():
        assert names <= PLACEHOLDERS.get(key, frozenset()), (key, names)
    unused = set(PLACEHOLDERS) - set(calls)
    assert unused == {"lesson_count"}, unused
