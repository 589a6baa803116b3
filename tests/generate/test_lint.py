"""The checker (generate/lint.py): a good document, then one rule broken at a time."""

from __future__ import annotations

import io
from collections.abc import Callable
from copy import deepcopy
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

from generate import DocumentReadError, lint_docx
from generate.docxread import read_docx
from generate.locate import locate

Mutation = Callable[[docx.document.Document], None]


# Helpers that change one thing in a drafted document -------------------------------

def paragraphs(document) -> list:
    """Every w:p of the body (tables included) and of the headers."""
    out = list(document.element.body.iter(qn("w:p")))
    for section in document.sections:
        for header in (section.header, section.first_page_header):
            out.extend(header._element.iter(qn("w:p")))
    return out


def text_of(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def find(document, start: str):
    for p in paragraphs(document):
        if text_of(p).startswith(start):
            return p
    raise AssertionError(f"no paragraph starting {start!r}")


def set_run(p, tag: str, value: str | None) -> None:
    """Set (or with None remove) a run property on every run of ``p``."""
    for r in p.iter(qn("w:r")):
        rpr = r.find(qn("w:rPr"))
        old = rpr.find(qn(tag))
        if value is None:
            if old is not None:
                rpr.remove(old)
            continue
        if old is None:
            old = OxmlElement(tag)
            rpr.append(old)
        old.set(qn("w:val"), value)


def set_size(p, points: float) -> None:
    set_run(p, "w:sz", str(int(points * 2)))
    set_run(p, "w:szCs", str(int(points * 2)))


def set_ppr(p, tag: str, **attrs: str) -> None:
    ppr = p.find(qn("w:pPr"))
    element = ppr.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        ppr.find(qn("w:rPr")).addprevious(element)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)


def set_text(p, old: str, new: str) -> None:
    for t in p.iter(qn("w:t")):
        if old in (t.text or ""):
            t.text = t.text.replace(old, new)
            return
    raise AssertionError(f"{old!r} not in paragraph")


def rule_after(document, start: str):
    p = find(document, start).getnext()
    assert p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}") is not None
    return p


def remove(element) -> None:
    element.getparent().remove(element)


def section(document):
    return document.element.body.find(qn("w:sectPr"))


def mutate(path: Path, change: Mutation) -> io.BytesIO:
    document = docx.Document(path)
    change(document)
    out = io.BytesIO()
    document.save(out)
    out.seek(0)
    return out


# The cases ------------------------------------------------------------------------

def _typed_agency_rule(d):
    rule = rule_after(d, "BẢO HIỂM XÃ HỘI TỈNH")
    rule.find(qn("w:pPr")).remove(rule.find(f"{qn('w:pPr')}/{qn('w:pBdr')}"))
    r = parse_xml(f'<w:r {nsdecls("w")}><w:t>__________</w:t></w:r>')
    rule.append(r)


def _underlined_agency(d):
    remove(rule_after(d, "BẢO HIỂM XÃ HỘI TỈNH"))
    set_run(find(d, "BẢO HIỂM XÃ HỘI TỈNH"), "w:u", "single")


def _short_motto_rule(d):
    ind = rule_after(d, "Độc lập").find(f"{qn('w:pPr')}/{qn('w:ind')}")
    ind.set(qn("w:left"), str(int(ind.get(qn("w:left"))) + 1200))
    ind.set(qn("w:right"), str(int(ind.get(qn("w:right"))) + 1200))


def _narrow_right_column(d):
    table = d.element.body.find(qn("w:tbl"))
    for tc in table.iter(qn("w:tc")):
        width = tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
        if int(width.get(qn("w:w"))) > 4500:
            width.set(qn("w:w"), "4000")


def _move_cc_down(d):
    set_ppr(find(d, "Nơi nhận:"), "w:spacing", before="2000")


def _drop_second_recipient(d):
    remove(find(d, "- Giám đốc Bảo hiểm xã hội cơ sở"))
    set_text(find(d, "- Trưởng các phòng"), ";", ".")


def _vv_into_body(d):
    vv = find(d, "V/v phát động")
    kinh_gui = find(d, "Kính gửi:")
    vv.getparent().append(OxmlElement("w:p")) if len(vv.getparent().findall(qn("w:p"))) == 1 else None
    kinh_gui.addprevious(vv)


def _no_eastasia_default(d):
    fonts = d.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    del fonts.attrib[qn("w:eastAsia")]


