"""Refresh the starter content the package ships (`src/signpost/starter/`) from the reference
curriculum: its data files, the site pages `signpost init` copies, the starter lessons and
their translation snapshots. Interface strings are not copied: the package's are the originals.

`tests/test_product.py` fails when the two differ; run this, then commit both.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from signpost.starter import PAGES, STARTER, STARTER_PAGES  # noqa: E402


def copy_reference(dest: Path) -> Path:
    """The reference curriculum copied into `dest/project` as a project of its own (what a
    build reads of it, nothing of the checkout's state); the project's folder."""
    root = dest / "project"
    root.mkdir()
    for name in ("lessons", "docs", "data", "overrides"):
        if (REPO / name).is_dir():  # overrides/: only if the curriculum overrides the engine
            shutil.copytree(REPO / name, root / name)
    for name in ("mkdocs.yml", "signpost.yml"):
        shutil.copyfile(REPO / name, root / name)
    return root


def expected() -> dict[str, Path]:
    """Every file the starter should hold, by its path inside `starter/`, and its origin."""
    files: dict[str, Path] = {}
    for path in sorted((REPO / "data").rglob("*")):
        rel = path.relative_to(REPO).as_posix()
        if path.is_file() and not rel.startswith("data/strings/"):
            files[rel] = path
    names = set(PAGES) | set(STARTER_PAGES)
    for path in sorted((REPO / "docs").glob("*.md")):
        if path.name.split(".")[0] in names:
            files[f"docs/{path.name}"] = path
    for path in sorted((REPO / "lessons").rglob("*")):
        if path.is_file():
            files[path.relative_to(REPO).as_posix()] = path
    sources = REPO / ".signpost" / "sources"
    for path in sorted(sources.rglob("*")):
        snapshot = path.relative_to(sources)
        page = snapshot.parts[0].removeprefix("page-")
        if path.is_file() and (not snapshot.parts[0].startswith("page-") or page in names):
            files[f"sources/{snapshot.as_posix()}"] = path
    return files


def main() -> int:
    for top in ("data", "docs", "lessons", "sources"):
        for path in sorted((STARTER / top).rglob("*"), reverse=True):
            if path.is_file() and not path.relative_to(STARTER).as_posix().startswith(
                "data/strings/"
            ):
                path.unlink()
    for rel, origin in expected().items():
        target = STARTER / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(origin, target)
    print(f"sync_starter: {len(expected())} files in {STARTER}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
