"""Readers: bytes of a document → raw text, by the type its content shows.

Each reader returns plain text with paragraphs on their own lines (or a
:class:`ReadResult` with notes on how it was read); normalization (NFC, tone marks,
hard wraps) happens afterwards in :mod:`extract.normalize`. Here, for every format,
text in a legacy Vietnamese encoding (TCVN3, VNI) is converted, and a text without a
single tone mark is flagged.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from extract.errors import EmptyDocumentError, ReadError, TooLargeError, UnsupportedFormatError
from extract.readers.detect import detect_format
from extract.readers.diacritics import NO_TONE_MARKS, lacks_tone_marks
from extract.readers.docx import read_docx
from extract.readers.html import read_html
from extract.readers.image import read_image
from extract.readers.legacy import LEGACY_FORMATS, legacy_reader
from extract.readers.legacy_encodings import ENCODING_NAMES, repair
from extract.readers.pdf import read_pdf
from extract.readers.result import ReadResult
from extract.readers.txt import read_txt

MAX_BYTES = 25 * 1024 * 1024

_READERS: dict[str, Callable[[bytes, str], str | ReadResult]] = {
    "txt": read_txt,
    "docx": read_docx,
    "pdf": read_pdf,
    "html": read_html,
    "image": read_image,
    **{fmt: legacy_reader(fmt) for fmt in LEGACY_FORMATS},
}

SUPPORTED_FORMATS = tuple(_READERS)

#: the file endings of the formats read, for a caller that picks files by name (an archive's walk)
FILE_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm", ".xhtml", ".png", ".jpg", ".jpeg",
                 ".tif", ".tiff", ".gif", ".bmp", ".webp", ".doc", ".rtf", ".odt")


def read_document(data: bytes, *, name: str, max_bytes: int = MAX_BYTES) -> ReadResult:
    """Turn a document's bytes into text, with notes on how it was read.

    Args:
        data: the file's content.
        name: the file name as the user gave it (for messages and as a type hint).
        max_bytes: the size limit.

    Returns:
        The text (not yet normalized), the warnings, and the OCR summary when pages were OCR'd.

    Raises:
        ReadError: (or a subclass) naming ``name`` and the reason.
    """
    if len(data) > max_bytes:
        raise TooLargeError(name, f"file is {len(data):,} bytes, over the limit of {max_bytes:,}")
    if not data.strip():
        raise EmptyDocumentError(name, "file is empty")
    fmt = detect_format(data, name)
    if fmt is None:
        raise UnsupportedFormatError(
            name, "not a document congvan reads (expected .txt, .docx, .pdf, .html, an image, "
                  ".doc, .rtf or .odt content)"
        )
    result = ReadResult.of(_READERS[fmt](data, name))
    result.text, encoding = repair(result.text)
    if encoding:
        result.warnings.append(f"converted from the legacy {ENCODING_NAMES[encoding]} encoding to Unicode")
    if not result.text.strip():
        raise EmptyDocumentError(name, f"no text found in this {fmt} file")
    if lacks_tone_marks(result.text):
        result.warnings.append(NO_TONE_MARKS)
    return result


def read_bytes(data: bytes, *, name: str, max_bytes: int = MAX_BYTES) -> str:
    """Turn a document's bytes into text; see :func:`read_document`.

    Returns:
        The document's text, not yet normalized.

    Raises:
        ReadError: (or a subclass) naming ``name`` and the reason.
    """
    return read_document(data, name=name, max_bytes=max_bytes).text


def _file_bytes(path: str | Path, max_bytes: int) -> tuple[bytes, str]:
    p = Path(path)
    name = str(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise TooLargeError(name, f"file is {size:,} bytes, over the limit of {max_bytes:,}")
        return p.read_bytes(), name
    except IsADirectoryError as exc:
        raise ReadError(name, "is a directory, not a file") from exc
    except FileNotFoundError as exc:
        raise ReadError(name, "no such file") from exc
    except PermissionError as exc:
        raise ReadError(name, "permission denied") from exc


def read_document_path(path: str | Path, *, max_bytes: int = MAX_BYTES) -> ReadResult:
    """Read a file from disk; see :func:`read_document`."""
    data, name = _file_bytes(path, max_bytes)
    return read_document(data, name=name, max_bytes=max_bytes)


def read_path(path: str | Path, *, max_bytes: int = MAX_BYTES) -> str:
    """Read a file from disk; see :func:`read_bytes`."""
    return read_document_path(path, max_bytes=max_bytes).text


__all__ = [
    "FILE_SUFFIXES", "MAX_BYTES", "ReadResult", "SUPPORTED_FORMATS", "detect_format", "read_bytes",
    "read_document", "read_document_path", "read_path",
]
