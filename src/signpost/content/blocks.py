"""Finding `///` blocks in a lesson body, with their lines, before Markdown sees them.

pymdownx.blocks renders a malformed block as plain text without a word, so the
loader reads the block structure itself: what opened where, with which title and
options, what never closed. Validation turns these facts into findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..safety import safe_yaml

OPEN_RE = re.compile(r"^(/{3,})[ \t]*([A-Za-z][\w-]*)[ \t]*(?:\|(.*))?$")
CLOSE_RE = re.compile(r"^(/{3,})[ \t]*$")
FENCE_RE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
OPTION_RE = re.compile(r"^ {4}\S")
OPTIONAL_RE = re.compile(r"^ {4}optional[ \t]*:")


@dataclass
class Block:
    """One `///` block; lines are 1-based file lines, `end` is the closing fence."""

    name: str
    fence: str
    line: int
    argument: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    options_error: str | None = None
    options_end: int = 0
    end: int | None = None
    parent: int | None = None


@dataclass
class BlockScan:
    blocks: list[Block] = field(default_factory=list)
    stray_closers: list[tuple[int, str]] = field(default_factory=list)

    @property
    def unclosed(self) -> list[Block]:
        return [b for b in self.blocks if b.end is None]


def scan_blocks(body: str, first_line: int = 1) -> BlockScan:
    """Scan `body`, whose first line is line `first_line` of the file."""
    scan = BlockScan()
    stack: list[int] = []
    lines = body.split("\n")
    in_code: str | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        lineno = first_line + i
        fence = FENCE_RE.match(line)
        if in_code:
            if fence and fence.group(1)[0] == in_code[0] and len(fence.group(1)) >= len(in_code):
                in_code = None
            i += 1
            continue
        if fence:
            in_code = fence.group(1)
            i += 1
            continue
        closing = CLOSE_RE.match(line)
        if closing:
            marker = closing.group(1)
            match = next(
                (k for k in range(len(stack) - 1, -1, -1) if scan.blocks[stack[k]].fence == marker),
                None,
            )
            if match is None:
                scan.stray_closers.append((lineno, marker))
            else:
                scan.blocks[stack[match]].end = lineno
                del stack[match:]
            i += 1
            continue
        opening = OPEN_RE.match(line)
        if opening:
            block = Block(
                name=opening.group(2).lower(),
                fence=opening.group(1),
                line=lineno,
                argument=(opening.group(3) or "").strip(" \t") or None,
                parent=stack[-1] if stack else None,
            )
            j = i + 1
            option_lines = []
            while j < len(lines) and OPTION_RE.match(lines[j]):
                option_lines.append(lines[j][4:])
                j += 1
            if option_lines:
                block.options_end = first_line + j - 1
                _parse_options(block, "\n".join(option_lines))
            scan.blocks.append(block)
            stack.append(len(scan.blocks) - 1)
            i = j
            continue
        i += 1
    return scan


def _parse_options(block: Block, text: str) -> None:
    try:
        data = safe_yaml.load(text)
    except safe_yaml.YamlProblem as exc:
        block.options_error = f"options are not valid YAML ({exc.problem})"
        return
    if not isinstance(data, dict):
        block.options_error = "options must be `name: value` lines"
        return
    block.options = data


def strip_blocks(body: str, first_line: int, scan: BlockScan, name: str) -> str:
    """Remove every block called `name` (fences and contents), keeping line count.

    Blank lines replace the removed text so later line numbers stay true.
    """
    lines = body.split("\n")
    for block in scan.blocks:
        if block.name != name or block.end is None:
            continue
        for lineno in range(block.line, block.end + 1):
            lines[lineno - first_line] = ""
    return "\n".join(lines)


def block_inner(body: str, first_line: int, block: Block) -> str:
    """The Markdown inside a closed block, without its fences and option lines."""
    if block.end is None:
        return ""
    start = max(block.line, block.options_end) + 1
    lines = body.split("\n")
    return "\n".join(lines[start - first_line : block.end - first_line])


def unmark_optional(body: str, first_line: int, scan: BlockScan) -> str:
    """The body with every activity's `optional: true` turned to false, keeping line count:
    which activities a session may skip is the facilitator's business, not the student's."""
    lines = body.split("\n")
    for block in scan.blocks:
        if block.name != "activity" or block.options.get("optional") is not True:
            continue
        for lineno in range(block.line + 1, block.options_end + 1):
            index = lineno - first_line
            if OPTIONAL_RE.match(lines[index]):
                lines[index] = "    optional: false"
    return "\n".join(lines)
