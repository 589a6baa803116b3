"""Tables: rebuilt from one cell per line, read from .docx and HTML, targets and awards by column."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from extract import extract_bytes, extract_file, extract_text
from extract.tables import rebuild_cell_tables

FLAT = """Biểu 01. Kết quả thực hiện một số chỉ tiêu (tính đến ngày 30/6/2024)
TT
Chỉ tiêu
Đơn vị tính
Kế hoạch năm 2024
Thực hiện 6 tháng
Tỷ lệ so với KH (%)
1
Giải quyết việc làm mới
Người
16.000
8.740
54,6
2
Chi trả trợ cấp ưu đãi
Triệu đồng
412.500
208.744
50,6
(Nguồn: Phòng Lao động - Việc làm)"""


def test_a_table_flattened_to_one_cell_per_line_is_rebuilt() -> None:
    lines = rebuild_cell_tables(FLAT.split("\n"))
    assert lines[1] == "| TT | Chỉ tiêu | Đơn vị tính | Kế hoạch năm 2024 | Thực hiện 6 tháng | Tỷ lệ so với KH (%) |"
    assert lines[2] == "| 1 | Giải quyết việc làm mới | Người | 16.000 | 8.740 | 54,6 |"
    assert lines[-1] == "(Nguồn: Phòng Lao động - Việc làm)"


def test_targets_by_column_plan_result_ratio() -> None:
    ex = extract_text(FLAT)
    assert [(t.text, t.value, t.unit, t.kind) for t in ex.targets] == [
        ("16.000", 16000, "người", "target"), ("8.740", 8740, "người", "result"), ("54,6", 54.6, "%", "result"),
        ("412.500", 412500000000, "đồng", "target"), ("208.744", 208744000000, "đồng", "result"),
        ("50,6", 50.6, "%", "result"),
    ]
    assert ex.targets[0].metric == "Giải quyết việc làm mới"
    for t in ex.targets:
        assert ex.text[t.start : t.end] == t.text


AWARDS_TABLE = """Kết quả khen thưởng năm 2024 như sau:
| Hình thức khen thưởng | Tập thể | Cá nhân | Ghi chú |
|---|---|---|---|
| Huân chương Lao động hạng Ba | 01 | 01 | Quyết định của Chủ tịch nước |
| Bằng khen của Thủ tướng Chính phủ | - | 02 | |
| Chiến sỹ thi đua cơ sở | - | 27 | |"""


def test_award_counts_by_column() -> None:
    ex = extract_text(AWARDS_TABLE)
    assert [(a.award, a.collectives, a.individuals, a.status) for a in ex.awards] == [
        ("huan_chuong_lao_dong", 1, 1, "awarded"), ("bang_khen_thu_tuong", None, 2, "awarded"),
        ("chien_si_thi_dua_co_so", None, 27, "awarded"),
    ]


def test_a_table_under_a_proposal_is_proposed() -> None:
    ex = extract_text(AWARDS_TABLE.replace("Kết quả khen thưởng năm 2024 như sau:", "Đề nghị khen thưởng như sau:"))
    assert {a.status for a in ex.awards} == {"proposed"}


def test_docx_data_tables_become_pipe_rows(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("Kết quả thực hiện các chỉ tiêu năm 2025:")
    table = doc.add_table(rows=3, cols=5)
    for r, row in enumerate([["Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "Tỷ lệ (%)"],
                             ["Tổng số thu BHXH, BHYT", "Tỷ đồng", "1.250", "1.310,5", "104,8"],
                             ["Tỷ lệ bao phủ BHYT", "%", "95,2", "95,6", "-"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    path = tmp_path / "bao_cao.docx"
    doc.save(path)
    ex = extract_file(path)
    assert [(t.value, t.unit, t.kind) for t in ex.targets] == [
        (1250e9, "đồng", "target"), (1310.5e9, "đồng", "result"), (104.8, "%", "result"),
        (95.2, "%", "target"), (95.6, "%", "result"),
    ]


def test_html_tables_become_pipe_rows() -> None:
    html = ("<html><body><article><p>Kết quả khen thưởng:</p><table>"
            "<tr><th>Danh hiệu</th><th>Tập thể</th><th>Cá nhân</th></tr>"
            "<tr><td>Bằng khen của Tổng Giám đốc</td><td>12</td><td>30</td></tr></table></article></body></html>")
    ex = extract_bytes(html.encode(), name="kq.html")
    assert [(a.award, a.collectives, a.individuals) for a in ex.awards] == [("bang_khen_cap_bo", 12, 30)]


PERSONS = """3. Công nhận danh hiệu Chiến sĩ thi đua ngành BHXH Việt Nam năm 2024:
STT
Họ và tên
Chức vụ, đơn vị công tác
Danh hiệu đề nghị
1
Ông Trần Văn Hùng
Giám đốc BHXH huyện Yên Thế
Chiến sĩ thi đua ngành BHXH
2
Bà Ngô Thị Thanh Huyền
Trưởng phòng Giám định BHYT
Chiến sĩ thi đua ngành BHXH"""


def test_a_table_of_persons_counts_one_individual_per_row() -> None:
    ex = extract_text(PERSONS)
    assert [(a.award, a.individuals, a.status) for a in ex.awards] == [
        ("chien_si_thi_dua_cap_bo", 1, "proposed"), ("chien_si_thi_dua_cap_bo", 1, "proposed")]
    assert ex.awards[0].text.startswith("Ông Trần Văn Hùng")


COUNT_CELLS = """BHXH tỉnh kính trình Tổng Giám đốc BHXH Việt Nam xem xét, khen thưởng như sau:
1. Tặng Bằng khen của Tổng Giám đốc BHXH Việt Nam cho các tập thể, cá nhân:
| STT | Đơn vị | Hình thức | Số lượng |
|-----|--------|-----------|----------|
| 1 | Văn phòng BHXH tỉnh | Bằng khen của Tổng Giám đốc | 01 tập thể, 03 cá nhân |
| 2 | BHXH huyện Hiệp Hòa | Bằng khen của Tổng Giám đốc | 02 cá nhân |"""


def test_count_cells_and_an_award_column_beside_the_units_column() -> None:
    ex = extract_text(COUNT_CELLS)
    assert [(a.award, a.collectives, a.individuals, a.status) for a in ex.awards] == [
        ("bang_khen_cap_bo", 1, 3, "proposed"), ("bang_khen_cap_bo", None, 2, "proposed")]


ANNEX = """PHỤ LỤC
Đơn vị tính: tỷ đồng
STT
Đơn vị
Dự toán năm 2025
Ước thực hiện đến 30/9/2025
Chỉ tiêu thi đua quý IV/2025
1
Thuế cơ sở 1
12.850
9.736
4.200
Tổng cộng
34.510
27.196
11.454"""


def test_a_caption_unit_and_a_total_row_spanning_two_columns() -> None:
    ex = extract_text(ANNEX)
    assert [(t.value, t.unit, t.kind) for t in ex.targets] == [
        (12850e9, "đồng", "target"), (9736e9, "đồng", "result"), (4200e9, "đồng", "target"),
        (34510e9, "đồng", "target"), (27196e9, "đồng", "result"), (11454e9, "đồng", "target")]
    assert ex.targets[3].metric == "Tổng cộng"


def test_a_unit_in_the_label_is_the_rows_unit_and_not_its_metric() -> None:
    text = ("| STT | Chỉ tiêu | Kế hoạch năm 2024 | Thực hiện 6 tháng |\n"
            "| 1 | Số người tham gia BHXH bắt buộc (người) | 38.500 | 36.912 |\n"
            "| 2 | Tổng số thu BHXH, BHYT, BHTN (tỷ đồng) | 1.685,5 | 802,3 |")
    assert [(t.value, t.unit, t.metric) for t in extract_text(text).targets] == [
        (38500, "người", "Số người tham gia BHXH bắt buộc"), (36912, "người", "Số người tham gia BHXH bắt buộc"),
        (1685.5e9, "đồng", "Tổng số thu BHXH, BHYT, BHTN"), (802.3e9, "đồng", "Tổng số thu BHXH, BHYT, BHTN")]


BY_YEAR = """| Năm | Số thu (triệu đồng) | Tỷ lệ so với kế hoạch (%) | Số người tham gia BHYT |
|------|------|------|------|
| 2023 | 211.406 | 102,1 | 175.338 |
| 2024 | 234.918 | 101,7 | 178.560 |
| Cộng | 446.324 | - | - |"""


def test_a_table_of_one_row_per_year_gives_each_column_over_the_years() -> None:
    ex = extract_text(BY_YEAR, source="bao_cao_thanh_tich.txt")
    assert [(t.value, t.unit, t.period, t.metric) for t in ex.targets] == [
        (211406e6, "đồng", "2023", "Số thu"), (102.1, "%", "2023", "Tỷ lệ so với kế hoạch"),
        (175338, "người", "2023", "Số người tham gia BHYT"), (234918e6, "đồng", "2024", "Số thu"),
        (101.7, "%", "2024", "Tỷ lệ so với kế hoạch"), (178560, "người", "2024", "Số người tham gia BHYT"),
        (446324e6, "đồng", "Cộng", "Số thu")]
    assert {t.kind for t in ex.targets} == {"result"}


def test_a_growth_column_is_a_percentage() -> None:
    text = ("| STT | Chỉ tiêu | ĐVT | Thực hiện năm 2024 | Kế hoạch năm 2025 | Tăng (%) |\n"
            "|:---:|---|:---:|---:|---:|---:|\n"
            "| 1 | Số người tham gia BHXH tự nguyện | Người | 24.315 | 28.000 | 15,2 |")
    assert [(t.value, t.unit, t.kind) for t in extract_text(text).targets] == [
        (24315, "người", "result"), (28000, "người", "target"), (15.2, "%", "result")]


ALIGNED = """Điều 1. Công nhận danh hiệu thi đua năm 2024 cho các tập thể, cá nhân như sau:

  TT    Danh hiệu thi đua                     Tập thể     Cá nhân     Ghi chú
  1     Tập thể Lao động tiên tiến              13           -        Các phòng, BHXH
                                                                      huyện, thành phố
  2     Chiến sĩ thi đua cơ sở                   -          27
  3     Lao động tiên tiến                       -         214        Kể cả hợp đồng

