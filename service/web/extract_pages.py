"""Trích xuất: upload a document (or paste its text), see it highlighted, download JSON, CSV, XLSX."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, Path, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from extract.models import Extraction
from service.deps import ServicesDep
from service.errors import ServiceError
from service.extraction import extract_plain, extract_upload
from service.responses import export_name, export_response, file_response
from service.uploads import read_upload
from service.web.access import FormAccess, PageAccess
from service.web.render import page, page_with_error

router = APIRouter(include_in_schema=False)
MAX_PASTED = 2_000_000
ResultId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{10,40}$")]


@router.get("/")
def home() -> Response:
    """The first page is Trích xuất."""
    return RedirectResponse("/trich-xuat", status_code=303)


@router.get("/trich-xuat", dependencies=[PageAccess])
def extract_form(request: Request) -> Response:
    """The upload form."""
    return page(request, "extract.html", {"result": None, "result_id": None})


async def _extract(services: ServicesDep, file: UploadFile | None, text: str) -> Extraction:
    limit = services.settings.max_upload_bytes
    if file is not None and file.filename:
        upload = await read_upload(file, limit)
        return await run_in_threadpool(extract_upload, upload, limit)
    if text.strip():
        return await run_in_threadpool(extract_plain, text, "văn bản dán vào")
    raise ServiceError(422, "nothing_to_extract", "Hãy chọn một tệp hoặc dán nội dung văn bản.")


@router.post("/trich-xuat", dependencies=[FormAccess])
async def extract_document(
    request: Request,
    services: ServicesDep,
    file: Annotated[UploadFile | None, File()] = None,
    text: Annotated[str, Form(max_length=MAX_PASTED)] = "",
) -> Response:
    """Extract the uploaded or pasted document and show it."""
    try:
        extraction = await _extract(services, file, text)
    except Exception as exc:
        return page_with_error(request, "extract.html", {"result": None, "result_id": None, "text": text}, exc)
    result_id = services.results.put(extraction)
    return page(request, "extract.html", {"result": extraction, "result_id": result_id})


@router.get("/trich-xuat/ket-qua/{result_id}.{fmt}", dependencies=[PageAccess])
def download(result_id: ResultId, fmt: Literal["json", "csv", "xlsx"], services: ServicesDep) -> Response:
    """A result shown on the page, as a file."""
    extraction = services.results.get(result_id)
    if extraction is None:
        raise ServiceError(404, "result_expired", "Kết quả này không còn lưu; hãy trích xuất lại văn bản.")
    if fmt == "json":
        body = extraction.model_dump_json(indent=2).encode("utf-8")
        return file_response(body, "application/json", export_name(extraction, "json"))
    return export_response(extraction, fmt)
