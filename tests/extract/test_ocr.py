"""OCR: scanned letters made from the samples (LibreOffice → pdftoppm → rotation and speckles),
read back and scored against the samples' gold with the same scorer as the text."""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter

from extract import extract_bytes, extract_file
from extract.errors import (
    CorruptImageError,
    EmptyDocumentError,
    OcrTimeoutError,
    OcrUnavailableError,
    ReadError,
)
from extract.evaluate import FIELDS, score
from extract.models import Extraction
from tests.conftest import SAMPLES, require_tool
from tests.extract import scanmaker

#: a letter with a two-column header and signature block, a notice over two pages, a news article
LETTERS = ("01_cong_van_bhxh_tinh_phat_dong", "16_thong_bao_ket_qua_binh_xet_thi_dua",
           "20_tin_bai_le_don_nhan_huan_chuong_lao_dong")


@dataclass
class Scans:
    """The scanned versions of :data:`LETTERS`, and where their gold lives."""

    gold_dir: Path
    pdfs: dict[str, Path]        # image-only PDFs, every page turned ±1.2° and speckled
    pages: dict[str, list[Image.Image]]
    text_pdf: Path               # the first letter with its text layer (LibreOffice's PDF)


@pytest.fixture(scope="module")
def scans(tmp_path_factory: pytest.TempPathFactory) -> Scans:
    soffice, pdftoppm = require_tool("soffice"), require_tool("pdftoppm")
    require_tool("tesseract")
    root = tmp_path_factory.mktemp("scans")
    gold = root / "gold"
    gold.mkdir()
    pdfs, pages, text_pdf = {}, {}, None
    for n, name in enumerate(LETTERS):
        text = (SAMPLES / f"{name}.txt").read_text(encoding="utf-8")
        shutil.copy(SAMPLES / f"{name}.txt", gold)
        shutil.copy(SAMPLES / f"{name}.gold.json", gold)
        pdf = scanmaker.to_pdf(soffice, scanmaker.letter_docx(text, root / f"{name}.docx"), root / "pdf")
        text_pdf = text_pdf or pdf
        images = scanmaker.to_images(pdftoppm, pdf, root / "png" / name)
        pages[name] = [scanmaker.degrade(Image.open(p), angle=1.2 if (n + i) % 2 else -1.2, noise=0.004, seed=i)
                       for i, p in enumerate(images)]
        pdfs[name] = scanmaker.save_pdf(pages[name], root / f"{name}.scan.pdf")
    assert text_pdf is not None
    return Scans(gold, pdfs, pages, text_pdf)


@pytest.fixture(scope="module")
def read_scans(scans: Scans) -> dict[str, Extraction]:
    """Each scanned PDF extracted once (OCR is the slow part of these tests)."""
    return {name: extract_file(path) for name, path in scans.pdfs.items()}


def test_scanned_pdfs_score_at_least_nine_tenths_of_the_text(scans: Scans, read_scans: dict[str, Extraction]) -> None:
    ocr = score(scans.gold_dir, lambda case: read_scans[case.stem].model_dump(mode="json"))
    text = score(scans.gold_dir, lambda case: extract_file(case).model_dump(mode="json"))
    for field in FIELDS:
        assert ocr.totals(field)[2] >= 0.9 * text.totals(field)[2], (field, ocr.summary(), text.summary())


def test_scanned_letter_keeps_header_and_signature_columns_apart(read_scans: dict[str, Extraction]) -> None:
    ex = read_scans[LETTERS[0]]
    assert (ex.kind, ex.number, ex.issued_date, ex.place) == ("cong_van", "215/BHXH-VP", "2026-02-05", "Nghệ An")
    assert (ex.issuer.parent, ex.issuer.name) == ("BẢO HIỂM XÃ HỘI VIỆT NAM", "BẢO HIỂM XÃ HỘI TỈNH NGHỆ AN")
    assert ex.subject == "phát động phong trào thi đua yêu nước năm 2026"
    assert (ex.signer.authority, ex.signer.title, ex.signer.name) == ("KT.", "PHÓ GIÁM ĐỐC", "Hoàng Thị Minh Nguyệt")
    lines = ex.text.splitlines()
    assert lines.index("BẢO HIỂM XÃ HỘI TỈNH NGHỆ AN") < lines.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")


def test_extraction_says_which_pages_were_ocrd_and_how_surely(scans: Scans,
                                                           read_scans: dict[str, Extraction]) -> None:
    ex = read_scans[LETTERS[1]]
    assert ex.ocr is not None
    assert [p.page for p in ex.ocr.pages] == list(range(1, len(scans.pages[LETTERS[1]]) + 1))
    assert ex.ocr.engine.startswith("tesseract ") and ex.ocr.engine.endswith("(vie)")
    assert 80 <= ex.ocr.mean_confidence <= 100
    assert not any("tone marks" in w for w in ex.warnings)


