"""Advance widths of Times New Roman, to measure a line of text without a renderer.

The checker needs text widths (is the Quốc hiệu on one line? is the rule under the
Tiêu ngữ as long as its text?) and the builder sizes rules and indents from them. The
table ``rules/tnr_metrics.json`` holds the advance widths of the four faces for the
Latin and Vietnamese letters; it was read from Liberation Serif 2, which is metric
compatible with Times New Roman, by :func:`read_ttf_widths` (``python -m
generate.fontmetrics FONT_DIR`` writes it again).
"""

from __future__ import annotations

import json
import struct
import sys
from functools import lru_cache
from pathlib import Path

METRICS_PATH = Path(__file__).with_name("rules") / "tnr_metrics.json"
FACES = ("regular", "bold", "italic", "bolditalic")
FACE_FILES = {
    "regular": "LiberationSerif-Regular.ttf",
    "bold": "LiberationSerif-Bold.ttf",
    "italic": "LiberationSerif-Italic.ttf",
    "bolditalic": "LiberationSerif-BoldItalic.ttf",
}
#: Code points measured: Basic Latin, Latin-1, Latin Extended-A/B, combining marks,
#: Latin Extended Additional (Vietnamese), general punctuation.
RANGES = ((0x20, 0x7F), (0xA0, 0x250), (0x300, 0x324), (0x1EA0, 0x1F00), (0x2010, 0x2027))
_CHARS_PT = 1.0 / 1000.0


def _tables(data: bytes) -> dict[str, tuple[int, int]]:
    count = struct.unpack_from(">H", data, 4)[0]
    tables = {}
    for i in range(count):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        tables[tag.decode("latin-1")] = (offset, length)
    return tables


def _cmap(data: bytes, offset: int) -> dict[int, int]:
    """Map code points to glyph ids from a format 4 or format 12 Unicode subtable."""
    _version, count = struct.unpack_from(">HH", data, offset)
    chosen = None
    for i in range(count):
        platform, encoding, sub = struct.unpack_from(">HHI", data, offset + 4 + 8 * i)
        fmt = struct.unpack_from(">H", data, offset + sub)[0]
        if (platform, encoding) in ((3, 10), (0, 4)) and fmt == 12:
            chosen = offset + sub
            break
        if (platform, encoding) in ((3, 1), (0, 3)) and fmt == 4 and chosen is None:
            chosen = offset + sub
    if chosen is None:
        raise ValueError("no Unicode cmap subtable")
    mapping: dict[int, int] = {}
    fmt = struct.unpack_from(">H", data, chosen)[0]
    if fmt == 12:
        groups = struct.unpack_from(">I", data, chosen + 12)[0]
        for g in range(groups):
            start, end, glyph = struct.unpack_from(">III", data, chosen + 16 + 12 * g)
            for code in range(start, end + 1):
                mapping[code] = glyph + code - start
        return mapping
    segs = struct.unpack_from(">H", data, chosen + 6)[0] // 2
    ends_at = chosen + 14
    starts_at = ends_at + 2 * segs + 2
    deltas_at = starts_at + 2 * segs
    ranges_at = deltas_at + 2 * segs
    for s in range(segs):
        end = struct.unpack_from(">H", data, ends_at + 2 * s)[0]
        start = struct.unpack_from(">H", data, starts_at + 2 * s)[0]
        delta = struct.unpack_from(">h", data, deltas_at + 2 * s)[0]
        range_offset = struct.unpack_from(">H", data, ranges_at + 2 * s)[0]
        for code in range(start, end + 1):
            if code == 0xFFFF:
                continue
            if range_offset == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                where = ranges_at + 2 * s + range_offset + 2 * (code - start)
                glyph = struct.unpack_from(">H", data, where)[0]
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                mapping[code] = glyph
    return mapping


def read_ttf_widths(path: Path) -> dict[str, int]:
    """Read the advance widths of :data:`RANGES` from a TrueType file, in 1/1000 em.

    Args:
        path: a ``.ttf`` file.

    Returns:
        ``{character: width}`` for every measured character the font has.
    """
    data = path.read_bytes()
    tables = _tables(data)
    units_per_em = struct.unpack_from(">H", data, tables["head"][0] + 18)[0]
    metrics_count = struct.unpack_from(">H", data, tables["hhea"][0] + 34)[0]
    hmtx = tables["hmtx"][0]
    cmap = _cmap(data, tables["cmap"][0])
    widths: dict[str, int] = {}
    for low, high in RANGES:
        for code in range(low, high):
            glyph = cmap.get(code)
            if glyph is None:
                continue
            index = min(glyph, metrics_count - 1)
            advance = struct.unpack_from(">H", data, hmtx + 4 * index)[0]
            widths[chr(code)] = round(advance * 1000 / units_per_em)
    return widths


def write_table(font_dir: Path, out: Path = METRICS_PATH) -> None:
    """Measure the four Liberation Serif faces in ``font_dir`` and write the JSON table."""
    table = {face: read_ttf_widths(font_dir / name) for face, name in FACE_FILES.items()}
    out.write_text(json.dumps(table, ensure_ascii=False, sort_keys=True), encoding="utf-8")


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, int]]:
    return json.loads(METRICS_PATH.read_text(encoding="utf-8"))


def face_name(bold: bool, italic: bool) -> str:
    """The face key of the width table for a bold/italic combination."""
    return ("bold" if bold else "") + ("italic" if italic else "") or "regular"


def text_width_pt(text: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    """Width of ``text`` set in Times New Roman at ``size_pt``, in points.

    Characters outside the table count as the width of "n".

    Example:
        >>> round(text_width_pt("Độc lập - Tự do - Hạnh phúc", 13, bold=True))
        159
    """
    widths = _table()[face_name(bold, italic)]
    fallback = widths["n"]
    return sum(widths.get(ch, fallback) for ch in text) * size_pt * _CHARS_PT


def main(argv: list[str]) -> int:
    """``python -m generate.fontmetrics FONT_DIR``: rebuild the width table."""
    if len(argv) != 1:
        print("usage: python -m generate.fontmetrics FONT_DIR", file=sys.stderr)
        return 2
    write_table(Path(argv[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
