"""Fixtures of the extraction tests: documents in every format, made by the tests."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from docx import Document

from tests.conftest import require_tool

HEADER = [
    (["BẢO HIỂM XÃ HỘI VIỆT NAM", "BẢO HIỂM XÃ HỘI TỈNH HÀ TĨNH"],
     ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]),
    (["Số: 15/BHXH-TĐKT", "V/v phát động phong trào thi đua năm 2026"], ["Hà Tĩnh, ngày 05 tháng 02 năm 2026"]),
]
BODY = [
    "Kính gửi: Giám đốc Bảo hiểm xã hội cơ sở.",
    "Năm 2025, toàn tỉnh đã thu được 2.350,5 tỷ đồng, đạt 101,2% kế hoạch; 12 tập thể và 30 cá nhân được tặng "
    "Bằng khen của BHXH Việt Nam.",
    "Năm 2026, phấn đấu đạt 46,50% lực lượng lao động trong độ tuổi tham gia BHXH.",
]


def make_docx(path: Path) -> Path:
    """A công văn laid out as Word users make them: a two-column header table."""
    doc = Document()
    table = doc.add_table(rows=2, cols=2)
    for r, (left, right) in enumerate(HEADER):
        for c, lines in enumerate((left, right)):
            cell = table.cell(r, c)
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    for para in BODY:
        doc.add_paragraph(para)
    sign = doc.add_table(rows=1, cols=2)
    sign.cell(0, 0).text = "Nơi nhận:"
    sign.cell(0, 0).add_paragraph("- Như trên;")
    sign.cell(0, 0).add_paragraph("- Lưu: VT, TĐKT.")
    sign.cell(0, 1).text = "KT. GIÁM ĐỐC"
    sign.cell(0, 1).add_paragraph("PHÓ GIÁM ĐỐC")
    sign.cell(0, 1).add_paragraph("Nguyễn Văn An")
    doc.save(path)
    return path


@pytest.fixture
def letter_docx(tmp_path: Path) -> Path:
    return make_docx(tmp_path / "cong_van.docx")


@pytest.fixture
def letter_pdf(tmp_path: Path) -> Path:
    """The same letter as a PDF with a text layer, made by LibreOffice."""
    soffice = require_tool("soffice")
    src = make_docx(tmp_path / "cong_van.docx")
    out = tmp_path / "pdf"
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(src)],
                   check=True, capture_output=True, timeout=180)
    return out / "cong_van.pdf"
