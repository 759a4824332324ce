"""The HTML that becomes a handout, a lesson-plan PDF or a seminar pack.

Each document is built from the lesson model with its own small template and
print stylesheet, never from the Material page: WeasyPrint lays out plain block
HTML reliably, and a page built for screens carries navigation, scripts and CSS
that print badly. Every value from content files is escaped by the templates;
lesson Markdown is rendered and then cleaned by the same allow-list as the site.
"""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from .. import layout
from ..checks.pipeline import Checked
from ..content.blocks import block_inner
from ..content.lessons import Lesson, LessonText
from ..content.translations import Status, status
from ..data import Data, Hotline, helplines
from ..data.agenda import Item, Timing, plan, source_activities
from ..data.strings import Strings, strings_for
from ..project import Project, site_url_problem
from ..render.helpbox import purpose_label
from ..render.lesson_pages import clock, plan_page
from ..render.pageset import PageSet
from ..safety.markup import neutralise
from ..safety.sanitize import sanitize
from . import fonts, qr

TEMPLATES = Path(__file__).resolve().parent / "templates"
PAGE_SIZES = {"a4": "A4", "letter": "letter"}
_HREF = re.compile(r'href="([^"]*)"')
_BLANK = re.compile(r"_{4,}")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
HOSTS_PAGE = "for-hosts.md"


@dataclass(frozen=True)
class Document:
    """One PDF to make: its HTML and where it goes, relative to the language's site root."""

    kind: str
    lang: str
    paper: str
    target: str
    html: str


@functools.cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["ltr"] = _ltr
    env.globals["print_css"] = Markup((TEMPLATES / "print.css").read_text(encoding="utf-8"))
    env.globals["fonts_css"] = Markup(fonts.font_face_css())
    return env


LRI, PDI = "\u2066", "\u2069"


@jinja2.pass_context
def _ltr(context: jinja2.runtime.Context, value: object, css: str = "") -> Markup:
    """Numbers, URLs and times stay left to right, even inside Arabic text.

    WeasyPrint ignores `unicode-bidi: isolate`, so right-to-left documents also get
    Unicode isolate marks, which Pango's bidi algorithm honours.
    """
    text = str(value)
    attr = Markup(' class="{}"').format(css) if css else ""
    inner: str | Markup = text
    if css == "url":
        inner = url_parts(text)
    if context.get("dir") == "rtl":
        inner = Markup("{}{}{}").format(LRI, inner, PDI)
    return Markup('<bdi dir="ltr"{}>{}</bdi>').format(attr, inner)


def url_parts(url: str) -> Markup:
    """An address as one unbreakable box per path step, so a long one wraps only after a
    `/`: a break at one of its hyphens would leave a reader unsure whether to type it."""
    steps = re.findall(r"[^/]*/|[^/]+$", url)
    return Markup("").join(Markup('<span class="step">{}</span>').format(s) for s in steps)


_CSS_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ")


def css_string(text: str) -> str:
    """`text` as a quoted CSS string that nothing in it can end.

    Every character outside letters, digits and space becomes a `\\HHHHHH ` escape, so
    quotes, backslashes, newlines, form feeds (which end a CSS string) and `</style>`
    stay text; the check refuses control characters in headers before they get here.
    """
    return '"' + "".join(c if c in _CSS_SAFE else f"\\{ord(c):06X} " for c in text) + '"'


def page_counter(t: Strings) -> str:
    """The translated "Page {page} of {pages}" as CSS content with live counters."""
    template = t("handout_page", page="\x00page\x00", pages="\x00pages\x00")
    parts = []
    for piece in template.split("\x00"):
        if piece in ("page", "pages"):
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts)


def missing_address(project: Project) -> str:
    """The one line a build prints when its PDFs go without QR codes and web addresses
    ('' when they have them): said once, not once per PDF."""
    problem = site_url_problem(project.site_url)
    if not problem:
        return ""
    return (
        f"signpost: the PDFs have no QR code and no web address: `site_url` {problem}; "
        "set it in signpost.yml to the site's real address, or give it with --site-url"
    )


