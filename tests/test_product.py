"""Signpost as a product: the engine's theme ships in the package, a project overrides it."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from chromium import serve
from conftest import REPO
from shared_sites import EXIT_BASE, LANGS, built_once
from sync_starter import expected
from test_accessibility import WIDTHS, audit, page_types, student_pages
from test_safety import (
    EXIT_LABEL,
    _clean,
    _left_cleanly,
    _open,
    _seed_storage,
    _strict_policy_everywhere,
)

from signpost import layout, theme
from signpost.build.build import build_site
from signpost.cli import main
from signpost.project import DISTRIBUTION
from signpost.starter import STARTER


def test_the_engine_theme_ships_in_the_package_not_the_curriculum() -> None:
    """A `pip install` must carry everything a build needs; the reference curriculum
    keeps none of the engine's files, so it is built like any other project."""
    ours = Path(theme.THEME_DIR)
    for name in ("main.html", "partials/alternate.html", *theme.EXTRA_CSS, *theme.EXTRA_JAVASCRIPT):
        assert (ours / name).is_file(), name
    for name in ("quick-exit.js", "search-on-demand.js", "offline-search.js", "chooser.js"):
        assert (ours / "assets" / name).is_file(), name
    assert not (REPO / "docs" / "assets").exists()
    assert not (REPO / "overrides").exists()
    assert "custom_dir" not in (REPO / "mkdocs.yml").read_text(encoding="utf-8")


def test_a_project_file_of_the_same_name_wins(project: Path) -> None:
    (project / "docs" / "assets").mkdir(parents=True)
    (project / "docs" / "assets" / "print.js").write_text("/* ours */\n", encoding="utf-8")
    partial = project / "overrides" / "partials" / "alternate.html"
    partial.parent.mkdir(parents=True)
    partial.write_text('<div id="our-switcher"></div>\n', encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
    )
    assert build_site(project, handouts=False) == 0
    en = project / "site" / "en"
    assert (en / "assets" / "print.js").read_text(encoding="utf-8") == "/* ours */\n"
    engine_exit = (Path(theme.THEME_DIR) / "assets" / "quick-exit.js").read_bytes()
    assert (en / "assets" / "quick-exit.js").read_bytes() == engine_exit
    page = (en / "index.html").read_text(encoding="utf-8")
    assert 'id="our-switcher"' in page
    assert page.count("assets/print.js") == 1  # listed once, not twice
    assert "assets/signpost.css" in page and "sp-exit" in page


def test_version_comes_from_the_package_metadata(capsys) -> None:
    import importlib.metadata

    import pytest

    from signpost.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    version = importlib.metadata.version(DISTRIBUTION)
    assert capsys.readouterr().out.strip() == f"signpost {version}"
    assert f"## {version}" in (REPO / "CHANGELOG.md").read_text(encoding="utf-8")


def test_the_starter_content_matches_the_reference_curriculum() -> None:
    """The package carries a copy of the reference's data, pages and lessons for `init`;
    an edit to one without the other fails here (`scripts/sync_starter.py` copies them)."""
    want = expected()
    have = {
        p.relative_to(STARTER).as_posix()
        for top in ("data", "docs", "lessons", "sources")
        for p in (STARTER / top).rglob("*")
        if p.is_file() and not p.relative_to(STARTER).as_posix().startswith("data/strings/")
    }
    assert have == set(want), "run scripts/sync_starter.py"
    stale = [
        rel for rel, origin in want.items() if (STARTER / rel).read_bytes() != origin.read_bytes()
    ]
    assert not stale, f"run scripts/sync_starter.py: {stale[:5]}"


