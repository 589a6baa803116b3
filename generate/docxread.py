"""Read any .docx into what the checker needs: effective formatting, tables, rules, headers.

Formatting is resolved the way Word does it, most general first: document defaults
(``w:docDefaults``), then the paragraph style and its ``basedOn`` chain, then the
character style chain, then the direct formatting of the run. Theme font references
(``asciiTheme="minorHAnsi"`` …) are resolved through the theme part.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from generate.exceptions import DocumentReadError
from generate.fontmetrics import text_width_pt

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}
SLOTS = ("ascii", "hAnsi", "cs", "eastAsia")
SINGLE_LINE_EM = 1.15  # height of a single-spaced Times New Roman line, in em
DEFAULT_CELL_MARGIN = 108  # twips, Word's default left/right cell margin
EMU_PER_PT = 12700
_SPACES = re.compile(r"\s+")
_LENGTH = re.compile(r"^\s*(-?[\d.]+)\s*(pt|in|cm|mm|px|)\s*$")
_LENGTH_PT = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75, "": 1 / 20}


def w(tag: str) -> str:
    """Clark name of a WordprocessingML tag."""
    return f"{{{W}}}{tag}"


def normalize(text: str) -> str:
    """NFC, non-breaking spaces as spaces, whitespace collapsed, stripped."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text).replace("\u00a0", " ")).strip()


def _on(element: etree._Element | None) -> bool | None:
    """Value of a toggle property element (``<w:b/>``, ``<w:b w:val="0"/>``), None when absent."""
    if element is None:
        return None
    return element.get(w("val"), "true") not in ("0", "false", "off")


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(float(value))
    except ValueError:
        return None


@dataclass
class RunStyle:
    """The effective character formatting of a run."""

    size: float = 10.0
    bold: bool = False
    italic: bool = False
    caps: bool = False
    underline: bool = False
    color: str | None = None
    fonts: dict[str, str | None] = field(default_factory=lambda: dict.fromkeys(SLOTS))


@dataclass
class Run:
    """A piece of text with one formatting."""

    text: str
    style: RunStyle


@dataclass
class Geometry:
    """Effective paragraph formatting; lengths in points."""

    align: str = "left"
    left: float = 0.0
    right: float = 0.0
    first_line: float = 0.0
    before: float = 0.0
    after: float = 0.0
    line: float = 1.0
    line_rule: str = "auto"
    contextual: bool = False
    border_bottom: bool = False
    border_top: bool = False
    keep_next: bool = False


@dataclass
class Paragraph:
    """One paragraph as the checker sees it."""

    element: etree._Element
    text: str
    runs: list[Run]
    geometry: Geometry
    mark: RunStyle
    style_id: str | None
    container: str
    available_pt: float
    drawn_lines_pt: list[float] = field(default_factory=list)
    has_page_field: bool = False

    @property
    def empty(self) -> bool:
        return not self.text

    def text_runs(self) -> list[Run]:
        """Runs that hold visible characters."""
        return [r for r in self.runs if r.text.strip()]

    def sizes(self) -> list[float]:
        """Distinct font sizes of the visible text (of the mark for an empty paragraph)."""
        runs = self.text_runs()
        return sorted({r.style.size for r in runs}) if runs else [self.mark.size]

    def share(self, attribute: str) -> float:
        """Share of the visible letters that are bold / italic / underlined (0–1)."""
        total = flagged = 0
        for r in self.text_runs():
            letters = sum(1 for ch in r.text if not ch.isspace())
            total += letters
            if getattr(r.style, attribute):
                flagged += letters
        return flagged / total if total else 0.0

    def shown_text(self) -> str:
        """The text as displayed: runs with "all caps" in capitals."""
        return normalize("".join(r.text.upper() if r.style.caps else r.text for r in self.runs))

    def main_style(self) -> RunStyle:
        """The formatting of most of the visible text."""
        runs = self.text_runs()
        if not runs:
            return self.mark
        return max(runs, key=lambda r: len(r.text.strip())).style

    def line_height_pt(self) -> float:
        """Height of one line in points."""
        size = max(self.sizes())
        g = self.geometry
        if g.line_rule == "exact":
            return g.line
        if g.line_rule == "atLeast":
            return max(g.line, size * SINGLE_LINE_EM)
        return size * SINGLE_LINE_EM * g.line

    def line_multiple(self) -> float:
        """Line spacing as a multiple of single spacing."""
        g = self.geometry
        if g.line_rule == "auto":
            return g.line
        return self.line_height_pt() / (max(self.sizes()) * SINGLE_LINE_EM)

    def line_widths_pt(self) -> list[float]:
        """Width of each line broken by hand (``w:br``), in Times New Roman metrics."""
        widths = [0.0]
        for r in self.runs:
            pieces = (r.text.upper() if r.style.caps else r.text).split("\n")
            for index, piece in enumerate(pieces):
                if index:
                    widths.append(0.0)
                widths[-1] += text_width_pt(piece.replace("\t", " "), r.style.size,
                                            bold=r.style.bold, italic=r.style.italic)
        return widths

    def text_width_pt(self) -> float:
        """Width of the longest line of text, before wrapping."""
        return max(self.line_widths_pt())

    def width_pt(self) -> float:
        """Room for text between the paragraph's indents."""
        return max(self.available_pt - self.geometry.left - self.geometry.right, 1.0)

    def line_count(self) -> int:
        """Estimated number of lines the paragraph takes."""
        if self.empty:
            return 1
        first = max(self.geometry.first_line, 0)
        return sum(max(1, math.ceil((width + first) / self.width_pt() - 1e-6)) for width in self.line_widths_pt())

    def height_pt(self) -> float:
        """Estimated height including the spacing before and after."""
        return self.geometry.before + self.line_count() * self.line_height_pt() + self.geometry.after


