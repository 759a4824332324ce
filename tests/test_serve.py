"""The preview as a volunteer runs it: every language, findings in the page, a clean stop."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from shared_sites import faked_clock
from test_validate import edit

LESSON = "lessons/spotting-secrets/index.md"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _descendants(pid: int) -> list[int]:
    """Living processes whose parent is `pid` (zombies waiting to be reaped do not count)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            state, parent = (entry / "stat").read_text().rsplit(")", 1)[1].split()[:2]
        except (OSError, ValueError):
            continue
        if int(parent) == pid and state != "Z":
            found.append(int(entry.name))
    return found


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _until(condition, seconds: float = 120, what: str = "", every: float = 0.5) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if condition():
                return
        except OSError:
            pass
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(every)


def _start(project: Path, *args: str) -> tuple[subprocess.Popen, int]:
    """`signpost serve` on a free port, its temporary files in `_scratch(project)`."""
    port = _free_port()
    cmd = [sys.executable, "-m", "signpost", "-C", str(project), "serve"]
    _scratch(project).mkdir()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", TMPDIR=str(_scratch(project)))
    if faked_clock():
        # `make test-2030`: libfaketime (0.9.10) shifts the monotonic clock too but not the
        # deadline of glibc's sem_clockwait, so the preview's timed wait would last four
        # years. Its calendar stays in 2030; only its interval clock is left real.
        env["DONT_FAKE_MONOTONIC"] = "1"
    proc = subprocess.Popen(
        [*cmd, "--addr", f"127.0.0.1:{port}", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    return proc, port


def _scratch(project: Path) -> Path:
    return project.parent / "tmp"


def _stops_cleanly(proc: subprocess.Popen, port: int, project: Path) -> None:
    """A stop signal ends the preview, its server and its children, and removes the
    temporary site it served (mkdocs serve's copy once stayed in /tmp after a SIGTERM)."""
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)
    time.sleep(0.5)
    assert _descendants(proc.pid) == [], "a server outlived signpost serve"
    with pytest.raises(ConnectionRefusedError):  # nothing listens on the port any more
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    assert sorted(p.name for p in _scratch(project).iterdir()) == []


def test_preview_serves_every_language_and_shows_findings_in_the_page(project: Path) -> None:
    proc, port = _start(project)
    base = f"http://127.0.0.1:{port}"
    try:
        _until(lambda: "Spotting unsafe secrets" in _get(f"{base}/en/lessons/spotting-secrets/"),
               what="the English lesson")  # fmt: skip
        assert "Reconocer secretos inseguros" in _get(f"{base}/es/lessons/spotting-secrets/")
        assert _get(f"{base}/ar/").startswith("<!doctype") or "<html" in _get(f"{base}/ar/")
        edit(project, LESSON, "audience: youth", "audience: yuoth")
        _until(lambda: "waiting for a fix" in _get(f"{base}/en/lessons/spotting-secrets/"),
               what="the error page")  # fmt: skip
        page = _get(f"{base}/es/")
        assert f"{LESSON}:4: unknown-audience" in page, "the same path:line: CODE lines"
        edit(project, LESSON, "audience: yuoth", "audience: youth")
        _until(lambda: "Spotting unsafe secrets" in _get(f"{base}/en/lessons/spotting-secrets/"),
               what="recovery after the fix")  # fmt: skip
        edit(project, "lessons/spotting-secrets/index.es.md", "Reconocer secretos", "Ver secretos")
        _until(lambda: "Ver secretos inseguros" in _get(f"{base}/es/lessons/spotting-secrets/"),
               what="the Spanish rebuild")  # fmt: skip
        _stops_cleanly(proc, port, project)
    finally:
        if proc.poll() is None:
            proc.kill()


@pytest.mark.parametrize("lang", ["en"])
def test_one_language_preview_stops_with_its_mkdocs_child(project: Path, lang: str) -> None:
    proc, port = _start(project, "--lang", lang)
    try:
        _until(lambda: _get(f"http://127.0.0.1:{port}/"), what="mkdocs serve")
        assert _descendants(proc.pid), "mkdocs serve runs as a child"
        _stops_cleanly(proc, port, project)
    finally:
        if proc.poll() is None:
            proc.kill()


def test_busy_port_is_one_line_and_no_traceback(project: Path) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        cmd = [sys.executable, "-m", "signpost", "-C", str(project), "serve"]
        run = subprocess.run(
            [*cmd, "--addr", f"127.0.0.1:{port}"], capture_output=True, text=True, timeout=60
        )
    assert run.returncode == 1
    assert run.stderr.strip().splitlines() == [
        f"signpost: 127.0.0.1:{port} is already in use (another preview?); stop it, or pick "
        f"another port: signpost serve --addr 127.0.0.1:{port + 1}"
    ]
