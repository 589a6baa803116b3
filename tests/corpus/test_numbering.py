"""Document numbers and the next free number of an issuer's yearly series (Nghị định 30)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import Archive
from corpus.numbering import DocumentNumber, parse_number
from tests.corpus.conftest import LANG_SON, Letter


@pytest.mark.parametrize(
    ("written", "parsed"),
    [
        ("12/KH-UBND", DocumentNumber(12, None, "KH-UBND")),
        ("Số: 05/2024/QĐ-UBND", DocumentNumber(5, 2024, "QĐ-UBND")),
        ("123/UBND-VX", DocumentNumber(123, None, "UBND-VX")),
        ("7712/BYT-TĐKT", DocumentNumber(7712, None, "BYT-TĐKT")),
        ("không số", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_number(written: str | None, parsed: DocumentNumber | None) -> None:
    assert parse_number(written) == parsed


def test_symbol_codes_are_folded() -> None:
    assert DocumentNumber(45, None, "QĐ-HĐTĐKT").codes == ["qd", "hdtdkt"]


@pytest.fixture
def numbered(archive: Archive, tmp_path: Path, province_folder: Path) -> Archive:
    for path in sorted(province_folder.iterdir()):  # 15/QĐ-UBND 2023, 27/QĐ-UBND and 31/TTr-UBND 2024
        archive.add(path)
    council = Letter(
        LANG_SON, "45/QĐ-HĐTĐKT", "Lạng Sơn", 2, 6, 2024, "QUYẾT ĐỊNH", "Về việc công nhận danh hiệu",
        "Điều 1. Công nhận danh hiệu Lao động tiên tiến cho 12 cá nhân.",
    )
    archive.add(council.write(tmp_path / "council", "qd_45.txt"))
    return archive


@pytest.mark.parametrize(
    ("issuer", "unit", "year", "expected"),
    [
        ("Ủy ban nhân dân tỉnh Lạng Sơn", "UBND", 2024, 32),
        ("UỶ BAN NHÂN DÂN TỈNH LẠNG SƠN", "UBND", 2023, 16),
        ("uy ban nhan dan tinh lang son", "ubnd", 2025, 1),  # numbers start again from 01 each year
        ("Ủy ban nhân dân tỉnh Lạng Sơn", "HĐTĐKT", 2024, 46),  # a council with its own series
        ("Ủy ban nhân dân tỉnh Lạng Sơn", None, 2024, 46),
        ("Ủy ban nhân dân tỉnh Cao Bằng", "UBND", 2024, 1),
    ],
)
def test_next_number_per_issuer_unit_and_year(
    numbered: Archive, issuer: str, unit: str | None, year: int, expected: int
) -> None:
    assert numbered.next_number(issuer, unit, year) == expected
