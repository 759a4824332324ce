"""Cut-out cards: the `//// cards` block inside an activity, read into cards with their lines.

A sorting, matching or role-play activity declares its cards as a Markdown list, one item
per card, so the site can print them as a sheet to cut up and list them with their answer
key on the lesson plan. An item may start with `[Category]`, one of the block's `sort:`
piles: that is the answer, which goes on the plan and never on the card a student holds.
Parsing never fails; what it cannot read is kept as a problem for `check` to report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .blocks import Block, BlockScan

NAME = "cards"
MAX_CHARS = 600
"""The longest card, in characters as typed: a scenario or role-play card holds a short story,
which still fits eight lines across the page; a sorting card should stay far below it."""
LONG_CARD = 120
"""A set with a card longer than this prints one card across the page, in a smaller size,
as tall as its text; shorter cards print two across, all the same size, at 16 pt."""

_ITEM = re.compile(r"^(?:[-*+]|\d{1,3}[.)])(?:[ \t]+|$)(.*)$")
_CATEGORY = re.compile(r"^\[([^\[\]]*)\][ \t]*")
_CONTINUED = re.compile(r"^[ \t]+\S")


@dataclass(frozen=True)
class Card:
    """One card: its Markdown text, its answer (a `sort:` pile, or '') and its file line."""

    text: str
    category: str
    line: int


@dataclass
class CardSet:
    """The cards of one activity; `activity` counts the lesson's activities from 0."""

    activity: int
    title: str
    line: int
    options_line: int
    categories: list[str]
    cards: list[Card] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)
    """(line, what is wrong) for text that is not a list item, or a `sort:` that is no list."""

    @property
    def long(self) -> bool:
        return any(len(card.text) > LONG_CARD for card in self.cards)


def card_sets(body: str, first_line: int, scan: BlockScan) -> list[CardSet]:
    """Every `cards` block nested directly in an activity, in the order they appear."""
    activities = [i for i, b in enumerate(scan.blocks) if b.name == "activity"]
    sets = []
    for block in scan.blocks:
        if block.name != NAME or block.end is None or block.parent not in activities:
            continue
        parent = scan.blocks[block.parent]
        sets.append(_read(body, first_line, block, activities.index(block.parent), parent))
    return sets


def stray(scan: BlockScan) -> list[Block]:
    """`cards` blocks that are not directly inside an activity: they would print nowhere."""
    return [
        b
        for b in scan.blocks
        if b.name == NAME and (b.parent is None or scan.blocks[b.parent].name != "activity")
    ]


def _read(body: str, first_line: int, block: Block, index: int, parent: Block) -> CardSet:
    sort = block.options.get("sort", [])
    options_line = block.options_end or block.line
    cards = CardSet(index, parent.argument or "", block.line, options_line, [])
    if isinstance(sort, list) and all(isinstance(c, str) and c.strip() for c in sort):
        cards.categories = [c.strip() for c in sort]
    else:
        cards.problems.append((options_line, "`sort:` must be a list of pile names"))
    lines = body.split("\n")
    start = max(block.line, block.options_end) + 1
    item: list[str] = []
    item_line = 0
    for lineno in range(start, block.end or start):
        line = lines[lineno - first_line]
        match = _ITEM.match(line)
        if match:
            _add(cards, item, item_line)
            item, item_line = [match.group(1).strip()], lineno
        elif item and _CONTINUED.match(line):
            item.append(line.strip())
        elif line.strip():
            _add(cards, item, item_line)
            item = []
            cards.problems.append((lineno, "is not a list item (`- text`)"))
    _add(cards, item, item_line)
    return cards


def _add(cards: CardSet, item: list[str], line: int) -> None:
    if not item:
        return
    text = " ".join(part for part in item if part)
    match = _CATEGORY.match(text)
    category = ""
    if match:
        category, text = match.group(1).strip(), text[match.end() :].strip()
    cards.cards.append(Card(text, category, line))


def replace(body: str, first_line: int, scan: BlockScan, render) -> str:
    """`body` with each activity's `cards` block replaced by `render(card_set, first_number)`.

    Cards are numbered through the whole lesson, the same on the sheet, the plan and the page,
    so a host can sort a mixed pile back.
    """
    lines = body.split("\n")
    number = 1
    by_line = {s.line: s for s in card_sets(body, first_line, scan)}
    for block in scan.blocks:
        if block.name != NAME or block.end is None:
            continue
        chosen = by_line.get(block.line)
        for lineno in range(block.line, block.end + 1):
            lines[lineno - first_line] = ""
        if chosen is not None:
            lines[block.line - first_line] = render(chosen, number)
            number += len(chosen.cards)
    return "\n".join(lines)
