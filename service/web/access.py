"""Who may use the pages: a login when a token is set, and the CSRF token on every posted form."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from service.deps import SettingsDep
from service.errors import ServiceError
from service.security import check_csrf, logged_in


def page_access(request: Request, settings: SettingsDep) -> None:
    """Send a visitor who has not logged in to the login page (when a token is set)."""
    if not logged_in(request, settings):
        raise ServiceError(401, "login_required", "log in first")


async def form_access(request: Request, settings: SettingsDep) -> None:
    """A posted form: logged in (when a token is set) and carrying this session's CSRF token."""
    page_access(request, settings)
    form = await request.form()
    token = form.get("csrf")
    check_csrf(request, token if isinstance(token, str) else None)


PageAccess = Depends(page_access)
FormAccess = Depends(form_access)
PageAccessDep = Annotated[None, PageAccess]
