"""The middle layer: a Nghị định 30 document package, on top of python-docx.

:func:`base_document_bytes` prepares, once per rule set, everything of a document that
does not depend on its text: styles and document defaults in Times New Roman (all four
font slots) and black, theme fonts, A4 page and margins, and the page-number headers
(a centred PAGE field from page 2, first page different). :class:`Formats` turns an
element's rule into run and paragraph formats. :func:`write_document` puts body
elements into a copy of the base package and saves it.
"""

from __future__ import annotations

import io
import re
from typing import IO

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from generate import ooxml
from generate.layout import ElementRule, LayoutRules
from generate.ooxml import ParagraphFormat, RunFormat

_DROPPED_RELS = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    RT.CUSTOM_XML, RT.NUMBERING, RT.WEB_SETTINGS,
)
_FONT_TABLE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"
_THEME_LATIN = re.compile(rb'(<a:(?:major|minor)Font>\s*<a:latin typeface=")[^"]*(")')


def styles_xml(rules: LayoutRules) -> str:
    """The whole ``styles.xml``: defaults and the four base styles, all in the rule font."""
    font, color = rules.font.name, rules.font.use_color
    body = rules.element("body")
    half = round(body.size.use * 2)
    fonts = " ".join(f'w:{slot}="{font}"' for slot in ooxml.FONT_SLOTS)
    rpr = f'<w:rPr><w:rFonts {fonts}/><w:color w:val="{color}"/><w:sz w:val="{half}"/><w:szCs w:val="{half}"/>' \
          '<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr>'
    style_rpr = f'<w:rPr><w:rFonts {fonts}/><w:color w:val="{color}"/></w:rPr>'
    return (
        f'<w:styles {nsdecls("w")}>'
        f'<w:docDefaults><w:rPrDefault>{rpr}</w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
        '</w:pPr></w:pPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        f'<w:qFormat/>{style_rpr}</w:style>'
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        f'<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>{style_rpr}</w:style>'
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        f'<w:semiHidden/>{style_rpr}<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
        '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:semiHidden/></w:style>'
        '</w:styles>'
    )


class Formats:
    """Run and paragraph formats of the elements, from the rules' ``use`` values."""

    def __init__(self, rules: LayoutRules) -> None:
        self.rules = rules

    def run(self, rule: ElementRule, size: float | None = None) -> RunFormat:
        """The characters of an element."""
        return RunFormat(
            font=self.rules.font.name,
            size=rule.size.use if size is None else size,
            bold=bool(rule.bold),
            italic=bool(rule.italic),
            color=self.rules.font.use_color,
        )

    def paragraph(self, rule: ElementRule, **overrides: object) -> ParagraphFormat:
        """The paragraph of an element; keyword arguments replace single fields."""
        before = 0.0
        if rule.space_before_pt is not None:
            before = rule.space_before_pt.use
        elif rule.gap_after is not None:
            before = rule.gap_after.use
        after = 0.0
        if rule.space_between_pt is not None:
            after = rule.space_between_pt.use
        elif rule.space_after_pt is not None:
            after = rule.space_after_pt.use
        values: dict[str, object] = {
            "align": rule.align or "left",
            "before": ooxml.pt(before),
            "after": ooxml.pt(after),
            "line": rule.line_spacing.use if rule.line_spacing else 1.0,
            "first_line": ooxml.cm(rule.first_line_indent_cm.use) if rule.first_line_indent_cm else 0,
        }
        values.update(overrides)
        return ParagraphFormat(**values)  # type: ignore[arg-type]


