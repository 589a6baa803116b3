"""The archive's commands, run through a Typer app built with ``archive_cmd.register``."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest
import typer
from openpyxl import load_workbook
from typer.testing import CliRunner

from corpus import Archive, get_settings
from service.cli import archive_cmd


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    built = typer.Typer()
    archive_cmd.register(built)
    return built


@pytest.fixture
def run(app: typer.Typer):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return invoke


@pytest.fixture
def indexed(run, province_folder: Path) -> Path:
    """The three letters, indexed by the command into this test's own archive."""
    result = run("index", province_folder, "--workers", "1", "--json")
    assert result.exit_code == 0, result.output
    return province_folder


@pytest.fixture
def shared(province_archive: Archive, monkeypatch: pytest.MonkeyPatch) -> Archive:
    """The session's archive of the three letters, for commands that only read."""
    monkeypatch.setenv("CONGVAN_DATABASE_URL", province_archive.settings.database_url)
    get_settings.cache_clear()
    return province_archive


def test_index_prints_a_json_summary(indexed: Path, run) -> None:
    again = run("index", indexed, "--workers", "1", "--json")
    report = json.loads(again.stdout)
    assert again.exit_code == 0
    assert (report["files"], report["stored"], report["duplicates"], report["failed"]) == (3, 0, 3, 0)


def test_index_lists_failures_and_exits_3(run, province_folder: Path, tmp_path: Path) -> None:
    (province_folder / "empty.txt").write_bytes(b"")
    result = run("index", province_folder, "--workers", "1")
    assert result.exit_code == 3
    assert "3 stored" in result.stdout and "1 failed" in result.stdout
    assert "empty.txt" in result.stdout and "file is empty" in result.stdout
    (province_folder / "empty.txt").write_text(
        (province_folder / "qd_2024.txt").read_text(encoding="utf-8").replace("27/", "29/"), encoding="utf-8"
    )
    retried = run("index", province_folder, "--retry-failed", "--workers", "1", "--json")
    report = json.loads(retried.stdout)  # one summary for the retry and the run
    assert retried.exit_code == 0
    assert (report["files"], report["stored"], report["duplicates"], report["failed"]) == (5, 1, 4, 0)


def test_index_refuses_missing_paths_and_no_paths(run, tmp_path: Path) -> None:
    missing = run("index", tmp_path / "nowhere")
    assert missing.exit_code == 1 and "no such file or folder" in missing.stderr
    nothing = run("index")
    assert nothing.exit_code == 2 and "--retry-failed" in nothing.stderr


def test_search_as_json_and_as_a_list(shared: Archive, run) -> None:
    result = run("search", "huan chuong lao dong", "--format", "json")
    data = json.loads(result.stdout)
    assert data["total"] == 1 and data["hits"][0]["document"]["number"] == "31/TTr-UBND"
    assert data["facets"]["kind"] == [{"value": "to_trinh", "count": 1}]
    listed = run("search", "bang khen", "--kind", "quyet_dinh", "--from", "2024", "--to", "2024-12-31")
    assert listed.exit_code == 0
    assert "27/QĐ-UBND" in listed.stdout and "15/QĐ-UBND" not in listed.stdout
    assert "1 documents match" in listed.stdout


def test_search_names_a_bad_option(shared: Archive, run) -> None:
    result = run("search", "thi dua", "--from", "tháng trước")
    assert result.exit_code == 1 and "from:" in result.stderr


def test_facts_awards_as_table_csv_and_xlsx(shared: Archive, run, tmp_path: Path) -> None:
    table = run("facts", "awards", "--by", "award", "--status", "awarded")
    assert table.exit_code == 0 and "bang_khen_cap_bo" in table.stdout
    assert "huan_chuong_lao_dong" not in table.stdout  # only proposed
    out = tmp_path / "awards.csv"
    assert run("facts", "awards", "--by", "year", "--format", "csv", "-o", out).exit_code == 0
    with out.open(encoding="utf-8-sig") as handle:
        rows = {r["year"]: r for r in csv.DictReader(handle)}
    assert (rows["2023"]["total"], rows["2024"]["total"]) == ("18", "33")
    book = tmp_path / "awards.xlsx"
    assert run("facts", "awards", "--by", "issuer", "--format", "xlsx", "-o", book).exit_code == 0
    sheet = load_workbook(book).active
    assert sheet is not None and sheet["A2"].value == "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"


def test_facts_targets_and_xlsx_needs_a_file(shared: Archive, run) -> None:
    result = run("facts", "targets", "--metric", "bao phu", "--format", "csv")
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert [(r["year"], r["value"]) for r in rows] == [("2022", "91.2"), ("2023", "93.5"), ("2024", "94.0"), ("2025", "95.0")]
    no_file = run("facts", "targets", "--metric", "bao phu", "--format", "xlsx")
    assert no_file.exit_code == 2 and "-o FILE.xlsx" in no_file.stderr


def test_reindex(shared: Archive, run) -> None:
    result = run("reindex")
    assert result.exit_code == 0 and "indexed 3 documents" in result.stdout


def test_a_locked_database_is_reported_in_one_line(indexed: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONGVAN_BUSY_TIMEOUT", "0.2")
    get_settings.cache_clear()
    database = Path(get_settings().database_url.removeprefix("sqlite:///"))
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        (indexed / "new.txt").write_text("Kế hoạch thi đua năm 2025 của Sở Nội vụ.", encoding="utf-8")
        result = run("index", indexed, "--workers", "1")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 1
    assert "locked by another process" in result.stderr and str(database) in result.stderr
    assert "Traceback" not in result.output
