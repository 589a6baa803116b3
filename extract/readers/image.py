"""Scanned images (.png, .jpg, .tif/.tiff with any number of pages …), read by OCR."""

from __future__ import annotations

import io
from collections.abc import Iterator

from PIL import Image, ImageSequence, UnidentifiedImageError

from extract.errors import CorruptImageError
from extract.readers.detect import image_kind
from extract.readers.ocr import PageImage, read_pages
from extract.readers.result import ReadResult

#: an A4 page is 8.27 inches wide: the resolution assumed for an image that does not say
A4_WIDTH_INCHES = 8.27
_DECODE_ERRORS = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError,
                  Image.DecompressionBombError)


def _dpi(frame: Image.Image) -> int:
    """The frame's resolution as written in the file, else as if it were an A4 page."""
    written = frame.info.get("dpi") or ()
    try:
        dpi = round(float(written[0])) if written else 0
    except (TypeError, ValueError):
        dpi = 0
    if dpi >= 70:
        return dpi
    return max(70, round(frame.width / A4_WIDTH_INCHES))


def _corrupt(name: str, kind: str, exc: BaseException) -> CorruptImageError:
    return CorruptImageError(name, f"not a document congvan reads: a damaged or truncated {kind} image ({exc})")


def _pages(data: bytes, name: str, kind: str) -> Iterator[PageImage]:
    try:
        image = Image.open(io.BytesIO(data))
        frames = ImageSequence.Iterator(image)
        for number, frame in enumerate(frames, start=1):
            page = frame.copy()
            page.load()
            yield PageImage(number, page, _dpi(frame))
    except _DECODE_ERRORS as exc:
        raise _corrupt(name, kind, exc) from exc


def read_image(data: bytes, name: str) -> ReadResult:
    """Read a scanned image, every page of it, by OCR.

    Raises:
        CorruptImageError: the image cannot be decoded.
        OcrUnavailableError, OcrTimeoutError, OcrError: OCR could not read a page.
    """
    kind = image_kind(data) or "image"
    reading = read_pages(_pages(data, name, kind), name=name)
    text = "\n".join(page.text for page in reading.pages if page.text)
    return ReadResult(text, reading.warnings, reading.info)