class Builder:
    """Builds one language's documents; holds what every document of that language shares."""

    def __init__(self, checked: Checked, lang: str, lesson_status: Status | None = None) -> None:
        self.checked = checked
        self.project = checked.project
        self.language = self.project.language(lang)
        self.lang = lang
        self.t = strings_for(self.project, checked.data, lang)
        self.pages = PageSet(
            self.project,
            checked.data,
            checked.lessons,
            lesson_status or status(self.project, checked.files),
            lang,
            self.t,
        )

    @property
    def data(self) -> Data:
        return self.checked.data

    def url(self, lesson: Lesson) -> str:
        """The lesson's student page online, or '' when `site_url` is unset or a placeholder."""
        return self.site_page(layout.student_page(lesson.id))

    def site_page(self, src: str) -> str:
        """A page of this language's site, or '' when there is no real address to print."""
        if not self.project.public_url:
            return ""
        return f"{self.project.public_url.rstrip('/')}/{self.lang}/{layout.page_url(src)}"

    def hosts_page(self) -> str:
        """Where a pack sends its host: the page for hosts, or the language's home page when
        the project has none."""
        if (self.project.docs_path / HOSTS_PAGE).is_file():
            return self.site_page(HOSTS_PAGE)
        return self.site_page("index.md")

    def way_back(self, url: str) -> dict[str, str]:
        """A sheet's QR code and the address it prints beside it; both empty without a URL."""
        return {"qr": qr.data_uri(url) if url else "", "short_url": short_url(url)}

    def _page(self, template: str, paper: str, footer: str, **values: Any) -> str:
        rtl = self.language.dir == "rtl"
        return (
            _env()
            .get_template(template)
            .render(
                lang=self.lang,
                dir=self.language.dir,
                start="right" if rtl else "left",
                end="left" if rtl else "right",
                page_size=PAGE_SIZES[paper],
                family=Markup(fonts.family_for(self.lang)),
                footer_start=Markup(css_string(footer)),
                footer_end=Markup(page_counter(self.t)),
                t=self.t,
                **values,
            )
        )

    def page(self, template: str, paper: str, footer: str, **values: Any) -> str:
        """A document's HTML from one of `templates/`, for the other kinds of PDF."""
        return self._page(template, paper, footer, **values)

    def footer(self, title: str, reviewed: dt.date | None = None) -> str:
        return self._footer(title, reviewed)

    def fallback_attrs(self, fallback: bool) -> dict[str, str]:
        return self._fallback_attrs(fallback)

    def _footer(self, title: str, reviewed: dt.date | None = None) -> str:
        parts = [title]
        if reviewed:
            date = reviewed.isoformat()
            if self.language.dir == "rtl":
                # Without isolate marks the date's digit groups run right to left.
                date = LRI + date + PDI
            parts.append(self.t("handout_reviewed", date=date))
        if self.project.licence:
            parts.append(self.t("handout_licence", licence=self.project.licence))
        return " · ".join(parts)

    def _fallback_attrs(self, fallback: bool) -> dict[str, str]:
        source = self.project.default_language
        if not fallback:
            return {"content_lang": "", "content_dir": ""}
        return {"content_lang": source.code, "content_dir": source.dir}

    def handout(self, lesson: Lesson, paper: str) -> Document:
        text, fallback = self.pages.text(lesson)
        url = self.url(lesson)
        html = self._page(
            "handout.html.j2",
            paper,
            self._footer(text.title, lesson.reviewed),
            doc_title=f"{text.title} ({self.t('handout_label')})",
            description=text.summary,
            title=text.title,
            content=self._render(handout_markdown(text, self.data.dialable()), lesson),
            **self.way_back(url),
            help=self.help(full=False, lesson=lesson),
            get_help_url=short_url(self.site_page("get-help.md")),
            **self._fallback_attrs(fallback),
        )
        return Document("handout", self.lang, paper, layout.handout_pdf(lesson.id, paper), html)

    def plan(self, lesson: Lesson, paper: str) -> Document:
        text, _ = self.pages.text(lesson)
        source = plan_page(self.pages, lesson)
        body = source.split("\n---\n", 1)[1] if source.startswith("---\n") else source
        title = self.t("plan_title", title=text.title)
        html = self._page(
            "plan.html.j2",
            paper,
            self._footer(title, lesson.reviewed),
            doc_title=title,
            description=text.summary,
            content=self._render(body, lesson, blocks=True),
            lesson_url=short_url(self.url(lesson)),
            **self.way_back(self.site_page(layout.plan_page(lesson.id))),
            help=self.help(full=False, lesson=lesson, reader=plan_reader(lesson)),
            get_help_url=short_url(self.site_page("get-help.md")),
        )
        return Document("plan", self.lang, paper, layout.plan_pdf(lesson.id, paper), html)

    def cards(self, lesson: Lesson, paper: str) -> Document | None:
        """The lesson's cut-out cards, or None when no activity declares any."""
        sheet = self.card_sheet(lesson)
        if sheet is None:
            return None
        title = self.t("cards_title", title=sheet["title"])
        html = self._page(
            "cards.html.j2",
            paper,
            self._footer(title, lesson.reviewed),
            doc_title=title,
            description=sheet["summary"],
            sheet=sheet,
        )
        return Document("cards", self.lang, paper, layout.cards_pdf(lesson.id, paper), html)

    def card_sheet(self, lesson: Lesson) -> dict[str, Any] | None:
        """What a card sheet shows: each activity's cards numbered through the lesson, marked
        with the lesson's short name, then the piles to sort into. Never the answers."""
        text, fallback = self.pages.text(lesson)
        card_sets = text.card_sets
        if not card_sets:
            return None
        number, sets = 0, []
        for card_set in card_sets:
            cards = []
            for card in card_set.cards:
                number += 1
                html = self._render(neutralise(card.text, self.data.dialable()), lesson)
                cards.append({"number": number, "html": html})
            sets.append(
                {
                    "title": card_set.title,
                    "long": card_set.long,
                    "cards": cards,
                    "piles": card_set.categories,
                }
            )
        return {
            "title": text.title,
            "summary": text.summary,
            "short": short_name(text.title),
            "sets": sets,
            **self._fallback_attrs(fallback),
        }

    def pack(
        self,
        lessons: list[Lesson],
        paper: str,
        title: str,
        date: str = "",
        start: int = 0,
        target: str = "",
        timing: Timing | None = None,
        sheets: dict[str, dict[str, Any]] | None = None,
    ) -> Document:
        """A cover with the agenda, each lesson's handout on new pages (and, in `sheets` by
        lesson id, its before/after questionnaire and tally), then where to get help.

        The agenda fits `timing` (see `data.agenda`); `start` is minutes after midnight.
        Raises `FitError` when the lessons' core versions do not fit.
        """
        timing = timing or Timing()
        planned = plan(lessons, timing, self.pages.default)
        agenda = [self._agenda_row(item, start) for item in planned.items]
        items = []
        for lesson in lessons:
            text, fallback = self.pages.text(lesson)
            items.append(
                {
                    "title": text.title,
                    "short_url": short_url(self.url(lesson)),
                    "content": self._render(handout_markdown(text, self.data.dialable()), lesson),
                    "evaluation": (sheets or {}).get(lesson.id),
                    "cards": self.card_sheet(lesson),
                    **self._fallback_attrs(fallback),
                }
            )
        html = self._page(
            "pack.html.j2",
            paper,
            self._footer(title),
            doc_title=title,
            description="",
            title=title,
            date=date,
            agenda=agenda,
            total=planned.total,
            folded=[
                self.t(key)
                for key, minutes in (
                    ("pack_folded_welcome", timing.welcome),
                    ("pack_folded_close", timing.close),
                )
                if minutes
            ],
            items=items,
            **self.way_back(self.hosts_page()),
            help=self.help(full=True, lessons=lessons),
        )
        return Document("pack", self.lang, paper, target, html)

    def _agenda_row(self, item: Item, start: int) -> dict[str, Any]:
        """One agenda row: clock times, what happens, and for a core version what to skip."""
        note, skipped = "", []
        if item.lesson is not None:
            text, _ = self.pages.text(item.lesson)
            if item.core:
                own = text.activities
                source = source_activities(item.lesson, self.pages.default)
                skipped = [(own[i] if i < len(own) else source[i]).title for i in item.skipped]
                note = self.t("pack_core")
            title = text.title
        else:
            title = self.t(f"pack_{item.kind}")
        return {
            "kind": item.kind,
            "start": clock(start + item.start),
            "title": title,
            "note": note,
            "skipped": skipped,
            "minutes": item.minutes,
            "end": clock(start + item.end),
        }

    def help(
        self,
        full: bool,
        lesson: Lesson | None = None,
        lessons: list[Lesson] = (),
        reader: str = "",
    ) -> dict[str, Any]:
        """The edition's countries, each under its name, then every other country's emergency
        number and main line: a sheet carried across a border still has a number that works.

        A handout shows its lesson's box (and every service the lesson names); a lesson plan
        shows the box of its `reader`, the adult who runs the lesson, with the services the
        lesson names; a pack's last page, for adults who refer others, shows every confirmed
        service, tip lines included, and every service its lessons name.
        """
        countries, default = self.language.countries, self.pages.default
        young = helplines.young_reader(lesson) and not reader
        if lesson is not None and reader:
            mentioned = helplines.named(
                self.data, helplines.lesson_text(lesson, self.lang, default)
            )
            groups = helplines.help_for(self.data, countries, reader, mentioned=mentioned)
        elif lesson is not None:
            groups = helplines.for_lesson(self.data, countries, lesson, self.lang, default)
        else:
            mentioned = [
                s
                for each in lessons
                for s in helplines.named(self.data, helplines.lesson_text(each, self.lang, default))
            ]
            groups = helplines.help_for(
                self.data, countries, "community", mentioned=mentioned, everything=full
            )

        def listed(each: list[helplines.CountryHelp]) -> list[tuple[str, list[dict[str, Any]]]]:
            return [
                (g.name(self.lang, default), [self._service(h, young) for h in g.services])
                for g in each
            ]

        audience = reader or (lesson.audience if lesson else "community")
        listed_here = [*countries, *(g.locale.code for g in groups)]
        others = helplines.elsewhere(self.data, listed_here, audience, young)
        return {"groups": listed(groups), "countries": listed(others)}

    def _service(self, h: Hotline, young: bool = False) -> dict[str, Any]:
        t = self.t
        keyword = h.keyword_in(self.lang)
        return {
            "name": h.name_in(self.lang),
            "purpose_label": purpose_label(t, h.purpose, young),
            "call": h.call,
            "text": h.text if keyword or not h.keywords else None,
            "text_label": t("help_text_keyword", keyword=keyword) if keyword else t("help_text"),
            "tty": h.tty,
            "chat": short_url(h.chat or ""),
            "hours_label": t("help_hours_24_7") if h.hours == "24/7" else "",
            "languages_label": t("help_languages", n=h.languages) if h.languages else "",
        }

    def _render(self, source: str, lesson: Lesson, blocks: bool = False) -> Markup:
        """Each text once per language: the letter and A4 documents show the same HTML."""
        rendered: dict[tuple[str, str, bool], Markup] = self.__dict__.setdefault("_rendered", {})
        key = (source, lesson.id, blocks)
        if key not in rendered:
            rendered[key] = self._convert(source, lesson, blocks)
        return rendered[key]

    def _convert(self, source: str, lesson: Lesson, blocks: bool) -> Markup:
        # A plan's Markdown holds its own title (h1); a handout's follows the template's.
        extensions: list[Any] = ["tables", "sane_lists", "md_in_html", Outline(1 if blocks else 2)]
        configs: dict[str, Any] = {}
        if blocks:
            t = self.t
            extensions += ["admonition", "pymdownx.details", "signpost.render.markdown_blocks"]
            configs["signpost.render.markdown_blocks"] = {
                "labels": {
                    "facilitator": t("facilitator_label"),
                    "activity": t("activity_label"),
                    "handout": t("handout_label"),
                    "minutes": t("minutes", n="{n}"),
                    "optional": t("activity_optional"),
                }
            }
        source = _BLANK.sub(_blank, source)
        html = markdown.markdown(source, extensions=extensions, extension_configs=configs)
        folder = posixpath.dirname(layout.student_page(lesson.id))
        return Markup(_HREF.sub(lambda m: self._href(m.group(1), folder), sanitize(html)))

    def _href(self, href: str, folder: str) -> str:
        """Links in print point at the live site, since a PDF has no folder to be relative to."""
        if not href or href.startswith("#") or _SCHEME.match(href) or not self.project.public_url:
            return f'href="{href}"'
        path, _, fragment = href.partition("#")
        resolved = posixpath.normpath(posixpath.join(folder, path))
        if resolved.endswith(".md"):
            resolved = layout.page_url(resolved)
        url = f"{self.project.public_url.rstrip('/')}/{self.lang}/{resolved}"
        return f'href="{url}{"#" + fragment if fragment else ""}"'


