"""Text normalization: NFC, one tone-mark placement, and hard-wrapped lines rebuilt.

The returned text is the one every offset of an :class:`~extract.models.Extraction`
points into.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from extract.aligned_tables import rebuild_aligned_tables
from extract.columns import unfold_header_columns, unfold_header_table
from extract.lexicon import load_data
from extract.tables import rebuild_cell_tables

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below


def _toned(vowel: str, tone: str) -> str:
    return unicodedata.normalize("NFC", vowel + tone)


def _tone_moves() -> dict[str, str]:
    """``"oà"`` → ``"òa"``, ``"uỷ"`` → ``"ủy"`` … for every tone and case."""
    moves = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for tone in _TONES:
            for f, s in ((first, second), (first.upper(), second.upper()), (first.upper(), second)):
                moves[f + _toned(s, tone)] = _toned(f, tone) + s
    return moves


_MOVES = _tone_moves()
# an open syllable ending in oa/oe/uy with the tone on its last vowel; "qu" is an onset, not a vowel pair
_MISPLACED = re.compile(
    "(?<![qQ])(?:" + "|".join(sorted(map(re.escape, _MOVES), key=len, reverse=True)) + r")(?![^\W\d_])"
)


def normalize_tones(text: str) -> str:
    """NFC-normalize and give every ``oa``/``oe``/``uy`` open syllable one tone placement.

    ``hoà`` → ``hòa``, ``thuỷ`` → ``thủy``, ``khoẻ`` → ``khỏe``; syllables with a
    final consonant (``hoàng``, ``khuyến``) are left alone. The length of the text
    never changes, so offsets stay valid.

    Example:
        >>> normalize_tones("Hoà Bình, thuỷ lợi")
        'Hòa Bình, thủy lợi'
    """
    text = unicodedata.normalize("NFC", text)
    return _MISPLACED.sub(lambda m: _MOVES[m.group(0)], text)


@lru_cache(maxsize=1)
def _layout() -> dict[str, re.Pattern[str]]:
    cfg = load_data("layout.yaml")
    return {
        "block_start": re.compile("|".join(f"(?:{p})" for p in cfg["block_start"])),
        "paragraph_end": re.compile(cfg["paragraph_end"]),
        "clause_end": re.compile(cfg["clause_end"]),
        "closing_start": re.compile(cfg["closing_start"]),
    }


def _is_block_start(line: str) -> bool:
    """True when ``line`` (stripped) opens a new paragraph, list item or heading."""
    return bool(_layout()["block_start"].match(line))


def _ends_paragraph(line: str) -> bool:
    return bool(_layout()["paragraph_end"].search(line))


def _is_rule(line: str) -> bool:
    return bool(re.fullmatch(r"[-_=*~.·…]{3,}", line.strip()))


def _is_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _wrap_width(lines: list[str]) -> int | None:
    """The column a hard-wrapped text breaks at, or ``None`` for a text with one paragraph per line.

    A text converted from a web page or a PDF breaks every line near the same
    width (~80 characters); a text typed in a word processor has lines of any length.
    """
    stripped = [line.strip() for line in lines if len(line.strip()) > 20]
    if len(stripped) < 8:
        return None
    lengths = sorted(len(line) for line in stripped)
    width = lengths[int(len(lengths) * 0.9) - 1]
    full = [line for line in stripped if len(line) >= width - 20]
    open_ended = sum(1 for line in full if not re.search(r"[.;:!?”\"]\s*$", line))
    wrapped = len(full) >= len(stripped) * 0.3 and open_ended >= len(full) * 0.5
    return width if wrapped and width <= int(load_data("layout.yaml")["max_wrap_width"]) else None


def _continues(prev: str, raw_next: str, wrap: int | None = None) -> bool:
    """Decide whether ``raw_next`` continues the paragraph ending with ``prev``."""
    nxt = raw_next.strip()
    if not nxt or not prev.strip() or _is_rule(prev) or _is_rule(nxt) or prev.lstrip().startswith("|"):
        return False
    indented = raw_next[:1] in (" ", "\t")
    # A soft wrap inside a header cell: "BẢO HIỂM XÃ HỘI\n  VIỆT NAM".
    if indented and _is_upper(prev) and _is_upper(nxt) and not _ends_paragraph(prev):
        return True
    if _is_block_start(nxt):
        return False
    first = nxt[0]
    if _layout()["closing_start"].match(nxt):
        return True
    if _ends_paragraph(prev):
        return False
    if _layout()["clause_end"].search(prev):
        full = wrap is not None and len(prev.strip()) >= wrap - 20 and not _is_upper(nxt)
        return first.islower() or (first.isdigit() or full) and prev.rstrip().endswith(",")
    if first.islower() or first.isdigit():
        return True
    if indented and first.isalpha():
        # an indented first line after a heading opens the paragraph under it
        heading = _is_upper(prev) or bool(re.match(r"\s*(?:\d{1,2}(?:\.\d{1,2})*|[IVX]{1,5})\.\s", prev))
        return not (prev.rstrip().endswith(":") or heading)
    # a hard-wrapped text: a full-width line without a final stop goes on, and so does a
    # line broken before an acronym ("các chế độ\nBHXH, BHTN qua …")
    if wrap is None or _is_upper(prev) or _is_upper(nxt):
        return False
    return len(prev.strip()) >= wrap - 20 or bool(re.match(r"[A-ZĐ]{2,}\b", nxt))


def rebuild_paragraphs(text: str) -> str:
    """Join hard-wrapped lines back into paragraphs.

    A text converted from a web page may break a sentence anywhere, even put a
    number or half a date on a line of its own ("ngày 21\\n  tháng 01 năm 2025").
    Lines are joined with one space (none before closing punctuation) when the
    next line continues the sentence; list items, headings and rules stay apart.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = rebuild_cell_tables(rebuild_aligned_tables(unfold_header_columns(unfold_header_table(lines))))
    wrap = _wrap_width(lines)
    out: list[str] = []
    last_raw = ""
    for raw in lines:
        joined = bool(out) and _continues(last_raw, raw, wrap)
        last_raw = raw
        if joined:
            piece = raw.strip()
            opening = out[-1].endswith(("(", "“")) or (out[-1].endswith('"') and out[-1].count('"') % 2 == 1)
            glue = "" if _layout()["closing_start"].match(piece) or opening else " "
            out[-1] = out[-1].rstrip() + glue + piece
        else:
            out.append(raw.rstrip())
    joined = "\n".join(out)
    joined = re.sub(r"[ \t\u00a0]+", " ", joined)
    joined = re.sub(r"\n[ \t]+", "\n", joined)
    joined = re.sub(r"\n{3,}", "\n\n", joined)
    return joined.strip()


def normalize_text(text: str) -> str:
    """The full normalization applied to every document before extraction."""
    text = text.replace("\ufeff", "").replace("\u00ad", "").replace("\u200b", "")
    text = text.replace("\u00a0", " ")  # tabs stay until the header's columns are read
    return rebuild_paragraphs(normalize_tones(text))
