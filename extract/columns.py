"""A letter's two-column header laid out side by side with spaces, read column by column.

A PDF converted with its layout kept, or a letter typed with spaces, puts the
agency beside the Quốc hiệu and the "Số:" beside the place and date::

    UBND TỈNH ĐẮK LẮK                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
       SỞ NỘI VỤ                                Độc lập - Tự do - Hạnh phúc
    Số: 256/BC-SNV                         Đắk Lắk, ngày 05 tháng 12 năm 2024

Read line by line, each line mixes the two columns. :func:`unfold_header_columns`
writes the left column first, then the right one, as a .docx header table is read.
The thresholds are data in ``data/layout.yaml`` (``header_columns``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extract.lexicon import load_data


@dataclass(frozen=True)
class _Config:
    gap: re.Pattern[str]
    first_within: int
    max_step: int
    min_lines: int
    right_share: float
    min_right_column: int


@lru_cache(maxsize=1)
def _config() -> _Config:
    cfg = load_data("layout.yaml")["header_columns"]
    return _Config(
        gap=re.compile(rf"(?<=\S)(?:[ ]{{{int(cfg['min_gap'])},}}|[ ]*\t[ \t]*)(?=\S)"),
        first_within=int(cfg["first_within"]),
        max_step=int(cfg["max_step"]),
        min_lines=int(cfg["min_lines"]),
        right_share=float(cfg["right_share"]),
        min_right_column=int(cfg["min_right_column"]),
    )


#: A right column starts with a capital ("CỘNG HÒA", "Hà Nội, ngày") or a rule ("-----"), never with
#: the rest of a blank left to fill in ("Số:      /BHXH-TĐKT", "ngày      tháng 02").
_RIGHT_START = re.compile(r"[A-ZĐÀ-Ỹ\-_=*]")


def _split(line: str, cfg: _Config) -> tuple[str, int, str] | None:
    """``(left, column of the right part, right)`` when a wide gap or a tab splits ``line`` in two."""
    body = line.lstrip(" \t")
    m = cfg.gap.search(body)
    if m is None or body.startswith("|"):
        return None
    column = len(line[: len(line) - len(body) + m.end()].expandtabs(8))
    right = body[m.end() :].strip()
    if (column < cfg.min_right_column and "\t" not in m.group()) or not _RIGHT_START.match(right):
        return None
    return body[: m.start()].strip(), column, right


def _header_block(lines: list[str], cfg: _Config) -> tuple[int, int] | None:
    """The lines ``[0, end)`` holding the side-by-side header, or ``None``."""
    split_at = [i for i, line in enumerate(lines[: cfg.first_within + cfg.max_step * 8])
                if _split(line, cfg) is not None]
    if not split_at or split_at[0] >= cfg.first_within:
        return None
    last = split_at[0]
    for i in split_at[1:]:
        if i - last > cfg.max_step:
            break
        last = i
    count = sum(1 for i in split_at if i <= last)
    return (0, last + 1) if count >= cfg.min_lines else None


def unfold_header_columns(lines: list[str]) -> list[str]:
    """Lines of the text with a side-by-side header rewritten as its left column, then its right.

    Lines without a gap go to the column they start in (a line indented past
    ``right_share`` of the right column's position is in the right column).

    Example:
        >>> unfold_header_columns(["UBND TỈNH A               CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        ...                        "Số: 1/UBND                A, ngày 02 tháng 3 năm 2025", "Nội dung"])
        ['UBND TỈNH A', 'Số: 1/UBND', '', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'A, ngày 02 tháng 3 năm 2025', '', 'Nội dung']
    """
    cfg = _config()
    block = _header_block(lines, cfg)
    if block is None:
        return lines
    start, end = block
    parts = [_split(line, cfg) for line in lines[start:end]]
    columns = sorted(p[1] for p in parts if p is not None)
    right_at = columns[len(columns) // 2]
    left: list[str] = []
    right: list[str] = []
    for line, part in zip(lines[start:end], parts, strict=True):
        if part is not None:
            left.append(part[0])
            right.append(part[2])
        elif line.strip():
            lead = line[: len(line) - len(line.lstrip(" \t"))]
            indented = "\t" in lead or len(lead) >= right_at * cfg.right_share
            (right if indented else left).append(line.strip())
    return [*lines[:start], *left, "", *right, "", *lines[end:]]


_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*(?:\+[-=:+]+\+|\|[-:| ]+\|)\s*$")
_LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)")


def _cell_lines(cell: str) -> list[str]:
    """A header cell's lines, without markdown emphasis: "**CỘNG HÒA …**<br>**Độc lập …**"."""
    return [line.strip() for line in _LINE_BREAK.split(_EMPHASIS.sub("", cell)) if line.strip()]


def unfold_header_table(lines: list[str]) -> list[str]:
    """Lines of the text with a header written as a two-column table (a markdown or grid table
    exported from Word: agency | Quốc hiệu, Số | place and date) rewritten as its left column,
    then its right one, as the header of a .docx is read.

    Example:
        >>> unfold_header_table(["| UBND TỈNH A | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** |", "|---|---|",
        ...                      "| Số: 1/UBND | *A, ngày 02 tháng 3 năm 2025* |", "", "Nội dung"])
        ['UBND TỈNH A', 'Số: 1/UBND', '', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'A, ngày 02 tháng 3 năm 2025', '', '', 'Nội dung']
    """
    start = next((i for i, line in enumerate(lines[:8]) if _TABLE_ROW.match(line) or _TABLE_RULE.match(line)), None)
    if start is None:
        return lines
    end = start
    while end < len(lines) and (_TABLE_ROW.match(lines[end]) or _TABLE_RULE.match(lines[end])):
        end += 1
    block = lines[start:end]
    if not re.search(r"CỘNG HÒA|Độc lập", "\n".join(block), re.IGNORECASE):
        return lines
    left: list[str] = []
    right: list[str] = []
    for line in block:
        if _TABLE_RULE.match(line):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 2:
            return lines
        left += _cell_lines(cells[0])
        right += _cell_lines(cells[1])
    return [*lines[:start], *left, "", *right, "", *lines[end:]]