def test_init_makes_a_project_that_checks_clean(tmp_path: Path, capsys) -> None:
    dest = tmp_path / "demo"
    args = ["init", str(dest), "--name", "Safe Harbor", "--languages", "en,fr"]
    assert (
        main([*args, "--countries", "fr=CA", "--site-url", "https://lessons.harbor-demo.org"]) == 0
    )
    config = (dest / "signpost.yml").read_text(encoding="utf-8")
    assert (
        "site_name: Safe Harbor" in config
        and "site_url: https://lessons.harbor-demo.org/" in config
    )
    assert "countries: [CA]" in config and "countries: [US]" in config
    assert sorted(p.name for p in (dest / "data" / "strings").iterdir()) == ["en.yml", "fr.yml"]
    assert (dest / "lessons").is_dir() and not any((dest / "lessons").iterdir())
    assert (dest / ".github" / "workflows" / "site.yml").is_file()
    assert "signpost build" in (dest / "README.md").read_text(encoding="utf-8")
    # What a build writes, finished or still running, stays out of the organisation's commits.
    subprocess.run(["git", "init", "-q", str(dest)], check=True)
    written = ["site/index.html", ".site-staging-4242/en/index.html", ".site-old-4242/x.html"]
    ignored = subprocess.run(
        ["git", "-C", str(dest), "check-ignore", "--no-index", *written],
        capture_output=True,
        text=True,
    )
    assert ignored.stdout.split() == written
    # The guides link to starter lessons: without them, neither the guides nor the
    # paragraphs pointing at them are there, in any language.
    assert not (dest / "docs" / "teacher-guide.md").exists()
    for page in ("for-teachers.md", "for-teachers.fr.md", "for-hosts.md", "for-hosts.fr.md"):
        assert "-guide.md" not in (dest / "docs" / page).read_text(encoding="utf-8"), page
    capsys.readouterr()
    assert main(["-C", str(dest), "check", "--strict"]) == 0
    assert "0 error(s), 0 warning(s)" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args, message",
    [
        (["--languages", "en,de"], "signpost: no interface strings for de"),
        (["--countries", "en=XX"], "signpost: --countries 'en=XX': no confirmed help services"),
        (["--site-url", "harbor.org"], "signpost: --site-url must be a full http(s) address"),
        (["--starter", "--languages", "es,en"], "signpost: --starter lessons are written in"),
    ],
)
def test_init_refuses_in_one_line(tmp_path: Path, capsys, args: list[str], message: str) -> None:
    assert main(["init", str(tmp_path / "demo"), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1, err


def test_init_never_writes_into_a_folder_in_use(tmp_path: Path, capsys) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 2
    assert "already exists and is not empty" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


# --- what depends on Material's internals --------------------------------------------


def test_material_is_a_release_the_theme_was_tested_with() -> None:
    """The templates, the stylesheet cut, the search patch and the a11y repairs know
    Material's markup: pyproject allows only the releases they were tested with, and an
    environment with another fails here before a project meets it."""
    import importlib.metadata
    import tomllib

    installed = importlib.metadata.version("mkdocs-material")
    assert ".".join(installed.split(".")[:2]) in theme.MATERIAL_TESTED, installed
    deps = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    (material,) = [d for d in deps["dependencies"] if d.startswith("mkdocs-material")]
    low, high = min(theme.MATERIAL_TESTED), max(theme.MATERIAL_TESTED)
    major, minor = (int(x) for x in high.split("."))
    assert material == f"mkdocs-material>={low},<{major}.{minor + 1}", material


def test_the_a11y_repairs_stop_the_build_when_material_changes(built_site: Path) -> None:
    """On Material's real page both repairs apply; on markup they were not written for
    they raise instead of publishing a page that silently lost them."""
    from signpost.theme.a11y import ThemeChanged, repair_theme

    page = (built_site / "en" / "index.html").read_text(encoding="utf-8")
    search = re.search(r'role="dialog" aria-label="([^"]+)"', page)
    menu = re.search(r'for="__drawer" role="button" tabindex="0" aria-label="([^"]+)"', page)
    assert search and menu, "the built page carries both repairs"
    # Material's page as it was before the repairs: repairing it again gives the build's.
    raw = page.replace(search.group(0), 'role="dialog"').replace(menu.group(0), 'for="__drawer"')
    labels = (search.group(1), menu.group(1))
    assert repair_theme(raw, *labels) == page
    changed = raw.replace('data-md-component="search" role="dialog"',
                          'role="dialog" data-md-component="search"')  # fmt: skip
    with pytest.raises(ThemeChanged, match="search dialog"):
        repair_theme(changed, *labels)
    drawer = raw.replace('class="md-header__button md-icon" for="__drawer"',
                         'class="md-header__button md-icon md-menu" for="__drawer"')  # fmt: skip
    with pytest.raises(ThemeChanged, match="menu button"):
        repair_theme(drawer, *labels)
    # A project that turns search off has no dialog, and nothing to repair there.
    assert 'aria-label="Menu"' in repair_theme(
        raw.replace('data-md-component="search"', ""), *labels
    )


# --- a project made before 0.4, built by today's engine -----------------------------

BEFORE = Path(__file__).resolve().parent / "fixtures" / "before-0.4"
FORMER_COPIES = (
    "docs/assets/print.js",
    "docs/assets/quick-exit.js",
    "overrides/main.html",
    "overrides/partials/alternate.html",
)


def test_a_project_from_before_0_4_builds_and_is_told_how_to_migrate(
    tmp_path: Path, capsys
) -> None:
    """The old shape builds; every part of it today's engine would otherwise take over
    or hide quietly is a finding at its line, and the author's own changes still win."""
    root = tmp_path / "harbor"
    shutil.copytree(BEFORE, root)
    assert main(["-C", str(root), "check"]) == 0
    err = capsys.readouterr().err
    for line in (4, 5, 6):
        assert f"signpost.yml:{line}: setting-renamed (warning) `hotline_locales` is now" in err
    for rel in FORMER_COPIES:
        assert f"{rel}:1: former-engine-copy (warning)" in err, rel
        assert f"delete {rel}." in err, rel
    assert "docs/assets/signpost.css:1:" not in err, "the author's edited copy is theirs"
    for lang in ("en", "es", "ar"):
        found = f"data/strings/{lang}.yml:1: strings-from-engine (warning)"
        assert found in err and "`status_page`" in err, lang
    assert build_site(root, handouts=False) == 0
    en = root / "site" / "en"
    assert "Leave this page now" in (en / "index.html").read_text(encoding="utf-8")
    css = (en / "assets" / "signpost.css").read_text(encoding="utf-8")
    assert ".harbor-note" in css, "the author's stylesheet is the one published"
    old_exit = (root / "docs" / "assets" / "quick-exit.js").read_bytes()
    assert (en / "assets" / "quick-exit.js").read_bytes() == old_exit, "still theirs until deleted"
    status_page = (en / "translation-status" / "index.html").read_text(encoding="utf-8")
    assert ">status_page<" not in status_page, "a string the file lacks is the engine's"
    es_help = (root / "site" / "es" / "lessons" / "spotting-secrets" / "index.html").read_text(
        encoding="utf-8"
    )
    assert 'href="tel:911"' in es_help, "hotline_locales still chooses the countries"

    # The migration, as the findings say it: rename, delete the copies; nothing is left to say.
    config = root / "signpost.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("hotline_locales", "countries"))
    for rel in FORMER_COPIES:
        (root / rel).unlink()
    capsys.readouterr()
    assert main(["-C", str(root), "check"]) == 0
    err = capsys.readouterr().err
    assert "setting-renamed" not in err and "former-engine-copy" not in err
    assert build_site(root, handouts=False) == 0
    engine_exit = (Path(theme.THEME_DIR) / "assets" / "quick-exit.js").read_bytes()
    assert (en / "assets" / "quick-exit.js").read_bytes() == engine_exit
    assert "Leave this page now" in (en / "index.html").read_text(encoding="utf-8")


# --- the wheel, installed on its own -------------------------------------------------


class _Links(HTMLParser):
    """Every address a page loads or links to."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.found.append(value)


def broken_links(site: Path) -> list[str]:
    """Local addresses in any page of `site` that lead to no file: `page -> address`."""
    broken = []
    for page in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for address in parser.found:
            if address.startswith(("#", "data:")) or urlsplit(address).scheme:
                continue
            path = unquote(urlsplit(address).path)
            # An address from the root (the 404 page's) starts at the site's root.
            base = site if path.startswith("/") else page.parent
            target = (base / path.lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {address}")
    return broken


def _counts(site: Path) -> dict[str, tuple[int, int, int]]:
    """Per language: HTML pages, PDFs, offline zips."""
    return {
        lang: tuple(len(list((site / lang).rglob(f"*.{ext}"))) for ext in ("html", "pdf", "zip"))
        for lang in LANGS
    }


@dataclass(frozen=True)
class _Exit:
    """What `_left_cleanly` needs of a destination: where it is."""

    base: str = EXIT_BASE


def _answer_exit(ctx) -> None:
    ctx.route(
        f"{EXIT_BASE}/**",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html; charset=utf-8",
            body="<!doctype html><title>Weather</title><p>Weather</p>",
        ),
    )


@pytest.fixture(scope="session")
def wheel_sites() -> dict[str, Path]:
    """`init` with and without the starter lessons, from the wheel installed on its own,
    then `check --strict` and `signpost build` in each (shared_sites)."""
    work = built_once("wheel")
    return {name: work / name / "site" for name in ("empty", "demo")}


@pytest.fixture(scope="module", params=["demo", "empty"])
def wheel_site(request: pytest.FixtureRequest, wheel_sites: dict[str, Path]) -> Path:
    return wheel_sites[request.param]


@pytest.fixture(scope="session")
def empty_site(wheel_sites: dict[str, Path]) -> Path:
    return wheel_sites["empty"]


@pytest.fixture(scope="session")
def wheel_server(empty_site: Path) -> Iterator[str]:
    """The project `init` makes without lessons, on a loopback port. Its pages (the doors,
    the portals, help, privacy) are `init`'s own, so they are audited here; the lesson
    pages the wheel builds are the shipped site's, audited in test_accessibility."""
    with serve(empty_site) as base:
        yield base


def _pages(site: Path, lang: str) -> list[str]:
    """Every page type the site has in `lang`, under its prefix (lessons only if it has any)."""
    lessons = sorted(p.name for p in (site / lang / "lessons").glob("*") if p.is_dir())
    paths = page_types(lessons[0] if lessons else "", portals=True)
    if not lessons:
        paths = [p for p in paths if not p.startswith("lessons/")]
    return [f"{lang}/{p}" for p in [*paths, "safe-browsing/", "privacy/"]]


def test_the_wheel_builds_a_whole_site_in_every_language(wheel_site: Path) -> None:
    """One `signpost build`: every language's pages, handouts (with the starter lessons)
    and offline zip; a chooser; and no link that leads nowhere."""
    assert "sp-exit" in (wheel_site / "index.html").read_text(encoding="utf-8")
    lessons = sorted((wheel_site / "en" / "lessons").glob("*/index.html"))
    for lang in LANGS:
        home = (wheel_site / lang / "index.html").read_text(encoding="utf-8")
        assert 'class="sp-exit"' in home and "assets/quick-exit.js" in home, lang
        assert (wheel_site / lang / layout.offline_zip(lang)).is_file(), lang
        for lesson in lessons:
            lesson_id = lesson.parent.name
            for paper in layout.PAPERS:
                for pdf in (
                    layout.handout_pdf(lesson_id, paper),
                    layout.plan_pdf(lesson_id, paper),
                ):
                    assert (wheel_site / lang / pdf).stat().st_size > 1000, f"{lang}/{pdf}"
    assert 'dir="rtl"' in (wheel_site / "ar" / "index.html").read_text(encoding="utf-8")
    assert len(lessons) in (0, 15)
    assert broken_links(wheel_site) == []


def test_the_wheel_sites_carry_a_strict_policy(wheel_site: Path) -> None:
    _strict_policy_everywhere(wheel_site)


def test_the_wheel_sites_show_help_on_every_student_page(wheel_site: Path) -> None:
    """The help box with a number to tap, on every lesson; the help page in every language."""
    for lang in LANGS:
        page = (wheel_site / lang / "get-help" / "index.html").read_text(encoding="utf-8")
        assert "sp-countries" in page or "sp-hotlines" in page, lang
    for path in student_pages(wheel_site):
        html = (wheel_site / path / "index.html").read_text(encoding="utf-8")
        box = html[html.index('id="sp-help"') :]
        assert 'href="tel:' in box, path
        assert 'href="../../safe-browsing/"' in box[: box.index("</aside>")], path


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_wheel_sites_have_no_axe_violations(
    browser, axe, empty_site: Path, wheel_server: str, lang: str, width: int
) -> None:
    paths = _pages(empty_site, lang)
    if lang == "en":
        paths.insert(0, "index.html")
    assert audit(browser, axe, wheel_server, paths, width) == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_the_wheel_sites_load_clean_and_exit_quickly(
    browser, empty_site: Path, wheel_server: str, lang: str
) -> None:
    """Every page type within the policy, the exit labelled in the language; then the
    quick exit, by click and by Shift three times, hides, empties and leaves."""
    ctx, page, seen = _open(browser, f"{wheel_server}/{lang}/")
    _answer_exit(ctx)
    exit_destination = _Exit()
    pages = _pages(empty_site, lang)
    for path in pages:
        page.goto(f"{wheel_server}/{path}", wait_until="networkidle")
        assert page.evaluate("window.__violations") == [], path
        assert page.locator(".sp-exit__button").inner_text() == EXIT_LABEL[lang], path
    _clean(page, seen, wheel_server)
    before = f"{wheel_server}/{lang}/"
    page.goto(before, wait_until="networkidle")
    lesson = next((p for p in pages if "/lessons/" in p), pages[-1])
    page.goto(f"{wheel_server}/{lesson}", wait_until="networkidle")
    _seed_storage(page)
    page.locator(".sp-exit__button").click()
    _left_cleanly(page, exit_destination, lang, before)
    page.goto(f"{wheel_server}/{pages[2]}", wait_until="networkidle")
    _seed_storage(page)
    for _ in range(3):
        page.keyboard.press("Shift")
    _left_cleanly(page, exit_destination, lang, before)
    ctx.close()
