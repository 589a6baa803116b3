"""Dates: every written form, ranges, inferred years, and what is not a date."""

from __future__ import annotations

from datetime import date

import pytest

from extract.dates import find_dates

DAY_AND_MONTH = [
    ("Hà Nội, ngày 21 tháng 01 năm 2025", ["2025-01-21"]),
    ("Hà Nội, ngày 21\n  tháng 01 năm 2025", ["2025-01-21"]),
    ("Nghị quyết số 42-NQ/TW ngày 24/11/2023 của Bộ Chính trị", ["2023-11-24"]),
    ("hạn nộp trước 15-12-2025 qua Hệ thống", ["2025-12-15"]),
    ("Ngày 26.06.2020, tại Hà Tĩnh", ["2020-06-26"]),
    ("quy định đến tháng 5/2020 (36%)", ["2020-05"]),
    ("Tính đến hết tháng 05/2020, có nhiều tỉnh", ["2020-05"]),
    ("trong tháng 12 năm 2024, toàn tỉnh", ["2024-12"]),
    ("02/07/2020 14:29:33", ["2020-07-02"]),
    ("Luật BHXH số 41/2024/QH15 ngày 29/6/2024", ["2024-06-29"]),
    ("từ ngày 01/3 đến ngày 31/5/2025", ["2025-03-01", "2025-05-31"]),
    ("kỷ niệm 95 năm Ngày thành lập Đảng (03/02/1930 - 03/02/2025)", ["1930-02-03", "2025-02-03"]),
    ("thời gian thi đua từ tháng 3 đến tháng 9/2026", ["2026-03", "2026-09"]),
    ("ngày 29/02/2024 là ngày nhuận", ["2024-02-29"]),
    ("Trong 2 ngày 27-28/3/2025, BHXH tỉnh tổ chức Hội nghị giao ban", ["2025-03-27", "2025-03-28"]),
    ("Hội thi được tổ chức trong hai ngày 26, 27/6/2025 tại Trường", ["2025-06-26", "2025-06-27"]),
    ("Trong hai tháng 5 và 6/2024, toàn tỉnh phát triển thêm người tham gia", ["2024-05", "2024-06"]),
    ("Số thu các tháng 11, 12/2024 tăng cao", ["2024-11", "2024-12"]),
    ("kỳ nghỉ lễ Quốc khánh năm 2025 (từ 30/8 đến hết 2/9)", ["2025-08-30", "2025-09-02"]),
]


@pytest.mark.parametrize(("sentence", "expected"), DAY_AND_MONTH)
def test_day_and_month_dates(sentence: str, expected: list[str]) -> None:
    dates, _ = find_dates(sentence)
    values = []
    for d in dates:
        if d.granularity != "year":
            values.append(d.value)
            if d.end_value:
                values.append(d.end_value)
    assert values == expected
    for d in dates:
        assert sentence[d.start : d.end] == d.text


INFERRED = [
    # (text, issued date, expected value)
    ("Sáng nay 7/2, Bảo hiểm xã hội tỉnh phát động thi đua năm 2024. Kế hoạch năm 2024 đã giao.", None, "2024-02-07"),
    ("02/07/2020 14:29:33\nChiều 30/6, hội nghị sơ kết đã diễn ra.", None, "2020-06-30"),
    ("Chào mừng Quốc khánh 2-9, các đơn vị thi đua.", date(2025, 8, 1), "2025-09-02"),
    ("hoàn thành trước ngày 20/12 hằng năm", date(2026, 2, 5), "2026-12-20"),
    ("Cập nhật: 21-10-2025 20:15\nChiều qua (20/10), hội nghị tổng kết đã diễn ra.", None, "2025-10-20"),
    ("Ngày Quốc tế Lao động 1-5 năm nay, năm 2025 là năm bản lề.", None, "2025-05-01"),
    ("Tổng hợp hồ sơ khen thưởng đợt thi đua chào mừng 30/4 trình Giám đốc.", date(2025, 4, 2), "2025-04-30"),
]


INFERRED_AS_OF = [
    # a day the text looks back to is never after the day it speaks from
    ("Thanh Hóa tổng kết năm\n08/01/2025 10:20\nTính đến 31/12, toàn tỉnh có 395.214 người; hạn chót đến 31/3.",
     ["2025-01-08", "2024-12-31", "2025-03-31"]),
    ("Cập nhật lúc: 08:15 - 21/01/2025\n**Ngày 20.1, BHXH thành phố tổ chức Hội nghị.**", ["2025-01-21", "2025-01-20"]),
    ("Thứ Tư, 18/12/2024 - 20:05\nCác cấp bộ Đoàn chào mừng kỷ niệm 94 năm Ngày thành lập Đoàn (26/3/1931 - "
     "26/3/2025), trọng tâm là Ngày hội dự kiến tổ chức vào ngày 23/3. Kế hoạch số 12/KH-TĐTN ngày 19/01/2024 "
     "giao tổ chức trước ngày 20/3.",
     ["2024-12-18", "1931-03-26", "2025-03-23", "2024-01-19", "2024-03-20"]),
    ("Năm 2025 kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt Nam (3.2), 50 năm Ngày giải phóng miền Nam, thống "
     "nhất đất nước (30.4), Quốc khánh 2.9; kỷ niệm 30 năm thành lập ngành BHXH Việt Nam (16.2). Tăng 1.5 lần.",
     ["2025-02-03", "2025-04-30", "2025-09-02", "2025-02-16"]),
]


