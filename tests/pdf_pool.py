"""The suite's PDFs, kept from one run to the next outside the checkout.

Each run's builds keep their state in a fresh folder (tests/conftest.py), where every
project's PDF cache sits at `<XDG_CACHE_HOME>/signpost/<project>/pdf/`, and a build copies
any key another project there has rendered (`signpost.handouts.render.borrow`). Before a run
the kept PDFs are laid out as one more such project; after it, the PDFs this run's projects
hold are kept, with those a run has used in the last two weeks. A key hashes every input
of a PDF and the code that renders and finishes it, so a kept PDF is never a stale one; the
tests that count what a build renders give their project a cache folder of its own.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

POOL = "kept-from-last-run"


def default_home() -> Path:
    """`~/.cache/signpost-tests/pdf` (or under $XDG_CACHE_HOME), read before the suite
    points XDG_CACHE_HOME at its own folder."""
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "signpost-tests" / "pdf"


def _link_or_copy(source: Path, target: Path) -> None:
    """A hard link costs no space; across file systems, a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def seed(kept: Path, cache_home: Path) -> int:
    """Link the kept PDFs in as one more project's cache; the number linked."""
    if not kept.is_dir():
        return 0
    pool = cache_home / "signpost" / POOL / "pdf"
    pool.mkdir(parents=True, exist_ok=True)
    count = 0
    for pdf in kept.glob("*.pdf"):
        if pdf.is_symlink() or not pdf.is_file():
            continue
        _link_or_copy(pdf, pool / pdf.name)
        count += 1
    return count


def harvest(cache_home: Path, kept: Path, days: int = 14) -> int:
    """Keep the PDFs this run's projects hold (rendered, or copied from the pool, so with a
    fresh date), and the kept ones a run used within `days`: a run of a few tests loses
    nothing, and a PDF no run asks for goes. The number kept."""
    found = {
        pdf.name: pdf
        for pdf in sorted((cache_home / "signpost").glob("*/pdf/*.pdf"))
        if pdf.parent.parent.name != POOL and not pdf.is_symlink() and pdf.is_file()
    }
    if not found:
        return 0
    since = time.time() - days * 86400
    if kept.is_dir():
        for pdf in kept.glob("*.pdf"):
            if pdf.name not in found and pdf.is_file() and pdf.stat().st_mtime > since:
                found[pdf.name] = pdf
    kept.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix="pdf-", dir=kept.parent))
    for name, pdf in found.items():
        _link_or_copy(pdf, fresh / name)
    old = kept.with_name(f"{kept.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if kept.exists():
        kept.rename(old)
    fresh.rename(kept)
    shutil.rmtree(old, ignore_errors=True)
    return len(found)
