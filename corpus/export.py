"""Facts as tables: one shape for the terminal, CSV and XLSX (openpyxl)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import IO

from openpyxl import Workbook
from openpyxl.styles import Font

from corpus.models import AwardSum, DocumentRef, TargetPoint

Cell = str | int | float | None


@dataclass(frozen=True)
class Table:
    """A titled table of plain cells."""

    title: str
    columns: tuple[str, ...]
    rows: list[tuple[Cell, ...]]


def describe(ref: DocumentRef) -> str:
    """A document in a few words: ``12/KH-UBND (2025-03-04)``; its file name when it has no number."""
    name = ref.number or (PurePath(ref.path).name if ref.path else f"#{ref.id}")
    return f"{name} ({ref.issued_date})" if ref.issued_date else name


def _documents(refs: Sequence[DocumentRef]) -> str:
    return "; ".join(describe(r) for r in refs)


def _files(refs: Sequence[DocumentRef]) -> str:
    return "; ".join(r.path or f"#{r.id}" for r in refs)


def award_table(rows: Sequence[AwardSum], *, by: str) -> Table:
    """Award sums as a table, one row per group."""
    columns = (by, *(("label",) if by == "award" else ()), "collectives", "individuals", "mixed", "total",
               "statements", "documents", "files")
    return Table(
        title=f"awards by {by}",
        columns=columns,
        rows=[
            (
                r.key,
                *((r.label,) if by == "award" else ()),
                r.collectives,
                r.individuals,
                r.mixed,
                r.total,
                r.statements,
                _documents(r.documents),
                _files(r.documents),
            )
            for r in rows
        ],
    )


def target_table(rows: Sequence[TargetPoint], *, metric: str) -> Table:
    """A target's values as a table, one row per value."""
    return Table(
        title=f"targets: {metric}",
        columns=("year", "period", "kind", "metric", "comparator", "value", "unit", "text", "document", "files"),
        rows=[
            (
                r.year,
                r.period,
                r.kind,
                r.metric,
                r.comparator,
                r.value,
                r.unit,
                r.text,
                describe(r.document),
                _files([r.document]),
            )
            for r in rows
        ],
    )


def write_csv(table: Table, out: IO[str]) -> None:
    """Write ``table`` as CSV (the caller opens ``out`` with ``encoding="utf-8-sig"`` for Excel)."""
    writer = csv.writer(out)
    writer.writerow(table.columns)
    writer.writerows(table.rows)


def write_xlsx(table: Table, path: Path) -> None:
    """Write ``table`` to an .xlsx workbook: bold frozen header, readable column widths."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = table.title[:31].replace(":", " ")
    sheet.append(list(table.columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append(list(row))
    sheet.freeze_panes = "A2"
    for index, name in enumerate(table.columns, start=1):
        longest = max([len(name), *(len(str(row[index - 1] or "")) for row in table.rows)])
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = min(60, longest + 2)
    book.save(path)
