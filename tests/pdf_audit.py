"""What a screen reader and a text search get from a PDF, read with pypdf alone.

The handouts are written by WeasyPrint and finished with pikepdf; this reads them back
with a third library, so a check here never agrees with the writer by sharing its code.
`python tests/pdf_audit.py SITE` counts the problems over every PDF under SITE.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, IndirectObject

_BFCHAR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>")
_BFRANGE = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>")
HEADINGS = {f"/H{n}": n for n in range(1, 7)}


def _resolve(obj: object) -> object:
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def to_unicode(font: DictionaryObject) -> dict[int, str]:
    """A font's ToUnicode CMap as code -> text; a code missing here has no text at all."""
    stream = font.get("/ToUnicode")
    if stream is None:
        return {}
    data = _resolve(stream).get_data()
    mapping: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for code, text in _BFCHAR.findall(block):
            mapping[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for low, high, start in _BFRANGE.findall(block):
            first = bytes.fromhex(start.decode()).decode("utf-16-be")
            for offset in range(int(high, 16) - int(low, 16) + 1):
                mapping[int(low, 16) + offset] = first[:-1] + chr(ord(first[-1]) + offset)
    return mapping


@dataclass
class Run:
    """Text drawn inside one marked-content sequence (or outside any)."""

    page: int
    mcid: int | None
    artifact: bool
    text: str = ""


@dataclass
class Audit:
    """One PDF as assistive technology sees it."""

    path: Path
    runs: list[Run] = field(default_factory=list)
    unmapped: Counter[str] = field(default_factory=Counter)
    """Glyphs with no text behind them, by font."""
    headings: list[int] = field(default_factory=list)
    th_scopes: list[str] = field(default_factory=list)
    """Each TH's /Scope, in reading order ("" for none)."""
    reachable_mcids: set[tuple[int, int]] = field(default_factory=set)
    page_count: int = 0

    @property
    def th_without_scope(self) -> int:
        return sum(1 for scope in self.th_scopes if scope not in ("/Row", "/Column", "/Both"))

    @property
    def unmapped_total(self) -> int:
        return sum(self.unmapped.values())

    def heading_skips(self) -> list[tuple[int, int]]:
        """Each (from, to) where a heading goes more than one level deeper than the last
        (a document also starts at H1)."""
        skips, last = [], 0
        for level in self.headings:
            if level > last + 1:
                skips.append((last, level))
            last = level
        return skips

    def tagged_text(self, page: int | None = None) -> str:
        """Text a screen reader reaches through the structure tree."""
        return " ".join(
            r.text
            for r in self.runs
            if r.mcid is not None
            and (r.page, r.mcid) in self.reachable_mcids
            and (page is None or r.page == page)
        )

    def artifact_text(self, page: int) -> str:
        return " ".join(r.text for r in self.runs if r.artifact and r.page == page)

    def untagged_content(self) -> list[Run]:
        """Text that is neither an artifact nor reachable from the structure tree: a
        checker flags it, and some readers speak it anyway."""
        return [
            r
            for r in self.runs
            if r.text.strip()
            and not r.artifact
            and (r.mcid is None or (r.page, r.mcid) not in self.reachable_mcids)
        ]


def _fonts(resources: DictionaryObject) -> dict[str, tuple[DictionaryObject, dict[int, str]]]:
    fonts = _resolve(resources.get("/Font", DictionaryObject())) or DictionaryObject()
    found = {}
    for name, ref in fonts.items():
        font = _resolve(ref)
        found[name] = (font, to_unicode(font))
    return found


def _codes(font: DictionaryObject, data: bytes) -> list[int]:
    if font.get("/Subtype") == "/Type0":
        return [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data) - 1, 2)]
    return list(data)


