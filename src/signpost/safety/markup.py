"""What contributed Markdown asks for beyond text: raw HTML, URLs, attribute lists, admonitions.

`check` uses this to tell authors, with the line, what the sanitiser would remove or
what would give them control over the page. Every pattern here stops at the next
delimiter it cannot cross, so a hostile 1 MB file is scanned in linear time.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

from .sanitize import AUTHOR_ATTRIBUTES, AUTHOR_TAGS, URL_SCHEMES

FENCE_RE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
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
_BRACE = "&#123;"
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
    code: str = "unsafe-html"
    also: tuple[tuple[int, int, str], ...] = ()
    """Further edits `neutralise` makes with this one: (start, end, replacement)."""


@functools.lru_cache(maxsize=16)
def mask_code(text: str) -> str:
    """Blank out fenced and inline code, keeping every line and column where it was.

    Only code Python-Markdown is sure to treat as code is blanked, since a tag inside
    blanked text is never reported: see `_mask_inline`. Kept for the last few texts:
    `check` masks each file once for every check that reads it (35 times for a lesson in
    four languages; 9.5 s of 22 for a hostile 1 MB lesson before it was kept).
    """
    return _mask_inline(mask_fences(text))


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


RAW_BLOCK_RE = re.compile(r"^ {0,3}<[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)", re.M)
BACKTICKS_RE = re.compile(r"`+")
CHUNK_RE = re.compile(r"(?:[^\n]|\n(?![ \t]*\n))+")


def _mask_inline(text: str) -> str:
    """Blank inline code spans, but only where Markdown pairs the backticks the same way.

    Markdown reads backticks inside raw HTML blocks (which run past blank lines) as
    text, a backslash can make a backtick literal, and a backtick left unpaired on one
    line can pair with one on the next; in each case a guess could hide a live tag.
    So nothing after the first line that opens with a tag is blanked, and a paragraph
    is blanked only when it has no escaped backtick and every run of backticks pairs
    with the nearest run of the same length on its own line.
    """
    if "`" not in text:
        return text
    raw = RAW_BLOCK_RE.search(text)
    end = raw.start() if raw else len(text)
    out = list(text)
    for chunk in CHUNK_RE.finditer(text, 0, end):
        if "`" not in chunk.group(0):
            continue
        spans = _paired_spans(chunk.group(0))
        if spans is None:
            continue
        for start, stop in spans:
            out[chunk.start() + start : chunk.start() + stop] = " " * (stop - start)
    return "".join(out)


def _paired_spans(chunk: str) -> list[tuple[int, int]] | None:
    """Code spans of one paragraph, or None when any backtick is escaped or left unpaired."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in chunk.split("\n"):
        runs = list(BACKTICKS_RE.finditer(line))
        if any(r.start() and line[r.start() - 1] == "\\" for r in runs):
            return None
        i = 0
        while i < len(runs):
            length = len(runs[i].group(0))
            closer = next(
                (j for j in range(i + 1, len(runs)) if len(runs[j].group(0)) == length), None
            )
            if closer is None:
                return None
            spans.append((offset + runs[i].start(), offset + runs[closer].end()))
            i = closer + 1
        offset += len(line) + 1
    return spans


@dataclass(frozen=True)
class Tag:
    """One start or end tag as an HTML tokenizer reads it, with its place in the text."""

    start: int
    end: int
    closing: bool
    name: str
    attrs: list[tuple[str, str | None]]
    text: str


