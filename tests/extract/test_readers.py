"""Readers: every format by content, and a clear error for each kind of bad input."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from extract import extract_bytes, extract_file
from extract.errors import EmptyDocumentError, ReadError, TooLargeError, UnsupportedFormatError
from extract.readers import read_bytes

TEXT = "Năm 2025, toàn tỉnh đã thu được 2.350,5 tỷ đồng, đạt 101,2% kế hoạch."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_text_in_every_unicode_encoding(encoding: str) -> None:
    data = TEXT.encode(encoding)
    if encoding == "utf-16-le":
        data = data  # no BOM: detected from the NUL bytes
    ex = extract_bytes(data, name="a.txt")
    assert [(t.value, t.unit) for t in ex.targets] == [(2350500000000.0, "đồng"), (101.2, "%")]


def test_decomposed_unicode_and_old_tone_marks_are_normalized() -> None:
    import unicodedata

    data = unicodedata.normalize("NFD", "Tỷ lệ hoà nhập của tỉnh Khánh Hoà đạt 91,61% so với dân số.").encode()
    ex = extract_bytes(data, name="nfd.txt")
    assert "Khánh Hòa" in ex.text and unicodedata.is_normalized("NFC", ex.text)
    assert ex.targets[0].value == 91.61


def test_docx_header_table_in_reading_order(letter_docx: Path) -> None:
    ex = extract_file(letter_docx)
    assert (ex.kind, ex.number, ex.issued_date) == ("cong_van", "15/BHXH-TĐKT", "2026-02-05")
    assert (ex.issuer.parent, ex.issuer.name) == ("BẢO HIỂM XÃ HỘI VIỆT NAM", "BẢO HIỂM XÃ HỘI TỈNH HÀ TĨNH")
    assert ex.subject == "phát động phong trào thi đua năm 2026"
    assert ex.recipients == ["Giám đốc Bảo hiểm xã hội cơ sở"]
    assert (ex.signer.authority, ex.signer.title, ex.signer.name) == ("KT.", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An")
    assert [(a.award, a.collectives, a.individuals) for a in ex.awards] == [("bang_khen_cap_bo", 12, 30)]
    assert [t.value for t in ex.targets] == [2350500000000.0, 101.2, 46.5]


def test_docx_detected_by_content_under_a_wrong_extension(letter_docx: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "letter.txt"
    renamed.write_bytes(letter_docx.read_bytes())
    assert extract_file(renamed).number == "15/BHXH-TĐKT"


def test_pdf_with_text_layer(letter_pdf: Path) -> None:
    ex = extract_file(letter_pdf)
    assert (ex.number, ex.issued_date) == ("15/BHXH-TĐKT", "2026-02-05")
    assert [t.value for t in ex.targets] == [2350500000000.0, 101.2, 46.5]


def test_encrypted_pdf_is_refused_clearly(letter_pdf: Path, tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(letter_pdf))
    writer.encrypt(user_password="secret", owner_password="owner")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(ReadError, match=r"locked\.pdf: the PDF is encrypted"):
        extract_file(locked)


def test_pdf_without_text_layer_names_the_file(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    scan = tmp_path / "scan.pdf"
    with scan.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(EmptyDocumentError, match=r"scan\.pdf: the PDF has no text layer"):
        extract_file(scan)


HTML = """<!doctype html><html><head><title>Hội nghị tổng kết</title>
<script>var x = "12 tập thể được tặng Cờ thi đua";</script><style>p{color:red}</style></head>
<body><nav class="menu"><a href="/">Trang chủ</a> | 99% khách hàng</nav>
<article><h1>Hội nghị tổng kết năm 2024</h1>
<p>Năm 2024, toàn tỉnh đã thu được <b>5.120</b> tỷ đồng, đạt 102,5% kế hoạch.</p>
<!-- 77% comment --><p>Có 8 tập thể, 21 cá nhân được tặng Bằng khen của Bộ trưởng.</p></article>
<footer>Điện thoại: 0436 281 539 - 100% bản quyền</footer></body></html>"""


def test_html_keeps_paragraphs_and_drops_scripts_menus_comments() -> None:
    ex = extract_bytes(HTML.encode(), name="news.html")
    assert "var x" not in ex.text and "Trang chủ" not in ex.text and "77%" not in ex.text
    assert [(t.value, t.unit) for t in ex.targets] == [(5120000000000.0, "đồng"), (102.5, "%")]
    assert [(a.award, a.collectives, a.individuals) for a in ex.awards] == [("bang_khen_cap_bo", 8, 21)]


BAD = [
    (b"", "empty.txt", EmptyDocumentError, "file is empty"),
    (b"   \n\n ", "blank.txt", EmptyDocumentError, "file is empty"),
    (bytes(range(256)) * 20, "random.bin", UnsupportedFormatError, "not a document congvan reads"),
    (b"PK\x03\x04 this is not really a zip", "broken.docx", ReadError, "not a valid .docx"),
    (b"%PDF-1.4\n garbage garbage", "broken.pdf", ReadError, "PDF"),
    (b"\xff\xd8\xff\xe0" + b"\x00\x10JFIF" * 50, "photo.jpg", UnsupportedFormatError, "not a document"),
]


@pytest.mark.parametrize(("data", "name", "error", "reason"), BAD)
def test_bad_input_names_the_file_and_the_reason(data: bytes, name: str, error: type, reason: str) -> None:
    with pytest.raises(error) as info:
        extract_bytes(data, name=name)
    assert str(info.value).startswith(f"{name}: ") and reason in str(info.value)


def test_zip_that_is_not_a_docx_is_refused() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "xin chào")
    with pytest.raises(UnsupportedFormatError, match="archive.zip"):
        extract_bytes(buf.getvalue(), name="archive.zip")


def test_size_limit() -> None:
    with pytest.raises(TooLargeError, match=r"big\.txt: file is 2,000 bytes, over the limit of 1,000"):
        read_bytes(b"a" * 2000, name="big.txt", max_bytes=1000)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        extract_file(tmp_path / "nope.txt")
    with pytest.raises(ReadError, match="is a directory"):
        extract_file(tmp_path)


def test_undecodable_text_is_a_clear_error() -> None:
    with pytest.raises((ReadError, UnsupportedFormatError), match="bad.txt"):
        extract_bytes(b"\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a" * 50 + b"\x00\x01\x02" * 200, name="bad.txt")


def test_docx_with_an_empty_content_types_part_is_a_clear_error(letter_docx: Path) -> None:
    broken = io.BytesIO()
    with zipfile.ZipFile(letter_docx) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, b"<Types/>" if item.filename == "[Content_Types].xml" else data)
    with pytest.raises(ReadError, match=r"empty_types\.docx: not a valid \.docx"):
        extract_bytes(broken.getvalue(), name="empty_types.docx")
