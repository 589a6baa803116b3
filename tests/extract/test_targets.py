"""Targets and results: values, units, kinds, metrics; and numbers that are not targets."""

from __future__ import annotations

import pytest

from extract import extract_text
from extract.targets import find_targets

VALUES = [
    # sentence, document kind, [(value, unit, kind)]
    ("Trong 5 tháng đầu năm, toàn Cụm đã thu được số tiền 10.101,8 tỷ đồng, đạt 36,45% so với kế hoạch giao",
     "tin_bai", [(10101800000000, "đồng", "result"), (36.45, "%", "result")]),
    ("phấn đấu đạt 45,10% lực lượng lao động trong độ tuổi lao động tham gia BHXH", "cong_van",
     [(45.1, "%", "target")]),
    ("mức độ hài lòng của người dân về giải quyết thủ tục hành chính đạt tối thiểu 90%", "tin_bai",
     [(90, "%", "target")]),
    ("Tỷ lệ bao phủ BHYT toàn Cụm đạt 91,61% so với dân số.", "tin_bai", [(91.61, "%", "result")]),
    ("tăng 578,2 tỷ đồng (tương ứng tăng 6,07%) so với cùng kỳ năm 2019", "tin_bai",
     [(578200000000, "đồng", "result"), (6.07, "%", "result")]),
    ("Chỉ tiêu thu năm 2026 là 1.250 tỷ đồng; số nợ phải giảm xuống dưới 2,5%", "bao_cao",
     [(1250000000000, "đồng", "target"), (2.5, "%", "target")]),
    ("Năm 2025, toàn tỉnh đã phát triển thêm 12.345 người tham gia BHXH tự nguyện", "ke_hoach",
     [(12345, "người", "result")]),
    ("số chi trả qua tài khoản đạt 350 triệu đồng", "tin_bai", [(350000000, "đồng", "result")]),
    ("tổng số thu đạt 1,2 nghìn tỷ đồng", "tin_bai", [(1200000000000, "đồng", "result")]),
    ("giải ngân vốn đầu tư công đạt 95 phần trăm kế hoạch", "bao_cao", [(95, "%", "result")]),
    ("quỹ khen thưởng 2,5 tỷ", "bao_cao", [(2500000000, "đồng", "result")]),
    ("phấn đấu có 1,5 triệu người tham gia BHXH", "ke_hoach", [(1500000, "người", "target")]),
    ("Số người tham gia BHXH bắt buộc là 421.735 người; BHTN là 389.410 người.", "tin_bai",
     [(421735, "người", "result"), (389410, "người", "result")]),
    ("5 năm qua, Tổng công ty đã đào tạo, bồi dưỡng cho 48.650 người, trong đó có 3.120 người được đào tạo chuyên sâu",
     "tin_bai", [(48650, "người", "result"), (3120, "người", "result")]),
    ("Vốn tín dụng chính sách tạo việc làm cho 142.300 người lao động", "tin_bai", [(142300, "người", "result")]),
    ("đã có 312.540 người cài đặt, sử dụng ứng dụng VssID", "tin_bai", [(312540, "người", "result")]),
    ("Tổng giá trị sản xuất tăng 8-9% so với năm 2024", "ke_hoach", [(8, "%", "target"), (9, "%", "target")]),
    ("tỷ lệ bao phủ đạt 92,64% dân số, tăng 1,86 điểm phần trăm so với cùng kỳ", "bao_cao",
     [(92.64, "%", "result"), (1.86, "%", "result")]),
    ("Số người tham gia BHXH (so với ngày 31-12-2024):\n- BHXH bắt buộc: 58.406 người (+2.114 người; +3,76%);",
     "bao_cao", [(58406, "người", "result"), (2114, "người", "result"), (3.76, "%", "result")]),
    ("Số lao động có việc làm mới là 12,450 người", "tin_bai", [(12450, "người", "result")]),
    ("Số người tham gia BHXH tự nguyện tăng mạnh; năm 2025, chỉ tiêu phấn đấu là 186.000 người.", "tin_bai",
     [(186000, "người", "target")]),
    ("III. CHỈ TIÊU NĂM 2025\n- 100% công đoàn cơ sở tổ chức Hội nghị viên chức", "ke_hoach", [(100, "%", "target")]),
]


@pytest.mark.parametrize(("sentence", "kind", "expected"), VALUES)
def test_values_units_and_kinds(sentence: str, kind: str, expected: list[tuple]) -> None:
    found = find_targets(sentence, doc_kind=kind)
    assert [(t.value, t.unit, t.kind) for t in found] == [(float(v), u, k) for v, u, k in expected]
    for t in found:
        assert sentence[t.start : t.end] == t.text


