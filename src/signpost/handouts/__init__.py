"""Printable PDFs: a handout and a lesson plan per lesson, language and paper size, and packs.

The site build calls `build_handouts`; `signpost pack` calls `pack_document` and
`render`. Nothing here imports MkDocs.
"""

from .document import Builder, Document, missing_address
from .packs import (
    PackError,
    choose_lessons,
    pack_document,
    parse_date,
    parse_start,
    parse_timing,
    writable,
)
from .render import HandoutError, Stats, render
from .site import Inputs, build_handouts, cache_dir, documents, inputs

__all__ = [
    "Builder",
    "Document",
    "HandoutError",
    "Inputs",
    "PackError",
    "Stats",
    "build_handouts",
    "cache_dir",
    "choose_lessons",
    "documents",
    "inputs",
    "missing_address",
    "pack_document",
    "parse_timing",
    "parse_date",
    "parse_start",
    "render",
    "writable",
]
