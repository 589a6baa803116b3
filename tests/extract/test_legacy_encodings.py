"""TCVN3 (ABC) and VNI: the project's own encoder, detection and conversion in .txt and .docx runs."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from docx import Document

from extract import extract_bytes, extract_file
from extract.readers import read_document
from extract.readers.legacy_encodings import (
    bytes_to_chars,
    decode,
    detect,
    encode,
    encode_view,
    is_syllable,
    repair,
)
from tests.conftest import SAMPLES

SAMPLE_TEXTS = sorted(SAMPLES.glob("*.txt"))
ALL_LETTERS = "".join(sorted({unicodedata.normalize("NFC", base + tone)
                              for base in "aăâeêioôơuưy" for tone in ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")}))


def _tcvn3_encodable(text: str) -> str:
    """The lines of ``text`` that plain TCVN3 can write (no capital with a tone mark)."""
    keep = []
    for line in text.splitlines():
        try:
            encode(line, "tcvn3")
        except ValueError:
            continue
        keep.append(line)
    return "\n".join(keep)


# -- the encoder and decoder ----------------------------------------------------------------------

@pytest.mark.parametrize(("legacy", "encoding", "unicode"), [
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "tcvn3", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "tcvn3", "Độc lập - Tự do - Hạnh phúc"),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "vni", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "vni", "Độc lập - Tự do - Hạnh phúc"),
    ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "vni", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
])
def test_known_legacy_strings_decode(legacy: str, encoding: str, unicode: str) -> None:
    assert decode(legacy, encoding) == unicode
    assert decode(legacy.encode("cp1252"), encoding) == unicode


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_every_vietnamese_letter_round_trips(encoding: str) -> None:
    assert decode(encode(ALL_LETTERS + "đ", encoding), encoding) == ALL_LETTERS + "đ"
    if encoding == "vni":  # VNI has every capital; TCVN3 draws them with an upper-case font
        capitals = ALL_LETTERS.upper() + "Đ"
        assert decode(encode(capitals, encoding), encoding) == capitals


def test_tcvn3_capitals_need_an_upper_case_font() -> None:
    with pytest.raises(ValueError, match="'Ộ' at 1 has no code in TCVN3"):
        encode("CỘNG HÒA", "tcvn3")
    assert decode(encode("CỘNG HÒA", "tcvn3", upper=True), "tcvn3", upper=True) == "CỘNG HÒA"


@pytest.mark.parametrize("path", SAMPLE_TEXTS, ids=lambda p: p.stem[:24])
def test_samples_encoded_by_our_encoder_read_back_exactly(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    vni = bytes_to_chars(encode(text, "vni"))
    assert detect(vni) == "vni" and repair(vni) == (text, "vni")
    tcvn3_text = _tcvn3_encodable(text)
    tcvn3 = bytes_to_chars(encode(tcvn3_text, "tcvn3"))
    assert detect(tcvn3) == "tcvn3" and repair(tcvn3) == (tcvn3_text, "tcvn3")


@pytest.mark.parametrize("path", SAMPLE_TEXTS, ids=lambda p: p.stem[:24])
def test_unicode_text_is_never_taken_for_legacy(path: Path) -> None:
    assert repair(path.read_text(encoding="utf-8"))[1] is None


@pytest.mark.parametrize("text", [
    "Le café est très bon à Paris, où la vie est chère.",
    "Tôi là ai\nChào các bạn",
    "Số: 12/QĐ-UBND ngày 05/02/2026",
])
def test_other_text_is_left_alone(text: str) -> None:
    assert repair(text) == (text, None)


def test_lines_typed_for_an_upper_case_font_are_guessed_without_the_font() -> None:
    view = "CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM\nQUYÕT §ÞNH\nSè: 12/Q§-UBND\nHå ChÝ Minh"
    assert repair(view) == ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nQUYẾT ĐỊNH\nSố: 12/QĐ-UBND\nHồ Chí Minh", "tcvn3")


@pytest.mark.parametrize(("word", "ok"), [
    ("nghĩa", True), ("Người", True), ("KHUYẾN", True), ("thuở", True), ("quyết", True),
    ("hoµ", False), ("ViƯt", False), ("cáà", False),
])
def test_syllable_shape(word: str, ok: bool) -> None:
    assert is_syllable(word) is ok


# -- through the readers ------------------------------------------------------------------------

SENTENCE = "Năm 2025, toàn tỉnh đã thu được 2.350,5 tỷ đồng, đạt 101,2% kế hoạch; 12 tập thể và 30 cá nhân " \
           "được tặng Bằng khen của BHXH Việt Nam."


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_legacy_txt_files_are_converted(encoding: str) -> None:
    ex = extract_bytes(encode(SENTENCE, encoding), name=f"old-{encoding}.txt")
    assert ex.text == SENTENCE
    assert [(a.award, a.collectives, a.individuals) for a in ex.awards] == [("bang_khen_cap_bo", 12, 30)]
    assert any("legacy" in w for w in ex.warnings)


def test_legacy_text_saved_again_as_utf8_is_converted() -> None:
    mojibake = encode_view(SENTENCE, "tcvn3").encode("utf-8")
    assert extract_bytes(mojibake, name="resaved.txt").text == SENTENCE


def _docx(runs: list[tuple[str, str | None]], *, style_font: str | None = None) -> bytes:
    doc = Document()
    if style_font:
        doc.styles["Normal"].font.name = style_font
    for text, font in runs:
        run = doc.add_paragraph().add_run(text)
        if font:
            run.font.name = font
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_docx_runs_in_legacy_fonts_are_converted() -> None:
    data = _docx([
        (encode_view("cộng hòa xã hội chủ nghĩa việt nam", "tcvn3", upper=True), ".VnTimeH"),
        (encode_view(SENTENCE, "tcvn3"), ".VnTime"),
        (encode_view("Độc lập - Tự do - Hạnh phúc", "vni"), "VNI-Times"),
        ("Đoạn này đã là Unicode.", "Times New Roman"),
    ])
    result = read_document(data, name="old.docx")
    assert result.text.splitlines() == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", SENTENCE, "Độc lập - Tự do - Hạnh phúc",
                                        "Đoạn này đã là Unicode."]
    assert any("TCVN3" in w and ".VnTime" in w for w in result.warnings)
    assert any("VNI" in w and "VNI-Times" in w for w in result.warnings)


def test_docx_font_inherited_from_the_style_counts() -> None:
    data = _docx([(encode_view(SENTENCE, "tcvn3"), None)], style_font=".VnTime")
    assert read_document(data, name="styled.docx").text == SENTENCE


def test_unicode_text_left_in_a_legacy_font_is_not_converted_twice() -> None:
    data = _docx([(SENTENCE, ".VnTime")])
    assert read_document(data, name="mixed.docx").text == SENTENCE


def test_text_without_any_tone_mark_is_flagged(tmp_path: Path) -> None:
    stripped = "".join(c for c in unicodedata.normalize("NFD", SENTENCE * 3) if not unicodedata.combining(c))
    path = tmp_path / "ascii.txt"
    path.write_text(stripped.replace("đ", "d").replace("Đ", "D"), encoding="ascii")
    ex = extract_file(path)
    assert any("no Vietnamese tone marks" in w for w in ex.warnings)
    assert not extract_bytes(SENTENCE.encode() * 3, name="ok.txt").warnings
