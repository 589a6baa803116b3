"""Tables laid out with spaces, as a PDF converted with its layout kept writes them::

      TT    Danh hiệu thi đua                     Tập thể     Cá nhân     Ghi chú
      1     Tập thể Lao động tiên tiến              13           -        Các phòng, BHXH
                                                                          huyện, thành phố
      2     Chiến sĩ thi đua cơ sở                   -          27

:func:`rebuild_aligned_tables` rewrites them as pipe rows, each cell put in the column
whose header starts nearest before it, and a line holding only later columns joined to
the row above (a cell wrapped onto a second line). The header must name each column's
role, as for tables flattened one cell per line (``data/tables.yaml``).
"""

from __future__ import annotations

import re

from extract.tables import INDEX_CELL, column_role, is_numeric_cell, pipe_row

#: A cell: words parted by single spaces; two spaces or more end it.
_CELL = re.compile(r"\S+(?: \S+)*")
#: How far left of its header a cell may start and still be in that column.
_SLACK = 3


def _cells(line: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _CELL.finditer(line.expandtabs(8))]


def _header(line: str) -> tuple[list[int], list[str | None]] | None:
    """The columns' start positions and roles when ``line`` is a header (three cells or more,
    each naming a role, two roles at least)."""
    if "  " not in line and "\t" not in line:  # one space between words: never three columns
        return None
    cells = _cells(line)
    roles = [column_role(text) for _pos, text in cells]
    if len(cells) < 3 or None in roles or len(set(roles)) < 2:
        return None
    return [pos for pos, _text in cells], roles


def _place(starts: list[int], cells: list[tuple[int, str]]) -> list[str] | None:
    """The row's cells by column, or ``None`` when two cells fall in one column."""
    row = [""] * len(starts)
    for pos, text in cells:
        column = max((i for i, s in enumerate(starts) if s <= pos + _SLACK), default=0)
        if row[column]:
            return None
        row[column] = text
    return row


def rebuild_aligned_tables(lines: list[str]) -> list[str]:
    """Lines of the text with every space-aligned table rewritten as pipe rows."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        header = _header(lines[i]) if lines[i].strip() else None
        if header is None:
            out.append(lines[i])
            i += 1
            continue
        starts, roles = header
        rows: list[list[str]] = []
        j = i + 1
        while j < len(lines) and lines[j].strip():
            row = _place(starts, _cells(lines[j]))
            if row is None:
                break
            if row[0] or not rows:  # a new row
                if roles[0] == "index" and not INDEX_CELL.match(row[0]):
                    break
                if "person" not in roles and not any(is_numeric_cell(c) for c in row[1:] if c):
                    break
                rows.append(row)
            else:  # cells wrapped onto a second line
                rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], row, strict=True)]
            j += 1
        if not rows:
            out.append(lines[i])
            i += 1
            continue
        out.append(pipe_row([text for _pos, text in _cells(lines[i])]))
        out.extend(pipe_row(row) for row in rows)
        i = j
    return out
