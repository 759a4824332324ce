"""One language's site as a zip that works when opened from disk (`file://`).

A classroom without internet gets the same pages, search and handouts. Opened from
disk, a browser shows a folder listing for a link that ends in `/` and refuses to
start a Web Worker, so an offline copy needs three changes to the built site: every
relative link names its `index.html`, the search index is also a script (browsers
will not `fetch` from disk), and search runs in a hidden frame instead of a worker
(`docs/assets/offline-search.js`, loaded only in these builds). Material's own
offline plugin loads its worker shim from a CDN, which a site with no third-party
requests, opened with no connection, cannot use.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

_HREF = re.compile(r'(?P<attr>\shref=")(?P<url>[^"#?:]*)(?P<rest>[#?][^"]*)?"')
_SKIP_SUFFIXES = (".map", ".gz")


def _local(url: str) -> str:
    """A folder link gets its index page; links to files or other sites stay as they were.

    Material links its logo and the home page as `..` or `../../..` from deeper pages:
    a path whose last step is `.` or `..` names a folder too.
    """
    if url == "" or url.endswith("/"):
        return url + "index.html"
    if url.rsplit("/", 1)[-1] in (".", ".."):
        return url + "/index.html"
    return url


def file_links(page: str) -> str:
    """Relative folder links in a page rewritten to name `index.html`.

    A link with a scheme (`https:`, `tel:`, `mailto:`) is left alone, as is a bare
    `#fragment`, which stays on the page.
    """

    def replace(match: re.Match[str]) -> str:
        url, rest = match.group("url"), match.group("rest") or ""
        if url == "" and rest.startswith("#"):
            return match.group(0)
        return f'{match.group("attr")}{_local(url)}{rest}"'

    return _HREF.sub(replace, page)


def _index_location(location: str) -> str:
    path, hash_mark, fragment = location.partition("#")
    return _local(path) + hash_mark + fragment


def file_locations(index: dict) -> None:
    """The search index's locations in file style, as the offline pages' links are."""
    for doc in index.get("docs", []):
        doc["location"] = _index_location(doc.get("location", ""))


def index_script(index_json: str) -> str:
    """The search index as the script Material loads from disk (it defines `__index`)."""
    return f"var __index = {index_json};\n"


SERVER_ONLY = ("404.html",)
"""Pages only a web server shows (for an address it lacks); their links are absolute."""


def prepare(site_dir: Path, index_json: str | None) -> None:
    """Turn one built language folder into its offline form, in place; `index_json` is
    its search index, already given file-style locations (`file_locations`)."""
    for name in SERVER_ONLY:
        (site_dir / name).unlink(missing_ok=True)
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        rewritten = file_links(text)
        if rewritten != text:
            page.write_text(rewritten, encoding="utf-8")
    if index_json is not None:
        script = index_script(index_json)
        (site_dir / "search" / "search_index.js").write_text(script, encoding="utf-8")


def write_zip(site_dir: Path, dest: Path, folder: str) -> int:
    """Zip `site_dir` under one top folder; returns the zip's size in bytes.

    Entries are sorted and dated 1980-01-01, so the same site gives the same bytes.
    Source maps and pre-compressed copies are left out: readers never need them. So is a
    file whose name holds a backslash, which Windows unzips as a folder separator
    (`check` refuses such names; this holds if that finding is downgraded).
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    files = sorted(
        p
        for p in site_dir.rglob("*")
        if p.is_file()
        and not p.is_symlink()
        and not p.name.endswith(_SKIP_SUFFIXES)
        and "\\" not in p.relative_to(site_dir).as_posix()
    )
    with zipfile.ZipFile(dest, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in files:
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(site_dir).as_posix()}")
            info.date_time = (1980, 1, 1, 0, 0, 0)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    return dest.stat().st_size
