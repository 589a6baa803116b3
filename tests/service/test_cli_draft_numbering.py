"""`congvan draft` takes the next free number from the archive when the input has none."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from corpus import Archive
from corpus.settings import Settings, get_settings
from extract import extract_file
from service.cli import app
from tests.conftest import SAMPLES

LETTER = """BẢO HIỂM XÃ HỘI VIỆT NAM
BẢO HIỂM XÃ HỘI TỈNH HÀ TĨNH
Số: 14/BHXH-TĐKT
V/v hướng dẫn bình xét thi đua
Hà Tĩnh, ngày 20 tháng 01 năm 2026
Kính gửi: Giám đốc Bảo hiểm xã hội cơ sở.
Phấn đấu đạt 95% kế hoạch.
"""


@pytest.fixture
def archive_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    url = f"sqlite:///{tmp_path / 'congvan.db'}"
    monkeypatch.setenv("CONGVAN_DATABASE_URL", url)
    get_settings.cache_clear()
    letter = tmp_path / "cv14.txt"
    letter.write_text(LETTER, encoding="utf-8")
    with Archive(Settings(database_url=url)) as archive:
        archive.add(letter)
    yield tmp_path
    get_settings.cache_clear()


def _input_without_number(tmp_path: Path) -> Path:
    data = yaml.safe_load((SAMPLES / "drafts" / "cong_van_phat_dong.yaml").read_text(encoding="utf-8"))
    data.pop("number", None)
    path = tmp_path / "input.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_draft_without_number_takes_the_next_one_of_its_issuer(archive_env: Path) -> None:
    out = archive_env / "cv.docx"
    result = CliRunner().invoke(app, ["draft", str(_input_without_number(archive_env)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "number 15 allocated" in result.stdout
    assert extract_file(out).number == "15/BHXH-TĐKT"


def test_without_an_archive_the_number_is_left_blank(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONGVAN_DATABASE_URL", f"sqlite:///{tmp_path / 'none' / 'congvan.db'}")
    get_settings.cache_clear()
    out = tmp_path / "cv.docx"
    result = CliRunner().invoke(app, ["draft", str(_input_without_number(tmp_path)), "-o", str(out)])
    get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert extract_file(out).number is None
    assert not (tmp_path / "none").exists()
