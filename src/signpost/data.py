"""The project's data files: topics, interface strings, hotlines, reading targets, terms to avoid.

Authors change these YAML files, never Python. Each loader checks the layout and
reports problems as findings with the file and line instead of failing later.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from . import safe_yaml
from .findings import Report, Severity
from .hygiene import INVISIBLE, describe, hidden, report_invisible
from .project import Project
from .schema import AGES_RE, AUDIENCES
from .strings import PLACEHOLDERS, placeholder_names, placeholder_problems

PURPOSES = (
    "emergency",
    "crisis",
    "trafficking",
    "child-online",
    "missing-children",
    "police",
    "tips",
)


@dataclass(frozen=True)
class Hotline:
    id: str
    locale: str
    name: str
    call: str | None
    text: str | None
    text_keyword: str | None
    tty: str | None
    chat: str | None
    purpose: str
    hours: str | None
    languages: str | None
    confirmed: bool
    source_title: str
    source_url: str
    checked: dt.date
    line: int


@dataclass(frozen=True)
class Locale:
    code: str
    names: dict[str, str]
    where: dict[str, str] = field(default_factory=dict)
    """The place as a sentence needs it ("in the United States", "au Canada"), per language."""


@dataclass(frozen=True)
class ReadingTarget:
    audience: str
    ages: tuple[int, int] | None
    max_grade: float
    severity: Severity


@dataclass(frozen=True)
class AvoidTerm:
    term: str
    replacement: str


@dataclass(frozen=True)
class Pack:
    """A seminar pack declared in `data/packs.yml`: several lessons' handouts behind a cover."""

    id: str
    titles: dict[str, str]
    lessons: tuple[str, ...]
    line: int

    def title(self, lang: str, default: str) -> str:
        return self.titles.get(lang) or self.titles.get(default) or self.id


@dataclass
class Data:
    topics: dict[str, dict[str, str]] = field(default_factory=dict)
    strings: dict[str, dict[str, str]] = field(default_factory=dict)
    locales: dict[str, Locale] = field(default_factory=dict)
    hotlines: list[Hotline] = field(default_factory=list)
    help_box: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """The purposes each audience's help box shows, in order (`help_box:` in hotlines.yml)."""
    reading: list[ReadingTarget] = field(default_factory=list)
    avoid: dict[str, list[AvoidTerm]] = field(default_factory=dict)
    spelling: dict[str, list[AvoidTerm]] = field(default_factory=dict)
    """Spellings outside a language's edition (British forms in US English), per language."""
    third_person: dict[str, list[str]] = field(default_factory=dict)
    """Phrases that describe students instead of speaking to them, for youth summaries."""
    packs: list[Pack] = field(default_factory=list)

    def topic_label(self, topic: str, lang: str, default: str) -> str:
        labels = self.topics.get(topic, {})
        return labels.get(lang) or labels.get(default) or topic

    def reading_target(self, audience: str, ages: tuple[int, int] | None) -> ReadingTarget | None:
        """The target for the youngest reader the lesson is meant for."""
        for target in self.reading:
            if target.audience != audience:
                continue
            if target.ages is None or (ages and target.ages[0] <= ages[0] <= target.ages[1]):
                return target
        return None

    def hotlines_for(self, locales: tuple[str, ...]) -> list[Hotline]:
        return [h for loc in locales for h in self.hotlines if h.locale == loc and h.confirmed]

    def help_box_hotlines(self, locales: tuple[str, ...], audience: str = "youth") -> list[Hotline]:
        """The services a lesson's reader should see first: its audience's purposes, in order.

        Tip lines for police and the like stay on the Get help page, where adults look.
        """
        order = {purpose: i for i, purpose in enumerate(self.help_box.get(audience, ()))}
        chosen = [h for h in self.hotlines_for(locales) if h.purpose in order]
        return sorted(chosen, key=lambda h: order[h.purpose])

    def country_lines(self) -> list[tuple[Locale, list[Hotline]]]:
        """Each country's emergency number and its main line, for readers whose language
        has no country of its own: the first confirmed service after emergency in the
        community help box, which puts the country's trafficking line first.
        """
        out = []
        for code, locale in self.locales.items():
            services = self.help_box_hotlines((code,), "community")
            emergency = [h for h in services if h.purpose == "emergency"][:1]
            main = [h for h in services if h.purpose != "emergency"][:1]
            if emergency or main:
                out.append((locale, emergency + main))
        return out


