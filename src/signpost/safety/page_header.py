"""The header of a site page (`docs/*.md`): read safely, checked against a declared schema.

Material prints header values into every page of a language (`subtitle`, `author`…)
and obeys some (`template:`), so a header is as hostile as any contributed text. It is
read by `safe_yaml` (no aliases, no duplicate keys), may hold only the keys below, and
the build hands MkDocs a header rebuilt from the checked values, escaped for HTML,
never the file's own: MkDocs' loader would expand aliases and read `key: value` lines
at the top of a page without `---` as a header too.
"""

from __future__ import annotations

import difflib
import html
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from . import safe_yaml
from .hygiene import describe, hidden
from .markup import markup_in

HIDE = ("navigation", "toc", "footer", "path", "tags", "feedback")
"""What Material lets a page hide; none of it can add anything to the page."""

_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)


def _text(value: object) -> str:
    if not isinstance(value, str):
        return "must be text (put it in quotes)"
    if not value.strip():
        return "is empty"
    if len(value) > 200:
        return "is longer than 200 characters"
    return ""


def _hide(value: object) -> str:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return "must be a list, such as [toc]"
    unknown = [v for v in value if v not in HIDE]
    return f"cannot hide `{unknown[0]}`" if unknown else ""


def _hash(value: object) -> str:
    if isinstance(value, str) and re.fullmatch(r"[0-9a-f]{16}", value):
        return ""
    return "must be the 16-letter hash `signpost translations --mark-current` writes"


KEYS: dict[str, Callable[[object], str]] = {
    "title": _text,
    "description": _text,
    "hide": _hide,
    "source_hash": _hash,
}
"""Every key a site page's header may set, with the check of its value. `source_hash` is a
translation's record of the English page it matches; the theme never sees it."""
TEXT_KEYS = ("title", "description")


@dataclass
class Header:
    """A site page split into its header (as data, with each key's line) and its body."""

    meta: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    problem: safe_yaml.YamlProblem | None = None
    """Why the header could not be read; `line` counts from the top of the file."""

    def valid(self) -> dict[str, Any]:
        """Only the keys the schema allows, with values it accepts."""
        return {k: v for k, v in self.meta.items() if k in KEYS and not KEYS[k](v)}


def read(text: str) -> Header:
    """The page's header and body; a page that does not start with `---` has no header."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    if not text.startswith("---\n"):
        return Header(body=text)
    end = _END.search(text, 4)
    if end is None:
        return Header(body=text, problem=safe_yaml.YamlProblem("the `---` header is never closed"))
    body = text[end.end() :].removeprefix("\n")
    try:
        meta, node = safe_yaml.load_with_nodes(text[4 : end.start()])
    except safe_yaml.YamlProblem as exc:
        exc.line += 1
        return Header(body=body, problem=exc)
    if meta is None:
        return Header(body=body)
    if not isinstance(meta, dict) or not isinstance(node, yaml.MappingNode):
        return Header(body=body, problem=safe_yaml.YamlProblem("must be `key: value` lines", 2))
    lines = {str(k.value): k.start_mark.line + 2 for k, _ in node.value}
    return Header({str(k): v for k, v in meta.items()}, lines, body)


def _characters(value: str, raw: str, allowed: frozenset[int]) -> Iterator[str]:
    """Control characters, and invisible ones written as YAML escapes (those typed as they
    are in the file are already reported by `hygiene`), in the value as YAML decoded it."""
    yield from (c for c in value if unicodedata.category(c) == "Cc" and c not in "\n\t")
    yield from (c for _, c in hidden(value, allowed) if c not in raw)


def problems(header: Header, raw: str, allowed: frozenset[int]) -> Iterator[tuple[str, int, dict]]:
    """(code, line, values) for every finding; `raw` is the file's text."""
    if header.problem is not None:
        code = "front-matter" if header.problem.line == 1 else "yaml-syntax"
        yield code, header.problem.line, {"problem": header.problem.problem}
        return
    for key, value in header.meta.items():
        line = header.lines.get(key, 1)
        if key not in KEYS:
            close = difflib.get_close_matches(key, list(KEYS), n=1, cutoff=0.6)
            suggestion = f"; did you mean `{close[0]}`?" if close else ""
            yield "page-key", line, {"key": key, "suggestion": suggestion}
            continue
        if problem := KEYS[key](value):
            yield "page-value", line, {"key": key, "problem": problem}
            continue
        if key not in TEXT_KEYS:
            continue
        if char := next(_characters(value, raw, allowed), None):
            what = describe(char) if char.isprintable() else f"control character U+{ord(char):04X}"
            yield "page-value", line, {"key": key, "problem": f"holds {what}"}
        if found := markup_in(value):
            yield "markup-in-text", line, {"key": key, "snippet": found[:40]}


def for_mkdocs(header: Header) -> str:
    """The page as MkDocs should read it: a header of checked, HTML-escaped values, then
    the body. The header is always there, so MkDocs never takes lines of the body for one."""
    meta = {
        k: html.escape(v, quote=True) if k in TEXT_KEYS else v
        for k, v in header.valid().items()
        if k != "source_hash"
    }
    dumped = _UNREADABLE.sub(
        lambda m: f"\\u{ord(m.group(0)):04x}", json.dumps(meta, ensure_ascii=False)
    )
    return "---\n" + dumped + "\n---\n\n" + header.body


_UNREADABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
"""Characters JSON writes as they are but MkDocs' YAML reader refuses or reads as a line
break; only inside strings, where `\\uXXXX` means the same to both."""
