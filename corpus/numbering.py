"""Document numbers (số, ký hiệu) and the next free number of an issuer.

Under Nghị định 30/2020/NĐ-CP a number is the document's rank in its issuer's
series for the calendar year, from 01 each year: ``12/KH-UBND``,
``05/2024/QĐ-UBND`` (legal documents carry the year), ``123/UBND-VX``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.folding import folded_words
from corpus.store.sqlite import Store

_NUMBER = re.compile(r"^\D{0,6}?(\d{1,6})(?:/(\d{4}))?/([^\s/]+)")


@dataclass(frozen=True)
class DocumentNumber:
    """A parsed document number: ``sequence``, optional ``year``, and the symbol (ký hiệu)."""

    sequence: int
    year: int | None
    symbol: str

    @property
    def codes(self) -> list[str]:
        """The symbol's parts, folded: ``KH-UBND`` → ``["kh", "ubnd"]``."""
        return folded_words(self.symbol)


def parse_number(text: str | None) -> DocumentNumber | None:
    """Read a number like ``12/KH-UBND`` or ``Số: 05/2024/QĐ-UBND``; ``None`` when it is not one."""
    if not text:
        return None
    match = _NUMBER.match(text.strip())
    if not match:
        return None
    sequence, year, symbol = match.groups()
    return DocumentNumber(int(sequence), int(year) if year else None, symbol)


def next_number(store: Store, issuer: str, unit: str | None, year: int) -> int:
    """The next free number in ``issuer``'s series for ``year`` (1 when the series is empty).

    Args:
        store: the archive's database.
        issuer: the issuing agency as written in documents (matched without case or diacritics).
        unit: a code of the symbol that names a separate series, e.g. ``UBND`` in ``12/KH-UBND``
            or ``HĐTĐKT`` for a council with its own numbers; ``None`` counts every number.
        year: the calendar year.
    """
    issuer_key = " ".join(folded_words(issuer))
    unit_key = " ".join(folded_words(unit)) if unit else None
    rows = store.query(
        "SELECT number FROM documents WHERE issuer_folded = ? AND year = ? AND number IS NOT NULL",
        (issuer_key, year),
    )
    highest = 0
    for (raw,) in rows:
        number = parse_number(raw)
        if number is None or (unit_key is not None and f" {unit_key} " not in f" {' '.join(number.codes)} "):
            continue
        highest = max(highest, number.sequence)
    return highest + 1