# --- Reading the files -------------------------------------------------------------
#
# Every data file comes from a volunteer, so nothing in it is trusted: each loader
# checks the shape of what it reads, reports each problem as a `data-file` finding at
# the line of the offending key or item, and keeps the entries that are sound, so
# that one `signpost check` lists every problem at once. A loader never raises.

_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_PHONE_RE = re.compile(r"[0-9 +\-]*[0-9][0-9 +\-]*")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_URL_RE = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_MISSING: Any = object()
_QUOTE = " (put it in quotes)"

STATUSES = ("confirmed", "unconfirmed")
SERVICE_KEYS = frozenset(
    {"id", "locale", "name", "purpose", "call", "text", "text_keyword", "tty", "chat", "hours"}
    | {"languages", "status", "source", "checked"}
)
SHORT = 40
"""The longest `hours`, `languages` and phone values: a note beside a number, not prose."""


def _kind(value: object) -> str:
    """What a value is, in an author's words, for messages."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "text"


def _show(value: object, limit: int = 40) -> str:
    """A value as a finding may echo it: short, one line, invisible characters spelled out."""
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return "".join(
        c if c.isprintable() and ord(c) not in INVISIBLE else f"\\u{ord(c):04x}" for c in text
    )


def _same_key(node: yaml.Node, key: object) -> bool:
    if not isinstance(node, yaml.ScalarNode):
        return False
    if isinstance(key, str):
        return node.value == key
    if node.style:  # a quoted key is always text
        return False
    try:  # `NO:` is read as False, `1:` as 1: compare what the key becomes
        return bool(safe_yaml.load(node.value) == key)
    except safe_yaml.YamlProblem:
        return False


@dataclass
class _File:
    """One data file as read: its data, its node tree (for lines) and a problem counter."""

    rel: str
    data: Any
    node: yaml.Node | None
    report: Report
    count: int = 0

    def line(self, *path: object) -> int:
        """1-based line of the key or item at `path` (keys and list indexes from the top);
        the line of the deepest part that exists when the rest is missing."""
        node = self.node
        line = node.start_mark.line + 1 if node is not None else 1
        for step in path:
            if (
                isinstance(node, yaml.SequenceNode)
                and isinstance(step, int)
                and 0 <= step < len(node.value)
            ):
                node = node.value[step]
                line = node.start_mark.line + 1
            elif isinstance(node, yaml.MappingNode):
                pair = next((p for p in node.value if _same_key(p[0], step)), None)
                if pair is None:
                    break
                line = pair[0].start_mark.line + 1
                node = pair[1]
            else:
                break
        return line

    def problem(self, path: tuple[object, ...], text: str) -> None:
        self.problem_at(self.line(*path), text)

    def problem_at(self, line: int, text: str) -> None:
        self.count += 1
        self.report.add("data-file", self.rel, line, problem=text)

    def mapping(self, path: tuple[object, ...], value: object, what: str) -> dict | None:
        if isinstance(value, dict):
            return value
        self.problem(path, f"{what} must be a mapping, not {_kind(value)}")
        return None

    def unknown_keys(
        self, path: tuple[object, ...], mapping: dict, allowed: Iterable[str], what: str
    ) -> None:
        allowed = sorted(allowed)
        for key in mapping:
            if key not in allowed:
                self.problem(
                    (*path, key),
                    f"{what}: unknown key `{_show(key)}` (expected "
                    + ", ".join(f"`{k}`" for k in allowed)
                    + ")",
                )

    def text(
        self,
        path: tuple[object, ...],
        value: object,
        what: str,
        *,
        limit: int = 200,
        one_line: bool = True,
    ) -> str | None:
        """Non-empty text, or None after reporting why not; `_MISSING` when the key is absent."""
        if value is _MISSING:
            self.problem(path, f"{what} is missing")
        elif value is None or value == "":
            self.problem(path, f"{what} is empty")
        elif not isinstance(value, str):
            quote = _QUOTE if isinstance(value, int | float) else ""
            self.problem(path, f"{what} must be text, not {_kind(value)}{quote}")
        elif one_line and ("\n" in value or "\t" in value):
            self.problem(path, f"{what} must be one line")
        elif len(value) > limit:
            self.problem(path, f"{what} is longer than {limit} characters")
        else:
            return value
        return None

    def labels(
        self, path: tuple[object, ...], value: object, what: str, default: str
    ) -> dict[str, str]:
        """A `{en: ..., es: ...}` mapping of language codes to text, with the default's."""
        example = f"{{{default}: ...}}"
        if value is _MISSING:
            self.problem(path, f"{what} is missing; write `{example}`")
            return {}
        if not isinstance(value, dict):
            self.problem(
                path,
                f"{what} must map language codes to text, e.g. `{example}`, not {_kind(value)}",
            )
            return {}
        out = {}
        for lang, label in value.items():
            if not isinstance(lang, str):
                self.problem((*path, lang), f"{what}: language code `{_show(lang)}` is not text")
                continue
            text = self.text((*path, lang), label, f"{what}: `{lang}`")
            if text is not None:
                out[lang] = text
        if default not in value:
            self.problem(path, f"{what} has no `{default}` text (the default language)")
        return out

    def phone(self, path: tuple[object, ...], value: object, what: str) -> str | None:
        if isinstance(value, int | float) and not isinstance(value, bool):
            self.problem(
                path,
                f"{what} must be text{_QUOTE}: YAML reads an unquoted number "
                "and can drop leading zeros",
            )
            return None
        text = self.text(path, value, what, limit=SHORT)
        if text is not None and not _PHONE_RE.fullmatch(text):
            self.problem(path, f"{what} `{_show(text)}` may hold only digits, spaces, `+` and `-`")
            return None
        return text

    def https(self, path: tuple[object, ...], value: object, what: str) -> str | None:
        text = self.text(path, value, what, limit=300)
        if text is None:
            return None
        problem = _url_problem(text)
        if problem:
            self.problem(path, f"{what} `{_show(text, 60)}` {problem}")
            return None
        return text


