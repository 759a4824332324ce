"""`signpost serve`: every language previewed at once, rebuilt when its files change.

A plain `mkdocs serve` shows one language, so the language switcher leads to a 404,
and a lesson with an error leaves the browser waiting. This preview builds the HTML
of every language with the same code as `signpost build`, serves it on loopback,
rebuilds only the languages whose files changed, and shows the findings in the page
while a file is broken. Pages reload themselves after a rebuild.
"""

from __future__ import annotations

import functools
import html
import http.server
import os
import shutil
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ..build.build import LanguageBuild, build_languages
from ..build.site import write_root_files
from ..checks.pipeline import Checked, check_project
from ..findings import format_finding
from ..project import ConfigError, Project, load_project
from ..safety import state
from .incremental import MANIFEST, Record

VERSION_PATH = "/__signpost/version"
RELOAD_PATH = "/__signpost/reload.js"
# An external script, not an inline one: every built page's CSP allows only its own
# inline scripts, by hash, and this one is added after the build.
_RELOAD_JS = (
    "(function(){var v=null;setInterval(function(){fetch('"
    + VERSION_PATH
    + "').then(function(r){return r.text()}).then(function(t){if(v!==null&&t!==v)"
    "location.reload();v=t}).catch(function(){})},1000)})();\n"
)
_RELOAD = f'<script src="{RELOAD_PATH}"></script>'


class Preview:
    """The preview's state: the last good site, the findings that block the next one."""

    def __init__(
        self, project: Project, log: Callable[[str], None] = print, handouts: bool = False
    ) -> None:
        self.project = project
        self.handouts = handouts
        self.site = state.folder(project.root, "preview")
        """Outside the checkout: a quick rebuild starts from these pages and their record."""
        self.log = log
        self.version = 0
        self.problems: list[str] = []
        self.lock = threading.Lock()
        self.checked: Checked | None = None
        """The last check that passed; a quick rebuild checks only what changed since."""
        self.pending: set[Path] = set()
        """Files changed since the last good build: a rebuild that failed leaves them here."""
        self.pending_langs: set[str] = set()
        self.structural = False
        """Whether a file was added or removed since the last good build."""

    def watched(self) -> dict[Path, float]:
        """Modification times of every file that shapes the site."""
        project = self.project
        roots = [project.lessons_path, project.docs_path, project.data_path]
        roots += [project.root / "overrides"]
        times = {}
        for root in roots:
            if root.is_dir():
                for folder, _, names in os.walk(root):
                    for name in names:
                        path = Path(folder) / name
                        try:
                            times[path] = path.stat().st_mtime
                        except OSError:
                            continue
        for name in ("signpost.yml", "mkdocs.yml"):
            path = project.root / name
            if path.is_file():
                times[path] = path.stat().st_mtime
        return times

    def affected(self, changed: set[Path]) -> list[str]:
        """Languages a change can alter: a translation or its interface strings touch only
        their own language; anything else (an English source, shared data) touches all."""
        codes = self.project.codes
        default = self.project.default_language.code
        langs: set[str] = set()
        for path in changed:
            stem_lang = path.name.split(".")[-2] if path.name.count(".") >= 2 else None
            if path.parent.name == "strings" and path.stem in codes:
                langs.add(path.stem)
            elif stem_lang in codes and stem_lang != default:
                langs.add(stem_lang)
            else:
                return list(codes)
        return sorted(langs, key=codes.index)

    def edited_content(self) -> tuple[str, ...]:
        """What to check again after an edit that only changed lessons' files or site pages:
        each lesson's folder (its source and translations go together) and each page.
        () when the edit touched anything else (data, overrides, settings) or added or
        removed a file: that needs the full check and build."""
        root, lessons, docs = self.project.root, self.project.lessons_path, self.project.docs_path
        if self.structural or self.checked is None or not self.pending:
            return ()
        focus = set()
        for path in self.pending:
            if path.is_relative_to(lessons) and len(path.relative_to(lessons).parts) == 2:
                focus.add(path.parent.relative_to(root).as_posix())
            elif path.is_relative_to(docs) and path.suffix == ".md":
                focus.add(path.relative_to(root).as_posix())
            else:
                return ()
        return tuple(sorted(focus))

    def rebuild(
        self, languages: list[str], changed: set[Path] | None = None, gone_or_new: bool = True
    ) -> bool:
        """Check, then build `languages`; on findings, keep the last site.

        After an edit to lessons or site pages only, just those are checked again and
        just the pages they change are rendered (a quick rebuild); anything else, or a
        quick rebuild that fails, gets the full check and build.
        """
        started = time.perf_counter()
        self.pending |= changed or set()
        self.structural |= gone_or_new
        if self.project.root / "signpost.yml" in self.pending:
            if not self._read_config():
                return False
            languages = self.project.codes  # there may be new languages
        languages = [c for c in self.project.codes if c in self.pending_langs | set(languages)]
        self.pending_langs.update(languages)
        focus = self.edited_content()
        checked = check_project(self.project, focus=focus, previous=self.checked)
        if checked.report.errors:
            with self.lock:
                self.problems = [format_finding(f) for f in checked.report.sorted()]
                self.version += 1
            self.log(f"signpost: {len(checked.report.errors)} error(s); the page shows them")
            return False
        staging = {code: self.site / f".next-{code}" for code in languages}
        kinds = {code: "quick" if focus else "full" for code in languages}
        results = self._build(checked, staging, kinds)
        failed = [r for r in results if r.returncode != 0]
        if self.handouts and not failed:
            from ..handouts import HandoutError, build_handouts

            try:
                self.log(build_handouts(checked, staging).summary())
            except HandoutError as exc:
                self.log(f"signpost: {exc}")
        with self.lock:
            self.problems = [f"[{r.lang}] {r.output}" for r in failed]
            if not failed:
                for code, folder in staging.items():  # swap whole folders: no half-built page
                    shutil.rmtree(self.site / code, ignore_errors=True)
                    folder.rename(self.site / code)
                write_root_files(checked, self.site)
                self.checked = checked
                self.pending, self.pending_langs, self.structural = set(), set(), False
            self.version += 1
        took = time.perf_counter() - started
        quick = [code for code in languages if kinds[code] == "quick"]
        how = ""
        if quick and not failed:
            counts = [Record.load(self.site / code) for code in quick]
            rendered = sum(r.rendered for r in counts if r)
            pages = sum(len(r.keys) for r in counts if r)
            how = f", rendering only the {rendered} of {pages} pages the edit changed"
            how += f" in {', '.join(quick)}" if quick != languages else ""
        self.log(f"signpost: rebuilt {', '.join(languages)} in {took:.1f} s{how}")
        return not failed

    def _read_config(self) -> bool:
        """signpost.yml changed: read it again, or show why it cannot be read."""
        try:
            self.project = load_project(self.project.root)
        except ConfigError as exc:
            with self.lock:
                self.problems = [str(exc)]
                self.version += 1
            self.log(f"signpost: {exc}")
            return False
        return True

    def _build(
        self, checked: Checked, staging: dict[str, Path], kinds: dict[str, str]
    ) -> list[LanguageBuild]:
        """Build each language into its staging folder. A quick build starts from a copy of
        the language's last preview and, if it fails, is done again in full; `kinds` ends
        up saying which each language got."""
        for code, folder in staging.items():
            shutil.rmtree(folder, ignore_errors=True)
            if kinds[code] == "quick" and (self.site / code / MANIFEST).is_file():
                shutil.copytree(self.site / code, folder, symlinks=True)
            else:
                kinds[code] = "full"
        results = build_languages(checked, staging, False, self.handouts, preview=kinds)
        retry = {
            r.lang: staging[r.lang] for r in results if r.returncode and kinds[r.lang] == "quick"
        }
        for code, folder in retry.items():
            self.log(f"signpost: the quick rebuild of {code} did not work out; building it in full")
            shutil.rmtree(folder, ignore_errors=True)
            kinds[code] = "full"
        if retry:
            redone = build_languages(checked, retry, False, self.handouts, preview=kinds)
            results = [r for r in results if r.lang not in retry] + redone
        return results

    def watch(self, stop: threading.Event, interval: float = 0.25) -> None:
        seen = self.watched()
        while not stop.wait(interval):
            now = self.watched()
            changed = {p for p in now.keys() | seen.keys() if now.get(p) != seen.get(p)}
            if changed:
                gone_or_new = any(p not in now or p not in seen for p in changed)
                seen = now
                self.rebuild(self.affected(changed), changed, gone_or_new)

    def error_page(self) -> bytes:
        items = "".join(f"<pre>{html.escape(p)}</pre>" for p in self.problems)
        return (
            "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            "<title>Signpost: fix these to see the page</title>"
            "<style>body{font:16px/1.5 sans-serif;max-width:60rem;margin:2rem auto;"
            "padding:0 1rem}pre{white-space:pre-wrap;background:#fdecea;padding:.6rem}"
            "</style></head><body><h1>The preview is waiting for a fix</h1>"
            "<p>Signpost found these problems. Save the file once it is fixed: this page "
            "reloads by itself.</p>" + items + _RELOAD + "</body></html>"
        ).encode("utf-8")


