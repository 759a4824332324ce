"""Build state a pull request can commit: never read, never followed, refused by `check`.

Each test plants what a hostile contributor force-added under the git-ignored `.signpost/`
(the old home of every cache) or elsewhere in the checkout, then runs the command a CI
job or a maintainer would, and looks at what ran, what was written and what was published.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_validate import check, edit

from signpost.build.build import build_site
from signpost.checks import readability
from signpost.checks.pipeline import check_project, handed_down, save_checked
from signpost.cli import main
from signpost.handouts import manifest
from signpost.handouts.render import HandoutError, Stats, place
from signpost.safety import state

REPO = Path(__file__).resolve().parent.parent
OLD_CACHE = Path(".signpost") / "cache"


class _Touch:
    """A pickle that creates `marker` when loaded: proof that a file was unpickled."""

    def __init__(self, marker: Path) -> None:
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def git(root: Path, *args: str) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org")
    env.update(GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def test_state_lives_outside_the_project(project: Path) -> None:
    for name in ("templates", "pdf", "preview"):
        folder = state.folder(project, name)
        assert folder.is_dir() and not folder.resolve().is_relative_to(project.resolve())
    assert state.project_dir(project) != state.project_dir(project.parent)


def test_a_committed_template_cache_is_never_loaded(project: Path, tmp_path: Path) -> None:
    """Jinja unpickles a bytecode-cache file before it checks it: a file planted at the
    name the build would look for ran a command in a clean clone's `make site-html`."""
    import jinja2
    from mkdocs.config import load_config

    marker = tmp_path / "ran"
    payload = jinja2.bccache.bc_magic + pickle.dumps(_Touch(marker), 2)
    env = load_config(str(project / "mkdocs.yml"))["theme"].get_env()
    planted = project / OLD_CACHE / "templates"
    planted.mkdir(parents=True)
    cache = jinja2.FileSystemBytecodeCache(str(planted))
    for name in env.list_templates(filter_func=lambda n: n.endswith(".html")):
        filename = env.loader.get_source(env, name)[1]
        (planted / f"__jinja2_{cache.get_cache_key(name, filename)}.cache").write_bytes(payload)
    count = len(list(planted.iterdir()))
    assert count > 50  # every template Material and the overrides have
    assert build_site(project, handouts=False) == 0
    assert not marker.exists(), "a planted bytecode file was unpickled"
    assert all(p.read_bytes() == payload for p in planted.iterdir())
    assert len(list(planted.iterdir())) == count  # and the build wrote nothing there


def test_a_committed_reading_grades_file_cannot_hide_a_grade(project: Path) -> None:
    readability.MEASURES.clear()
    real = check_project(project)
    grades = dict(readability.MEASURES)
    assert grades
    forged = project / OLD_CACHE / readability.GRADES_FILE
    forged.parent.mkdir(parents=True)
    forged.write_text(
        json.dumps({"version": readability._CACHE_VERSION, "grades": dict.fromkeys(grades, 0.0)})
    )
    shutil.rmtree(state.project_dir(project))  # a clean CI machine: nothing remembered
    readability.MEASURES.clear()
    again = check_project(project)
    assert grades == readability.MEASURES
    assert [f.message for f in again.report.findings] == [f.message for f in real.report.findings]


