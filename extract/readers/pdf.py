"""PDF: the text layer (pdfminer.six) in the order a reader follows, and OCR for scanned pages.

pdfminer groups characters into text boxes (a cell or a paragraph each). Boxes
are read top to bottom, except in a two-column band (the header of a letter:
agency | Quốc hiệu, Số | place and date; the foot: Nơi nhận | signature), where
the left column is read before the right one, so the columns never interleave
line by line. The wrapped lines of a box are emitted as soft wraps (indented)
for :func:`extract.normalize.rebuild_paragraphs` to join.

Each page is judged on its own: a page whose text layer has (almost) no letters, or
few letters over an image covering most of it, is a scan; it is rendered (pypdfium2)
and read by OCR, while the other pages of a mixed PDF keep their text layer.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field

import pypdfium2 as pdfium
from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTImage, LTLayoutContainer, LTTextBox
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException

from extract.errors import EmptyDocumentError, OcrUnavailableError, ReadError
from extract.readers.ocr import PageImage, read_pages
from extract.readers.ocr.config import OcrSettings, ocr_settings
from extract.readers.result import ReadResult


@dataclass
class _Box:
    x0: float
    y0: float
    x1: float
    y1: float
    lines: list[str]


def _side(box: _Box, middle: float, tol: float) -> str:
    if box.x1 <= middle + tol:
        return "left"
    if box.x0 >= middle - tol:
        return "right"
    return "full"


def _order(boxes: list[_Box]) -> list[_Box]:
    """Top to bottom, with each two-column band read column by column."""
    if not boxes:
        return []
    boxes = sorted(boxes, key=lambda b: (-b.y1, b.x0))
    left_edge = min(b.x0 for b in boxes)
    right_edge = max(b.x1 for b in boxes)
    middle = (left_edge + right_edge) / 2
    tol = (right_edge - left_edge) * 0.04
    out: list[_Box] = []
    band: list[_Box] = []

    def flush() -> None:
        sides = {_side(b, middle, tol) for b in band}
        if {"left", "right"} <= sides:
            out.extend(b for b in band if _side(b, middle, tol) == "left")
            out.extend(b for b in band if _side(b, middle, tol) == "right")
        else:
            out.extend(band)
        band.clear()

    for box in boxes:
        if _side(box, middle, tol) == "full":
            flush()
            out.append(box)
        else:
            band.append(box)
    flush()
    return out


def _page_boxes(page) -> list[_Box]:
    boxes = []
    for el in page:
        if not isinstance(el, LTTextBox):
            continue
        lines = [line.rstrip() for line in el.get_text().splitlines() if line.strip()]
        if not lines or (len(lines) == 1 and lines[0].strip().isdigit()):
            continue  # page numbers
        boxes.append(_Box(el.x0, el.y0, el.x1, el.y1, lines))
    return boxes


def _image_area(container: LTLayoutContainer) -> float:
    area = 0.0
    for el in container:
        if isinstance(el, LTImage):
            area += max(0.0, el.width) * max(0.0, el.height)
        elif isinstance(el, LTLayoutContainer):
            area += _image_area(el)
    return area


@dataclass
class _PageLayer:
    """One page's text layer: its text, how many letters, how much of the page is an image."""

    text: str
    letters: int
    image_coverage: float
    ocr_text: str | None = field(default=None)

    def is_scan(self, settings: OcrSettings) -> bool:
        if self.letters < settings.pdf.min_letters:
            return True
        return (self.letters < settings.pdf.max_letters_under_image
                and self.image_coverage >= settings.pdf.image_coverage)


def _layer(page) -> _PageLayer:
    parts = [box.lines[0] + "".join("\n  " + line for line in box.lines[1:]) for box in _order(_page_boxes(page))]
    text = "\n".join(parts)
    page_area = max(1.0, page.width * page.height)
    return _PageLayer(text, sum(c.isalpha() for c in text), min(1.0, _image_area(page) / page_area))


def _encrypted(name: str) -> ReadError:
    return ReadError(name, "the PDF is encrypted (password protected)")


def _text_layers(data: bytes, name: str) -> list[_PageLayer]:
    try:
        return [_layer(page) for page in extract_pages(io.BytesIO(data), laparams=LAParams(boxes_flow=None))]
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise _encrypted(name) from exc
    except (PDFSyntaxError, PSException) as exc:
        raise ReadError(name, f"corrupt or unreadable PDF ({exc.__class__.__name__}: {exc})") from exc
    except Exception as exc:  # pdfminer raises many ad-hoc errors on broken files
        if "encrypt" in str(exc).lower() or "password" in str(exc).lower():
            raise _encrypted(name) from exc
        raise ReadError(name, f"corrupt or unreadable PDF ({exc.__class__.__name__}: {exc})") from exc


def _render(data: bytes, numbers: list[int], settings: OcrSettings, name: str) -> Iterator[PageImage]:
    """The pages ``numbers`` (from 1) as grey images, at the OCR resolution."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ReadError(name, f"cannot render the PDF's scanned pages ({exc})") from exc
    try:
        for number in numbers:
            page = document[number - 1]
            width, height = page.get_size()
            dpi = settings.render_dpi
            megapixels = width * height * (dpi / 72) ** 2 / 1e6
            if megapixels > settings.render_max_megapixels:
                dpi = int(dpi * (settings.render_max_megapixels / megapixels) ** 0.5)
            try:
                image = page.render(scale=dpi / 72, grayscale=True).to_pil()
            except pdfium.PdfiumError as exc:
                raise ReadError(name, f"cannot render page {number} of the PDF ({exc})") from exc
            finally:
                page.close()
            yield PageImage(number, image, dpi)
    finally:
        document.close()


def read_pdf(data: bytes, name: str) -> ReadResult:
    """Read a PDF: its text layer, and OCR for the pages that are scans.

    Raises:
        ReadError: the PDF is encrypted or corrupt, or has no pages.
        EmptyDocumentError: no page has a text layer and OCR found no text (blank pages).
        OcrUnavailableError: every page is a scan and Tesseract (or its Vietnamese data) is
            missing; in a mixed PDF the scanned pages are left out with a warning instead.
        OcrTimeoutError, OcrError: a scanned page could not be read by OCR.
    """
    layers = _text_layers(data, name)
    if not layers:
        raise ReadError(name, "the PDF has no pages")
    settings = ocr_settings()
    scans = [number for number, layer in enumerate(layers, start=1) if layer.is_scan(settings)]
    result = ReadResult("")
    if scans:
        try:
            reading = read_pages(_render(data, scans, settings, name), name=name)
        except OcrUnavailableError as exc:
            if len(scans) == len(layers):
                raise
            pages = ", ".join(map(str, scans))
            said = f"pages {pages} look scanned and were" if len(scans) > 1 else f"page {pages} looks scanned and was"
            result.warnings.append(f"{said} left out: {exc.reason}")
        else:
            for page in reading.pages:
                layers[page.number - 1].ocr_text = page.text
            result.warnings, result.ocr = reading.warnings, reading.info
    texts = [layer.text if layer.ocr_text is None else layer.ocr_text for layer in layers]
    result.text = "\n".join(t for t in texts if t.strip())
    if not result.text.strip():
        raise EmptyDocumentError(name, "the PDF has no text layer, and its pages are blank")
    return result
