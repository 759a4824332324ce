"""What WeasyPrint 70 leaves out of PDF/UA-1, put right in the finished file with pikepdf.

Three gaps, each found in WeasyPrint's own code (`pdf/fonts.py`, `draw/text.py`,
`pdf/tags.py`) and measured on the shipped curriculum:

- **Glyph text.** WeasyPrint gives a shaped cluster's text to one of its glyphs and an
  empty string to the others, and keeps whatever a glyph got the first time for the whole
  document. In "شيئًا" the medial yeh-hamza shares a cluster with its tanween, so it maps
  to nothing, and every later "أسئلة" reads "أس لة"; the tanween mark maps to "ئً" and
  adds a letter wherever it appears. Each glyph the font's cmap reaches is mapped back to
  the character it draws (see `_drawn` for presentation forms).
- **Table headers.** TH elements get no /Scope; it is worked out from the /Headers links
  WeasyPrint writes from the HTML `scope` attribute.
- **Running footers.** Margin-box content is marked as real content (/P with an MCID)
  but hung on no structure element, so checkers call it untagged and some readers speak
  it on every page. Content the structure tree cannot reach becomes a pagination artifact.
"""

from __future__ import annotations

import functools
import io
import re
import unicodedata
from collections.abc import Iterator

import pikepdf
from pikepdf import Array, Dictionary, Name, Object

_BFCHAR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>")
_BFRANGE = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>")
_CMAP_HEAD = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <ffff>
endcodespacerange
"""
_CMAP_TAIL = b"""endcmap
CMapName currentdict /CMap defineresource pop
end
end
"""


def finish(data: bytes) -> bytes:
    """The PDF `data` with every glyph mapped to text, every TH scoped and every piece of
    content either in the structure tree or an artifact."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for font in _type0_fonts(pdf):
            remap_glyphs(pdf, font)
        root = pdf.Root.get("/StructTreeRoot")
        if root is not None:
            reachable = _reachable(root)
            for element in reachable.values():
                if element.get("/S") == "/Table":
                    scope_headers(element)
            _artifact_orphans(pdf, root, reachable)
        out = io.BytesIO()
        # The ID is worked out from the content, so the same input gives the same bytes.
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


# Glyph text ------------------------------------------------------------------------------


def _type0_fonts(pdf: pikepdf.Pdf) -> Iterator[Dictionary]:
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        for resources in _resources(page.obj):
            for font in resources.get("/Font", Dictionary()).values():
                if font.objgen in seen or font.get("/Subtype") != "/Type0":
                    continue
                seen.add(font.objgen)
                yield font


def _resources(holder: Object) -> Iterator[Dictionary]:
    """A page's resources and those of the forms it draws, depth first."""
    resources = holder.get("/Resources")
    if resources is None:
        return
    yield resources
    for xobject in resources.get("/XObject", Dictionary()).values():
        if xobject.get("/Subtype") == "/Form" and xobject.objgen != holder.objgen:
            yield from _resources(xobject)


