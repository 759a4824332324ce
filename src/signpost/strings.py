"""Interface strings for one language, falling back to the default language, never to a key.

A missing translation shows the default-language text (a deliberate, visible
fallback) and is recorded so `signpost check` can warn about it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .data import Data
from .findings import Report
from .project import Project


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
        return text.format(**values) if values else text


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