def _calibri_style(d):
    style = d.styles.element.find(f"{qn('w:style')}[@{qn('w:styleId')}='TableNormal']")
    style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}").set(qn("w:ascii"), "Calibri")


def _arial_run(d):
    set_run(find(d, "Nhằm động viên"), "w:rFonts", None)
    r = find(d, "Nhằm động viên").find(qn("w:r"))
    fonts = OxmlElement("w:rFonts")
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{slot}"), "Arial")
    r.find(qn("w:rPr")).insert(0, fonts)


def _size_from_a_style(d):
    """No direct size on the paragraph: 12 pt comes from a style based on Normal."""
    d.styles.element.append(parse_xml(
        f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="Small"><w:name w:val="Small"/>'
        '<w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="24"/></w:rPr></w:style>'))
    p = find(d, "Nhằm động viên")
    set_run(p, "w:sz", None)
    p.find(qn("w:pPr")).insert(0, parse_xml(f'<w:pStyle {nsdecls("w")} w:val="Small"/>'))


def _bold_from_a_character_style(d):
    d.styles.element.append(parse_xml(
        f'<w:style {nsdecls("w")} w:type="character" w:styleId="Strong"><w:name w:val="Strong"/>'
        '<w:rPr><w:b/></w:rPr></w:style>'))
    p = find(d, "Kính gửi:")
    set_run(p, "w:b", None)
    for r in p.iter(qn("w:r")):
        r.find(qn("w:rPr")).insert(0, parse_xml(f'<w:rStyle {nsdecls("w")} w:val="Strong"/>'))


def _no_title_page(d):
    section(d).remove(section(d).find(qn("w:titlePg")))


def _no_page_number(d):
    header = d.sections[0].header._element
    for r in list(header.iter(qn("w:r"))):
        remove(r)


def _bordered_header(d):
    borders = d.element.body.find(f"{qn('w:tbl')}/{qn('w:tblPr')}/{qn('w:tblBorders')}")
    for edge in borders:
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "4")


def _margins(**sides: str):
    def change(d):
        margins = section(d).find(qn("w:pgMar"))
        for side, value in sides.items():
            margins.set(qn(f"w:{side}"), value)
    return change


def _page_size(w: str, h: str, orient: str | None = None):
    def change(d):
        size = section(d).find(qn("w:pgSz"))
        size.set(qn("w:w"), w)
        size.set(qn("w:h"), h)
        if orient:
            size.set(qn("w:orient"), orient)
    return change