@dataclass
class Cell:
    """A table cell: its column, width and paragraphs."""

    row: int
    column: int
    width_pt: float
    paragraphs: list[Paragraph]


@dataclass
class Table:
    """A table of the body with its cells in reading order."""

    element: etree._Element
    index: int
    columns: int
    cells: list[Cell]
    bordered_sides: list[str]

    def rows(self) -> list[list[Cell]]:
        out: dict[int, list[Cell]] = {}
        for cell in self.cells:
            out.setdefault(cell.row, []).append(cell)
        return [out[k] for k in sorted(out)]

    def paragraphs(self) -> list[Paragraph]:
        return [p for cell in self.cells for p in cell.paragraphs]


@dataclass
class Section:
    """Page setup of one section (lengths in millimetres)."""

    width_mm: float | None
    height_mm: float | None
    orientation: str
    margins_mm: dict[str, float | None]
    title_page: bool
    headers: dict[str, list[Paragraph]]
    footers: dict[str, list[Paragraph]]


@dataclass
class StyleReport:
    """Effective fonts and colour of one defined style."""

    style_id: str
    name: str
    fonts: dict[str, str | None]
    color: str | None


@dataclass
class ReadDocument:
    """What the checker reads from a .docx."""

    body: list[Paragraph | Table]
    sections: list[Section]
    default_fonts: dict[str, str | None]
    default_color: str | None
    styles: list[StyleReport]
    text_width_pt: float

    def all_paragraphs(self) -> list[Paragraph]:
        """Every paragraph of the body, table cells included, and of headers and footers."""
        out: list[Paragraph] = []
        for item in self.body:
            out.extend(item.paragraphs() if isinstance(item, Table) else [item])
        for section in self.sections:
            for part in (*section.headers.values(), *section.footers.values()):
                out.extend(part)
        return out


