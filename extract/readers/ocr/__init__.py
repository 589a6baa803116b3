"""OCR of scanned pages: prepare the image, lay the page out, read it with Tesseract.

One page at a time (:func:`read_page`), or a document's pages (:func:`read_pages`),
which also says which pages were OCR'd and how surely. Parallelism is the caller's:
the archive runs documents in worker processes, each with its own Tesseract.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PIL import Image

from extract.models import OcrInfo, OcrPage
from extract.readers.ocr.config import OcrSettings, ocr_settings
from extract.readers.ocr.engine import Engine, find_engine, recognize
from extract.readers.ocr.layout import reading_regions, stack
from extract.readers.ocr.lines import correct, group_lines, lines_to_text
from extract.readers.ocr.preprocess import prepare

__all__ = ["PageImage", "PageText", "ScanReading", "read_page", "read_pages"]


@dataclass
class PageImage:
    """A page to read: its number in the document (from 1), its image and the image's resolution."""

    number: int
    image: Image.Image
    dpi: int


@dataclass
class PageText:
    """What OCR read on one page; ``confidence`` is ``None`` for a blank page (not OCR'd)."""

    number: int
    text: str
    confidence: float | None


@dataclass
class ScanReading:
    """The pages read by OCR, with the summary the extraction carries."""

    pages: list[PageText]
    info: OcrInfo | None
    warnings: list[str]


def read_page(page: PageImage, *, name: str, settings: OcrSettings | None = None,
              engine: Engine | None = None) -> PageText:
    """Read one page image.

    Raises:
        OcrUnavailableError: the page has ink but Tesseract or its Vietnamese data is missing.
        OcrTimeoutError: Tesseract took longer than the time limit per page.
        OcrError: Tesseract failed.
    """
    settings = settings or ocr_settings()
    prepared = prepare(page.image, settings.preprocess, dpi=page.dpi)
    regions, line_height = ([], 0.0) if prepared.blank else reading_regions(prepared.ink, settings.layout)
    if not regions:
        return PageText(page.number, "", None)  # blank, or specks and rules without a line of text
    engine = engine or find_engine(settings.engine, name=name)
    sheet, placements = stack(prepared.image, regions, line_height, settings.layout)
    words = recognize(engine, sheet, settings.engine, dpi=prepared.dpi, name=name, page=page.number)
    if not words:
        return PageText(page.number, "", 0.0)
    text = correct(lines_to_text(group_lines(words, placements), settings.text), settings.corrections)
    confidence = sum(w.confidence for w in words) / len(words)
    return PageText(page.number, text, round(confidence, 1))


def _page_list(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)


def read_pages(pages: Iterable[PageImage], *, name: str) -> ScanReading:
    """Read every page; blank pages are skipped without OCR.

    Returns:
        The pages' texts, the :class:`~extract.models.OcrInfo` of the pages that were
        OCR'd (``None`` when every page was blank), and a warning naming the pages read
        with low confidence.

    Raises:
        OcrUnavailableError, OcrTimeoutError, OcrError: as :func:`read_page`, naming ``name``.
    """
    settings = ocr_settings()
    engine: Engine | None = None
    read: list[PageText] = []
    for page in pages:
        result = read_page(page, name=name, settings=settings, engine=engine)
        if result.confidence is not None and engine is None:
            engine = find_engine(settings.engine, name=name)
        read.append(result)
    ocred = [p for p in read if p.confidence is not None]
    if not ocred or engine is None:
        return ScanReading(read, None, [])
    mean = round(sum(p.confidence or 0.0 for p in ocred) / len(ocred), 1)
    info = OcrInfo(pages=[OcrPage(page=p.number, confidence=p.confidence or 0.0) for p in ocred],
                   mean_confidence=mean, engine=engine.label)
    low = [p.number for p in ocred if (p.confidence or 0.0) < settings.confidence.low_page]
    warnings = []
    if low:
        warnings.append(f"OCR confidence is low on page{'s' if len(low) > 1 else ''} {_page_list(low)} "
                        f"(below {settings.confidence.low_page:g} of 100): the facts read there are less reliable")
    return ScanReading(read, info, warnings)
