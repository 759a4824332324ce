"""`make bench`: Signpost against a plain MkDocs + Material build of the same Markdown.

Absolute times drift on a shared machine, so every figure is also given as a ratio
to a baseline measured in the same run, and A and B alternate. A is `signpost build
--no-handouts`; B is a plain `mkdocs build` per language, one after another, of the
Markdown Signpost generates (student and lesson-plan pages, catalogue, site pages),
dumped once, as ordinary pages with stock Material and the search plugin, without
the Signpost plugin or theme overrides. The table goes to bench/RESULTS.md; its
Lighthouse section is kept as it was.

    python scripts/bench.py [-n 100] [-l 4] [--pairs 3] [--scale 100,200,400]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth_curriculum import REPO, generate, shipped_lessons  # noqa: E402

from signpost.checks import readability  # noqa: E402
from signpost.safety import state  # noqa: E402

RESULTS = REPO / "bench" / "RESULTS.md"
LIGHTHOUSE = "## Lighthouse"
MARKER = "<!-- lighthouse -->"
BIN = Path(sys.executable).parent
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


@dataclass
class Run:
    seconds: float
    peak_rss: int
    output: str
    cpu: float = 0.0
    """User + system seconds of the whole process tree, which a busy machine inflates less."""


def _tree(pid: int) -> list[int]:
    """`pid` and every process below it, from /proc's children lists."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo.extend(int(c) for c in task.read_text().split())
            except OSError:
                continue
    return found


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def run(cmd: list[str], cwd: Path, check: bool = True) -> Run:
    """Wall time and the peak summed resident memory of the whole process tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, sum(_rss(p) for p in _tree(proc.pid)))
            done.wait(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    output, _ = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    if check and proc.returncode:
        raise SystemExit(f"bench: {' '.join(cmd)} failed in {cwd}:\n{output[-3000:]}")
    return Run(seconds, peak, output, cpu)


def signpost(*args: str) -> list[str]:
    return [str(BIN / "signpost"), *args]


# --- B: the same Markdown as ordinary pages -------------------------------------------


def dump_markdown(root: Path, out: Path) -> list[Path]:
    """Write each language's pages as Signpost generates them, with a plain mkdocs.yml.

    The Signpost plugin is loaded in this process only to produce the Markdown
    (`on_config`, `on_files`, `on_page_markdown`); the builds that are timed never load it.
    """
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.pages import Page

    from signpost import theme
    from signpost.project import load_project

    project = load_project(root)
    configs = []
    shutil.rmtree(out, ignore_errors=True)
    for code in project.codes:
        config = load_config(str(root / "mkdocs.yml"))
        config.plugins["signpost"].config["language"] = code  # the plugin's declared option
        config = config.plugins.on_config(config)
        files = config.plugins.on_files(get_files(config), config=config)
        docs = out / code / "docs"
        # The engine's own CSS and scripts ship in the package; the plain build gets them as
        # files of its docs/ (a project's docs/assets/, copied below, still wins).
        shutil.copytree(Path(theme.THEME_DIR) / "assets", docs / "assets")
        for file in files:
            target = docs / file.src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            if file.is_documentation_page():
                page = Page(None, file, config)
                page.read_source(config)
                markdown = config.plugins.on_page_markdown(
                    page.markdown, page=page, config=config, files=files
                )
                meta = {k: v for k, v in page.meta.items() if not k.startswith("signpost_")}
                head = f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n\n" if meta else ""
                target.write_text(head + markdown, encoding="utf-8")
            elif file.abs_src_path and Path(file.abs_src_path).is_relative_to(root):
                shutil.copyfile(file.abs_src_path, target)
        plain = {
            "site_name": config.site_name,
            "site_url": config.site_url,
            "docs_dir": "docs",
            "site_dir": "site",
            "theme": {
                "name": "material",
                "language": code,
                "font": False,
                "features": list(config.theme.get("features") or []),
            },
            "plugins": ["search"],
            "markdown_extensions": [
                {name: config.mdx_configs[name]} if name in config.mdx_configs else name
                for name in config.markdown_extensions
            ],
            "extra_css": [str(x) for x in config.extra_css],
            "extra_javascript": [getattr(x, "path", x) for x in config.extra_javascript],
            "nav": config.nav,
        }
        path = out / code / "mkdocs.yml"
        path.write_text(yaml.safe_dump(plain, allow_unicode=True, sort_keys=False), "utf-8")
        configs.append(path)
    return configs


def plain_build(configs: list[Path]) -> Run:
    """B: one `mkdocs build` per language, one after another, timed as a whole."""
    runs = [run([str(BIN / "mkdocs"), "build", "-q", "-f", str(c)], c.parent) for c in configs]
    return Run(
        sum(r.seconds for r in runs), max(r.peak_rss for r in runs), "", sum(r.cpu for r in runs)
    )


# --- measurements ---------------------------------------------------------------------


@dataclass
class Row:
    what: str
    value: str
    ratio: str
    budget: str = ""
    verdict: str = ""


@dataclass
class Results:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    saved: Callable[[], None] = lambda: None
    """Called after each row, so a run that is stopped still leaves what it measured."""

    def add(self, what: str, value: str, ratio: str, budget: str = "", ok: bool | None = None):
        verdict = "" if ok is None else ("PASS" if ok else "FAIL")
        self.rows.append(Row(what, value, ratio, budget, verdict))
        print(f"bench: {what}: {value} ({ratio}) {budget} {verdict}", flush=True)
        self.saved()


def mb(n: int) -> str:
    return f"{n / 1e6:.0f} MB"


def pairs(root: Path, configs: list[Path], count: int) -> tuple[list[Run], list[Run]]:
    """A, B, A, B…, after one untimed pair that warms the file cache."""
    run(signpost("build", "--no-handouts"), root)
    plain_build(configs)
    a_runs, b_runs = [], []
    for i in range(count):
        a_runs.append(run(signpost("build", "--no-handouts"), root))
        b_runs.append(plain_build(configs))
        print(
            f"bench: pair {i + 1}: A {a_runs[-1].seconds:.1f} s, B {b_runs[-1].seconds:.1f} s",
            flush=True,
        )
    return a_runs, b_runs


def serve_rebuild(root: Path, lesson: str, names: list[str]) -> list[tuple[float, float, str]]:
    """For each of the lesson's files in turn, in one preview: seconds from saving it to
    the preview's rebuilt log line, the seconds that line gives, and the line."""
    with socket.socket() as probe:  # a port nothing else is using
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen(
        signpost("serve", "--addr", f"127.0.0.1:{port}"),
        cwd=root,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: list[str] = []
    ready = threading.Event()
    rebuilt = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line.rstrip())
            if "previewing" in line:
                ready.set()
            elif ready.is_set() and "rebuilt" in line:
                rebuilt.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        if not ready.wait(600):
            raise SystemExit("bench: signpost serve never became ready:\n" + "\n".join(lines))
        time.sleep(1.5)  # let the watcher take its first look at the files
        found = []
        for name in names:
            path = root / "lessons" / lesson / name
            text = path.read_text(encoding="utf-8")
            rebuilt.clear()
            saved = time.perf_counter()
            path.write_text(text.rstrip("\n") + "\n\n(1)\n", encoding="utf-8")
            if not rebuilt.wait(120):
                raise SystemExit("bench: the preview did not rebuild:\n" + "\n".join(lines))
            took = time.perf_counter() - saved
            line = next(x for x in reversed(lines) if "rebuilt" in x)
            logged = float(re.search(r"in ([\d.]+) s", line).group(1))  # type: ignore[union-attr]
            found.append((took, logged, line))
            time.sleep(1.5)
        return found
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(30)


