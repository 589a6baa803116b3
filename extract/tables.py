"""Tables: targets and award counts read cell by cell.

Tables reach the engine as pipe rows, ``| 1 | Số người tham gia BHXH | Người | 41.200 | 42.035 |``:
the .docx and HTML readers write data tables that way, and a table flattened to
one cell per line (a copy from a PDF or a web page) is rebuilt by
:func:`rebuild_cell_tables` before paragraphs are joined. The header names each
column's role (label, unit, plan, result, ratio, tập thể, cá nhân …); the roles
and units are data in ``data/tables.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from extract.lexicon import load_data
from extract.models import AwardItem, TargetItem
from extract.numbers import parse_int, parse_number

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_SEPARATOR = re.compile(r"^\s*\|(?:\s*:?-{2,}:?\s*\|)+\s*$")
INDEX_CELL = re.compile(r"^(?:\d{1,3}(?:\.\d{1,2})*|[IVX]{1,5}|[a-zđ])\.?$")
_EMPTY = re.compile(r"^[-–—x/]?$")
_UNIT_SUFFIX = re.compile(r"\s*\([^()]+\)\s*$")  # "Số người tham gia BHYT (người)" → its metric


@dataclass
class Cell:
    """One cell: its stripped text and where that text is."""

    text: str
    start: int
    end: int


@dataclass
class Table:
    """A pipe table found in the text."""

    header: list[Cell]
    rows: list[list[Cell]]
    roles: list[str | None] = field(default_factory=list)
    start: int = 0
    end: int = 0
    unit: tuple[str, float] | None = None  # from a caption line ("Đơn vị tính: tỷ đồng")


@lru_cache(maxsize=1)
def _grammar() -> dict:
    cfg = load_data("tables.yaml")
    return {
        "columns": [(role, re.compile(rf"^{rx}$", re.IGNORECASE)) for role, rx in cfg["columns"].items()],
        "units": {k.lower(): (v[0], float(v[1])) for k, v in cfg["units"].items()},
        "percent_label": re.compile(cfg["percent_label"], re.IGNORECASE),
        "min_columns": int(cfg["min_columns"]),
        "max_header": int(cfg["max_header_chars"]),
        "max_cell": int(cfg["max_cell_chars"]),
        "caption_unit": re.compile(cfg["caption_unit"], re.IGNORECASE),
        "total_row": re.compile(cfg["total_row"], re.IGNORECASE),
        "people_label": re.compile(cfg["people_label"], re.IGNORECASE),
        "year_label": re.compile(cfg["year_label"]),
    }


def column_role(header: str) -> str | None:
    """The role of a column from its header cell ("Kế hoạch năm 2024" → ``plan``); a caption
    ("Đơn vị tính: tỷ đồng") is no header cell."""
    clean = " ".join(header.replace("*", "").split())
    if _grammar()["caption_unit"].match(clean):
        return None
    for role, rx in _grammar()["columns"]:
        if rx.match(clean):
            return role
    return None


# ---------------------------------------------------------------- one cell per line


def pipe_row(cells: list[str]) -> str:
    """A table row as the engine reads it: ``| a | b | c |`` (a "|" inside a cell becomes "/")."""
    return "| " + " | ".join(" ".join(c.replace("|", "/").split()) for c in cells) + " |"


def is_numeric_cell(s: str) -> bool:
    return bool(re.fullmatch(r"[-–—x]?|[<>≥≤~]?\s*\d[\d.,]*\s*%?", s.strip()))


def rebuild_cell_tables(lines: list[str]) -> list[str]:
    """Turn tables flattened to one cell per line back into pipe rows.

    A header is a run of at least ``min_columns`` short lines that each name a
    column role ("TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2024" …); the rows
    are the following lines taken that many at a time, as long as each chunk
    looks like a row (short cells, at least one number, an index first when the
    header starts with "TT").
    """
    g = _grammar()
    out: list[str] = []
    i = 0
    stripped = [line.strip() for line in lines]
    while i < len(lines):
        n = 0
        while (i + n < len(lines) and stripped[i + n] and len(stripped[i + n]) <= g["max_header"]
               and column_role(stripped[i + n]) is not None):
            n += 1
        roles = [column_role(stripped[i + k]) for k in range(n)]
        if n < g["min_columns"] or len(set(roles)) < 2:
            out.append(lines[i])
            i += 1
            continue
        rows: list[list[str]] = []
        j = i + n
        while j < len(lines):
            total = stripped[j : j + n - 1]
            if roles[0] == "index" and g["total_row"].match(total[0]) and len(total) == n - 1 and all(total) \
                    and all(is_numeric_cell(c) for c in total[1:]):
                rows.append(["", *total])  # "Tổng cộng" spans the index and label columns: the last row
                j += n - 1
                break
            chunk = stripped[j : j + n]
            if len(chunk) < n or any(not c or len(c) > g["max_cell"] for c in chunk):
                break
            if roles[0] == "index" and not INDEX_CELL.match(chunk[0]):
                break
            if "person" not in roles and not any(is_numeric_cell(c) for c in chunk[1:]):
                break
            rows.append(chunk)
            j += n
        if not rows:
            out.append(lines[i])
            i += 1
            continue
        out.append(pipe_row(stripped[i : i + n]))
        out.extend(pipe_row(r) for r in rows)
        i = j
    return out


# ---------------------------------------------------------------- pipe tables


def _cells(line: str, offset: int) -> list[Cell]:
    cells: list[Cell] = []
    bars = [m.start() for m in re.finditer(r"\|", line)]
    for a, b in zip(bars, bars[1:], strict=False):
        raw = line[a + 1 : b]
        lead = len(raw) - len(raw.lstrip())
        text = raw.strip()
        start = offset + a + 1 + lead
        cells.append(Cell(text, start, start + len(text)))
    return cells


def _unit_named(name: str) -> tuple[str, float] | None:
    return _grammar()["units"].get(name.lower().strip(" ()."))


def _caption_unit(text: str, start: int, lines: int = 3) -> tuple[str, float] | None:
    """The unit a line just above the table gives all its numbers ("Đơn vị tính: tỷ đồng")."""
    for line in [line for line in text[:start].split("\n") if line.strip()][-lines:]:
        m = _grammar()["caption_unit"].match(line)
        if m and _unit_named(m.group("unit")):
            return _unit_named(m.group("unit"))
    return None


def find_tables(text: str) -> list[Table]:
    """Every pipe table of ``text``: a header row and its data rows, cells with offsets."""
    tables: list[Table] = []
    block: list[tuple[int, str]] = []
    pos = 0

    def flush() -> None:
        rows = [(p, line) for p, line in block if not _SEPARATOR.match(line)]
        if len(rows) >= 2:
            header = _cells(rows[0][1], rows[0][0])
            body = [_cells(line, p) for p, line in rows[1:]]
            tables.append(Table(header, body, [column_role(c.text) for c in header],
                                block[0][0], block[-1][0] + len(block[-1][1]), _caption_unit(text, block[0][0])))
        block.clear()

    for line in text.split("\n"):
        if _PIPE_ROW.match(line):
            block.append((pos, line))
        elif block:
            flush()
        pos += len(line) + 1
    if block:
        flush()
    return tables


def _row_unit(table: Table, row: list[Cell], label: str) -> tuple[str, float] | None:
    """The unit of a row's numbers: its unit cell, its label's "(người)", a plan or result
    header's "(tỷ đồng)", a percentage label, else the table's caption."""
    g = _grammar()
    for role, cell in zip(table.roles, row, strict=False):
        if role == "unit" and cell.text:
            return _unit_named(cell.text)
    m = re.search(r"\(([^()]+)\)\s*$", label)
    if m and _unit_named(m.group(1)):
        return _unit_named(m.group(1))
    for cell in table.header:
        m = re.search(r"\(([^)]+)\)", cell.text)
        if m and _unit_named(m.group(1)) and column_role(cell.text) in ("plan", "result"):
            return _unit_named(m.group(1))
    if g["percent_label"].search(label):
        return "%", 1.0
    return table.unit


def _label(table: Table, row: list[Cell]) -> Cell | None:
    for role, cell in zip(table.roles, row, strict=False):
        if role == "label" and cell.text:
            return cell
    return next((c for c in row if c.text and not is_numeric_cell(c.text) and not INDEX_CELL.match(c.text)), None)


def _number(cell: Cell) -> float | None:
    return parse_number(re.sub(r"\s*%$", "", cell.text.strip(" <>≥≤~")))


def _header_unit(header: str) -> tuple[str, float] | None:
    """The unit a column header gives its cells: "Số thu (triệu đồng)", "Tỷ lệ … (%)", "Số người …"."""
    g = _grammar()
    m = re.search(r"\(([^()]+)\)\s*$", header)
    if m and _unit_named(m.group(1)):
        return _unit_named(m.group(1))
    if g["percent_label"].search(header):
        return "%", 1.0
    return ("người", 1.0) if g["people_label"].search(header) else None


def _series_targets(table: Table) -> list[TargetItem]:
    """A table of one row per year ("| Năm | Số thu (triệu đồng) | Tỷ lệ so với kế hoạch (%) |"):
    each column is a metric, each row its value for that year (the row's label is the period)."""
    out: list[TargetItem] = []
    for row in table.rows:
        if not row or not (_grammar()["year_label"].match(row[0].text) or _grammar()["total_row"].match(row[0].text)):
            continue
        for role, head, cell in list(zip(table.roles, table.header, row, strict=False))[1:]:
            unit = _header_unit(head.text)
            value = _number(cell) if unit is not None and not _EMPTY.match(cell.text) else None
            if unit is None or value is None:
                continue
            out.append(TargetItem(
                text=cell.text, start=cell.start, end=cell.end, value=value * unit[1], unit=unit[0],
                metric=_UNIT_SUFFIX.sub("", head.text) or head.text, kind="target" if role == "plan" else "result",
                period=row[0].text,
            ))
    return out


def _metric_column(role: str | None, head: Cell, label: Cell) -> bool:
    """A column measuring one metric for every row ("| Đơn vị | Số thu (tỷ đồng) | Bao phủ BHYT (%) |"):
    not the label, and its header names a unit."""
    return role in (None, "label") and head is not label and _header_unit(head.text) is not None


def table_targets(tables: list[Table]) -> list[TargetItem]:
    """Targets (plan columns) and results (result and ratio columns) of every table; in a table of
    one row per year, or of one row per unit, every column whose header names a unit."""
    out: list[TargetItem] = []
    for table in tables:
        if table.roles[:1] == ["period"]:
            out += _series_targets(table)
            continue
        for row in table.rows:
            label = _label(table, row)
            if label is None:
                continue
            unit = _row_unit(table, row, label.text)
            name = _UNIT_SUFFIX.sub("", label.text) or label.text
            for role, head, cell in zip(table.roles, table.header, row, strict=False):
                by_column = _metric_column(role, head, label) and cell is not label
                if (role not in ("plan", "result", "ratio") and not by_column) or _EMPTY.match(cell.text):
                    continue
                number = re.sub(r"\s*%$", "", cell.text.strip(" <>≥≤~*"))
                value = parse_number(number)
                if value is None:
                    continue
                if by_column:  # the column names the metric and its unit, the row the unit measured
                    (cell_unit, scale), metric = _header_unit(head.text), f"{_UNIT_SUFFIX.sub('', head.text)} - {name}"
                elif role == "ratio":
                    cell_unit, scale, metric = "%", 1.0, f"{name} ({head.text})"
                elif unit is not None:
                    (cell_unit, scale), metric = unit, name
                else:
                    continue
                out.append(TargetItem(
                    text=cell.text, start=cell.start, end=cell.end, value=value * scale, unit=cell_unit,
                    metric=metric, kind="target" if role == "plan" else "result", period=None if by_column else head.text,
                ))
    return out


def _award_cell(table: Table, row: list[Cell], classify) -> tuple[Cell, tuple] | None:
    """The cell of ``row`` naming an award, label columns first, with what ``classify`` says of it."""
    ordered = sorted(zip(table.roles, row, strict=False), key=lambda rc: rc[0] != "label")
    for role, cell in ordered:
        if role in (None, "label") and cell.text and not is_numeric_cell(cell.text):
            award = classify(cell.text)
            if award is not None:
                return cell, award
    return None


def table_awards(text: str, tables: list[Table], classify, proposed_before, read_counts) -> list[AwardItem]:
    """Award counts of tables: columns counting tập thể and cá nhân, a "Số lượng" cell
    ("01 tập thể, 03 cá nhân"), or one row per person or unit named beside its award.

    Args:
        text: the document's text (the tables' offsets point into it).
        classify: ``label → (key, label, rank) | None`` (the award taxonomy).
        proposed_before: ``offset → bool``, whether the words before the table (or the
            list it stands in) propose.
        read_counts: ``cell → (collectives, individuals, mixed) | None``.
    """
    out: list[AwardItem] = []
    for table in tables:
        roles = set(table.roles)
        by_column = bool({"collectives", "individuals", "mixed"} & roles)
        if not by_column and "person" not in roles:
            continue
        proposed = proposed_before(table.start) or any("đề nghị" in c.text.lower() for c in table.header)
        for row in table.rows:
            found = _award_cell(table, row, classify)
            if found is None:
                continue
            award_cell, (key, name, rank) = found
            counts: dict[str, int | None] = {"collectives": None, "individuals": None, "mixed": None}
            first, last = award_cell, award_cell
            for role, cell in zip(table.roles, row, strict=False):
                if role not in counts or _EMPTY.match(cell.text):
                    continue
                n = parse_int(cell.text)
                written = read_counts(cell.text) if n is None else None
                if n is not None:
                    counts[role] = n
                elif written is not None:
                    counts.update(zip(("collectives", "individuals", "mixed"), written, strict=True))
                else:
                    continue
                first, last = min(first, cell, key=lambda c: c.start), max(last, cell, key=lambda c: c.end)
            if counts["collectives"] is not None or counts["individuals"] is not None:
                counts["mixed"] = None  # a "Tổng" column only adds up the others
            if not any(v for v in counts.values()) and "person" in roles:
                person = next(c for r, c in zip(table.roles, row, strict=False) if r == "person")
                if not person.text:
                    continue
                counts["individuals"] = 1
                first = min(first, person, key=lambda c: c.start)
            if not any(v for v in counts.values()):
                continue
            out.append(AwardItem(
                text=text[first.start : last.end], start=first.start, end=last.end,
                award=key, label=name, rank=rank, status="proposed" if proposed else "awarded", **counts,
            ))
    return out
