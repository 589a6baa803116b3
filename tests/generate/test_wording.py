"""Wording templates (templates/*.j2 through generate/wording.py)."""

from __future__ import annotations

import pytest

from generate import WordingError
from generate.compose import known_blocks
from generate.wording import Block, anniversary, parse_blocks, wording


def blocks_of(directive, rules) -> list[Block]:
    return wording(directive, known_blocks(rules))


def texts(blocks: list[Block], element: str) -> list[str]:
    return [b.text for b in blocks if b.element == element]


def test_the_cong_van_frame(make_directive, rules):
    blocks = blocks_of(make_directive("cong_van", number=5), rules)
    assert texts(blocks, "number") == ["Số: 05/BHXH-TĐKT"]
    assert texts(blocks, "national_name") == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert texts(blocks, "motto") == ["Độc lập - Tự do - Hạnh phúc"]
    assert texts(blocks, "place_date") == ["Hà Tĩnh, ngày 05 tháng 02 năm 2026"]
    assert texts(blocks, "summary") == ["V/v phát động phong trào thi đua yêu nước năm 2026"]
    assert texts(blocks, "recipients_label") == ["Kính gửi:"]
    assert texts(blocks, "recipients_item") == ["- Trưởng các phòng nghiệp vụ;", "- Giám đốc Bảo hiểm xã hội cơ sở."]
    assert texts(blocks, "signer_authority") == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    assert texts(blocks, "cc_item")[0] == "- Như trên;"
    assert texts(blocks, "cc_item")[-1] == "- Lưu: VT, TĐKT."
    assert texts(blocks, "body")[-1].endswith("./.")


def test_one_recipient_stays_on_the_kinh_gui_line(make_directive, rules):
    blocks = blocks_of(make_directive(recipients=["Giám đốc Bảo hiểm xã hội cơ sở"]), rules)
    assert texts(blocks, "recipients_line") == ["Kính gửi: Giám đốc Bảo hiểm xã hội cơ sở"]
    assert not texts(blocks, "recipients_item")


def test_nhu_tren_is_added_once_for_a_cong_van(make_directive, rules):
    blocks = blocks_of(make_directive(cc=["Bảo hiểm xã hội Việt Nam"]), rules)
    assert texts(blocks, "cc_item") == ["- Như trên;", "- Bảo hiểm xã hội Việt Nam;", "- Lưu: VT, TĐKT."]
    blocks = blocks_of(make_directive(cc=["Như trên"]), rules)
    assert texts(blocks, "cc_item") == ["- Như trên;", "- Lưu: VT, TĐKT."]


def test_the_ke_hoach_has_a_title_sections_and_no_vv(make_directive, rules):
    blocks = blocks_of(make_directive("ke_hoach", number=8), rules)
    assert texts(blocks, "title") == ["KẾ HOẠCH"]
    assert texts(blocks, "title_summary") == ["Tổ chức phong trào thi đua yêu nước năm 2026"]
    assert texts(blocks, "section_heading") == [
        "I. MỤC ĐÍCH, YÊU CẦU", "II. CHỦ ĐỀ, CHỈ TIÊU THI ĐUA", "III. NỘI DUNG THI ĐUA", "IV. TỔ CHỨC THỰC HIỆN"]
    assert texts(blocks, "grounds")[0].endswith(";") and texts(blocks, "grounds")[-1].endswith(".")
    assert not texts(blocks, "summary")
    assert texts(blocks, "number") == ["Số: 08/KH-SNV"]


def test_sections_without_content_are_left_out_and_numbering_closes_up(make_directive, rules):
    blocks = blocks_of(make_directive("ke_hoach", purposes=[], requirements=[]), rules)
    assert texts(blocks, "section_heading")[0] == "I. CHỦ ĐỀ, CHỈ TIÊU THI ĐUA"


@pytest.mark.parametrize(("start", "count", "dates"), [
    ("1930-02-03", 96, "(03/02/1930 - 03/02/2026)"),
    ("1995-02-16", 31, "(16/02/1995 - 16/02/2026)"),
    ("1890-05-19", 136, "(19/05/1890 - 19/05/2026)"),
])
def test_anniversaries_are_counted_from_the_campaign_year(make_directive, rules, start, count, dates):
    d = make_directive(occasions=[{"name": "Ngày thành lập", "start": start}])
    line = next(t for t in texts(blocks_of(d, rules), "body") if "Kỷ niệm" in t)
    assert f"Kỷ niệm {count} năm Ngày thành lập {dates}" in line


def test_an_occasion_without_a_founding_date_is_named_with_its_day(make_directive, rules):
    d = make_directive(occasions=[{"name": "Ngày Quốc tế Phụ nữ", "date": "2026-03-08"}])
    assert any("Ngày Quốc tế Phụ nữ (08/03/2026)" in t for t in texts(blocks_of(d, rules), "body"))


def test_29_february_comes_round_on_the_28th():
    import datetime as dt

    assert anniversary(dt.date(1996, 2, 29), 2026) == dt.date(2026, 2, 28)


def test_targets_are_written_the_vietnamese_way(make_directive, rules):
    body = texts(blocks_of(make_directive(), rules), "body")
    assert "- Phấn đấu đạt 46,50% lực lượng lao động trong độ tuổi tham gia bảo hiểm xã hội;" in body
    assert any("Thu đạt 10.101,8 tỷ đồng tổng số thu" in t for t in body)
    assert any("Phát triển mới 12.500 người tham gia" in t for t in body)


def test_user_text_is_data_never_template_source(make_directive, rules):
    nasty = "{{ 7 * 7 }} {% if true %}x{% endif %} body|giả mạo"
    d = make_directive(theme=nasty, recipients=[nasty, "B"])
    blocks = blocks_of(d, rules)
    assert f"- {nasty};" in texts(blocks, "recipients_item")
    assert not any(b.text == "giả mạo" for b in blocks)
    assert all("49" not in b.text for b in blocks)


def test_a_value_with_a_line_break_cannot_start_a_block(make_directive, rules):
    d = make_directive()
    forged = d.model_copy(update={"theme": "Đoàn kết\nagency|GIẢ MẠO"})
    blocks = blocks_of(forged, rules)
    assert texts(blocks, "agency") == ["BẢO HIỂM XÃ HỘI TỈNH HÀ TĨNH"]


def test_a_missing_variable_is_an_error_not_an_empty_string(make_directive, rules, tmp_path):
    (tmp_path / "cong_van.j2").write_text("agency|{{ d.issuer.nickname }}\n", encoding="utf-8")
    with pytest.raises(WordingError, match="nickname"):
        wording(make_directive(), known_blocks(rules), tmp_path)


def test_a_template_printing_an_unknown_block_is_an_error(rules):
    with pytest.raises(WordingError, match="line 2"):
        parse_blocks("agency|X\nbanner|Y\n", known_blocks(rules))