def test_a_committed_pdf_cache_and_manifest_publish_nothing(
    built_site: Path, tmp_path: Path
) -> None:
    """A planted manifest named targets outside `site/` (into `.venv`) and a forged handout;
    a planted link published `.git/config`; a cache folder that was a link made the build
    delete PDFs elsewhere. None of them is read now."""
    root = tmp_path / "project"
    shutil.copytree(built_site.parent, root, symlinks=True)
    shutil.copytree(state.project_dir(built_site.parent), state.project_dir(root))
    secret = tmp_path / "git-config"
    secret.write_text("[http] extraheader = AUTHORIZATION: basic c2VjcmV0\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.pdf").write_bytes(b"%PDF-1.7 someone else's")
    old = root / OLD_CACHE
    old.mkdir(parents=True)
    (old / "pdf").symlink_to(elsewhere)
    forged = "f" * 64
    (elsewhere / f"{forged}.pdf").symlink_to(secret)
    checked = check_project(root)
    from signpost.handouts.site import inputs

    print_ = inputs(checked, list(checked.project.codes)).fingerprint
    entries = [["en", "../../.venv/bin/evil", forged], ["en", "handouts/x-a4.pdf", forged]]
    (elsewhere / f"{manifest.PREFIX}{print_}.json").write_text(json.dumps(entries))
    assert build_site(root) == 0
    assert (elsewhere / "keep.pdf").is_file()
    assert not (root / ".venv").exists()
    for pdf in (root / "site").rglob("*.pdf"):
        assert b"extraheader" not in pdf.read_bytes(), pdf
        twin = built_site / pdf.relative_to(root / "site")
        assert twin.read_bytes() == pdf.read_bytes(), pdf


def test_the_pdf_manifest_and_cache_trust_only_what_the_build_could_have_written(
    tmp_path: Path,
) -> None:
    """Even in the cache folder, a manifest entry must name a handout and a content key,
    and a cached PDF must be a plain file, not a link."""
    key = "a" * 64
    (tmp_path / f"{key}.pdf").write_bytes(b"%PDF")
    for target in ("../../.venv/bin/python", "/etc/passwd", "handouts/../../x.pdf"):
        (tmp_path / "manifest-p.json").write_text(json.dumps([["en", target, key]]))
        assert manifest.recall(tmp_path, "p") is None, target
    (tmp_path / "manifest-p.json").write_text(json.dumps([["en", "handouts/a-a4.pdf", key]]))
    assert manifest.recall(tmp_path, "p") == [("en", "handouts/a-a4.pdf", key)]
    link = "b" * 64
    (tmp_path / f"{link}.pdf").symlink_to(tmp_path / f"{key}.pdf")
    with pytest.raises(HandoutError, match="not a plain file"):
        place(tmp_path, [(link, tmp_path / "out" / "x.pdf")], Stats())
    assert not (tmp_path / "out" / "x.pdf").exists()


def test_mark_current_never_writes_through_a_link(project: Path, tmp_path: Path, capsys) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    sources = project / state.SOURCES
    sources.mkdir(parents=True)
    (sources / "spotting-secrets").symlink_to(outside)
    code = main(["-C", str(project), "translations", "--mark-current", "spotting-secrets", "es"])
    err = capsys.readouterr().err
    assert code == 1 and "link" in err and "Traceback" not in err
    assert list(outside.iterdir()) == []
    assert "source_hash" not in (project / "lessons/spotting-secrets/index.es.md").read_text()
    code, out = check(project, capsys)
    assert code == 1 and ".signpost/sources/spotting-secrets:1: symlink" in out


def test_mark_current_never_reads_a_snapshot_through_a_link(
    project: Path, tmp_path: Path, capsys
) -> None:
    outside = tmp_path / "outside"
    (outside / "spotting-secrets").mkdir(parents=True)
    (outside / "spotting-secrets/0123456789abcdef.txt").write_text("TOP SECRET\n")
    es = "lessons/spotting-secrets/index.es.md"
    edit(project, es, "title:", "source_hash: 0123456789abcdef\ntitle:")
    (project / ".signpost").mkdir()
    (project / state.SOURCES).symlink_to(outside)
    assert main(["-C", str(project), "translations", "--diff", "spotting-secrets", "es"]) == 0
    out = capsys.readouterr().out
    assert "TOP SECRET" not in out and "no snapshot" in out


