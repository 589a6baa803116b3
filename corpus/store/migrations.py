"""The database schema as an ordered list of migrations.

A migration is applied once, in its own transaction, and recorded in
``schema_version``. Add a migration at the end; never edit a released one.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: documents, their paths, facts, failures and the change feed of the search index
    """
    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        size_bytes INTEGER NOT NULL,
        kind TEXT NOT NULL,
        number TEXT,
        issued_date TEXT,
        year INTEGER,
        place TEXT,
        issuer TEXT,
        issuer_folded TEXT,
        issuer_parent TEXT,
        subject TEXT,
        text TEXT NOT NULL,
        extraction TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX documents_issuer_year ON documents (issuer_folded, year);
    CREATE INDEX documents_year ON documents (year);
    CREATE TABLE document_paths (
        seq INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        member TEXT NOT NULL DEFAULT '',
        first_seen TEXT NOT NULL,
        UNIQUE (document_id, path, member)
    );
    CREATE INDEX document_paths_location ON document_paths (path, member);
    CREATE TABLE dates (
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('date', 'period')),
        value TEXT NOT NULL,
        end_value TEXT,
        granularity TEXT NOT NULL,
        year_inferred INTEGER NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL
    );
    CREATE INDEX dates_document ON dates (document_id);
    CREATE TABLE targets (
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        metric TEXT NOT NULL,
        metric_folded TEXT NOT NULL,
        value REAL NOT NULL,
        unit TEXT NOT NULL,
        kind TEXT NOT NULL,
        comparator TEXT,
        period TEXT,
        year INTEGER,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL
    );
    CREATE INDEX targets_document ON targets (document_id);
    CREATE TABLE awards (
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        award TEXT NOT NULL,
        label TEXT NOT NULL,
        rank TEXT,
        authority TEXT,
        collectives INTEGER,
        individuals INTEGER,
        mixed INTEGER,
        status TEXT NOT NULL,
        recipient TEXT,
        year INTEGER,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL
    );
    CREATE INDEX awards_document ON awards (document_id);
    CREATE INDEX awards_award ON awards (award, status);
    CREATE TABLE document_references (
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        type TEXT,
        number TEXT,
        date TEXT,
        issuer TEXT,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL
    );
    CREATE INDEX document_references_document ON document_references (document_id);
    CREATE TABLE failures (
        path TEXT NOT NULL,
        member TEXT NOT NULL DEFAULT '',
        error TEXT NOT NULL,
        reason TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 1,
        first_failed TEXT NOT NULL,
        last_failed TEXT NOT NULL,
        PRIMARY KEY (path, member)
    ) WITHOUT ROWID;
    CREATE TABLE changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        document_id INTEGER NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('upsert', 'delete'))
    );
    """,
)

LATEST = len(MIGRATIONS)
