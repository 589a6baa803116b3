"""Highlighted passages: where a document matches its query, found in folded text.

Folding keeps every offset, so the passage is cut from the original text with its
diacritics while the matching is accent-insensitive.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from corpus.folding import fold
from corpus.models import Snippet
from corpus.search.query import Piece

ELLIPSIS = "…"


def _pattern(piece: Piece) -> re.Pattern[str]:
    words = r"[\W_]+".join(re.escape(w) for w in piece.folded)
    return re.compile(rf"(?<![^\W_]){words}(?![^\W_])")


def _spans(folded: str, pieces: Sequence[Piece]) -> list[tuple[int, int, int]]:
    spans = [
        (m.start(), m.end(), index)
        for index, piece in enumerate(pieces)
        if not piece.negated
        for m in _pattern(piece).finditer(folded)
    ]
    return sorted(spans)


def _best_window(spans: list[tuple[int, int, int]], width: int) -> tuple[int, int]:
    """The first and last span (indices) of the window of ``width`` with most distinct pieces."""
    best, best_score, last = (0, 0), (-1, -1), 0
    for first in range(len(spans)):
        last = max(last, first)
        while last + 1 < len(spans) and spans[last + 1][1] - spans[first][0] <= width:
            last += 1
        window = spans[first : last + 1]
        score = (len({s[2] for s in window}), len(window))
        if score > best_score:
            best, best_score = (first, last), score
    return best


def _widen(text: str, start: int, end: int, width: int) -> tuple[int, int]:
    """Grow ``[start, end)`` to about ``width`` characters, cut at spaces."""
    margin = max(0, (width - (end - start)) // 2)
    lo = max(0, start - margin)
    hi = min(len(text), max(end, lo + width))
    lo = max(0, min(lo, hi - width))
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    return lo, hi


def make_snippet(text: str, pieces: Sequence[Piece], *, width: int = 240) -> Snippet:
    """The passage of ``text`` of about ``width`` characters holding the most query pieces.

    Args:
        text: the document's text.
        pieces: the parsed query; excluded pieces are not highlighted.
        width: the passage's length in characters.

    Returns:
        The passage (line breaks as spaces, ``…`` where cut) and its highlighted ranges.
    """
    spans = _spans(fold(text), pieces)
    if spans:
        first, last = _best_window(spans, width)
        lo, hi = _widen(text, spans[first][0], spans[last][1], width)
        chosen = [s for s in spans[first : last + 1] if s[0] >= lo and s[1] <= hi]
    else:
        lo, hi = _widen(text, 0, 0, width)
        chosen = []
    prefix = ELLIPSIS if lo > 0 else ""
    suffix = ELLIPSIS if hi < len(text) else ""
    body = re.sub(r"\s", " ", text[lo:hi])
    shift = len(prefix) - lo
    return Snippet(text=prefix + body + suffix, highlights=_merge([(s + shift, e + shift) for s, e, _ in chosen]))


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted ranges with overlapping ones joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
