"""Vietnamese folding: what users type without diacritics meets what documents write."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus import datafiles
from corpus.errors import ConfigurationError
from corpus.folding import FoldingRules, fold, folded_words, has_diacritics


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Huân chương Lao động", "huan chuong lao dong"),
        ("Chiến sĩ thi đua", "chien si thi dua"),
        ("Chiến sỹ thi đua", "chien si thi dua"),
        ("CHIẾN SỸ THI ĐUA", "chien si thi dua"),
        ("Đảng bộ, ĐOÀN THANH NIÊN", "dang bo, doan thanh nien"),
        ("Hoà Bình và Hòa Bình", "hoa binh va hoa binh"),
        ("thuỷ lợi, thủy lợi", "thuy loi, thuy loi"),
        ("kỹ thuật, kĩ thuật", "ki thuat, ki thuat"),
        ("Mỹ Tho, lý do, quý II", "mi tho, li do, qui ii"),
        ("Tỷ lệ bao phủ BHYT đạt 95,2%", "ti le bao phu bhyt dat 95,2%"),
        ("Số: 7712/BYT-TĐKT", "so: 7712/byt-tdkt"),
        ("quyết định, khuyến khích, tuyên dương", "quyet dinh, khuyen khich, tuyen duong"),
        ("Thanh Hóa, Thanh Hoá", "thanh hoa, thanh hoa"),
    ],
)
def test_fold_reduces_written_forms_to_what_users_type(written: str, folded: str) -> None:
    assert fold(written) == folded


@pytest.mark.parametrize(
    ("text", "marked"),
    [("Chiến sĩ", True), ("chien si", False), ("chien sy", False), ("ĐOÀN", True), ("12/KH-UBND", False)],
)
def test_has_diacritics_tells_typed_marks_apart(text: str, marked: bool) -> None:
    assert has_diacritics(text) is marked


def test_folded_words_split_on_punctuation() -> None:
    assert folded_words("Tỷ lệ bao phủ BHYT (so với dân số)") == ["ti", "le", "bao", "phu", "bhyt", "so", "voi", "dan", "so"]
    assert folded_words(None) == []


@given(st.text())
def test_fold_keeps_every_offset(text: str) -> None:
    assert len(fold(text)) == len(text)


@given(st.text(alphabet=st.characters(codec="utf-8")))
def test_fold_is_idempotent(text: str) -> None:
    text = unicodedata.normalize("NFC", text)
    assert fold(fold(text)) == fold(text)


def test_a_rule_mapping_one_letter_to_two_is_refused() -> None:
    with pytest.raises(ValueError, match="one character to one"):
        FoldingRules.model_validate({"letters": {"đ": "dd"}, "final_y": {"replacement": "i", "onsets": ["s"]}})


def test_a_broken_data_file_names_the_file_and_field(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "folding.yaml").write_text("letters: {}\nfinal_y: {replacement: i}\n", encoding="utf-8")
    monkeypatch.setattr(datafiles, "DATA_DIR", tmp_path)
    with pytest.raises(ConfigurationError, match=r"folding\.yaml: field final_y\.onsets"):
        datafiles.load_model("folding.yaml", FoldingRules)


def test_invalid_yaml_names_the_line(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "folding.yaml").write_text("letters:\n  đ: d\n  - broken\n", encoding="utf-8")
    monkeypatch.setattr(datafiles, "DATA_DIR", tmp_path)
    with pytest.raises(ConfigurationError, match=r"folding\.yaml: line \d+"):
        datafiles.load_model("folding.yaml", FoldingRules)
