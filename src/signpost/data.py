"""The project's data files: topics, interface strings, hotlines, reading targets, terms to avoid.

Authors change these YAML files, never Python. Each loader checks the layout and
reports problems as findings with the file and line instead of failing later.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import safe_yaml
from .findings import Report, Severity
from .hygiene import report_invisible
from .project import Project

PURPOSES = ("emergency", "trafficking", "child-online", "missing-children", "police", "tips")


@dataclass(frozen=True)
class Hotline:
    id: str
    locale: str
    name: str
    call: str | None
    text: str | None
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
    help_box: tuple[str, ...] = ()
    reading: list[ReadingTarget] = field(default_factory=list)
    avoid: dict[str, list[AvoidTerm]] = field(default_factory=dict)
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

    def help_box_hotlines(self, locales: tuple[str, ...]) -> list[Hotline]:
        """The services a young reader should see first: chosen purposes, emergency first.

        Tip lines for police and the like stay on the Get help page, where adults look.
        """
        order = {purpose: i for i, purpose in enumerate(self.help_box)}
        chosen = [h for h in self.hotlines_for(locales) if h.purpose in order]
        return sorted(chosen, key=lambda h: order[h.purpose])

    def country_lines(self) -> list[tuple[Locale, list[Hotline]]]:
        """Each country's emergency number and its main line, for readers whose language
        has no country of its own: the first confirmed help-box service after emergency.
        """
        out = []
        for code, locale in self.locales.items():
            services = self.help_box_hotlines((code,))
            emergency = [h for h in services if h.purpose == "emergency"][:1]
            main = [h for h in services if h.purpose != "emergency"][:1]
            if emergency or main:
                out.append((locale, emergency + main))
        return out


def _read_yaml(
    path: Path, rel: str, report: Report, project: Project, lang: str | None = None
) -> Any:
    """The file's data, or None after reporting why it cannot be used."""
    if not path.is_file():
        report.add("data-file", rel, 1, problem=f"{rel} is missing")
        return None
    try:
        text = path.read_text(encoding="utf-8")
        report_invisible(project, rel, text, lang, report)
        return safe_yaml.load(text)
    except UnicodeDecodeError as exc:
        report.add("encoding", rel, 1, position=exc.start)
    except safe_yaml.YamlProblem as exc:
        report.add("yaml-syntax", rel, exc.line, problem=exc.problem)
    return None


def load_data(project: Project, report: Report) -> Data:
    data = Data()
    root = project.data_path
    rel = project.data_dir
    topics = _read_yaml(root / "topics.yml", f"{rel}/topics.yml", report, project) or {}
    for topic, entry in topics.items():
        labels = entry.get("label") if isinstance(entry, dict) else None
        if not isinstance(labels, dict):
            report.add(
                "data-file",
                f"{rel}/topics.yml",
                1,
                problem=f"topic `{topic}` needs `label: {{en: ...}}`",
            )
            continue
        data.topics[str(topic)] = {str(k): str(v) for k, v in labels.items()}
    for lang in project.codes:
        name = f"{rel}/strings/{lang}.yml"
        strings = _read_yaml(root / "strings" / f"{lang}.yml", name, report, project, lang) or {}
        data.strings[lang] = {str(k): str(v) for k, v in strings.items()}
        terms = _read_yaml(
            root / "avoid" / f"{lang}.yml", f"{rel}/avoid/{lang}.yml", report, project, lang
        )
        data.avoid[lang] = [AvoidTerm(str(t["term"]), str(t["replacement"])) for t in terms or []]
    _load_hotlines(data, root / "hotlines.yml", f"{rel}/hotlines.yml", report, project)
    _load_reading(data, root / "readability.yml", f"{rel}/readability.yml", report, project)
    if (root / "packs.yml").exists():
        _load_packs(data, root / "packs.yml", f"{rel}/packs.yml", report, project)
    return data


def _load_packs(data: Data, path: Path, rel: str, report: Report, project: Project) -> None:
    raw = _read_yaml(path, rel, report, project) or {}
    packs = raw.get("packs") if isinstance(raw, dict) else None
    if not isinstance(packs, list):
        report.add("data-file", rel, 1, problem="`packs:` must be a list of packs")
        return
    lines = _item_lines(path, "packs")
    seen: set[str] = set()
    for i, entry in enumerate(packs):
        line = lines[i] if i < len(lines) else 1
        pack_id = entry.get("id") if isinstance(entry, dict) else None
        titles = entry.get("title") if isinstance(entry, dict) else None
        lessons = entry.get("lessons") if isinstance(entry, dict) else None
        if not (
            isinstance(pack_id, str)
            and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", pack_id)
            and isinstance(titles, dict)
            and titles
            and isinstance(lessons, list)
            and lessons
            and all(isinstance(x, str) for x in lessons)
        ):
            report.add(
                "data-file",
                rel,
                line,
                problem=f"pack {i + 1} needs `id` (lowercase-with-hyphens), "
                "`title: {en: ...}` and a list of `lessons`",
            )
            continue
        if pack_id in seen:
            report.add("data-file", rel, line, problem=f"pack id `{pack_id}` is used twice")
            continue
        seen.add(pack_id)
        data.packs.append(
            Pack(pack_id, {str(k): str(v) for k, v in titles.items()}, tuple(lessons), line)
        )