class _Handler(http.server.SimpleHTTPRequestHandler):
    preview: Preview

    def log_message(self, format: str, *args: object) -> None:
        """Requests are not news; rebuilds and findings are logged instead."""

    def do_GET(self) -> None:  # noqa: N802
        if self.path == VERSION_PATH:
            return self._send(str(self.preview.version).encode(), "text/plain")
        if self.path == RELOAD_PATH:
            return self._send(_RELOAD_JS.encode(), "text/javascript")
        with self.preview.lock:
            problems = bool(self.preview.problems)
        if problems and (self.path.endswith("/") or self.path.endswith(".html")):
            return self._send(self.preview.error_page(), "text/html; charset=utf-8")
        if self.path.endswith("/") or self.path.endswith(".html"):
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if path.is_file():
                page = path.read_text(encoding="utf-8").replace("</body>", _RELOAD + "</body>")
                return self._send(page.encode("utf-8"), "text/html; charset=utf-8")
        return super().do_GET()

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def serve(
    project: Project,
    host: str,
    port: int,
    handouts: bool = False,
    log: Callable[[str], None] = print,
) -> None:
    """Build every language, then serve and rebuild until Ctrl+C or a stop signal."""

    def stop_serving(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop_serving)
    preview = Preview(project, log, handouts)
    shutil.rmtree(preview.site, ignore_errors=True)
    preview.site.mkdir(parents=True)
    preview.rebuild(project.codes)
    handler = functools.partial(_Handler, directory=str(preview.site))
    _Handler.preview = preview
    server = http.server.ThreadingHTTPServer((host, port), handler)
    stop = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop,), daemon=True)
    watcher.start()
    log(f"signpost: previewing {', '.join(project.codes)} at http://{host}:{port}/ (Ctrl+C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        log("signpost: preview stopped")
    finally:
        stop.set()
        server.server_close()
