"""Soạn thảo: the drafting form (rows added and removed), pre-fill from an old letter, preview,
.docx and PDF downloads, and the Nghị định 30 check of any .docx."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Path, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

import generate
from generate.schema import directive_to_data
from service.deps import ROOT, ServicesDep
from service.drafting import DraftFormat, lint_upload, prefill_upload
from service.errors import ServiceError
from service.responses import file_response
from service.uploads import docx_only, read_upload
from service.web.access import FormAccess, PageAccess
from service.web.forms import directive_data, field_label, form_values, reason_text
from service.web.render import page, page_with_error

router = APIRouter(include_in_schema=False)
EXAMPLES = {"cong_van": "cong_van_phat_dong.yaml", "ke_hoach": "ke_hoach_thi_dua.yaml"}
EXAMPLES_DIR = ROOT / "corpus" / "samples" / "drafts"
ACTIONS: dict[str, DraftFormat] = {"docx": "docx", "pdf": "pdf", "preview": "png"}
PreviewId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{10,40}$")]


def _example(name: str | None) -> dict[str, Any]:
    if name not in EXAMPLES or not (EXAMPLES_DIR / EXAMPLES[name]).is_file():
        return {}
    return directive_to_data(generate.load_directive(EXAMPLES_DIR / EXAMPLES[name]))


def _context(data: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"form": form_values(data), "problems": [], "preview": None, "lint": None, "notice": None,
            "this_year": dt.date.today().year, **extra}


def _draft_page(request: Request, data: dict[str, Any], status: int = 200, **extra: Any) -> Response:
    return page(request, "draft.html", _context(data, **extra), status=status)


@router.get("/soan-thao", dependencies=[PageAccess])
def draft_form(request: Request, vi_du: str | None = None) -> Response:
    """The form, empty or filled with an example (``?vi_du=cong_van`` or ``ke_hoach``)."""
    return _draft_page(request, _example(vi_du))


@router.post("/soan-thao", dependencies=[FormAccess])
async def draft(request: Request, services: ServicesDep) -> Response:
    """Validate the form, then download the .docx or PDF, or show a preview of page 1."""
    form = await request.form()
    data = directive_data(form)
    action = str(form.get("action") or "docx")
    try:
        directive = generate.directive_from_data(data)
    except generate.DirectiveError as exc:
        problems = [(field_label(f), reason_text(r)) for f, r in exc.problems]
        return _draft_page(request, data, status=422, problems=problems)
    fmt = ACTIONS.get(action, "docx")
    try:
        rendered = await run_in_threadpool(services.drafter.render, directive, fmt)
    except Exception as exc:
        return page_with_error(request, "draft.html", _context(data), exc)
    if fmt == "png":
        preview = services.previews.put(rendered.data)
        return _draft_page(request, data, preview=f"/soan-thao/xem-truoc/{preview}.png")
    return file_response(rendered.data, rendered.media_type, rendered.filename)


@router.get("/soan-thao/xem-truoc/{preview_id}.png", dependencies=[PageAccess])
def preview_image(preview_id: PreviewId, services: ServicesDep) -> Response:
    """The preview image of page 1 made by the last ``Xem trước``."""
    data = services.previews.get(preview_id)
    if data is None:
        raise ServiceError(404, "preview_expired", "Ảnh xem trước không còn lưu; hãy bấm Xem trước lại.")
    return Response(data, media_type="image/png", headers={"Cache-Control": "no-store"})


@router.post("/soan-thao/dien-san", dependencies=[FormAccess])
async def prefill(
    request: Request,
    services: ServicesDep,
    file: Annotated[UploadFile, File()],
    year: Annotated[int, Form(ge=1945, le=2200)],
) -> Response:
    """Fill the form from last year's letter, for ``year``."""
    limit = services.settings.max_upload_bytes
    try:
        upload = await read_upload(file, limit)
        directive = await run_in_threadpool(prefill_upload, upload, year, limit)
    except Exception as exc:
        return page_with_error(request, "draft.html", _context({}), exc)
    notice = f"Đã điền sẵn từ “{upload.name}” cho năm {year}. Hãy kiểm tra lại chỉ tiêu và ngày ban hành."
    return _draft_page(request, directive_to_data(directive), notice=notice)


@router.post("/soan-thao/kiem-tra", dependencies=[FormAccess])
async def lint(request: Request, services: ServicesDep, file: Annotated[UploadFile, File()]) -> Response:
    """Check any .docx against Nghị định 30 and list what breaks the rules."""
    try:
        upload = await read_upload(file, services.settings.max_upload_bytes)
        docx_only(upload)
        result = await run_in_threadpool(lint_upload, upload)
    except Exception as exc:
        return page_with_error(request, "draft.html", _context({}), exc)
    return _draft_page(request, {}, lint=result)
