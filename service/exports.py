"""Tabular exports of an extraction (CSV rows, XLSX), shared by the CLI and the API.

Cells that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-``, ``@``, tab or carriage return) are neutralized with a leading apostrophe.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from extract.models import Extraction

HEADER = ["source", "field", "text", "start", "end", "value", "unit", "kind", "detail"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """A value that no spreadsheet will evaluate as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def extraction_rows(ex: Extraction) -> Iterator[list[object]]:
    """One row per extracted item: dates, periods, targets, awards, references."""
    src = ex.source or ""
    rows: list[list[object]] = []
    for d in [*ex.dates, *ex.periods]:
        rows.append([src, "date", d.text, d.start, d.end, d.value, "", d.granularity,
                     f"end={d.end_value}" if d.end_value else ("year inferred" if d.year_inferred else "")])
    for t in ex.targets:
        rows.append([src, "target", t.text, t.start, t.end, t.value, t.unit, t.kind, t.metric])
    for a in ex.awards:
        counts = ", ".join(f"{k}={v}" for k, v in
                           (("collectives", a.collectives), ("individuals", a.individuals), ("mixed", a.mixed))
                           if v is not None)
        rows.append([src, "award", a.text, a.start, a.end, a.award, "", a.status, counts])
    for r in ex.references:
        rows.append([src, "reference", r.text, r.start, r.end, r.number or "", "", r.type or "", r.date or ""])
    for row in rows:
        yield [safe_cell(c) for c in row]


def extraction_xlsx(extractions: list[Extraction]) -> bytes:
    """An XLSX workbook: a sheet of items and a sheet of document metadata."""
    from openpyxl import Workbook

    wb = Workbook()
    items = wb.active
    items.title = "items"
    items.append(HEADER)
    docs = wb.create_sheet("documents")
    docs.append(["source", "kind", "number", "issued_date", "place", "issuer", "subject", "signer"])
    for ex in extractions:
        for row in extraction_rows(ex):
            items.append(row)
        signer = " ".join(x for x in (ex.signer.authority, ex.signer.title, ex.signer.name) if x)
        docs.append([safe_cell(c) for c in (ex.source or "", ex.kind, ex.number or "", ex.issued_date or "",
                                             ex.place or "", ex.issuer.name or "", ex.subject or "", signer)])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