class StyleSheet:
    """Resolves effective formatting through defaults, styles and direct formatting."""

    def __init__(self, styles: etree._Element | None, theme: etree._Element | None) -> None:
        self.styles: dict[str, etree._Element] = {}
        self.default_paragraph: str | None = None
        self.default_character: str | None = None
        self.default_table: str | None = None
        self.doc_rpr = None
        self.doc_ppr = None
        self.theme_fonts = self._theme_fonts(theme)
        if styles is None:
            return
        self.doc_rpr = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        self.doc_ppr = styles.find(f"{w('docDefaults')}/{w('pPrDefault')}/{w('pPr')}")
        for style in styles.iterfind(w("style")):
            style_id = style.get(w("styleId"))
            if style_id is None:
                continue
            self.styles[style_id] = style
            if style.get(w("default")) in ("1", "true", "on"):
                kind = style.get(w("type"))
                if kind == "paragraph":
                    self.default_paragraph = style_id
                elif kind == "character":
                    self.default_character = style_id
                elif kind == "table":
                    self.default_table = style_id

    @staticmethod
    def _theme_fonts(theme: etree._Element | None) -> dict[str, str]:
        fonts: dict[str, str] = {}
        if theme is None:
            return fonts
        for group in ("major", "minor"):
            node = theme.find(f".//a:{group}Font", NS)
            if node is None:
                continue
            for script, suffixes in (("latin", ("HAnsi", "Ascii")), ("ea", ("EastAsia",)), ("cs", ("Bidi",))):
                typeface = node.find(f"a:{script}", NS)
                for suffix in suffixes:
                    fonts[f"{group}{suffix}"] = typeface.get("typeface", "") if typeface is not None else ""
        return fonts

    def chain(self, style_id: str | None) -> list[etree._Element]:
        """The style and its ancestors, most general first (cycles cut)."""
        out: list[etree._Element] = []
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            out.append(style)
            based = style.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None
        return list(reversed(out))

    def apply_rpr(self, target: RunStyle, rpr: etree._Element | None) -> None:
        """Overlay the character properties of ``rpr`` onto ``target``."""
        if rpr is None:
            return
        fonts = rpr.find(w("rFonts"))
        if fonts is not None:
            for slot in SLOTS:
                theme = fonts.get(w(f"{slot}Theme" if slot != "cs" else "cstheme"))
                if theme is None and slot == "cs":
                    theme = fonts.get(w("csTheme"))
                value = fonts.get(w(slot))
                if theme is not None:
                    target.fonts[slot] = self.theme_fonts.get(theme) or f"({theme})"
                elif value is not None:
                    target.fonts[slot] = value
        size = rpr.find(w("sz"))
        if size is not None and _int(size.get(w("val"))) is not None:
            target.size = _int(size.get(w("val"))) / 2  # type: ignore[operator]
        for attribute, tag in (("bold", "b"), ("italic", "i"), ("caps", "caps")):
            flag = _on(rpr.find(w(tag)))
            if flag is not None:
                setattr(target, attribute, flag)
        underline = rpr.find(w("u"))
        if underline is not None:
            target.underline = underline.get(w("val"), "single") not in ("none", "0")
        color = rpr.find(w("color"))
        if color is not None and color.get(w("val")):
            target.color = color.get(w("val"))

    def base_run_style(self, paragraph_style: str | None) -> RunStyle:
        """Character formatting a paragraph's text starts from."""
        style = RunStyle()
        self.apply_rpr(style, self.doc_rpr)
        for element in self.chain(paragraph_style or self.default_paragraph):
            self.apply_rpr(style, element.find(w("rPr")))
        return style

    def run_style(self, base: RunStyle, run: etree._Element) -> RunStyle:
        """Effective formatting of one run over its paragraph's ``base``."""
        style = RunStyle(base.size, base.bold, base.italic, base.caps, base.underline, base.color,
                         dict(base.fonts))
        rpr = run.find(w("rPr"))
        char_style = None
        if rpr is not None:
            ref = rpr.find(w("rStyle"))
            char_style = ref.get(w("val")) if ref is not None else None
        for element in self.chain(char_style):
            self.apply_rpr(style, element.find(w("rPr")))
        self.apply_rpr(style, rpr)
        return style

    @staticmethod
    def apply_ppr(target: Geometry, ppr: etree._Element | None) -> None:
        """Overlay the paragraph properties of ``ppr`` onto ``target``."""
        if ppr is None:
            return
        jc = ppr.find(w("jc"))
        if jc is not None:
            value = jc.get(w("val"), "left")
            target.align = {"both": "justify", "distribute": "justify", "start": "left", "end": "right"}.get(
                value, value)
        ind = ppr.find(w("ind"))
        if ind is not None:
            for attribute, names in (("left", ("left", "start")), ("right", ("right", "end"))):
                for name in names:
                    value = _int(ind.get(w(name)))
                    if value is not None:
                        setattr(target, attribute, value / 20)
            first, hanging = _int(ind.get(w("firstLine"))), _int(ind.get(w("hanging")))
            if hanging is not None:
                target.first_line = -hanging / 20
            elif first is not None:
                target.first_line = first / 20
        spacing = ppr.find(w("spacing"))
        if spacing is not None:
            for attribute in ("before", "after"):
                value = _int(spacing.get(w(attribute)))
                if _on(spacing.find(w(f"{attribute}Autospacing"))) or spacing.get(
                        w(f"{attribute}Autospacing")) in ("1", "true"):
                    value = 280
                if value is not None:
                    setattr(target, attribute, value / 20)
            line = _int(spacing.get(w("line")))
            if line is not None:
                rule = spacing.get(w("lineRule"), "auto")
                target.line_rule = rule
                target.line = line / 240 if rule == "auto" else line / 20
        contextual = _on(ppr.find(w("contextualSpacing")))
        if contextual is not None:
            target.contextual = contextual
        keep = _on(ppr.find(w("keepNext")))
        if keep is not None:
            target.keep_next = keep
        borders = ppr.find(w("pBdr"))
        if borders is not None:
            for side, attribute in (("bottom", "border_bottom"), ("top", "border_top")):
                edge = borders.find(w(side))
                if edge is not None:
                    setattr(target, attribute, edge.get(w("val"), "nil") not in ("nil", "none"))

    def geometry(self, ppr: etree._Element | None, style_id: str | None) -> Geometry:
        """Effective paragraph formatting."""
        geometry = Geometry()
        self.apply_ppr(geometry, self.doc_ppr)
        for element in self.chain(style_id or self.default_paragraph):
            self.apply_ppr(geometry, element.find(w("pPr")))
        self.apply_ppr(geometry, ppr)
        return geometry

    def table_borders(self, tbl: etree._Element) -> list[str]:
        """Sides of the table (and its cells) that show a border."""
        sides: dict[str, bool] = {}
        tblpr = tbl.find(w("tblPr"))
        style_ref = tblpr.find(w("tblStyle")) if tblpr is not None else None
        style_id = style_ref.get(w("val")) if style_ref is not None else self.default_table
        sources = [s.find(f"{w('tblPr')}/{w('tblBorders')}") for s in self.chain(style_id)]
        sources.append(tblpr.find(w("tblBorders")) if tblpr is not None else None)
        for borders in sources:
            if borders is None:
                continue
            for edge in borders:
                sides[etree.QName(edge).localname] = edge.get(w("val"), "nil") not in ("nil", "none")
        for edge in tbl.iterfind(f".//{w('tcBorders')}/*"):
            if edge.get(w("val"), "nil") not in ("nil", "none"):
                sides[f"cell {etree.QName(edge).localname}"] = True
        return sorted(side for side, shown in sides.items() if shown)

    def cell_margins(self, tbl: etree._Element) -> tuple[float, float]:
        """Left and right cell margins of a table, in points."""
        left = right = DEFAULT_CELL_MARGIN / 20
        tblpr = tbl.find(w("tblPr"))
        style_ref = tblpr.find(w("tblStyle")) if tblpr is not None else None
        style_id = style_ref.get(w("val")) if style_ref is not None else self.default_table
        sources = [s.find(f"{w('tblPr')}/{w('tblCellMar')}") for s in self.chain(style_id)]
        sources.append(tblpr.find(w("tblCellMar")) if tblpr is not None else None)
        for margins in sources:
            if margins is None:
                continue
            for names, side in ((("left", "start"), "left"), (("right", "end"), "right")):
                for name in names:
                    edge = margins.find(w(name))
                    if edge is not None and _int(edge.get(w("w"))) is not None:
                        value = _int(edge.get(w("w"))) / 20  # type: ignore[operator]
                        if side == "left":
                            left = value
                        else:
                            right = value
        return left, right

    def report(self) -> list[StyleReport]:
        """Effective fonts and colour of every paragraph and character style."""
        out = []
        for style_id, element in self.styles.items():
            if element.get(w("type")) not in ("paragraph", "character", "table"):
                continue
            style = RunStyle()
            self.apply_rpr(style, self.doc_rpr)
            for ancestor in self.chain(style_id):
                self.apply_rpr(style, ancestor.find(w("rPr")))
            name = element.find(w("name"))
            out.append(StyleReport(style_id, name.get(w("val"), style_id) if name is not None else style_id,
                                   style.fonts, style.color))
        return out


