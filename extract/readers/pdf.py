"""PDF with a text layer (pdfminer.six), in the order a reader follows.

pdfminer groups characters into text boxes (a cell or a paragraph each). Boxes
are read top to bottom, except in a two-column band (the header of a letter:
agency | Quốc hiệu, Số | place and date; the foot: Nơi nhận | signature), where
the left column is read before the right one, so the columns never interleave
line by line. The wrapped lines of a box are emitted as soft wraps (indented)
for :func:`extract.normalize.rebuild_paragraphs` to join. Scans without text
are refused clearly.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTTextBox
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException

from extract.errors import EmptyDocumentError, ReadError

#: fewer letters than this per page and the PDF is taken for a scan
MIN_LETTERS_PER_PAGE = 20


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


def read_pdf(data: bytes, name: str) -> str:
    """Read the text layer of a PDF.

    Raises:
        ReadError: the PDF is encrypted or corrupt.
        EmptyDocumentError: the PDF has no text layer (a scan; OCR is needed).
    """
    parts: list[str] = []
    pages = 0
    try:
        for page in extract_pages(io.BytesIO(data), laparams=LAParams(boxes_flow=None)):
            pages += 1
            for box in _order(_page_boxes(page)):
                parts.append(box.lines[0] + "".join("\n  " + line for line in box.lines[1:]))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise ReadError(name, "the PDF is encrypted (password protected)") from exc
    except (PDFSyntaxError, PSException) as exc:
        raise ReadError(name, f"corrupt or unreadable PDF ({exc.__class__.__name__}: {exc})") from exc
    except Exception as exc:  # pdfminer raises many ad-hoc errors on broken files
        if "encrypt" in str(exc).lower() or "password" in str(exc).lower():
            raise ReadError(name, "the PDF is encrypted (password protected)") from exc
        raise ReadError(name, f"corrupt or unreadable PDF ({exc.__class__.__name__}: {exc})") from exc
    if pages == 0:
        raise ReadError(name, "the PDF has no pages")
    text = "\n".join(parts)
    if sum(c.isalpha() for c in text) < MIN_LETTERS_PER_PAGE * pages:
        raise EmptyDocumentError(name, "the PDF has no text layer (a scanned document); OCR is not available yet")
    return text
