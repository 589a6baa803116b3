"""Dates as sortable integer keys (``20250121``) for filters and facts.

A date written to the month has day ``00`` (``202501 00``), to the year has month
and day ``00``; an upper bound fills the missing parts with ``99`` so that
``--to 2025`` keeps every date of 2025.
"""

from __future__ import annotations

import re

from corpus.errors import QueryError

_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_DMY = re.compile(r"(?:(\d{1,2})[/.-])?(\d{1,2})[/.-](\d{4})")


def _key(year: int, month: int | None, day: int | None, *, upper: bool) -> int:
    fill = 99 if upper else 0
    return year * 10_000 + (month if month is not None else fill) * 100 + (day if day is not None else fill)


def date_key(value: str | None, *, upper: bool = False) -> int | None:
    """The key of an ISO-like date (``2025-01-21``, ``2025-01``, ``2025``), or ``None``.

    Quarter and half values (``2025-Q1``) count as their year.
    """
    if not value:
        return None
    match = _ISO.match(value)
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    return _key(year, month, day, upper=upper)


def year_of(value: str | None) -> int | None:
    """The year of an ISO-like date or period (``2021-2025`` → 2021), or ``None``."""
    if not value:
        return None
    match = re.match(r"(\d{4})\b", value)
    return int(match.group(1)) if match else None


def parse_user_date(value: str, *, field: str, upper: bool) -> int:
    """Read a date typed by a user: ``2025``, ``2025-03``, ``2025-03-05``, ``5/3/2025`` or ``3/2025``.

    Raises:
        QueryError: naming ``field`` when the value is not a date.
    """
    text = value.strip()
    iso = _ISO.fullmatch(text)
    if iso:
        year, month, day = (int(g) if g else None for g in iso.groups())
    else:
        dmy = _DMY.fullmatch(text)
        if not dmy:
            raise QueryError(field, f"{value!r} is not a date (use 2025, 2025-03, 2025-03-05 or 5/3/2025)")
        day_s, month_s, year_s = dmy.groups()
        year, month, day = int(year_s), int(month_s), (int(day_s) if day_s else None)
    assert year is not None
    if month is not None and not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
        raise QueryError(field, f"{value!r} is not a valid date")
    return _key(year, month, day, upper=upper)
