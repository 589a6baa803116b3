"""Letter metadata: kind, số và ký hiệu, date, issuer, trích yếu, Kính gửi, signer, Nơi nhận."""

from __future__ import annotations

import pytest

from extract import extract_text
from extract.letter_meta import find_references

CONG_VAN = """BẢO HIỂM XÃ HỘI VIỆT NAM
BẢO HIỂM XÃ HỘI TỈNH HÀ TĨNH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 15/BHXH-TĐKT
V/v phát động phong trào thi đua yêu nước năm 2026
Hà Tĩnh, ngày 05 tháng 02 năm 2026
Kính gửi:
- Trưởng các phòng nghiệp vụ;
- Giám đốc Bảo hiểm xã hội cơ sở.
Thực hiện Kế hoạch số 25/KH-BHXH ngày 10/01/2026 của Bảo hiểm xã hội Việt Nam, Giám đốc Bảo hiểm xã hội tỉnh
phát động phong trào thi đua với chủ đề: “Đoàn kết, kỷ cương, sáng tạo, hiệu quả”.
Phấn đấu đạt 46,50% lực lượng lao động trong độ tuổi tham gia BHXH.
Nơi nhận:
- Như trên;
- BHXH Việt Nam (để b/c);
- Lưu: VT, TĐKT.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Nguyễn Văn An
"""


