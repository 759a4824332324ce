"""Python-Markdown extension that renders Signpost's `facilitator`, `activity` and `handout` blocks.

It registers three pymdownx.blocks classes. They only render: a malformed block
never reaches here because the loader checks blocks first and the build stops.
Labels are passed in per language by whoever configures Markdown.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block, type_ranged_integer

DEFAULT_LABELS = {
    "facilitator": "Facilitator notes",
    "activity": "Activity",
    "handout": "Handout",
    "minutes": "{n} min",
}


def _title(parent: etree.Element, css: str, label: str) -> None:
    p = etree.SubElement(parent, "p", {"class": f"sp-block-title {css}"})
    p.text = label


class FacilitatorBlock(Block):
    NAME = "facilitator"
    ARGUMENT = False

    def on_create(self, parent: etree.Element) -> etree.Element:
        labels = self.config["labels"]
        box = etree.SubElement(
            parent, "aside", {"class": "sp-facilitator", "aria-label": labels["facilitator"]}
        )
        _title(box, "sp-facilitator-title", labels["facilitator"])
        return box


class HandoutBlock(Block):
    NAME = "handout"
    ARGUMENT = None

    def on_create(self, parent: etree.Element) -> etree.Element:
        labels = self.config["labels"]
        box = etree.SubElement(
            parent, "section", {"class": "sp-handout", "aria-label": labels["handout"]}
        )
        _title(box, "sp-handout-title", self.argument or labels["handout"])
        return box


class ActivityBlock(Block):
    NAME = "activity"
    ARGUMENT = True
    OPTIONS = {"minutes": [0, type_ranged_integer(0, 240)]}

    def on_create(self, parent: etree.Element) -> etree.Element:
        labels = self.config["labels"]
        box = etree.SubElement(parent, "section", {"class": "sp-activity"})
        heading = etree.SubElement(
            box, "h3", {"class": "sp-activity-title", "data-toc-label": self.argument}
        )
        kind = etree.SubElement(heading, "span", {"class": "sp-kind"})
        kind.text = labels["activity"]
        kind.tail = " " + self.argument + " "
        minutes = etree.SubElement(heading, "span", {"class": "sp-minutes"})
        minutes.text = labels["minutes"].format(n=self.options["minutes"])
        return box


class SignpostBlocksExtension(BlocksExtension):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.config = {"labels": [dict(DEFAULT_LABELS), "Block labels in the page's language"]}
        super().__init__(*args, **kwargs)

    def extendMarkdownBlocks(self, md: Any, block_mgr: Any) -> None:  # noqa: N802
        labels = {**DEFAULT_LABELS, **self.getConfig("labels")}
        for cls in (FacilitatorBlock, ActivityBlock, HandoutBlock):
            block_mgr.register(cls, {"labels": labels})


def makeExtension(**kwargs: Any) -> SignpostBlocksExtension:  # noqa: N802
    return SignpostBlocksExtension(**kwargs)
