"""What contributed Markdown asks for beyond text: raw HTML, URLs, attribute lists, admonitions.

`check` uses this to tell authors, with the line, what the sanitiser would remove or
what would give them control over the page. Every pattern here stops at the next
delimiter it cannot cross, so a hostile 1 MB file is scanned in linear time.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .sanitize import AUTHOR_ATTRIBUTES, AUTHOR_TAGS, URL_SCHEMES

FENCE_RE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
INLINE_CODE_RE = re.compile(r"`[^`\n]+`")
TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)([^<>]*)>")
ATTR_RE = re.compile(r"""([^\s"'=<>/`]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
LINK_RE = re.compile(
    r"(!?)\[([^\[\]\n]*)\]"  # [label]
    r"\([ \t]*<?((?:[^()\s<>]|\([^()\s<>]*\))*)>?"  # (target, with one level of parentheses
    r"(?:[ \t]+\"[^\"\n]*\")?[ \t]*\)"  # "optional title")
)
REF_DEF_RE = re.compile(r"^[ \t]{0,3}\[[^\[\]\n]+\]:[ \t]*<?(\S*?)>?(?:[ \t].*)?$", re.M)
ATTR_LIST_RE = re.compile(r"\{:?([^{}\n]*)\}")
ADMONITION_RE = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+([^\s\"]+)", re.M)
SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
URL_ATTRIBUTES = {"href", "src"}
ADMONITION_TYPES = frozenset(
    [
        "note",
        "abstract",
        "info",
        "tip",
        "success",
        "question",
        "warning",
        "failure",
        "danger",
        "bug",
        "example",
        "quote",
    ]
)


@dataclass(frozen=True)
class Problem:
    """One thing `check` refuses, and how `neutralise` makes it harmless."""

    offset: int
    snippet: str
    reason: str
    span: tuple[int, int]
    replacement: str


def mask_code(text: str) -> str:
    """Blank out fenced and inline code, keeping every line and column where it was."""
    return INLINE_CODE_RE.sub(lambda m: " " * len(m.group(0)), mask_fences(text))


def mask_fences(text: str) -> str:
    """Blank out fenced code only: inline code spans still cost the Markdown engine work.

    A fence never closed is not code to Markdown, which renders what follows it: that is
    left as written (fences after it too, so nothing is hidden and the pass stays linear).
    """
    lines = text.split("\n")
    original = list(lines)
    fence: str | None = None
    opened = 0
    for i, line in enumerate(lines):
        if fence is None:
            opening = FENCE_RE.match(line)
            if not opening:
                continue
            fence, opened = opening.group(1), i
        else:
            stripped = line.strip()
            indent = len(line) - len(line.lstrip())
            if indent <= 3 and len(stripped) >= len(fence) and stripped == fence[0] * len(stripped):
                fence = None
        lines[i] = " " * len(line)
    if fence is not None:
        lines[opened:] = original[opened:]
    return "\n".join(lines)


def url_problem(url: str) -> str | None:
    """Why a link target is refused, or None. Entities and spaces cannot hide a scheme."""
    plain = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(url))
    scheme = SCHEME_RE.match(plain)
    if scheme and scheme.group(1).lower() not in URL_SCHEMES:
        return f"`{scheme.group(1)}:` links are not allowed (use https:, mailto:, tel: or sms:)"
    if plain.startswith("//"):
        return "links that start with // leave the site; write https:// in full"
    return None


def attributes(text: str) -> dict[str, str]:
    """A tag's attributes, names lower-cased, values as written (quoted or not)."""
    return {
        m.group(1).lower(): next((v for v in m.group(2, 3, 4) if v is not None), "")
        for m in ATTR_RE.finditer(text)
    }


def _tag_problems(match: re.Match[str]) -> Iterator[str]:
    closing, name, rest = match.group(1), match.group(2).lower(), match.group(3)
    if ":" in name:  # an autolink such as <https://example.org>
        if url_problem(match.group(0)[1:-1]):
            yield url_problem(match.group(0)[1:-1]) or ""
        return
    if name not in AUTHOR_TAGS:
        yield f"the <{name}> tag is not allowed"
        return
    if closing:
        return
    allowed = AUTHOR_ATTRIBUTES["*"] | AUTHOR_ATTRIBUTES.get(name, frozenset())
    for attr in ATTR_RE.finditer(rest):
        key = attr.group(1).lower()
        value = next((v for v in attr.group(2, 3, 4) if v is not None), "")
        if key not in allowed:
            yield f"the `{key}` attribute is not allowed on <{name}>"
        elif key in URL_ATTRIBUTES and url_problem(value):
            yield url_problem(value) or ""


def problems(text: str, limit: int = 50) -> list[Problem]:
    """Everything in a Markdown text (code already masked) that `check` refuses, in order;
    at most `limit`, since a file with more needs rewriting, not a longer list."""
    found = sorted(_problems(text), key=lambda p: p.offset)
    return found[:limit]


def _problems(text: str) -> Iterator[Problem]:
    """The one list of rules, shared by the report (`problems`) and the repair (`neutralise`)."""
    for match in TAG_RE.finditer(text):
        whole = (match.start(), match.end())
        cleaned = None
        for reason in _tag_problems(match):
            cleaned = cleaned if cleaned is not None else _clean_tag(match)
            yield Problem(match.start(), match.group(0)[:40], reason, whole, cleaned)
    for pattern, group in ((LINK_RE, 3), (REF_DEF_RE, 1)):
        for match in pattern.finditer(text):
            reason = url_problem(match.group(group))
            if reason:
                span = (match.start(group), match.end(group))
                yield Problem(match.start(), match.group(0)[:40], reason, span, "#")
    for match in ATTR_LIST_RE.finditer(text):
        tokens = match.group(1).split()
        if tokens and not all(t.startswith("#") and len(t) > 1 for t in tokens):
            yield Problem(
                match.start(),
                match.group(0)[:40],
                "attribute lists may only give an #id (classes and attributes could restyle "
                "or script the page)",
                (match.start(), match.start() + 1),
                "&#123;",
            )
    for match in ADMONITION_RE.finditer(text):
        if match.group(1).lower() not in ADMONITION_TYPES:
            yield Problem(
                match.start(),
                match.group(0).strip()[:40],
                f"admonition type `{match.group(1)}` is not one of: "
                + ", ".join(sorted(ADMONITION_TYPES)),
                (match.start(1), match.end(1)),
                "note",
            )


def tags_in(text: str) -> Iterator[re.Match[str]]:
    """Raw HTML tags, for checks that only look at some of them (such as <img> alt text)."""
    return TAG_RE.finditer(text)


class Lines:
    """Offset to line number by binary search, so many findings in a big file stay cheap."""

    def __init__(self, text: str, first_line: int = 1) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.first = first_line

    def at(self, offset: int) -> int:
        return self.first + bisect.bisect_right(self.starts, offset) - 1


def markup_in(text: str) -> str:
    """The first HTML tag, link or attribute list in a plain-text field, or ''."""
    for pattern in (TAG_RE, LINK_RE, ATTR_LIST_RE):
        match = pattern.search(text)
        if match:
            return match.group(0)
    return ""


def neutralise(text: str) -> str:
    """Author Markdown with everything `problems` would report made harmless.

    A second line of defence behind `check` (whose findings a site may downgrade):
    disallowed tags become text, tags keep only allowed attributes and safe URLs,
    attribute lists that do more than set an #id become text, and unknown admonition
    types become notes. Code blocks and spans are left exactly as written.
    """
    edits = sorted({(*p.span, p.replacement) for p in _problems(mask_code(text))})
    out, last = [], 0
    for start, end, replacement in edits:
        if start < last:
            continue  # overlapping edits: the first one already made this span safe
        out.append(text[last:start])
        out.append(replacement)
        last = end
    out.append(text[last:])
    return "".join(out)


def _clean_tag(match: re.Match[str]) -> str:
    closing, name = match.group(1), match.group(2).lower()
    if ":" in name:
        return (
            match.group(0) if not url_problem(match.group(0)[1:-1]) else "&lt;" + match.group(0)[1:]
        )
    if name not in AUTHOR_TAGS:
        return "&lt;" + match.group(0)[1:]
    if closing:
        return f"</{name}>"
    allowed = AUTHOR_ATTRIBUTES["*"] | AUTHOR_ATTRIBUTES.get(name, frozenset())
    kept = []
    for key, value in attributes(match.group(3)).items():
        if key in allowed and not (key in URL_ATTRIBUTES and url_problem(value)):
            kept.append(f' {key}="{html.escape(html.unescape(value), quote=True)}"')
    selfclosing = "/" if match.group(3).rstrip().endswith("/") else ""
    breaks = "\n" * match.group(0).count("\n")  # later line numbers stay true
    return f"<{name}{''.join(kept)}{breaks}{selfclosing}>"