def _length_pt(value: str | None) -> float | None:
    if not value:
        return None
    match = _LENGTH.match(value)
    if not match:
        return None
    return float(match.group(1)) * _LENGTH_PT[match.group(2)]


def drawn_lines(p: etree._Element) -> list[float]:
    """Lengths in points of the straight lines drawn in a paragraph (DrawingML or VML)."""
    lengths: list[float] = []
    for shape in p.iterfind(".//wps:wsp", NS):
        geom = shape.find(".//a:prstGeom", NS)
        if geom is None or geom.get("prst") not in ("line", "straightConnector1"):
            continue
        anchor = shape.getparent()
        while anchor is not None and etree.QName(anchor).localname not in ("anchor", "inline"):
            anchor = anchor.getparent()
        extent = anchor.find("wp:extent", NS) if anchor is not None else None
        if extent is not None:
            lengths.append(int(extent.get("cx", "0")) / EMU_PER_PT)
    if lengths:
        return lengths
    for line in p.iterfind(".//v:line", NS):
        start = [_length_pt(x) for x in line.get("from", "0,0").split(",")]
        end = [_length_pt(x) for x in line.get("to", "0,0").split(",")]
        if None not in start and None not in end and len(start) == len(end) == 2:
            lengths.append(math.dist(start, end))  # type: ignore[arg-type]
    for shape in p.iterfind(".//v:shape", NS):
        if shape.get("type", "").endswith("_x0000_t32"):
            match = re.search(r"width:\s*([\d.]+\s*\w*)", shape.get("style", ""))
            width = _length_pt(match.group(1)) if match else None
            if width:
                lengths.append(width)
    return lengths


