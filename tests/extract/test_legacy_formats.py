"""Legacy word-processor files (.doc, .rtf, .odt) read through LibreOffice headless."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document

from extract import extract_bytes, extract_file
from extract.errors import ConversionError, ConverterUnavailableError
from extract.readers import detect_format
from extract.readers.legacy_encodings import encode_view
from tests.conftest import require_tool
from tests.extract.scanmaker import convert


@pytest.fixture(scope="module")
def legacy_letters(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The test letter of conftest as .odt, then .doc and .rtf, made by LibreOffice.

    The .doc and .rtf are written from the .odt: LibreOffice's .doc export drops the
    borderless tables of a python-docx file (no column grid) when it starts from the .docx.
    """
    from tests.extract.conftest import make_docx

    soffice = require_tool("soffice")
    root = tmp_path_factory.mktemp("legacy")
    odt = convert(soffice, make_docx(root / "cong_van.docx"), "odt", root / "odt")
    return {"odt": odt, **{fmt: convert(soffice, odt, fmt, root / fmt) for fmt in ("doc", "rtf")}}


@pytest.mark.parametrize("fmt", ["doc", "rtf", "odt"])
def test_legacy_files_read_like_the_docx(legacy_letters: dict[str, Path], fmt: str, tmp_path: Path) -> None:
    path = legacy_letters[fmt]
    assert detect_format(path.read_bytes(), "") == fmt
    renamed = tmp_path / "letter.bin"  # detected by content, not by name
    renamed.write_bytes(path.read_bytes())
    ex = extract_file(renamed)
    assert (ex.kind, ex.number, ex.issued_date) == ("cong_van", "15/BHXH-TĐKT", "2026-02-05")
    assert (ex.issuer.parent, ex.issuer.name) == ("BẢO HIỂM XÃ HỘI VIỆT NAM", "BẢO HIỂM XÃ HỘI TỈNH HÀ TĨNH")
    assert (ex.signer.authority, ex.signer.title, ex.signer.name) == ("KT.", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An")
    assert [t.value for t in ex.targets] == [2350500000000.0, 101.2, 46.5]
    assert [(a.award, a.collectives, a.individuals) for a in ex.awards] == [("bang_khen_cap_bo", 12, 30)]


def test_a_word_97_file_in_vntime_is_converted(tmp_path: Path) -> None:
    soffice = require_tool("soffice")
    doc = Document()
    doc.add_paragraph().add_run(encode_view("cộng hòa xã hội chủ nghĩa việt nam", "tcvn3", upper=True)).font.name = \
        ".VnTimeH"
    doc.add_paragraph().add_run(encode_view("Năm 2025 có 12 tập thể được tặng Cờ thi đua của BHXH Việt Nam.",
                                            "tcvn3")).font.name = ".VnTime"
    source = tmp_path / "old.docx"
    doc.save(source)
    ex = extract_file(convert(soffice, source, "doc", tmp_path / "doc"))
    assert ex.text.splitlines()[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                        "Năm 2025 có 12 tập thể được tặng Cờ thi đua của BHXH Việt Nam."]
    assert ex.awards[0].collectives == 12


def test_a_damaged_doc_names_the_file() -> None:
    require_tool("soffice")
    damaged = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + "WordDocument".encode("utf-16-le") + b"\xff" * 2000
    with pytest.raises(ConversionError, match=r"^broken\.doc: LibreOffice could not convert this \.doc file"):
        extract_bytes(damaged, name="broken.doc")


def test_conversion_over_the_time_limit_names_the_file(legacy_letters: dict[str, Path],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONGVAN_CONVERT_TIMEOUT", "0.05")
    with pytest.raises(ConversionError, match=r"^slow\.rtf: LibreOffice took longer than the limit of 0\.05 s"):
        extract_bytes(legacy_letters["rtf"].read_bytes(), name="slow.rtf")


def test_missing_libreoffice_names_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONGVAN_SOFFICE", "/nonexistent/soffice")
    with pytest.raises(ConverterUnavailableError, match=r"^old\.rtf: this legacy document needs LibreOffice"):
        extract_bytes(b"{\\rtf1\\ansi Nam 2025}", name="old.rtf")


@pytest.mark.parametrize(("data", "fmt"), [
    (b"{\\rtf1\\ansi\\deff0 hello}", "rtf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, None),  # a compound file that is not Word (.xls)
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "image"),
    (b"II*\x00" + b"\x00" * 40, "image"),
])
def test_formats_are_detected_by_content(data: bytes, fmt: str | None) -> None:
    assert detect_format(data, "whatever.bin") == fmt


def test_odt_zip_is_not_taken_for_a_docx_or_refused() -> None:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
    assert detect_format(buf.getvalue(), "x.zip") == "odt"