class _Tokenizer(HTMLParser):
    """Python's `html.parser`, the tokenizer Python-Markdown reads raw HTML blocks with.

    A regular expression for tags can be misled by quoted `<` or `>` in an attribute
    (`<div title="<" class="x">`); a tokenizer reads quotes as a browser does. Script
    and style contents are tokenized too, so nothing hides in them once they are made
    text, and comments are never skipped (see `html_tags`).
    """

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.tags: list[Tag] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column

    def set_cdata_mode(self, *args: object, **kwargs: object) -> None:
        """Keep reading tags inside <script> and <style>: both are refused anyway."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raw = self.get_starttag_text() or ""
        start = self._offset()
        self.tags.append(Tag(start, start + len(raw), False, tag, attrs, raw))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        end = self.text.find(">", start) + 1 or len(self.text)
        self.tags.append(Tag(start, end, True, tag, [], self.text[start:end]))


MAX_TAG = 2000
TAG_OPEN_RE = re.compile(r"</?[A-Za-z]|</")


def long_tags(text: str) -> list[int]:
    """Offsets of `<` that open a tag whose `>` is over MAX_TAG characters away.

    html.parser looks for the end of each unfinished tag from its start, so a file of
    unfinished tags would take quadratic time; refusing long tags keeps it linear.
    """
    found, next_close = [], -1
    for match in TAG_OPEN_RE.finditer(text):
        if next_close < match.start():
            next_close = text.find(">", match.start())
            if next_close < 0:
                next_close = len(text) + MAX_TAG + 1
        if next_close - match.start() > MAX_TAG:
            found.append(match.start())
    return found


# `&#` that starts no numeric reference: html.parser stops at one and reads the rest of
# the text as plain data, so `&# <script>` would hide every tag after it from the check.
_BARE_CHARREF = re.compile(r"&(?=#(?![0-9]|[xX][0-9a-fA-F]))")


def html_tags(text: str) -> list[Tag]:
    """Every tag in `text`, in order. `<!` and `<?` are read as text, so a comment (which
    browsers may end sooner than Python does, as in `<!-->`) cannot hide a tag from the
    check, nor can a bare `&#`; tags longer than MAX_TAG are left to `long_tags`."""
    scanned = list(_BARE_CHARREF.sub(" ", text.replace("<!", "  ").replace("<?", "  ")))
    for offset in long_tags(text):
        scanned[offset] = " "
    tokenizer = _Tokenizer("".join(scanned))
    tokenizer.feed(tokenizer.text)
    tokenizer.close()
    return tokenizer.tags


def url_problem(url: str) -> str | None:
    """Why a link target is refused, or None. Entities and spaces cannot hide a scheme."""
    plain = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(url))
    scheme = SCHEME_RE.match(plain)
    if scheme and scheme.group(1).lower() not in URL_SCHEMES:
        return f"`{scheme.group(1)}:` links are not allowed (use https:, mailto:, tel: or sms:)"
    if plain.startswith("//"):
        return "links that start with // leave the site; write https:// in full"
    return None


DIAL_RE = re.compile(r"^(?:tel|sms):([^?;,]*)", re.I)


def _digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", text)


def dial_problem(shown: str, url: str, numbers: frozenset[str]) -> str | None:
    """Why a tel: or sms: link is refused: it must dial the digits it shows, or a hotline.

    Percent-escapes and entities are decoded first, as the phone will decode them.
    """
    plain = re.sub(r"\s", "", urllib.parse.unquote(html.unescape(url)))
    dial = DIAL_RE.match(plain)
    if not dial:
        return None
    number, written = _digits(dial.group(1)), _digits(html.unescape(shown))
    if number in numbers or (written and written == number):
        return None
    return f"the link dials {number or 'nothing'} but shows {written or 'no number'}"


def attributes(text: str) -> dict[str, str]:
    """A tag's attributes, names lower-cased, values as written (quoted or not)."""
    return {
        m.group(1).lower(): next((v for v in m.group(2, 3, 4) if v is not None), "")
        for m in ATTR_RE.finditer(text)
    }


def _tag_problems(tag: Tag) -> Iterator[str]:
    if ":" in tag.name:  # an autolink such as <https://example.org>
        if reason := url_problem(tag.text[1:-1]):
            yield reason
        return
    if tag.name not in AUTHOR_TAGS:
        yield f"the <{tag.name}> tag is not allowed"
        return
    allowed = AUTHOR_ATTRIBUTES["*"] | AUTHOR_ATTRIBUTES.get(tag.name, frozenset())
    for key, value in tag.attrs:
        if key not in allowed:
            yield f"the `{key}` attribute is not allowed on <{tag.name}>"
        elif key in URL_ATTRIBUTES and url_problem(value or ""):
            yield url_problem(value or "") or ""


def problems(text: str, limit: int = 50, numbers: frozenset[str] = frozenset()) -> list[Problem]:
    """Everything in a Markdown text (code already masked) that `check` refuses, in order;
    at most `limit`, since a file with more needs rewriting, not a longer list.
    `numbers` are the hotline digits a tel: link may dial without showing them."""
    found = sorted(_problems(text, numbers), key=lambda p: p.offset)
    return found[:limit]


