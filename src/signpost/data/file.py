"""One data file as read: its data, the line of each key and item, and its problems.

Every data file comes from a volunteer, so nothing in it is trusted: each loader
checks the shape of what it reads, reports each problem as a `data-file` finding at
the line of the offending key or item, and keeps the entries that are sound, so
that one `signpost check` lists every problem at once. A loader never raises.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import yaml

from ..findings import Report
from ..safety import safe_yaml
from .values import ID_RE, MISSING, PHONE_RE, QUOTE, SHORT, kind, show, url_problem


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
class File:
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
        self.problem(path, f"{what} must be a mapping, not {kind(value)}")
        return None

    def unknown_keys(
        self, path: tuple[object, ...], mapping: dict, allowed: Iterable[str], what: str
    ) -> None:
        allowed = sorted(allowed)
        for key in mapping:
            if key not in allowed:
                self.problem(
                    (*path, key),
                    f"{what}: unknown key `{show(key)}` (expected "
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
        """Non-empty text, or None after reporting why not; `MISSING` when the key is absent."""
        if value is MISSING:
            self.problem(path, f"{what} is missing")
        elif value is None or value == "":
            self.problem(path, f"{what} is empty")
        elif not isinstance(value, str):
            quote = QUOTE if isinstance(value, int | float) else ""
            self.problem(path, f"{what} must be text, not {kind(value)}{quote}")
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
        if value is MISSING:
            self.problem(path, f"{what} is missing; write `{example}`")
            return {}
        if not isinstance(value, dict):
            self.problem(
                path,
                f"{what} must map language codes to text, e.g. `{example}`, not {kind(value)}",
            )
            return {}
        out = {}
        for lang, label in value.items():
            if not isinstance(lang, str):
                self.problem((*path, lang), f"{what}: language code `{show(lang)}` is not text")
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
                f"{what} must be text{QUOTE}: YAML reads an unquoted number "
                "and can drop leading zeros",
            )
            return None
        text = self.text(path, value, what, limit=SHORT)
        if text is not None and not PHONE_RE.fullmatch(text):
            self.problem(path, f"{what} `{show(text)}` may hold only digits, spaces, `+` and `-`")
            return None
        return text

    def https(self, path: tuple[object, ...], value: object, what: str) -> str | None:
        text = self.text(path, value, what, limit=300)
        if text is None:
            return None
        problem = url_problem(text)
        if problem:
            self.problem(path, f"{what} `{show(text, 60)}` {problem}")
            return None
        return text


def top_mapping(file: File, layout: str) -> dict | None:
    """The file's top level, which must be a mapping; `layout` says what it holds."""
    if isinstance(file.data, dict):
        return file.data
    found = "nothing" if file.data is None else kind(file.data)
    file.problem((), f"the file must be a mapping of {layout}, but it holds {found}")
    return None


def check_id(
    file: File, path: tuple[object, ...], value: str | None, seen: set[str], what: str, twice: str
) -> None:
    """An id names a file or a link, so it is lowercase-with-hyphens and unique in its list."""
    if value is None:
        return
    if not ID_RE.fullmatch(value):
        file.problem(path, f"{what}: `id` must be lowercase letters, digits and hyphens")
    elif value in seen:
        file.problem(path, f"{what}: `id` `{value}` {twice}")
    seen.add(value)
