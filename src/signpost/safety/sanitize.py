"""The one allow-list for HTML: what every page's content may hold, and what authors may write.

Every page's rendered content passes through `sanitize` (nh3), lessons and site pages
alike: no scripts, no event handlers, no script-capable URLs, no styles that could
move content over the page or the help box. Signpost's own generated markup (the
catalogue's filters, the help box) needs a few more tags and attributes than an
author does, so `check` holds raw HTML in contributed Markdown to the narrower
`AUTHOR_TAGS` and `AUTHOR_ATTRIBUTES`, and reports what it would remove.
"""

from __future__ import annotations

import nh3

URL_SCHEMES = frozenset({"https", "mailto", "tel", "sms"})

AUTHOR_TAGS = frozenset(
    [
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
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
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
    ]
)
_AUTHOR_COMMON = frozenset({"id", "lang", "dir", "title", "aria-label", "markdown"})
AUTHOR_ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": _AUTHOR_COMMON,
    "a": frozenset({"href", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "ol": frozenset({"start"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan", "scope"}),
    "details": frozenset({"open"}),
}

# Signpost's generated markup adds these: the catalogue's filter form, headings of the
# derived pages, the help box and the PDF links.
_TAGS = AUTHOR_TAGS | {"h1", "nav", "form", "label", "select", "option", "button", "input"}
_COMMON = {"class", "id", "lang", "dir", "title", "role", "hidden"} | {
    "aria-label",
    "aria-labelledby",
    "aria-hidden",
    "aria-live",
    "aria-current",
}
_ATTRIBUTES = {
    "*": _COMMON,
    "a": {"href", "hreflang", "type"},
    "img": {"src", "alt", "width", "height", "loading"},
    "input": {"type", "checked", "disabled", "name"},
    "label": {"for"},
    "select": {"name", "data-facet"},
    "option": {"value"},
    "button": {"type"},
    "p": {"data-template", "data-empty"},
    "li": {"data-audience", "data-ages", "data-topic", "data-duration"},
    "h3": {"data-toc-label"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "style", "scope"},
    "ol": {"start"},
    "details": {"open"},
}


def sanitize(html: str) -> str:
    """Keep only allow-listed markup; `style` survives only as table-cell text alignment."""
    return nh3.clean(
        html,
        tags=set(_TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in _ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
        filter_style_properties={"text-align"},
    )
