"""Readers: bytes of a document → raw text, by the type its content shows.

Each reader returns plain text with paragraphs on their own lines; normalization
(NFC, tone marks, hard wraps) happens afterwards in :mod:`extract.normalize`.
"""

from __future__ import annotations

from pathlib import Path

from extract.errors import EmptyDocumentError, ReadError, TooLargeError, UnsupportedFormatError
from extract.readers.detect import detect_format
from extract.readers.docx import read_docx
from extract.readers.html import read_html
from extract.readers.pdf import read_pdf
from extract.readers.txt import read_txt

MAX_BYTES = 25 * 1024 * 1024

_READERS = {
    "txt": read_txt,
    "docx": read_docx,
    "pdf": read_pdf,
    "html": read_html,
}

SUPPORTED_FORMATS = tuple(_READERS)


def read_bytes(data: bytes, *, name: str, max_bytes: int = MAX_BYTES) -> str:
    """Turn a document's bytes into text.

    Args:
        data: the file's content.
        name: the file name as the user gave it (for messages and as a type hint).
        max_bytes: the size limit.

    Returns:
        The document's text, not yet normalized.

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
            name, "not a document congvan reads (expected .txt, .docx, .pdf or .html content)"
        )
    text = _READERS[fmt](data, name)
    if not text.strip():
        raise EmptyDocumentError(name, f"no text found in this {fmt} file")
    return text


def read_path(path: str | Path, *, max_bytes: int = MAX_BYTES) -> str:
    """Read a file from disk; see :func:`read_bytes`."""
    p = Path(path)
    name = str(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise TooLargeError(name, f"file is {size:,} bytes, over the limit of {max_bytes:,}")
        data = p.read_bytes()
    except IsADirectoryError as exc:
        raise ReadError(name, "is a directory, not a file") from exc
    except FileNotFoundError as exc:
        raise ReadError(name, "no such file") from exc
    except PermissionError as exc:
        raise ReadError(name, "permission denied") from exc
    return read_bytes(data, name=name, max_bytes=max_bytes)


__all__ = ["SUPPORTED_FORMATS", "MAX_BYTES", "read_bytes", "read_path", "detect_format"]
