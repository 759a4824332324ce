"""Shared fixtures: a small, valid Signpost project copied fresh for each test."""

from __future__ import annotations

import fcntl
import inspect
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pdf_pool
import pytest
from chromium import CHROMIUM, FLAGS, bundled_fonts, serve
from sync_starter import copy_reference

from signpost.starter import DEFAULT_STRINGS

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "site"
# Builds keep their state outside the project, in the user's cache folder (signpost.state);
# the suite keeps it in a folder of its own, made fresh for each run by the first process
# (pytest, or xdist's controller) and inherited by every worker and build process, so a PDF
# one worker rendered is borrowed by the others (signpost.handouts.render.borrow).
_SHARED = "SIGNPOST_TEST_CACHE"
_OWNER = _SHARED not in os.environ
# The PDFs of the last run are kept between runs, outside the checkout: a PDF's key hashes
# every input and the code that makes it, so only what changed is rendered again.
# (Read before XDG_CACHE_HOME is pointed at the suite's folder; only the controller uses it.)
KEPT_PDFS = pdf_pool.default_home()
if _SHARED not in os.environ:
    os.environ[_SHARED] = tempfile.mkdtemp(prefix="signpost-test-cache-")
CACHE_HOME = os.environ[_SHARED]
os.environ["XDG_CACHE_HOME"] = CACHE_HOME


def pytest_configure(config: pytest.Config) -> None:
    if _OWNER:
        pdf_pool.seed(KEPT_PDFS, Path(CACHE_HOME))


def pytest_unconfigure(config: pytest.Config) -> None:
    if _OWNER:
        pdf_pool.harvest(Path(CACHE_HOME), KEPT_PDFS)
        shutil.rmtree(CACHE_HOME, ignore_errors=True)


@pytest.fixture
def kept_pdfs(request: pytest.FixtureRequest) -> Path:
    """The PDF cache for a test that renders documents itself: beside every build's, so a
    PDF a build or an earlier run made is borrowed, and what it renders is kept for the
    next run (pdf_pool). A folder to each test, so tests on other workers never share one."""
    return Path(CACHE_HOME) / "signpost" / f"test-{request.node.name}" / "pdf"


@pytest.fixture(autouse=True)
def _cold_trust_boundary_caches() -> Iterator[None]:
    """Each test starts with the trust boundary's memos empty. A result remembered from an
    earlier test would answer for code that has since changed: under `make mutation`, a
    mutant of `_mask_inline` went unseen because `mask_code` answered from its cache."""
    from signpost.safety import markup, safe_yaml

    markup.mask_code.cache_clear()
    safe_yaml._load.cache_clear()
    yield


def warm_copy(site: Path, dest: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project built into `site`, with its cache, in a cache folder of its
    own: what its builds render is then only what they could not find in its own cache,
    never a PDF borrowed from another test's project or an earlier run."""
    from signpost.safety import state

    root = dest / "project"
    shutil.copytree(site.parent, root, symlinks=True)
    source = state.project_dir(site.parent)
    monkeypatch.setenv("XDG_CACHE_HOME", str(dest / "cache"))
    shutil.copytree(source, state.project_dir(root))
    return root


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, build) -> Path:
    """`build(folder)` run once per test run, whichever worker asks first; the others wait
    for it and share the result, read-only. Without xdist, a folder of this session's."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if worker else base) / f"shared-{name}"
    with open(f"{folder}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            done = folder / ".done"
            if not done.exists():
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir()
                result = build(folder)
                done.write_text(str(result), encoding="utf-8")
            return Path(done.read_text(encoding="utf-8"))
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


# The fixtures were reviewed on fixed dates, so the suite holds the calendar still (see
# signpost.clock); os.environ, so every `mkdocs build` and `signpost` it starts agrees.
# `make check-dates` checks the real curriculum against the real date.
TODAY = "2026-12-01"
os.environ.setdefault("SIGNPOST_TODAY", TODAY)


def make_project(dest: Path) -> Path:
    root = dest / "project"
    shutil.copytree(FIXTURE, root)
    # The curriculum's character register names its lessons, not the fixture's.
    shutil.copytree(REPO / "data", root / "data", ignore=shutil.ignore_patterns("characters.yml"))
    shutil.copyfile(FIXTURE.parent / "packs.yml", root / "data" / "packs.yml")
    # The engine's default interface strings, as the project's own, so tests can edit them.
    shutil.copytree(DEFAULT_STRINGS, root / "data" / "strings")
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


EVALUATION = Path(__file__).resolve().parent / "fixtures" / "evaluation"


def make_evaluation_project(dest: Path) -> Path:
    """The fixture project in four languages, French included, whose youth lesson carries
    questions in each: the evaluation tests' own, so the other tests' line numbers hold."""
    root = make_project(dest)
    shutil.copytree(EVALUATION, root, dirs_exist_ok=True)
    return root


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project built once, in every language, for read-only tests."""
    from signpost.build.build import build_site
    from signpost.content.lessons import load
    from signpost.content.translations import mark_current
    from signpost.findings import Report
    from signpost.project import load_project

    def build(folder: Path) -> Path:
        root = make_project(folder)
        project = load_project(root)
        files = {(f.lesson_id, f.lang): f for f in load(project, Report())}
        mark_current(project, files[("spotting-secrets", "en")], files[("spotting-secrets", "es")])
        assert build_site(root, offline=True) == 0
        return root / "site"

    return built_once(tmp_path_factory, "built", build)


