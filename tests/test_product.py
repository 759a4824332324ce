"""Signpost as a product: the engine's theme ships in the package, a project overrides it."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO

from signpost import theme
from signpost.build import build_site


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
