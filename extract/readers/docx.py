"""Word .docx: body paragraphs and tables in reading order.

The two-column header table of an official letter (agency | Quốc hiệu, then
Số | place and date) comes out row by row, left cell before right cell, one
paragraph per line, which is the order a reader of the letter follows. A data
table (three columns or more) comes out as pipe rows, ``| 1 | Số thu | Tỷ đồng | 1.250 |``,
which the extractor reads column by column.

Runs in a legacy Vietnamese font (``.VnTime``: TCVN3; ``VNI-Times``: VNI) hold that
encoding's bytes as Windows-1252 characters; they are converted to Unicode, and to
capitals for an upper-case font (``.VnTimeH``).
"""

from __future__ import annotations

import io
import zipfile

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from extract.errors import ReadError
from extract.readers.docx_fonts import RunFonts
from extract.readers.legacy_encodings import ENCODING_NAMES, decode
from extract.readers.result import ReadResult
from extract.tables import pipe_row


class _BodyReader:
    """Walks a document body into lines, converting the runs of legacy fonts."""

    def __init__(self, fonts: RunFonts) -> None:
        self.fonts = fonts
        self.converted: dict[str, set[str]] = {}  # encoding → font names

    def run_text(self, node: etree._Element, text: str, paragraph: etree._Element) -> str:
        """``text`` of ``node`` (a ``w:t`` or a special character), converted when its run's font is legacy."""
        run = node.getparent()
        if not text or run is None or run.tag != qn("w:r"):
            return text
        font = self.fonts.legacy_of(run, paragraph)
        if font is None or any(ord(c) > 0xFF and c.isalpha() for c in text):
            return text  # a Unicode font, or Unicode text left in a legacy font
        converted = decode(text, font.encoding, upper=font.upper)
        if converted != text:
            self.converted.setdefault(font.encoding, set()).add(font.name)
        return converted

    def paragraph_text(self, p: etree._Element) -> str:
        """Text of a ``w:p``, with tabs and line breaks kept as whitespace."""
        parts: list[str] = []
        for node in p.iter(qn("w:t"), qn("w:softHyphen"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:delText")):
            if node.tag == qn("w:t"):
                parts.append(self.run_text(node, node.text or "", p))
            elif node.tag == qn("w:softHyphen"):
                # U+00AD; in a TCVN3 run it is the letter ư (a .doc keeps it as an optional hyphen)
                parts.append(self.run_text(node, "\u00ad", p))
            elif node.tag in (qn("w:tab"),):
                parts.append("\t")
            elif node.tag in (qn("w:br"), qn("w:cr")):
                parts.append("\n")
        # a paragraph never continues the one before: indentation typed as tabs is not a soft wrap
        return "".join(parts).lstrip(" \t")

    def cell_text(self, cell: etree._Element) -> str:
        parts: list[str] = []
        self.walk(cell, parts)
        return " ".join(" ".join(p.split()) for p in parts if p.strip())

    def walk(self, container: etree._Element, lines: list[str]) -> None:
        for child in container.iterchildren():
            if child.tag == qn("w:p"):
                lines.append(self.paragraph_text(child))
            elif child.tag == qn("w:tbl"):
                rows = [list(row.iterchildren(qn("w:tc"))) for row in child.iterchildren(qn("w:tr"))]
                if max((len(r) for r in rows), default=0) >= 3:
                    for row in rows:
                        lines.append(pipe_row([self.cell_text(cell) for cell in row]))
                else:
                    for row in rows:
                        for cell in row:
                            self.walk(cell, lines)
            elif child.tag in (qn("w:sdt"),):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self.walk(content, lines)

    def warnings(self) -> list[str]:
        return [f"converted from the legacy {ENCODING_NAMES[encoding]} encoding of the fonts "
                f"{', '.join(sorted(fonts))} to Unicode" for encoding, fonts in sorted(self.converted.items())]


def read_docx(data: bytes, name: str) -> ReadResult:
    """Read a .docx file's body text.

    Raises:
        ReadError: the file is not a valid Word document.
    """
    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, AttributeError,
            etree.XMLSyntaxError) as exc:
        raise ReadError(name, f"not a valid .docx file ({exc.__class__.__name__}: {exc})") from exc
    try:
        styles = document.styles.element
    except (KeyError, ValueError, etree.XMLSyntaxError):
        styles = None
    reader = _BodyReader(RunFonts(styles))
    lines: list[str] = []
    reader.walk(document.element.body, lines)
    return ReadResult("\n".join(lines), reader.warnings())
