"""The reading order of a page image: bands of lines, and two-column bands read column by column.

A letter's header (agency | Quốc hiệu, Số | place and date) and its foot (Nơi nhận |
signature) are two columns side by side whose lines do not line up. Read as one
block, their lines would be merged across the gap. The page is cut into horizontal
line bands from its ink; a band with one wide gap in its middle part opens a
two-column run, which goes on while the following bands keep that gap free, and ends
after its last band with ink on both sides. Each run becomes a left and a right region;
the rest of the page is flowing text. The regions are then stacked one under the
other, in reading order, into one image for Tesseract.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from PIL import Image

from extract.readers.ocr.config import LayoutSettings

Column = Literal["flow", "left", "right"]


@dataclass(frozen=True)
class Region:
    """A rectangle of the page, read as one piece; ``column`` tells where it stands."""

    top: int
    bottom: int
    left: int
    right: int
    column: Column

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top


@dataclass
class _Band:
    top: int
    bottom: int
    runs: list[tuple[int, int]]  # ink runs along the band, [start, end) in x

    @property
    def left(self) -> int:
        return self.runs[0][0]

    @property
    def right(self) -> int:
        return self.runs[-1][1]


def _runs(flags: np.ndarray) -> list[tuple[int, int]]:
    """The [start, end) runs of ``True`` in a 1-D boolean array."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], flags.astype(np.int8), [0]))))
    return [(int(a), int(b)) for a, b in zip(edges[0::2], edges[1::2], strict=True)]


def _join_fragments(rows: list[tuple[int, int]], unit: float) -> list[tuple[int, int]]:
    """Join each thin run of rows (a diacritic above its line, a dot below) to the nearer neighbour."""
    rows = list(rows)
    i = 0
    while i < len(rows):
        top, bottom = rows[i]
        if bottom - top >= 0.45 * unit or len(rows) == 1:
            i += 1
            continue
        above = top - rows[i - 1][1] if i > 0 else None
        below = rows[i + 1][0] - bottom if i + 1 < len(rows) else None
        if below is not None and (above is None or below <= above) and below < 0.6 * unit:
            rows[i:i + 2] = [(top, rows[i + 1][1])]
        elif above is not None and above < 0.6 * unit:
            rows[i - 1:i + 1] = [(rows[i - 1][0], bottom)]
            i -= 1
        else:
            i += 1
    return rows


