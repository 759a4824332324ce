"""The search index as a reader downloads it: UTF-8 text, no escapes, no spaces.

Material writes `search_index.json` with every non-ASCII character as a six-byte
`\\uXXXX` escape, so an Arabic index is two and a half times its text. Rewritten, it
says the same to the browser in fewer bytes.

A reader types a word in more forms than the page holds: without accents, in Arabic without
the article or with "and" written onto its front. The index also lists each word's other
forms (`search_words`), in fields the search matches but never shows.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path

from .search_words import Rules, forms_of, rules_for

INDEX = Path("search") / "search_index.json"
_TAG = re.compile(r"<[^>]*>")
_SEPARATOR = r"[\s\-]+"
"""lunr's own word separator, where the index names none Python can read."""
RULES_KEY = "signpost_words"
"""Where the index carries its language's rules, for `assets/search-words.js`."""


def _separator(config: dict) -> re.Pattern[str]:
    try:
        return re.compile(config.get("separator") or _SEPARATOR)
    except re.error:
        return re.compile(_SEPARATOR)


def _forms(text: str, rules: Rules, separator: re.Pattern[str]) -> str:
    words = dict.fromkeys(w.lower() for w in separator.split(html.unescape(_TAG.sub(" ", text))))
    words.pop("", None)
    # Only the last form: the query is given every form (search-words.js), so the word and
    # any form the reader types meet at its stem. Half the growth of listing every form.
    forms = {forms_of(word, rules)[-1] for word in words}
    return " ".join(sorted(forms - words.keys()))


def add_word_forms(index: dict, rules: Rules) -> None:
    """Each title's and text's other word forms as extra fields, weighted like the title
    and the text, and the rules themselves, so the reader's query gets the same forms."""
    config = index["config"]
    config[RULES_KEY] = rules.as_config()
    separator = _separator(config)
    fields = config.setdefault("fields", {})
    for source, target in (("title", "title_forms"), ("text", "text_forms")):
        fields[target] = dict(fields.get(source, {"boost": 1.0}))
        for doc in index.get("docs", []):
            forms = _forms(doc.get(source) or "", rules, separator)
            if forms:
                doc[target] = forms
            else:
                doc.pop(target, None)


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
    langs = data.get("config", {}).get("lang") or []
    rules = rules_for(langs[0]) if langs else None
    if rules is not None:
        add_word_forms(data, rules)
    text = dumps(data)
    (site_dir / INDEX).write_text(text, encoding="utf-8")
    return text
