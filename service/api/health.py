"""``GET /healthz``: is the service up, and how many documents does its archive hold."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel

from service.deps import ArchiveDep
from service.version import package_version

router = APIRouter(tags=["health"])


class Health(BaseModel):
    """The service answers and its archive opens."""

    status: Literal["ok"] = "ok"
    version: str
    documents: int


@router.get("/healthz", response_model=Health, summary="Health check")
def healthz(archive: ArchiveDep) -> Health:
    """``ok`` with the version and the number of documents in the archive."""
    return Health(version=package_version(), documents=archive.stats().documents)
