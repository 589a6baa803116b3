"""Properties that hold for any text: no exception, and every item points at itself."""

from __future__ import annotations

import math
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import extract_text
from extract.normalize import normalize_text, normalize_tones

# Vietnamese-looking text: letters with diacritics, digits and the punctuation rules look at
_ALPHABET = st.sampled_from(
    list("aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậéèẻẽẹíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
    + list("AĂÂĐÊÔƠƯ0123456789 ,.;:%/-()\n\"“”") + ["tỷ đồng", "tập thể", "cá nhân", "ngày ", "tháng ", "năm ",
                                                   "Huân chương", "Bằng khen", "Số: ", "đạt ", "phấn đấu "]
)
vietnamese_like = st.lists(_ALPHABET, max_size=300).map("".join)


def _check_offsets(text: str) -> None:
    ex = extract_text(text)
    for group in (ex.dates, ex.periods, ex.targets, ex.awards, ex.references):
        for item in group:
            assert ex.text[item.start : item.end] == item.text
            assert 0 <= item.start <= item.end <= len(ex.text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(vietnamese_like)
def test_extract_text_never_raises_and_offsets_point_at_the_item(text: str) -> None:
    _check_offsets(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_unicode_never_raises(text: str) -> None:
    _check_offsets(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_tone_normalization_keeps_length_and_is_idempotent(text: str) -> None:
    once = normalize_tones(text)
    assert len(once) == len(unicodedata.normalize("NFC", text))
    assert normalize_tones(once) == once


@settings(max_examples=200, deadline=None)
@given(vietnamese_like)
def test_normalized_text_is_nfc_and_stable(text: str) -> None:
    once = normalize_text(text)
    assert unicodedata.is_normalized("NFC", once)
    assert normalize_text(once) == once


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=28), st.integers(min_value=1, max_value=12),
       st.integers(min_value=1900, max_value=2099), st.sampled_from(["/", "-", "."]))
def test_every_numeric_date_is_found(day: int, month: int, year: int, sep: str) -> None:
    text = f"Nghị quyết số 42-NQ/TW ngày {day:02d}{sep}{month}{sep}{year} của Bộ Chính trị"
    assert [d.value for d in extract_text(text).dates if d.granularity == "day"] == [f"{year}-{month:02d}-{day:02d}"]


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=10**7), st.integers(min_value=0, max_value=9))
def test_every_money_amount_is_normalized(whole: int, tenth: int) -> None:
    written = f"{whole:,}".replace(",", ".") + f",{tenth}"
    ex = extract_text(f"Năm 2024 toàn ngành đã thu được {written} triệu đồng.")
    [target] = ex.targets
    assert target.unit == "đồng" and target.text == f"{written} triệu đồng"
    assert math.isclose(target.value, (whole + tenth / 10) * 1e6, rel_tol=1e-9, abs_tol=1e-6)
