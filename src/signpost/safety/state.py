"""Where builds keep what they write for themselves: outside the project, never in a checkout.

A pull request can add any file to a checkout, `.gitignore` or not, so nothing a build
reads back as its own state (compiled templates, PDFs, reading grades, the preview, the
check it hands to each language's build, the tools it installs) may live there. It lives
in the user's cache folder instead, one folder per project, keyed by the project's path.
`tracked` names the build state a project has committed, which `check` and `make` refuse.

This module uses the standard library alone: the Makefile runs it with the system
Python before it trusts the project's `.venv`.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

STATE_PATHS = (".venv", "site", ".signpost")
"""Top-level paths that only a build or `make` writes (with `.site-*` staging folders)."""
SOURCES = ".signpost/sources"
"""The one committed part of `.signpost/`: source snapshots for translators, which are content."""
_SNAPSHOT = re.compile(r"\.signpost/sources/[a-z0-9][a-z0-9-]*/[0-9a-f]{16}\.txt")
_BYTECODE = re.compile(r"(^|/)(__pycache__/|[^/]*\.py[co]$)")


def home() -> Path:
    """Signpost's cache folder: `$XDG_CACHE_HOME/signpost`, else `~/.cache/signpost`."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home folder: a per-user folder in the system's temp
            base = os.path.join(tempfile.gettempdir(), f"cache-{os.getuid()}")
    return Path(base).resolve() / "signpost"


def project_dir(root: Path | str) -> Path:
    """This project's own cache folder. A copy of the project elsewhere starts cold."""
    real = os.path.realpath(root)
    return home() / hashlib.sha256(real.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def folder(root: Path | str, name: str) -> Path:
    """`project_dir(root) / name`, created private to this user."""
    path = project_dir(root) / name
    if path.resolve().is_relative_to(os.path.realpath(root)):
        raise StateError(
            f"the cache folder {path} is inside the project; set XDG_CACHE_HOME to a "
            "folder outside it"
        )
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def tools() -> Path:
    """Maintainer tools (Lighthouse), shared by every project of this user."""
    path = home() / "tools"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


class StateError(Exception):
    """The build has nowhere safe to keep its state."""


def tracked(root: Path | str) -> list[str]:
    """Files git tracks that only a build writes: a pull request's forged cache, venv or
    bytecode. Empty outside a git work tree (a tarball has no history to forge)."""
    try:
        listed = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z"],
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    found = []
    for name in listed.decode("utf-8", "surrogateescape").split("\0"):
        top = name.split("/", 1)[0]
        state = top in STATE_PATHS or top.startswith(".site-") or _BYTECODE.search(name)
        if state and not _SNAPSHOT.fullmatch(name):
            found.append(name)
    return found


def main() -> int:
    """`python3 -I src/signpost/safety/state.py [ROOT]`: exit 1, naming them, if build state is
    tracked."""
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    found = tracked(root)
    for name in found[:10]:
        print(f"{name}:1: tracked-state git tracks a file only a build writes", file=sys.stderr)
    if found:
        print(
            f"make: refusing to build: {len(found)} file(s) of build state are committed "
            "(caches, .venv, site/, bytecode). Remove them with `git rm -r --cached` and "
            "review where they came from.",
            file=sys.stderr,
        )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
