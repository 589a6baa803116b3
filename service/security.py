"""Access and limits: the bearer token, the pages' login and CSRF token, security headers, body size.

* When ``CONGVAN_API_TOKEN`` is set, every API request that writes or uploads needs
  ``Authorization: Bearer TOKEN``; the pages need a login (a signed session cookie).
* Every form posted by the pages carries the session's CSRF token.
* Every answer carries a strict Content-Security-Policy: no inline script, nothing
  loaded from elsewhere, so a ``<script>`` in a document can never run.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets

from fastapi import Request
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.errors import ServiceError
from service.settings import Settings

#: Room for the multipart envelope and the form's other fields around an upload.
FORM_OVERHEAD = 1024 * 1024

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
SESSION_AUTH = "auth"
SESSION_CSRF = "csrf"


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (``127.0.0.1``, ``::1``)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def token_matches(settings: Settings, given: str | None) -> bool:
    """True when the service is open, or ``given`` is its token (compared in constant time)."""
    if settings.token is None:
        return True
    return given is not None and hmac.compare_digest(given.encode(), settings.token.encode())


def check_bearer(given: str | None, settings: Settings) -> None:
    """Let the request through when ``given`` (the bearer token sent) is right, or none is set.

    Raises:
        ServiceError: 401 with ``WWW-Authenticate: Bearer``.
    """
    if token_matches(settings, given):
        return
    message = "this endpoint needs the API token: Authorization: Bearer TOKEN"
    if given is not None:
        message = "the API token is wrong"
    raise ServiceError(401, "unauthorized", message, headers={"WWW-Authenticate": "Bearer"})


def logged_in(request: Request, settings: Settings) -> bool:
    """True when the pages may be used: no token is set, or this session logged in."""
    return settings.token is None or request.session.get(SESSION_AUTH) is True


def log_in(request: Request, settings: Settings, token: str) -> bool:
    """Log the session in when ``token`` is right; a new session (and CSRF token) either way."""
    ok = settings.token is not None and token_matches(settings, token)
    request.session.clear()
    if ok:
        request.session[SESSION_AUTH] = True
    csrf_token(request)
    return ok


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made on first use."""
    token = request.session.get(SESSION_CSRF)
    if not isinstance(token, str) or len(token) < 16:
        token = secrets.token_urlsafe(24)
        request.session[SESSION_CSRF] = token
    return token


def check_csrf(request: Request, given: str | None) -> None:
    """Refuse a posted form whose CSRF token is not this session's (403; pages only, so in Vietnamese)."""
    expected = request.session.get(SESSION_CSRF)
    if not (isinstance(expected, str) and given and hmac.compare_digest(given.encode(), expected.encode())):
        raise ServiceError(403, "csrf_failed",
                           "Biểu mẫu đã hết hạn hoặc không được gửi từ trang này; hãy tải lại trang rồi thử lại.")


class SecurityHeadersMiddleware:
    """Adds :data:`SECURITY_HEADERS` to every HTTP answer (``/api/docs`` may run its own script file)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimitMiddleware:
    """Refuses request bodies over ``limit`` bytes with 413, counting as they arrive.

    A declared ``Content-Length`` over the limit is answered before the body is read;
    a body that grows past it (chunked) stops being read at once.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    def _error(self) -> HTTPException:
        return HTTPException(413, f"the request is over the limit of {self.limit:,} bytes")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        too_big = declared is not None and declared.isdigit() and int(declared) > self.limit
        received = 0

        async def counted() -> Message:
            nonlocal received
            if too_big:
                raise self._error()
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise self._error()
            return message

        await self.app(scope, counted, send)