def test_multipage_tiff_and_png_images(scans: Scans, tmp_path: Path) -> None:
    pages = scans.pages[LETTERS[1]]
    tiff = scanmaker.save_tiff(pages, tmp_path / "notice.tiff")
    from_tiff = extract_file(tiff)
    assert from_tiff.ocr is not None and [p.page for p in from_tiff.ocr.pages] == [1, 2]
    assert from_tiff.number == "18/TB-BHXH"
    png = tmp_path / "page1.png"
    pages[0].save(png)
    from_png = extract_bytes(png.read_bytes(), name="page1.png")
    assert from_png.number == "18/TB-BHXH" and from_png.issued_date == "2026-01-12"
    jpeg = io.BytesIO()
    pages[0].save(jpeg, "JPEG", quality=85)
    assert extract_bytes(jpeg.getvalue(), name="scan.jpg").number == "18/TB-BHXH"


def test_mixed_pdf_keeps_its_text_layer_pages(scans: Scans, tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_page(PdfReader(scans.text_pdf).pages[0])
    writer.add_page(PdfReader(scans.pdfs[LETTERS[0]]).pages[1])
    mixed = tmp_path / "mixed.pdf"
    with mixed.open("wb") as fh:
        writer.write(fh)
    ex = extract_file(mixed)
    assert ex.ocr is not None and [p.page for p in ex.ocr.pages] == [2]
    assert ex.number == "215/BHXH-VP" and ex.signer.name == "Hoàng Thị Minh Nguyệt"


def test_mixed_pdf_without_tesseract_keeps_its_text_and_says_what_it_left_out(
        scans: Scans, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writer = PdfWriter()
    writer.add_page(PdfReader(scans.text_pdf).pages[0])
    writer.add_page(PdfReader(scans.pdfs[LETTERS[0]]).pages[1])
    mixed = tmp_path / "mixed.pdf"
    with mixed.open("wb") as fh:
        writer.write(fh)
    monkeypatch.setenv("CONGVAN_TESSERACT", "/nonexistent/tesseract")
    ex = extract_file(mixed)
    assert ex.number == "215/BHXH-VP" and ex.ocr is None
    assert any(w.startswith("page 2 looks scanned and was left out") and "Tesseract is not installed" in w for w in ex.warnings)


# -- errors, each naming the file -----------------------------------------------------------------

def _png(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "PNG")
    return buf.getvalue()


def test_corrupt_image_names_the_file() -> None:
    data = _png(Image.new("L", (400, 300), 255))
    with pytest.raises(CorruptImageError, match=r"^torn\.png: .*damaged or truncated PNG image"):
        extract_bytes(data[: len(data) // 2], name="torn.png")


def test_blank_scan_has_no_text() -> None:
    with pytest.raises(EmptyDocumentError, match=r"^blank\.png: no text found"):
        extract_bytes(_png(Image.new("L", (1240, 1754), 255)), name="blank.png")


def test_pdf_with_no_pages_names_the_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    with empty.open("wb") as fh:
        PdfWriter().write(fh)
    with pytest.raises(ReadError, match=r"empty\.pdf: the PDF has no pages"):
        extract_file(empty)


def test_encrypted_scan_names_the_file(scans: Scans, tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(scans.pdfs[LETTERS[2]]))
    writer.encrypt(user_password="secret", owner_password="owner")
    locked = tmp_path / "locked-scan.pdf"
    with locked.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(ReadError, match=r"locked-scan\.pdf: the PDF is encrypted"):
        extract_file(locked)


def test_ocr_over_the_time_limit_names_the_file(scans: Scans, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONGVAN_OCR_TIMEOUT", "0.01")
    with pytest.raises(OcrTimeoutError, match=r"slow\.png: OCR of page 1 took longer than the limit of 0\.01 s"):
        extract_bytes(_png(scans.pages[LETTERS[2]][0]), name="slow.png")


def test_missing_tesseract_names_the_file(scans: Scans, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONGVAN_TESSERACT", "/nonexistent/tesseract")
    with pytest.raises(OcrUnavailableError, match=r"scan\.png: this document needs OCR, but Tesseract is not installed"):
        extract_bytes(_png(scans.pages[LETTERS[2]][0]), name="scan.png")


def test_missing_vietnamese_data_names_the_file(scans: Scans, monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))  # a data folder without vie.traineddata
    with pytest.raises(OcrUnavailableError, match=r"scan\.png: .*no trained data for 'vie'.*tesseract-ocr-vie"):
        extract_bytes(_png(scans.pages[LETTERS[2]][0]), name="scan.png")
