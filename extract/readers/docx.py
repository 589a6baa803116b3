"""Word .docx: body paragraphs and tables in reading order.

The two-column header table of an official letter (agency | Quốc hiệu, then
Số | place and date) comes out row by row, left cell before right cell, one
paragraph per line, which is the order a reader of the letter follows. A data
table (three columns or more) comes out as pipe rows, ``| 1 | Số thu | Tỷ đồng | 1.250 |``,
which the extractor reads column by column.
"""

from __future__ import annotations

import io
import zipfile

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from extract.errors import ReadError
from extract.tables import pipe_row


def _paragraph_text(p: etree._Element) -> str:
    """Text of a ``w:p``, with tabs and line breaks kept as whitespace."""
    parts: list[str] = []
    for node in p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:delText")):
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag in (qn("w:tab"),):
            parts.append("\t")
        elif node.tag in (qn("w:br"), qn("w:cr")):
            parts.append("\n")
    return "".join(parts)


def _cell_text(cell: etree._Element) -> str:
    parts: list[str] = []
    _walk(cell, parts)
    return " ".join(" ".join(p.split()) for p in parts if p.strip())


def _walk(container: etree._Element, lines: list[str]) -> None:
    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            lines.append(_paragraph_text(child))
        elif child.tag == qn("w:tbl"):
            rows = [list(row.iterchildren(qn("w:tc"))) for row in child.iterchildren(qn("w:tr"))]
            if max((len(r) for r in rows), default=0) >= 3:
                for row in rows:
                    lines.append(pipe_row([_cell_text(cell) for cell in row]))
            else:
                for row in rows:
                    for cell in row:
                        _walk(cell, lines)
        elif child.tag in (qn("w:sdt"),):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                _walk(content, lines)


def read_docx(data: bytes, name: str) -> str:
    """Read a .docx file's body text.

    Raises:
        ReadError: the file is not a valid Word document.
    """
    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise ReadError(name, f"not a valid .docx file ({exc.__class__.__name__}: {exc})") from exc
    lines: list[str] = []
    _walk(document.element.body, lines)
    return "\n".join(lines)
