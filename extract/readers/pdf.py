"""PDF with a text layer (pdfminer.six). Scans without text are refused clearly."""

from __future__ import annotations

import io

from pdfminer.high_level import extract_text
from pdfminer.layout import LAParams
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException

from extract.errors import EmptyDocumentError, ReadError

#: fewer letters than this per page and the PDF is taken for a scan
MIN_LETTERS_PER_PAGE = 20


def read_pdf(data: bytes, name: str) -> str:
    """Read the text layer of a PDF.

    Raises:
        ReadError: the PDF is encrypted or corrupt.
        EmptyDocumentError: the PDF has no text layer (a scan; OCR is needed).
    """
    try:
        text = extract_text(io.BytesIO(data), laparams=LAParams(line_margin=0.3, boxes_flow=0.5))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise ReadError(name, "the PDF is encrypted (password protected)") from exc
    except (PDFSyntaxError, PSException, ValueError, TypeError, KeyError, AssertionError) as exc:
        raise ReadError(name, f"corrupt or unreadable PDF ({exc.__class__.__name__}: {exc})") from exc
    except Exception as exc:  # pdfminer raises many ad-hoc errors on broken files
        if "encrypt" in str(exc).lower() or "password" in str(exc).lower():
            raise ReadError(name, "the PDF is encrypted (password protected)") from exc
        raise ReadError(name, f"corrupt or unreadable PDF ({exc.__class__.__name__}: {exc})") from exc
    pages = max(1, text.count("\f") + (0 if text.endswith("\f") else 1))
    letters = sum(c.isalpha() for c in text)
    if letters < MIN_LETTERS_PER_PAGE * pages:
        raise EmptyDocumentError(name, "the PDF has no text layer (a scanned document); OCR is not available yet")
    return text.replace("\f", "\n")
