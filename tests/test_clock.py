"""The suite's calendar stands still (`SIGNPOST_TODAY`, set in conftest), subprocesses included,
and the real curriculum's dates are still checked against the real calendar elsewhere."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from signpost.cli import main

REPO = Path(__file__).resolve().parent.parent


def test_the_suite_runs_on_a_fixed_date(project: Path, capsys, monkeypatch) -> None:
    assert main(["-C", str(project), "check"]) == 0, capsys.readouterr().err
    capsys.readouterr()
    monkeypatch.setenv("SIGNPOST_TODAY", "2029-01-01")
    assert main(["-C", str(project), "check"]) == 1
    err = capsys.readouterr().err
    assert "lessons/spotting-secrets/index.md:13: review-stale last reviewed 2026-11-01" in err


def test_a_plain_mkdocs_build_inherits_the_date(project: Path) -> None:
    def build(today: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q"],
            cwd=project,
            capture_output=True,
            text=True,
            env=dict(os.environ, SIGNPOST_TODAY=today, NO_MKDOCS_2_WARNING="1"),
        )

    late = build("2029-01-01")
    assert late.returncode != 0
    assert "lessons/spotting-secrets/index.md:13: review-stale" in late.stderr
    assert build(os.environ["SIGNPOST_TODAY"]).returncode == 0


def test_a_malformed_date_is_one_line(project: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("SIGNPOST_TODAY", "next tuesday")
    assert main(["-C", str(project), "check"]) == 2
    err = capsys.readouterr().err
    assert err == "signpost: SIGNPOST_TODAY must be a date like 2026-12-01, not `next tuesday`\n"


def test_nothing_else_reads_the_machines_calendar() -> None:
    """Another `date.today()` would let the suite expire again."""
    asks = re.compile(r"\b(date\.today|datetime\.now|datetime\.utcnow|datetime\.today)\(")
    clock = REPO / "src/signpost/clock.py"
    found = [
        f"{path.relative_to(REPO)}:{n}"
        for folder in ("src", "scripts")
        for path in sorted((REPO / folder).rglob("*.py"))
        if path != clock
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if asks.search(line)
    ]
    assert found == []
