"""Topic labels (`topics.yml`) and interface strings (`strings/<lang>.yml`)."""

from __future__ import annotations

from .file import File, top_mapping
from .model import Data
from .strings import PLACEHOLDERS, placeholder_names, placeholder_problems
from .values import ID_RE, MISSING, QUOTE, show


def load_topics(data: Data, file: File, default: str, codes: list[str]) -> None:
    raw = top_mapping(file, f"topic ids to `label: {{{default}: ...}}`")
    for topic, entry in (raw or {}).items():
        before = file.count
        if not isinstance(topic, str) or not ID_RE.fullmatch(topic):
            file.problem(
                (topic,),
                f"topic id `{show(topic)}` must be lowercase letters, digits and hyphens",
            )
            continue
        what = f"topic `{topic}`"
        entry = file.mapping((topic,), entry, f"{what} (`label: {{{default}: ...}}`)")
        if entry is None:
            continue
        file.unknown_keys((topic,), entry, ["label"], what)
        labels = file.labels(
            (topic, "label"), entry.get("label", MISSING), f"{what} `label`", default
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


def load_strings(data: Data, file: File, lang: str, default: str) -> None:
    raw = top_mapping(file, "keys to interface text")
    table: dict[str, str] = {}
    defaults = data.strings.get(default, {})
    for key, value in (raw or {}).items():
        if not isinstance(key, str):
            file.problem((key,), f"key `{show(key)}` is not text{QUOTE}")
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
