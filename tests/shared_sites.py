"""The sites many test files read, each built once per run and shared read-only.

A whole run (`make test`) starts `python tests/shared_sites.py` as it begins (conftest), so
these builds go on while the first tests run instead of holding every worker at a lock.
A test that asks for a site before it is done waits for it (`built_once`); a run of one
file, with no prebuild, builds what it asks for itself. Each site lives in the run's own
cache folder, which every worker and build process shares.

- `built`: the fixture project, every language, offline zips.
- `engine`: the wheel of this checkout, installed alone in a fresh venv.
- `shipped`: the reference curriculum as its deployment builds it (`signpost build
  --site-url`), by that installed wheel: the audits of the shipped site are then audits
  of what a second organisation installs, not only of this checkout.
- `wheel`: `signpost init` from the wheel, without lessons and with the starter lessons.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import venv
from collections.abc import Callable
from pathlib import Path

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
FIXTURE = TESTS / "fixtures" / "site"
SHARED = "SIGNPOST_TEST_CACHE"
# Where the reference curriculum is deployed in the suite: the address a deployment gives
# `make site SITE_URL=…` (its signpost.yml keeps a placeholder, which prints no QR code).
SHIPPED_URL = "https://lessons.signpost-curriculum.org/"
LANGS = ("en", "es", "fr", "ar")
# The wheel's sites are built once for every worker, so their quick exit cannot lead to a
# port one worker owns: it leads to a reserved name no machine answers (RFC 2606), and each
# browser context that follows it answers as the fake neutral site (test_product).
EXIT_BASE = "http://weather.invalid"
# The starter project takes the reference's name and address: its handouts are then the
# same documents as the reference curriculum's, and come from the PDFs its build rendered.
REFERENCE = ["--name", "Signpost", "--site-url", SHIPPED_URL]


def make_project(dest: Path) -> Path:
    """The small fixture project, copied into `dest/project`, with the curriculum's data."""
    from signpost.starter import DEFAULT_STRINGS

    root = dest / "project"
    shutil.copytree(FIXTURE, root)
    # The curriculum's character register names its lessons, not the fixture's.
    shutil.copytree(REPO / "data", root / "data", ignore=shutil.ignore_patterns("characters.yml"))
    shutil.copyfile(FIXTURE.parent / "packs.yml", root / "data" / "packs.yml")
    # The engine's default interface strings, as the project's own, so tests can edit them.
    shutil.copytree(DEFAULT_STRINGS, root / "data" / "strings")
    return root