CONG_VAN_CASES: list[tuple[str, Mutation, str, str]] = [
    ("Quốc hiệu at 14 pt", lambda d: set_size(find(d, "CỘNG HÒA"), 14), "national_name", "size"),
    ("Quốc hiệu not bold", lambda d: set_run(find(d, "CỘNG HÒA"), "w:b", "0"), "national_name", "bold"),
    ("Quốc hiệu wraps", _narrow_right_column, "national_name", "one_line"),
    ("Quốc hiệu left-aligned", lambda d: set_ppr(find(d, "CỘNG HÒA"), "w:jc", val="left"), "national_name", "align"),
    ("Tiêu ngữ with en dashes", lambda d: set_text(find(d, "Độc lập"), " - ", " – "), "motto", "pattern"),
    ("Tiêu ngữ at 12 pt", lambda d: set_size(find(d, "Độc lập"), 12), "motto", "size"),
    ("Tiêu ngữ without its rule", lambda d: remove(rule_after(d, "Độc lập")), "motto", "rule"),
    ("Tiêu ngữ rule too short", _short_motto_rule, "motto", "rule"),
    ("agency rule typed as underscores", _typed_agency_rule, "agency", "rule"),
    ("agency underlined instead of a rule", _underlined_agency, "agency", "rule"),
    ("agency not bold", lambda d: set_run(find(d, "BẢO HIỂM XÃ HỘI TỈNH"), "w:b", "0"), "agency", "bold"),
    ("agency in lower case", lambda d: set_text(find(d, "BẢO HIỂM XÃ HỘI TỈNH"), "TỈNH HÀ TĨNH", "tỉnh Hà Tĩnh"),
     "agency", "case"),
    ("parent agency bold", lambda d: set_run(find(d, "BẢO HIỂM XÃ HỘI VIỆT NAM"), "w:b", "1"), "parent_agency", "bold"),
    ("parent agency at 14 pt", lambda d: set_size(find(d, "BẢO HIỂM XÃ HỘI VIỆT NAM"), 14), "parent_agency", "size"),
    ("Số italic", lambda d: set_run(find(d, "Số:"), "w:i", "1"), "number", "italic"),
    ("Số at 14 pt", lambda d: set_size(find(d, "Số:"), 14), "number", "size"),
    ("number below 10 without a leading 0", lambda d: set_text(find(d, "Số:"), "15/", "5/"), "number", "pattern"),
    ("spaces in the symbol", lambda d: set_text(find(d, "Số:"), "BHXH-TĐKT", "BHXH - TĐKT"), "number", "pattern"),
    ("date upright", lambda d: set_run(find(d, "Hà Tĩnh, ngày"), "w:i", "0"), "place_date", "italic"),
    ("month 6 zero-padded", lambda d: set_text(find(d, "Hà Tĩnh, ngày"), "tháng 02", "tháng 06"),
     "place_date", "pattern"),
    ("month 2 without its zero", lambda d: set_text(find(d, "Hà Tĩnh, ngày"), "tháng 02", "tháng 2"),
     "place_date", "pattern"),
    ("date below the row of Số", lambda d: set_ppr(find(d, "Hà Tĩnh, ngày"), "w:spacing", before="600"),
     "place_date", "same_row_as"),
    ("V/v right under Số", lambda d: set_ppr(find(d, "V/v"), "w:spacing", before="0"), "summary", "gap_after"),
    ("V/v at 14 pt", lambda d: set_size(find(d, "V/v"), 14), "summary", "size"),
    ("V/v as a body paragraph", _vv_into_body, "summary", "position"),
    ("Kính gửi bold", lambda d: set_run(find(d, "Kính gửi:"), "w:b", "1"), "recipients", "bold"),
    ("recipient dashes not under the colon",
     lambda d: set_ppr(find(d, "- Trưởng các phòng"), "w:ind", left="0"), "recipients_item", "alignment"),
    ("last recipient ends with ;", lambda d: set_text(find(d, "- Giám đốc Bảo hiểm"), "sở.", "sở;"),
     "recipients_item", "list_punctuation"),
    ("one recipient on its own line", _drop_second_recipient, "recipients", "list_layout"),
    ("body left-aligned", lambda d: set_ppr(find(d, "Nhằm động viên"), "w:jc", val="left"), "body", "align"),
    ("body indent 0.5 cm", lambda d: set_ppr(find(d, "Nhằm động viên"), "w:ind", firstLine="283"),
     "body", "first_line_indent"),
    ("no space between paragraphs", lambda d: set_ppr(find(d, "Nhằm động viên"), "w:spacing", after="0"),
     "body", "space_between"),
    ("double line spacing", lambda d: set_ppr(find(d, "Nhằm động viên"), "w:spacing", line="480"),
     "body", "line_spacing"),
    ("exactly 15 pt line spacing",
     lambda d: set_ppr(find(d, "Nhằm động viên"), "w:spacing", line="300", lineRule="exact"), "body", "line_spacing"),
    ("body at 12 pt", lambda d: set_size(find(d, "Nhằm động viên"), 12), "body", "size"),
    ("body at 12 pt through its paragraph style", _size_from_a_style, "body", "size"),
    ("Kính gửi bold through a character style", _bold_from_a_character_style, "recipients", "bold"),
    ("item heading not bold", lambda d: set_run(find(d, "1. Mục đích"), "w:b", "0"), "item_heading", "bold"),
    ("signer title not bold", lambda d: set_run(find(d, "KT. GIÁM ĐỐC"), "w:b", "0"), "signer_authority", "bold"),
    ("signer name not bold", lambda d: set_run(find(d, "Nguyễn Văn An"), "w:b", "0"), "signer_name", "bold"),
    ("Nơi nhận upright", lambda d: set_run(find(d, "Nơi nhận:"), "w:i", "0"), "cc_label", "italic"),
    ("Nơi nhận at 14 pt", lambda d: set_size(find(d, "Nơi nhận:"), 14), "cc_label", "size"),
    ("Nơi nhận below the signature", _move_cc_down, "cc_label", "same_row_as"),
    ("Nơi nhận list at 12 pt", lambda d: set_size(find(d, "- Như trên"), 12), "cc_item", "size"),
    ("Nơi nhận without Lưu", lambda d: set_text(find(d, "- Lưu:"), "Lưu: VT, TĐKT", "Phòng TĐKT"),
     "cc_item", "last_item"),
    ("công văn without Như trên", lambda d: set_text(find(d, "- Như trên"), "Như trên", "Các phòng"),
     "cc_item", "first_item"),
    ("Nơi nhận line ending with .", lambda d: set_text(find(d, "- Như trên"), ";", "."),
     "cc_item", "list_punctuation"),
    ("left margin 2 cm", _margins(left="1134"), "page", "margin"),
    ("top margin 3 cm", _margins(top="1701"), "page", "margin"),
    ("Letter paper", _page_size("12240", "15840"), "page", "paper"),
    ("landscape", _page_size("16838", "11906", "landscape"), "page", "orientation"),
    ("eastAsia font missing from the defaults", _no_eastasia_default, "font", "defaults"),
    ("an unused style in Calibri", _calibri_style, "styles", "family"),
    ("a paragraph in Arial", _arial_run, "font", "family"),
    ("red text", lambda d: set_run(find(d, "Nhằm động viên"), "w:color", "FF0000"), "color", "color"),
    ("page number on page 1", _no_title_page, "page_number", "first_page_hidden"),
    ("no page number", _no_page_number, "page_number", "field"),
    ("page number at 11 pt", lambda d: set_size(d.sections[0].header._element.find(qn("w:p")), 11),
     "page_number", "size"),
    ("page number on the left",
     lambda d: set_ppr(d.sections[0].header._element.find(qn("w:p")), "w:jc", val="left"), "page_number", "align"),
    ("header table with borders", _bordered_header, "header_table", "borderless"),
]

