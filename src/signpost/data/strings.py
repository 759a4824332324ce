"""Interface strings for one language, falling back to the default language, never to a key.

A missing translation shows the default-language text (a deliberate, visible
fallback) and is recorded so `signpost check` can warn about it.

Strings come from contributed files, so they are never given to `str.format`: a
format spec such as `{n:>150000000}` would exhaust memory and `{n.__class__}` would
reach into Python objects. Only `{name}` is filled in, and only with the names in
`PLACEHOLDERS`; `signpost check` refuses anything else (see `placeholder_problems`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..findings import Report
    from ..project import Project
    from .model import Data

# The names the code passes to each string, e.g. `t("plan_title", title=...)`.
# Keep this in step with the calls (tests/test_data_files.py compares them): a string
# in the default language may use only these names, a translation only the names its
# default-language string uses.
PLACEHOLDERS: dict[str, frozenset[str]] = {
    "age_band": frozenset({"low", "high"}),
    "card_answer": frozenset({"pile"}),
    "card_number": frozenset({"n"}),
    "cards_title": frozenset({"title"}),
    "ages_value": frozenset({"low", "high"}),
    "duration_value": frozenset({"n"}),
    "exit_count": frozenset({"n"}),
    "footer_made_with": frozenset({"tool"}),
    "handout_licence": frozenset({"licence"}),
    "handout_page": frozenset({"page", "pages"}),
    "handout_reviewed": frozenset({"date"}),
    "help_countries_elsewhere": frozenset({"where"}),
    "help_languages": frozenset({"n"}),
    "help_text_keyword": frozenset({"keyword"}),
    "hotline_checked": frozenset({"date"}),
    "minutes": frozenset({"n"}),
    "not_translated": frozenset({"language", "source"}),
    "pack_summary": frozenset({"n", "minutes"}),
    "plan_title": frozenset({"title"}),
    "print_link": frozenset({"what", "paper"}),
    "reading_grade": frozenset({"grade"}),
    "schedule_optional": frozenset({"title"}),
    "results_count": frozenset({"n"}),
    "status_reviewed_on": frozenset({"date"}),
    "status_checked_on": frozenset({"date"}),
    "reviewed": frozenset({"date"}),
    "self_check_answer": frozenset({"answer"}),
    "plan_question_measures": frozenset({"n"}),
    "eval_title": frozenset({"title"}),
    "eval_question": frozenset({"n"}),
    "tally_title": frozenset({"title"}),
    "report_sessions": frozenset({"sessions", "people", "first", "last"}),
    "report_share": frozenset({"share"}),
    # Not called by the code today; its `{n}` is kept for when a page shows it.
    "lesson_count": frozenset({"n"}),
}

NAME_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_BRACED_RE = re.compile(r"\{([^{}]*)\}")


def fill(text: str, values: dict[str, object]) -> str:
    """`text` with each `{name}` whose name is in `values` replaced; the rest stays as written."""
    if not values:
        return text

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        return str(values[name]) if name in values else match.group(0)

    return NAME_RE.sub(replace, text)


def placeholder_names(text: str) -> set[str]:
    """The `{name}` placeholders a string uses."""
    return set(NAME_RE.findall(text))


def placeholder_problems(text: str, allowed: frozenset[str] | set[str]) -> list[str]:
    """Why the string's `{...}` placeholders cannot be filled in; empty when they can."""
    problems = []
    for match in _BRACED_RE.finditer(text):
        inner = match.group(1)
        shown = match.group(0) if len(inner) <= 30 else "{" + inner[:27] + "...}"
        if not NAME_RE.fullmatch(match.group(0)):
            problems.append(
                f"placeholder `{shown}` may only be a plain name such as `{{n}}`, "
                "without a format spec, `!` conversion, attribute or index"
            )
        elif inner not in allowed:
            names = ", ".join(f"{{{name}}}" for name in sorted(allowed)) or "none"
            problems.append(f"placeholder `{shown}` is not filled in here (allowed: {names})")
    return problems


@dataclass
class Strings:
    lang: str
    table: dict[str, str]
    fallback: dict[str, str]
    missing: set[str] = field(default_factory=set)

    def __call__(self, key: str, **values: object) -> str:
        text = self.table.get(key)
        if text is None:
            self.missing.add(key)
            text = self.fallback.get(key, key)
        return fill(str(text), values)

    def first(self, key: str, fallback_key: str, **values: object) -> str:
        """`key` where the default language defines it (an optional, more specific
        string such as a label for young readers), else `fallback_key`."""
        return self(key if key in self.fallback else fallback_key, **values)


def strings_for(project: Project, data: Data, lang: str) -> Strings:
    default = project.default_language.code
    return Strings(lang, data.strings.get(lang, {}), data.strings.get(default, {}))


def check_strings(project: Project, data: Data, report: Report) -> None:
    """Warn for every interface string a language lacks."""
    default = project.default_language.code
    keys = data.strings.get(default, {})
    for lang in project.codes:
        if lang == default:
            continue
        table = data.strings.get(lang, {})
        missing = [key for key in keys if key not in table]
        if missing and table:
            report.add(
                "string-missing",
                f"{project.data_dir}/strings/{lang}.yml",
                1,
                key="`, `".join(missing),
                lang=lang,
            )
