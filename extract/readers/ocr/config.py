"""The OCR settings, ``extract/data/ocr.yaml``, validated on load; two can be set from the environment.

``CONGVAN_OCR_TIMEOUT`` sets the time limit per page (seconds) and ``CONGVAN_TESSERACT``
the Tesseract program, for a machine slower than most or a Tesseract outside ``PATH``.
"""

from __future__ import annotations

import os
import re
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, model_validator

from extract.errors import DataFileError
from extract.lexicon import load_model


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EngineSettings(_Section):
    language: str = Field(min_length=1)
    page_segmentation: int = Field(ge=0, le=13)
    timeout_seconds: float = Field(gt=0)
    threads: int = Field(ge=1)


class PdfSettings(_Section):
    min_letters: int = Field(ge=0)
    max_letters_under_image: int = Field(ge=0)
    image_coverage: float = Field(gt=0, le=1)


class PreprocessSettings(_Section):
    min_width: int = Field(ge=1)
    max_upscale: float = Field(ge=1)
    max_skew: float = Field(ge=0, le=45)
    min_skew: float = Field(ge=0)
    uneven_light: float = Field(ge=0, le=255)
    speckle_share: float = Field(ge=0, le=1)
    min_ink_share: float = Field(ge=0, le=1)


class LayoutSettings(_Section):
    column_gap_lines: float = Field(gt=0)
    column_gap_zone: tuple[float, float]
    stack_spacing_lines: float = Field(ge=0)

    @model_validator(mode="after")
    def _zone_in_order(self) -> LayoutSettings:
        low, high = self.column_gap_zone
        if not 0 <= low < high <= 1:
            raise ValueError("column_gap_zone must be two fractions, low < high")
        return self


class TextSettings(_Section):
    wrap_fill: float = Field(gt=0, le=1.5)
    wrap_max_pitch: float = Field(gt=0)


class ConfidenceSettings(_Section):
    low_page: float = Field(ge=0, le=100)


class OcrSettings(_Section):
    """The whole of ``ocr.yaml``; ``corrections`` are (regular expression, replacement) pairs."""

    engine: EngineSettings
    render_dpi: int = Field(ge=72, le=1200)
    render_max_megapixels: float = Field(gt=0)
    pdf: PdfSettings
    preprocess: PreprocessSettings
    layout: LayoutSettings
    text: TextSettings
    confidence: ConfidenceSettings
    corrections: list[tuple[str, str]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _patterns_compile(self) -> OcrSettings:
        for pattern, _replacement in self.corrections:
            re.compile(pattern)
        return self


@cache
def _file_settings() -> OcrSettings:
    return load_model("ocr.yaml", OcrSettings)


def ocr_settings() -> OcrSettings:
    """The OCR settings, with ``CONGVAN_OCR_TIMEOUT`` applied.

    Raises:
        DataFileError: ``ocr.yaml`` is malformed, or the variable is not a positive number.
    """
    settings = _file_settings()
    raw = os.environ.get("CONGVAN_OCR_TIMEOUT", "").strip()
    if not raw:
        return settings
    try:
        timeout = float(raw)
    except ValueError as exc:
        raise DataFileError(f"CONGVAN_OCR_TIMEOUT={raw!r} is not a number of seconds") from exc
    if timeout <= 0:
        raise DataFileError(f"CONGVAN_OCR_TIMEOUT={raw!r} must be more than 0 seconds")
    engine = settings.engine.model_copy(update={"timeout_seconds": timeout})
    return settings.model_copy(update={"engine": engine})


def tesseract_program() -> str:
    """The Tesseract program to run: ``CONGVAN_TESSERACT`` or ``tesseract`` on ``PATH``."""
    return os.environ.get("CONGVAN_TESSERACT", "").strip() or "tesseract"
