"""The login page (when ``CONGVAN_API_TOKEN`` is set): the token once, then a signed session cookie."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from service.deps import SettingsDep
from service.security import check_csrf, log_in
from service.web.render import page

router = APIRouter(include_in_schema=False)
FAILED_LOGIN_DELAY = 0.5


def _local(target: str | None) -> str:
    """``target`` when it is a path of this site, else the home page (no open redirect)."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


@router.get("/dang-nhap")
def login_form(request: Request, settings: SettingsDep, next: str = "/") -> Response:
    """The login form (or straight on when no token is set)."""
    if settings.token is None:
        return RedirectResponse(_local(next), status_code=303)
    return page(request, "login.html", {"next": _local(next), "failed": False})


@router.post("/dang-nhap")
async def login(
    request: Request,
    settings: SettingsDep,
    token: Annotated[str, Form(max_length=500)],
    csrf: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    """Check the token; on success the session is logged in and the visitor goes on."""
    check_csrf(request, csrf)
    if log_in(request, settings, token):
        return RedirectResponse(_local(next), status_code=303)
    await asyncio.sleep(FAILED_LOGIN_DELAY)
    return page(request, "login.html", {"next": _local(next), "failed": True}, status=401)


@router.post("/dang-xuat")
async def logout(request: Request, csrf: Annotated[str, Form(max_length=200)] = "") -> Response:
    """End the session."""
    check_csrf(request, csrf)
    request.session.clear()
    return RedirectResponse("/", status_code=303)
