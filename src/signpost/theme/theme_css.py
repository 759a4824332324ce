"""The theme's stylesheet cut to the rules a language's pages can use.

Material's `main.css` styles every feature it has (code blocks, tabs, tags, versions,
blogs, annotations...), 137 KB that every first page view downloads. A rule is kept
when each class it names outside a `:is()`/`:not()` appears in a built page, in the
search index or anywhere in the site's scripts (which build the search results and
other parts at run time); anything else, such as attributes, elements and at-rules
other than `@media` and `@supports`, is kept as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import tinycss2

_CLASS_ATTR = re.compile(r"""class=\\?["']([^"'\\]*)""")
_WORD = re.compile(r"[A-Za-z_][\w-]*")
_SELECTOR_CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
_GROUPING = ("media", "supports")


class Classes:
    """The class names a site can put on an element, exact or by a prefix its scripts build on."""

    def __init__(self, names: Iterable[str], prefixes: Iterable[str]) -> None:
        self.names = set(names)
        self.prefixes = tuple(sorted(set(prefixes)))

    def __contains__(self, name: str) -> bool:
        return name in self.names or name.startswith(self.prefixes)


def used_classes(site_dir: Path, scripts: Iterable[Path]) -> Classes:
    """Classes in the language's pages and search index, and every word of its scripts."""
    names: set[str] = set()
    for path in [*site_dir.rglob("*.html"), *site_dir.glob("search/*.json")]:
        for value in _CLASS_ATTR.findall(path.read_text(encoding="utf-8")):
            names.update(value.split())
    prefixes: set[str] = set()
    for script in scripts:
        words = _WORD.findall(script.read_text(encoding="utf-8"))
        names.update(words)
        prefixes.update(w for w in words if w.endswith("-") and len(w) > 3)
    return Classes(names, prefixes)


def _outside_brackets(selector: str) -> str:
    """The selector without what `(...)` and `[...]` hold: classes there need not be used."""
    depth, out = 0, []
    for char in selector:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(depth - 1, 0)
        elif depth == 0:
            out.append(char)
    return "".join(out)


def _split_selectors(prelude: str) -> list[str]:
    depth, start, parts = 0, 0, []
    for i, char in enumerate(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    parts.append(prelude[start:])
    return [p.strip() for p in parts if p.strip()]


def _keep(selector: str, classes: Classes) -> bool:
    return all(name in classes for name in _SELECTOR_CLASS.findall(_outside_brackets(selector)))


def _prune(rules: list, classes: Classes) -> list[str]:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = _split_selectors(tinycss2.serialize(rule.prelude))
            kept = [s for s in selectors if _keep(s, classes)]
            if kept:
                out.append(",".join(kept) + "{" + tinycss2.serialize(rule.content) + "}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in _GROUPING and rule.content:
            inner = _prune(
                tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True),
                classes,
            )
            if inner:
                prelude = tinycss2.serialize(rule.prelude).strip()
                out.append(f"@{rule.at_keyword} {prelude}{{{''.join(inner)}}}")
        elif rule.type in ("qualified-rule", "at-rule"):
            out.append(rule.serialize())
    return out


def prune(css: str, classes: Classes) -> str:
    """`css` without the rules whose every selector names a class no page uses."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(_prune(rules, classes))


def prune_theme(site_dir: Path) -> None:
    """Cut each of Material's stylesheets in one language's site to what its pages use."""
    assets = site_dir / "assets"
    scripts = [*assets.glob("javascripts/bundle.*.js"), *assets.glob("*.js")]
    sheets = list(assets.glob("stylesheets/*.min.css"))
    if not sheets or not scripts:
        return
    classes = used_classes(site_dir, scripts)
    for sheet in sheets:
        pruned = prune(sheet.read_text(encoding="utf-8"), classes)
        sheet.write_text(pruned, encoding="utf-8")
        sheet.with_name(sheet.name + ".map").unlink(missing_ok=True)