def built_once(name: str) -> Path:
    """What `BUILDS[name]` made, building it first if no process has: the first to ask
    builds under a lock, the others wait for it and share the result."""
    folder = Path(os.environ[SHARED]) / "sites" / name
    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(f"{folder}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            done = folder / ".done"
            if not done.exists():
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir()
                result = BUILDS[name](folder)
                done.write_text(str(result), encoding="utf-8")
            return Path(done.read_text(encoding="utf-8"))
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def faked_clock() -> bool:
    """Whether the run's clock is faked (`make test-2030` preloads libfaketime)."""
    return "faketime" in os.environ.get("LD_PRELOAD", "")


def run(cmd: list[str], cwd: Path, real_clock: bool = False) -> str:
    """A command of the installed wheel, with nothing of this checkout on its path.
    `real_clock` is for an install: it is not under test, and TLS checks PyPI's
    certificate against the date, so under a clock faked to 2030 it would be refused."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    if real_clock and faked_clock():
        env = {k: v for k, v in env.items() if k != "LD_PRELOAD" and not k.startswith("FAKETIME")}
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, f"{' '.join(cmd)}\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def _fixture_site(folder: Path) -> Path:
    from signpost.build.build import build_site
    from signpost.content.lessons import load
    from signpost.content.translations import mark_current
    from signpost.findings import Report
    from signpost.project import load_project

    root = make_project(folder)
    project = load_project(root)
    files = {(f.lesson_id, f.lang): f for f in load(project, Report())}
    mark_current(project, files[("spotting-secrets", "en")], files[("spotting-secrets", "es")])
    assert build_site(root, offline=True) == 0
    return root / "site"


def _engine(folder: Path) -> Path:
    """The wheel, built from this checkout and installed alone; its `bin` folder."""
    from signpost.project import DISTRIBUTION

    wheels = folder / "wheels"
    run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(REPO)],
        folder,
        real_clock=True,
    )
    (wheel,) = wheels.glob(f"{DISTRIBUTION.replace('-', '_')}-*.whl")
    names = subprocess.run(
        [sys.executable, "-m", "zipfile", "-l", str(wheel)], capture_output=True, text=True
    ).stdout
    for packaged in (
        "signpost/theme/main.html",
        "signpost/theme/assets/quick-exit.js",
        "signpost/starter/data/strings/ar.yml",
        "signpost/starter/lessons/",
    ):
        assert packaged in names, packaged
    fresh = folder / "venv"
    venv.create(fresh, with_pip=True)
    bin_ = fresh / "bin"
    pip = [str(bin_ / "pip"), "install", "-q", "--disable-pip-version-check"]
    run([*pip, "-c", str(REPO / "requirements.lock"), str(wheel)], folder, real_clock=True)
    version = wheel.name.split("-")[1]
    assert run([str(bin_ / "signpost"), "--version"], folder).strip() == f"signpost {version}"
    (folder / "version").write_text(version, encoding="utf-8")
    return bin_


def _shipped(folder: Path) -> Path:
    from sync_starter import copy_reference

    signpost = str(built_once("engine") / "signpost")
    root = copy_reference(folder)
    out = run([signpost, "build", "--site-url", SHIPPED_URL], root)
    assert f"built {len(LANGS)} language(s), 15 lessons" in out, out
    return root / "site"


def _exit_to(config: Path) -> None:
    """Each language's quick exit leads to the fake neutral site (`EXIT_BASE`)."""
    import yaml

    raw = yaml.safe_load(config.read_text(encoding="utf-8"))
    for lang in raw["languages"]:
        lang["exit_url"] = f"{EXIT_BASE}/{lang['code']}/"
    config.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")


def _wheel_projects(folder: Path) -> Path:
    """What a second organisation does with the wheel: `init` with and without the starter
    lessons, then `check --strict` and a plain `signpost build` in each. The starter's
    handouts are the reference's documents, so they are taken from its build's PDFs."""
    from signpost.project import DISTRIBUTION

    bin_ = built_once("engine")
    built_once("shipped")
    signpost = str(bin_ / "signpost")
    version = (bin_.parent.parent / "version").read_text(encoding="utf-8")
    for name, extra, lessons in (
        ("empty", ["--site-url", "https://lessons.harbor-demo.org"], 0),
        ("demo", ["--starter", *REFERENCE], 15),
    ):
        run([signpost, "init", name, "--languages", ",".join(LANGS), *extra], folder)
        project = folder / name
        assert f"{DISTRIBUTION}=={version}" in (project / "requirements.txt").read_text()
        _exit_to(project / "signpost.yml")
        checked = run([signpost, "check", "--strict"], project)
        assert "0 error(s), 0 warning(s)" in checked, checked
        out = run([signpost, "build"], project)
        assert f"built {len(LANGS)} language(s), {lessons} lessons" in out, out
        if lessons:
            assert " 0 rendered, " in out, f"the reference's PDFs were rendered again:\n{out}"
    return folder


BUILDS: dict[str, Callable[[Path], Path]] = {
    "built": _fixture_site,
    "engine": _engine,
    "shipped": _shipped,
    "wheel": _wheel_projects,
}
# What a whole run starts building as it begins, one process to each line: the fixture
# site, and the wheel with what it builds.
PREBUILD = (("built",), ("shipped", "wheel"))


def prebuild() -> list[subprocess.Popen[bytes]]:
    """Start the shared builds in the background; a failure is left for the test that asks
    for the site, which builds it again and fails with the reason."""
    log = Path(os.environ[SHARED]) / "sites"
    log.mkdir(parents=True, exist_ok=True)
    return [
        subprocess.Popen(
            [sys.executable, __file__, *names],
            stdout=open(log / f"prebuild-{names[0]}.log", "wb"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )
        for names in PREBUILD
    ]


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "scripts"))
    for asked in sys.argv[1:]:
        built_once(asked)
