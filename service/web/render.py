"""Rendering the pages: the jinja2 environment (``templates/web``, autoescaped) and the common context."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from service.errors import ErrorDetail, describe
from service.facts import award_name
from service.security import csrf_token, logged_in
from service.web import labels
from service.web.highlight import highlight, marks_of

NAV = [("trich-xuat", "/trich-xuat", "Trích xuất"), ("soan-thao", "/soan-thao", "Soạn thảo"),
       ("kho", "/kho", "Kho văn bản")]
ERROR_TITLES = {
    400: "Yêu cầu không hợp lệ", 401: "Cần đăng nhập", 403: "Không được phép", 404: "Không tìm thấy",
    409: "Kho đang bận", 413: "Tệp quá lớn", 415: "Loại tệp không được hỗ trợ", 422: "Không đọc được dữ liệu",
    503: "Dịch vụ tạm thời không sẵn sàng",
}


def make_templates(directory: str) -> Jinja2Templates:
    """The page templates, every value autoescaped, unknown names an error."""
    env = Environment(
        loader=FileSystemLoader(directory),
        autoescape=select_autoescape(["html", "j2"], default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        number=labels.format_number,
        kind_label=labels.kind_label,
        award_status=labels.award_status,
        target_kind=labels.target_kind,
        award_counts=labels.award_counts,
        granularity=lambda g: labels.GRANULARITY.get(g, g),
        job_status=lambda s: labels.JOB_STATUS.get(s, s),
        facet_label=lambda name: labels.FACET_LABELS.get(name, name),
        award_name=award_name,
    )
    env.globals.update(
        nav=NAV, kind_labels=labels.KIND_LABELS,
        highlighted=lambda extraction: highlight(extraction.text, marks_of(extraction)),
    )
    return Jinja2Templates(env=env)


def page(request: Request, name: str, context: dict[str, Any] | None = None, *, status: int = 200) -> Response:
    """Render ``templates/web/<name>`` with the common context (CSRF token, login state, current section)."""
    services = request.app.state.services
    settings = services.settings
    common = {
        "request": request,
        "csrf": csrf_token(request),
        "login_enabled": settings.token is not None,
        "logged_in": logged_in(request, settings) and settings.token is not None,
        "section": request.url.path.strip("/").split("/")[0],
        "max_upload_mb": settings.max_upload_bytes // (1024 * 1024),
    }
    response = services.templates.TemplateResponse(request, name, {**common, **(context or {})}, status_code=status)
    response.headers["Cache-Control"] = "no-store"
    return response


def error_page(request: Request, status: int, detail: ErrorDetail) -> Response:
    """The page shown for an error (or the way to the login, when a login is needed)."""
    if detail.code == "login_required":
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/dang-nhap?next={quote(target, safe='/')}", status_code=303)
    try:
        return page(request, "error.html", {"status": status, "title": ERROR_TITLES.get(status, "Đã có lỗi"),
                                            "detail": detail}, status=status)
    except Exception:  # the error page itself must never fail
        return HTMLResponse(f"<h1>{status}</h1>", status_code=status)


def page_with_error(request: Request, name: str, context: dict[str, Any], exc: Exception) -> Response:
    """Render the form page again with the error of ``exc`` shown above it."""
    status, detail, _headers = describe(exc)
    return page(request, name, {**context, "error": detail}, status=status)
