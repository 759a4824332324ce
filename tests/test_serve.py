"""The preview as a volunteer runs it: it stops cleanly, and a busy port is one clear line."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def test_sigterm_stops_the_whole_preview(project: Path) -> None:
    port = _free_port()
    serve = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "signpost",
            "-C",
            str(project),
            "serve",
            "--addr",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except OSError:
                assert serve.poll() is None, "the preview died before it answered"
                assert time.monotonic() < deadline, "the preview never answered"
                time.sleep(0.5)
        children = _children(serve.pid)
        assert children, "mkdocs serve runs as a child"
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=30)
        time.sleep(0.5)
        for child in children:
            assert (
                not Path(f"/proc/{child}").exists()
                or "Z" in Path(f"/proc/{child}/stat").read_text().split(")")[1][:3]
            ), "mkdocs serve outlived signpost serve"
        with socket.socket() as s:
            s.bind(("127.0.0.1", port))  # the port is free again
    finally:
        if serve.poll() is None:
            serve.kill()


def test_busy_port_is_one_line_and_no_traceback(project: Path) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "signpost",
                "-C",
                str(project),
                "serve",
                "--addr",
                f"127.0.0.1:{port}",
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert run.returncode == 1
    assert run.stderr.strip().splitlines() == [
        f"signpost: 127.0.0.1:{port} is already in use (another preview?); stop it, or pick "
        f"another port: signpost serve --addr 127.0.0.1:{port + 1}"
    ]