def _url_problem(url: str) -> str | None:
    """Why `url` is not a plain https:// address for a reader to open, or None."""
    if not url.startswith("https://"):
        return "must be an https:// address"
    if not _URL_RE.fullmatch(url):
        return (
            "may hold only the characters of a web address "
            "(no spaces, quotes, `<`, `>`, `\\` or non-ASCII letters)"
        )
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError:
        return "is not a valid web address"
    if "@" in parts.netloc:
        return "must not hold a user name (`...@`), which hides the real site"
    if not parts.hostname or "." not in parts.hostname:
        return "needs a site name after https://"
    return None


def _read(
    path: Path, rel: str, report: Report, project: Project, lang: str | None = None
) -> _File | None:
    """The file as read, or None after reporting why it cannot be used."""
    inner = [p for p in path.parents if p.is_relative_to(project.root)]
    if path.is_symlink() or any(p.is_symlink() for p in inner):
        return None  # files.check_trees reports it; never read through a link
    if not path.is_file():
        report.add("data-file", rel, 1, problem=f"{rel} is missing")
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        report.add("encoding", rel, 1, position=exc.start)
        return None
    except OSError as exc:
        report.add("data-file", rel, 1, problem=f"{rel} cannot be read ({exc.strerror})")
        return None
    report_invisible(project, rel, text, lang, report)
    try:
        data, node = safe_yaml.load_with_nodes(text)
    except safe_yaml.YamlProblem as exc:
        report.add("yaml-syntax", rel, exc.line, problem=exc.problem)
        return None
    file = _File(rel, data, node, report)
    _check_scalars(file, text, project.allowed_characters(lang), lang)
    return file