def _read_stream(audit: Audit, page: int, content: object, resources: DictionaryObject) -> None:
    fonts = _fonts(resources)
    stack: list[Run] = []
    font: tuple[DictionaryObject, dict[int, str]] | None = None
    outside = Run(page, None, False)
    for operands, operator in ContentStream(content, None).operations:
        if operator in (b"BDC", b"BMC"):
            tag = operands[0]
            props = operands[1] if len(operands) > 1 else None
            mcid = props.get("/MCID") if isinstance(props, DictionaryObject) else None
            artifact = tag == "/Artifact" or any(r.artifact for r in stack)
            run = Run(page, int(mcid) if mcid is not None else None, artifact)
            stack.append(run)
            audit.runs.append(run)
        elif operator == b"EMC" and stack:
            stack.pop()
        elif operator == b"Tf":
            font = fonts.get(operands[0])
        elif operator in (b"Tj", b"TJ", b"'", b'"') and font is not None:
            parts = operands[0] if operator == b"TJ" else operands[-1:]
            target = next((r for r in reversed(stack) if r.mcid is not None), None)
            target = target or (stack[-1] if stack else outside)
            for part in parts if isinstance(parts, (list, ArrayObject)) else [parts]:
                if isinstance(part, (int, float)) or not hasattr(part, "original_bytes"):
                    if isinstance(part, (int, float)) and part < -200:
                        target.text += " "
                    continue
                for code in _codes(font[0], part.original_bytes):
                    text = font[1].get(code, "")
                    if not text.strip("\x00\ufffd\ufeff"):
                        audit.unmapped[str(font[0].get("/BaseFont"))] += 1
                    target.text += text
    if outside.text.strip():
        audit.runs.append(outside)


def _walk(audit: Audit, element: object, page_numbers: dict[int, int], page: int) -> None:
    element = _resolve(element)
    if isinstance(element, (list, ArrayObject)):
        for kid in element:
            _walk(audit, kid, page_numbers, page)
        return
    if isinstance(element, int):
        audit.reachable_mcids.add((page, element))
        return
    if not isinstance(element, DictionaryObject):
        return
    if "/Pg" in element:
        page = page_numbers.get(element.raw_get("/Pg").idnum, page)
    if element.get("/Type") == "/MCR":
        audit.reachable_mcids.add((page, int(element["/MCID"])))
        return
    kind = element.get("/S")
    if kind in HEADINGS:
        audit.headings.append(HEADINGS[kind])
    if kind == "/TH":
        attrs = _resolve(element.get("/A"))
        attrs = attrs if isinstance(attrs, (list, ArrayObject)) else [attrs]
        tables = [
            _resolve(a)
            for a in attrs
            if isinstance(_resolve(a), DictionaryObject) and _resolve(a).get("/O") == "/Table"
        ]
        audit.th_scopes.append(next((str(t["/Scope"]) for t in tables if "/Scope" in t), ""))
    if "/K" in element:
        _walk(audit, element["/K"], page_numbers, page)


def audit(path: Path) -> Audit:
    """Read `path`: every glyph's text, the marked content, and the structure tree."""
    reader = PdfReader(path)
    result = Audit(path, page_count=len(reader.pages))
    page_numbers = {}
    for number, page in enumerate(reader.pages):
        page_numbers[page.indirect_reference.idnum] = number
        resources = _resolve(page.get("/Resources", DictionaryObject()))
        contents = page.get_contents()
        if contents is not None:
            _read_stream(result, number, contents, resources)
    root = reader.trailer["/Root"].get("/StructTreeRoot")
    if root is not None:
        _walk(result, _resolve(root).get("/K"), page_numbers, 0)
    return result


def main(folder: str) -> int:
    """Count, over every PDF under `folder`, the PDFs (and occurrences) with each problem."""
    pdfs = sorted(Path(folder).rglob("*.pdf"))
    totals: Counter[str] = Counter()
    for pdf in pdfs:
        found = audit(pdf)
        lang = pdf.relative_to(folder).parts[0]
        if found.unmapped_total:
            totals[f"{lang} PDFs with unmapped glyphs"] += 1
            totals[f"{lang} unmapped glyphs"] += found.unmapped_total
        totals["PDFs with skipped heading levels"] += bool(found.heading_skips())
        totals["PDFs with a TH lacking Scope"] += bool(found.th_without_scope)
        totals["TH lacking Scope"] += found.th_without_scope
        totals["PDFs with untagged, non-artifact text"] += bool(found.untagged_content())
    print(f"{len(pdfs)} PDFs")
    for name, count in sorted(totals.items()):
        print(f"{count:6d}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