METRICS = [
    ("phấn đấu đạt 45,10% lực lượng lao động trong độ tuổi tham gia BHXH", "lực lượng lao động trong độ tuổi tham gia BHXH"),
    ("Tỷ lệ bao phủ BHYT toàn Cụm đạt 91,61% so với dân số.", "Tỷ lệ bao phủ BHYT toàn Cụm"),
    ("(2) 95% hồ sơ công việc được xử lý trên môi trường mạng", "hồ sơ công việc được xử lý trên môi trường mạng"),
]


@pytest.mark.parametrize(("sentence", "metric"), METRICS)
def test_metric_names_what_is_measured(sentence: str, metric: str) -> None:
    assert [t.metric for t in find_targets(sentence, doc_kind="ke_hoach")] == [metric]


NOT_TARGETS = [
    "Có 5/9 tỉnh, thành phố trong Cụm đạt và vượt tỷ lệ số thu",
    "kỷ niệm 30 năm Ngày thành lập BHXH Việt Nam",
    "Đại hội thi đua yêu nước toàn quốc lần thứ X",
    "thống nhất với 8 nhiệm vụ và 4 giải pháp đã nêu",
    "Quyết định số 1167/QĐ-TTg ngày 28/6/2016 của Thủ tướng Chính phủ",
    "Phone: 0436 281 539",
    "12 tập thể được tặng Cờ Thi đua của BHXH Việt Nam",
    "Cụm Thi đua số IV (09 tỉnh Phú Yên, Bình Định)",
    "phát huy thành tựu đạt được trong 25 năm qua",
    "tỷ lệ hộ nghèo giảm rõ rệt",
    "có 200 đại biểu dự hội nghị",
    "Kèm theo Bằng khen là tiền thưởng 1.490.000 đồng.",
    "Hội nghị có 300 đại biểu tham dự, trong đó 120 người tham gia thảo luận.",
    "mức lương cơ sở 2.340.000 đồng/tháng",
    "Giá trị giải thưởng: giải Nhất 3.000.000 đồng; giải Nhì 2.000.000 đồng/giải; giải tập thể 2.500.000 đồng/giải.",
    "- Cờ thi đua của Chính phủ (Sở Giáo dục và Đào tạo): đạt 100% số phiếu tán thành.",
    "Bằng khen của Thủ tướng Chính phủ: các trường hợp đều đạt từ 81,8% đến 100%\nsố phiếu tán thành.",
    "tặng quà Tết cho đoàn viên có hoàn cảnh đặc biệt khó khăn, mức 1.000.000 đồng/suất.",
    "tặng 150 suất quà (mỗi suất trị giá 1 triệu đồng) cho người hưởng trợ cấp",
    "Tổng số tiền thưởng: 185.400.000 đồng.",
    "Tổng số lượt khám bệnh BHYT đạt 412.560 lượt.",
    "1. BHXH tỉnh Vĩnh Phúc đạt 97,5 điểm, xếp thứ nhất, được 7/7 phiếu bầu (đạt 100%).",
    "- Danh hiệu Tập thể Lao động xuất sắc: số lượng không quá 20% tổng số tập thể",
    "được Nhà nước hỗ trợ tiền đóng: 30% mức đóng đối với người thuộc hộ nghèo",
    "Mức đóng thấp nhất hiện nay là 330.000 đồng/tháng.",
    "đề nghị tặng Cờ thi đua của Chính phủ, với 100% đại biểu tán thành.",
    "Ban Chấp hành Tỉnh Đoàn đã bầu bổ sung 02 đồng chí vào Ban Thường vụ.",
    "nhà trường đã trích 7,3 tỷ đồng cấp học bổng khuyến khích học tập cho sinh viên",
    "Công ty trao thưởng 120 triệu đồng cho 8 sáng kiến cấp Công ty",
    "Mức tiền thưởng: Tập thể lao động xuất sắc 3.510.000 đồng/tập thể; Chiến sĩ thi đua 7.020.000 đồng/cá nhân.",
    "Tổng kinh phí khen thưởng là 635.310.000 đồng, chi từ Quỹ thi đua, khen thưởng của tỉnh.",
    "đơn vị chậm đóng phải nộp số tiền lãi bằng 0,03%/ngày tính trên số tiền chậm đóng",
    "lãi suất cho vay bình quân đối với các khoản vay mới ở mức 6,8 - 9,2%/năm",
]


@pytest.mark.parametrize("sentence", NOT_TARGETS)
def test_numbers_that_are_not_targets(sentence: str) -> None:
    assert [t.text for t in extract_text(sentence).targets] == []
