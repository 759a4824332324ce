"""The preview's quick rebuild: render again only the pages an edit changed.

After one lesson is edited, most of a language's pages would come out byte for byte
as before. Each page is known by a key: a hash of everything Signpost feeds the theme
for it (its Markdown after Signpost's own changes and, for a lesson, its structured
data). The preview keeps the last build's keys and titles beside its pages; a quick
rebuild starts from a copy of those pages and renders only the pages whose key
changed. The search index of the pages left alone is carried over from the last
build, so the index stays whole: MkDocs' own `--dirty` would write one with only
the pages it rendered. Only the preview builds this way; `signpost build` never does.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".signpost-pages.json"
"""Beside a preview language's pages: each page's key and title from the build that made it."""


def page_key(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


@dataclass
class Record:
    """What one build left of itself: page (source path) -> key and title."""

    keys: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    rendered: int = 0
    """How many pages the build rendered: the preview's log says so."""

    def save(self, site_dir: Path) -> None:
        data = {"keys": self.keys, "titles": self.titles, "rendered": self.rendered}
        (site_dir / MANIFEST).write_text(json.dumps(data, sort_keys=True), encoding="utf-8")

    @classmethod
    def load(cls, site_dir: Path) -> Record | None:
        """The last build's record, or None where there is none to trust."""
        try:
            data = json.loads((site_dir / MANIFEST).read_text(encoding="utf-8"))
            return cls(dict(data["keys"]), dict(data["titles"]), int(data["rendered"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None


def _page_of(location: str) -> str:
    return location.split("#", 1)[0]


def merge_index(now: dict, before: dict, urls: list[str], rendered: set[str]) -> None:
    """Make `now`, the index of the pages this build rendered, the index of every page:
    the last build's entries (`before`) for the others, in the site's page order."""
    by_page: dict[str, list[dict]] = {}
    for source, keep in ((before, lambda url: url not in rendered), (now, rendered.__contains__)):
        for doc in source.get("docs", []):
            url = _page_of(doc.get("location", ""))
            if keep(url):
                by_page.setdefault(url, []).append(doc)
    now["docs"] = [doc for url in urls for doc in by_page.get(url, [])]
