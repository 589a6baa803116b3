"""What a reader returns: the text, and what the extraction should know about how it was read."""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.models import OcrInfo


@dataclass
class ReadResult:
    """A document read into text.

    Attributes:
        text: the document's text, not yet normalized.
        warnings: notes on how reliable the text is (a legacy encoding converted, pages
            OCR'd with low confidence, no Vietnamese tone marks at all …).
        ocr: which pages were read by OCR and how surely; ``None`` when none were.
    """

    text: str
    warnings: list[str] = field(default_factory=list)
    ocr: OcrInfo | None = None

    @classmethod
    def of(cls, text: str | ReadResult) -> ReadResult:
        """A reader's return value as a :class:`ReadResult` (plain-text readers return ``str``)."""
        return text if isinstance(text, ReadResult) else cls(text)