(Có danh sách chi tiết kèm theo)"""


def test_a_table_aligned_with_spaces_is_read_by_column() -> None:
    ex = extract_text(ALIGNED)
    assert "| 1 | Tập thể Lao động tiên tiến | 13 | - | Các phòng, BHXH huyện, thành phố |" in ex.text
    assert [(a.award, a.collectives, a.individuals) for a in ex.awards] == [
        ("tap_the_lao_dong_tien_tien", 13, None), ("chien_si_thi_dua_co_so", None, 27),
        ("lao_dong_tien_tien", None, 214)]


PER_UNIT = """Số liệu chủ yếu của từng đơn vị tính đến ngày 30/11/2023 như sau:

| TT | Đơn vị | Số thu (tỷ đồng) | Tỷ lệ thu so với KH (%) | Bao phủ BHYT (%) | BHXH tự nguyện (người) |
|---|---|---|---|---|---|
| 1 | Bình Dương | 27.614,8 | 89,6 | 92,15 | 31.742 |
| | **Toàn Cụm** | **65.319,3** | **89,5** | **93,11** | **179.126** |"""


def test_columns_that_each_measure_one_metric_per_unit() -> None:
    ex = extract_text(PER_UNIT)
    assert [(t.value, t.unit) for t in ex.targets] == [
        (27614.8e9, "đồng"), (89.6, "%"), (92.15, "%"), (31742, "người"),
        (65319.3e9, "đồng"), (89.5, "%"), (93.11, "%"), (179126, "người")]
    assert ex.targets[0].metric == "Số thu - Bình Dương"


def test_a_table_after_a_paragraph_that_mentions_a_proposal_is_not_proposed() -> None:
    text = ("Hiện Cục Thuế đang trình Bộ Tài chính xem xét, đề nghị tặng Cờ thi đua cho Chi cục Thuế khu vực.\n"
            "Kết quả bình xét danh hiệu thi đua năm 2024 được tổng hợp tại bảng sau:\n"
            "| TT | Hình thức khen thưởng | Tập thể | Cá nhân |\n"
            "| 1 | Bằng khen của Bộ trưởng Bộ Tài chính | 4 | 11 |")
    assert [(a.award, a.status) for a in extract_text(text).awards][-1] == ("bang_khen_cap_bo", "awarded")
