"""The MkDocs adapter: the only module that imports MkDocs.

It turns one MkDocs build into one language's site: it runs the core's checks,
adds the derived pages as virtual files, picks the language's docs pages and
hands templates what they need. Core errors become `PluginError` here and only here.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from .. import layout, theme
from ..build import handoff
from ..build.site import write_root_files
from ..checks.pipeline import Checked, check_project, handed_down
from ..content.docs_pages import docs_pages
from ..content.translations import status
from ..data.strings import strings_for
from ..findings import format_report
from ..preview import incremental
from ..project import ConfigError, Project, load_project
from ..render.footer import made_with_html
from ..render.lesson_pages import json_ld, plan_page, student_page
from ..render.pageset import PageSet, untranslated
from ..render.quick_exit import quick_exit_html
from ..render.site_pages import catalogue_page, expand_directives, status_page
from ..safety import page_header, state
from ..safety.csp import UnknownScript, inline_scripts, protect
from ..safety.files import ASSET_TYPES, THEME_ASSETS, inside
from ..safety.markup import neutralise
from ..safety.sanitize import sanitize
from ..theme import offline, search_index, theme_css
from ..theme.a11y import ThemeChanged, repair_theme, scroll_regions

log = get_plugin_logger(__name__)
_TAG = re.compile(r"<[^<>]*>")


def _escaped_text(value: str) -> str:
    """Material prints titles and descriptions unescaped: hand it text that is safe as HTML."""
    return html.escape(html.unescape(_TAG.sub("", value)), quote=True)


def _escape_toc(items: Any) -> None:
    for item in items or []:
        item.title = _escaped_text(item.title or "")
        _escape_toc(item.children)


def _drop_unsafe(files: Files, project: Project) -> None:
    """Never publish a docs/ file that is a link, lies outside the project or could run script.

    `check` already refuses these; this keeps a plain `mkdocs build` safe as well.
    """
    docs = project.docs_path
    for file in list(files):
        src = Path(file.abs_src_path or "")
        if not file.abs_src_path or not src.is_relative_to(docs):
            continue  # the theme's own files
        theme_asset = src.relative_to(docs).parts[0] == THEME_ASSETS
        allowed = src.suffix == ".md" or src.suffix.lower() in ASSET_TYPES or theme_asset
        if src.is_symlink() or not inside(project, src) or not allowed:
            files.remove(file)


def _add_engine_theme(config: Any) -> None:
    """The engine's templates and assets ship in the package, so an installed Signpost can
    build a site. They sit after the project's `custom_dir` and before Material, and a file
    of the same name in `docs/` is published instead of the theme's (MkDocs' own rule), so
    a project overrides any of them by writing its own. Its CSS and scripts come first in
    `extra_css`/`extra_javascript`, unless the project lists them itself. Signpost's logo
    and favicon replace Material's unless the project's `theme:` names its own."""
    dirs = config.theme.dirs
    if theme.THEME_DIR not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, theme.THEME_DIR)
    if not config.theme.get("logo"):
        config.theme["logo"] = theme.LOGO
    if config.theme.get("favicon") in (None, theme.MATERIAL_FAVICON):
        config.theme["favicon"] = theme.FAVICON
    listed = {str(getattr(item, "path", item)) for item in config.extra_css}
    config.extra_css[:0] = [css for css in theme.EXTRA_CSS if css not in listed]
    listed = {str(getattr(item, "path", item)) for item in config.extra_javascript}
    config.extra_javascript[:0] = [js for js in theme.EXTRA_JAVASCRIPT if js not in listed]


class SignpostConfig(Config):
    project_dir = c.Optional(c.Type(str))
    """Folder holding signpost.yml; defaults to the folder of mkdocs.yml."""
    language = c.Optional(c.Type(str))
    """Language to build; defaults to the one `signpost build` or `serve` hands this build
    (`build/handoff.py`), then the project's default language."""


