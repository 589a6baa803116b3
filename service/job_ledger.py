"""The jobs on disk: one JSON file per job, so that a restarted service still shows them
and finishes the ones it was running or had queued.

A record holds the job as the API shows it and the paths it indexes. Files are replaced
atomically (written beside, then renamed): a crash leaves the old record or the new one,
never half of one.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from pydantic import BaseModel, ValidationError

from service.job_models import Job

log = logging.getLogger("congvan.jobs")

_JOB_ID = re.compile(r"^[0-9a-f]{16}$")


class JobRecord(BaseModel):
    """A job and the files, folders or zip files it indexes."""

    job: Job
    paths: list[Path]


class JobLedger:
    """Job records kept in ``folder`` (created when first written).

    Args:
        folder: where the records are written, ``<id>.json`` each.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, job_id: str) -> Path:
        if not _JOB_ID.match(job_id):
            raise ValueError(f"{job_id!r} is not a job id")
        return self.folder / f"{job_id}.json"

    def save(self, job: Job, paths: list[Path]) -> None:
        """Write the record of ``job`` (replacing the previous one)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self._path(job.id)
        scratch = target.with_suffix(".json.tmp")
        scratch.write_text(JobRecord(job=job, paths=paths).model_dump_json(), encoding="utf-8")
        os.replace(scratch, target)

    def forget(self, job_id: str) -> None:
        """Remove the record of a job (nothing happens when there is none)."""
        self._path(job_id).unlink(missing_ok=True)

    def load(self) -> list[JobRecord]:
        """Every readable record, oldest job first.

        A record that cannot be read (edited by hand, or from an incompatible version) is
        logged with its file and reason and left where it is; the others still load.
        """
        if not self.folder.is_dir():
            return []
        records: list[JobRecord] = []
        for path in sorted(self.folder.glob("*.json")):
            try:
                records.append(JobRecord.model_validate_json(path.read_bytes()))
            except (OSError, ValidationError) as exc:
                log.warning("job record %s cannot be read, skipped: %s", path, exc)
        return sorted(records, key=lambda r: r.job.created_at)
