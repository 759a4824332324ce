"""Where things landed on a printed page, read back from the PDF with pdfplumber.

WeasyPrint draws the SVG QR code as vector path segments, one per run of dark modules;
nothing else on a sheet is drawn from segments that short, so their bounding box is the
code. Text comes back as words with their boxes, as a reader sees them.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber

Box = tuple[float, float, float, float]
MODULE_RUN = 12.0
"""Longest run of dark modules a 27 mm code draws as one segment, in points, and more."""


def qr_box(page: pdfplumber.page.Page) -> Box | None:
    runs = [
        seg
        for seg in page.lines
        if seg["width"] + seg["height"] < MODULE_RUN and seg["top"] < page.height - 50
    ]
    if len(runs) < 50:  # a code has hundreds; a few short rules are not one
        return None
    return (
        min(r["x0"] for r in runs),
        min(r["top"] for r in runs),
        max(r["x1"] for r in runs),
        max(r["bottom"] for r in runs),
    )


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def sheet(pdf: Path) -> tuple[int, bool, list[str]]:
    """Its page count, whether it has a QR code, and every word printed over one (a code
    with text across it may not scan, and the text cannot be read), from one reading."""
    with pdfplumber.open(pdf) as doc:
        boxes = [(number, page, qr_box(page)) for number, page in enumerate(doc.pages, 1)]
        over = [
            f"{pdf.name} page {number}: {word['text']}"
            for number, page, box in boxes
            if box is not None
            for word in page.extract_words()
            if overlaps(box, (word["x0"], word["top"], word["x1"], word["bottom"]))
        ]
        return len(boxes), any(box is not None for _, _, box in boxes), over
