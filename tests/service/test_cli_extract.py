"""`congvan extract` and `congvan eval`, run as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli import app
from tests.conftest import ROOT, SAMPLES

runner = CliRunner()
LETTER = "BỘ Y TẾ\nSố: 25/KH-BYT\nHà Nội, ngày 10 tháng 01 năm 2026\nKẾ HOẠCH\nThi đua năm 2026\nPhấn đấu đạt 95% kế hoạch."


@pytest.fixture
def two_files(tmp_path: Path) -> list[Path]:
    good = tmp_path / "ke_hoach.txt"
    good.write_text(LETTER, encoding="utf-8")
    news = tmp_path / "tin.txt"
    news.write_text("Có 12 tập thể được tặng Cờ thi đua của BHXH Việt Nam. " * 8, encoding="utf-8")
    return [good, news]


def test_jsonl_one_object_per_input_in_order_with_source_as_given(two_files: list[Path]) -> None:
    result = runner.invoke(app, ["extract", "--format", "jsonl", *map(str, two_files)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["source"] for d in lines] == [str(p) for p in two_files]
    assert (lines[0]["kind"], lines[0]["number"], lines[0]["issued_date"]) == ("ke_hoach", "25/KH-BYT", "2026-01-10")
    assert lines[1]["awards"][0]["collectives"] == 12


def test_one_bad_file_fails_alone_with_exit_1(two_files: list[Path], tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = runner.invoke(app, ["extract", "--format", "jsonl", str(two_files[0]), str(bad), str(two_files[1])])
    assert result.exit_code == 1
    assert f"{bad}: file is empty" in result.stderr
    assert "Traceback" not in result.stderr
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [str(two_files[0]), str(two_files[1])]


def test_json_csv_and_table_formats(two_files: list[Path]) -> None:
    as_json = runner.invoke(app, ["extract", "--format", "json", str(two_files[0])])
    assert json.loads(as_json.stdout)[0]["targets"][0]["value"] == 95.0
    as_csv = runner.invoke(app, ["extract", "--format", "csv", str(two_files[0])])
    rows = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert rows[0][:3] == ["source", "field", "text"]
    assert ["target", "95%", "95.0", "%", "target"] == [rows[-1][1], rows[-1][2], rows[-1][5], rows[-1][6], rows[-1][7]]
    as_table = runner.invoke(app, ["extract", str(two_files[0])])
    assert "25/KH-BYT" in as_table.stdout and "95%" in as_table.stdout


def test_csv_and_xlsx_cells_that_look_like_formulas_are_neutralized() -> None:
    from openpyxl import load_workbook

    from extract import extract_text
    from service.exports import extraction_rows, extraction_xlsx

    ex = extract_text("Năm 2025 toàn tỉnh đã thu được 5 tỷ đồng.", source="=cmd|' /C calc'!A0")
    ex.targets[0].metric = "+SUM(A1:A9)"
    rows = list(extraction_rows(ex))
    assert rows[-1][0] == "'=cmd|' /C calc'!A0" and rows[-1][-1] == "'+SUM(A1:A9)"
    sheet = load_workbook(io.BytesIO(extraction_xlsx([ex])))["items"]
    cells = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "'+SUM(A1:A9)" in cells
    assert not any(c.startswith(("=", "+", "@")) for c in cells)


def test_eval_scores_the_project_samples() -> None:
    result = runner.invoke(app, ["eval", str(SAMPLES)])
    assert result.exit_code == 0, result.output
    summary = result.stdout.strip().splitlines()[-1]
    scores = {k: float(v) for k, v in re.findall(r"(\w+) F1=([\d.]+)", summary)}
    assert set(scores) == {"dates", "targets", "awards"}
    assert all(v >= 0.95 for v in scores.values()), summary
    assert "meta acc=1.00/1.00/1.00" in summary


def test_eval_rejects_a_folder_without_gold(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", str(tmp_path)])
    assert result.exit_code == 2 and "no NAME.txt + NAME.gold.json pairs" in result.stderr


def test_console_script_runs_in_a_subprocess(two_files: list[Path]) -> None:
    exe = Path(sys.executable).with_name("congvan")
    proc = subprocess.run([str(exe), "extract", "--format", "jsonl", str(two_files[0])],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["number"] == "25/KH-BYT"
