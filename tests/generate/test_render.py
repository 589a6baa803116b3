"""The drafted .docx, read back as XML (generate/render.py, builder.py, compose.py)."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from lxml import etree

from generate import lint_docx, render_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
SLOTS = ("ascii", "hAnsi", "cs", "eastAsia")


def attr(element, name: str) -> str | None:
    return element.get(f"{{{W}}}{name}")


def part(path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def paragraph_with(root, start: str) -> etree._Element:
    for p in root.iter(f"{{{W}}}p"):
        if "".join(t.text or "" for t in p.iter(f"{{{W}}}t")).startswith(start):
            return p
    raise AssertionError(f"no paragraph starting {start!r}")


def run_props(p) -> dict:
    rpr = p.find("w:r/w:rPr", NS)
    size = rpr.find("w:sz", NS)
    return {
        "size": int(attr(size, "val")) / 2,
        "bold": attr(rpr.find("w:b", NS), "val") != "0",
        "italic": attr(rpr.find("w:i", NS), "val") != "0",
    }


def test_page_is_a4_portrait_with_the_decree_margins(drafts, sample_kind):
    sect = part(drafts[sample_kind], "word/document.xml").find(".//w:body/w:sectPr", NS)
    size, margins = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS)
    assert (int(attr(size, "w")), int(attr(size, "h"))) == (11906, 16838)
    mm = {side: int(attr(margins, side)) * 25.4 / 1440 for side in ("top", "bottom", "left", "right")}
    assert 20 <= round(mm["top"]) <= 25 and 20 <= round(mm["bottom"]) <= 25
    assert 30 <= round(mm["left"]) <= 35 and 15 <= round(mm["right"]) <= 20
    assert sect.find("w:titlePg", NS) is not None


def test_times_new_roman_is_in_every_slot_of_defaults_styles_and_runs(drafts, sample_kind):
    path = drafts[sample_kind]
    styles = part(path, "word/styles.xml")
    default = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert all(attr(default, slot) == "Times New Roman" for slot in SLOTS)
    assert attr(styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:color", NS), "val") == "000000"
    for style in styles.iterfind("w:style", NS):
        if attr(style, "type") == "numbering":
            continue
        fonts = style.find("w:rPr/w:rFonts", NS)
        assert fonts is not None and all(attr(fonts, slot) == "Times New Roman" for slot in SLOTS)
        assert not any(k.endswith("Theme") or k.endswith("theme") for k in fonts.attrib)
    document = part(path, "word/document.xml")
    runs = list(document.iter(f"{{{W}}}r"))
    assert runs
    for r in runs:
        fonts = r.find("w:rPr/w:rFonts", NS)
        assert all(attr(fonts, slot) == "Times New Roman" for slot in SLOTS)
        assert attr(r.find("w:rPr/w:color", NS), "val") == "000000"


def test_theme_fonts_are_times_new_roman_too(drafts):
    theme = part(drafts["cong_van"], "word/theme/theme1.xml")
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    faces = [e.get("typeface") for e in theme.iter(f"{{{a}}}latin")][:2]
    assert faces == ["Times New Roman", "Times New Roman"]


def test_header_is_a_borderless_two_column_table(drafts):
    document = part(drafts["cong_van"], "word/document.xml")
    table = document.find(".//w:body/w:tbl", NS)
    borders = table.find("w:tblPr/w:tblBorders", NS)
    assert {attr(b, "val") for b in borders} == {"nil"}
    assert len(table.findall("w:tblGrid/w:gridCol", NS)) == 2
    rows = table.findall("w:tr", NS)
    left = "".join(t.text for t in rows[1].findall("w:tc", NS)[0].iter(f"{{{W}}}t"))
    right = "".join(t.text for t in rows[1].findall("w:tc", NS)[1].iter(f"{{{W}}}t"))
    assert left.startswith("Số: 15/BHXH-TĐKT") and "V/v phát động" in left
    assert right == "Hà Tĩnh, ngày 05 tháng 02 năm 2026"


@pytest.mark.parametrize(("start", "size", "bold", "italic"), [
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, True, False),
    ("Độc lập - Tự do - Hạnh phúc", 13, True, False),
    ("BẢO HIỂM XÃ HỘI VIỆT NAM", 12, False, False),
    ("BẢO HIỂM XÃ HỘI TỈNH HÀ TĨNH", 12, True, False),
    ("Số: 15/BHXH-TĐKT", 13, False, False),
    ("Hà Tĩnh, ngày 05", 13, False, True),
    ("V/v phát động", 12, False, False),
    ("Kính gửi:", 14, False, False),
    ("Nhằm động viên", 14, False, False),
    ("1. Mục đích, yêu cầu", 14, True, False),
    ("KT. GIÁM ĐỐC", 14, True, False),
    ("Nguyễn Văn An", 14, True, False),
    ("Nơi nhận:", 12, True, True),
    ("- Lưu: VT, TĐKT.", 11, False, False),
])
def test_each_element_has_its_size_and_style(drafts, start, size, bold, italic):
    p = paragraph_with(part(drafts["cong_van"], "word/document.xml"), start)
    assert run_props(p) == {"size": size, "bold": bold, "italic": italic}


def test_rules_are_drawn_borders_sized_from_their_text(drafts):
    document = part(drafts["cong_van"], "word/document.xml")
    bordered = [p for p in document.iter(f"{{{W}}}p") if p.find("w:pPr/w:pBdr/w:bottom", NS) is not None]
    assert len(bordered) == 2  # under the agency and under the motto
    for p in bordered:
        assert attr(p.find("w:pPr/w:pBdr/w:bottom", NS), "val") == "single"
        assert not "".join(t.text or "" for t in p.iter(f"{{{W}}}t"))
    assert "_" not in "".join(t.text or "" for t in document.iter(f"{{{W}}}t"))


def test_body_is_justified_with_a_first_line_indent_and_space_after(drafts):
    p = paragraph_with(part(drafts["cong_van"], "word/document.xml"), "Nhằm động viên")
    assert attr(p.find("w:pPr/w:jc", NS), "val") == "both"
    assert int(attr(p.find("w:pPr/w:ind", NS), "firstLine")) == 720  # 1.27 cm
    spacing = p.find("w:pPr/w:spacing", NS)
    assert int(attr(spacing, "after")) >= 120
    assert 240 <= int(attr(spacing, "line")) <= 360 and attr(spacing, "lineRule") == "auto"


def test_page_numbers_are_a_centred_page_field_from_page_2(drafts):
    document = docx.Document(drafts["cong_van"])
    section = document.sections[0]
    assert section.different_first_page_header_footer
    header = section.header._element
    assert "PAGE" in "".join(t.text or "" for t in header.iter(f"{{{W}}}instrText"))
    assert attr(header.find(".//w:pPr/w:jc", NS), "val") == "center"
    assert int(attr(header.find(".//w:r/w:rPr/w:sz", NS), "val")) == 26
    first = section.first_page_header._element
    assert "PAGE" not in "".join(t.text or "" for t in first.iter(f"{{{W}}}instrText"))


def test_signature_and_noi_nhan_share_the_last_table(drafts):
    document = part(drafts["cong_van"], "word/document.xml")
    table = document.findall(".//w:body/w:tbl", NS)[-1]
    left, right = table.findall("w:tr/w:tc", NS)
    assert "".join(t.text for t in left.iter(f"{{{W}}}t")).startswith("Nơi nhận:- Như trên;")
    assert "".join(t.text for t in right.iter(f"{{{W}}}t")) == "KT. GIÁM ĐỐCPHÓ GIÁM ĐỐCNguyễn Văn An"


def test_the_ke_hoach_title_block(drafts):
    document = part(drafts["ke_hoach"], "word/document.xml")
    title = paragraph_with(document, "KẾ HOẠCH")
    assert run_props(title) == {"size": 14, "bold": True, "italic": False}
    summary = title.getnext()
    assert run_props(summary)["bold"] is True
    rule = summary.getnext()
    assert rule.find("w:pPr/w:pBdr/w:bottom", NS) is not None
    assert run_props(paragraph_with(document, "Căn cứ Luật"))["italic"] is True
    assert run_props(paragraph_with(document, "I. MỤC ĐÍCH, YÊU CẦU"))["bold"] is True


def test_a_blank_number_and_date_leave_room_for_the_van_thu(make_directive, tmp_path):
    path = tmp_path / "draft.docx"
    render_docx(make_directive(number=None, date=None, year=2026), path)
    document = part(path, "word/document.xml")
    texts = ["".join(t.text or "" for t in p.iter(f"{{{W}}}t")) for p in document.iter(f"{{{W}}}p")]
    assert "Số:      /BHXH-TĐKT" in texts
    assert "Hà Tĩnh, ngày     tháng     năm 2026" in texts
    assert lint_docx(path) == []


def test_render_writes_to_a_stream_and_opens_in_python_docx(make_directive):
    stream = io.BytesIO()
    render_docx(make_directive(), stream)
    document = docx.Document(io.BytesIO(stream.getvalue()))
    assert document.core_properties.title.startswith("15/BHXH-TĐKT")
    with zipfile.ZipFile(io.BytesIO(stream.getvalue())) as z:
        names = set(z.namelist())
    assert "word/stylesWithEffects.xml" not in names and "docProps/thumbnail.jpeg" not in names