def test_check_refuses_build_state_that_git_tracks(project: Path, capsys) -> None:
    git(project, "init", "-q")
    (project / state.SOURCES / "spotting-secrets").mkdir(parents=True)
    (project / state.SOURCES / "spotting-secrets" / "0123456789abcdef.txt").write_text("x\n")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "content")
    code, out = check(project, capsys)
    assert code == 0, out
    for rel in (
        ".signpost/cache/templates/__jinja2_0.cache",
        ".signpost/tools/node_modules/.bin/lighthouse",
        ".venv/.installed-1",
        "site/en/index.html",
        "lessons/__pycache__/x.cpython-311.pyc",
    ):
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text("x")
        git(project, "add", "-f", rel)
        git(project, "commit", "-qm", rel)
        code, out = check(project, capsys)
        assert code == 1 and f"{rel}:1: tracked-state" in out and "Traceback" not in out
        git(project, "rm", "-q", rel)
        git(project, "commit", "-qm", f"no {rel}")
    assert check(project, capsys)[0] == 0


def test_make_refuses_to_run_a_committed_venv(project: Path) -> None:
    """`make site` trusts `.venv` once its stamp exists; a committed stamp and a fake
    `signpost` would run as the build. The Makefile asks git first, with the system Python."""
    git(project, "init", "-q")
    (project / ".venv/bin").mkdir(parents=True)
    (project / ".venv/.installed-1").write_text("")
    git(project, "add", "-f", ".venv")
    git(project, "commit", "-qm", "venv")
    shutil.copy(REPO / "Makefile", project)
    shutil.copytree(
        REPO / "src/signpost",
        project / "src/signpost",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    proc = subprocess.run(
        ["make", "-s", "untrusted-state", f"PY={sys.executable}"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert proc.returncode != 0
    assert ".venv/.installed-1:1: tracked-state" in proc.stderr
    assert "refusing to build" in proc.stderr


def test_a_handed_down_check_is_only_one_the_build_wrote_privately(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = check_project(project)
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    handed = private / "checked.pickle"
    save_checked(checked, handed)
    assert handed_down(handed, project) is not None
    inside = project / ".signpost/cache/checked.pickle"
    inside.parent.mkdir(parents=True)
    shutil.copy(handed, inside)
    assert handed_down(inside, project) is None  # never a file in the checkout
    os.chmod(private, 0o777)
    assert handed_down(handed, project) is None  # nor one that others could have replaced


def test_lighthouse_is_never_run_from_the_checkout(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import lighthouse
    finally:
        sys.path.remove(str(REPO / "scripts"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    installed = state.tools() / f"lighthouse-{lighthouse.VERSION}/node_modules/lighthouse"
    installed.mkdir(parents=True)
    (installed / "package.json").write_text(json.dumps({"version": lighthouse.VERSION}))
    binary = lighthouse.lighthouse()
    assert binary.is_relative_to(tmp_path) and not binary.is_relative_to(REPO)


def test_a_pdf_is_borrowed_only_as_a_plain_file_only_this_user_could_write(
    tmp_path: Path,
) -> None:
    """A key another project rendered is copied, not rendered again; a link, or a file
    others could have written, is never taken for it."""
    from signpost.handouts.render import borrow

    mine, theirs = tmp_path / "a" / "pdf", tmp_path / "b" / "pdf"
    mine.mkdir(parents=True)
    theirs.mkdir(parents=True)
    key = "0" * 64
    (theirs / f"{key}.pdf").write_bytes(b"%PDF-1.7 theirs")
    os.chmod(theirs / f"{key}.pdf", 0o664)
    assert not borrow(mine, key), "writable by the group: not taken"
    os.chmod(theirs / f"{key}.pdf", 0o644)
    assert borrow(mine, key)
    assert (mine / f"{key}.pdf").read_bytes() == b"%PDF-1.7 theirs"
    (theirs / f"{key}.pdf").unlink()
    assert (mine / f"{key}.pdf").is_file(), "a copy: the other project pruning takes nothing"
    other = "1" * 64
    (tmp_path / "elsewhere.pdf").write_bytes(b"%PDF-1.7 planted")
    (theirs / f"{other}.pdf").symlink_to(tmp_path / "elsewhere.pdf")
    assert not borrow(mine, other) and not (mine / f"{other}.pdf").exists()
