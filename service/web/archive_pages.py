"""Kho văn bản: search with filters and facets, bulk upload with a live progress bar, a document's
page, and charts of awards per year and of a target over the years."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Path, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from service.deps import ArchiveDep, DisplayDep, JobsDep, ServicesDep
from service.errors import ServiceError
from service.facts import award_years
from service.jobs import JobManager
from service.uploads import archive_kind, read_upload
from service.web.access import FormAccess, PageAccess
from service.web.render import page, page_with_error

router = APIRouter(include_in_schema=False, dependencies=[PageAccess])
PAGE_SIZE = 10
DocumentKey = Annotated[str, Path(pattern=r"^([0-9]{1,15}|[0-9a-fA-F]{8,64})$")]
JobId = Annotated[str, Path(pattern=r"^[0-9a-f]{16}$")]
Text = Annotated[str, Query(max_length=500)]


def _context(jobs: JobManager, filters: dict[str, str] | None = None, offset: int = 0, **extra: Any) -> dict[str, Any]:
    empty = dict.fromkeys(("q", "kind", "issuer", "date_from", "date_to", "award"), "")
    return {"filters": filters or empty, "offset": offset, "page_size": PAGE_SIZE, "jobs": jobs.recent(5),
            "result": None, "stats": None, **extra}


@router.get("/kho")
def archive_home(
    request: Request,
    archive: ArchiveDep,
    display: DisplayDep,
    jobs: JobsDep,
    q: Text = "",
    kind: Annotated[str, Query(max_length=20)] = "",
    issuer: Text = "",
    date_from: Annotated[str, Query(max_length=20)] = "",
    date_to: Annotated[str, Query(max_length=20)] = "",
    award: Annotated[str, Query(max_length=80)] = "",
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> Response:
    """The search form, the results with their facets, and the upload form."""
    filters = {"q": q, "kind": kind, "issuer": issuer, "date_from": date_from, "date_to": date_to,
               "award": award}
    context = _context(jobs, filters, offset, stats=archive.stats())
    try:
        result = archive.search(q, kind=kind or None, issuer=issuer or None, date_from=date_from or None,
                                date_to=date_to or None, award=award or None, limit=PAGE_SIZE, offset=offset)
    except Exception as exc:
        return page_with_error(request, "archive.html", context, exc)
    return page(request, "archive.html", {**context, "result": display.search(result)})


@router.post("/kho/tai-len", dependencies=[FormAccess])
async def upload(
    request: Request,
    services: ServicesDep,
    file: Annotated[list[UploadFile], File()],
) -> Response:
    """Accept documents or .zip files for indexing and go to the job's progress page."""
    limit = services.settings.max_upload_bytes
    try:
        uploads = [await read_upload(f, limit) for f in file if f.filename]
        for item in uploads:
            archive_kind(item, services.archive_settings)
        if not uploads:
            raise ServiceError(422, "no_file", "Hãy chọn ít nhất một tệp văn bản hoặc tệp .zip.")
    except Exception as exc:
        return page_with_error(request, "archive.html", _context(services.jobs), exc)
    job = services.jobs.submit_uploads(uploads)
    return RedirectResponse(f"/kho/cong-viec/{job.id}", status_code=303)


@router.get("/kho/cong-viec/{job_id}")
def job_page(request: Request, job_id: JobId, jobs: JobsDep) -> Response:
    """A bulk job with its progress bar (updated live by the page's script) and its failures."""
    return page(request, "job.html", {"job": jobs.get(job_id)})


@router.get("/kho/van-ban/{key}")
def document_page(request: Request, key: DocumentKey, archive: ArchiveDep, display: DisplayDep) -> Response:
    """A stored document: its metadata, highlighted text, facts and files."""
    return page(request, "document.html", {"doc": display.document(archive.get(key))})


@router.post("/kho/van-ban/{key}/xoa", dependencies=[FormAccess])
def delete_document(key: DocumentKey, archive: ArchiveDep) -> Response:
    """Delete a document from the archive."""
    archive.delete(key)
    return RedirectResponse("/kho", status_code=303)


@router.get("/kho/thong-ke")
def charts(
    request: Request,
    archive: ArchiveDep,
    display: DisplayDep,
    status: Annotated[str, Query(max_length=20)] = "",
    metric: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    """Awards per year by award, and the values of a target over the years."""
    context: dict[str, Any] = {"status": status, "metric": metric, "awards": None, "points": [],
                               "points_data": []}
    try:
        context["awards"] = award_years(archive, status=status or None)  # type: ignore[arg-type]
        if metric.strip():
            context["points"] = display.target_points(archive.facts_targets(metric))
            context["points_data"] = [point.model_dump(mode="json") for point in context["points"]]
    except Exception as exc:
        return page_with_error(request, "charts.html", context, exc)
    return page(request, "charts.html", context)