def measure(
    res: Results, n: int, langs: int, pair_count: int, scale: list[int], work: Path
) -> Results:
    res.notes.append(f"Load average when the run began: {_load()}.")
    shipped = len(shipped_lessons())

    # A against B at N lessons.
    root = generate(work / f"n{n}", n, langs)
    configs = dump_markdown(root, work / f"n{n}-plain")
    a_runs, b_runs = pairs(root, configs, pair_count)
    a_med = statistics.median(r.seconds for r in a_runs)
    b_med = statistics.median(r.seconds for r in b_runs)
    per_pair = [a.seconds / b.seconds for a, b in zip(a_runs, b_runs, strict=True)]
    b_cpu = statistics.median(r.cpu for r in b_runs)
    a_cpu = statistics.median(r.cpu for r in a_runs)
    res.add(
        f"B: plain MkDocs + Material, {langs} builds in series, N={n} (median of {pair_count})",
        f"{b_med:.1f} s (CPU {b_cpu:.1f} s)",
        "1.00 (baseline)",
    )
    ratio = a_med / b_med
    res.add(
        f"A: signpost build --no-handouts, N={n} L={langs} (median of {pair_count})",
        f"{a_med:.1f} s (CPU {a_cpu:.1f} s)",
        f"{ratio:.2f}x B; per pair {', '.join(f'{r:.2f}' for r in per_pair)}; "
        f"CPU {a_cpu / b_cpu:.2f}x B",
        "<= 1.0x B (aim 0.8x)",
        max(per_pair) <= 1.0 and ratio <= 1.0,
    )

    # The preview after one edit, on the same project.
    names = ["index.es.md", "index.md"] if langs > 1 else ["index.md"]
    edits = serve_rebuild(root, shipped_lessons()[0], names)
    took, logged, line = edits[0]
    edited = "es" if langs > 1 else "en"
    res.add(
        f"signpost serve: save one lesson's translation to rebuilt, N={n} L={langs}",
        f"{took:.1f} s (log: `{line.strip()}`)",
        f"{took / a_med:.2f}x A",
        "<= 3 s, only the edited language",
        took <= 3.0 and f"rebuilt {edited} in" in line,
    )
    if langs > 1:
        took, logged, line = edits[1]
        res.add(
            f"signpost serve: then save the same lesson's English source, N={n} L={langs}",
            f"{took:.1f} s (log: `{line.strip()}`)",
            f"{took / a_med:.2f}x A",
            "every language changes (translation status)",
        )

    # Scaling.
    by_n: dict[int, Run] = {}
    plain_by_n: dict[int, Run] = {}
    for size in scale:
        root_n = root if size == n else generate(work / f"n{size}", size, langs)
        configs_n = configs if size == n else dump_markdown(root_n, work / f"n{size}-plain")
        by_n[size] = run(signpost("build", "--no-handouts"), root_n)
        plain_by_n[size] = plain_build(configs_n)
        if size != n:
            shutil.rmtree(root_n, ignore_errors=True)
            shutil.rmtree(work / f"n{size}-plain", ignore_errors=True)
    low = min(scale)
    for size in scale:
        a, b = by_n[size], plain_by_n[size]
        growth = a.seconds / by_n[low].seconds
        res.add(
            f"scaling: A at N={size} L={langs}, time",
            f"{a.seconds:.1f} s (B {b.seconds:.1f} s)",
            f"{a.seconds / b.seconds:.2f}x B; {growth:.2f}x A at N={low}",
            f"<= {4.4 * size / 400:.1f}x N={low}" if size == 400 and low == 100 else "",
            growth <= 4.4 if size == 400 and low == 100 else None,
        )
        res.add(
            f"scaling: A at N={size} L={langs}, peak RSS of the process tree",
            mb(a.peak_rss),
            f"{a.peak_rss / max(b.peak_rss, 1):.2f}x B's largest build",
            "<= 1.5 GB" if size == 400 else "",
            a.peak_rss <= 1.5e9 if size == 400 else None,
        )
    shutil.rmtree(root, ignore_errors=True)

    # The shipped curriculum: check alone, then handouts cold and warm.
    ship = generate(work / "shipped", shipped, 4)
    ship_configs = dump_markdown(ship, work / "shipped-plain")
    html_runs, plain_runs = pairs(ship, ship_configs, pair_count)
    html = statistics.median(r.seconds for r in html_runs)
    plain = statistics.median(r.seconds for r in plain_runs)
    res.add(
        f"shipped curriculum ({shipped} lessons x 4): A, HTML only",
        f"{html:.1f} s",
        f"{html / plain:.2f}x B ({plain:.1f} s)",
    )
    (state.project_dir(ship) / readability.GRADES_FILE).unlink(missing_ok=True)
    first = run(signpost("check"), ship)
    checks = [run(signpost("check"), ship) for _ in range(5)]
    check = statistics.median(r.seconds for r in checks)
    res.add(
        "signpost check, shipped curriculum, no reading grades remembered yet",
        f"{first.seconds:.2f} s (CPU {first.cpu:.2f} s)",
        f"{first.seconds / plain:.2f}x B",
    )
    res.add(
        "signpost check, shipped curriculum (median of 5, whole process)",
        f"{check:.2f} s (CPU {statistics.median(r.cpu for r in checks):.2f} s)",
        f"{check / plain:.2f}x B",
        "<= 1 s",
        check <= 1.0,
    )
    shutil.rmtree(state.project_dir(ship), ignore_errors=True)
    cold = run(signpost("build"), ship)
    warm = run(signpost("build"), ship)
    rendered = re.search(r"(\d+) rendered", warm.output)
    res.add(
        "handouts, cold cache, shipped curriculum",
        f"{cold.seconds:.1f} s ({_pdf_summary(cold.output)})",
        f"{cold.seconds / html:.2f}x A HTML only",
    )
    res.add(
        "handouts, warm cache, shipped curriculum",
        f"{warm.seconds:.1f} s ({_pdf_summary(warm.output)})",
        f"{warm.seconds / html:.2f}x A HTML only",
        "0 rendered, <= 1.1x HTML only",
        bool(rendered and rendered.group(1) == "0") and warm.seconds <= 1.1 * html,
    )
    res.notes.append(f"Load average when the run ended: {_load()}.")
    res.notes.append(
        f"Handouts are measured on the shipped curriculum ({shipped} lessons x 4 languages), "
        f"not at N={n}: a cold render of N={n} x {langs} takes many minutes on 2 cores."
    )
    return res


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _pdf_summary(output: str) -> str:
    found = re.search(r"\d+ PDF\(s\): \d+ rendered, \d+ from the cache", output)
    return found.group(0) if found else "no PDF summary"