def _problems(text: str, numbers: frozenset[str]) -> Iterator[Problem]:
    """The one list of rules, shared by the report (`problems`) and the repair (`neutralise`)."""
    for offset in long_tags(text):
        yield Problem(
            offset,
            text[offset : offset + 40],
            f"a tag may not run over {MAX_TAG} characters",
            (offset, offset + 1),
            "&lt;",
        )
    for tag in html_tags(text):
        cleaned = None
        for reason in _tag_problems(tag):
            cleaned = cleaned if cleaned is not None else _clean_tag(tag)
            span, also = (tag.start, tag.end), ()
            if cleaned.startswith("&lt;"):
                # Made text, what the tag held is read as Markdown: a `<` in it (say in a
                # quoted attribute) could open a tag of its own, so each is made text too;
                # links and the like in it are neutralised on their own.
                span, cleaned = (tag.start, tag.start + 1), "&lt;"
                also = tuple(
                    (tag.start + i, tag.start + i + 1, "&lt;")
                    for i, c in enumerate(tag.text)
                    if c == "<" and i
                )
            yield Problem(tag.start, tag.text[:40], reason, span, cleaned, also=also)
        href = dict(tag.attrs).get("href") if tag.name == "a" and not tag.closing else None
        if href:
            close = text.find("</", tag.end, tag.end + MAX_TAG)
            shown = text[tag.end : close if close >= 0 else tag.end]
            if reason := dial_problem(shown, href, numbers):
                yield Problem(
                    tag.start, tag.text[:40], reason, (tag.start, tag.end), "<a>", "tel-link"
                )
    for pattern, group in ((LINK_RE, 3), (REF_DEF_RE, 1)):
        for match in pattern.finditer(text):
            span = (match.start(group), match.end(group))
            if reason := url_problem(match.group(group)):
                yield Problem(match.start(), match.group(0)[:40], reason, span, "#")
            shown = match.group(2) if pattern is LINK_RE else ""
            if reason := dial_problem(shown, match.group(group), numbers):
                yield Problem(match.start(), match.group(0)[:40], reason, span, "#", "tel-link")
    for match in ATTR_LIST_RE.finditer(text):
        tokens = match.group(1).split()
        if tokens and not all(t.startswith("#") and len(t) > 1 for t in tokens):
            yield Problem(
                match.start(),
                match.group(0)[:40],
                "attribute lists may only give an #id (classes and attributes could restyle "
                "or script the page)",
                (match.start(), match.start() + 1),
                _BRACE,
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


def neutralise(text: str, numbers: frozenset[str] = frozenset()) -> str:
    """Author Markdown with everything `problems` would report made harmless.

    A second line of defence behind `check` (whose findings a site may downgrade):
    disallowed tags become text, tags keep only allowed attributes and safe URLs,
    attribute lists that do more than set an #id become text, and unknown admonition
    types become notes, and tel: or sms: links that dial a number they do not show (and
    not one of `numbers`, the hotlines) dial nothing. Code blocks and spans are left
    exactly as written.
    """
    masked = mask_code(text)
    found = list(_problems(masked, numbers))
    edits = {edit for p in found for edit in ((*p.span, p.replacement), *p.also)}
    # An attribute list made text by its `{` alone leaves an earlier `{` on its line free
    # to open one again (`{{ .sp-help }`): every `{` on such a line is made text, once.
    lines = {masked.rfind("\n", 0, p.span[0]) + 1 for p in found if p.replacement == _BRACE}
    for start in lines:
        end = masked.find("\n", start)
        end = len(masked) if end < 0 else end
        edits.update((i, i + 1, _BRACE) for i in _find_all(masked, "{", start, end))
    edits = sorted(edits)
    out, last = [], 0
    for start, end, replacement in edits:
        if start < last:
            continue  # overlapping edits: the first one already made this span safe
        out.append(text[last:start])
        out.append(replacement)
        last = end
    out.append(text[last:])
    return "".join(out)


def _find_all(text: str, char: str, start: int, end: int) -> Iterator[int]:
    at = text.find(char, start, end)
    while at >= 0:
        yield at
        at = text.find(char, at + 1, end)


# A kept attribute's brackets, braces and backticks as references: the browser reads the
# same value, and no Markdown link, attribute list or code span can start inside it (make
# fuzz found `<IMG ID= [](A:) 0>` cleaned to `<img id="[](A:)">`, whose link was still
# read, and a backtick in a value that paired with one after the tag and hid its end).
_INERT = str.maketrans({"[": "&#91;", "]": "&#93;", "{": "&#123;", "}": "&#125;", "`": "&#96;"})


def _clean_tag(tag: Tag) -> str:
    if ":" in tag.name:
        return tag.text if not url_problem(tag.text[1:-1]) else "&lt;" + tag.text[1:]
    if tag.name not in AUTHOR_TAGS:
        return "&lt;" + tag.text[1:]
    breaks = "\n" * tag.text.count("\n")  # later line numbers stay true
    if tag.closing:
        return f"</{tag.name}{breaks}>"
    allowed = AUTHOR_ATTRIBUTES["*"] | AUTHOR_ATTRIBUTES.get(tag.name, frozenset())
    kept = []
    for key, value in tag.attrs:
        value = value or ""
        if key in allowed and not (key in URL_ATTRIBUTES and url_problem(value)):
            kept.append(f' {key}="{html.escape(value, quote=True).translate(_INERT)}"')
    selfclosing = "/" if tag.text[:-1].rstrip().endswith("/") else ""
    attrs = "".join(kept)
    breaks = breaks[attrs.count("\n") :]  # a kept value keeps its own line breaks
    return f"<{tag.name}{attrs}{breaks}{selfclosing}>"