def plan_reader(lesson: Lesson) -> str:
    """Whose help box a lesson plan prints: the adult who runs the lesson. A teacher of a
    youth lesson gets the teachers' box (every line a young person may need, and more); a
    host of a community lesson, the community box."""
    return "community" if lesson.audience == "community" else "teachers"


class _Outline(Treeprocessor):
    def __init__(self, md: markdown.Markdown, top: int) -> None:
        super().__init__(md)
        self.top = top

    def run(self, root: Any) -> None:
        headings = [e for e in root.iter() if e.tag in _HEADINGS]
        if headings:
            shift = min(_HEADINGS[e.tag] for e in headings) - self.top
            last = self.top - 1
            for heading in headings:
                last = min(_HEADINGS[heading.tag] - shift, last + 1, 6)
                heading.tag = f"h{last}"
        for cell in root.iter("th"):
            if "scope" not in cell.attrib:
                cell.set("scope", "col")


_HEADINGS = {f"h{n}": n for n in range(1, 7)}


class Outline(Extension):
    """Headings that start at `top` and never skip a level, and column headers that say so.

    A screen reader lists a PDF's headings as its outline: a handout block written with
    `###` under the document's h1 would leave a gap there (PDF/UA, Matterhorn 14-003).
    Markdown tables have only a header row, so each of its cells heads a column.
    """

    def __init__(self, top: int) -> None:
        super().__init__()
        self.top = top

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's name)
        md.treeprocessors.register(_Outline(md, self.top), "signpost-outline", 1)


def _blank(match: re.Match[str]) -> str:
    wide = " long" if len(match.group(0)) >= 10 else ""
    return f'<span class="write-on{wide}"></span>'


def handout_markdown(text: LessonText, numbers: frozenset[str] = frozenset()) -> str:
    """The lesson's handout blocks, without a first heading that only repeats the title."""
    parts = [
        block_inner(text.body, text.body_line, b) for b in text.scan.blocks if b.name == "handout"
    ]
    source = neutralise("\n\n".join(parts), numbers).strip()
    first, _, rest = source.partition("\n")
    if re.sub(r"^#+\s*", "", first).strip().casefold() == text.title.strip().casefold():
        source = rest.strip()
    return source


_SUBTITLE = re.compile(r"\s*[:：]\s+|(?<=[?؟])\s+")


def short_name(title: str) -> str:
    """The title up to its subtitle (after a colon or a question mark), to mark each card:
    short enough for a corner, and still the lesson's name in the reader's language."""
    head = _SUBTITLE.split(title, maxsplit=1)[0].strip()
    return head if len(head) >= 8 else title


def short_url(url: str) -> str:
    return re.sub(r"^https?://", "", url)
