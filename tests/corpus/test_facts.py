"""The facts as data: awards summed, a target over time, each row linked to its documents; CSV/XLSX."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from pathlib import Path

import pytest
from openpyxl import load_workbook

from corpus import Archive, QueryError
from corpus.export import award_table, target_table, write_csv, write_xlsx
from extract.models import Extraction
from tests.corpus.conftest import LANG_SON


@pytest.fixture
def province(province_archive: Archive) -> Archive:
    return province_archive


def sums(rows) -> dict[str | None, tuple[int, int, int, int, int]]:
    return {r.key: (r.collectives, r.individuals, r.mixed, r.total, r.statements) for r in rows}


def test_awards_by_year_per_status(province: Archive) -> None:
    assert sums(province.facts_awards(by="year", status="awarded")) == {
        "2023": (4, 14, 0, 18, 2),
        "2024": (6, 20, 0, 26, 1),
    }
    assert sums(province.facts_awards(by="year", status="proposed")) == {"2024": (2, 5, 0, 7, 1)}
    assert sums(province.facts_awards(by="year")) == {"2023": (4, 14, 0, 18, 2), "2024": (8, 25, 0, 33, 2)}


def test_awards_by_award_link_their_documents(province: Archive) -> None:
    rows = {r.key: r for r in province.facts_awards(by="award")}
    merit = rows["bang_khen_cap_bo"]
    assert (merit.collectives, merit.individuals, merit.statements) == (10, 31, 2)
    assert [d.number for d in merit.documents] == ["15/QĐ-UBND", "27/QĐ-UBND"]
    assert merit.documents[0].path is not None and merit.documents[0].path.endswith("qd_2023.txt")
    assert (rows["chien_si_thi_dua_cap_bo"].individuals, rows["huan_chuong_lao_dong"].collectives) == (3, 2)


def test_awards_by_issuer(province: Archive) -> None:
    assert sums(province.facts_awards(by="issuer")) == {LANG_SON: (12, 39, 0, 51, 4)}


def test_a_target_over_time_matches_its_metric_without_diacritics(province: Archive) -> None:
    points = province.facts_targets("bao phu")
    assert [(p.year, p.value, p.unit) for p in points] == [
        (2022, 91.2, "%"),
        (2023, 93.5, "%"),
        (2024, 94.0, "%"),
        (2025, 95.0, "%"),
    ]
    assert [p.document.number for p in points] == ["15/QĐ-UBND", "27/QĐ-UBND", "31/TTr-UBND", "31/TTr-UBND"]
    assert [p.year for p in province.facts_targets("BAO PHỦ BHYT")] == [2022, 2024, 2025]
    assert province.facts_targets("bao phu bao hiem y te")[0].document.number == "27/QĐ-UBND"
    assert province.facts_targets("không có chỉ tiêu này") == []


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda a: a.facts_awards(by="month"), "by"),
        (lambda a: a.facts_awards(by="year", status="pending"), "status"),
        (lambda a: a.facts_targets("  ,  "), "metric"),
        (lambda a: a.facts_targets("bao phu", kind="plan"), "kind"),
    ],
)
def test_malformed_facts_requests_name_the_field(archive: Archive, call, field: str) -> None:
    with pytest.raises(QueryError) as caught:
        call(archive)
    assert caught.value.field == field


# -- the samples: the archive's sums equal the extractor's own statements, added up here ----------


@pytest.mark.parametrize("by", ["award", "year", "issuer"])
@pytest.mark.parametrize("status", [None, "awarded", "proposed"])
def test_sample_sums_equal_the_extracted_statements(
    sample_archive: Archive, sample_extractions: dict[Path, Extraction], by: str, status: str | None
) -> None:
    expected: dict[str | None, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    files: dict[str | None, set[str]] = defaultdict(set)
    for path, extraction in sample_extractions.items():
        year = extraction.issued_date[:4] if extraction.issued_date else None
        for award in extraction.awards:
            if status and award.status != status:
                continue
            key = {"award": award.award, "year": year, "issuer": extraction.issuer.name}[by]
            counts = expected[key]
            counts[0] += award.collectives or 0
            counts[1] += award.individuals or 0
            counts[2] += award.mixed or 0
            counts[3] += 1
            files[key].add(path.name)
    rows = sample_archive.facts_awards(by=by, status=status)  # type: ignore[arg-type]
    assert {r.key: [r.collectives, r.individuals, r.mixed, r.statements] for r in rows} == expected
    assert {r.key: {Path(d.path or "").name for d in r.documents} for r in rows} == files
    assert all(r.total == r.collectives + r.individuals + r.mixed for r in rows)


def test_sample_targets_are_those_extracted(
    sample_archive: Archive, sample_extractions: dict[Path, Extraction]
) -> None:
    expected = sorted(
        (t.value, path.name)
        for path, extraction in sample_extractions.items()
        for t in extraction.targets
        if "bhyt" in re.findall(r"\w+", t.metric.lower())
    )
    assert expected, "the samples have targets about BHYT"
    points = sample_archive.facts_targets("BHYT")
    assert sorted((p.value, Path(p.document.path or "").name) for p in points) == expected
    years = [p.year for p in points if p.year is not None]
    assert years == sorted(years)


# -- export ---------------------------------------------------------------------------------------


def test_csv_export_holds_the_rows(province: Archive) -> None:
    table = award_table(province.facts_awards(by="award"), by="award")
    buffer = io.StringIO()
    write_csv(table, buffer)
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    merit = next(r for r in rows if r["award"] == "bang_khen_cap_bo")
    assert (merit["collectives"], merit["individuals"], merit["total"]) == ("10", "31", "41")
    assert merit["documents"] == "15/QĐ-UBND (2023-03-10); 27/QĐ-UBND (2024-04-05)"
    assert merit["files"].endswith("qd_2024.txt")


def test_xlsx_export_holds_the_rows(province: Archive, tmp_path: Path) -> None:
    target = tmp_path / "bhyt.xlsx"
    write_xlsx(target_table(province.facts_targets("bao phu"), metric="bao phu"), target)
    sheet = load_workbook(target).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["year", "period", "kind", "metric", "comparator", "value"]
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    values = [(row[0], row[5]) for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert values == [(2022, 91.2), (2023, 93.5), (2024, 94), (2025, 95)]