def _check_scalars(file: _File, text: str, allowed: frozenset[int], lang: str | None) -> None:
    """Characters that a quoted YAML escape (`"\\u202e"`, `"\\x1b"`) puts into a value.

    `report_invisible` reads the file as written, where an escape is six harmless
    letters; the value it turns into is what a page would show.
    """
    written = {char for _, char in hidden(text, allowed)}
    stack = [file.node] if file.node is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.ScalarNode):
            line = node.start_mark.line + 1
            # A leading space: `hidden` forgives a byte-order mark only at a file's start.
            for _, char in hidden(" " + node.value, allowed):
                if char not in written:
                    file.count += 1
                    file.report.add(
                        "invisible-character",
                        file.rel,
                        line,
                        char=describe(char),
                        lang=lang or "a language's",
                    )
            control = _CONTROL_RE.search(node.value)
            if control:
                file.problem_at(
                    line, f"a value holds the control character {describe(control.group(0))}"
                )


def load_data(project: Project, report: Report) -> Data:
    data = Data()
    root = project.data_path
    rel = project.data_dir
    default = project.default_language.code
    file = _read(root / "topics.yml", f"{rel}/topics.yml", report, project)
    if file:
        _load_topics(data, file, default, project.codes)
    for lang in project.codes:  # the default language first: translations follow its strings
        file = _read(
            root / "strings" / f"{lang}.yml", f"{rel}/strings/{lang}.yml", report, project, lang
        )
        if file:
            _load_strings(data, file, lang, default)
        file = _read(
            root / "avoid" / f"{lang}.yml", f"{rel}/avoid/{lang}.yml", report, project, lang
        )
        if file:
            _load_avoid(data, file, lang)
        for folder, table, load in (
            ("spelling", data.spelling, _terms),
            ("third-person", data.third_person, _phrases),
        ):
            path = root / folder / f"{lang}.yml"
            if path.exists() or path.is_symlink():
                file = _read(path, f"{rel}/{folder}/{lang}.yml", report, project, lang)
                if file:
                    table[lang] = load(file)
    file = _read(root / "hotlines.yml", f"{rel}/hotlines.yml", report, project)
    if file:
        _load_hotlines(data, file, default)
    file = _read(root / "readability.yml", f"{rel}/readability.yml", report, project)
    if file:
        _load_reading(data, file)
    if (root / "packs.yml").exists():
        file = _read(root / "packs.yml", f"{rel}/packs.yml", report, project)
        if file:
            _load_packs(data, file, default)
    return data


def _top_mapping(file: _File, layout: str) -> dict | None:
    """The file's top level, which must be a mapping; `layout` says what it holds."""
    if isinstance(file.data, dict):
        return file.data
    found = "nothing" if file.data is None else _kind(file.data)
    file.problem((), f"the file must be a mapping of {layout}, but it holds {found}")
    return None


def _load_topics(data: Data, file: _File, default: str, codes: list[str]) -> None:
    raw = _top_mapping(file, f"topic ids to `label: {{{default}: ...}}`")
    for topic, entry in (raw or {}).items():
        before = file.count
        if not isinstance(topic, str) or not _ID_RE.fullmatch(topic):
            file.problem(
                (topic,),
                f"topic id `{_show(topic)}` must be lowercase letters, digits and hyphens",
            )
            continue
        what = f"topic `{topic}`"
        entry = file.mapping((topic,), entry, f"{what} (`label: {{{default}: ...}}`)")
        if entry is None:
            continue
        file.unknown_keys((topic,), entry, ["label"], what)
        labels = file.labels(
            (topic, "label"), entry.get("label", _MISSING), f"{what} `label`", default
        )
        if file.count == before:
            data.topics[topic] = labels
            for lang in codes:
                if lang not in labels:
                    file.report.add(
                        "topic-label",
                        file.rel,
                        file.line(topic, "label"),
                        topic=topic,
                        lang=lang,
                        fallback=default,
                    )