def _configure_section(document: Document, rules: LayoutRules) -> None:
    page = rules.page
    sect = document.sections[0]._sectPr
    for child in list(sect):
        if child.tag in (qn("w:pgSz"), qn("w:pgMar"), qn("w:cols"), qn("w:docGrid"), qn("w:titlePg")):
            sect.remove(child)
    margins = page.margins_mm
    sect.append(parse_xml(
        f'<w:pgSz {nsdecls("w")} w:w="{ooxml.mm(page.width_mm)}" w:h="{ooxml.mm(page.height_mm)}"/>'))
    sect.append(parse_xml(
        f'<w:pgMar {nsdecls("w")} w:top="{ooxml.mm(margins.top.use)}" w:right="{ooxml.mm(margins.right.use)}" '
        f'w:bottom="{ooxml.mm(margins.bottom.use)}" w:left="{ooxml.mm(margins.left.use)}" '
        f'w:header="{ooxml.mm(page.header_distance_mm)}" w:footer="{ooxml.mm(page.header_distance_mm)}" '
        'w:gutter="0"/>'))
    sect.append(parse_xml(f'<w:cols {nsdecls("w")} w:space="720"/>'))
    sect.append(parse_xml(f'<w:titlePg {nsdecls("w")}/>'))


def _page_number_headers(document: Document, rules: LayoutRules) -> None:
    """Page number from page 2, centred at the top; the first page's header stays empty."""
    number = rules.page_number
    section = document.sections[0]
    section.different_first_page_header_footer = True
    fmt = RunFormat(font=rules.font.name, size=number.size.use, bold=number.bold,
                    italic=number.italic, color=rules.font.use_color)
    para_fmt = ParagraphFormat(align=number.align)
    for header, with_number in ((section.header, True), (section.first_page_header, False)):
        header.is_linked_to_previous = False
        hdr = header._element
        for child in list(hdr):
            hdr.remove(child)
        p = ooxml.paragraph("", para_fmt, fmt)
        if with_number:
            for r in ooxml.page_field_runs(fmt):
                p.append(r)
        hdr.append(p)


def _trim_package(document: Document, rules: LayoutRules) -> None:
    """Drop parts a letter does not use, and set the theme fonts to the rule font."""
    part = document.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype in _DROPPED_RELS:
            del part.rels[rel_id]
    package_rels = part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rel_id]
    for rel in part.rels.values():
        if rel.reltype == RT.THEME:
            theme = rel.target_part
            replacement = rb"\g<1>" + rules.font.name.encode() + rb"\g<2>"
            theme._blob = _THEME_LATIN.sub(replacement, theme.blob)
        elif rel.reltype == _FONT_TABLE_REL:
            rel.target_part._blob = (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<w:fonts {nsdecls("w")}><w:font w:name="{rules.font.name}"><w:panose1 w:val="02020603050405020304"/>'
                '<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>'
            ).encode()
    styles = part.styles.element
    fresh = parse_xml(styles_xml(rules))
    for child in list(styles):
        styles.remove(child)
    for child in fresh:
        styles.append(child)
    settings = part.settings.element
    for child in list(settings):
        if child.tag in (qn("w:attachedTemplate"), qn("w:rsids")):
            settings.remove(child)


_BASES: dict[int, tuple[LayoutRules, bytes]] = {}


def _base_bytes(rules: LayoutRules) -> bytes:
    document = docx.Document()
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _trim_package(document, rules)
    _configure_section(document, rules)
    _page_number_headers(document, rules)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def base_document_bytes(rules: LayoutRules) -> bytes:
    """The empty Nghị định 30 document for ``rules`` as .docx bytes (built once per rule set)."""
    cached = _BASES.get(id(rules))
    if cached is None or cached[0] is not rules:
        cached = (rules, _base_bytes(rules))
        _BASES[id(rules)] = cached
    return cached[1]


def write_document(body: list[etree._Element], target: str | IO[bytes], rules: LayoutRules,
                   *, title: str = "", author: str = "") -> None:
    """Put ``body`` elements into a copy of the base document and save it to ``target``."""
    document = docx.Document(io.BytesIO(base_document_bytes(rules)))
    root = document.element.body
    sect = root.find(qn("w:sectPr"))
    for element in body:
        sect.addprevious(element)
    props = document.core_properties
    props.title = title
    props.author = author
    props.last_modified_by = author
    document.save(target)
