"""Word .docx: body paragraphs and tables in reading order.

The two-column header table of an official letter (agency | Quốc hiệu, then
Số | place and date) comes out row by row, left cell before right cell, one
paragraph per line, which is the order a reader of the letter follows.
"""

from __future__ import annotations

import io
import zipfile

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from extract.errors import ReadError


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


def _walk(container: etree._Element, lines: list[str]) -> None:
    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            lines.append(_paragraph_text(child))
        elif child.tag == qn("w:tbl"):
            for row in child.iterchildren(qn("w:tr")):
                for cell in row.iterchildren(qn("w:tc")):
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
