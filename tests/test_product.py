"""Signpost as a product: the engine's theme ships in the package, a project overrides it."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import REPO
from sync_starter import expected

from signpost import theme
from signpost.build.build import build_site
from signpost.cli import main
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
    version = importlib.metadata.version("signpost")
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


# --- the wheel, installed on its own -------------------------------------------------


def _run(cmd: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"{' '.join(cmd)}\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def test_the_installed_wheel_inits_and_builds_a_site(tmp_path: Path) -> None:
    """What a second organisation does: the wheel alone, in a fresh environment, with
    nothing of this checkout on the path; `init` with and without the starter lessons,
    then `check` and `build` in each."""
    wheels = tmp_path / "wheels"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    _run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(REPO)],
        tmp_path,
        env,
    )
    (wheel,) = wheels.glob("signpost-*.whl")
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
    fresh = tmp_path / "venv"
    venv.create(fresh, with_pip=True)
    bin_ = fresh / "bin"
    _run(
        [
            str(bin_ / "pip"),
            "install",
            "-q",
            "--disable-pip-version-check",
            "-c",
            str(REPO / "requirements.lock"),
            str(wheel),
        ],
        tmp_path,
        env,
    )
    signpost = str(bin_ / "signpost")
    assert (
        _run([signpost, "--version"], tmp_path, env).strip()
        == f"signpost {wheel.name.split('-')[1]}"
    )
    work = tmp_path / "work"  # not the checkout: nothing of it may be found
    work.mkdir()
    for name, extra, lessons in (("empty", [], 0), ("demo", ["--starter"], 15)):
        # A real-looking address: init's default (example.org) is a placeholder, a warning.
        url = ["--site-url", "https://lessons.harbor-demo.org"]
        _run([signpost, "init", name, "--languages", "en,es,fr,ar", *url, *extra], work, env)
        project = work / name
        assert "0 error(s), 0 warning(s)" in _run([signpost, "check"], project, env)
        out = _run([signpost, "build", "--no-handouts"], project, env)
        assert f"built 4 language(s), {lessons} lessons" in out, out
        site = project / "site"
        chooser = (site / "index.html").read_text(encoding="utf-8")
        assert "sp-exit" in chooser
        for lang in ("en", "es", "fr", "ar"):
            home = (site / lang / "index.html").read_text(encoding="utf-8")
            assert 'class="sp-exit"' in home and "assets/quick-exit.js" in home, lang
            assert "Content-Security-Policy" in home, lang
            assert (site / lang / "assets" / "quick-exit.js").is_file(), lang
            assert (site / lang / "assets" / "signpost.css").is_file(), lang
            help_page = (site / lang / "get-help" / "index.html").read_text(encoding="utf-8")
            assert "sp-countries" in help_page or "sp-hotlines" in help_page, lang
            if lessons:
                page = site / lang / "lessons" / "helping-a-friend" / "index.html"
                assert 'class="sp-help"' in page.read_text(encoding="utf-8"), lang
        assert 'dir="rtl"' in (site / "ar" / "index.html").read_text(encoding="utf-8")
