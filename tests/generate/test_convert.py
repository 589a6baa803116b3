"""PDF and page images (generate/convert.py)."""

from __future__ import annotations

import os
import stat

import pytest

from generate import ConversionError, ToolMissingError, to_pdf, to_png
from generate.convert import find_tool


def test_a_draft_becomes_a_two_page_pdf_and_a_page_one_png(drafts, soffice, pdftoppm, tmp_path):
    from pdfminer.high_level import extract_pages, extract_text

    pdf = to_pdf(drafts["cong_van"], tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert len(list(extract_pages(pdf))) == 2
    first, second = (extract_text(pdf, page_numbers=[n]) for n in (0, 1))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first and "Kính gửi:" in first
    assert first.lstrip().startswith("BẢO HIỂM") or first.lstrip().startswith("CỘNG")  # no number on page 1
    assert second.lstrip().startswith("2")  # the page number heads page 2
    assert "Nơi nhận:" in second and "Nguyễn Văn An" in second
    png = to_png(pdf, tmp_path / "page1.png", dpi=40)
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert not (tmp_path / "page1-1.png").exists()


def test_a_missing_soffice_is_a_clear_error(tmp_path, monkeypatch, drafts):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CONGVAN_SOFFICE", raising=False)
    with pytest.raises(ToolMissingError, match="soffice was not found.*libreoffice-writer"):
        to_pdf(drafts["cong_van"], tmp_path)


def test_a_missing_pdftoppm_is_a_clear_error(tmp_path, monkeypatch):
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ToolMissingError, match="poppler-utils"):
        to_png(pdf, tmp_path / "a.png")


def _fake_program(tmp_path, body: str):
    script = tmp_path / "fake-soffice"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


@pytest.mark.skipif(os.name != "posix", reason="uses a shell script as a fake soffice")
def test_a_hanging_conversion_is_stopped_at_the_time_limit(tmp_path, monkeypatch, drafts):
    monkeypatch.setenv("CONGVAN_SOFFICE", str(_fake_program(tmp_path, "sleep 5")))
    with pytest.raises(ConversionError, match="no result after 0.5 s"):
        to_pdf(drafts["cong_van"], tmp_path / "out", timeout=0.5)


@pytest.mark.skipif(os.name != "posix", reason="uses a shell script as a fake soffice")
def test_a_failing_or_silent_conversion_is_an_error(tmp_path, monkeypatch, drafts):
    monkeypatch.setenv("CONGVAN_SOFFICE", str(_fake_program(tmp_path, "echo broken >&2; exit 3")))
    with pytest.raises(ConversionError, match="exited 3: broken"):
        to_pdf(drafts["cong_van"], tmp_path / "out")
    monkeypatch.setenv("CONGVAN_SOFFICE", str(_fake_program(tmp_path, "exit 0")))
    with pytest.raises(ConversionError, match="wrote no"):
        to_pdf(drafts["cong_van"], tmp_path / "out")


def test_a_configured_soffice_that_does_not_exist_is_reported(monkeypatch):
    monkeypatch.setenv("CONGVAN_SOFFICE", "/nowhere/soffice")
    with pytest.raises(ToolMissingError, match="CONGVAN_SOFFICE"):
        find_tool("soffice")


def test_converting_a_missing_file_is_an_error(tmp_path):
    with pytest.raises(ConversionError, match="no such file"):
        to_pdf(tmp_path / "none.docx", tmp_path)
