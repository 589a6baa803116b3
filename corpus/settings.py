"""Settings of the archive, read from ``CONGVAN_*`` environment variables.

Tests override them by building a :class:`Settings` and passing it to
:class:`corpus.Archive`, or by setting variables and calling
``get_settings.cache_clear()``.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from extract.readers import FILE_SUFFIXES

#: File name endings read when walking folders and zip files: every format the extractor
#: reads. A file named on the command line is always tried, whatever its ending (the
#: extractor detects formats by content).
DEFAULT_SUFFIXES: tuple[str, ...] = FILE_SUFFIXES


class Settings(BaseSettings):
    """Where the archive lives and how ingest behaves.

    Example:
        ``CONGVAN_DATABASE_URL=sqlite:////srv/congvan/congvan.db congvan index /mnt/vanthu``
    """

    model_config = SettingsConfigDict(env_prefix="CONGVAN_", extra="ignore")

    database_url: str = Field(
        default="sqlite:///./data/congvan.db",
        description="sqlite:///relative/path.db or sqlite:////absolute/path.db",
    )
    index_dir: Path | None = Field(
        default=None, description="tantivy index folder; default: beside the database, <name>.tantivy"
    )
    workers: int | None = Field(default=None, ge=1, description="extraction processes; default: all cores")
    cluster: str | None = Field(default=None, description="Dask scheduler address, tcp://HOST:8786")
    jobs_per_task: int = Field(default=4, ge=1, description="files sent to a worker at a time")
    commit_every: int = Field(default=64, ge=1, description="documents stored per database transaction")
    index_commit_seconds: float = Field(default=5.0, ge=0, description="least time between index commits")
    busy_timeout: float = Field(default=5.0, ge=0, description="seconds to wait for a locked database")
    file_time_limit: float | None = Field(
        default=600.0, gt=0, description="seconds the extraction of one file may take in a local worker"
    )
    suffixes: tuple[str, ...] = DEFAULT_SUFFIXES
    zip_max_members: int = Field(default=20_000, ge=1)
    zip_max_total_bytes: int = Field(default=2 * 1024**3, ge=1)
    zip_max_member_bytes: int = Field(default=200 * 1024**2, ge=1)
    zip_max_ratio: float = Field(default=100.0, ge=1, description="uncompressed / compressed size")

    def worker_count(self) -> int:
        """The number of extraction processes to start (``workers`` or all cores)."""
        return self.workers or os.cpu_count() or 1


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read from the environment once."""
    return Settings()
