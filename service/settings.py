"""Settings of the HTTP service, read from ``CONGVAN_*`` environment variables.

Tests build a :class:`Settings` and give it to :func:`service.app.create_app`, or set
variables and call ``get_settings.cache_clear()``.
"""

from __future__ import annotations

import hashlib
import secrets
from functools import cached_property, lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

import corpus
from corpus.store.url import database_path

MB = 1024 * 1024


class Settings(BaseSettings):
    """What the service needs to know about its environment.

    Example:
        ``CONGVAN_API_TOKEN=… CONGVAN_DATABASE_URL=sqlite:////srv/congvan/congvan.db congvan serve``
    """

    model_config = SettingsConfigDict(env_prefix="CONGVAN_", extra="ignore")

    api_token: SecretStr | None = Field(
        default=None,
        description="when set, every write or upload needs `Authorization: Bearer TOKEN` (pages: a login)",
    )
    secret_key: SecretStr | None = Field(
        default=None, description="signs the session cookie; default: derived from the token, else random"
    )
    database_url: str = Field(
        default="sqlite:///./data/congvan.db", description="the archive: sqlite:///relative.db or sqlite:////abs.db"
    )
    max_upload_bytes: int = Field(default=25 * MB, ge=1, description="largest file accepted (413 above)")
    workers: int | None = Field(default=None, ge=1, description="extraction processes of a bulk job")
    archive_readers: int = Field(default=4, ge=1, le=64, description="archive connections kept for reading")
    jobs_kept: int = Field(default=200, ge=1, description="finished jobs remembered for GET /api/jobs/{id}")
    results_kept: int = Field(default=64, ge=1, description="extraction results kept for the pages' downloads")
    conversions: int = Field(default=1, ge=1, le=8, description="PDF conversions run at once (LibreOffice)")
    session_max_age: int = Field(default=8 * 3600, ge=60, description="seconds a login lasts")
    https_only: bool = Field(default=False, description="send the session cookie over HTTPS only")
    index_at_start: list[Path] = Field(
        default_factory=list, description="files, folders or .zip files indexed when the service starts"
    )

    @property
    def token(self) -> str | None:
        """The API token, or ``None`` when the service is open."""
        value = self.api_token.get_secret_value() if self.api_token else ""
        return value or None

    @cached_property
    def session_secret(self) -> str:
        """The key that signs session cookies."""
        if self.secret_key and self.secret_key.get_secret_value():
            return self.secret_key.get_secret_value()
        if self.token:
            return hashlib.sha256(b"congvan-session\x00" + self.token.encode()).hexdigest()
        return secrets.token_hex(32)

    @property
    def data_dir(self) -> Path:
        """The folder of the archive's database (uploads are kept below it)."""
        return database_path(self.database_url).parent

    @property
    def uploads_dir(self) -> Path:
        """Where files sent to the archive are kept, one folder per job."""
        return self.data_dir / "uploads"

    @property
    def jobs_dir(self) -> Path:
        """Where the bulk jobs are written, so that a restarted service finishes them."""
        return self.data_dir / "jobs"

    def archive_settings(self) -> corpus.Settings:
        """The archive's settings: this database, every other ``CONGVAN_*`` archive setting as read."""
        return corpus.Settings(database_url=self.database_url, workers=self.workers)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read from the environment once."""
    return Settings()
