"""YAML from contributors, read as plain data: no aliases, no custom tags, no surprises.

Lesson headers, block options and data files come from volunteers, so a file may be
hostile or merely odd. Aliases can multiply a small file into gigabytes, custom tags
and deep nesting crash the parser, and PyYAML turns `2026-02-30` into an exception
instead of a value. Here dates stay strings (the checks that need a date parse it and
report the line), and anything else odd becomes a `YamlProblem` with its line.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

import yaml
import yaml.composer
import yaml.constructor
import yaml.reader
import yaml.resolver

MAX_DEPTH = 20
MAX_BYTES = 1_000_000


class YamlProblem(Exception):
    """Why a YAML text was refused; `line` is 1-based within the text."""

    def __init__(self, problem: str, line: int = 1) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


_RESOLVERS = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


_PLAIN_TAGS = frozenset({"str", "int", "float", "bool", "null", "seq", "map", "merge"})
"""The standard tags whose values are plain data; only these may be written out (`!!str`)."""


class _Rules:
    """Refuses aliases, anchors, custom tags and deep nesting as each node is composed."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(
                f"YAML aliases (`*{event.anchor}`) are not allowed; write the value out",
                event.start_mark.line + 1,
            )
        if getattr(event, "anchor", None):
            raise YamlProblem(
                f"YAML anchors (`&{event.anchor}`) are not allowed; write the value out",
                event.start_mark.line + 1,
            )
        tag = getattr(event, "tag", None)
        if tag and not tag.startswith("tag:yaml.org,2002:") and tag != "!":
            raise YamlProblem(f"custom YAML tag `{tag}` is not allowed", event.start_mark.line + 1)
        if tag and tag.startswith("tag:yaml.org,2002:") and tag[18:] not in _PLAIN_TAGS:
            # `!!set`, `!!binary`, `!!omap`, `!!timestamp`: sets, bytes, tuples and dates
            raise YamlProblem(f"YAML tag `!!{tag[18:]}` is not allowed", event.start_mark.line + 1)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise YamlProblem(
                f"nested more than {MAX_DEPTH} levels deep", event.start_mark.line + 1
            )
        try:
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self._depth -= 1


class _Loader(_Rules, yaml.SafeLoader):
    """SafeLoader with the rules above, which leaves dates as text."""

    yaml_implicit_resolvers = _RESOLVERS


if yaml.__with_libyaml__:
    import yaml.cyaml

    class _FastLoader(  # type: ignore[misc]
        _Rules,
        yaml.composer.Composer,
        yaml.cyaml.CParser,
        yaml.constructor.SafeConstructor,
        yaml.resolver.Resolver,
    ):
        """PyYAML's composer and `_Rules` over libyaml's scanner and parser.

        Scanning in Python was most of `check`'s YAML time. The nodes and their lines
        are the same; a text either refuses is read again by `_Loader` for its report.
        """

        yaml_implicit_resolvers = _RESOLVERS

        def __init__(self, stream: str) -> None:
            yaml.cyaml.CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

else:  # pragma: no cover - PyYAML built without libyaml
    _FastLoader = _Loader  # type: ignore[misc]


def _problem(exc: yaml.YAMLError) -> YamlProblem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark else 1
    return YamlProblem(getattr(exc, "problem", None) or str(exc), line)


def compose(text: str) -> yaml.Node | None:
    """The node tree, whose marks give every key and item its line."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise YamlProblem(f"more than {MAX_BYTES // 1000} KB of YAML")
    try:
        fast = _FastLoader(text)
    except yaml.YAMLError:
        fast = None
    if fast is not None:
        try:
            return fast.get_single_node()
        except (yaml.YAMLError, YamlProblem):
            pass  # a refused text is read again by PyYAML, so its report is worded as ever
        finally:
            fast.dispose()
    try:  # PyYAML's reader refuses control characters as soon as it is made
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:
        character = exc.character if isinstance(exc.character, int) else ord(exc.character)
        line = text.count("\n", 0, exc.position) + 1
        raise YamlProblem(f"control character U+{character:04X} is not allowed", line) from None
    try:
        return loader.get_single_node()
    except yaml.YAMLError as exc:
        raise _problem(exc) from None
    finally:
        loader.dispose()


def load(text: str) -> Any:
    """Plain Python data (dicts, lists, strings, numbers, booleans, None)."""
    return copy.deepcopy(_load(text))


@functools.lru_cache(maxsize=1024)
def _load(text: str) -> Any:
    """Block options repeat (`minutes: 10` in lesson after lesson): each text is read once."""
    return load_with_nodes(text)[0]


def _refuse_duplicate_keys(node: yaml.Node) -> None:
    """A repeated key silently replaces the first; an author would never see the first again."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        raise YamlProblem(
                            f"key `{key.value}` appears twice", key.start_mark.line + 1
                        )
                    seen.add(key.value)
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


def load_with_nodes(text: str) -> tuple[Any, yaml.Node | None]:
    """Both at once, parsing the text only once."""
    node = compose(text)
    if node is None:
        return None, None
    _refuse_duplicate_keys(node)
    loader = _Loader("")
    try:
        return loader.construct_document(node), node
    except yaml.YAMLError as exc:
        raise _problem(exc) from None
    except (ValueError, TypeError, RecursionError) as exc:
        raise YamlProblem(f"unreadable value ({exc})") from None
    finally:
        loader.dispose()
