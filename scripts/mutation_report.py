"""Write bench/MUTATION.md from the last `mutmut run` (`make mutation`).

mutmut's own counts (`mutmut export-cicd-stats`) and its verdict on each mutant
(`mutmut results --all true`), per module; then every surviving mutant's diff
(`mutmut show`) with the reason it may survive, from bench/mutation-survivors.yml.
A survivor without a reason there is listed as unexplained, and the script exits 1.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from signpost import clock

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "MUTATION.md"
REASONS = ROOT / "bench" / "mutation-survivors.yml"
LINE = re.compile(r"^\s*(?P<name>[\w.]+__mutmut_\d+): (?P<status>[\w ]+?)\s*$")
DETECTED = ("killed", "timeout")


def _mutmut(*args: str) -> str:
    mutmut = Path(sys.executable).with_name("mutmut")
    done = subprocess.run(
        [str(mutmut), *args], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout


def _module(name: str) -> str:
    """`signpost.safety.csp.x_policy__mutmut_3` -> `signpost/safety/csp.py`."""
    parts = name.split(".")
    return "/".join(parts[:-1]) + ".py"


def main() -> int:
    _mutmut("export-cicd-stats")
    stats = json.loads((ROOT / "mutants" / "mutmut-cicd-stats.json").read_text())
    verdicts = {
        m.group("name"): m.group("status")
        for m in map(LINE.match, _mutmut("results", "--all", "true").splitlines())
        if m
    }
    reasons: dict[str, str] = {}
    if REASONS.is_file():
        reasons = yaml.safe_load(REASONS.read_text(encoding="utf-8")) or {}
    by_module: dict[str, Counter[str]] = defaultdict(Counter)
    for name, status in verdicts.items():
        by_module[_module(name)][status] += 1
    total = sum(stats.get(k, 0) for k in stats if isinstance(stats.get(k), int) and k != "total")
    total = stats.get("total", total)
    detected = sum(stats.get(k, 0) for k in DETECTED)
    lines = [
        "# Mutation testing of the trust boundary",
        "",
        f"`make mutation` on {clock.today().isoformat()}: mutmut "
        f"{_mutmut('--version').split()[-1]} mutates the modules in `[tool.mutmut]` "
        "(pyproject.toml) and runs the in-process tests that reach each mutated function. "
        "A mutant is detected when a test fails (killed) or it hangs (timeout).",
        "",
        f"**Score: {detected} of {total} mutants detected "
        f"({100 * detected / max(total, 1):.1f}%).**",
        "",
        "mutmut's own counts (`mutmut export-cicd-stats`):",
        "",
        "```json",
        json.dumps(stats, indent=2, sort_keys=True),
        "```",
        "",
        "| module | mutants | killed | timeout | survived | other | detected |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for module in sorted(by_module):
        c = by_module[module]
        n = sum(c.values())
        other = n - c["killed"] - c["timeout"] - c["survived"]
        share = 100 * (c["killed"] + c["timeout"]) / n
        lines.append(
            f"| `{module}` | {n} | {c['killed']} | {c['timeout']} | {c['survived']} | {other} "
            f"| {share:.1f}% |"
        )
    survivors = sorted(n for n, s in verdicts.items() if s not in DETECTED)
    unexplained = [n for n in survivors if n not in reasons]
    lines += ["", f"## Survivors ({len(survivors)})", ""]
    if not survivors:
        lines.append("None.")
    for name in survivors:
        diff = _mutmut("show", name).strip()
        why = reasons.get(name, "**Unexplained**: no test kills it and no reason is recorded.")
        lines += [f"### `{name}` ({verdicts[name]})", "", why, "", "```diff", diff, "```", ""]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"mutation: {detected}/{total} detected; wrote {OUT.relative_to(ROOT)}")
    if unexplained:
        print(f"mutation: {len(unexplained)} survivor(s) unexplained", file=sys.stderr)
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
