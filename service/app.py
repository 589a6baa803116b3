"""The FastAPI application: API routers, pages, static files, errors, security, lifespan.

    uvicorn --factory service.app:create_app      # or: congvan serve
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from service import api, errors, web
from service.deps import TEMPLATES_DIR, Services
from service.security import FORM_OVERHEAD, BodyLimitMiddleware, SecurityHeadersMiddleware
from service.settings import Settings, get_settings
from service.version import package_version
from service.web.render import error_page, make_templates, page

log = logging.getLogger("congvan.service")
STATIC_DIR = Path(__file__).resolve().parent / "static"
SESSION_COOKIE = "congvan_session"

DESCRIPTION = """\
Vietnamese official documents on emulation and commendation (*thi đua, khen thưởng*):
**extract** targets, dates, awards and metadata; **draft** Nghị định 30 letters and check any
.docx; **archive** past documents and search them with or without diacritics.

When the service runs with `CONGVAN_API_TOKEN`, every request that writes or uploads needs
`Authorization: Bearer TOKEN`. Errors are JSON: `{"error": {"code": "...", "message": "..."}}`.
"""


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Finish the jobs a previous run left, index the configured folders (a background job);
    stop jobs and close archives at the end."""
    services: Services = app.state.services
    for job in services.jobs.resume():
        log.info("job %s (%s) resumed", job.id, ", ".join(job.files))
    if services.settings.index_at_start:
        job = services.jobs.submit_paths(list(services.settings.index_at_start))
        log.info("indexing %s at start (job %s)", ", ".join(job.files), job.id)
    try:
        yield
    finally:
        services.close()


def create_app(settings: Settings | None = None) -> FastAPI:
    """The application for ``settings`` (default: :func:`get_settings`, from ``CONGVAN_*`` variables)."""
    settings = settings or get_settings()
    app = FastAPI(
        title="congvan",
        description=DESCRIPTION,
        version=package_version(),
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.services = Services.build(settings, make_templates(str(TEMPLATES_DIR)))
    for router in [*api.ROUTERS, *web.ROUTERS]:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_api_route("/api/docs", api_docs, include_in_schema=False)
    errors.install(app, error_page)
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.session_secret,
        session_cookie=SESSION_COOKIE,
        max_age=settings.session_max_age,
        same_site="strict",
        https_only=settings.https_only,
    )
    app.add_middleware(BodyLimitMiddleware, limit=settings.max_upload_bytes + FORM_OVERHEAD)
    app.add_middleware(SecurityHeadersMiddleware)
    return app


def api_docs(request: Request) -> Response:
    """The interactive API documentation (Swagger UI, served by the app itself)."""
    return page(request, "api_docs.html")
