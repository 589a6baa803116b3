"""The archive's contracts, shared by the CLI, the service and the tests."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from extract.models import Extraction


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DocumentRef(_Model):
    """Enough about a document to show and open it: what a facts row links to."""

    id: int
    sha256: str
    number: str | None = None
    issued_date: str | None = None
    kind: str
    issuer: str | None = None
    subject: str | None = None
    path: str | None = Field(default=None, description="the first place the content was found")


class StoredDocument(_Model):
    """A document of the archive: its extraction and where its content was found."""

    id: int
    sha256: str
    size_bytes: int
    ingested_at: datetime
    paths: list[str]
    extraction: Extraction


class AddOutcome(_Model):
    """What :meth:`corpus.Archive.add` did with one file."""

    document_id: int
    sha256: str
    created: bool = Field(description="false when the content was already stored (the path is added)")


class Failure(_Model):
    """A file that could not be stored, with the reason; ``congvan index --retry-failed`` retries it."""

    location: str
    error: str
    reason: str
    attempts: int = 1
    last_failed: datetime | None = None


class IngestReport(_Model):
    """The summary of an index run (``congvan index --json`` prints it)."""

    files: int = Field(default=0, description="files and zip members found")
    stored: int = Field(default=0, description="new documents stored")
    duplicates: int = Field(default=0, description="files whose content was already stored (path remembered)")
    failed: int = 0
    skipped: int = Field(default=0, description="files in folders with an ending the extractor does not read")
    seconds: float = 0.0
    files_per_second: float = 0.0
    workers: int = 0
    cluster: str | None = None
    interrupted: bool = False
    failures: list[Failure] = Field(default_factory=list)

    @classmethod
    def combined(cls, reports: list[IngestReport]) -> IngestReport:
        """One report for runs made one after the other (``--retry-failed`` with paths)."""
        if len(reports) == 1:
            return reports[0]
        seconds = sum(r.seconds for r in reports)
        done = sum(r.stored + r.duplicates + r.failed for r in reports)
        return cls(
            files=sum(r.files for r in reports),
            stored=sum(r.stored for r in reports),
            duplicates=sum(r.duplicates for r in reports),
            failed=sum(r.failed for r in reports),
            skipped=sum(r.skipped for r in reports),
            seconds=round(seconds, 3),
            files_per_second=round(done / seconds, 2) if seconds > 0 else 0.0,
            workers=max(r.workers for r in reports),
            cluster=reports[-1].cluster,
            interrupted=any(r.interrupted for r in reports),
            failures=[f for r in reports for f in r.failures],
        )


class Progress(_Model):
    """A progress report sent to ``on_progress`` while an index run goes on."""

    done: int
    total: int
    stored: int
    duplicates: int
    failed: int
    seconds: float


class Snippet(_Model):
    """A passage of a document around the query's matches.

    ``highlights`` are ``(start, end)`` character ranges into ``text``.
    """

    text: str
    highlights: list[tuple[int, int]] = Field(default_factory=list)

    def marked(self, before: str = "«", after: str = "»") -> str:
        """The passage with each highlight wrapped in ``before`` … ``after``."""
        out: list[str] = []
        last = 0
        for start, end in self.highlights:
            out += [self.text[last:start], before, self.text[start:end], after]
            last = end
        out.append(self.text[last:])
        return "".join(out)


class SearchHit(_Model):
    """One ranked document of a search."""

    score: float
    document: DocumentRef
    paths: list[str]
    snippet: Snippet


class FacetCount(_Model):
    """How many matching documents have this value."""

    value: str
    count: int


class SearchResult(_Model):
    """A page of ranked hits, the number of matching documents and their facets."""

    query: str
    total: int
    hits: list[SearchHit]
    facets: dict[str, list[FacetCount]] = Field(default_factory=dict)


AwardGrouping = Literal["year", "issuer", "award"]


class AwardSum(_Model):
    """Awards summed over one group (a year, an issuer or an award)."""

    key: str | None = Field(description="the year, the issuer or the award key; None when unknown")
    label: str | None = Field(default=None, description="the award's name when grouped by award")
    collectives: int = 0
    individuals: int = 0
    mixed: int = 0
    total: int = 0
    statements: int = Field(description="award statements summed")
    documents: list[DocumentRef]


class TargetPoint(_Model):
    """One value of a target (chỉ tiêu) or result, in time, with its source document."""

    year: int | None
    period: str | None
    metric: str
    value: float
    unit: str
    kind: str
    comparator: str | None = None
    text: str
    document: DocumentRef


class ArchiveStats(_Model):
    """Counts and sizes of an archive."""

    documents: int
    paths: int
    failures: int
    indexed: int
    database_bytes: int
    index_bytes: int