# Where the reference curriculum is deployed in the suite: the address a deployment gives
# `make site SITE_URL=…` (its signpost.yml keeps a placeholder, which prints no QR code).
SHIPPED_URL = "https://lessons.signpost-curriculum.org/"


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own curriculum, every language, built once as its deployment
    builds it (`make site SITE_URL=…`): pages, PDFs with their QR codes, and offline zips.
    (The starter project built from the wheel in test_product then takes the same PDFs
    from the cache.)"""
    from signpost.build.build import build_site

    def build(folder: Path) -> Path:
        root = copy_reference(folder)
        assert build_site(root, offline=True, site_url=SHIPPED_URL) == 0
        return root / "site"

    return built_once(tmp_path_factory, "shipped", build)


@pytest.fixture(scope="module")
def server(built_site: Path) -> Iterator[str]:
    """The built fixture site on a loopback port, for browser tests."""
    with serve(built_site) as base:
        yield base


@pytest.fixture(scope="session")
def browser_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Chromium's environment: only the bundled Noto fonts, whatever the machine has."""
    return bundled_fonts(tmp_path_factory.mktemp("fontconfig"))


@pytest.fixture(scope="module")
def browser(browser_env: dict[str, str]):
    """Debian's Chromium driven by Playwright; skipped, saying why, only where it is absent.
    (`make test` stops before this if it is, and `.ci/run` installs it.)"""
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"Chromium is not installed ({CHROMIUM}): apt-get install chromium")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, env=browser_env)
        yield b
        b.close()


@pytest.fixture(scope="session")
def axe():
    """axe-core, as bundled by axe-playwright-python (no download at test time)."""
    module = pytest.importorskip("axe_playwright_python.sync_playwright")
    return module.Axe()


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"true", "1"}


def _no_skips(report: pytest.TestReport | pytest.CollectReport) -> None:
    """Under CI a missing tool must not pass quietly: the skip becomes a failure that
    keeps its reason (which names the package to install)."""
    if not (_in_ci() and report.skipped) or hasattr(report, "wasxfail"):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    reason = reason.removeprefix("Skipped: ")
    report.outcome = "failed"
    report.longrepr = f"skipped, and CI=true allows no skip: {reason}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    _no_skips(outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Iterator[None]:
    """A module that skips itself (`importorskip` at the top) is skipped at collection."""
    outcome = yield
    _no_skips(outcome.get_result())


# `make test-fast` (the inner loop) leaves out what builds a site or starts a browser. A
# test is marked `builds` when it asks for a built site or a browser, or its own code starts
# a build; `make test` runs everything, so nothing is lost by guessing wide.
BUILDING_FIXTURES = frozenset(
    {"built_site", "shipped_site", "server", "browser", "safe_site", "site_url", "axe"}
)
_STARTS_A_BUILD = re.compile(r"build_site\(|\bmkdocs\b|\"build\"|'build'|Builder\(|serve\(")


def _builds(item: pytest.Item) -> bool:
    if BUILDING_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    function = getattr(item, "function", None)
    try:
        source = inspect.getsource(function) if function else ""
    except (OSError, TypeError):
        return True
    return bool(_STARTS_A_BUILD.search(source))


# `make test` runs more workers than cores (`--dist loadgroup`): much of a browser test's
# time is waiting on a page, which another worker's work fills. A file is one group, run on
# one worker, so what its module fixtures build (a site, a server) is made once. The files
# below build nothing at module scope: what they share comes from `built_once`, made once
# for every worker, so their tests are spread one by one and no long file runs last alone.
SPREAD = frozenset(
    {
        "test_accessibility.py",
        "test_curriculum.py",
        "test_handouts.py",
        "test_markdown_limits.py",
        "test_product.py",
        "test_quick_rebuild.py",
        "test_weight_search.py",
    }
)


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # xdist hands out the files first, largest first, then the spread tests in this order:
    # the ones on the wheel's sites lead, so their long build starts while work is left.
    items.sort(key=lambda item: "wheel_sites" not in getattr(item, "fixturenames", ()))
    for item in items:
        if _builds(item):
            item.add_marker(pytest.mark.builds)
        if item.path.name not in SPREAD:
            item.add_marker(pytest.mark.xdist_group(item.path.name))
