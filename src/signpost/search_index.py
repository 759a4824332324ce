"""The search index as a reader downloads it: UTF-8 text, no escapes, no spaces.

Material writes `search_index.json` with every non-ASCII character as a six-byte
`\\uXXXX` escape, so an Arabic index is two and a half times its text. Rewritten, it
says the same to the browser in fewer bytes.
"""

from __future__ import annotations

import json
from pathlib import Path

INDEX = Path("search") / "search_index.json"


def compact(site_dir: Path) -> None:
    """Rewrite one language's search index as compact UTF-8, if the build wrote one."""
    path = site_dir / INDEX
    if not path.is_file():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
