"""Lighthouse scores for the shipped curriculum, written into bench/RESULTS.md.

Builds the repository's curriculum (HTML only) into a temporary folder, serves it on
loopback without compression, and runs Lighthouse 12.2.3 (mobile defaults, Debian's
Chromium) on the language chooser, the English home page, an English student lesson and
the same lesson in Arabic. Each page is run `--runs` times and the median score of each
category is kept. The "Lighthouse" section of bench/RESULTS.md is replaced; the rest of
the file (written by scripts/bench.py) is kept as it was.

    python scripts/lighthouse.py [--runs 5] [--site site]

Lighthouse is installed with npm into Signpost's cache folder (`~/.cache/signpost/tools`)
on first use: never into the checkout, where a pull request could commit its own.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chromium import CHROMIUM, serve  # noqa: E402
from sync_starter import copy_reference  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "RESULTS.md"
HEADING = "## Lighthouse"
MARKER = "<!-- lighthouse -->"
VERSION = "12.2.3"
LESSON = "online-friends-and-gifts"
PAGES = {
    "language chooser": "index.html",
    "home (en)": "en/",
    "student lesson (en)": f"en/lessons/{LESSON}/",
    "student lesson (ar)": f"ar/lessons/{LESSON}/",
}
CATEGORIES = {
    "performance": "performance",
    "accessibility": "accessibility",
    "best-practices": "best practices",
    "seo": "SEO",
}
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-sync"


def lighthouse() -> Path:
    """The pinned Lighthouse, installed into the cache folder the first time."""
    from signpost.safety import state

    tools = state.tools() / f"lighthouse-{VERSION}"
    binary = tools / "node_modules" / ".bin" / "lighthouse"
    installed = tools / "node_modules" / "lighthouse" / "package.json"
    if installed.is_file() and json.loads(installed.read_text())["version"] == VERSION:
        return binary
    if not shutil.which("npm"):
        sys.exit("lighthouse: npm is needed to install Lighthouse: apt-get install npm")
    tools.mkdir(parents=True, exist_ok=True)
    if not (tools / "package.json").exists():
        (tools / "package.json").write_text('{"private": true}\n')
    subprocess.run(
        ["npm", "i", "-E", f"lighthouse@{VERSION}", "--no-audit", "--no-fund"],
        cwd=tools,
        check=True,
    )
    return binary


def build_shipped(dest: Path) -> Path:
    """The repository's curriculum built without PDFs, as readers get it."""
    from signpost.build.build import build_site

    root = copy_reference(dest)
    if build_site(root, handouts=False) != 0:
        sys.exit("lighthouse: the build failed")
    return root / "site"


def audit(binary: Path, url: str) -> dict:
    """One Lighthouse run at its mobile defaults: the report as JSON."""
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    result = subprocess.run(
        [
            str(binary),
            url,
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"lighthouse: {url} failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout)


def flagged(report: dict) -> list[str]:
    """Audits that lost points in a scored category, by title."""
    out = []
    for key in CATEGORIES:
        for ref in report["categories"][key]["auditRefs"]:
            found = report["audits"][ref["id"]]
            if ref["weight"] and found.get("score") is not None and found["score"] < 1:
                out.append(f"{CATEGORIES[key]}: {found['title']} ({found['id']})")
    return out


def section(
    rows: list[tuple[str, str, dict[str, int], list[str]]], runs: int, load: tuple[float, ...]
) -> str:
    from signpost.clock import today

    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout
    lines = [
        HEADING,
        "",
        MARKER,
        f"Written by `make lighthouse` (scripts/lighthouse.py) on {today().isoformat()}: "
        f"Lighthouse {VERSION}, mobile defaults (simulated slow 4G, mid-range phone), "
        f"{chromium.strip() or 'Chromium'}, the shipped curriculum served on loopback without "
        f"compression. Median of {runs} run(s) per page. Targets: performance ≥ 95, the "
        "others 100. Performance moves with the machine's load (Lighthouse scales its "
        f"simulated phone by the CPU time it observes): load average {load[0]:.1f} before and "
        f"{load[1]:.1f} after, on {os.cpu_count()} cores.",
        "",
        "| page | " + " | ".join(CATEGORIES.values()) + " |",
        "|---|" + "---|" * len(CATEGORIES),
    ]
    for name, path, scores, _ in rows:
        cells = [
            f"{scores[key]}" + ("" if scores[key] >= TARGETS[key] else " (below target)")
            for key in CATEGORIES
        ]
        lines.append(f"| {name} (`{path}`) | " + " | ".join(cells) + " |")
    lines.append("")
    for name, _, _, lost in rows:
        if lost:
            lines.append(f"- {name} lost points on: " + "; ".join(sorted(set(lost))) + ".")
    return "\n".join(lines).rstrip() + "\n"


def write(text: str) -> None:
    """Replace the Lighthouse section of RESULTS.md, keeping everything else."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.is_file() else ""
    start = old.find(HEADING)
    if start < 0:
        new = (old.rstrip() + "\n\n" if old.strip() else "") + text
    else:
        end = old.find("\n## ", start + len(HEADING))
        new = old[:start] + text + ("" if end < 0 else old[end:])
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per page (median kept)")
    parser.add_argument("--site", type=Path, help="a built site/ to audit instead of a fresh build")
    args = parser.parse_args(argv)
    binary = lighthouse()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="signpost-lighthouse-") as tmp:
        site = args.site or build_shipped(Path(tmp))
        rows = []
        with serve(site) as base:
            for name, path in PAGES.items():
                reports = [audit(binary, f"{base}/{path}") for _ in range(args.runs)]
                scores = {
                    key: round(
                        100 * statistics.median(r["categories"][key]["score"] for r in reports)
                    )
                    for key in CATEGORIES
                }
                lost = [item for r in reports for item in flagged(r)]
                print(f"lighthouse: {name}: " + ", ".join(f"{k} {v}" for k, v in scores.items()))
                rows.append((name, path, scores, lost))
    write(section(rows, args.runs, (load_before, os.getloadavg()[0])))
    print(f"lighthouse: wrote {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