def _load_strings(data: Data, file: _File, lang: str, default: str) -> None:
    raw = _top_mapping(file, "keys to interface text")
    table: dict[str, str] = {}
    defaults = data.strings.get(default, {})
    for key, value in (raw or {}).items():
        if not isinstance(key, str):
            file.problem((key,), f"key `{_show(key)}` is not text{_QUOTE}")
            continue
        text = file.text((key,), value, f"`{key}`", limit=1000, one_line=False)
        if text is None:
            continue
        if lang == default:
            allowed: frozenset[str] | set[str] = PLACEHOLDERS.get(key, frozenset())
        elif key in defaults:
            allowed = placeholder_names(defaults[key])
        else:
            allowed = PLACEHOLDERS.get(key, frozenset())
        problems = placeholder_problems(text, allowed)
        for problem in problems:
            file.problem((key,), f"`{key}`: {problem}")
        if not problems:
            table[key] = text
    data.strings[lang] = table


def _load_avoid(data: Data, file: _File, lang: str) -> None:
    data.avoid[lang] = _terms(file)


def _terms(file: _File) -> list[AvoidTerm]:
    """A list of `{term, replacement}`: words to avoid, or spellings outside the edition's."""
    raw = file.data
    terms: list[AvoidTerm] = []
    if raw is None:
        return terms
    if not isinstance(raw, list):
        file.problem(
            (),
            f"the file must be a list of `- {{term: ..., replacement: ...}}`, not {_kind(raw)}",
        )
        return terms
    seen: set[str] = set()
    for i, entry in enumerate(raw):
        what = f"term {i + 1}"
        entry = file.mapping((i,), entry, f"{what} (`{{term: ..., replacement: ...}}`)")
        if entry is None:
            continue
        before = file.count
        file.unknown_keys((i,), entry, ["term", "replacement"], what)
        term = file.text((i, "term"), entry.get("term", _MISSING), f"{what}: `term`")
        replacement = file.text(
            (i, "replacement"), entry.get("replacement", _MISSING), f"{what}: `replacement`"
        )
        if term is not None and term.casefold() in seen:
            file.problem((i, "term"), f"{what}: `{_show(term)}` is listed twice")
        if file.count == before and term is not None and replacement is not None:
            seen.add(term.casefold())
            terms.append(AvoidTerm(term, replacement))
    return terms


def _phrases(file: _File) -> list[str]:
    """A plain list of phrases, such as openings that speak about students, not to them."""
    if not isinstance(file.data, list):
        file.problem((), f"the file must be a list of phrases, not {_kind(file.data)}")
        return []
    return [
        text
        for i, entry in enumerate(file.data)
        if (text := file.text((i,), entry, f"phrase {i + 1}")) is not None
    ]


def _load_hotlines(data: Data, file: _File, default: str) -> None:
    raw = _top_mapping(file, "`help_box`, `locales` and `services`")
    if raw is None:
        return
    file.unknown_keys((), raw, ["help_box", "locales", "services"], "hotlines.yml")
    _load_help_box(data, file, raw.get("help_box", _MISSING))
    locales_ok = _load_locales(data, file, raw.get("locales", _MISSING), default)
    services = raw.get("services", _MISSING)
    if not isinstance(services, list):
        state = "missing" if services is _MISSING else f"{_kind(services)}"
        file.problem(("services",), f"`services` must be a list of services, not {state}")
        return
    seen: set[str] = set()
    for i, entry in enumerate(services):
        hotline = _service(file, i, entry, data, locales_ok, seen)
        if hotline is not None:
            data.hotlines.append(hotline)


