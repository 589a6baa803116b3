"""The HTTP API: one router per resource, each route a few lines over the library."""

from __future__ import annotations

from fastapi import APIRouter

from service.api import documents, drafts, extraction, facts, health, jobs, search

ROUTERS: list[APIRouter] = [
    health.router, extraction.router, drafts.router, documents.router, jobs.router, search.router, facts.router,
]
