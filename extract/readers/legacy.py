"""Legacy word-processor files: Word 97–2003 .doc, .rtf and OpenDocument .odt.

They are converted to .docx by LibreOffice headless and read by the .docx reader, so
their header tables, data tables and legacy-font runs (``.VnTime``, ``VNI-Times``) come
out exactly as a .docx's would.
"""

from __future__ import annotations

from collections.abc import Callable

from extract.readers.docx import read_docx
from extract.readers.libreoffice import convert_to_docx
from extract.readers.result import ReadResult

LEGACY_FORMATS = ("doc", "rtf", "odt")


def read_legacy(data: bytes, name: str, fmt: str) -> ReadResult:
    """Read a .doc, .rtf or .odt file through LibreOffice.

    Raises:
        ConverterUnavailableError: LibreOffice is not installed.
        ConversionError: the file could not be converted within the time limit.
        ReadError: the converted document cannot be read.
    """
    return read_docx(convert_to_docx(data, name=name, fmt=fmt), name)


def legacy_reader(fmt: str) -> Callable[[bytes, str], ReadResult]:
    """The reader of one legacy format, with the reader signature ``(data, name)``."""

    def read(data: bytes, name: str) -> ReadResult:
        return read_legacy(data, name, fmt)

    read.__name__ = f"read_{fmt}"
    return read
