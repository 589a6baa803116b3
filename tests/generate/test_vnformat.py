"""Vietnamese numbers and dates (generate/vnformat.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from generate import vnformat


@pytest.mark.parametrize(("value", "decimals", "text"), [
    (10101.8, None, "10.101,8"),
    (46.5, 2, "46,50"),
    (1250000, None, "1.250.000"),
    (0.5, None, "0,5"),
    (999, None, "999"),
    (1000, None, "1.000"),
    (2.675, 2, "2,68"),      # half up, not banker's rounding
    (12500.0, None, "12.500"),
    (-1234.5, 1, "-1.234,5"),
    (98.456, 1, "98,5"),
])
def test_numbers_group_thousands_with_dots_and_decimals_with_a_comma(value, decimals, text):
    assert vnformat.format_number(value, decimals) == text


@pytest.mark.parametrize(("value", "unit", "decimals", "text"), [
    (46.5, "%", None, "46,50%"),
    (100, "%", 0, "100%"),
    (10101.8, "tỷ đồng", None, "10.101,8 tỷ đồng"),
    (12500, "người", None, "12.500 người"),
    (1.25, " tỷ đồng ", None, "1,25 tỷ đồng"),
])
def test_quantities_put_the_percent_sign_on_the_number_and_other_units_after_a_space(value, unit, decimals, text):
    assert vnformat.format_quantity(value, unit, decimals) == text


@pytest.mark.parametrize(("date", "text"), [
    (dt.date(2026, 2, 5), "ngày 05 tháng 02 năm 2026"),
    (dt.date(2020, 1, 5), "ngày 05 tháng 01 năm 2020"),
    (dt.date(2019, 6, 29), "ngày 29 tháng 6 năm 2019"),
    (dt.date(2025, 12, 31), "ngày 31 tháng 12 năm 2025"),
    (dt.date(2025, 3, 9), "ngày 09 tháng 3 năm 2025"),
    (dt.date(2025, 10, 10), "ngày 10 tháng 10 năm 2025"),
])
def test_long_dates_pad_only_days_below_10_and_months_1_and_2(date, text):
    assert vnformat.long_date(date) == text


def test_short_dates_always_have_two_digit_days_and_months():
    assert vnformat.short_date(dt.date(1930, 2, 3)) == "03/02/1930"
    assert vnformat.short_date(dt.date(1975, 4, 30)) == "30/04/1975"


def test_a_blank_date_leaves_day_and_month_for_the_van_thu():
    assert vnformat.blank_long_date(2026) == "ngày     tháng     năm 2026"


@pytest.mark.parametrize(("number", "numeral"), [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL")])
def test_roman_numerals(number, numeral):
    assert vnformat.roman(number) == numeral


def test_point_letters_follow_the_vietnamese_alphabet():
    assert [vnformat.point_letter(i) for i in range(1, 8)] == ["a", "b", "c", "d", "đ", "e", "g"]


@pytest.mark.parametrize("bad", [0, -3])
def test_roman_refuses_non_positive_numbers(bad):
    with pytest.raises(ValueError):
        vnformat.roman(bad)


@pytest.mark.parametrize(("number", "text"), [(5, "05"), (15, "15"), (148, "148"), (None, "     ")])
def test_document_numbers_below_10_take_a_leading_zero(number, text):
    assert vnformat.document_number(number) == text