@pytest.mark.parametrize(("text", "expected"), INFERRED_AS_OF)
def test_days_looked_back_to_and_dotted_days_after_a_named_day(text: str, expected: list[str]) -> None:
    dates, _ = find_dates(text)
    assert [d.value for d in dates if d.granularity == "day"] == expected


LISTED = [
    # a licensed day-month, then others listed after it
    ("Đợt 1 chào mừng các ngày lễ 30/4, 1/5 và 19/5; sơ kết vào tháng 7/2025.",
     ["2025-04-30", "2025-05-01", "2025-05-19"]),
    ("Công văn về việc treo cờ và nghỉ lễ dịp 30-4, 1-5 năm 2025", ["2025-04-30", "2025-05-01"]),
    ("tổ chức tốt các hoạt động trong dịp lễ 30-4 và 1-5, bảo đảm an toàn", ["2025-04-30", "2025-05-01"]),
]


@pytest.mark.parametrize(("text", "expected"), LISTED)
def test_day_months_listed_after_a_licensed_one(text: str, expected: list[str]) -> None:
    dates, _ = find_dates(text, issued=date(2025, 4, 15))
    assert [d.value for d in dates if d.granularity == "day"] == expected


@pytest.mark.parametrize(("text", "issued", "expected"), INFERRED)
def test_day_without_year_takes_the_documents_year(text: str, issued: date | None, expected: str) -> None:
    dates, _ = find_dates(text, issued=issued)
    inferred = [d for d in dates if d.year_inferred]
    assert [d.value for d in inferred] == [expected]


PERIODS = [
    ("Sơ kết 06 tháng đầu năm 2020", "half", "2020-H1"),
    ("nhiệm vụ 6 tháng cuối năm 2020", "half", "2020-H2"),
    ("kết quả quý I/2024 của toàn ngành", "quarter", "2024-Q1"),
    ("số thu quý IV năm 2023", "quarter", "2023-Q4"),
    ("Trong 5 tháng đầu năm 2021, toàn Cụm", "period", "2021-M1-5"),
]


@pytest.mark.parametrize(("text", "granularity", "value"), PERIODS)
def test_quarters_halves_and_spans_of_months_are_periods(text: str, granularity: str, value: str) -> None:
    dates, periods = find_dates(text)
    assert [(p.granularity, p.value) for p in periods] == [(granularity, value)]
    assert all(d.granularity == "year" for d in dates)


def test_years_and_year_ranges_have_year_granularity() -> None:
    dates, _ = find_dates("phong trào thi đua giai đoạn 2021 - 2025 và năm 2026")
    assert [(d.value, d.end_value, d.granularity) for d in dates] == [
        ("2021", "2025", "year"),
        ("2026", None, "year"),
    ]


NOT_DATES = [
    "Năm 2025 có 5/9, 3/4 và 2/3 đơn vị hoàn thành chỉ tiêu",
    "Có 5/9 tỉnh, thành phố trong Cụm đạt và vượt tỷ lệ số thu",
    "trong đó có 2/9 đơn vị đạt tỷ lệ số thu cao",
    "Luật Thi đua, khen thưởng số 06/2022/QH15",
    "Nghị định số 98/2023/NĐ-CP quy định chi tiết",
    "Số: 148/BHXH-TĐKT",
    "tăng 1.5 lần so với năm trước",
    "Điện thoại: 0436 281 539",
    "đạt 36,45% so với kế hoạch",
    "ngày 31/02/2025 không tồn tại",
    "lương tháng 13 cho người lao động",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_things_that_are_not_dates(text: str) -> None:
    dates, periods = find_dates(text)
    assert [d.text for d in dates if d.granularity != "year"] == []
    assert periods == []


def test_two_days_of_one_month_and_month_ranges() -> None:
    text = "Hội nghị diễn ra trong ngày 14 và 15 tháng 8 năm 2025; kỷ niệm 50 năm (10/1974 - 10/2024)."
    dates, _ = find_dates(text)
    found = [(d.text, d.value, d.end_value) for d in dates if d.granularity != "year"]
    assert found == [("ngày 14", "2025-08-14", None), ("15 tháng 8 năm 2025", "2025-08-15", None),
                     ("10/1974 - 10/2024", "1974-10", "2024-10")]
