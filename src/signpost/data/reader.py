"""Reading a data file from disk: refused links, encoding, YAML syntax, hidden characters."""

from __future__ import annotations

import copy
import functools
import re
from pathlib import Path
from typing import Any

import yaml

from ..findings import Report
from ..project import Project
from ..safety import safe_yaml
from ..safety.hygiene import describe, hidden, report_invisible
from .file import File

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def read(
    path: Path, rel: str, report: Report, project: Project, lang: str | None = None
) -> File | None:
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
        data, node = _parsed(text)
    except safe_yaml.YamlProblem as exc:
        report.add("yaml-syntax", rel, exc.line, problem=exc.problem)
        return None
    file = File(rel, copy.deepcopy(data), node, report)
    _check_scalars(file, text, project.allowed_characters(lang), lang)
    return file


@functools.lru_cache(maxsize=64)
def _parsed(text: str) -> tuple[Any, yaml.Node | None]:
    """The YAML of a data file, kept by its text: a process that checks again (the preview
    after an edit, a test) parses only the files that changed. Parsing was three quarters
    of a `check` of a small project. Callers get a copy of the data; the nodes are only read."""
    return safe_yaml.load_with_nodes(text)


def _check_scalars(file: File, text: str, allowed: frozenset[int], lang: str | None) -> None:
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