def _load_help_box(data: Data, file: _File, help_box: object) -> None:
    """One list for every audience, or a list per audience (youth, teachers, community)."""
    if isinstance(help_box, dict):
        file.unknown_keys(("help_box",), help_box, list(AUDIENCES), "`help_box`")
        for audience in AUDIENCES:
            path = ("help_box", audience)
            purposes = _purposes(file, path, help_box.get(audience, _MISSING))
            if purposes is not None:
                data.help_box[audience] = purposes
        return
    purposes = _purposes(file, ("help_box",), help_box)
    if purposes is not None:
        data.help_box = dict.fromkeys(AUDIENCES, purposes)


def _purposes(file: _File, path: tuple[object, ...], value: object) -> tuple[str, ...] | None:
    need = "`help_box` must list purposes, in order, from: " + ", ".join(PURPOSES)
    if not isinstance(value, list):
        state = "it is missing" if value is _MISSING else f"not {_kind(value)}"
        file.problem(path, f"{need} ({state})")
        return None
    before = file.count
    for i, purpose in enumerate(value):
        if purpose not in PURPOSES:
            file.problem((*path, i), f"{need} (`{_show(purpose)}` is not one)")
    return tuple(value) if file.count == before else None


def _load_locales(data: Data, file: _File, locales: object, default: str) -> bool:
    """Read `locales:`; False when it is unusable, so services are not blamed for it."""
    example = f"`US: {{name: {{{default}: United States}}}}`"
    if not isinstance(locales, dict):
        state = "missing" if locales is _MISSING else f"{_kind(locales)}"
        file.problem(("locales",), f"`locales` must map locale codes to {example}, not {state}")
        return False
    for code, entry in locales.items():
        path = ("locales", code)
        if not isinstance(code, str) or not code:
            file.problem(
                path,
                f"locale code `{_show(code)}` is not text; put it in quotes "
                '(YAML reads NO, YES, ON and OFF as true/false), e.g. `"NO":`',
            )
            continue
        before = file.count
        what = f"locale `{_show(code)}`"
        entry = file.mapping(path, entry, f"{what} ({example})")
        if entry is None:
            continue
        file.unknown_keys(path, entry, ["name", "where"], what)
        names = file.labels((*path, "name"), entry.get("name", _MISSING), f"{what} `name`", default)
        where = {}
        if "where" in entry:
            where = file.labels((*path, "where"), entry["where"], f"{what} `where`", default)
        if file.count == before:
            data.locales[code] = Locale(code, names, where)
    return True


