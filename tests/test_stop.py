"""A build stopped part-way, as `kill`, a cancelled CI job or a closed terminal stops it:
the previous site stays, and nothing is left in the project, in /tmp or running."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_serve import _until

from signpost import stops
from signpost.build.build import _clear_leftovers


def _group(pgid: int) -> dict[int, str]:
    """Living processes in process group `pgid`, with their command lines."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, ValueError):
            continue
        if fields[0] != "Z" and int(fields[2]) == pgid:
            found[int(entry.name)] = command
    return found


@pytest.mark.parametrize(
    ("phase", "signum", "to"),
    [
        ("pages", signal.SIGTERM, "signpost"),
        ("handouts", signal.SIGTERM, "signpost"),
        ("pages", signal.SIGHUP, "signpost"),
        ("handouts", signal.SIGINT, "group"),  # Ctrl+C: every process in the terminal's group
    ],
)
def test_a_stopped_build_leaves_the_site_and_nothing_else(
    project: Path, tmp_path: Path, phase: str, signum: int, to: str
) -> None:
    site = project / "site"
    site.mkdir()
    (site / "marker.txt").write_text("previous build", encoding="utf-8")
    killed = project / f".site-staging-{_dead_pid()}"  # from a build killed outright
    (killed / "en").mkdir(parents=True)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = dict(
        os.environ,
        TMPDIR=str(scratch),
        # a cache of its own, so its PDFs are rendered, not borrowed from the suite's
        XDG_CACHE_HOME=str(tmp_path / "cache"),
    )
    # Its own process group, so a stop can go to `signpost` alone, as `kill PID` sends it
    # (its language builds and PDF workers hear of it only through signpost), or to them all.
    proc = subprocess.Popen(
        [sys.executable, "-m", "signpost", "build", "--no-offline"],
        cwd=project,
        env=env,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        if phase == "pages":
            _until(
                lambda: any(" mkdocs build " in c for c in _group(proc.pid).values()),
                what="a language build to start",
                every=0.05,
            )
        else:
            _until(
                lambda: any(p.name.startswith("signpost-pdf-") for p in scratch.iterdir()),
                what="the PDFs to start",
                every=0.05,
            )
        assert proc.poll() is None, "the build ended before it could be stopped"
        if to == "group":
            os.killpg(proc.pid, signum)
        else:
            proc.send_signal(signum)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 128 + signum, out + err
    assert "signpost: build stopped; the previous site/ was left as it was" in err
    assert "Traceback" not in err and "unexpected" not in err
    assert f"signpost: removed {killed.name}, left by a build that was killed" in out
    assert sorted(p.name for p in site.iterdir()) == ["marker.txt"]
    assert not list(project.glob(".site-*")), "a staging folder was left in the project"
    assert not _group(proc.pid), "language builds or PDF workers outlived the build"
    assert not list(scratch.iterdir()), "temporary files were left"
    # The PDFs not yet begun were not rendered: only those under way when it stopped.
    rendered = list((tmp_path / "cache").rglob("*.pdf"))
    assert len(rendered) < HANDOUTS / 2, f"{len(rendered)} of {HANDOUTS} PDFs rendered"


def test_pdf_workers_end_with_a_build_killed_outright(project: Path, tmp_path: Path) -> None:
    """`kill -9` gives a build no chance to stop its PDF workers: they end on their own,
    where they used to wait for work forever, 125 MB each."""
    env = dict(os.environ, TMPDIR=str(tmp_path), XDG_CACHE_HOME=str(tmp_path / "cache"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "signpost", "build", "--no-offline"],
        cwd=project,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _until(
            lambda: (
                any(p.name.startswith("signpost-pdf-") for p in tmp_path.iterdir())
                and len(_group(proc.pid)) > 1
            ),
            what="the PDF workers to start",
            every=0.05,
        )
        proc.kill()
        proc.wait()
        _until(lambda: not _group(proc.pid), 30, "the PDF workers to end", every=0.1)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)


HANDOUTS = 48
"""PDFs in a whole build of the fixture project (its build prints `48 PDF(s)`)."""


def _dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_a_killed_builds_leftovers_are_tidied(tmp_path: Path) -> None:
    """A build killed outright (SIGKILL, a power cut) could tidy nothing: the next does."""
    root = tmp_path / "project"
    site = root / "site"
    (site / "en").mkdir(parents=True)
    dead = _dead_pid()
    staging = root / f".site-staging-{dead}"
    (staging / "en").mkdir(parents=True)
    running = root / f".site-staging-{os.getppid()}"  # another build, still running
    running.mkdir()
    unrelated = root / ".site-notes"
    unrelated.mkdir()
    assert _clear_leftovers(root, site) == [f"removed .site-staging-{dead}"]
    assert not staging.exists() and running.is_dir() and unrelated.is_dir()
    assert (site / "en").is_dir()


def test_a_killed_build_not_yet_reaped_counts_as_ended(tmp_path: Path) -> None:
    """Killed outright, a build is a zombie until its parent reaps it: not a running one."""
    root = tmp_path / "project"
    (root / "site").mkdir(parents=True)
    zombie = subprocess.Popen(["true"])  # ended, and not waited for
    try:
        _until(
            lambda: Path(f"/proc/{zombie.pid}/stat").read_text().split(") ")[1][0] == "Z",
            what="the child to end",
            every=0.01,
        )
        staging = root / f".site-staging-{zombie.pid}"
        staging.mkdir()
        assert _clear_leftovers(root, root / "site") == [f"removed {staging.name}"]
    finally:
        zombie.wait()


def test_a_build_killed_mid_swap_gets_its_site_back(tmp_path: Path) -> None:
    """Killed between moving site/ aside and moving the new one in: no site/ at all, and
    the previous one under `.site-old-PID`, which is put back rather than removed."""
    root = tmp_path / "project"
    root.mkdir()
    site = root / "site"
    dead = _dead_pid()
    old = root / f".site-old-{dead}"
    (old / "en").mkdir(parents=True)
    (old / "en" / "index.html").write_text("previous", encoding="utf-8")
    assert _clear_leftovers(root, site) == [f"put back site/ from .site-old-{dead}"]
    assert (site / "en" / "index.html").read_text(encoding="utf-8") == "previous"
    assert not old.exists()


def test_a_stop_between_the_renames_puts_the_previous_site_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The swap is two renames: a Ctrl+C between them would leave no site/ at all."""
    from signpost.build import build

    site, staging = tmp_path / "site", tmp_path / ".site-staging-1"
    (site / "en").mkdir(parents=True)
    (site / "en" / "index.html").write_text("previous", encoding="utf-8")
    staging.mkdir()
    rename = Path.rename

    def interrupted(self: Path, target: Path) -> Path:
        if self == staging:
            raise KeyboardInterrupt
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build._swap(staging, site)
    assert (site / "en" / "index.html").read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-old")] == []


def test_a_stop_that_python_swallows_is_raised_again() -> None:
    """Python swallows an exception raised where it cannot let one out, as in a fork's own
    handlers: a stop during the PDF workers' fork once let the build run to its end."""

    class Finalised:
        def __del__(self) -> None:
            os.kill(os.getpid(), signal.SIGTERM)  # its handler runs here, in `__del__`
            sum(range(1000))

    before = signal.getsignal(signal.SIGTERM), sys.unraisablehook
    with pytest.raises(stops.Stopped) as stopped, stops.handled():
        Finalised()
        _wait_for_signals()
    assert stopped.value.signum == signal.SIGTERM
    assert (signal.getsignal(signal.SIGTERM), sys.unraisablehook) == before


def test_a_stop_while_a_pool_starts_waits_for_it() -> None:
    """A stop while a pool forks its workers left some the pool did not know of, and the
    exit waited for them forever: the third stop tried as the PDFs began hung the build."""
    reached = []
    with pytest.raises(KeyboardInterrupt), stops.handled():
        with stops.deferred():
            os.kill(os.getpid(), signal.SIGINT)
            _wait_for_signals()
            reached.append("the end of the block")
        reached.append("after it")
    assert reached == ["the end of the block"]


def test_a_signal_ignored_at_the_start_stays_ignored() -> None:
    """`nohup signpost build &` must outlive the terminal that started it."""
    held = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        with stops.handled():
            os.kill(os.getpid(), signal.SIGHUP)
            _wait_for_signals()
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, held)