class SignpostPlugin(BasePlugin[SignpostConfig]):
    serving = False
    dirty = False
    before: incremental.Record | None = None
    before_index: dict | None = None

    def on_startup(self, command: str, dirty: bool) -> None:
        """`mkdocs serve` injects an inline livereload call that changes per request."""
        self.serving = command == "serve"
        self.dirty = dirty

    @event_priority(100)
    def on_config(self, config: Any) -> Any:
        """Runs before the search plugin, so search indexes in this build's language."""
        root = self.config.project_dir or os.path.dirname(config.config_file_path)
        try:
            self.handoff = handoff.read(Path(root).resolve()) or handoff.Handoff()
        except handoff.HandoffError as exc:
            raise PluginError(f"signpost: {exc}") from None
        given = self.handoff
        try:
            project = load_project(root, given.site_url or None)
        except ConfigError as exc:
            raise PluginError(str(exc)) from None
        lang = self.config.language or given.lang or project.default_language.code
        if lang not in project.codes:
            raise PluginError(f"signpost: language `{lang}` is not in signpost.yml")
        # `signpost build` and `serve` check once and hand the result to every language.
        checked = handed_down(given.checked_path(), project.root) or check_project(project)
        if checked.report.errors:
            raise PluginError("\n" + format_report(checked.report))
        self.checked: Checked = checked
        self.lang = project.language(lang)
        t = strings_for(project, checked.data, lang)
        self.pages = PageSet(
            project,
            checked.data,
            checked.lessons,
            status(project, checked.files),
            lang,
            t,
            handouts=given.handouts,
            offline=given.offline == "zips",
        )
        default_site = os.path.join(os.path.dirname(config.config_file_path), "site")
        plain_build = os.path.abspath(config.site_dir) == os.path.abspath(default_site)
        if plain_build:
            config.site_dir = os.path.join(default_site, lang)
        if project.site_url and (plain_build or given.orchestrated):
            # `mkdocs serve` mounts the preview at the root, so its site_url stays as given.
            config.site_url = project.site_url.rstrip("/") + f"/{lang}/"
        config.theme["language"] = lang
        config.theme["direction"] = self.lang.dir
        _add_engine_theme(config)
        self._search_in_language(config, lang)
        config.site_description = html.escape(t("site_description"))
        config.extra["alternate"] = len(project.codes) > 1
        if given.offline == "build":
            # One language per zip: the switcher would lead nowhere, and search must run from disk.
            config.extra["alternate"] = False
            config.extra["signpost_offline"] = True
        labels = {
            "facilitator": t("facilitator_label"),
            "activity": t("activity_label"),
            "handout": t("handout_label"),
            "minutes": t("minutes", n="{n}"),
            "optional": t("activity_optional"),
        }
        config.mdx_configs.setdefault("signpost.render.markdown_blocks", {}).update(
            labels=labels, lang=lang, dir=self.lang.dir
        )
        if "signpost.render.markdown_blocks" not in config.markdown_extensions:
            config.markdown_extensions.append("signpost.render.markdown_blocks")
        if config.nav:
            config.nav = self._translate_nav(config.nav, t)
        return config

    def _search_in_language(self, config: Any, lang: str) -> None:
        """Search with lunr's support for this language where it has one (stop words).

        Material takes it from the theme's language file, which names none for Arabic.
        A `lang` set in mkdocs.yml is left alone.
        """
        search = config.plugins.get("material/search")
        if search is None or search.config.lang:
            return
        lunr = "assets/javascripts/lunr/min/lunr.{}.min.js"
        if lang == "en" or any(
            os.path.isfile(os.path.join(folder, lunr.format(lang))) for folder in config.theme.dirs
        ):
            search.config.lang = [lang]

    def _translate_nav(self, nav: list[Any], t: Any) -> list[Any]:
        out = []
        for item in nav:
            if isinstance(item, dict):
                out.append(
                    {
                        (
                            html.escape(t("nav_" + k.lower().replace(" ", "_")))
                            if isinstance(v, list)
                            else k
                        ): (self._translate_nav(v, t) if isinstance(v, list) else v)
                        for k, v in item.items()
                    }
                )
            else:
                out.append(item)
        return out

    def on_env(self, env: Any, config: Any, files: Files) -> Any:
        """Material's templates compiled once, not once per language and build (~1 s each).

        The cache is keyed by each template's source, like the PDF cache by content. Jinja
        loads its files as code, so they live outside the checkout (`state`), never in it.
        """
        cache = state.folder(self.pages.project.root, "templates")
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache))
        self.env = env
        self.script_partials = sorted(
            name for name in env.list_templates() if name.startswith("partials/javascripts/")
        )
        self.theme_scripts: dict[str, frozenset[str]] = {}
        titles = self.before.titles if self.before else {}
        for page in self.nav_pages if self.before else []:
            title = titles.get(page.file.src_uri)
            if page.file.src_uri in self.rendered and title is not None and page.title != title:
                # Every page shows the navigation, and only some are being rendered.
                raise PluginError("signpost: a title in the navigation changed; build in full")
        return env

    def on_files(self, files: Files, config: Any) -> Files:
        project = self.pages.project
        _drop_unsafe(files, project)
        pages = docs_pages(project)
        translated = {p.virtual for p in pages if p.lang == self.lang.code}
        self.untranslated = {p.virtual for p in pages} - translated
        for page in pages:
            if page.virtual == page.path.relative_to(project.docs_path).as_posix():
                continue
            variant = files.get_file_from_path(page.path.relative_to(project.docs_path).as_posix())
            if variant is not None:
                files.remove(variant)
            if page.lang == self.lang.code:
                original = files.get_file_from_path(page.virtual)
                if original is not None:
                    files.remove(original)
                files.append(File.generated(config, page.virtual, abs_src_path=str(page.path)))
        self.lesson_of = {}
        for lesson in self.pages.lessons:
            for uri, render in (
                (layout.student_page(lesson.id), student_page),
                (layout.plan_page(lesson.id), plan_page),
            ):
                files.append(File.generated(config, uri, content=render(self.pages, lesson)))
                self.lesson_of[uri] = lesson
            for asset in lesson.assets:
                files.append(
                    File.generated(
                        config,
                        f"lessons/{lesson.id}/{asset}",
                        abs_src_path=str(lesson.folder / asset),
                    )
                )
        files.append(File.generated(config, layout.CATALOGUE, content=catalogue_page(self.pages)))
        files.append(
            File.generated(config, layout.TRANSLATION_STATUS, content=status_page(self.pages))
        )
        return files

    def on_nav(self, nav: Any, config: Any, files: Files) -> Any:
        """Key every page; a quick rebuild (`--dirty`, from the preview) renders only
        the pages whose key changed, and any other `--dirty` build renders them all."""
        self.titles: dict[str, str] = {}
        if not (self.dirty or self.handoff.preview):
            return nav
        self.nav_pages = list(nav.pages)
        docs = files.documentation_pages()
        self.files_in_order = docs
        self.keys = {f.src_uri: self._page_key(f, config) for f in docs}
        if not self.dirty:
            return nav
        before = incremental.Record.load(Path(config.site_dir))
        if before is not None and before.keys.keys() != self.keys.keys():
            before = None  # pages came or went: render them all
        self.before = before
        # Read now: the search plugin writes this build's index, of the rendered pages only.
        self.before_index = search_index.load(Path(config.site_dir)) if before else None
        keys, titles = (before.keys, before.titles) if before else ({}, {})
        for f in files:
            if f.src_uri.startswith("assets/stylesheets/"):
                f.is_modified = lambda: True  # theme_css cuts it from the theme's whole sheet
        for f in docs:
            same = keys.get(f.src_uri) == self.keys[f.src_uri]
            f.is_modified = (lambda: False) if same else (lambda: True)
            if same and f.page is not None:  # in the nav: other pages show its title
                f.page.read_source(config)
                f.page.title = titles.get(f.src_uri, f.page.title)
        self.rendered = {f.src_uri for f in docs if f.is_modified()}
        log.info("quick rebuild: %d of %d pages changed", len(self.rendered), len(docs))
        return nav

    def _page_key(self, file: File, config: Any) -> str:
        """Everything Signpost feeds the theme for this page, as one hash."""
        text = file.content_string
        lesson = self.lesson_of.get(file.src_uri)
        if lesson is not None:
            return incremental.page_key(text, json_ld(self.pages, lesson, self._url(file, config)))
        return incremental.page_key(text, self._markdown(text, file))

    @staticmethod
    def _url(file: File, config: Any) -> str:
        return (config.site_url or "") + file.url

    def _markdown(self, markdown: str, file: File) -> str:
        """A site page's Markdown as Signpost hands it to MkDocs."""
        if file.abs_src_path:  # a contributed page, not one Signpost generated
            markdown = neutralise(markdown, self.pages.data.dialable())
        markdown = expand_directives(self.pages, markdown, file.src_uri)
        if file.src_uri in self.untranslated:
            markdown = untranslated(self.pages, markdown)
        return markdown

    def _source_of(self, file: File) -> str:
        """The file a page comes from, as an author knows it."""
        lesson = self.lesson_of.get(file.src_uri)
        if lesson is not None:
            text = lesson.texts.get(self.lang.code) or next(iter(lesson.texts.values()))
            return text.rel
        src = Path(file.abs_src_path or file.src_uri)
        root = self.pages.project.root
        return src.relative_to(root).as_posix() if src.is_relative_to(root) else file.src_uri

    def _guard_render(self, page: Any) -> None:
        """A page Markdown cannot render stops the build naming its file, not with a traceback.

        `check` refuses what is known to crash or stall Python-Markdown; this catches the rest.
        """
        render = page.render
        source = self._source_of(page.file)

        def guarded(config: Any, files: Files) -> None:
            try:
                render(config, files)
            except PluginError:
                raise
            except RecursionError:
                raise PluginError(
                    f"signpost: {source}: Markdown nested too deeply to render; "
                    "split its lists, quotes and blocks"
                ) from None
            except Exception as exc:  # noqa: BLE001 - any failure must name the file
                reason = str(exc).splitlines()[0] if str(exc) else ""
                raise PluginError(
                    f"signpost: {source}: could not render the page "
                    f"({type(exc).__name__}{': ' + reason if reason else ''})"
                ) from None

        page.render = guarded

    def on_page_read_source(self, page: Any, config: Any) -> str | None:
        """A site page reaches MkDocs with a header rebuilt from its checked, escaped values
        (`page_header`), never its own: unknown keys, such as `template:`, are left out."""
        if not page.file.abs_src_path:
            return None  # a page Signpost generated
        path = Path(page.file.abs_src_path)
        header = page_header.read(path.read_text(encoding="utf-8"))
        if header.problem is not None:
            rel = path.relative_to(self.pages.project.root).as_posix()
            raise PluginError(f"signpost: {rel}:{header.problem.line}: {header.problem.problem}")
        return page_header.for_mkdocs(header)

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Files) -> str:
        self._guard_render(page)
        lesson = self.lesson_of.get(page.file.src_uri)
        if lesson is not None:
            page.meta["signpost_jsonld"] = json_ld(self.pages, lesson, self._url(page.file, config))
            return markdown
        return self._markdown(markdown, page.file)

    def on_page_content(self, html_text: str, page: Any, config: Any, files: Files) -> str:
        """Every page's content is cleaned; every title the theme prints raw is escaped."""
        page.title = _escaped_text(page.title or "")
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key] = _escaped_text(page.meta[key])
        if page.is_homepage and page.title == _escaped_text(config.site_name):
            # Material would title it "Signpost - Signpost" and list "Signpost" twice in
            # the sidebar: the page keeps the site's name as its heading, the nav says Home.
            page.meta.pop("title", None)
            page.title = html.escape(self.pages.t("nav_home"))
            if "<h1" not in html_text:
                html_text = f"<h1>{html.escape(config.site_name)}</h1>\n{html_text}"
        _escape_toc(page.toc)
        self.titles[page.file.src_uri] = page.title
        return scroll_regions(sanitize(html_text), self.pages.t("table_label"))

    def on_page_context(
        self, context: dict[str, Any], page: Any, config: Any, nav: Any
    ) -> dict[str, Any]:
        base = context.get("base_url") or "."
        context["sp_alternates"] = [
            {
                "lang": lang.code,
                "name": lang.name,
                "dir": lang.dir,
                "href": posixpath.join(base, "..", lang.code, page.url),
                "current": lang.code == self.lang.code,
            }
            for lang in self.pages.project.languages
        ]
        context["sp_lang"] = self.lang
        context["sp_exit"] = self._exit(base)
        context["sp_made_with"] = made_with_html(self.pages.t, self.lang.code)
        self.allowed = self._theme_scripts(context, config)
        return context

    def _theme_scripts(self, context: dict[str, Any], config: Any) -> frozenset[str]:
        """The inline scripts the theme's own script partials write into a page at this
        depth (they name `base_url`), rendered before any of the page's content is there:
        the only inline scripts a page's policy may allow."""
        base = str(context.get("base_url"))
        if base not in self.theme_scripts:
            values = {**context, "features": config.theme.get("features") or []}
            text = "".join(self.env.get_template(n).render(values) for n in self.script_partials)
            self.theme_scripts[base] = frozenset(inline_scripts(text))
        return self.theme_scripts[base]

    def _exit(self, base: str) -> str:
        return quick_exit_html(self.pages.project, self.pages.t, self.lang.code, base)

    def on_template_context(
        self, context: dict[str, Any], template_name: str, config: Any
    ) -> dict[str, Any]:
        """The theme's 404 page has no page context, but needs the quick exit too."""
        context["sp_exit"] = self._exit(context.get("base_url") or ".")
        context["sp_made_with"] = made_with_html(self.pages.t, self.lang.code)
        self.allowed = self._theme_scripts(context, config)
        return context

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        if page.file.abs_src_path:
            where = Path(page.file.abs_src_path).relative_to(self.pages.project.root).as_posix()
        else:
            where = page.file.src_uri
        return self._finish(output, where)

    def on_post_template(self, output: str, template_name: str, config: Any) -> str:
        """The theme's 404 page is rendered as a template, not a page; finish it too."""
        return self._finish(output, template_name) if template_name.endswith(".html") else output

    def _finish(self, output: str, where: str) -> str:
        """Each finished page gets its own CSP (hashes of the theme's inline scripts only)
        and referrer; a page holding any other inline script fails the build."""
        try:
            output = repair_theme(output, self.pages.t("search_label"), self.pages.t("menu_label"))
        except ThemeChanged as exc:
            raise PluginError(f"signpost: {where}: {exc}") from None
        if self.serving:
            return output
        try:
            return protect(output, self.allowed)
        except UnknownScript as exc:
            raise PluginError(
                f"signpost: {where}: {exc}. Only the theme's own inline scripts may run; "
                "a script belongs in a file under docs/assets/"
            ) from None

    def on_post_build(self, config: Any) -> None:
        missing = sorted(self.pages.t.missing)
        if missing:
            log.warning(
                "untranslated interface strings in %s: %s", self.lang.code, ", ".join(missing)
            )
        site_dir = Path(config.site_dir)
        edits = []
        if self.before is not None and self.before_index is not None:
            # Search names a page by its URL, which for the home page is "" (not the file's "./").
            order = [f.page.url for f in self.files_in_order if f.page is not None]
            shown = {f.page.url for f in self.files_in_order if f.src_uri in self.rendered}
            old = self.before_index
            edits.append(lambda index: incremental.merge_index(index, old, order, shown))
        if self.handoff.preview:
            titles = dict(self.before.titles) if self.before else {}
            titles.update(self.titles)
            rendered = len(self.rendered) if self.before else len(self.keys)
            incremental.Record(self.keys, titles, rendered=rendered).save(site_dir)
        offline_copy = bool(config.extra.get("signpost_offline"))
        if offline_copy:
            edits.append(offline.file_locations)
        index_json = search_index.compact(site_dir, *edits)
        theme_css.prune_theme(site_dir)
        if offline_copy:
            offline.prepare(site_dir, index_json)
        if self.handoff.orchestrated:
            return
        if self.pages.handouts:
            self._render_handouts(site_dir)
        if site_dir.name == self.lang.code:
            write_root_files(self.checked, site_dir.parent)

    def _render_handouts(self, site_dir: Path) -> None:
        """For a preview or plain build that asked for PDFs: this language's, from the cache."""
        from ..handouts import HandoutError, build_handouts

        try:
            stats = build_handouts(self.checked, {self.lang.code: site_dir})
        except HandoutError as exc:
            raise PluginError(f"signpost: {exc}") from None
        log.info(stats.summary().removeprefix("signpost: "))

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        project = self.pages.project
        for folder in (project.lessons_path, project.data_path, project.root / "signpost.yml"):
            if folder.exists():
                server.watch(str(folder))
        return server