def _service(
    file: _File, i: int, entry: object, data: Data, locales_ok: bool, seen: set[str]
) -> Hotline | None:
    """One entry under `services:`, or None after reporting everything wrong with it."""
    base: tuple[object, ...] = ("services", i)
    entry = file.mapping(base, entry, f"service {i + 1}")
    if entry is None:
        return None
    before = file.count
    sid = entry.get("id")
    what = (
        f"service `{sid}`" if isinstance(sid, str) and _ID_RE.fullmatch(sid) else f"service {i + 1}"
    )
    file.unknown_keys(base, entry, SERVICE_KEYS, what)

    def text(key: str, **kwargs: Any) -> str | None:
        return file.text((*base, key), entry.get(key, _MISSING), f"{what}: `{key}`", **kwargs)

    def optional(key: str, check: Any) -> str | None:
        if entry.get(key) is None and key in entry:
            file.problem((*base, key), f"{what}: `{key}` is empty; remove the line instead")
            return None
        return check((*base, key), entry[key], f"{what}: `{key}`") if key in entry else None

    hotline_id = text("id")
    _check_id(file, (*base, "id"), hotline_id, seen, what, "is used by an earlier service")
    locale = text("locale", limit=SHORT)
    if locale is not None and locales_ok and locale not in data.locales:
        file.problem(
            (*base, "locale"),
            f"{what}: locale `{_show(locale)}` is not listed under `locales:`",
        )
    name = text("name", limit=120)
    purpose = entry.get("purpose", "trafficking")
    if purpose not in PURPOSES:  # at the entry's line, as `signpost check` always reported it
        file.problem(
            base,
            f"hotline entry {i + 1}: purpose `{_show(purpose)}` is not one of "
            + ", ".join(PURPOSES),
        )
    call, sms, tty = (optional(key, file.phone) for key in ("call", "text", "tty"))
    keyword = optional("text_keyword", partial(_keyword, file))
    if keyword is not None and sms is None:
        file.problem((*base, "text_keyword"), f"{what}: `text_keyword` needs `text:` beside it")
    chat = optional("chat", file.https)
    if not any(key in entry for key in ("call", "text", "tty", "chat")):
        file.problem(base, f"{what} needs at least one of `call`, `text`, `tty` or `chat`")

    def short(path: tuple[object, ...], value: object, label: str) -> str | None:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # `languages: 12`
        return file.text(path, value, label, limit=SHORT)

    hours = optional("hours", short)
    languages = optional("languages", short)
    status = entry.get("status", _MISSING)
    if status not in STATUSES:
        state = "missing" if status is _MISSING else f"`{_show(status)}`"
        file.problem(
            (*base, "status"), f"{what}: `status` must be confirmed or unconfirmed, not {state}"
        )
    source = entry.get("source", _MISSING)
    title = url = None
    if source is _MISSING:
        file.problem(
            base, f"{what}: `source` is missing; write `source: {{title: ..., url: https://...}}`"
        )
    elif (source := file.mapping((*base, "source"), source, f"{what}: `source`")) is not None:
        file.unknown_keys((*base, "source"), source, ["title", "url"], f"{what}: `source`")
        title = file.text(
            (*base, "source", "title"), source.get("title", _MISSING), f"{what}: `source.title`"
        )
        url = file.https(
            (*base, "source", "url"), source.get("url", _MISSING), f"{what}: `source.url`"
        )
    checked = _date(file, (*base, "checked"), entry.get("checked", _MISSING), f"{what}: `checked`")
    if file.count != before or None in (hotline_id, locale, name, title, url, checked):
        return None
    return Hotline(
        id=hotline_id,
        locale=locale,
        name=name,
        call=call,
        text=sms,
        text_keyword=keyword,
        tty=tty,
        chat=chat,
        purpose=str(purpose),
        hours=hours,
        languages=languages,
        confirmed=status == "confirmed",
        source_title=title,
        source_url=url,
        checked=checked,
        line=file.line(*base),
    )


def _check_id(
    file: _File, path: tuple[object, ...], value: str | None, seen: set[str], what: str, twice: str
) -> None:
    """An id names a file or a link, so it is lowercase-with-hyphens and unique in its list."""
    if value is None:
        return
    if not _ID_RE.fullmatch(value):
        file.problem(path, f"{what}: `id` must be lowercase letters, digits and hyphens")
    elif value in seen:
        file.problem(path, f"{what}: `id` `{value}` {twice}")
    seen.add(value)


def _keyword(file: _File, path: tuple[object, ...], value: object, what: str) -> str | None:
    """The word a texting service asks for first (`CONNECT`): letters and digits only."""
    if isinstance(value, str) and re.fullmatch(r"[A-Za-z0-9]{1,20}", value):
        return value
    file.problem(path, f"{what} must be one word of letters and digits, such as CONNECT")
    return None


def _date(file: _File, path: tuple[object, ...], value: object, what: str) -> dt.date | None:
    if value is _MISSING:
        file.problem(path, f"{what} is missing; write the date you checked, as YYYY-MM-DD")
        return None
    if isinstance(value, str) and _DATE_RE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            file.problem(path, f"{what}: `{_show(value)}` is not a date in the calendar")
            return None
    file.problem(path, f"{what} must be a date written YYYY-MM-DD, not `{_show(value)}`")
    return None