def read_to_unicode(data: bytes) -> dict[int, str]:
    """A ToUnicode CMap as glyph code -> text (bfchar and bfrange entries)."""
    mapping: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for code, text in _BFCHAR.findall(block):
            mapping[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for low, high, start in _BFRANGE.findall(block):
            first = bytes.fromhex(start.decode()).decode("utf-16-be") or "\0"
            for step in range(int(high, 16) - int(low, 16) + 1):
                mapping[int(low, 16) + step] = first[:-1] + chr(ord(first[-1]) + step)
    return mapping


def write_to_unicode(mapping: dict[int, str]) -> bytes:
    lines = [_CMAP_HEAD]
    items = sorted(mapping.items())
    for start in range(0, len(items), 100):  # at most 100 entries a block
        batch = items[start : start + 100]
        lines.append(f"{len(batch)} beginbfchar\n".encode())
        for code, text in batch:
            lines.append(f"<{code:04x}> <{text.encode('utf-16-be').hex()}>\n".encode())
        lines.append(b"endbfchar\n")
    lines.append(_CMAP_TAIL)
    return b"".join(lines)


def _drawn(code_point: int) -> str:
    """The text a glyph reached by `code_point` stands for.

    A presentation form is its letters (a contextual Arabic form its letter, the fi
    ligature "fi"), except an Arabic ligature (lam-alef, shadda with a vowel): poppler
    reverses a right-to-left glyph's letters along with the line, so "لا" would read "ال".
    It keeps its own code point, which every reader puts in order and NFKC turns back into
    its letters.
    """
    char = chr(code_point)
    if not (0xFB00 <= code_point <= 0xFDFF or 0xFE70 <= code_point <= 0xFEFF):
        return char
    letters = unicodedata.normalize("NFKC", char)
    return char if code_point >= 0xFB50 and len(letters.strip()) > 1 else letters.strip() or char


@functools.lru_cache(maxsize=64)
def _glyph_texts(font_program: bytes) -> dict[int, list[str]]:
    """For each glyph of an embedded TrueType program, the texts its cmap maps onto it,
    plain characters before presentation forms."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(font_program), lazy=True)
    texts: dict[int, list[str]] = {}
    if "cmap" not in font:
        return texts
    for code_point, name in sorted(font.getBestCmap().items()):
        texts.setdefault(font.getGlyphID(name), []).append(_drawn(code_point))
    return texts


def corrected(mapping: dict[int, str], glyph_texts: dict[int, list[str]]) -> dict[int, str]:
    """`mapping` with each glyph the cmap reaches mapped to what it draws.

    WeasyPrint's text stays where it agrees with the glyph: it is one of the glyph's
    characters, or the mirror of one (a parenthesis in right-to-left text is drawn with
    the other parenthesis's glyph). Glyphs the cmap does not reach (ligatures made only
    by the font's substitutions) keep WeasyPrint's cluster text.
    """
    fixed = dict(mapping)
    for code, text in mapping.items():
        candidates = glyph_texts.get(code)
        if not candidates:
            continue
        mirrored = len(text) == 1 and unicodedata.mirrored(text)
        if text in candidates or (mirrored and _mirror(text) in candidates):
            continue
        fixed[code] = candidates[0]
    return fixed


_MIRRORS = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))


def _mirror(char: str) -> str:
    return _MIRRORS.get(char, char)


def remap_glyphs(pdf: pikepdf.Pdf, font: Dictionary) -> None:
    """Rewrite a Type0 font's ToUnicode so each glyph maps to the text it draws."""
    descendant = font.DescendantFonts[0]
    program = descendant.get("/FontDescriptor", Dictionary()).get("/FontFile2")
    stream = font.get("/ToUnicode")
    if program is None or stream is None:
        return
    mapping = read_to_unicode(stream.read_bytes())
    fixed = corrected(mapping, _glyph_texts(program.read_bytes()))
    if fixed != mapping:
        font.ToUnicode = pdf.make_stream(write_to_unicode(fixed))


# Table headers ---------------------------------------------------------------------------


def _kids(element: Dictionary) -> list[Object]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def _rows(table: Dictionary) -> list[Dictionary]:
    rows = []
    for kid in _kids(table):
        if not isinstance(kid, Dictionary):
            continue
        if kid.get("/S") == "/TR":
            rows.append(kid)
        elif kid.get("/S") in ("/THead", "/TBody", "/TFoot"):
            rows.extend(_rows(kid))
    return rows


def _cells(row: Dictionary) -> list[Dictionary]:
    return [k for k in _kids(row) if isinstance(k, Dictionary) and k.get("/S") in ("/TH", "/TD")]


def _table_attributes(cell: Dictionary) -> Dictionary:
    """The cell's /Table attribute dictionary, made if it has none."""
    attrs = cell.get("/A")
    for each in attrs if isinstance(attrs, Array) else [attrs]:
        if isinstance(each, Dictionary) and each.get("/O") == "/Table":
            return each
    table = Dictionary(O=Name.Table)
    if attrs is None:
        cell.A = table
    elif isinstance(attrs, Array):
        attrs.append(table)
    else:
        cell.A = Array([attrs, table])
    return table


def scope_headers(table: Dictionary) -> None:
    """Give every TH a /Scope: /Row when a data cell of its own row names it in /Headers,
    /Column when one of another row does, /Both for both; one nobody names is a column
    header in a header row or a row of headers, otherwise a row header."""
    rows = [_cells(row) for row in _rows(table)]
    scopes: dict[bytes, set[str]] = {}
    for index, cells in enumerate(rows):
        for cell in cells:
            if cell.get("/S") != "/TD":
                continue
            for key in _table_attributes(cell).get("/Headers", Array()):
                scopes.setdefault(bytes(key), set()).add(str(index))
    for index, (row, cells) in enumerate(zip(_rows(table), rows, strict=True)):
        for cell in cells:
            if cell.get("/S") != "/TH":
                continue
            users = scopes.get(bytes(cell.get("/ID", b"")), set())
            same, other = str(index) in users, bool(users - {str(index)})
            if same and other:
                scope = Name.Both
            elif same:
                scope = Name.Row
            elif other:
                scope = Name.Column
            else:
                head = row.get("/P") is not None and row.P.get("/S") == "/THead"
                all_headers = all(c.get("/S") == "/TH" for c in cells)
                scope = Name.Column if head or all_headers else Name.Row
            _table_attributes(cell).Scope = scope


# Running headers and footers -------------------------------------------------------------


def _reachable(root: Dictionary) -> dict[tuple[int, int], Dictionary]:
    """Every structure element the tree reaches from its root, by object id."""
    found: dict[tuple[int, int], Dictionary] = {}
    todo = _kids(root)
    while todo:
        kid = todo.pop()
        if not isinstance(kid, Dictionary) or kid.get("/Type") in ("/MCR", "/OBJR"):
            continue
        if kid.objgen != (0, 0) and kid.objgen in found:
            continue
        found[kid.objgen] = kid
        todo.extend(_kids(kid))
    return found


def _parent_tree(node: Dictionary) -> Iterator[tuple[int, Object]]:
    """The number tree's (key, value) pairs."""
    nums = node.get("/Nums", Array())
    for i in range(0, len(nums) - 1, 2):
        yield int(nums[i]), nums[i + 1]
    for kid in node.get("/Kids", Array()):
        yield from _parent_tree(kid)


def _artifact_orphans(
    pdf: pikepdf.Pdf, root: Dictionary, reachable: dict[tuple[int, int], Dictionary]
) -> None:
    """Mark content whose structure element hangs outside the tree as a pagination artifact
    and drop it from the parent tree (PDF 1.7 has no place for artifacts in the tree)."""
    tree = root.get("/ParentTree")
    if tree is None:
        return
    parents = dict(_parent_tree(tree))
    for number, page in enumerate(pdf.pages):
        key = page.obj.get("/StructParents", number)
        elements = parents.get(int(key))
        if not isinstance(elements, Array):
            continue
        orphans = {
            mcid
            for mcid, element in enumerate(elements)
            if isinstance(element, Dictionary) and element.objgen not in reachable
        }
        if not orphans:
            continue
        _rewrite_marks(pdf, page, orphans)
        for mcid in orphans:
            elements[mcid] = pikepdf.Object.parse(b"null")


_MARK = re.compile(rb"/[A-Za-z]+\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")
_PAGINATION = b"/Artifact <</Type /Pagination>> BDC"


def _rewrite_marks(pdf: pikepdf.Pdf, page: pikepdf.Page, orphans: set[int]) -> None:
    """Turn the marks of `orphans` into pagination artifacts.

    WeasyPrint writes a mark as `/Tag <</MCID n>> BDC` and its text as hex strings, so
    those bytes cannot occur inside text; matching them is ten times faster than parsing
    a page of text. A page where any orphan is written otherwise is parsed in full.
    """
    if "/Contents" not in page.obj:
        return
    if not isinstance(page.obj.Contents, Array):
        data = page.obj.Contents.read_bytes()
        found: set[int] = set()

        def swap(match: re.Match[bytes]) -> bytes:
            if int(match.group(1)) not in orphans:
                return match.group(0)
            found.add(int(match.group(1)))
            return _PAGINATION

        rewritten = _MARK.sub(swap, data)
        if found == orphans:
            page.obj.Contents = pdf.make_stream(rewritten)
            return
    pagination = Dictionary(Type=Name.Pagination)
    instructions = []
    for operands, operator in pikepdf.parse_content_stream(page):
        if operator == pikepdf.Operator("BDC") and len(operands) == 2:
            props = operands[1]
            if isinstance(props, Dictionary) and int(props.get("/MCID", -1)) in orphans:
                operands = [Name.Artifact, pagination]
        instructions.append((operands, operator))
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
