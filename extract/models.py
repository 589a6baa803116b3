"""The output contract of the extractor, shared by the CLI, the archive and the API.

Every extracted item carries ``start``/``end`` character offsets into
``Extraction.text`` so that ``text[start:end] == item.text``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DocumentKind = Literal[
    "cong_van", "ke_hoach", "quyet_dinh", "thong_bao", "bao_cao", "to_trinh", "tin_bai", "khac"
]
Granularity = Literal["day", "month", "quarter", "half", "period", "year"]
TargetKind = Literal["target", "result"]
AwardStatus = Literal["awarded", "proposed"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Located(_Model):
    """A piece of the text with its exact place: ``text == document[start:end]``."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class DateItem(Located):
    """A calendar date, month, year, quarter, half or range as written in the text.

    ``value`` is ISO-like: ``2025-01-21`` (day), ``2025-01`` (month), ``2025`` (year),
    ``2025-Q1`` (quarter), ``2025-H1`` (half). A range ("16/2/1995 - 16/2/2025",
    "giai đoạn 2021 - 2025") sets ``end_value``. ``year_inferred`` is true when the
    year was not written and came from the document's context ("Sáng nay 7/2").
    """

    value: str
    granularity: Granularity
    end_value: str | None = None
    year_inferred: bool = False


class TargetItem(Located):
    """A number that measures an indicator, planned (``target``) or achieved (``result``).

    Money is normalized to ``đồng`` (10.101,8 tỷ đồng → 10101800000000), counts of
    people to ``người``; ``metric`` names what is measured.
    """

    value: float
    unit: str
    metric: str
    kind: TargetKind
    comparator: str | None = None
    period: str | None = None


class AwardItem(Located):
    """One statement of how many collectives and/or individuals received (or were
    proposed for) a commendation or an emulation title."""

    award: str
    label: str
    rank: str | None = None
    authority: str | None = None
    collectives: int | None = None
    individuals: int | None = None
    mixed: int | None = None
    status: AwardStatus = "awarded"
    recipient: str | None = None


class Issuer(_Model):
    """The issuing agency (cơ quan ban hành) and its parent (cơ quan chủ quản)."""

    name: str | None = None
    parent: str | None = None


class Signer(_Model):
    """The signature block: authority (KT., TM., Q., TL., TUQ.), title and name."""

    authority: str | None = None
    title: str | None = None
    name: str | None = None


class Reference(Located):
    """A document cited in the text (văn bản được viện dẫn)."""

    type: str | None = None
    number: str | None = None
    date: str | None = None
    issuer: str | None = None


class OcrPage(_Model):
    """One page read by OCR: its number in the document (from 1) and Tesseract's mean word confidence."""

    page: int = Field(ge=1)
    confidence: float = Field(ge=0, le=100)


class OcrInfo(_Model):
    """Which pages of a document were read by OCR (the others came from a text layer), and how surely.

    ``mean_confidence`` (0–100) is the mean over the OCR'd pages; ``engine`` names the
    OCR engine, its version and language, e.g. ``tesseract 5.3.0 (vie)``.
    """

    pages: list[OcrPage] = Field(default_factory=list)
    mean_confidence: float = Field(ge=0, le=100)
    engine: str


class Extraction(_Model):
    """Everything extracted from one document."""

    source: str | None = None
    kind: DocumentKind = "khac"
    number: str | None = None
    issued_date: str | None = None
    place: str | None = None
    issuer: Issuer = Field(default_factory=Issuer)
    subject: str | None = None
    recipients: list[str] = Field(default_factory=list)
    signer: Signer = Field(default_factory=Signer)
    cc: list[str] = Field(default_factory=list)
    theme: str | None = None
    references: list[Reference] = Field(default_factory=list)
    text: str = ""
    dates: list[DateItem] = Field(default_factory=list)
    periods: list[DateItem] = Field(default_factory=list)
    targets: list[TargetItem] = Field(default_factory=list)
    awards: list[AwardItem] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    ocr: OcrInfo | None = None
