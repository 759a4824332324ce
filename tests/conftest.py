"""Shared fixtures: a small, valid Signpost project copied fresh for each test."""

from __future__ import annotations

import inspect
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pdf_pool
import pytest
import shared_sites
from chromium import CHROMIUM, FLAGS, bundled_fonts, serve
from shared_sites import FIXTURE, REPO, SHIPPED_URL, built_once, make_project

__all__ = ["FIXTURE", "REPO", "SHIPPED_URL", "make_project"]
# Builds keep their state outside the project, in the user's cache folder (signpost.state);
# the suite keeps it in a folder of its own, made fresh for each run by the first process
# (pytest, or xdist's controller) and inherited by every worker and build process, so a PDF
# one worker rendered is borrowed by the others (signpost.handouts.render.borrow).
_SHARED = shared_sites.SHARED
_OWNER = _SHARED not in os.environ
# The PDFs of the last run are kept between runs, outside the checkout: a PDF's key hashes
# every input and the code that makes it, so only what changed is rendered again.
# (Read before XDG_CACHE_HOME is pointed at the suite's folder; only the controller uses it.)
KEPT_PDFS = pdf_pool.default_home()
if _SHARED not in os.environ:
    os.environ[_SHARED] = tempfile.mkdtemp(prefix="signpost-test-cache-")
CACHE_HOME = os.environ[_SHARED]
os.environ["XDG_CACHE_HOME"] = CACHE_HOME


_PREBUILDS: list = []


def _whole_run(config: pytest.Config) -> bool:
    """`make test`: every test, none left out by -k or -m (a run of one file, or the inner
    loop's `-m "not builds"`, would wait for nothing it builds)."""
    return (
        config.args_source == pytest.Config.ArgsSource.TESTPATHS
        and not config.option.keyword
        and not config.option.markexpr
        and not config.option.collectonly
    )


def pytest_configure(config: pytest.Config) -> None:
    if _OWNER:
        pdf_pool.seed(KEPT_PDFS, Path(CACHE_HOME))
        if _whole_run(config):
            _PREBUILDS.extend(shared_sites.prebuild())


def pytest_unconfigure(config: pytest.Config) -> None:
    if _OWNER:
        for process in _PREBUILDS:
            process.kill()
            process.wait()
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


# The fixtures were reviewed on fixed dates, so the suite holds the calendar still (see
# signpost.clock); os.environ, so every `mkdocs build` and `signpost` it starts agrees.
# `make check-dates` checks the real curriculum against the real date.
TODAY = "2026-12-01"
os.environ.setdefault("SIGNPOST_TODAY", TODAY)


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
def built_site() -> Path:
    """The fixture project built once, in every language, for read-only tests."""
    return built_once("built")


@pytest.fixture(scope="session")
def shipped_site() -> Path:
    """The repository's own curriculum, every language, built once as its deployment
    builds it (`signpost build --site-url`), by the wheel installed on its own: pages,
    PDFs with their QR codes, and offline zips (shared_sites)."""
    return built_once("shipped")


@pytest.fixture(scope="session")
def server(built_site: Path) -> Iterator[str]:
    """The built fixture site on a loopback port, for browser tests."""
    with serve(built_site) as base:
        yield base


@pytest.fixture(scope="session")
def shipped_server(shipped_site: Path) -> Iterator[str]:
    """The shipped curriculum on a loopback port, for browser tests."""
    with serve(shipped_site) as base:
        yield base


@pytest.fixture(scope="session")
def browser_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Chromium's environment: only the bundled Noto fonts, whatever the machine has."""
    return bundled_fonts(tmp_path_factory.mktemp("fontconfig"))


@pytest.fixture(scope="session")
def browser(browser_env: dict[str, str]):
    """Debian's Chromium driven by Playwright, one for each worker's whole run (a launch
    is most of a second of CPU, and the spread files interleave on a worker); each test's
    pages are closed after it (`_closed_pages`). Skipped, saying why, only where it is
    absent. (`make test` stops before this if it is, and `.ci/run` installs it.)"""
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"Chromium is not installed ({CHROMIUM}): apt-get install chromium")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, env=browser_env)
        yield b
        b.close()


@pytest.fixture(autouse=True)
def _closed_pages(request: pytest.FixtureRequest) -> Iterator[None]:
    """Whatever pages a test opened close with it, so the next test starts with none."""
    yield
    if "browser" in request.fixturenames:
        for context in request.getfixturevalue("browser").contexts:
            context.close()


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
    {
        "built_site",
        "shipped_site",
        "server",
        "browser",
        "safe_site",
        "site_url",
        "axe",
        "wheel_sites",
    }
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
    for item in items:
        if _builds(item):
            item.add_marker(pytest.mark.builds)
        if item.path.name not in SPREAD:
            item.add_marker(pytest.mark.xdist_group(item.path.name))
