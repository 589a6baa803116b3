"""Normalization: tone marks, NFC, and hard-wrapped lines rebuilt into paragraphs."""

from __future__ import annotations

import pytest

from extract.normalize import normalize_text, normalize_tones

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
