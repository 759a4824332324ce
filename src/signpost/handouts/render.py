"""Turning documents into PDFs: WeasyPrint on every core, behind a content-addressed cache.

A PDF's cache key covers everything that shapes its bytes (the document's HTML,
which carries its CSS, language and paper size; the fonts; the WeasyPrint and pikepdf
versions; the code that renders and finishes it), so a rebuild with no change renders
nothing, and a cache kept between runs never hands back a PDF older code made.
The renderer may read only the bundled fonts and data: URIs: a lesson can never make the
build machine fetch a URL, read /etc/passwd or even the project's own files. So a PDF is a
function of its key alone, and a key another project of this user's has rendered is
copied from that project's cache instead of rendered again (`borrow`).
"""

from __future__ import annotations

import ctypes
import functools
import gc
import hashlib
import importlib.metadata
import os
import shutil
import signal
import stat
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from .. import stops
from . import fonts
from .document import Document

RENDER_VERSION = "2"
PANGO_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"


class HandoutError(Exception):
    """The PDFs cannot be made; the message says why and what to do."""


@dataclass
class Stats:
    rendered: int = 0
    cached: int = 0
    seconds: float = 0.0
    keys: set[str] = field(default_factory=set)
    order: list[str] = field(default_factory=list)
    """Each document's key, in the order the documents were given."""

    def summary(self) -> str:
        total = self.rendered + self.cached
        return (
            f"signpost: {total} PDF(s): {self.rendered} rendered, {self.cached} from the cache, "
            f"in {self.seconds:.1f} s"
        )


def weasyprint_version() -> str:
    """WeasyPrint's version, or a HandoutError naming the system packages it lacks."""
    try:
        import weasyprint
    except OSError as exc:  # cffi could not load Pango
        raise HandoutError(
            f"PDF handouts need Pango ({exc.__class__.__name__}: {exc}); "
            f"install it with: apt-get install {PANGO_PACKAGES}"
        ) from None
    return weasyprint.__version__


@functools.cache
def code_fingerprint() -> str:
    """This module's and the finishing pass's own source, and pikepdf's version: a change to
    how a PDF is made or finished renders it again, without anyone bumping a number."""
    digest = hashlib.sha256(importlib.metadata.version("pikepdf").encode())
    for name in ("render.py", "finish.py"):
        digest.update(Path(__file__).with_name(name).read_bytes())
    return digest.hexdigest()


def cache_key(doc: Document, version: str) -> str:
    digest = hashlib.sha256()
    parts = (RENDER_VERSION, version, code_fingerprint(), fonts.fingerprint())
    for part in (*parts, doc.kind, doc.lang, doc.paper):
        digest.update(part.encode() + b"\0")
    digest.update(doc.html.encode("utf-8"))
    return digest.hexdigest()


def _fetcher(roots: tuple[str, ...]):
    from weasyprint.urls import URLFetcher

    class LocalFetcher(URLFetcher):
        """Only data: URIs and files under `roots`; anything else is refused."""

        def fetch(self, url: str, headers: dict | None = None):
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme == "file":
                path = os.path.realpath(url2pathname(parts.path))
                if any(path.startswith(root + os.sep) for root in roots):
                    return super().fetch(url, headers)
            raise ValueError(f"handouts may only use the project's own files, not {url[:80]}")

    return LocalFetcher(allowed_protocols={"data", "file"}, fail_on_errors=False)


def render_pdf(html: str, roots: tuple[str, ...], identifier: bytes) -> bytes:
    """One tagged PDF (PDF/UA-1: /Lang, title, headings, lists, alt text), finished where
    WeasyPrint falls short (glyph text, header scope, running footers as artifacts)."""
    from weasyprint import HTML

    from .finish import finish

    document = HTML(
        string=html, base_url=fonts.FONT_DIR.as_uri() + "/", url_fetcher=_fetcher(roots)
    )
    return finish(document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=identifier))


def _work(job: tuple[str, tuple[str, ...], str]) -> bytes:
    html, roots, key = job
    return render_pdf(html, roots, key[:32].encode())


def _start_worker(folder: str, parent: int) -> None:
    """A pool worker's temporary files go in `folder`, which the render removes. A stop is
    the parent's to handle: Ctrl+C reaches the whole process group, and a worker that took
    it printed its own traceback; a SIGTERM or SIGHUP just ends it. On Linux it also ends
    when the build is killed outright (`kill -9`): it waited for work forever."""
    tempfile.tempdir = folder
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)
    try:
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux
        return
    if os.getppid() != parent:  # the build was gone before the request
        os.kill(os.getpid(), signal.SIGTERM)