def _load_hotlines(data: Data, path: Path, rel: str, report: Report, project: Project) -> None:
    raw = _read_yaml(path, rel, report, project) or {}
    for code, entry in (raw.get("locales") or {}).items():
        data.locales[str(code)] = Locale(str(code), dict(entry.get("name") or {}))
    help_box = raw.get("help_box")
    if isinstance(help_box, list) and all(p in PURPOSES for p in help_box):
        data.help_box = tuple(help_box)
    elif raw:  # a missing or unreadable file was already reported by _read_yaml
        report.add(
            "data-file",
            rel,
            _key_line(path, "help_box"),
            problem="`help_box` must list purposes, in order, from: " + ", ".join(PURPOSES),
        )
    lines = _item_lines(path, "services")
    for i, entry in enumerate(raw.get("services") or []):
        line = lines[i] if i < len(lines) else 1
        try:
            checked = entry["checked"]
            if isinstance(checked, str):
                checked = dt.date.fromisoformat(checked)
            data.hotlines.append(
                Hotline(
                    id=str(entry["id"]),
                    locale=str(entry["locale"]),
                    name=str(entry["name"]),
                    call=_opt(entry.get("call")),
                    text=_opt(entry.get("text")),
                    tty=_opt(entry.get("tty")),
                    chat=_opt(entry.get("chat")),
                    purpose=str(entry.get("purpose", "trafficking")),
                    hours=_opt(entry.get("hours")),
                    languages=_opt(entry.get("languages")),
                    confirmed=entry["status"] == "confirmed",
                    source_title=str(entry["source"]["title"]),
                    source_url=str(entry["source"]["url"]),
                    checked=checked,
                    line=line,
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            report.add(
                "data-file", rel, line, problem=f"hotline entry {i + 1}: bad or missing {exc}"
            )
        if entry.get("purpose", "trafficking") not in PURPOSES:
            report.add(
                "data-file",
                rel,
                line,
                problem=f"hotline entry {i + 1}: purpose `{entry.get('purpose')}` is not one of "
                + ", ".join(PURPOSES),
            )
        if entry.get("locale") not in data.locales:
            report.add(
                "data-file",
                rel,
                line,
                problem=f"hotline entry {i + 1}: locale `{entry.get('locale')}` "
                "is not listed under `locales:`",
            )


def _load_reading(data: Data, path: Path, rel: str, report: Report, project: Project) -> None:
    raw = _read_yaml(path, rel, report, project) or {}
    for audience, targets in raw.items():
        for t in targets if isinstance(targets, list) else [targets]:
            try:
                ages = None
                if "ages" in t:
                    low, high = str(t["ages"]).split("-")
                    ages = (int(low), int(high))
                data.reading.append(
                    ReadingTarget(
                        str(audience),
                        ages,
                        float(t["max_grade"]),
                        Severity(t.get("severity", "error")),
                    )
                )
            except (KeyError, TypeError, ValueError):
                report.add(
                    "data-file",
                    rel,
                    1,
                    problem=f"`{audience}` targets need max_grade, optional ages "
                    "MIN-MAX and severity error|warning",
                )


def _opt(value: Any) -> str | None:
    return None if value is None else str(value)


def _top_level(path: Path, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    """The key and value nodes of a top-level key, whose marks give findings their lines."""
    try:
        node = safe_yaml.compose(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, safe_yaml.YamlProblem):
        return None
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if key_node.value == key:
                return key_node, value
    return None


def _key_line(path: Path, key: str) -> int:
    """1-based line of a top-level key, or 1 when it is absent."""
    found = _top_level(path, key)
    return found[0].start_mark.line + 1 if found else 1


def _item_lines(path: Path, key: str) -> list[int]:
    """1-based lines of the items of a top-level list, for findings that point at them."""
    found = _top_level(path, key)
    if found is None or not isinstance(found[1], yaml.SequenceNode):
        return []
    return [item.start_mark.line + 1 for item in found[1].value]
