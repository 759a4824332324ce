"""Every page's own Content-Security-Policy and referrer policy, as meta tags.

A reader may be watched, so a page may load nothing from anywhere but the site
itself, and tell no other site where the reader came from. Inline scripts run only
when their exact text is allowed by a SHA-256 hash. Only scripts known before any
content is placed (the adapter renders the theme's own script partials) are hashed, and
a finished page holding any other inline script is refused, so injected script can
never be blessed by the page's own policy.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Collection

# Script types that are data (JSON-LD, Material's JSON config). Any other type counts as
# script: browsers run some unexpected ones (`text/jscript`, `importmap`), so none is trusted.
_DATA_TYPES = {"application/json", "application/ld+json"}
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_ATTR = re.compile(r"""\b(src|type)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
# Table alignment is the only inline style the sanitiser lets through (see sanitize.py);
# `style-src 'self'` would block it, so it becomes a class the site's stylesheet defines.
_ALIGN = re.compile(r'(<t[dh]\b[^>]*?)\sstyle="text-align:\s*(left|right|center|justify);?"')
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)

# Fixed parts of the policy. `frame-ancestors` is ignored (with a console error) in a
# meta tag, so it belongs only in the HTTP headers a host can set (see README).
_POLICY = (
    ("default-src", "'self'"),
    ("img-src", "'self' data:"),
    ("style-src", "'self'"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)


class UnknownScript(ValueError):
    """A finished page holds an inline script that neither Signpost nor the theme wrote."""

    def __init__(self, script: str) -> None:
        snippet = " ".join(script.split())[:60]
        super().__init__(f"an inline script nobody vouched for: <script>{snippet}")


def inline_scripts(page: str) -> list[str]:
    """The text of every inline script a browser might run, in page order.

    A pattern, not a parser: it may also find a "script" inside an attribute value, which
    only makes the build refuse a page, and whatever it misses the policy blocks.
    """
    found = []
    for match in _SCRIPT.finditer(page):
        attrs = {m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None)
                 for m in _ATTR.finditer(match.group(1))}  # fmt: skip
        if "src" in attrs:
            continue
        if attrs.get("type", "").strip().lower() not in _DATA_TYPES:
            found.append(match.group(2))
    return found


def script_hash(text: str) -> str:
    """The CSP source expression that allows exactly this script text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def policy(page: str, allowed: Collection[str] = frozenset()) -> str:
    """The policy for one finished page: the site's own origin, plus its inline scripts,
    each of which must be one of `allowed` (known before the page's content was placed)."""
    scripts = inline_scripts(page)
    for script in scripts:
        if script not in allowed:
            raise UnknownScript(script)
    hashes = sorted({script_hash(s) for s in scripts})
    parts = [f"{name} {value}" for name, value in _POLICY]
    parts.insert(1, " ".join(["script-src", "'self'", *hashes]))
    return "; ".join(parts)


def protect(page: str, allowed: Collection[str] = frozenset()) -> str:
    """`page` with its policy and `no-referrer` as the first tags in <head>, and its table
    alignment moved from `style` attributes (which the policy blocks) to classes.

    A CSP meta tag governs only what comes after it, so it goes straight after
    the charset declaration (which must stay within the first bytes). An inline script
    not in `allowed` raises `UnknownScript`.
    """
    tags = (
        f'<meta http-equiv="Content-Security-Policy" content="{policy(page, allowed)}">'
        '<meta name="referrer" content="no-referrer">'
    )
    page = _ALIGN.sub(r'\1 class="sp-align-\2"', page)
    anchor = _CHARSET.search(page) or _HEAD.search(page)
    if anchor is None:
        raise ValueError("page has no <head>: cannot place its Content-Security-Policy")
    return page[: anchor.end()] + tags + page[anchor.end() :]
