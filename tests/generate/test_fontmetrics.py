"""Times New Roman widths (generate/fontmetrics.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generate import fontmetrics

LIBERATION = Path("/usr/share/fonts/truetype/liberation2")


def test_bold_is_wider_than_regular_and_size_scales_linearly():
    text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    regular = fontmetrics.text_width_pt(text, 12)
    bold = fontmetrics.text_width_pt(text, 12, bold=True)
    assert bold > regular
    assert fontmetrics.text_width_pt(text, 24, bold=True) == pytest.approx(2 * bold)


def test_the_national_name_at_12_pt_bold_is_about_88_mm():
    width_mm = fontmetrics.text_width_pt("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True) / 72 * 25.4
    assert 85 < width_mm < 92


def test_vietnamese_letters_are_in_the_table():
    table = fontmetrics._table()
    for face in fontmetrics.FACES:
        for ch in "ẠẢẤẦẨẪẬắằẳẵặđĐơưỜỪỮ":
            assert ch in table[face]


@pytest.mark.skipif(not (LIBERATION / "LiberationSerif-Regular.ttf").is_file(),
                    reason="fonts-liberation2 is not installed")
def test_the_shipped_table_matches_the_font_files():
    read = fontmetrics.read_ttf_widths(LIBERATION / "LiberationSerif-Bold.ttf")
    assert read == fontmetrics._table()["bold"]
