"""Drafting: ``POST /api/drafts`` (input → .docx/PDF/PNG), ``/api/drafts/prefill`` and ``/api/lint``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from generate import Directive
from service.deps import DrafterDep, SettingsDep, UploadDep, WriteAccess
from service.drafting import MEDIA_TYPES, DraftFormat, LintResult, lint_upload, prefill_upload
from service.errors import responses
from service.responses import file_response
from service.uploads import docx_only

router = APIRouter(prefix="/api", tags=["draft"], dependencies=[WriteAccess])


@router.post(
    "/drafts",
    summary="Draft a công văn or kế hoạch laid out to Nghị định 30/2020",
    response_class=Response,
    responses={
        200: {"content": {media: {} for media in MEDIA_TYPES.values()}, "description": "the drafted file"},
        **responses(401, 413, 422, 500, 503),
    },
)
def create_draft(
    directive: Directive,
    drafter: DrafterDep,
    format: Annotated[DraftFormat, Query(description="docx (default), pdf, or png (page 1)")] = "docx",
) -> Response:
    """The drafting input as JSON (the same fields as ``congvan draft`` reads from YAML) → the file."""
    rendered = drafter.render(directive, format)
    return file_response(rendered.data, rendered.media_type, rendered.filename, inline=format == "png")


@router.post(
    "/drafts/prefill",
    response_model=Directive,
    response_model_exclude_none=True,
    summary="Pre-fill this year's drafting input from last year's letter",
    responses=responses(401, 413, 415, 422),
)
async def prefill_draft(
    upload: UploadDep,
    settings: SettingsDep,
    year: Annotated[int | None, Query(ge=1945, le=2200, description="the new campaign year (default: this year)")]
    = None,
) -> Directive:
    """Upload last year's công văn or kế hoạch (any format the extractor reads): its input for ``year``."""
    new_year = year or dt.date.today().year
    return await run_in_threadpool(prefill_upload, upload, new_year, settings.max_upload_bytes)


@router.post(
    "/lint",
    response_model=LintResult,
    summary="Check a .docx against Nghị định 30/2020/NĐ-CP, Phụ lục I",
    responses=responses(401, 413, 415, 422),
)
async def lint_document(upload: UploadDep) -> LintResult:
    """Upload any .docx: every breach of the layout rules, with what is expected and what was found."""
    docx_only(upload)
    return await run_in_threadpool(lint_upload, upload)
