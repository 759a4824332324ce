"""How much work contributed Markdown may ask of Python-Markdown, measured in linear time.

Python-Markdown recurses once per level of nesting (lists, quotes, admonitions, `///`
blocks, HTML with `markdown="1"`) and dies with a RecursionError a few hundred levels
down. Some constructs make it read the same text again and again: every `[` or `](` it
cannot close is followed to the end of its paragraph, every unclosed `<tag` to the next
`>` in the page, every heading or rule inside a paragraph splits it and the rest is
searched again, and duplicate headings are numbered one try at a time. Every inline
element (code span, emphasis, escape, link, entity, line break) copies the rest of its
paragraph once more, and every block is taken off the front of a list of all the blocks
after it. Measured with the site's extensions: 10 KB of `[` took 11 s, 30 KB of `[a](`
13 s, 30 KB of `# a` lines 14 s, 300 KB of `` ` a `` 13 s, 100 KB of `*a* ` 12 s, 1 MB
of `a` paragraphs 39 s, 1 MB of `- a` items 7 s and of `|a|` table rows 13 s.

`check` bounds each with limits no real lesson comes near; the findings cannot be
downgraded, since a page over them would stall or crash every build. Every scan here is
one pass over the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..findings import Report
from .markup import Lines, mask_code, mask_fences

MAX_DEPTH = 24
"""Levels of nesting; Python-Markdown crashes between 300 and 600, a lesson needs 4."""
MAX_RESCAN = 1_000_000
"""Characters Markdown may re-read looking for a closing bracket (about 0.2 s)."""
MAX_INLINE = 50_000_000
"""Inline elements times the length of their paragraph, summed over a page (about 0.1 s;
the longest shipped page costs 250,000)."""
MAX_HEADINGS = 400
MAX_CODE_BLOCKS = 400
MAX_BLOCKS = 5_000
"""Paragraphs and other blank-line-separated blocks; the parser's cost grows with their
square (1 MB of them took 39 s), a shipped page has under 400."""
MAX_LIST_ITEMS = 2_000
"""A shipped page has 115 at most; 1 MB of them took 7 s to render, per page and language."""
MAX_TABLE_ROWS = 2_000
"""A shipped page has 20 at most; 1 MB of them took 13 s to render, per page and language."""

_PREFIX = re.compile(
    r"[ \t]*(?:(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])|(?:!!!|\?\?\?\+?)(?=[ \t]))[ \t]*)*"
)
_MARKER = re.compile(r">|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])|!!!|\?\?\?")
_BLOCK_FENCE = re.compile(r"[ \t]*/{3,}(?:[ \t]*(\S))?")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^<>]*)>")
_MARKDOWN_ATTR = re.compile(r"(?:^|\s)markdown\s*=", re.I)
_ATX = re.compile(r"#{1,6}(?:[ \t]|$)")
_SETEXT_OR_RULE = re.compile(r"(?:=+|-+|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:-[ \t]*){3,})[ \t]*$")
_FENCE = re.compile(r"^[ \t]{0,3}(?:`{3,}|~{3,})", re.M)
_ESCAPED = re.compile(r"\\[^\n]")
_BRACKETS = re.compile(r"\n[ \t]*(?=\n)|[\[\]()]")
_ANGLES = re.compile(r"<[A-Za-z!?/]|>")
_INLINE = re.compile(r"`+|\*+|_+|\\[^\s]|[\[<&]| {2,}$")
_LIST_ITEM = re.compile(r"[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])")


@dataclass(frozen=True)
class Excess:
    """One limit a page goes over: its finding code, where, and the values for the message."""

    code: str
    offset: int
    values: dict[str, object]


def excesses(text: str) -> Iterator[Excess]:
    """Each limit `text` (Markdown with its front matter removed) goes over, once each."""
    masked = mask_code(text)
    yield from _depth(masked)
    yield from _rescans(_ESCAPED.sub("  ", masked))
    yield from _inline(mask_fences(text))
    yield from _counts(text, masked)


def report_limits(rel: str, text: str, first_line: int, report: Report) -> None:
    """Record a finding at its line for each limit the page goes over."""
    lines = Lines(text, first_line)
    for excess in excesses(text):
        report.add(excess.code, rel, lines.at(excess.offset), **excess.values)


def _html_depths(masked: str) -> list[tuple[int, int]]:
    """(offset, depth) after every change in how many `markdown=` HTML elements are open."""
    stack: list[tuple[str, bool]] = []
    opened = 0
    changes = []
    for tag in _TAG.finditer(masked):
        name = tag.group(2).lower()
        if not tag.group(1):
            if tag.group(3).rstrip().endswith("/"):
                continue
            markdown = bool(_MARKDOWN_ATTR.search(tag.group(3)))
            stack.append((name, markdown))
            opened += markdown
        else:
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    opened -= sum(md for _, md in stack[i:])
                    del stack[i:]
                    break
            else:
                continue
        changes.append((tag.start(), opened))
    return changes


def _depth(masked: str) -> Iterator[Excess]:
    """The deepest line: its indentation, quote and list markers, open blocks and HTML."""
    html = _html_depths(masked)
    h, html_depth = 0, 0
    blocks = 0
    offset = 0
    for line in masked.split("\n"):
        while h < len(html) and html[h][0] < offset:
            html_depth = html[h][1]
            h += 1
        start = offset
        offset += len(line) + 1
        if not line.strip():
            continue
        fence = _BLOCK_FENCE.match(line)
        if fence:
            blocks = blocks + 1 if fence.group(1) else max(blocks - 1, 0)
        prefix = _PREFIX.match(line).group(0)  # type: ignore[union-attr]
        markers = len(_MARKER.findall(prefix))
        indent = len(re.sub(r"[^ \t]", "", prefix).expandtabs(4)) // 4
        depth = markers + indent + blocks + html_depth
        if depth > MAX_DEPTH:
            yield Excess("markdown-depth", start, {"depth": depth, "limit": MAX_DEPTH})
            return


def _rescans(text: str) -> Iterator[Excess]:
    """Characters Markdown re-reads for `[` and `](` left open in a paragraph, `<` in the page."""
    cost, first = 0, -1
    squares: list[int] = []
    links: list[int] = []  # every open `(`; those right after `]` are negative
    for match in _BRACKETS.finditer(text + "\n\n"):
        c, at = match.group(0), match.start()
        if first < 0 and c in "[(":
            first = at
        if c == "[":
            squares.append(at)
        elif c == "]" and squares:
            cost += at - squares.pop()
        elif c == "(":
            links.append(-at if at and text[at - 1] == "]" else at)
        elif c == ")" and links:
            start = links.pop()
            cost += at + start if start < 0 else 0
        elif c.startswith("\n"):  # a blank line ends the paragraph: what is open was read to here
            cost += sum(at - s for s in squares) + sum(at + s for s in links if s < 0)
            if cost <= MAX_RESCAN:
                squares, links, first = [], [], -1
        if cost > MAX_RESCAN:
            yield _rescan(max(first, 0), "`[` and `(` left open", cost)
            break
    yield from _angles(text)


def _angles(text: str) -> Iterator[Excess]:
    cost, pending, first = 0, 0, None
    pending_sum = 0
    for match in _ANGLES.finditer(text):
        at = match.start()
        if match.group(0) == ">":
            cost += pending * at - pending_sum
            pending, pending_sum = 0, 0
        else:
            first = at if first is None else first
            pending += 1
            pending_sum += at
        if cost > MAX_RESCAN:
            break
    cost += pending * len(text) - pending_sum
    if cost > MAX_RESCAN:
        yield _rescan(first or 0, "`<` left open", cost)


def _inline(fenced: str) -> Iterator[Excess]:
    """Inline elements times their paragraph's length: Python-Markdown rebuilds the paragraph's
    text once per element it finds, so many in one paragraph take quadratic time. Inline code
    is counted (it is such an element); the count is an upper bound, as not every marker
    starts an element."""
    cost, markers, length, start = 0, 0, 0, 0
    offset = 0
    for line in (fenced + "\n").split("\n"):
        if line.strip():
            start = offset if not length else start
            markers += len(_INLINE.findall(line))
            length += len(line) + 1
        elif length:
            cost += markers * length
            if cost > MAX_INLINE:
                what = "inline elements (code, emphasis, escapes, links, line breaks)"
                yield _rescan(start, what, cost, MAX_INLINE)
                return
            markers, length = 0, 0
        offset += len(line) + 1


def _rescan(offset: int, what: str, cost: int, limit: int = MAX_RESCAN) -> Excess:
    return Excess("markdown-rescan", offset, {"what": what, "cost": cost, "limit": limit})


def _counts(text: str, masked: str) -> Iterator[Excess]:
    """Headings (numbered one try at a time), rules inside paragraphs, and code blocks."""
    headings, first_heading = 0, 0
    splits = 0
    paragraph, paragraph_start = 0, 0
    offset = 0
    rescan_reported = False
    counted = {"blocks": 0, "list items": 0, "table rows": 0}
    limits = {"blocks": MAX_BLOCKS, "list items": MAX_LIST_ITEMS, "table rows": MAX_TABLE_ROWS}
    for line in masked.split("\n"):
        start = offset
        offset += len(line) + 1
        if not line.strip():
            paragraph, splits = 0, 0
            continue
        prefix = _PREFIX.match(line).group(0)  # type: ignore[union-attr]
        body = line[len(prefix) :]
        for what, found in (
            ("blocks", not paragraph),
            ("list items", bool(_LIST_ITEM.search(prefix))),
            ("table rows", "|" in body),
        ):
            counted[what] += found
            if found and counted[what] == limits[what] + 1:  # reported where it goes over
                yield Excess("markdown-count", start, {"what": what, "limit": limits[what]})
        if not paragraph:
            paragraph_start = start
        paragraph += len(line) + 1
        heading = bool(_ATX.match(body) or _SETEXT_OR_RULE.match(body))
        if heading:
            headings += 1
            first_heading = start if headings == 1 else first_heading
            splits += 1
        if heading and headings == MAX_HEADINGS + 1:
            yield Excess(
                "markdown-count", first_heading, {"what": "headings", "limit": MAX_HEADINGS}
            )
        if not rescan_reported and splits > 1 and splits * paragraph > MAX_RESCAN:
            rescan_reported = True
            yield _rescan(
                paragraph_start,
                "headings and rules without blank lines around them",
                splits * paragraph,
            )
    fences = _FENCE.findall(text)
    if len(fences) > 2 * MAX_CODE_BLOCKS:
        first = _FENCE.search(text)
        values = {"what": "code blocks", "limit": MAX_CODE_BLOCKS}
        yield Excess("markdown-count", first.start() if first else 0, values)
