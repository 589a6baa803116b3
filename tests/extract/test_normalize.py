"""Normalization: tone marks, NFC, and hard-wrapped lines rebuilt into paragraphs."""

from __future__ import annotations

import pytest

from extract.normalize import normalize_text, normalize_tones, rebuild_paragraphs

TONES = [
    ("hoà", "hòa"), ("Hoà Bình", "Hòa Bình"), ("thuỷ lợi", "thủy lợi"), ("khoẻ mạnh", "khỏe mạnh"),
    ("CỘNG HOÀ", "CỘNG HÒA"), ("Thuý", "Thúy"), ("hoàng", "hoàng"), ("khuyến", "khuyến"), ("quý", "quý"),
    ("hòa", "hòa"), ("toán", "toán"),
]


@pytest.mark.parametrize(("raw", "expected"), TONES)
def test_one_tone_mark_placement(raw: str, expected: str) -> None:
    assert normalize_tones(raw) == expected


WRAPS = [
    ("Hà Nội, ngày 21\n  tháng 01 năm 2025", "Hà Nội, ngày 21 tháng 01 năm 2025"),
    ("BẢO HIỂM XÃ HỘI\n  VIỆT NAM\n-------", "BẢO HIỂM XÃ HỘI VIỆT NAM\n-------"),
    ("phấn\nđấu đạt\n45,10%\nlực lượng lao động", "phấn đấu đạt 45,10% lực lượng lao động"),
    ("đạt tối thiểu\n90%\n, chỉ số", "đạt tối thiểu 90%, chỉ số"),
    ("tham gia BHYT đạt\n98%;\nmức độ hài lòng", "tham gia BHYT đạt 98%; mức độ hài lòng"),
    ("Kính gửi:\n- Thủ trưởng các đơn vị;\n- Giám đốc BHXH tỉnh.", "Kính gửi:\n- Thủ trưởng các đơn vị;\n- Giám đốc BHXH tỉnh."),
    ("I. MỤC ĐÍCH\n1. Mục đích\n- Tạo khí thế", "I. MỤC ĐÍCH\n1. Mục đích\n- Tạo khí thế"),
    ("Nỗ lực vượt khó\nTrong 06 tháng đầu năm", "Nỗ lực vượt khó\nTrong 06 tháng đầu năm"),
    ("kết thúc câu.\nCâu mới bắt đầu", "kết thúc câu.\nCâu mới bắt đầu"),
]


@pytest.mark.parametrize(("raw", "expected"), WRAPS)
def test_hard_wrapped_lines_are_joined_and_blocks_kept(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_in_a_hard_wrapped_text_a_full_line_ending_with_a_comma_goes_on() -> None:
    text = (
        "Giai đoạn 2019 - 2023, Chủ tịch nước đã tặng Huân chương các loại cho 46 tập thể\n"
        "và 112 cá nhân; Thủ tướng Chính phủ tặng Cờ thi đua của Chính phủ cho 21 tập thể,\n"
        "Bằng khen cho 98 tập thể và 205 cá nhân; 02 cá nhân được phong tặng danh hiệu Anh\n"
        "hùng Lao động, 05 cá nhân được tặng danh hiệu Chiến sĩ thi đua toàn quốc. Chủ tịch\n"
        "UBND tỉnh tặng Cờ thi đua cho 180 tập thể, Bằng khen cho 1.240 tập thể và 3.560 cá\n"
        "nhân. Các cấp, các ngành tặng Giấy khen cho 2.148 lượt tập thể, cá nhân có thành\n"
        "tích xuất sắc trong phong trào thi đua yêu nước, góp phần hoàn thành các mục tiêu,\n"
        "chỉ tiêu phát triển kinh tế - xã hội của tỉnh trong giai đoạn vừa qua một cách toàn\n"
        "diện, bền vững và hiệu quả, được Trung ương ghi nhận và đánh giá cao trong năm qua.\n"
    )
    rebuilt = rebuild_paragraphs(text)
    assert "cho 21 tập thể, Bằng khen cho 98 tập thể" in rebuilt
    assert "\n" not in rebuilt


def test_a_heading_is_not_joined_to_the_indented_paragraph_under_it() -> None:
    text = "II. CÔNG TÁC KHEN THƯỞNG\n     Năm 2024, Cục Thuế đã thực hiện khen thưởng kịp thời.\n"
    assert rebuild_paragraphs(text) == "II. CÔNG TÁC KHEN THƯỞNG\nNăm 2024, Cục Thuế đã thực hiện khen thưởng kịp thời."
