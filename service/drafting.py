"""Drafting for requests: a directive rendered to .docx, PDF or a PNG of page 1, and lint results.

Rendering writes into a private temporary folder per request, so concurrent drafts
never meet; PDF conversions (LibreOffice, heavy) run at most ``conversions`` at once.
"""

from __future__ import annotations

import io
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

import generate
from generate import Directive, Violation
from generate.docxread import read_docx
from generate.lint import lint_document
from service.extraction import extract_upload
from service.uploads import Upload

DraftFormat = Literal["docx", "pdf", "png"]

MEDIA_TYPES: dict[str, str] = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "png": "image/png",
}


@dataclass(frozen=True)
class Rendered:
    """A drafted file: its bytes, media type and a file name to offer."""

    data: bytes
    media_type: str
    filename: str


def file_stem(directive: Directive) -> str:
    """A file name for the draft: ``cong_van_2026`` or ``ke_hoach_2026``."""
    return f"{directive.kind}_{directive.campaign_year}"


class Drafter:
    """Renders directives; ``conversions`` bounds the PDF conversions running at once."""

    def __init__(self, conversions: int = 1) -> None:
        self._converting = threading.BoundedSemaphore(conversions)

    def render(self, directive: Directive, fmt: DraftFormat = "docx") -> Rendered:
        """Render a validated directive (see :func:`generate.directive_from_data`).

        Raises:
            ToolMissingError, ConversionError: PDF or PNG could not be made.
        """
        stem = file_stem(directive)
        if fmt == "docx":
            buffer = io.BytesIO()
            generate.render_docx(directive, buffer)
            return Rendered(buffer.getvalue(), MEDIA_TYPES["docx"], f"{stem}.docx")
        with tempfile.TemporaryDirectory(prefix="congvan-draft-") as scratch:
            docx = Path(scratch) / f"{stem}.docx"
            generate.render_docx(directive, docx)
            with self._converting:
                pdf = generate.to_pdf(docx, scratch)
                out = generate.to_png(pdf, Path(scratch) / f"{stem}.png") if fmt == "png" else pdf
            return Rendered(out.read_bytes(), MEDIA_TYPES[fmt], out.name)


class LabelledViolation(Violation):
    """A violation with the names a văn thư uses for its element and rule."""

    element_label: str
    rule_label: str


class LintResult(BaseModel):
    """The Nghị định 30 check of one .docx."""

    file: str
    ok: bool
    violations: list[LabelledViolation]


def lint_upload(upload: Upload) -> LintResult:
    """Check an uploaded .docx against Nghị định 30/2020/NĐ-CP.

    Raises:
        DocumentReadError: the file is not a readable .docx (its name in the message).
    """
    try:
        document = read_docx(io.BytesIO(upload.data))
    except generate.DocumentReadError as exc:
        raise generate.DocumentReadError(str(exc).replace("(stream)", upload.name, 1)) from exc
    except Exception as exc:  # a malformed package the reader did not foresee
        raise generate.DocumentReadError(f"{upload.name}: not a readable Word .docx document "
                                         f"({type(exc).__name__})") from exc
    violations = lint_document(document)
    rules = generate.get_rules()
    labelled = [
        LabelledViolation(**v.model_dump(), element_label=rules.label(v.element), rule_label=rules.rule_label(v.rule))
        for v in violations
    ]
    return LintResult(file=upload.name, ok=not labelled, violations=labelled)


def prefill_upload(upload: Upload, year: int, max_bytes: int) -> Directive:
    """This year's drafting input from last year's letter.

    Raises:
        ServiceError: 415 when the upload is not a document.
        ReadError: the letter cannot be read.
        PrefillError: the letter lacks what a draft needs (the field named).
    """
    extraction = extract_upload(upload, max_bytes)
    return generate.prefill_directive(extraction, year)
