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


class DataFileError(ExtractError):
    """A bundled rule or lexicon file is malformed (names the file and line)."""
