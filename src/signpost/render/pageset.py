"""What one language's pages share: the PageSet, and how contributed text is made safe.

`esc` makes text safe in HTML, `inert` makes it plain text in Markdown; every derived
page builds on these, so no header field or data value reaches the page as markup.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

from ..content.lessons import Lesson, LessonText
from ..content.translations import Status
from ..data import Data
from ..data.strings import Strings
from ..project import Project


@dataclass
class PageSet:
    """What one language's site needs to render its pages."""

    project: Project
    data: Data
    lessons: list[Lesson]
    status: Status
    lang: str
    t: Strings
    handouts: bool = False
    """Whether this build publishes PDFs, so pages may link to them."""
    offline: bool = False
    """Whether this build publishes the offline zip, so pages may link to it."""

    @property
    def default(self) -> str:
        return self.project.default_language.code

    def text(self, lesson: Lesson) -> tuple[LessonText, bool]:
        """The lesson's text in this language, and whether it is the default-language fallback."""
        if self.lang in lesson.texts:
            return lesson.texts[self.lang], False
        return lesson.texts[self.default], True

    def topic(self, topic: str) -> str:
        return self.data.topic_label(topic, self.lang, self.default)


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def inert(text: object) -> str:
    """Contributed text placed in Markdown, made inert: every ASCII symbol becomes an entity,
    so it can open no tag, link, emphasis, table cell or `{: attribute }` list."""
    return "".join(
        c if c.isalnum() or c == " " or ord(c) > 127 else f"&#{ord(c)};" for c in str(text)
    )


def front(title: str, description: str, kind: str) -> str:
    meta = {"title": title, "description": description, "signpost_kind": kind}
    return (
        "---\n"
        + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items())
        + "---\n\n"
    )


def source_link(url: str, label: str) -> str:
    """A link to a source, or just its name when the URL is not a web address."""
    if url.startswith("https://"):
        return f'<a href="{esc(url)}">{esc(label)}</a>'
    return esc(label)


def language_name(pages: PageSet, code: str) -> str:
    """A language's name in the reader's language (`language_<code>` in the strings), as a
    sentence uses it: "affichée en anglais", not "affichée en English"."""
    key = f"language_{code}"
    return pages.t(key) if key in pages.t.fallback else pages.project.language(code).name


def wrap_fallback(pages: PageSet, fallback: bool, markdown: str) -> str:
    """Wrap default-language text in its own lang/dir under a translated notice."""
    if not fallback:
        return markdown
    source = pages.project.default_language
    notice = pages.t(
        "not_translated",
        language=language_name(pages, pages.lang),
        source=language_name(pages, source.code),
    )
    return (
        f'<p class="sp-untranslated" role="note">{esc(notice)}</p>\n\n'
        f'<div lang="{source.code}" dir="{source.dir}" markdown="1">\n\n{markdown}\n\n</div>\n'
    )


def untranslated(pages: PageSet, markdown: str) -> str:
    """A site page shown in the default language because it has no translation yet."""
    return wrap_fallback(pages, pages.lang != pages.default, markdown)
