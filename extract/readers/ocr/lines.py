"""Tesseract's words back into text lines, in the layout's reading order.

Lines of one paragraph that the layout wrapped (the next line's first word would not
have fitted on the line) are written as soft wraps, indented, as the PDF reader does,
so that :func:`extract.normalize.rebuild_paragraphs` joins them ("BẢO HIỂM XÃ HỘI TỈNH
NGHỆ" + "AN"); lines that end short start a new line. A lone page number at the top or
the foot of the page is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from extract.readers.ocr.config import TextSettings
from extract.readers.ocr.engine import Word
from extract.readers.ocr.layout import Placement

_PAGE_NUMBER = re.compile(r"^[-–—]?\s*\d{1,3}\s*[-–—]?$")


@dataclass
class Line:
    """One line of words, with its box in the stacked image and the region it belongs to."""

    words: list[Word] = field(default_factory=list)
    region: int = 0

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def left(self) -> int:
        return min(w.left for w in self.words)

    @property
    def right(self) -> int:
        return max(w.right for w in self.words)

    @property
    def baseline(self) -> float:
        """Where the line sits: the highest bottom among its words of full height.

        Descenders (g, p, y) and the dot below (ạ, ệ) only move words down; marks
        such as "-" are left out by their height.
        """
        tallest = max(w.height for w in self.words)
        return float(min(w.bottom for w in self.words if w.height >= 0.5 * tallest))

    @property
    def paragraph(self) -> tuple[int, int]:
        return self.words[0].block, self.words[0].paragraph


def _region_of(word: Word, placements: list[Placement]) -> int:
    middle = word.top + word.height / 2
    index = 0
    for i, placement in enumerate(placements):
        if placement.offset - 1 <= middle:
            index = i
    return index


def group_lines(words: list[Word], placements: list[Placement]) -> list[Line]:
    """Words grouped by Tesseract's (block, paragraph, line), in Tesseract's order."""
    lines: dict[tuple[int, int, int], Line] = {}
    for word in words:
        line = lines.setdefault((word.block, word.paragraph, word.line), Line())
        line.words.append(word)
    for line in lines.values():
        line.region = _region_of(line.words[0], placements)
    return list(lines.values())


def _wrapped(prev: Line, line: Line, column_width: int, pitch: float, settings: TextSettings) -> bool:
    """Whether ``line`` goes on with ``prev``'s paragraph because ``prev`` was full.

    It must follow at the paragraph's line spacing (a new paragraph usually has more
    space above it), and its first word must not have fitted at the end of ``prev``.
    """
    if prev.region != line.region or prev.paragraph != line.paragraph:
        return False
    if line.baseline - prev.baseline > settings.wrap_max_pitch * pitch:
        return False
    first = line.words[0]
    space = max(1, first.height // 3)
    return (prev.right - prev.left) + space + first.width > settings.wrap_fill * column_width


def _line_pitch(lines: list[Line]) -> float:
    """The distance between the baselines of two wrapped lines of one paragraph.

    It is the tightest spacing on the page: Tesseract's paragraphs may also hold list
    items or headings with space between them, so a low quantile is taken, not the median.
    """
    steps = sorted(b.baseline - a.baseline for a, b in zip(lines, lines[1:], strict=False)
                   if a.region == b.region and a.paragraph == b.paragraph and b.baseline > a.baseline)
    if steps:
        return steps[len(steps) // 5]
    heights = sorted(w.height for line in lines for w in line.words)
    return 1.5 * heights[len(heights) // 2]


def correct(text: str, corrections: list[tuple[str, str]]) -> str:
    """Fix the characters Tesseract is known to confuse (``ocr.yaml``: corrections)."""
    for pattern, replacement in corrections:
        text = _compiled(pattern).sub(replacement, text)
    return text


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def lines_to_text(lines: list[Line], settings: TextSettings) -> str:
    """The text of a page: one line per line, soft wraps indented, page numbers left out."""
    lines = [line for line in lines if line.words]
    for end in (0, -1):
        if lines and _PAGE_NUMBER.match(lines[end].text) and len(lines) > 1:
            lines.pop(end)
    if not lines:
        return ""
    spans: dict[int, tuple[int, int]] = {}
    for line in lines:
        lo, hi = spans.get(line.region, (line.left, line.right))
        spans[line.region] = (min(lo, line.left), max(hi, line.right))
    column_width = {region: hi - lo for region, (lo, hi) in spans.items()}
    pitch = _line_pitch(lines)
    out = [lines[0].text]
    for prev, line in zip(lines, lines[1:], strict=False):
        glue = "\n  " if _wrapped(prev, line, column_width[line.region], pitch, settings) else "\n"
        out.append(glue + line.text)
    return "".join(out)
