"""Errors raised by the drafting package.

Every message names the file (when there is one), the field or element, and the reason.
The service maps these classes to HTTP codes in one place.
"""

from __future__ import annotations


class GenerateError(Exception):
    """Base class of every error raised by :mod:`generate`."""


class RulesError(GenerateError):
    """The layout rule data (``generate/rules/*.yaml``) is missing or invalid."""


class DirectiveError(GenerateError):
    """The drafting input is invalid: each problem names its field and the reason.

    Attributes:
        source: the file the input came from, when there is one.
        problems: ``(field, reason)`` pairs, e.g. ``("signer.name", "Field required")``.
    """

    def __init__(self, problems: list[tuple[str, str]], source: str | None = None) -> None:
        self.source = source
        self.problems = problems
        where = f"{source}: " if source else ""
        lines = "; ".join(f"{field}: {reason}" for field, reason in problems)
        super().__init__(f"{where}invalid drafting input — {lines}")


class WordingError(GenerateError):
    """A wording template failed to render (a missing variable, a syntax error)."""


class DocumentReadError(GenerateError):
    """A file given to the checker cannot be read as a .docx document."""


class ConversionError(GenerateError):
    """Converting a .docx to PDF, or a PDF to PNG, failed or timed out."""


class ToolMissingError(ConversionError):
    """A required external program (``soffice``, ``pdftoppm``) is not installed."""


class PrefillError(GenerateError):
    """An extracted document cannot be turned into a drafting input."""