def _run_text(r: etree._Element) -> str:
    parts = []
    for child in r:
        tag = etree.QName(child).localname
        if tag == "t":
            parts.append(child.text or "")
        elif tag == "tab":
            parts.append("\t")
        elif tag in ("br", "cr"):
            parts.append("\n")
        elif tag == "noBreakHyphen":
            parts.append("-")
    return "".join(parts)


class Reader:
    """Turns the XML of a document into :class:`Paragraph` and :class:`Table` objects."""

    def __init__(self, sheet: StyleSheet) -> None:
        self.sheet = sheet

    def paragraph(self, p: etree._Element, container: str, available_pt: float) -> list[Paragraph]:
        """The paragraph, split into one :class:`Paragraph` per line broken by hand.

        A header cell typed as one paragraph with line breaks ("UBND TỈNH X" ↵ "SỞ NỘI VỤ")
        is read as the separate lines a reader sees; spacing before goes to the first
        line, spacing after to the last.
        """
        ppr = p.find(w("pPr"))
        style_ref = ppr.find(w("pStyle")) if ppr is not None else None
        style_id = style_ref.get(w("val")) if style_ref is not None else None
        base = self.sheet.base_run_style(style_id)
        lines: list[list[Run]] = [[]]
        has_field = False
        for r in p.iter(w("r")):
            if any(etree.QName(a).localname in ("del", "moveFrom") for a in r.iterancestors()):
                continue
            instr = "".join(i.text or "" for i in r.iterfind(w("instrText")))
            if re.search(r"\bPAGE\b", instr):
                has_field = True
            text = _run_text(r)
            if not text:
                continue
            style = self.sheet.run_style(base, r)
            for index, piece in enumerate(text.split("\n")):
                if index:
                    lines.append([])
                if piece:
                    lines[-1].append(Run(piece, style))
        for simple in p.iter(w("fldSimple")):
            if re.search(r"\bPAGE\b", simple.get(w("instr"), "")):
                has_field = True
        mark = RunStyle(base.size, base.bold, base.italic, base.caps, base.underline, base.color, dict(base.fonts))
        self.sheet.apply_rpr(mark, ppr.find(w("rPr")) if ppr is not None else None)
        geometry = self.sheet.geometry(ppr, style_id)
        out = []
        for index, runs in enumerate(lines):
            g = replace(geometry)
            if index > 0:
                g.before, g.first_line = 0.0, 0.0
            if index < len(lines) - 1:
                g.after = 0.0
            text = normalize("".join(r.text for r in runs))
            out.append(Paragraph(p, text, runs, g, mark, style_id, container, available_pt,
                                 drawn_lines(p) if index == 0 else [], has_field))
        return out

    def block(self, element: etree._Element, container: str, available_pt: float) -> list[Paragraph]:
        """Paragraphs of a block container (cell, header), tables inside flattened."""
        out = []
        for child in element:
            tag = etree.QName(child).localname
            if tag == "p":
                out.extend(self.paragraph(child, container, available_pt))
            elif tag == "sdt":
                content = child.find(w("sdtContent"))
                if content is not None:
                    out.extend(self.block(content, container, available_pt))
            elif tag == "tbl":
                for tc in child.iter(w("tc")):
                    out.extend(self.block(tc, container, available_pt))
        return out

    def table(self, tbl: etree._Element, index: int, text_width_pt: float) -> Table:
        grid = [(_int(col.get(w("w"))) or 0) / 20 for col in tbl.iterfind(f"{w('tblGrid')}/{w('gridCol')}")]
        left_margin, right_margin = self.sheet.cell_margins(tbl)
        cells = []
        for row_index, tr in enumerate(tbl.iterfind(w("tr"))):
            column = 0
            for tc in tr.iterfind(w("tc")):
                tcpr = tc.find(w("tcPr"))
                span_el = tcpr.find(w("gridSpan")) if tcpr is not None else None
                span = _int(span_el.get(w("val"))) if span_el is not None else 1
                span = span or 1
                width = sum(grid[column:column + span]) if grid[column:column + span] else 0.0
                tcw = tcpr.find(w("tcW")) if tcpr is not None else None
                if tcw is not None and tcw.get(w("type"), "dxa") == "dxa" and _int(tcw.get(w("w"))):
                    width = _int(tcw.get(w("w"))) / 20  # type: ignore[operator]
                if not width:
                    width = text_width_pt / max(len(grid), 1)
                available = max(width - left_margin - right_margin, 1.0)
                name = f"table {index + 1} row {row_index + 1} column {column + 1}"
                cells.append(Cell(row_index, column, available, self.block(tc, name, available)))
                column += span
        return Table(tbl, index, len(grid), cells, self.sheet.table_borders(tbl))


