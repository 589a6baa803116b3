"""The OCR page analysis without Tesseract: preprocessing, column layout, lines back into text."""

from __future__ import annotations

import glob

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extract.readers.ocr.config import ocr_settings
from extract.readers.ocr.engine import Word
from extract.readers.ocr.layout import Placement, Region, reading_regions
from extract.readers.ocr.lines import correct, group_lines, lines_to_text
from extract.readers.ocr.preprocess import estimate_skew, ink_mask, otsu_threshold, prepare

WIDTH, HEIGHT = 2480, 1400
LEFT, RIGHT = 350, 2300


@pytest.fixture(scope="module")
def font() -> ImageFont.FreeTypeFont:
    found = sorted(glob.glob("/usr/share/fonts/truetype/liberation*/LiberationSerif-Regular.ttf"))
    if not found:
        pytest.skip("the Liberation fonts are not installed (fonts-liberation2)")
    return ImageFont.truetype(found[0], 54)


def _centred(draw: ImageDraw.ImageDraw, font: ImageFont.FreeTypeFont, text: str, middle: int, y: int) -> None:
    width = draw.textlength(text, font=font)
    draw.text((middle - width / 2, y), text, font=font, fill=0)


def header_page(font: ImageFont.FreeTypeFont, *, title: bool = False) -> Image.Image:
    """A letter's top: two header columns whose lines do not line up, then the body."""
    page = Image.new("L", (WIDTH, HEIGHT), 255)
    draw = ImageDraw.Draw(page)
    for i, line in enumerate(["BẢO HIỂM XÃ HỘI VIỆT NAM", "BẢO HIỂM XÃ HỘI TỈNH", "Số: 15/BHXH-TĐKT"]):
        _centred(draw, font, line, 800, 100 + 85 * i)
    for i, line in enumerate(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA", "VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                              "Hà Tĩnh, ngày 05 tháng 02 năm 2026"]):
        _centred(draw, font, line, 1800, 130 + 75 * i)
    y = 520
    if title:
        _centred(draw, font, "KẾ HOẠCH", (LEFT + RIGHT) // 2, y)
        y += 120
    draw.text((LEFT, y), "Kính gửi:", font=font, fill=0)
    for i in range(4):
        draw.text((LEFT, y + 110 + 75 * i), "Năm 2025, toàn tỉnh đã thu được 2.350,5 tỷ đồng, đạt 101,2% kế hoạch năm",
                  font=font, fill=0)
    return page


def test_header_columns_are_read_one_after_the_other(font: ImageFont.FreeTypeFont) -> None:
    regions, height = reading_regions(ink_mask(header_page(font)), ocr_settings().layout)
    assert [r.column for r in regions] == ["left", "right", "flow"]
    left, right, flow = regions
    assert left.right == right.left and 1000 < left.right < 1500
    assert right.bottom < flow.top  # "Kính gửi:" is body, not the end of the left column
    assert 40 < height < 90


def test_a_centred_title_under_the_header_is_body(font: ImageFont.FreeTypeFont) -> None:
    regions, _ = reading_regions(ink_mask(header_page(font, title=True)), ocr_settings().layout)
    assert [r.column for r in regions] == ["left", "right", "flow"]
    assert regions[1].bottom < 640


def test_a_page_of_prose_is_one_region(font: ImageFont.FreeTypeFont) -> None:
    page = Image.new("L", (WIDTH, 900), 255)
    draw = ImageDraw.Draw(page)
    for i in range(8):
        draw.text((LEFT, 100 + 75 * i), "Tổ chức sơ kết phong trào thi đua 6 tháng đầu năm, gửi báo cáo trước ngày",
                  font=font, fill=0)
    regions, _ = reading_regions(ink_mask(page), ocr_settings().layout)
    assert [r.column for r in regions] == ["flow"]


@pytest.mark.parametrize("angle", [-2.0, 1.3])
def test_skew_is_found_and_turned_back(font: ImageFont.FreeTypeFont, angle: float) -> None:
    turned = header_page(font).rotate(angle, expand=True, fillcolor=255)
    assert estimate_skew(ink_mask(turned), 5.0) == pytest.approx(-angle, abs=0.25)
    page = prepare(turned, ocr_settings().preprocess, dpi=300)
    assert page.skew == pytest.approx(-angle, abs=0.25)


def test_speckles_are_filtered_and_a_blank_page_is_blank(font: ImageFont.FreeTypeFont) -> None:
    rng = np.random.default_rng(0)
    pixels = np.asarray(header_page(font), dtype=np.uint8).copy()
    specks = rng.random(pixels.shape) < 0.01
    pixels[specks] = 0
    page = prepare(Image.fromarray(pixels), ocr_settings().preprocess, dpi=300)
    assert page.despeckled and not page.blank
    blank = Image.fromarray(np.where(rng.random((1754, 1240)) < 0.002, 0, 255).astype(np.uint8))
    assert prepare(blank, ocr_settings().preprocess, dpi=150).blank


def test_small_images_are_enlarged(font: ImageFont.FreeTypeFont) -> None:
    small = header_page(font).resize((WIDTH // 3, HEIGHT // 3))
    page = prepare(small, ocr_settings().preprocess, dpi=100)
    assert page.image.width >= ocr_settings().preprocess.min_width and page.dpi > 100


def test_otsu_threshold_separates_ink_from_paper() -> None:
    grey = np.array([30] * 100 + [220] * 900, dtype=np.uint8)
    assert 30 <= otsu_threshold(grey) < 220


def _word(text: str, left: int, top: int, width: int, *, block: int = 1, par: int = 1, line: int = 1) -> Word:
    return Word(text, left, top, width, 50, 95.0, block, par, line)


def test_wrapped_lines_become_soft_wraps_and_short_lines_end_paragraphs() -> None:
    words = [
        _word("BẢO", 100, 100, 200, line=1), _word("HIỂM", 320, 100, 560, line=1),
        _word("TRỊ", 450, 172, 100, line=2),                     # wrapped: "TRỊ" did not fit
        _word("Số:", 300, 300, 100, par=2), _word("18/TB-BHXH", 420, 300, 300, par=2),
        _word("12", 600, 400, 60, block=2),                      # a page number at the foot
    ]
    placements = [Placement(0, Region(0, 500, 0, 1000, "flow"))]
    text = lines_to_text(group_lines(words, placements), ocr_settings().text)
    assert text == "BẢO HIỂM\n  TRỊ\nSố: 18/TB-BHXH"


def test_known_confusions_are_corrected() -> None:
    assert correct("Số: 1235/QĐÐ-BHXH, Ðảng", ocr_settings().corrections) == "Số: 1235/QĐ-BHXH, Đảng"


def test_uneven_lighting_is_evened_out(font: ImageFont.FreeTypeFont) -> None:
    page = np.asarray(header_page(font), dtype=np.float64)
    shade = np.linspace(1.0, 0.35, page.shape[1])[None, :]  # a shadow darkening the right side
    shaded = Image.fromarray((page * shade).astype(np.uint8))
    assert [r.column for r in reading_regions(ink_mask(shaded), ocr_settings().layout)[0]] != \
        ["left", "right", "flow"]
    prepared = prepare(shaded, ocr_settings().preprocess, dpi=300)
    assert prepared.flattened
    assert [r.column for r in reading_regions(prepared.ink, ocr_settings().layout)[0]] == ["left", "right", "flow"]
    assert not prepare(header_page(font), ocr_settings().preprocess, dpi=300).flattened