def _wait_for_signals() -> None:
    """Long enough for a signal sent to this process, or a timer's, to be handled."""
    for _ in range(50):
        time.sleep(0.01)


def _marked_work(job: tuple[str, tuple[str, ...], str]) -> bytes:
    """Stands in for a PDF's rendering in a pool worker: marks that it began, takes a while."""
    html, _, _ = job
    Path(html).write_text("begun", encoding="utf-8")
    time.sleep(0.2)
    return b"%PDF-1.7"


def test_a_stop_while_pdfs_are_stored_begins_no_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stop can come while a finished PDF is being written to the cache, outside the
    pool's own wait, which cancels the rest by itself: the render cancels them too."""
    import importlib

    from signpost.handouts.document import Document

    rendering = importlib.import_module("signpost.handouts.render")

    marks = tmp_path / "begun"
    marks.mkdir()
    docs = [
        (Document("handout", "en", "a4", f"{n}.pdf", str(marks / str(n))), tmp_path / f"{n}.pdf")
        for n in range(24)
    ]

    def stopped_while_storing(cache_dir: Path, todo: dict[str, str], results) -> None:
        next(iter(results))
        raise KeyboardInterrupt

    monkeypatch.setattr(rendering, "_work", _marked_work)  # the forked workers see it too
    monkeypatch.setattr(rendering, "_store", stopped_while_storing)
    monkeypatch.setattr(rendering, "weasyprint_version", lambda: "test")
    with pytest.raises(KeyboardInterrupt):
        rendering.render(docs, tmp_path / "cache", jobs=2)
    begun = len(list(marks.iterdir()))
    assert begun < len(docs) / 2, f"{begun} of {len(docs)} PDFs begun after the stop"