KE_HOACH_CASES: list[tuple[str, Mutation, str, str]] = [
    ("KẾ HOẠCH at 16 pt", lambda d: set_size(find(d, "KẾ HOẠCH"), 16), "title", "size"),
    ("trích yếu not bold", lambda d: set_run(find(d, "Tổ chức phong trào"), "w:b", "0"), "title_summary", "bold"),
    ("trích yếu without its rule", lambda d: remove(rule_after(d, "Tổ chức phong trào")), "title_summary", "rule"),
    ("căn cứ upright", lambda d: set_run(find(d, "Căn cứ Luật"), "w:i", "0"), "grounds", "italic"),
    ("last căn cứ ending with ;", lambda d: set_text(find(d, "Căn cứ Nghị định"), "khen thưởng.", "khen thưởng;"),
     "grounds", "list_punctuation"),
    ("section heading in lower case", lambda d: set_text(find(d, "I. MỤC ĐÍCH"), "MỤC ĐÍCH, YÊU CẦU", "Mục đích"),
     "section_heading", "case"),
    ("section heading not bold", lambda d: set_run(find(d, "II. CHỦ ĐỀ"), "w:b", "0"), "section_heading", "bold"),
]


def found_rules(stream) -> set[tuple[str, str]]:
    return {(v.element, v.rule) for v in lint_docx(stream)}


def test_every_sample_draft_lints_clean(drafts, sample_kind):
    assert lint_docx(drafts[sample_kind]) == []


@pytest.mark.parametrize(("case", "change", "element", "rule"), CONG_VAN_CASES, ids=[c[0] for c in CONG_VAN_CASES])
def test_one_broken_rule_of_a_cong_van_is_caught(drafts, case, change, element, rule):
    found = found_rules(mutate(drafts["cong_van"], change))
    assert (element, rule) in found, f"{case}: {sorted(found)}"


@pytest.mark.parametrize(("case", "change", "element", "rule"), KE_HOACH_CASES, ids=[c[0] for c in KE_HOACH_CASES])
def test_one_broken_rule_of_a_ke_hoach_is_caught(drafts, case, change, element, rule):
    found = found_rules(mutate(drafts["ke_hoach"], change))
    assert (element, rule) in found, f"{case}: {sorted(found)}"


@pytest.mark.parametrize(("case", "change", "element", "rule"), [
    c for c in CONG_VAN_CASES if c[0] in {
        "Quốc hiệu not bold", "Số italic", "date upright", "Kính gửi bold", "left margin 2 cm",
        "number below 10 without a leading 0", "Nơi nhận upright", "body at 12 pt",
    }
])
def test_a_single_change_is_reported_alone(drafts, case, change, element, rule):
    assert found_rules(mutate(drafts["cong_van"], change)) == {(element, rule)}