def test_cong_van_header_and_signature() -> None:
    ex = extract_text(CONG_VAN)
    assert (ex.kind, ex.number, ex.issued_date, ex.place) == ("cong_van", "15/BHXH-TĐKT", "2026-02-05", "Hà Tĩnh")
    assert (ex.issuer.parent, ex.issuer.name) == ("BẢO HIỂM XÃ HỘI VIỆT NAM", "BẢO HIỂM XÃ HỘI TỈNH HÀ TĨNH")
    assert ex.subject == "phát động phong trào thi đua yêu nước năm 2026"
    assert ex.recipients == ["Trưởng các phòng nghiệp vụ", "Giám đốc Bảo hiểm xã hội cơ sở"]
    assert ex.cc == ["Như trên", "BHXH Việt Nam (để b/c)", "Lưu: VT, TĐKT"]
    assert (ex.signer.authority, ex.signer.title, ex.signer.name) == ("KT.", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An")
    assert ex.theme == "Đoàn kết, kỷ cương, sáng tạo, hiệu quả"
    assert [(r.type, r.number, r.date) for r in ex.references] == [("Kế hoạch", "25/KH-BHXH", "2026-01-10")]


KINDS = [
    ("UBND TỈNH NGHỆ AN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 120/QĐ-UBND\nNghệ An, ngày 3 tháng 3 năm 2025\n"
     "QUYẾT ĐỊNH\nVề việc tặng Bằng khen\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "quyet_dinh", "120/QĐ-UBND", "2025-03-03",
     "tặng Bằng khen"),
    ("BỘ Y TẾ\nSố: 25/KH-BYT\nHà Nội, ngày 10 tháng 01 năm 2026\nKẾ HOẠCH\nTổ chức phong trào thi đua năm 2026",
     "ke_hoach", "25/KH-BYT", "2026-01-10", "Tổ chức phong trào thi đua năm 2026"),
    ("BẢO HIỂM XÃ HỘI VIỆT NAM\nSố: 7/TTr-BHXH\nHà Nội, ngày 12 tháng 6 năm 2024\nTỜ TRÌNH\n"
     "Đề nghị tặng Huân chương Lao động", "to_trinh", "7/TTr-BHXH", "2024-06-12", "Đề nghị tặng Huân chương Lao động"),
    ("BỘ NỘI VỤ\nSố: 3/QyĐ-BNV\nHà Nội, ngày 2 tháng 1 năm 2025\nQUY ĐỊNH", "khac", "3/QyĐ-BNV", "2025-01-02", None),
    ("THỦ TƯỚNG CHÍNH PHỦ\nSố: 1167/QĐ-TTg\nHà Nội, ngày 28 tháng 6 năm 2016", "quyet_dinh", "1167/QĐ-TTg",
     "2016-06-28", None),
    ("BHXH TỈNH BÌNH ĐỊNH\nSố: 45/TB-BHXH\nBình Định, ngày 30 tháng 12 năm 2024\nTHÔNG BÁO\nKết quả bình xét thi đua",
     "thong_bao", "45/TB-BHXH", "2024-12-30", "Kết quả bình xét thi đua"),
]


@pytest.mark.parametrize(("text", "kind", "number", "issued", "subject"), KINDS)
def test_kind_number_date_and_subject(text: str, kind: str, number: str, issued: str, subject: str | None) -> None:
    ex = extract_text(text)
    assert (ex.kind, ex.number, ex.issued_date, ex.subject) == (kind, number, issued, subject)


def test_news_without_a_header_is_tin_bai() -> None:
    text = ("Cụm Thi đua số IV hoàn thành xuất sắc nhiệm vụ\n"
            + "Sáng nay, tại Hà Tĩnh, Cụm Thi đua số IV tổ chức hội nghị sơ kết công tác thi đua. " * 5)
    ex = extract_text(text)
    assert (ex.kind, ex.number, ex.issued_date) == ("tin_bai", None, None)


def test_number_placeholder_is_not_a_number() -> None:
    ex = extract_text("BẢO HIỂM XÃ HỘI VIỆT NAM\nSố:      /BHXH-TĐKT\nV/v thi đua\nHà Nội, ngày      tháng 02 năm 2026")
    assert (ex.kind, ex.number, ex.issued_date) == ("cong_van", None, None)


REFERENCES = [
    ("Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022;",
     ("Luật", "06/2022/QH15", "2022-06-15", None)),
    ("Nghị quyết số 28-NQ/TW ngày 23/5/2018 của Ban Chấp hành Trung ương Đảng khóa XII về cải cách",
     ("Nghị quyết", "28-NQ/TW", "2018-05-23", "Ban Chấp hành Trung ương Đảng khóa XII")),
    ("Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ quy định chi tiết",
     ("Nghị định", "98/2023/NĐ-CP", "2023-12-31", "Chính phủ")),
]


@pytest.mark.parametrize(("text", "expected"), REFERENCES)
def test_references(text: str, expected: tuple) -> None:
    [r] = find_references(text)
    assert (r.type, r.number, r.date, r.issuer) == expected
    assert text[r.start : r.end] == r.text


SIDE_BY_SIDE = """UBND TỈNH ĐẮK LẮK                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
   SỞ NỘI VỤ                                Độc lập - Tự do - Hạnh phúc
   ________                                 ______________________

Số: 256/BC-SNV                         Đắk Lắk, ngày 05 tháng 12 năm 2024

                                 BÁO CÁO
        Tổng kết công tác thi đua, khen thưởng năm 2024

Năm 2024, các sở, ban, ngành đã triển khai phong trào thi đua yêu nước."""


def test_a_header_laid_out_side_by_side_is_read_column_by_column() -> None:
    ex = extract_text(SIDE_BY_SIDE)
    assert (ex.kind, ex.number, str(ex.issued_date), ex.place) == ("bao_cao", "256/BC-SNV", "2024-12-05", "Đắk Lắk")
    assert ex.issuer is not None and ex.issuer.name == "SỞ NỘI VỤ"
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc" in ex.text


def test_markdown_emphasis_around_the_place_and_date_line() -> None:
    ex = extract_text("**BẢO HIỂM XÃ HỘI TP. CẦN THƠ**\n\nSố: 58/BHXH-KHTC\n\n*Cần Thơ, ngày 10 tháng 01 năm 2025*\n\n"
                      "# V/v giao chỉ tiêu năm 2025")
    assert (ex.number, str(ex.issued_date), ex.place) == ("58/BHXH-KHTC", "2025-01-10", "Cần Thơ")


def test_a_header_parted_by_tabs() -> None:
    text = ("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH BẮC GIANG\tĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 286/QĐ-UBND\tBắc Giang, ngày 03 tháng 3 năm 2025\nQUYẾT ĐỊNH\nVề việc tặng Bằng khen")
    ex = extract_text(text)
    assert (ex.kind, ex.number, str(ex.issued_date)) == ("quyet_dinh", "286/QĐ-UBND", "2025-03-03")


def test_a_header_written_as_a_markdown_table() -> None:
    text = ("| BỘ GIÁO DỤC VÀ ĐÀO TẠO<br>-------- | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>**Độc lập - Tự do - "
            "Hạnh phúc** |\n|:---:|:---:|\n| Số: 5123/BGDĐT-TĐKT<br>V/v hướng dẫn công tác thi đua, khen thưởng | "
            "*Hà Nội, ngày 18 tháng 9 năm 2024* |\n\nKính gửi: Các sở giáo dục và đào tạo.")
    ex = extract_text(text)
    assert (ex.kind, ex.number, str(ex.issued_date)) == ("cong_van", "5123/BGDĐT-TĐKT", "2024-09-18")