def _section(sect: etree._Element, part, reader: Reader) -> Section:
    size = sect.find(w("pgSz"))
    margins = sect.find(w("pgMar"))

    def mm(element: etree._Element | None, name: str) -> float | None:
        value = _int(element.get(w(name))) if element is not None else None
        return None if value is None else abs(value) * 25.4 / 1440

    width, height = mm(size, "w"), mm(size, "h")
    orientation = size.get(w("orient"), "") if size is not None else ""
    if not orientation:
        orientation = "landscape" if width and height and width > height else "portrait"
    text_width = ((width or 210) - (mm(margins, "left") or 30) - (mm(margins, "right") or 20)) * 72 / 25.4
    parts: dict[str, dict[str, list[Paragraph]]] = {"header": {}, "footer": {}}
    for kind in ("header", "footer"):
        for ref in sect.iterfind(w(f"{kind}Reference")):
            rel_id = ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
            try:
                target = part.related_parts[rel_id]
            except KeyError:
                continue
            root = etree.fromstring(target.blob) if not hasattr(target, "element") else target.element
            parts[kind][ref.get(w("type"), "default")] = reader.block(root, kind, text_width)
    return Section(
        width, height, orientation,
        {side: mm(margins, side) for side in ("top", "bottom", "left", "right")},
        _on(sect.find(w("titlePg"))) or False,
        parts["header"], parts["footer"],
    )


def read_docx(source: str | Path | IO[bytes]) -> ReadDocument:
    """Read a .docx file (or stream) for checking.

    Raises:
        DocumentReadError: the file is missing or is not a Word .docx package.
    """
    name = str(source) if isinstance(source, (str, Path)) else "(stream)"
    try:
        if isinstance(source, (str, Path)):
            data = Path(source).read_bytes()
        else:
            data = source.read()
        document = docx.Document(io.BytesIO(data))
    except OSError as exc:
        raise DocumentReadError(f"{name}: cannot read ({exc.strerror or exc})") from exc
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, AttributeError,
            etree.XMLSyntaxError) as exc:
        raise DocumentReadError(f"{name}: not a Word .docx document ({exc})") from exc
    part = document.part
    theme = None
    for rel in part.rels.values():
        if rel.reltype == RT.THEME:
            theme = etree.fromstring(rel.target_part.blob)
    try:
        styles = part.styles.element
    except (KeyError, NotImplementedError):
        styles = None
    sheet = StyleSheet(styles, theme)
    reader = Reader(sheet)
    body_el = document.element.body
    sect_elements = list(body_el.iter(w("sectPr")))
    sections = [_section(s, part, reader) for s in sect_elements]
    text_width = 165 * 72 / 25.4
    if sections and sections[-1].width_mm:
        margins = sections[-1].margins_mm
        text_width = (sections[-1].width_mm - (margins["left"] or 0) - (margins["right"] or 0)) * 72 / 25.4
    body: list[Paragraph | Table] = []
    tables = 0
    for child in body_el:
        tag = etree.QName(child).localname
        if tag == "p":
            body.extend(reader.paragraph(child, "body", text_width))
        elif tag == "tbl":
            body.append(reader.table(child, tables, text_width))
            tables += 1
        elif tag == "sdt":
            content = child.find(w("sdtContent"))
            if content is not None:
                body.extend(reader.block(content, "body", text_width))
    defaults = RunStyle()
    sheet.apply_rpr(defaults, sheet.doc_rpr)
    return ReadDocument(body, sections, defaults.fonts, defaults.color, sheet.report(), text_width)
