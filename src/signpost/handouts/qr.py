"""QR codes that take a reader from paper back to the lesson online.

segno is pure Python and deterministic, so the same URL always gives the same
bytes and the PDF cache stays valid. The code is embedded as a data: URI, which
the renderer reads without touching the network or the disk.
"""

from __future__ import annotations

import functools

import segno


@functools.lru_cache(maxsize=4096)
def data_uri(url: str) -> str:
    """An SVG QR code for `url`, with medium error correction so a creased page still scans."""
    code = segno.make(url, error="m", micro=False)
    return code.svg_data_uri(scale=4, border=4, dark="#000", light="#fff")