def _bands(ink: np.ndarray) -> tuple[list[_Band], float]:
    """Line bands (diacritics kept with their line) and the typical line height."""
    rows = _runs(ink.sum(axis=1) > max(2, ink.shape[1] // 1000))
    rows = [r for r in rows if r[1] - r[0] >= 2]
    if not rows:
        return [], 0.0
    unit = float(np.median([b - a for a, b in rows if b - a >= 4] or [rows[0][1] - rows[0][0]]))
    merged: list[tuple[int, int]] = []
    for top, bottom in _join_fragments(rows, unit):
        if merged and top - merged[-1][1] < 0.2 * unit:
            merged[-1] = (merged[-1][0], bottom)
        else:
            merged.append((top, bottom))
    height = float(np.median([b - a for a, b in merged]))
    bands = []
    for top, bottom in merged:
        runs = _runs(ink[top:bottom].any(axis=0))
        if runs:
            bands.append(_Band(top, bottom, runs))
    return bands, height


def _chunks(band: _Band, word_gap: float) -> list[tuple[int, int]]:
    """Ink runs of a band joined across gaps narrower than ``word_gap``."""
    chunks = [list(band.runs[0])]
    for start, end in band.runs[1:]:
        if start - chunks[-1][1] < word_gap:
            chunks[-1][1] = end
        else:
            chunks.append([start, end])
    return [(a, b) for a, b in chunks]


def _free_within(band: _Band, low: int, high: int) -> tuple[int, int] | None:
    """The widest stretch of [low, high) where ``band`` has no ink."""
    best: tuple[int, int] | None = None
    cursor = low
    for start, end in band.runs + [(high, high)]:
        if end <= low:
            continue
        stop = min(start, high)
        if stop > cursor and (best is None or stop - cursor > best[1] - best[0]):
            best = (cursor, stop)
        cursor = max(cursor, end)
        if cursor >= high:
            break
    return best


def _has_both_sides(band: _Band, gap: tuple[int, int]) -> bool:
    return band.left < gap[0] and band.right > gap[1]


def _column_tail(run: list[_Band], last_both: int, x0: int, gap: tuple[int, int], height: float,
                 line_gap: float) -> list[_Band]:
    """The one-sided bands after a run's last two-sided band that still belong to a column.

    A band set close under the one before (a wrapped line: "V/v phát động … yêu" /
    "nước năm 2026") goes on its column. A left column set flush with the text's left
    edge is a list (Nơi nhận: - …; - …) and takes every left-only band below the
    signature. Otherwise the column has ended, and what follows is the body.
    """
    flush_left = all(b.left <= x0 + 0.5 * height for b in run[:last_both + 1])
    tail: list[_Band] = []
    previous = run[last_both]
    for band in run[last_both + 1:]:
        close = band.top - previous.bottom <= line_gap
        if not (close or (flush_left and band.right <= gap[0])):
            break
        tail.append(band)
        previous = band
    return tail


def reading_regions(ink: np.ndarray, settings: LayoutSettings) -> tuple[list[Region], float]:
    """Cut a page into regions in reading order.

    Args:
        ink: ``True`` where the page has ink.
        settings: the column-gap rules of ``ocr.yaml``.

    Returns:
        The regions, top to bottom with each two-column run's left region before its
        right one, and the typical line height in pixels.
    """
    bands, height = _bands(ink)
    if not bands:
        return [], 0.0
    x0, x1 = min(b.left for b in bands), max(b.right for b in bands)
    zone = (x0 + settings.column_gap_zone[0] * (x1 - x0), x0 + settings.column_gap_zone[1] * (x1 - x0))
    min_gap = settings.column_gap_lines * height
    gaps = sorted(b.top - a.bottom for a, b in zip(bands, bands[1:], strict=False))
    line_gap = 1.3 * (gaps[len(gaps) // 4] if gaps else 0) + 0.15 * height  # lines of one paragraph

    def split_gap(band: _Band) -> tuple[int, int] | None:
        chunks = _chunks(band, 0.8 * height)
        gaps = [(a[1], b[0]) for a, b in zip(chunks, chunks[1:], strict=False) if b[0] - a[1] >= min_gap]
        if len(gaps) == 1 and zone[0] <= (gaps[0][0] + gaps[0][1]) / 2 <= zone[1]:
            return gaps[0]
        return None

    regions: list[Region] = []
    flow: list[_Band] = []

    def close_flow() -> None:
        if flow:
            regions.append(Region(flow[0].top, flow[-1].bottom, x0, x1, "flow"))
            flow.clear()

    i = 0
    while i < len(bands):
        gap = split_gap(bands[i])
        if gap is None:
            flow.append(bands[i])
            i += 1
            continue
        run, last_both, j = [bands[i]], 0, i + 1
        while j < len(bands):
            band, middle = bands[j], (gap[0] + gap[1]) / 2
            free = _free_within(band, *gap)
            if free is None or free[1] - free[0] < 0.5 * min_gap:
                break
            one_sided = not _has_both_sides(band, free)
            if one_sided and band.left < middle < band.right:
                break  # one piece across the middle of the gap: a centred title, the body
            gap = free
            run.append(band)
            if not one_sided:
                last_both = len(run) - 1
            j += 1
        run = run[:last_both + 1] + _column_tail(run, last_both, x0, gap, height, line_gap)
        close_flow()
        middle = (gap[0] + gap[1]) // 2
        top, bottom = run[0].top, run[-1].bottom
        regions.append(Region(top, bottom, x0, middle, "left"))
        regions.append(Region(top, bottom, middle, x1, "right"))
        i += len(run)
    close_flow()
    return regions, height


@dataclass(frozen=True)
class Placement:
    """Where a region was put in the stacked image: its top there, and the region."""

    offset: int
    region: Region


def stack(image: Image.Image, regions: list[Region], line_height: float,
          settings: LayoutSettings) -> tuple[Image.Image, list[Placement]]:
    """Crop the regions and stack them one under the other, left-aligned, in reading order.

    Each crop is padded by a third of a line so that no diacritic is cut, and the
    crops are separated by ``stack_spacing_lines`` of white.
    """
    pad = max(2, int(line_height / 3))
    spacing = max(pad, int(settings.stack_spacing_lines * line_height))
    crops = []
    for region in regions:
        box = (max(0, region.left - pad), max(0, region.top - pad),
               min(image.width, region.right + pad), min(image.height, region.bottom + pad))
        crops.append((image.crop(box), region))
    width = max(c.width for c, _ in crops) + 2 * spacing
    height = sum(c.height for c, _ in crops) + spacing * (len(crops) + 1)
    sheet = Image.new("L", (width, height), 255)
    placements, y = [], spacing
    for crop, region in crops:
        sheet.paste(crop, (spacing, y))
        placements.append(Placement(y, region))
        y += crop.height + spacing
    return sheet, placements
