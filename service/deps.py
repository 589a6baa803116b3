"""What the routes need, as ``Annotated`` dependencies: settings, the archive, jobs, uploads, access.

Everything long-lived sits in one :class:`Services` object on ``app.state``, built by
:func:`service.app.create_app`; route bodies stay a few lines long.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from fastapi import Depends, File, Request, UploadFile
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.templating import Jinja2Templates

from corpus import Archive
from corpus.settings import Settings as ArchiveSettings
from extract.models import Extraction
from service.archives import ArchivePool, PathDisplay
from service.drafting import Drafter
from service.extraction import RecentCache
from service.job_ledger import JobLedger
from service.jobs import JobManager
from service.security import check_bearer
from service.settings import Settings
from service.uploads import Upload, read_upload

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES_DIR = ROOT / "templates" / "web"


@dataclass
class Services:
    """The service's long-lived parts, shared by every request."""

    settings: Settings
    archive_settings: ArchiveSettings
    archives: ArchivePool
    jobs: JobManager
    display: PathDisplay
    drafter: Drafter
    results: RecentCache[Extraction]
    previews: RecentCache[bytes]
    templates: Jinja2Templates = field(repr=False)

    @classmethod
    def build(cls, settings: Settings, templates: Jinja2Templates) -> Services:
        """Everything for ``settings``; nothing is opened until first used."""
        archive_settings = settings.archive_settings()
        display = PathDisplay(settings.uploads_dir, Path.cwd())
        return cls(
            settings=settings,
            archive_settings=archive_settings,
            archives=ArchivePool(archive_settings, settings.archive_readers),
            jobs=JobManager(archive_settings, settings.uploads_dir, display, keep=settings.jobs_kept,
                            ledger=JobLedger(settings.jobs_dir)),
            display=display,
            drafter=Drafter(settings.conversions),
            results=RecentCache(settings.results_kept),
            previews=RecentCache(16),
            templates=templates,
        )

    def close(self) -> None:
        """Stop the jobs' worker and close the archives."""
        self.jobs.close()
        self.archives.close()


def get_services(request: Request) -> Services:
    """The :class:`Services` of the application serving ``request``."""
    return request.app.state.services


ServicesDep = Annotated[Services, Depends(get_services)]


def get_app_settings(services: ServicesDep) -> Settings:
    """The settings the application was built with (override in tests if needed)."""
    return services.settings


SettingsDep = Annotated[Settings, Depends(get_app_settings)]


def borrow_archive(services: ServicesDep) -> Iterator[Archive]:
    """An open archive for the request, given back afterwards."""
    with services.archives.borrow() as archive:
        yield archive


ArchiveDep = Annotated[Archive, Depends(borrow_archive)]


def get_jobs(services: ServicesDep) -> JobManager:
    """The bulk jobs."""
    return services.jobs


def get_display(services: ServicesDep) -> PathDisplay:
    """How stored paths are shown."""
    return services.display


def get_drafter(services: ServicesDep) -> Drafter:
    """The draft renderer."""
    return services.drafter


JobsDep = Annotated[JobManager, Depends(get_jobs)]
DisplayDep = Annotated[PathDisplay, Depends(get_display)]
DrafterDep = Annotated[Drafter, Depends(get_drafter)]


bearer_scheme = HTTPBearer(auto_error=False, description="CONGVAN_API_TOKEN, when the service runs with one")


def require_token(
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
) -> None:
    """Refuse a write or an upload without the API token, when one is set (401)."""
    check_bearer(credentials.credentials if credentials else None, settings)


WriteAccess = Depends(require_token)


async def one_upload(
    file: Annotated[UploadFile, File(description="the document (.txt, .docx, .pdf, .html)")],
    settings: SettingsDep,
) -> Upload:
    """The uploaded file, read within the size limit (413)."""
    return await read_upload(file, settings.max_upload_bytes)


UploadDep = Annotated[Upload, Depends(one_upload)]


async def many_uploads(
    file: Annotated[list[UploadFile], File(description="one or more documents or .zip files")],
    settings: SettingsDep,
) -> list[Upload]:
    """The uploaded files, each read within the size limit (413)."""
    return [await read_upload(f, settings.max_upload_bytes) for f in file]


UploadsDep = Annotated[list[Upload], Depends(many_uploads)]