_PR_SET_PDEATHSIG = 1
"""prctl(2): the signal this process gets when the thread that started it ends."""


def render(docs: list[tuple[Document, Path]], cache_dir: Path, jobs: int | None = None) -> Stats:
    """Write each document to its path, from the cache where possible, rendering the rest
    in parallel. Documents are independent, so a pool over all of them keeps every core busy.
    """
    start = time.perf_counter()
    # The installed version, without importing WeasyPrint (and Pango) when all is cached.
    version = importlib.metadata.version("weasyprint")
    cache_dir.mkdir(parents=True, exist_ok=True)
    roots = (os.path.realpath(fonts.FONT_DIR),)
    stats = Stats()
    todo: dict[str, str] = {}
    keyed = []
    for doc, path in docs:
        key = cache_key(doc, version)
        keyed.append((key, path))
        if (cache_dir / f"{key}.pdf").is_file() or borrow(cache_dir, key):
            stats.cached += 1
        elif key not in todo:
            todo[key] = doc.html
    if todo:
        weasyprint_version()  # names the missing system packages before any work starts
        workers = max(1, min(len(todo), jobs or os.cpu_count() or 1))
        items = [(html, roots, key) for key, html in todo.items()]
        # WeasyPrint copies a document's fonts into a temporary folder that only a garbage
        # collection removes, and a pool worker exits without one: the folders of its last
        # PDFs stayed in /tmp, 2.5 MB each. Workers put theirs in the render's own folder;
        # here, one collection at the end removes them.
        with tempfile.TemporaryDirectory(prefix="signpost-pdf-") as scratch:
            if workers == 1:
                _store(cache_dir, todo, map(_work, items))
                gc.collect()
            else:
                with ProcessPoolExecutor(
                    max_workers=workers, initializer=_start_worker, initargs=(scratch, os.getpid())
                ) as pool:
                    try:
                        with stops.deferred():  # a pool half started hangs the exit
                            results = pool.map(_work, items)
                        _store(cache_dir, todo, results)
                    except BaseException:  # a stop: the PDFs not yet begun are not begun
                        pool.shutdown(cancel_futures=True)
                        raise
        stats.rendered = len(keyed) - stats.cached
    place(cache_dir, keyed, stats)
    stats.seconds = time.perf_counter() - start
    return stats


def place(cache_dir: Path, keyed: list[tuple[str, Path]], stats: Stats) -> None:
    """Copy each cached PDF to its path, and record the keys in `stats` in that order."""
    for key, path in keyed:
        source = cache_dir / f"{key}.pdf"
        if not stat.S_ISREG(os.lstat(source).st_mode):
            raise HandoutError(f"{source} is not a plain file; delete {cache_dir} and build again")
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, path)
    stats.order = [key for key, _ in keyed]
    stats.keys = set(stats.order)


def borrow(cache_dir: Path, key: str) -> bool:
    """Copy `key`'s PDF from another project's cache beside this one, if one has it.

    Safe because the key hashes every input the bytes depend on and the renderer reads
    nothing else (see the module's docstring); only a plain file of this user's is taken,
    and it is copied, so the other project pruning its cache takes nothing from this one.
    """
    name = f"{key}.pdf"
    for other in sorted(cache_dir.parent.parent.glob(f"*/{cache_dir.name}/{name}")):
        try:
            info = os.lstat(other)
        except OSError:
            continue
        if other.parent == cache_dir or not stat.S_ISREG(info.st_mode):
            continue
        if info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            continue
        tmp = cache_dir / f".{key}.{os.getpid()}.tmp"
        shutil.copyfile(other, tmp)
        tmp.replace(cache_dir / name)
        return True
    return False


def _store(cache_dir: Path, todo: dict[str, str], results) -> None:
    for key, pdf in zip(todo, results, strict=True):
        tmp = cache_dir / f".{key}.{os.getpid()}.tmp"
        tmp.write_bytes(pdf)
        tmp.replace(cache_dir / f"{key}.pdf")


def prune(cache_dir: Path, keep: set[str]) -> None:
    """Drop cached PDFs that no current document uses, so the cache does not grow forever."""
    for path in cache_dir.glob("*.pdf"):
        if path.stem not in keep:
            path.unlink(missing_ok=True)
