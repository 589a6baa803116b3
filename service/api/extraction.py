"""``POST /api/extract``: a document (file upload or JSON text) → its extraction, as JSON, CSV or XLSX."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import BaseModel, Field, ValidationError
from starlette.datastructures import UploadFile

from extract.models import Extraction
from service.deps import SettingsDep, WriteAccess
from service.errors import ServiceError, responses
from service.extraction import extract_plain, extract_upload
from service.responses import XLSX, ExportFormat, export_response
from service.uploads import read_upload

router = APIRouter(prefix="/api", tags=["extract"])


class TextInput(BaseModel):
    """Text to extract from, sent as JSON."""

    text: str = Field(description="the document's text", examples=["Năm 2025 có 12 tập thể được tặng Cờ thi đua."])
    source: str | None = Field(None, max_length=300, description="a name for the text, kept in the result")


REQUEST_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["file"],
                "properties": {"file": {"type": "string", "format": "binary",
                                        "description": "a .txt, .docx, .pdf or .html document"}},
            }
        },
        "application/json": {"schema": TextInput.model_json_schema()},
    },
}


async def _from_form(request: Request, limit: int) -> Extraction:
    async with request.form(max_files=1, max_fields=4) as form:
        file = form.get("file")
        if not isinstance(file, UploadFile):
            raise ServiceError(422, "invalid_request", "send the document in the multipart field 'file'")
        upload = await read_upload(file, limit)
    return await run_in_threadpool(extract_upload, upload, limit)


async def _from_json(request: Request) -> Extraction:
    try:
        payload = TextInput.model_validate_json(await request.body())
    except ValidationError as exc:
        raise RequestValidationError(exc.errors(include_input=False)) from exc
    return await run_in_threadpool(extract_plain, payload.text, payload.source)


@router.post(
    "/extract",
    dependencies=[WriteAccess],
    response_model=Extraction,
    summary="Extract targets, dates, awards and metadata from a document",
    openapi_extra={"requestBody": REQUEST_BODY},
    responses={
        200: {"content": {"text/csv": {}, XLSX: {}}, "description": "the extraction (JSON, CSV or XLSX)"},
        **responses(401, 413, 415, 422),
    },
)
async def extract_document(
    request: Request,
    settings: SettingsDep,
    format: Annotated[ExportFormat, Query(description="json (default), csv or xlsx")] = "json",
) -> Response:
    """Send a file as ``multipart/form-data`` (field ``file``) or JSON ``{"text": "..."}``.

    The file's type is read from its content, not its name. Every item of the answer
    carries ``start``/``end`` offsets into ``text``.
    """
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "multipart/form-data":
        extraction = await _from_form(request, settings.max_upload_bytes)
    elif content_type == "application/json":
        extraction = await _from_json(request)
    else:
        raise ServiceError(415, "unsupported_media_type",
                           "send multipart/form-data with a field 'file', or application/json {\"text\": ...}")
    return export_response(extraction, format)
