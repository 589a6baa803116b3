"""The one place where errors become HTTP answers: a status, a stable code, a readable message.

The library packages raise their own exceptions (:mod:`extract.errors`,
:mod:`generate.exceptions`, :mod:`corpus.errors`); :data:`ERROR_MAP` gives each a status
and a code. Messages never carry a traceback, and a last pass (:func:`scrub`) cuts any
absolute server path down to its file name.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

import corpus.errors as ce
import extract.errors as ee
import generate.exceptions as ge

log = logging.getLogger("congvan.service")

_ABSOLUTE_PATH = re.compile(r"(?<![\w.~/])(?:/[^\s/'\"`,;:()<>]+)+/([^\s/'\"`,;:()<>]+)")


def scrub(message: str) -> str:
    """``message`` with every absolute path replaced by its last part (``/tmp/x/a.docx`` → ``a.docx``)."""
    return _ABSOLUTE_PATH.sub(r"\1", message)


class Problem(BaseModel):
    """One invalid field of a request and why."""

    field: str
    reason: str


class ErrorDetail(BaseModel):
    """What went wrong: ``code`` is stable (for programs), ``message`` is for people."""

    code: str = Field(examples=["unsupported_media_type"])
    message: str = Field(examples=["scan.bin: not a document congvan reads"])
    problems: list[Problem] = Field(default_factory=list)


class ErrorBody(BaseModel):
    """The body of every error answer of the API."""

    error: ErrorDetail


class ServiceError(Exception):
    """An error raised by the service itself (not by a library).

    Args:
        status: the HTTP status.
        code: the stable error code.
        message: a sentence for people.
        headers: extra headers (``WWW-Authenticate``, ``Retry-After``).
    """

    def __init__(self, status: int, code: str, message: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


@dataclass(frozen=True)
class Mapping:
    """How one exception class is answered."""

    status: int
    code: str
    message: Callable[[Exception], str] = str


def _fixed(text: str) -> Callable[[Exception], str]:
    return lambda _exc: text


def _reason(exc: Exception) -> str:
    return str(getattr(exc, "reason", "") or exc)


#: Most specific first: the first class the exception is an instance of answers.
ERROR_MAP: list[tuple[type[Exception], Mapping]] = [
    # extract
    (ee.TooLargeError, Mapping(413, "too_large")),
    (ee.UnsupportedFormatError, Mapping(415, "unsupported_media_type")),
    (ee.EmptyDocumentError, Mapping(422, "empty_document")),
    (ee.ReadError, Mapping(422, "unreadable_document")),
    (ee.DataFileError, Mapping(500, "rules_error", _fixed("the extraction rules could not be loaded"))),
    (ee.ExtractError, Mapping(500, "extract_error", _fixed("the extraction failed"))),
    # generate
    (ge.DirectiveError, Mapping(422, "invalid_directive", _fixed("the drafting input is invalid"))),
    (ge.PrefillError, Mapping(422, "prefill_failed")),
    (ge.DocumentReadError, Mapping(422, "unreadable_docx")),
    (ge.ToolMissingError, Mapping(503, "tool_missing")),
    (ge.ConversionError, Mapping(500, "conversion_failed", _fixed("the conversion of the document failed"))),
    (ge.GenerateError, Mapping(500, "generate_error", _fixed("the document could not be drafted"))),
    # corpus
    (ce.DocumentNotFoundError, Mapping(404, "document_not_found")),
    (ce.QueryError, Mapping(400, "invalid_query")),
    (ce.UnsafeArchiveError, Mapping(400, "unsafe_archive")),
    (ce.ArchiveBusyError, Mapping(409, "archive_busy", _fixed(
        "the archive is busy: another process is writing to it; try again shortly"))),
    (ce.ArchiveLockedError, Mapping(409, "archive_busy", _reason)),
    (ce.StorageFullError, Mapping(507, "storage_full", _reason)),
    (ce.StorageError, Mapping(500, "storage_error", _reason)),
    (ce.ArchiveError, Mapping(500, "archive_error", _fixed("the archive failed"))),
]

_STATUS_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
    406: "not_acceptable", 409: "conflict", 413: "too_large", 415: "unsupported_media_type",
    422: "invalid_request", 429: "too_many_requests", 500: "internal_error", 503: "unavailable",
}


def describe(exc: Exception) -> tuple[int, ErrorDetail, dict[str, str]]:
    """The status, body and headers answering ``exc``."""
    if isinstance(exc, ServiceError):
        return exc.status, ErrorDetail(code=exc.code, message=scrub(exc.message)), exc.headers
    if isinstance(exc, StarletteHTTPException):
        code = _STATUS_CODES.get(exc.status_code, "http_error")
        return exc.status_code, ErrorDetail(code=code, message=scrub(str(exc.detail))), dict(exc.headers or {})
    if isinstance(exc, RequestValidationError):
        problems = [_problem(err) for err in exc.errors()]
        message = "; ".join(f"{p.field}: {p.reason}" for p in problems[:3]) or "invalid request"
        return 422, ErrorDetail(code="invalid_request", message=scrub(message), problems=problems), {}
    for cls, mapping in ERROR_MAP:
        if isinstance(exc, cls):
            if mapping.status >= 500:
                log.error("%s: %s", mapping.code, exc, exc_info=exc)
            problems = [Problem(field=f, reason=scrub(r)) for f, r in getattr(exc, "problems", [])]
            detail = ErrorDetail(code=mapping.code, message=scrub(mapping.message(exc)), problems=problems)
            return mapping.status, detail, {}
    log.error("unexpected error", exc_info=exc)
    return 500, ErrorDetail(code="internal_error", message="an unexpected error occurred"), {}


def _problem(err: Any) -> Problem:
    loc = [str(part) for part in err.get("loc", ())]
    return Problem(field=".".join(loc) or "(request)", reason=scrub(str(err.get("msg", "invalid"))))


def wants_html(request: Request) -> bool:
    """True for the pages (everything outside ``/api``, ``/healthz`` and the OpenAPI schema)."""
    path = request.url.path
    return not (path.startswith(("/api/", "/healthz", "/openapi")) or path == "/api")


HtmlRenderer = Callable[[Request, int, ErrorDetail], Response]


def install(app: Any, render_html: HtmlRenderer) -> None:
    """Answer every error of ``app`` through :func:`describe`: JSON for the API, a page otherwise."""

    async def handle(request: Request, exc: Exception) -> Response:
        status, detail, headers = describe(exc)
        if wants_html(request):
            response = render_html(request, status, detail)
            response.headers.update(headers)
            return response
        return JSONResponse(ErrorBody(error=detail).model_dump(), status_code=status, headers=headers)

    for cls in (ServiceError, StarletteHTTPException, RequestValidationError, Exception):
        app.add_exception_handler(cls, handle)
    for cls, _mapping in ERROR_MAP:
        app.add_exception_handler(cls, handle)


#: The error answers every API route may give, for the OpenAPI schema.
def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries with the :class:`ErrorBody` model for ``statuses``."""
    return {status: {"model": ErrorBody, "description": _STATUS_CODES.get(status, "error")} for status in statuses}
