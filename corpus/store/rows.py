"""Writing :class:`~extract.models.Extraction` objects as rows: documents and their facts.

Documents are inserted one by one (each needs its id); their facts are gathered in a
:class:`FactRows` and written with one ``executemany`` per table for the whole batch.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from corpus.datekeys import date_key, year_of
from corpus.folding import folded_words
from extract.models import Extraction

_INSERTS = {
    "dates": 'INSERT INTO dates (document_id, role, value, end_value, granularity, year_inferred, text, start, "end")'
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "targets": "INSERT INTO targets (document_id, metric, metric_folded, value, unit, kind, comparator, period,"
    ' year, text, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    "awards": "INSERT INTO awards (document_id, award, label, rank, authority, collectives, individuals, mixed,"
    ' status, recipient, year, text, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    "document_references": "INSERT INTO document_references (document_id, type, number, date, issuer, text,"
    ' start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
}


def issued_key(issued_date: str | None) -> int | None:
    """The sortable key of an issue date (``2025-01-21`` → ``20250121``)."""
    return date_key(issued_date)


def metric_key(metric: str) -> str:
    """A metric's folded words between spaces, for whole-word ``LIKE '% bao hiem %'`` matching."""
    return f" {' '.join(folded_words(metric))} "


@dataclass
class FactRows:
    """The fact rows of a batch of documents, by table."""

    tables: dict[str, list[tuple]] = field(default_factory=lambda: {name: [] for name in _INSERTS})

    def add(self, doc_id: int, extraction: Extraction) -> None:
        """Gather the dates, targets, awards and references of one document."""
        year = year_of(extraction.issued_date)
        self.tables["dates"] += [
            (doc_id, role, d.value, d.end_value, d.granularity, int(d.year_inferred), d.text, d.start, d.end)
            for role, items in (("date", extraction.dates), ("period", extraction.periods))
            for d in items
        ]
        self.tables["targets"] += [
            (doc_id, t.metric, metric_key(t.metric), t.value, t.unit, t.kind, t.comparator, t.period,
             year_of(t.period) or year, t.text, t.start, t.end)
            for t in extraction.targets
        ]
        self.tables["awards"] += [
            (doc_id, a.award, a.label, a.rank, a.authority, a.collectives, a.individuals, a.mixed, a.status,
             a.recipient, year, a.text, a.start, a.end)
            for a in extraction.awards
        ]
        self.tables["document_references"] += [
            (doc_id, r.type, r.number, r.date, r.issuer, r.text, r.start, r.end) for r in extraction.references
        ]

    def write(self, cur: sqlite3.Cursor) -> None:
        """Insert every gathered row."""
        for table, rows in self.tables.items():
            if rows:
                cur.executemany(_INSERTS[table], rows)


def insert_document(
    cur: sqlite3.Cursor, extraction: Extraction, sha256: str, size_bytes: int, now: str
) -> int:
    """Insert the document row (not its facts: see :class:`FactRows`); returns its id."""
    issuer = extraction.issuer.name
    cur.execute(
        "INSERT INTO documents (sha256, size_bytes, kind, number, issued_date, year, place, issuer,"
        " issuer_folded, issuer_parent, subject, text, extraction, ingested_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            sha256,
            size_bytes,
            extraction.kind,
            extraction.number,
            extraction.issued_date,
            year_of(extraction.issued_date),
            extraction.place,
            issuer,
            " ".join(folded_words(issuer)) or None,
            extraction.issuer.parent,
            extraction.subject,
            extraction.text,
            extraction.model_dump_json(exclude={"text"}),
            now,
        ),
    )
    assert cur.lastrowid is not None
    return cur.lastrowid
