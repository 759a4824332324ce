"""Allow-list sanitising of rendered lesson HTML: the second line of defence after `check`.

`signpost check` refuses scripts, event handlers and `javascript:` links in
lessons; if anything slipped through, nh3 removes it before a page is written.
"""

from __future__ import annotations

import nh3

_TAGS = {
    "a",
    "abbr",
    "aside",
    "b",
    "bdi",
    "blockquote",
    "br",
    "caption",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "li",
    "mark",
    "nav",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
_COMMON = {
    "class",
    "id",
    "lang",
    "dir",
    "title",
    "role",
    "aria-label",
    "aria-labelledby",
    "aria-hidden",
    "tabindex",
}
_ATTRIBUTES = {
    "*": _COMMON,
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "input": {"type", "checked", "disabled", "name"},
    "label": {"for"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "style", "scope"},
    "ol": {"start"},
}


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel", "sms"},
        link_rel=None,
        strip_comments=True,
    )