def test_the_same_fault_in_many_paragraphs_is_reported_once_with_a_count(drafts):
    def all_body_12pt(d):
        for p in paragraphs(d):
            if text_of(p).startswith("- "):
                set_size(p, 12)
    violations = lint_docx(mutate(drafts["cong_van"], all_body_12pt))
    body = [v for v in violations if (v.element, v.rule) == ("body", "size")]
    assert len(body) == 1 and body[0].count > 5
    assert body[0].expected == "13–14 pt" and body[0].found == "12 pt"


def test_a_word_processor_default_document_breaks_many_rules(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).text = "UBND TỈNH X\nSỞ NỘI VỤ\n_______\nSố: 5/SNV-VP\nV/v thi đua"
    table.cell(0, 1).text = "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\n______\n" \
                            "X, ngày 5 tháng 06 năm 2026"
    document.add_paragraph("Kính gửi: Các phòng")
    document.add_paragraph("Nội dung.")
    document.add_paragraph("Nơi nhận:")
    document.add_paragraph("- Lưu: VT")
    path = tmp_path / "person.docx"
    document.save(path)
    found = found_rules(path)
    for expected in [("page", "paper"), ("page", "margin"), ("font", "defaults"), ("styles", "family"),
                     ("header_table", "borderless"), ("national_name", "pattern"), ("motto", "pattern"),
                     ("motto", "rule"), ("agency", "rule"), ("agency", "bold"), ("number", "pattern"),
                     ("place_date", "pattern"), ("place_date", "italic"), ("summary", "gap_after"),
                     ("page_number", "field"), ("cc_label", "same_row_as"), ("body", "first_line_indent"),
                     ("signer_name", "present")]:
        assert expected in found, expected


def test_a_header_typed_as_plain_paragraphs_is_not_a_two_column_table(tmp_path):
    document = docx.Document()
    for line in ("BỘ NỘI VỤ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 05/BNV-VP"):
        document.add_paragraph(line)
    path = tmp_path / "loose.docx"
    document.save(path)
    assert ("header", "two_columns") in found_rules(path)


def test_theme_font_references_resolve_through_the_theme(drafts):
    def theme_reference(d):
        fonts = d.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
        fonts.set(qn("w:asciiTheme"), "minorHAnsi")  # the draft's theme says Times New Roman
    assert found_rules(mutate(drafts["cong_van"], theme_reference)) == set()


def test_an_agency_on_two_bold_lines_keeps_its_upright_parent(drafts, rules):
    def two_lines(d):
        agency = find(d, "BẢO HIỂM XÃ HỘI TỈNH")
        first = deepcopy(agency)
        agency.addprevious(first)
        set_text(first, "BẢO HIỂM XÃ HỘI TỈNH HÀ TĨNH", "BẢO HIỂM XÃ HỘI")
        set_text(agency, "BẢO HIỂM XÃ HỘI TỈNH HÀ TĨNH", "TỈNH HÀ TĨNH")
    located = locate(read_docx(mutate(drafts["cong_van"], two_lines)), rules)
    assert [f.paragraph.text for f in located.found["parent_agency"]] == ["BẢO HIỂM XÃ HỘI VIỆT NAM"]
    assert [f.paragraph.text for f in located.found["agency"]] == ["BẢO HIỂM XÃ HỘI", "TỈNH HÀ TĨNH"]


def test_a_drawn_line_counts_as_a_rule(drafts):
    def drawn(d):
        remove(rule_after(d, "Độc lập"))
        motto = find(d, "Độc lập")
        width_emu = 159 * 12700  # the motto's width at 13 pt bold
        motto.append(parse_xml(
            f'<w:r {nsdecls("w", "wp", "a")} xmlns:wps="http://schemas.microsoft.com/office/word/2010/'
            'wordprocessingShape"><w:drawing><wp:anchor><wp:extent cx="' + str(width_emu) + '" cy="0"/>'
            '<a:graphic><a:graphicData><wps:wsp><wps:spPr><a:prstGeom prst="line"/></wps:spPr></wps:wsp>'
            '</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>'))
    assert ("motto", "rule") not in found_rules(mutate(drafts["cong_van"], drawn))


@pytest.mark.parametrize("content", [b"not a zip", b"PK\x03\x04broken"])
def test_a_file_that_is_not_a_docx_is_a_read_error(tmp_path, content):
    path = tmp_path / "x.docx"
    path.write_bytes(content)
    with pytest.raises(DocumentReadError, match="x.docx"):
        lint_docx(path)


def test_a_missing_file_is_a_read_error(tmp_path):
    with pytest.raises(DocumentReadError, match="cannot read"):
        lint_docx(tmp_path / "none.docx")
