"""Data files are validated on load: a bad record fails with its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import lexicon
from extract.awards import AwardRecord
from extract.errors import DataFileError


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(lexicon, "DATA_DIR", tmp_path)
    lexicon.load_data.cache_clear()
    yield tmp_path
    lexicon.load_data.cache_clear()


def test_a_bad_jsonl_record_names_the_file_and_line(data_dir: Path) -> None:
    (data_dir / "awards.jsonl").write_text(
        '# comment\n{"key": "giay_khen", "label": "Giấy khen", "pattern": "Giấy khen", "holder": "any"}\n'
        '{"key": "x", "label": "X", "pattern": "X", "holder": "everyone"}\n', encoding="utf-8")
    with pytest.raises(DataFileError, match=r"awards\.jsonl:3: field holder"):
        lexicon.load_jsonl("awards.jsonl", AwardRecord)


def test_invalid_json_names_the_line(data_dir: Path) -> None:
    (data_dir / "awards.jsonl").write_text('{"key": "x",\n', encoding="utf-8")
    with pytest.raises(DataFileError, match=r"awards\.jsonl:1: invalid JSON"):
        lexicon.load_jsonl("awards.jsonl", AwardRecord)


def test_invalid_yaml_names_the_line(data_dir: Path) -> None:
    (data_dir / "dates.yaml").write_text("words:\n  day: 'ngày\n  month: [\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"dates\.yaml: line \d+: invalid YAML"):
        lexicon.load_data("dates.yaml")


def test_missing_data_file(data_dir: Path) -> None:
    with pytest.raises(DataFileError, match="data file is missing"):
        lexicon.load_data("nope.yaml")


def test_the_shipped_taxonomy_loads_and_covers_every_award_key() -> None:
    records = lexicon.load_jsonl("awards.jsonl", AwardRecord)
    keys = {r.key for r in records} | {k for r in records for _rx, k in r.authority}
    assert keys >= {
        "huan_chuong_sao_vang", "huan_chuong_ho_chi_minh", "huan_chuong_doc_lap", "huan_chuong_lao_dong",
        "huan_chuong_bao_ve_to_quoc", "huan_chuong_chien_cong", "huan_chuong_dai_doan_ket_dan_toc",
        "huan_chuong_dung_cam", "huan_chuong_huu_nghi", "huan_chuong", "huy_chuong", "ky_niem_chuong",
        "co_thi_dua_chinh_phu", "co_thi_dua_cap_bo", "bang_khen_thu_tuong", "bang_khen_cap_bo", "giay_khen",
        "chien_si_thi_dua_toan_quoc", "chien_si_thi_dua_cap_bo", "chien_si_thi_dua_co_so",
        "tap_the_lao_dong_xuat_sac", "tap_the_lao_dong_tien_tien", "lao_dong_tien_tien", "anh_hung_lao_dong",
        "anh_hung_luc_luong_vu_trang", "other",
    }


def test_a_bad_pattern_names_its_file_and_field() -> None:
    compile_patterns = lexicon.compile_patterns
    with pytest.raises(DataFileError, match=r"awards\.yaml: field proposed: invalid pattern"):
        compile_patterns("awards.yaml", {"proposed": "(đề nghị"}, ["proposed"])
    with pytest.raises(DataFileError, match=r"dates\.yaml: field as_of: missing"):
        compile_patterns("dates.yaml", {}, ["as_of"])
    assert compile_patterns("x.yaml", {"a": "tặng"}, ["a"])["a"].search("được tặng")
