"""Numbers and dates written the Vietnamese way, for the wording templates.

Vietnamese groups thousands with "." and marks decimals with ",": 10.101,8 tỷ đồng;
46,50%. In a date written out, only days below 10 and the months 1 and 2 take a
leading zero (Nghị định 30): "ngày 05 tháng 02 năm 2026", "ngày 29 tháng 6 năm 2019".
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def significant_decimals(value: float, limit: int = 6) -> int:
    """How many decimals ``value`` needs as written (10101.8 → 1, 46.0 → 0)."""
    text = f"{Decimal(repr(float(value))):f}"
    if "." not in text:
        return 0
    return min(len(text.split(".")[1].rstrip("0")), limit)


def format_number(value: float, decimals: int | None = None) -> str:
    """Write a number with "." between thousands and "," before decimals.

    Args:
        value: the number.
        decimals: digits after the comma; None keeps as many as the value has.

    Example:
        >>> format_number(10101.8)
        '10.101,8'
    """
    if decimals is None:
        decimals = significant_decimals(value)
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = sign + ".".join(groups)
    return f"{text},{fraction}" if fraction else text


def format_percent(value: float, decimals: int = 2) -> str:
    """A percentage with two decimals by default: 46.5 → "46,50%"."""
    return f"{format_number(value, decimals)}%"


def format_quantity(value: float, unit: str, decimals: int | None = None) -> str:
    """A value with its unit: "46,50%", "10.101,8 tỷ đồng", "1.250 người".

    A percent sign sticks to the number (two decimals unless told); other units
    follow after a space.
    """
    if unit.strip() == "%":
        return format_percent(value, 2 if decimals is None else decimals)
    return f"{format_number(value, decimals)} {unit.strip()}"


def day_text(day: int) -> str:
    """A day of the month: leading zero below 10 ("05", "29")."""
    return f"{day:02d}"


def month_text(month: int) -> str:
    """A month: leading zero for January and February only ("02", "6", "12")."""
    return f"{month:02d}" if month <= 2 else str(month)


def long_date(date: dt.date) -> str:
    """"ngày 05 tháng 02 năm 2026" for 5 February 2026."""
    return f"ngày {day_text(date.day)} tháng {month_text(date.month)} năm {date.year}"


def blank_long_date(year: int, blank: str = "     ") -> str:
    """A date left for the văn thư to fill: "ngày      tháng      năm 2026"."""
    return f"ngày{blank}tháng{blank}năm {year}"


def short_date(date: dt.date) -> str:
    """"03/02/1930": the numeric form, day and month always on two digits."""
    return f"{date.day:02d}/{date.month:02d}/{date.year}"


def roman(number: int) -> str:
    """Roman numeral for section headings: 4 → "IV"."""
    if number <= 0:
        raise ValueError(f"no Roman numeral for {number}")
    out = []
    for amount, letters in _ROMAN:
        count, number = divmod(number, amount)
        out.append(letters * count)
    return "".join(out)


def point_letter(index: int) -> str:
    """Letter of the n-th point (1-based), Vietnamese alphabet order: a, b, c, d, đ, e…"""
    letters = "abcdđeghiklmnopqrstuvxy"
    if not 1 <= index <= len(letters):
        raise ValueError(f"no point letter for item {index}")
    return letters[index - 1]


def document_number(number: int | None) -> str:
    """The number in "Số: 05/…": two digits below 10, blank spaces when not yet given."""
    if number is None:
        return "     "
    return f"{number:02d}"
