"""congvan job 1: extract targets, dates, award counts and metadata from a document.

Public API::

    from extract import extract_file, extract_text
    result = extract_file("cong_van.docx")      # → Extraction
    result = extract_text("… đạt 36,45% …")     # → Extraction

Every item carries ``start``/``end`` offsets into ``result.text``.
"""

from __future__ import annotations

from pathlib import Path

from extract.errors import ExtractError, ReadError
from extract.models import AwardItem, DateItem, Extraction, Issuer, OcrInfo, Reference, Signer, TargetItem
from extract.normalize import normalize_text
from extract.readers import MAX_BYTES, ReadResult, read_document, read_document_path

__all__ = [
    "AwardItem", "DateItem", "Extraction", "ExtractError", "Issuer", "OcrInfo", "ReadError", "Reference",
    "Signer", "TargetItem", "extract_bytes", "extract_file", "extract_text",
]


def extract_text(text: str, *, source: str | None = None) -> Extraction:
    """Extract everything from a document's text.

    Args:
        text: the text, in any Unicode normalization and with any line wrapping.
        source: where it came from (kept in the result).

    Returns:
        The :class:`Extraction`; its ``text`` is the normalized text the offsets point into.

    Example:
        >>> extract_text("Năm 2019 có 12 tập thể được tặng Cờ thi đua của BHXH Việt Nam.").awards[0].collectives
        12
    """
    from extract.pipeline import get_nlp  # spaCy and the models load on first use

    clean = normalize_text(text or "")
    doc = get_nlp()(clean)
    meta = doc._.meta
    items = doc._.items
    return Extraction(
        source=source,
        kind=meta.kind,
        number=meta.number,
        issued_date=meta.issued_date.isoformat() if meta.issued_date else None,
        place=meta.place,
        issuer=meta.issuer or Issuer(),
        subject=meta.subject,
        recipients=meta.recipients or [],
        signer=meta.signer or Signer(),
        cc=meta.cc or [],
        theme=meta.theme,
        references=items.get("references", []),
        text=clean,
        dates=items.get("dates", []),
        periods=items.get("periods", []),
        targets=items.get("targets", []),
        awards=items.get("awards", []),
    )


def _from_reading(reading: ReadResult, source: str) -> Extraction:
    """Extract from what a reader read, keeping its warnings and OCR summary."""
    extraction = extract_text(reading.text, source=source)
    extraction.warnings.extend(reading.warnings)
    extraction.ocr = reading.ocr
    return extraction


def extract_bytes(data: bytes, *, name: str, max_bytes: int = MAX_BYTES) -> Extraction:
    """Extract from a document's bytes (an upload, a zip member).

    Scanned PDFs and images are read by OCR (``Extraction.ocr`` says which pages, and how
    surely); .doc, .rtf and .odt go through LibreOffice; TCVN3 and VNI text is converted.

    Raises:
        ReadError: naming ``name`` and the reason (empty, corrupt, encrypted, too large,
            OCR unavailable or too slow …).
    """
    return _from_reading(read_document(data, name=name, max_bytes=max_bytes), name)


def extract_file(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Extraction:
    """Extract from a file on disk (.txt, .docx, .pdf, .html, images, .doc, .rtf, .odt, detected by content).

    Raises:
        ReadError: naming the file and the reason.
    """
    return _from_reading(read_document_path(path, max_bytes=max_bytes), str(path))
