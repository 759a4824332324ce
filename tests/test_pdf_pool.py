"""The suite's kept PDFs: laid out for the next run's builds to borrow, and kept bounded."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pdf_pool


def _pdf(folder: Path, name: str, age_days: float = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.pdf"
    path.write_bytes(b"%PDF-1.7 " + name.encode())
    then = time.time() - age_days * 86400
    os.utime(path, (then, then))
    return path


def test_kept_pdfs_sit_where_a_build_borrows_from(tmp_path: Path) -> None:
    from signpost.handouts.render import borrow

    kept, home = tmp_path / "kept", tmp_path / "home"
    _pdf(kept, "a" * 64)
    (kept / "link.pdf").symlink_to(kept / f"{'a' * 64}.pdf")
    assert pdf_pool.seed(kept, home) == 1, "a link is never laid out"
    mine = home / "signpost" / "some-project" / "pdf"
    mine.mkdir(parents=True)
    assert borrow(mine, "a" * 64)
    assert (mine / f"{'a' * 64}.pdf").read_bytes() == b"%PDF-1.7 " + b"a" * 64


def test_a_run_keeps_what_it_used_and_what_was_used_lately(tmp_path: Path) -> None:
    kept, home = tmp_path / "kept", tmp_path / "home"
    _pdf(kept, "recent", age_days=3)
    _pdf(kept, "stale", age_days=30)
    pdf_pool.seed(kept, home)
    _pdf(home / "signpost" / "p1" / "pdf", "rendered")
    _pdf(home / "signpost" / "p2" / "pdf", "stale")  # borrowed this run: a fresh copy
    assert pdf_pool.harvest(home, kept) == 3
    assert sorted(p.stem for p in kept.glob("*.pdf")) == ["recent", "rendered", "stale"]
    assert not kept.with_name("kept.old").exists()


def test_a_run_that_made_no_pdf_leaves_the_kept_ones_alone(tmp_path: Path) -> None:
    kept, home = tmp_path / "kept", tmp_path / "home"
    _pdf(kept, "old", age_days=30)
    pdf_pool.seed(kept, home)
    assert pdf_pool.harvest(home, kept) == 0
    assert [p.stem for p in kept.glob("*.pdf")] == ["old"]
