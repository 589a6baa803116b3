"""Detect a document's format from its content (the extension is only a hint)."""

from __future__ import annotations

import io
import re
import zipfile

_HTML_RE = re.compile(rb"<\s*(!doctype\s+html|html|head|body|p|div|article|meta|title)[\s>/]", re.I)

#: the first bytes of the image formats read by OCR
IMAGE_SIGNATURES: dict[bytes, str] = {
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
    b"II+\x00": "TIFF",
    b"MM\x00+": "TIFF",
    b"GIF87a": "GIF",
    b"GIF89a": "GIF",
}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_BMP_HEADER_SIZES = {12, 40, 52, 56, 64, 108, 124}


def image_kind(data: bytes) -> str | None:
    """``"PNG"``, ``"JPEG"``, ``"TIFF"``, ``"GIF"``, ``"BMP"`` or ``"WEBP"`` from the first bytes, else ``None``."""
    for signature, kind in IMAGE_SIGNATURES.items():
        if data.startswith(signature):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    if data[:2] == b"BM" and len(data) > 18 and int.from_bytes(data[14:18], "little") in _BMP_HEADER_SIZES:
        return "BMP"
    return None


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


def _zip_format(data: bytes, name: str) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            mimetype = zf.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, NotImplementedError):
        return "docx" if name.lower().endswith(".docx") else None
    if "word/document.xml" in names:
        return "docx"
    if mimetype.strip().startswith(_ODT_MIMETYPE):
        return "odt"
    return None


def detect_format(data: bytes, name: str = "") -> str | None:
    """Return the reader for ``data``, or ``None`` for content congvan does not read.

    The formats: ``"pdf"``, ``"docx"``, ``"html"``, ``"txt"``, ``"image"`` (PNG, JPEG,
    TIFF …, read by OCR), and the legacy ``"doc"`` (Word 97–2003), ``"rtf"`` and
    ``"odt"`` (converted by LibreOffice).
    """
    head = data[:1024].lstrip()
    if data[:5] == b"%PDF-" or data[:1024].find(b"%PDF-") >= 0:
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        return _zip_format(data, name)
    if name.lower().endswith(".docx"):
        return "docx"  # let the reader say what is wrong with it
    if image_kind(data):
        return "image"
    if data.startswith(_OLE2):
        # a compound file: Word has a "WordDocument" stream; Excel and PowerPoint do not
        return "doc" if _WORD_STREAM in data else None
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if _looks_binary(data):
        return None
    if _HTML_RE.search(head) or _HTML_RE.search(data[:8192]):
        return "html"
    return "txt"