# --- the table ------------------------------------------------------------------------


def lighthouse_section(old: str) -> str:
    """The Lighthouse section as it stands (another tool fills it), or an empty one."""
    start = old.find(LIGHTHOUSE)
    if start < 0:
        return f"{LIGHTHOUSE}\n\n{MARKER}\n"
    end = old.find("\n## ", start + len(LIGHTHOUSE))
    return old[start:] if end < 0 else old[start : end + 1]


def write(res: Results, args: argparse.Namespace, complete: bool = True) -> None:
    from importlib.metadata import version

    import markdown
    import mkdocs

    from signpost.clock import today

    old = RESULTS.read_text(encoding="utf-8") if RESULTS.is_file() else ""
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` (scripts/bench.py) on {today().isoformat()}: "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, MkDocs "
        f"{mkdocs.__version__}, Material {version('mkdocs-material')}, Markdown "
        f"{markdown.__version__}. Defaults N={args.lessons}, L={args.languages}.",
        "",
        "A is `signpost build --no-handouts`. B is a plain MkDocs + Material build of the",
        "same Markdown (what Signpost generates, dumped once), one `mkdocs build` per language",
        "one after another, stock Material and the search plugin, no Signpost plugin. A and B",
        "alternate after one untimed pair. Times are wall-clock; ratios compare figures from",
        "this same run.",
        "",
        "| measure | value | ratio | budget | |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| {r.what} | {r.value} | {r.ratio} | {r.budget} | {r.verdict} |" for r in res.rows]
    lines.append("")
    if not complete:
        lines += ["**Incomplete:** the run had not finished when this was written.", ""]
    lines += [f"- {note}" for note in res.notes]
    lines.append("")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n" + lighthouse_section(old), encoding="utf-8")
    if complete:
        print(f"bench: wrote {RESULTS.relative_to(REPO)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--lessons", type=int, default=100)
    parser.add_argument("-l", "--languages", type=int, default=4)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--scale", default="100,200,400")
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary one)")
    args = parser.parse_args(argv)
    scale = [int(x) for x in args.scale.split(",") if x]
    work = args.work or Path(tempfile.mkdtemp(prefix="signpost-bench-"))
    res = Results()
    res.saved = lambda: write(res, args, complete=False)
    try:
        measure(res, args.lessons, args.languages, args.pairs, scale, work)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    write(res, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
