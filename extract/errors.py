"""Exceptions of the extraction package: each names the file and the reason."""

from __future__ import annotations


class ExtractError(Exception):
    """Base class of every error raised by :mod:`extract`."""


class ReadError(ExtractError):
    """A document could not be read into text.

    Args:
        source: the file name or path as the caller gave it.
        reason: why, in words a user understands.
    """

    def __init__(self, source: str | None, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source or '<input>'}: {reason}")


class UnsupportedFormatError(ReadError):
    """The content is not a format the extractor reads (checked by content, not extension)."""


class EmptyDocumentError(ReadError):
    """The file holds no text to extract (empty, or a scan without a text layer)."""


class TooLargeError(ReadError):
    """The file is over the size limit."""


class CorruptImageError(UnsupportedFormatError):
    """The content starts like an image (PNG, JPEG, TIFF …) but cannot be decoded."""


class OcrError(ReadError):
    """A scanned page could not be read by OCR."""


class OcrUnavailableError(OcrError):
    """OCR is needed but Tesseract or its Vietnamese trained data (``vie``) is not installed."""


class OcrTimeoutError(OcrError):
    """Tesseract did not finish a page within the time limit."""


class ConversionError(ReadError):
    """A legacy document (.doc, .rtf, .odt) could not be converted by LibreOffice."""


class ConverterUnavailableError(ConversionError):
    """A legacy document needs LibreOffice, which is not installed."""


class DataFileError(ExtractError):
    """A bundled rule or lexicon file is malformed (names the file and line)."""