def _load_reading(data: Data, file: _File) -> None:
    raw = _top_mapping(file, "audiences (" + ", ".join(AUDIENCES) + ") to reading targets")
    for audience, targets in (raw or {}).items():
        if audience not in AUDIENCES:
            file.problem(
                (audience,),
                f"audience `{_show(audience)}` is not one of " + ", ".join(AUDIENCES),
            )
            continue
        if isinstance(targets, list):
            items = [((audience, i), t) for i, t in enumerate(targets)]
        else:
            items = [((audience,), targets)]
        for path, target in items:
            reading = _target(file, path, str(audience), target)
            if reading is not None:
                data.reading.append(reading)


def _target(
    file: _File, path: tuple[object, ...], audience: str, target: object
) -> ReadingTarget | None:
    what = f"`{audience}` target"
    target = file.mapping(path, target, f"{what} (`{{ages: 8-10, max_grade: 5, severity: error}}`)")
    if target is None:
        return None
    before = file.count
    file.unknown_keys(path, target, ["ages", "max_grade", "severity"], what)
    ages = None
    if "ages" in target:
        match = AGES_RE.fullmatch(str(target["ages"])) if isinstance(target["ages"], str) else None
        if match and int(match.group(1)) <= int(match.group(2)):
            ages = (int(match.group(1)), int(match.group(2)))
        else:
            file.problem(
                (*path, "ages"),
                f"{what}: `ages` must be MIN-MAX with MIN <= MAX, e.g. `8-10`, "
                f"not `{_show(target['ages'])}`",
            )
    grade = target.get("max_grade", _MISSING)
    if grade is _MISSING:
        file.problem(path, f"{what} needs `max_grade`, a US grade such as 7")
    elif isinstance(grade, bool) or not isinstance(grade, int | float) or not 0 < grade <= 20:
        file.problem(
            (*path, "max_grade"),
            f"{what}: `max_grade` must be a number from 1 to 20, not `{_show(grade)}`",
        )
    severity = target.get("severity", "error")
    if severity not in ("error", "warning"):
        file.problem(
            (*path, "severity"),
            f"{what}: `severity` must be error or warning, not `{_show(severity)}`",
        )
    if file.count != before:
        return None
    return ReadingTarget(audience, ages, float(grade), Severity(severity))


def _load_packs(data: Data, file: _File, default: str) -> None:
    raw = _top_mapping(file, "`packs:` to a list of packs")
    if raw is None:
        return
    file.unknown_keys((), raw, ["packs"], "packs.yml")
    packs = raw.get("packs", _MISSING)
    if not isinstance(packs, list):
        state = "missing" if packs is _MISSING else _kind(packs)
        file.problem(("packs",), f"`packs:` must be a list of packs, not {state}")
        return
    seen: set[str] = set()
    for i, entry in enumerate(packs):
        base: tuple[object, ...] = ("packs", i)
        entry = file.mapping(
            base, entry, f"pack {i + 1} (`id`, `title: {{{default}: ...}}`, `lessons`)"
        )
        if entry is None:
            continue
        before = file.count
        what = f"pack {i + 1}"
        file.unknown_keys(base, entry, ["id", "title", "lessons"], what)
        pack_id = file.text((*base, "id"), entry.get("id", _MISSING), f"{what}: `id`", limit=80)
        _check_id(file, (*base, "id"), pack_id, seen, what, "is used twice")
        titles = file.labels(
            (*base, "title"), entry.get("title", _MISSING), f"{what} `title`", default
        )
        lessons = entry.get("lessons", _MISSING)
        if not isinstance(lessons, list) or not lessons:
            state = "missing" if lessons is _MISSING else _kind(lessons)
            file.problem(
                (*base, "lessons"),
                f"{what}: `lessons` must list lesson folder names, not {state}",
            )
        else:
            for j, lesson in enumerate(lessons):
                if not isinstance(lesson, str) or not _ID_RE.fullmatch(lesson):
                    file.problem(
                        (*base, "lessons", j),
                        f"{what}: lesson `{_show(lesson)}` is not a lesson folder name",
                    )
        if file.count == before and pack_id is not None:
            data.packs.append(Pack(pack_id, titles, tuple(lessons), file.line(*base)))
