"""Vietnamese numerals: "10.101,8" → 10101.8, "45,10" → 45.1, Roman numerals, scales."""

from __future__ import annotations

import re

#: a number as written in Vietnamese texts (and, tolerated, the English way)
NUMBER_PATTERN = r"\d{1,3}(?:[.,\u00a0 ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def parse_number(raw: str) -> float | None:
    """Parse a written number, deciding which separator is the decimal one.

    Vietnamese writes "." for thousands and "," for decimals; an English-style
    "1,234.5" is recognised when both separators occur.

    Examples:
        >>> parse_number("10.101,8"), parse_number("45,10"), parse_number("1.234")
        (10101.8, 45.1, 1234.0)
    """
    s = raw.strip().replace("\u00a0", "").replace(" ", "")
    if not s or not re.fullmatch(r"\d[\d.,]*", s):
        return None
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        s = s.replace(thousands, "").replace(decimal, ".")
    elif dots:
        groups = s.split(".")
        if dots > 1 or (len(groups[1]) == 3 and groups[0] != "0"):
            s = s.replace(".", "")
        # else a single "." followed by other than 3 digits: a decimal point ("2.5")
    elif commas:
        groups = s.split(",")
        if commas > 1 and all(len(g) == 3 for g in groups[1:]):
            s = s.replace(",", "")
        else:
            s = s.replace(",", ".")
    try:
        return float(s)
    except ValueError:
        return None


def parse_int(raw: str) -> int | None:
    """Parse a count such as "04", "1.250" or "4.288" (thousands separators only)."""
    value = parse_number(raw)
    if value is None or value != int(value):
        return None
    return int(value)


def roman_to_int(raw: str) -> int | None:
    """"IV" → 4; ``None`` when ``raw`` is not a Roman numeral."""
    s = raw.strip().upper()
    if not s or any(c not in _ROMAN for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN[c]
        total += -v if i + 1 < len(s) and _ROMAN[s[i + 1]] > v else v
    return total
