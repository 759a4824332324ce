"""Python-Markdown extension that renders Signpost's `facilitator`, `activity` and `handout` blocks.

It registers three pymdownx.blocks classes. They only render: a malformed block
never reaches here because the loader checks blocks first and the build stops.
Labels are passed in per language by whoever configures Markdown, with that language
(`lang`, `dir`): a lesson shown untranslated keeps its labels in the page's language.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block, type_boolean, type_ranged_integer

DEFAULT_LABELS = {
    "facilitator": "Facilitator notes",
    "activity": "Activity",
    "handout": "Handout",
    "minutes": "{n} min",
    "optional": "optional",
}


def _own(config: dict[str, Any]) -> dict[str, str]:
    """`lang`/`dir` for a label, where the configuration gives the labels' language."""
    return {k: config[k] for k in ("lang", "dir") if config.get(k)}


def _title(parent: etree.Element, css: str, label: str, attrs: dict[str, str]) -> None:
    p = etree.SubElement(parent, "p", {"class": f"sp-block-title {css}", **attrs})
    p.text = label


class FacilitatorBlock(Block):
    NAME = "facilitator"
    ARGUMENT = False

    def on_create(self, parent: etree.Element) -> etree.Element:
        labels = self.config["labels"]
        box = etree.SubElement(
            parent, "aside", {"class": "sp-facilitator", "aria-label": labels["facilitator"]}
        )
        _title(box, "sp-facilitator-title", labels["facilitator"], _own(self.config))
        return box


class HandoutBlock(Block):
    NAME = "handout"
    ARGUMENT = None

    def on_create(self, parent: etree.Element) -> etree.Element:
        labels = self.config["labels"]
        box = etree.SubElement(
            parent, "section", {"class": "sp-handout", "aria-label": labels["handout"]}
        )
        if self.argument:
            _title(box, "sp-handout-title", self.argument, {})
        else:
            _title(box, "sp-handout-title", labels["handout"], _own(self.config))
        return box


class ActivityBlock(Block):
    NAME = "activity"
    ARGUMENT = True
    OPTIONS = {"minutes": [0, type_ranged_integer(0, 240)], "optional": [False, type_boolean]}

    def on_create(self, parent: etree.Element) -> etree.Element:
        labels = self.config["labels"]
        box = etree.SubElement(parent, "section", {"class": "sp-activity"})
        heading = etree.SubElement(
            box, "h3", {"class": "sp-activity-title", "data-toc-label": self.argument}
        )
        kind = etree.SubElement(heading, "span", {"class": "sp-kind", **_own(self.config)})
        kind.text = labels["activity"]
        kind.tail = " " + self.argument + " "
        minutes = etree.SubElement(heading, "span", {"class": "sp-minutes", **_own(self.config)})
        minutes.text = labels["minutes"].format(n=self.options["minutes"])
        if self.options["optional"]:
            minutes.tail = " "
            mark = etree.SubElement(heading, "span", {"class": "sp-optional", **_own(self.config)})
            mark.text = labels["optional"]
        return box


class SignpostBlocksExtension(BlocksExtension):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.config = {
            "labels": [dict(DEFAULT_LABELS), "Block labels in the page's language"],
            "lang": ["", "The labels' language, marked on them when given"],
            "dir": ["", "The labels' direction, marked on them when given"],
        }
        super().__init__(*args, **kwargs)

    def extendMarkdownBlocks(self, md: Any, block_mgr: Any) -> None:  # noqa: N802
        labels = {**DEFAULT_LABELS, **self.getConfig("labels")}
        own = {"lang": self.getConfig("lang"), "dir": self.getConfig("dir")}
        for cls in (FacilitatorBlock, ActivityBlock, HandoutBlock):
            block_mgr.register(cls, {"labels": labels, **own})


def makeExtension(**kwargs: Any) -> SignpostBlocksExtension:  # noqa: N802
    return SignpostBlocksExtension(**kwargs)
