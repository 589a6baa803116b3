"""The low layer: WordprocessingML elements made directly with lxml.

Units: sizes in points, lengths in twentieths of a point (twips) unless a name says
otherwise. Child elements are written in the order the schema requires, which Word
checks (LibreOffice does not).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

Align = Literal["left", "center", "right", "justify"]
JC = {"left": "left", "center": "center", "right": "right", "justify": "both"}
FONT_SLOTS = ("ascii", "hAnsi", "cs", "eastAsia")
TWIPS_PER_MM = 1440 / 25.4
TWIPS_PER_CM = 1440 / 2.54
RULE_WIDTH_EIGHTHS = 6  # a 0.75 pt solid line


def mm(value: float) -> int:
    """Millimetres to twips."""
    return round(value * TWIPS_PER_MM)


def cm(value: float) -> int:
    """Centimetres to twips."""
    return round(value * TWIPS_PER_CM)


def pt(value: float) -> int:
    """Points to twips."""
    return round(value * 20)


@dataclass(frozen=True, slots=True)
class RunFormat:
    """Character formatting written on every run and on the paragraph mark."""

    font: str
    size: float
    bold: bool = False
    italic: bool = False
    color: str = "000000"


@dataclass(frozen=True, slots=True)
class ParagraphFormat:
    """Paragraph formatting; lengths in twips, ``line`` as a multiple of single spacing."""

    align: Align = "left"
    before: int = 0
    after: int = 0
    line: float = 1.0
    exact_line: int | None = None
    left: int = 0
    right: int = 0
    first_line: int = 0
    keep_next: bool = False
    keep_lines: bool = False
    bottom_rule: bool = False


def _el(tag: str, **attrs: str) -> etree._Element:
    element = OxmlElement(tag)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element


def fonts_element(font: str) -> etree._Element:
    """``w:rFonts`` naming ``font`` in all four slots (no theme fonts)."""
    return _el("w:rFonts", **{slot: font for slot in FONT_SLOTS})


def run_properties(fmt: RunFormat) -> etree._Element:
    """``w:rPr`` for ``fmt``: fonts in every slot, bold/italic for both scripts, colour, size."""
    rpr = OxmlElement("w:rPr")
    rpr.append(fonts_element(fmt.font))
    for flag, tags in ((fmt.bold, ("w:b", "w:bCs")), (fmt.italic, ("w:i", "w:iCs"))):
        for tag in tags:
            rpr.append(_el(tag) if flag else _el(tag, val="0"))
    rpr.append(_el("w:color", val=fmt.color))
    half_points = str(round(fmt.size * 2))
    rpr.append(_el("w:sz", val=half_points))
    rpr.append(_el("w:szCs", val=half_points))
    return rpr


def run(text: str, fmt: RunFormat) -> etree._Element:
    """A ``w:r`` with one text node (spaces kept)."""
    r = OxmlElement("w:r")
    r.append(run_properties(fmt))
    t = OxmlElement("w:t")
    t.text = text
    if text != text.strip() or "  " in text:
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.append(t)
    return r


def bottom_border() -> etree._Element:
    """A solid black rule under the paragraph."""
    pbdr = OxmlElement("w:pBdr")
    pbdr.append(_el("w:bottom", val="single", sz=str(RULE_WIDTH_EIGHTHS), space="1", color="000000"))
    return pbdr


def paragraph_properties(fmt: ParagraphFormat, mark: RunFormat) -> etree._Element:
    """``w:pPr`` in schema order, ending with the paragraph mark's run properties."""
    ppr = OxmlElement("w:pPr")
    if fmt.keep_next:
        ppr.append(_el("w:keepNext"))
    if fmt.keep_lines:
        ppr.append(_el("w:keepLines"))
    if fmt.bottom_rule:
        ppr.append(bottom_border())
    if fmt.exact_line is not None:
        spacing = _el("w:spacing", before=str(fmt.before), after=str(fmt.after),
                      line=str(fmt.exact_line), lineRule="exact")
    else:
        spacing = _el("w:spacing", before=str(fmt.before), after=str(fmt.after),
                      line=str(round(fmt.line * 240)), lineRule="auto")
    ppr.append(spacing)
    ind = _el("w:ind", left=str(fmt.left), right=str(fmt.right))
    if fmt.first_line >= 0:
        ind.set(qn("w:firstLine"), str(fmt.first_line))
    else:
        ind.set(qn("w:hanging"), str(-fmt.first_line))
    ppr.append(ind)
    ppr.append(_el("w:jc", val=JC[fmt.align]))
    ppr.append(run_properties(mark))
    return ppr


def paragraph(text: str, fmt: ParagraphFormat, run_fmt: RunFormat) -> etree._Element:
    """A ``w:p`` holding ``text`` in one run (no run for an empty paragraph)."""
    p = OxmlElement("w:p")
    p.append(paragraph_properties(fmt, run_fmt))
    if text:
        p.append(run(text, run_fmt))
    return p


def page_field_runs(fmt: RunFormat) -> list[etree._Element]:
    """The runs of a PAGE field (begin, instruction, separator, shown value, end)."""
    runs = []
    for kind in ("begin", "instr", "separate", "value", "end"):
        r = OxmlElement("w:r")
        r.append(run_properties(fmt))
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            instr.text = " PAGE "
            r.append(instr)
        elif kind == "value":
            t = OxmlElement("w:t")
            t.text = "2"
            r.append(t)
        else:
            r.append(_el("w:fldChar", fldCharType=kind))
        runs.append(r)
    return runs


def borderless_table(widths: list[int]) -> etree._Element:
    """A fixed-layout, centred table with no borders and no cell padding.

    Args:
        widths: column widths in twips.

    Returns:
        The ``w:tbl`` element with its grid; add rows with :func:`table_row`.
    """
    tbl = OxmlElement("w:tbl")
    tblpr = OxmlElement("w:tblPr")
    tblpr.append(_el("w:tblW", w=str(sum(widths)), type="dxa"))
    tblpr.append(_el("w:jc", val="center"))
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_el(f"w:{side}", val="nil"))
    tblpr.append(borders)
    tblpr.append(_el("w:tblLayout", type="fixed"))
    margins = OxmlElement("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        margins.append(_el(f"w:{side}", w="0", type="dxa"))
    tblpr.append(margins)
    tblpr.append(_el("w:tblLook", val="0000", firstRow="0", lastRow="0", firstColumn="0",
                     lastColumn="0", noHBand="1", noVBand="1"))
    tbl.append(tblpr)
    grid = OxmlElement("w:tblGrid")
    for width in widths:
        grid.append(_el("w:gridCol", w=str(width)))
    tbl.append(grid)
    return tbl


def table_row(tbl: etree._Element, widths: list[int], cant_split: bool = True) -> list[etree._Element]:
    """Append a row of cells of ``widths`` to ``tbl``; returns the empty cells."""
    tr = OxmlElement("w:tr")
    if cant_split:
        trpr = OxmlElement("w:trPr")
        trpr.append(_el("w:cantSplit"))
        tr.append(trpr)
    cells = []
    for width in widths:
        tc = OxmlElement("w:tc")
        tcpr = OxmlElement("w:tcPr")
        tcpr.append(_el("w:tcW", w=str(width), type="dxa"))
        tcpr.append(_el("w:vAlign", val="top"))
        tc.append(tcpr)
        tr.append(tc)
        cells.append(tc)
    tbl.append(tr)
    return cells
