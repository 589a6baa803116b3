"""The Vietnamese web pages: Trích xuất, Soạn thảo, Kho văn bản, and the login."""

from __future__ import annotations

from fastapi import APIRouter

from service.web import archive_pages, auth, draft_pages, extract_pages

ROUTERS: list[APIRouter] = [auth.router, extract_pages.router, draft_pages.router, archive_pages.router]
