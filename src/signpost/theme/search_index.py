"""The search index as a reader downloads it: UTF-8 text, no escapes, no spaces.

Material writes `search_index.json` with every non-ASCII character as a six-byte
`\\uXXXX` escape, so an Arabic index is two and a half times its text. Rewritten, it
says the same to the browser in fewer bytes.

Arabic writes "and", "so", "with", "like" and "for" onto the front of the next word
(والهدايا, "and the gifts"). Material's search matches the start of a word, so a reader
typing الهدايا would miss it. An Arabic index also lists each word without those
letters, in fields the search matches but never shows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

INDEX = Path("search") / "search_index.json"
_TAG = re.compile(r"<[^>]*>")
_ARABIC_WORD = re.compile(r"[\u0621-\u065f\u0670-\u06d3]+")
_CONJUNCTIONS = "وف"
"""و "and", ف "so": written onto any word."""
_PREPOSITIONS = "بكل"
"""ب "with", ك "like", ل "for": written onto a word that has the article ال."""
_SHORTEST = 3
"""A form shorter than this is more likely a cut-off word than a word."""


def arabic_forms(word: str) -> set[str]:
    """The word without the letters written onto its front: والهدايا gives الهدايا."""
    forms: set[str] = set()
    todo = [word]
    while todo:
        current = todo.pop()
        found = []
        if current[0] in _CONJUNCTIONS:
            found.append(current[1:])
        if current[0] in _PREPOSITIONS and current[1:3] == "ال":
            found.append(current[1:])
        if current.startswith("لل"):  # ل before the article drops its alif: للطلاب
            found.append("ا" + current[1:])
        for form in found:
            if len(form) >= _SHORTEST and form not in forms:
                forms.add(form)
                todo.append(form)
    return forms


def _forms_of(text: str) -> str:
    words = dict.fromkeys(_ARABIC_WORD.findall(_TAG.sub(" ", text)))
    return " ".join(sorted({form for word in words for form in arabic_forms(word)}))


def add_arabic_forms(index: dict) -> None:
    """Title and text forms as extra fields, weighted like the title and the text."""
    config = index["config"]
    for source, target in (("title", "title_forms"), ("text", "text_forms")):
        for doc in index.get("docs", []):
            forms = _forms_of(doc.get(source) or "")
            if forms:
                doc[target] = forms
                fields = config.setdefault("fields", {})
                fields[target] = dict(fields.get(source, {"boost": 1.0}))


def dumps(index: dict) -> str:
    """The index as the reader downloads it: UTF-8, no escapes, no spaces."""
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def load(site_dir: Path) -> dict | None:
    """One language's search index as the build left it, if it wrote one."""
    path = site_dir / INDEX
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def compact(site_dir: Path, *edits: Callable[[dict], None]) -> str | None:
    """Rewrite one language's search index as compact UTF-8, if the build wrote one,
    after `edits` to it: read and written once, whatever else a build changes in it.
    Returns the text written."""
    data = load(site_dir)
    if data is None:
        return None
    for change in edits:
        change(data)
    if "ar" in data.get("config", {}).get("lang", []):
        add_arabic_forms(data)
    text = dumps(data)
    (site_dir / INDEX).write_text(text, encoding="utf-8")
    return text
