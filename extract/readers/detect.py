"""Detect a document's format from its content (the extension is only a hint)."""

from __future__ import annotations

import io
import re
import zipfile

_HTML_RE = re.compile(rb"<\s*(!doctype\s+html|html|head|body|p|div|article|meta|title)[\s>/]", re.I)


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return False
    if b"\x00" in sample:
        # UTF-16 without BOM has a NUL in every other byte
        evens, odds = sample[0::2].count(0), sample[1::2].count(0)
        return not (evens > len(sample) * 0.4 or odds > len(sample) * 0.4)
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > len(sample) * 0.05


def detect_format(data: bytes, name: str = "") -> str | None:
    """Return ``"pdf"``, ``"docx"``, ``"html"``, ``"txt"`` or ``None`` for unknown content."""
    head = data[:1024].lstrip()
    if data[:5] == b"%PDF-" or data[:1024].find(b"%PDF-") >= 0:
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except zipfile.BadZipFile:
            return "docx" if name.lower().endswith(".docx") else None
        if "word/document.xml" in names:
            return "docx"
        return None
    if name.lower().endswith(".docx"):
        return "docx"  # let the reader say what is wrong with it
    if _looks_binary(data):
        return None
    if _HTML_RE.search(head) or _HTML_RE.search(data[:8192]):
        return "html"
    return "txt"
