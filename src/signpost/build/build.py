"""The full build: check once, build every language in its own process, then swap into place.

Each language is an ordinary `mkdocs build` into a staging folder, run in
parallel on the machine's cores. `site/` is replaced only when every language
built, so a failed or stopped build leaves the previous site exactly as it was.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from .. import layout, stops
from ..checks.pipeline import Checked, check_project, save_checked
from ..findings import format_report
from ..project import load_project
from ..theme import offline
from .handoff import Handoff, environment, write
from .site import write_root_files

STOPPED = "signpost: build stopped; the previous site/ was left as it was"
"""What a build that ends early says: an error, a failed language or a stop."""


@dataclass(frozen=True)
class LanguageBuild:
    lang: str
    returncode: int
    output: str


class _Children:
    """The language builds running now, so that a stop ends them too instead of leaving
    them to write into a staging folder nobody will use (a stop reaches only the parent
    when it comes from `kill`, a container's stop or a wrapper's `terminate()`)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: set[subprocess.Popen[str]] = set()
        self._stopped = False

    def run(self, cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str]:
        with self._lock:
            if self._stopped:
                return -signal.SIGTERM, ""
            proc = subprocess.Popen(
                cmd, cwd=cwd, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
            self._running.add(proc)
        try:
            out, err = proc.communicate()
        finally:
            with self._lock:
                self._running.discard(proc)
        return proc.returncode, out + err

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            for proc in self._running:
                proc.terminate()


def _build_language(
    root: Path,
    dest: Path,
    strict: bool,
    private: Path,
    handoff: Handoff,
    children: _Children,
    quick: bool = False,
) -> LanguageBuild:
    env = environment(write(private, handoff))
    cmd = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "-q",
        "-f",
        str(root / "mkdocs.yml"),
        "-d",
        str(dest),
    ]
    if strict:
        cmd.append("--strict")
    if quick:
        cmd.append("--dirty")
    returncode, output = children.run(cmd, root, env)
    return LanguageBuild(handoff.lang, returncode, output.strip())


def build_languages(
    checked: Checked,
    folders: dict[str, Path],
    strict: bool = True,
    handouts: bool = False,
    jobs: int | None = None,
    offline: str = "",
    preview: dict[str, str] | None = None,
) -> list[LanguageBuild]:
    """One `mkdocs build` per language into `folders[lang]`, in parallel on the cores.

    `offline` is "zips" for a site that links to its offline copies, "build" for a copy.
    `preview` is for `signpost serve`: per language, "full", or "quick" for a folder that
    holds that language's last preview, of which only the changed pages are rendered.
    """
    preview = preview or {}
    root = checked.project.root
    given_url = checked.project.site_url if checked.project.site_url_given else ""
    workers = max(1, min(len(folders), jobs or os.cpu_count() or 1))
    # Each language's build reads this check instead of repeating it. It is written to a
    # private folder made for this build alone: never in the checkout, where a pull request
    # could leave a file at the same name for the builds to unpickle.
    private = Path(tempfile.mkdtemp(prefix="signpost-check-"))
    handed = private / "checked.pickle"
    save_checked(checked, handed)
    children = _Children()
    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            try:
                with stops.deferred():  # a pool half started hangs the exit (see stops)
                    results = pool.map(
                        lambda code: _build_language(
                            root,
                            folders[code],
                            strict,
                            private,
                            Handoff(
                                lang=code,
                                orchestrated=True,
                                handouts=handouts,
                                offline=offline,
                                preview=bool(preview.get(code)),
                                site_url=given_url,
                                checked=str(handed),
                            ),
                            children,
                            quick=preview.get(code) == "quick",
                        ),
                        folders,
                    )
                return list(results)
            except BaseException:  # Ctrl+C or a stop signal (see stops)
                pool.shutdown(wait=False, cancel_futures=True)
                children.stop()
                raise
    finally:
        shutil.rmtree(private, ignore_errors=True)


def build_site(
    root: Path,
    strict: bool = True,
    jobs: int | None = None,
    languages: list[str] | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
    handouts: bool = True,
    offline: bool = False,
    site_url: str | None = None,
) -> int:
    """Build the site; with `handouts`, also every PDF, after the HTML and from the cache;
    with `offline`, also a zip per language that works opened from disk. `site_url`
    (`--site-url`) replaces signpost.yml's address for this build."""
    out, err = out or sys.stdout, err or sys.stderr
    checked = check_project(load_project(root, site_url))
    project = checked.project
    if checked.report.findings:
        print(format_report(checked.report), file=err)
    if checked.report.errors:
        print(STOPPED, file=err)
        return 1
    codes = languages or project.codes
    for done in _clear_leftovers(project.root, project.site_path):
        print(f"signpost: {done}, left by a build that was killed", file=out)
    staging = project.root / f".site-staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        folders = {code: staging / code for code in codes}
        known, prepared = _prepare_handouts(checked, codes) if handouts else (None, None)
        results = build_languages(
            checked, folders, strict, handouts, jobs, "zips" if offline else ""
        )
        for r in results:
            if r.output:
                print(f"[{r.lang}] {r.output}", file=err if r.returncode else out)
        if _failed(results, "build", err):
            return 1
        if handouts:
            from ..handouts import HandoutError, build_handouts, missing_address

            try:
                docs = prepared.result() if prepared else None
                stats = build_handouts(checked, {c: staging / c for c in codes}, jobs, docs, known)
            except HandoutError as exc:
                print(f"signpost: {exc}", file=err)
                print(STOPPED, file=err)
                return 1
            print(stats.summary(), file=out)
            if missing_address(project):
                print(missing_address(project), file=err)
        if offline and not _offline_zips(checked, staging, codes, strict, handouts, jobs, out, err):
            return 1
        kept = _keep_other_languages(project.site_path, staging, project.codes, codes)
        missing = [c for c in project.codes if not (staging / c).is_dir()]
        if kept:
            print(f"signpost: kept {', '.join(kept)} from the previous site/", file=out)
        if missing:
            print(
                f"signpost: site/ has no {', '.join(missing)} yet; the language chooser links "
                "to it. Run signpost build without --lang for a complete site.",
                file=err,
            )
        write_root_files(checked, staging, handouts, offline)
        _swap(staging, project.site_path)
    except (KeyboardInterrupt, stops.Stopped):
        print(STOPPED, file=err)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(
        f"signpost: built {len(codes)} language(s), {len(checked.lessons)} lessons "
        f"into {project.site_path}",
        file=out,
    )
    return 0


