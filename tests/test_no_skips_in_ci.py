"""A missing tool (Chromium, poppler, zbar, Playwright) skips its tests on a contributor's
machine, saying why; under CI (`CI=true`) the same skip fails the run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TESTS = {
    "test_tool.py": (
        "import pytest\n\n"
        "def test_reads_the_qr_code():\n"
        "    pytest.skip('zbarimg missing: apt-get install zbar-tools')\n\n"
        "def test_plain():\n"
        "    assert True\n"
    ),
    "test_module.py": (
        "import pytest\n\n"
        "pytest.importorskip('no_such_browser_driver')\n\n"
        "def test_in_the_browser():\n"
        "    assert True\n"
    ),
}


def run_suite(tmp_path: Path, ci: str | None, *names: str) -> subprocess.CompletedProcess[str]:
    """The suite's own settings and conftest (as a plugin) over small files that skip."""
    for name in names:
        (tmp_path / name).write_text(TESTS[name], encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["PYTHONPATH"] = os.pathsep.join([str(HERE), str(HERE.parent / "scripts")])
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-c", str(HERE.parent / "pyproject.toml")]
        + ["--rootdir", str(tmp_path), "-p", "conftest", "-p", "no:cacheprovider", *names],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )


def test_outside_ci_a_skip_is_listed_with_its_reason(tmp_path: Path) -> None:
    run = run_suite(tmp_path, None, "test_tool.py", "test_module.py")
    assert run.returncode == 0, run.stdout
    assert "SKIPPED [1] test_tool.py:4: zbarimg missing: apt-get install zbar-tools" in run.stdout
    assert "SKIPPED [1] test_module.py:3: could not import 'no_such_browser_driver'" in run.stdout
    assert "1 passed, 2 skipped" in run.stdout


def test_under_ci_every_skip_fails(tmp_path: Path) -> None:
    run = run_suite(tmp_path, "true", "test_tool.py")
    assert run.returncode == 1, run.stdout
    assert (
        "FAILED test_tool.py::test_reads_the_qr_code - skipped, and CI=true allows no skip: "
        "zbarimg missing: apt-get install zbar-tools" in run.stdout
    )
    assert "1 failed, 1 passed" in run.stdout
    run = run_suite(tmp_path, "true", "test_module.py")
    assert run.returncode != 0, run.stdout
    assert "ERROR test_module.py - skipped, and CI=true allows no skip: could not import" in (
        run.stdout
    )
