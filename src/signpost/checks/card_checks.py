"""Checks on cut-out cards: each card printable, each answer a declared pile, translations alike.

A card that is empty or too long would print as a blank or overflowing rectangle, an unknown
pile would leave the plan's answer key wrong, and a translation with other cards would hand
a mixed class different piles; so each is a finding with the card's line.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from ..content import cards
from ..content.lessons import LessonFile
from ..findings import Report

if TYPE_CHECKING:
    from .validate import Context


def check_cards(f: LessonFile, ctx: Context, report: Report) -> None:
    if not f.readable:
        return
    for block in cards.stray(f.scan):
        report.add("cards-outside-activity", f.rel, block.line)
    for block in f.scan.blocks:
        if block.name == cards.NAME and block.argument:
            report.add("cards-format", f.rel, block.line, problem="takes no title after `|`")
    number = 0
    sets = cards.card_sets(f.body, f.body_line, f.scan)
    for card_set in sets:
        for line, problem in card_set.problems:
            report.add("cards-format", f.rel, line, problem=problem)
        if not card_set.cards:
            report.add("cards-format", f.rel, card_set.line, problem="declares no cards")
        for card in card_set.cards:
            number += 1
            _check_card(f, card_set, card, number, report)
    source = ctx.source(f.lesson_id)
    if source is not None and source is not f and source.readable:
        _compare(f, sets, source, report)


def _check_card(
    f: LessonFile, card_set: cards.CardSet, card: cards.Card, number: int, report: Report
) -> None:
    if not card.text:
        report.add("card-empty", f.rel, card.line, number=number)
    elif len(card.text) > cards.MAX_CHARS:
        report.add(
            "card-too-long",
            f.rel,
            card.line,
            number=number,
            length=len(card.text),
            limit=cards.MAX_CHARS,
        )
    if card.category and card.category not in card_set.categories:
        close = difflib.get_close_matches(card.category, card_set.categories, n=1, cutoff=0.6)
        report.add(
            "card-category",
            f.rel,
            card.line,
            number=number,
            category=card.category,
            suggestion=f"; did you mean `{close[0]}`?" if close else "",
        )


def _compare(f: LessonFile, sets: list[cards.CardSet], source: LessonFile, report: Report) -> None:
    """Same activities, same number of cards and piles, each card in the same pile."""
    theirs = {s.activity: s for s in cards.card_sets(source.body, source.body_line, source.scan)}
    ours = {s.activity: s for s in sets}
    activities = [b.line for b in f.scan.blocks if b.name == "activity"]
    for activity in sorted(set(theirs) | set(ours)):
        mine, original = ours.get(activity), theirs.get(activity)
        where = f"activity {activity + 1}"
        if original is None and mine is not None:
            report.add(
                "cards-mismatch",
                f.rel,
                mine.line,
                problem=f"{where} declares cards",
                source=source.rel,
                expected="declares none there",
            )
        elif mine is None and original is not None:
            report.add(
                "cards-mismatch",
                f.rel,
                activities[activity] if activity < len(activities) else f.body_line,
                problem=f"{where} declares no cards",
                source=source.rel,
                expected=f"declares {len(original.cards)} at line {original.line}",
            )
        elif mine is not None and original is not None:
            _compare_set(f, mine, original, source.rel, report)


def _compare_set(
    f: LessonFile, mine: cards.CardSet, original: cards.CardSet, source: str, report: Report
) -> None:
    where = f"activity {mine.activity + 1}"
    if len(mine.cards) != len(original.cards):
        report.add(
            "cards-mismatch",
            f.rel,
            mine.line,
            problem=f"{where} declares {len(mine.cards)} card(s)",
            source=source,
            expected=f"declares {len(original.cards)}",
        )
        return
    if len(mine.categories) != len(original.categories):
        report.add(
            "cards-mismatch",
            f.rel,
            mine.options_line,
            problem=f"{where} sorts into {len(mine.categories)} pile(s)",
            source=source,
            expected=f"sorts into {len(original.categories)}",
        )
        return
    for card, theirs in zip(mine.cards, original.cards, strict=True):
        if _pile(mine, card) != _pile(original, theirs):
            report.add(
                "cards-mismatch",
                f.rel,
                card.line,
                problem=f"this card goes in pile {_pile(mine, card) or 'none'}",
                source=source,
                expected=f"puts it in pile {_pile(original, theirs) or 'none'}, line {theirs.line}",
            )


def _pile(card_set: cards.CardSet, card: cards.Card) -> int:
    """The card's pile by position (1-based), so translated pile names compare; 0 for none."""
    if card.category in card_set.categories:
        return card_set.categories.index(card.category) + 1
    return 0