def _failed(results: list[LanguageBuild], what: str, err: TextIO) -> bool:
    """Name the languages whose `what` failed, if any did; the site is then left alone."""
    names = [r.lang for r in results if r.returncode != 0]
    if names:
        print(
            f"signpost: {what} failed for {', '.join(names)}; "
            "the previous site/ was left as it was",
            file=err,
        )
    return bool(names)


def _offline_zips(
    checked: Checked,
    staging: Path,
    codes: list[str],
    strict: bool,
    handouts: bool,
    jobs: int | None,
    out: TextIO,
    err: TextIO,
) -> bool:
    """Build each language again as its offline copy, with the PDFs just made, and zip it."""
    copies = staging / ".offline"
    folders = {code: copies / code for code in codes}
    results = build_languages(checked, folders, strict, handouts, jobs, "build")
    for r in results:
        if r.returncode:
            print(f"[{r.lang}] {r.output}", file=err)
    if _failed(results, "offline copy", err):
        return False
    sizes = []
    for code in codes:
        if handouts and (staging / code / layout.HANDOUTS).is_dir():
            shutil.copytree(staging / code / layout.HANDOUTS, folders[code] / layout.HANDOUTS)
        size = offline.write_zip(
            folders[code], staging / code / layout.offline_zip(code), f"signpost-{code}"
        )
        sizes.append(f"{code} {size / 1e6:.1f} MB")
    shutil.rmtree(copies)
    print(f"signpost: offline zips: {', '.join(sizes)}", file=out)
    return True


def _prepare_handouts(checked: Checked, codes: list[str]) -> tuple[Any, Future[list[Any]] | None]:
    """The PDFs' inputs, and their HTML worked out while the language builds run in their
    own processes: this one only waits for them, and a warm cache then has nothing left to
    do but copy. No HTML when no input of any PDF changed since the last build."""
    from ..handouts import documents, inputs

    known = inputs(checked, codes)
    if known.last is not None:
        return known, None
    with stops.deferred():
        pool = ThreadPoolExecutor(max_workers=1)
        future = pool.submit(documents, checked, codes)
        pool.shutdown(wait=False)
    return known, future


def _keep_other_languages(
    site: Path, staging: Path, every: list[str], built: list[str]
) -> list[str]:
    """A build of some languages leaves the others as the previous build made them."""
    kept = []
    for code in every:
        if code not in built and (site / code).is_dir():
            shutil.copytree(site / code, staging / code, symlinks=True)
            kept.append(code)
    return kept


def _swap(staging: Path, site: Path) -> None:
    """Replace `site` with `staging` using renames, so readers never see half a site.

    A stop waits until both renames are done; if the second fails, the previous site/
    is put back rather than leaving none.
    """
    old = site.with_name(f".site-old-{os.getpid()}")
    try:
        with stops.deferred():
            if site.exists():
                site.rename(old)
            staging.rename(site)
    except BaseException:
        if old.is_dir() and not site.exists():
            old.rename(site)
        raise
    shutil.rmtree(old, ignore_errors=True)


_LEFTOVER = re.compile(r"\.site-(?:staging|old)-([0-9]{1,7})")


def _clear_leftovers(root: Path, site: Path) -> list[str]:
    """Tidy what builds that no longer run left behind: one killed outright (SIGKILL, a
    power cut) had no chance to. A build killed between `_swap`'s renames left no site/
    and the previous one as `.site-old-*`, which is put back. Folders of a build running
    now in the same project are left alone. Runs after the check, which refuses a
    project that commits any `.site-*` (safety.state)."""
    done = []
    for folder in dict.fromkeys((root, site.parent)):
        for path in sorted(folder.glob(".site-*")):
            found = _LEFTOVER.fullmatch(path.name)
            if not found or _running(int(found[1])) or path.is_symlink() or not path.is_dir():
                continue
            if path.name.startswith(".site-old-") and not site.exists():
                path.rename(site)
                done.append(f"put back {site.name}/ from {path.name}")
            else:
                shutil.rmtree(path, ignore_errors=True)
                done.append(f"removed {path.name}")
    return done


def _running(pid: int) -> bool:
    """Whether process `pid` is alive. A build killed outright stays a zombie until its
    parent reaps it, which a container's or CI runner's first process may do late: seen
    here, its staging folder outlived the next build."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):  # no /proc: take it as running
        return True
    return state != "Z"
