"""Shared rules for the values in data files, and how a finding names a value.

A finding speaks to an author, so a value is described in their words (`kind`)
and echoed short, on one line, with invisible characters spelled out (`show`).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from ..safety.hygiene import INVISIBLE

ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
PHONE_RE = re.compile(r"[0-9 +\-]*[0-9][0-9 +\-]*")
_URL_RE = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+")
MISSING: Any = object()
QUOTE = " (put it in quotes)"

SHORT = 40
"""The longest `hours`, `languages` and phone values: a note beside a number, not prose."""


def kind(value: object) -> str:
    """What a value is, in an author's words, for messages."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "text"


def show(value: object, limit: int = 40) -> str:
    """A value as a finding may echo it: short, one line, invisible characters spelled out."""
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return "".join(
        c if c.isprintable() and ord(c) not in INVISIBLE else f"\\u{ord(c):04x}" for c in text
    )


def url_problem(url: str) -> str | None:
    """Why `url` is not a plain https:// address for a reader to open, or None."""
    if not url.startswith("https://"):
        return "must be an https:// address"
    if not _URL_RE.fullmatch(url):
        return (
            "may hold only the characters of a web address "
            "(no spaces, quotes, `<`, `>`, `\\` or non-ASCII letters)"
        )
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError:
        return "is not a valid web address"
    if "@" in parts.netloc:
        return "must not hold a user name (`...@`), which hides the real site"
    if not parts.hostname or "." not in parts.hostname:
        return "needs a site name after https://"
    return None
