"""Award statements: shapes, coordination, roles, status, variants; and non-statements."""

from __future__ import annotations

import re

import pytest

from extract.awards import find_awards

STATEMENTS = [
    # sentence, [(award, collectives, individuals, mixed, status)]
    ("Với những nỗ lực không ngừng, 11 tập thể và 4 cá nhân được trao tặng Huân chương Lao động các loại, "
     "8 tập thể được vinh dự tặng Cờ thi đua của Chính phủ; 7 tập thể và 14 cá nhân được tặng Bằng khen của "
     "Thủ tướng Chính phủ.",
     [("huan_chuong_lao_dong", 11, 4, None, "awarded"), ("co_thi_dua_chinh_phu", 8, None, None, "awarded"),
      ("bang_khen_thu_tuong", 7, 14, None, "awarded")]),
    ("43 tập thể, 249 cá nhân được tặng Bằng khen của BHXH Việt Nam",
     [("bang_khen_cap_bo", 43, 249, None, "awarded")]),
    ("02 tập thể đang đề nghị Thủ tướng Chính phủ tặng Cờ thi đua",
     [("co_thi_dua_chinh_phu", 2, None, None, "proposed")]),
    ("03 tập thể và 01 cá nhân đang đề nghị Chủ tịch nước tặng Huân chương Lao động",
     [("huan_chuong_lao_dong", 3, 1, None, "proposed")]),
    ("04 danh hiệu Chiến sỹ thi đua cấp Ngành; 341 danh hiệu Chiến sĩ thi đua cơ sở",
     [("chien_si_thi_dua_cap_bo", None, 4, None, "awarded"), ("chien_si_thi_dua_co_so", None, 341, None, "awarded")]),
    ("86 tập thể được công nhận Tập thể Lao động xuất sắc",
     [("tap_the_lao_dong_xuat_sac", 86, None, None, "awarded")]),
    ("Điều 1. Tặng Bằng khen của Tổng Giám đốc BHXH Việt Nam cho 15 tập thể và 42 cá nhân đã có thành tích",
     [("bang_khen_cap_bo", 15, 42, None, "awarded")]),
    ("đề nghị Thủ tướng Chính phủ tặng Bằng khen cho 05 tập thể và 12 cá nhân",
     [("bang_khen_thu_tuong", 5, 12, None, "proposed")]),
    ("trao tặng Huân chương Lao động hạng Nhì cho đồng chí Phạm Văn Lại - Nguyên Giám đốc BHXH tỉnh Quảng Nam "
     "và Huân chương Lao động hạng Ba cho đồng chí Phạm Mai",
     [("huan_chuong_lao_dong", None, 1, None, "awarded"), ("huan_chuong_lao_dong", None, 1, None, "awarded")]),
    ("tặng Cờ Thi đua đơn vị xuất sắc năm 2019 của BHXH Việt Nam cho BHXH Hà Tĩnh",
     [("co_thi_dua_cap_bo", 1, None, None, "awarded")]),
    ("Trong 5 năm, toàn Ngành có 4.288 trường hợp được tặng Kỷ niệm chương Vì sự nghiệp BHXH",
     [("ky_niem_chuong", None, None, 4288, "awarded")]),
    ("55.777 tập thể, cá nhân được khen thưởng", [("other", None, None, 55777, "awarded")]),
    ("99 tập thể, 717 cá nhân được tặng Giấy khen", [("giay_khen", 99, 717, None, "awarded")]),
    ("có 25 LĐTT và 3 TTLĐXS", [("lao_dong_tien_tien", None, 25, None, "awarded"),
                                ("tap_the_lao_dong_xuat_sac", 3, None, None, "awarded")]),
    ("12 cá nhân đạt danh hiệu CSTĐCS", [("chien_si_thi_dua_co_so", None, 12, None, "awarded")]),
    ("02 cá nhân được tặng HCLĐ hạng Ba", [("huan_chuong_lao_dong", None, 2, None, "awarded")]),
    ("06 tập thể, 15 cá nhân được tặng Bằng khen của UBND tỉnh", [("bang_khen_cap_bo", 6, 15, None, "awarded")]),
    ("Chủ tịch nước tặng Huân chương Lao động hạng Ba cho 2 tập thể và 3 cá nhân",
     [("huan_chuong_lao_dong", 2, 3, None, "awarded")]),
    ("Dịp này, UBND tỉnh khen thưởng 15 tập thể và 30 cá nhân.", [("other", 15, 30, None, "awarded")]),
    ("BHXH thành phố Hải Phòng vinh dự đón nhận Cờ thi đua của BHXH Việt Nam",
     [("co_thi_dua_cap_bo", 1, None, None, "awarded")]),
    ("Giai đoạn 2020-2025, toàn tỉnh có 1.250 lượt tập thể, 3.456 lượt cá nhân được khen thưởng các cấp.",
     [("other", 1250, 3456, None, "awarded")]),
    ("Dịp này, hai tập thể và ba cá nhân được tặng Giấy khen của Giám đốc.",
     [("giay_khen", 2, 3, None, "awarded")]),
    ("Nhà trường từng được tặng Huân chương Lao động hạng I năm 2019.",
     [("huan_chuong_lao_dong", 1, None, None, "awarded")]),
    ("ông Trần Quốc Vĩnh, Tổng Giám đốc Công ty được Chủ tịch nước tặng thưởng Huân chương Lao động hạng 3",
     [("huan_chuong_lao_dong", None, 1, None, "awarded")]),
    ("Đồng chí Nguyễn Văn Bình được tặng danh hiệu Chiến sĩ thi đua toàn quốc",
     [("chien_si_thi_dua_toan_quoc", None, 1, None, "awarded")]),
    ('công nhận danh hiệu Chiến sĩ thi đua cơ sở cho 2.134 cá nhân, danh hiệu "Tập thể lao động tiên tiến" '
     'cho 967 tập thể và "Lao động tiên tiến" cho 18.452 cá nhân.',
     [("chien_si_thi_dua_co_so", None, 2134, None, "awarded"), ("tap_the_lao_dong_tien_tien", 967, None, None, "awarded"),
      ("lao_dong_tien_tien", None, 18452, None, "awarded")]),
    ("Trước đó, đơn vị vinh dự được Chủ tịch nước tặng thưởng HCLĐ hạng 1 (năm 2020), được Thủ tướng Chính phủ "
     "tặng Cờ Thi đua của Chính phủ (năm 2022).",
     [("huan_chuong_lao_dong", 1, None, None, "awarded"), ("co_thi_dua_chinh_phu", 1, None, None, "awarded")]),
    ("1. Hội đồng đã xét, thống nhất đề nghị Thủ tướng Chính phủ, Chủ tịch nước khen thưởng: 02 tập thể được tặng "
     "Cờ thi đua của Chính phủ; 01 cá nhân được tặng danh hiệu Chiến sĩ thi đua toàn quốc.",
     [("co_thi_dua_chinh_phu", 2, None, None, "proposed"), ("chien_si_thi_dua_toan_quoc", None, 1, None, "proposed")]),
    ("Sở kính đề nghị UBND tỉnh xem xét, tặng danh hiệu “Tập thể lao động xuất sắc” cho 25 tập thể; danh hiệu "
     "“Chiến sĩ thi đua cấp tỉnh” cho 12 cá nhân và Bằng khen của Chủ tịch UBND tỉnh cho 18 tập thể, 40 cá nhân.",
     [("tap_the_lao_dong_xuat_sac", 25, None, None, "proposed"), ("chien_si_thi_dua_cap_bo", None, 12, None, "proposed"),
      ("bang_khen_cap_bo", 18, 40, None, "proposed")]),
    ("Cụm thống nhất đề nghị BHXH Việt Nam tặng Cờ thi đua cho BHXH tỉnh Tuyên Quang và Bằng khen cho BHXH tỉnh "
     "Thái Nguyên, Lạng Sơn.",
     [("co_thi_dua_cap_bo", 1, None, None, "proposed"), ("bang_khen_cap_bo", 2, None, None, "proposed")]),
    ("Chủ tịch nước tặng Huân chương Lao động hạng Nhì cho Sở Giáo dục và Đào tạo.",
     [("huan_chuong_lao_dong", 1, None, None, "awarded")]),
    ("- Tập thể nhà trường đạt danh hiệu Tập thể lao động xuất sắc và được Chủ tịch UBND tỉnh tặng Bằng khen.",
     [("tap_the_lao_dong_xuat_sac", 1, None, None, "awarded"), ("bang_khen_cap_bo", 1, None, None, "awarded")]),
    ("Ghi nhận những đóng góp đó, tập thể BHXH tỉnh Nghệ An đã được Đảng, Nhà nước tặng thưởng Huân chương Lao động "
     "hạng Ba (năm 2005), Huân chương Lao động hạng Nhì (năm 2012), Cờ thi đua của Chính phủ (năm 2019) cùng nhiều "
     "Bằng khen của Thủ tướng Chính phủ.",
     [("huan_chuong_lao_dong", 1, None, None, "awarded"), ("huan_chuong_lao_dong", 1, None, None, "awarded"),
      ("co_thi_dua_chinh_phu", 1, None, None, "awarded")]),
    ("Chị được công nhận danh hiệu Chiến sĩ thi đua ngành BHXH Việt Nam năm 2023 và được Thủ tướng Chính phủ tặng "
     "Bằng khen năm 2024. Anh vinh dự được Chủ tịch UBND tỉnh tặng Bằng khen và 4 năm liền đạt danh hiệu Chiến sĩ thi "
     "đua cơ sở. Bà được Tổng Giám đốc BHXH Việt Nam tặng Bằng khen năm 2023.",
     [("chien_si_thi_dua_cap_bo", None, 1, None, "awarded"), ("bang_khen_thu_tuong", None, 1, None, "awarded"),
      ("bang_khen_cap_bo", None, 1, None, "awarded"), ("chien_si_thi_dua_co_so", None, 1, None, "awarded"),
      ("bang_khen_cap_bo", None, 1, None, "awarded")]),
    ("Thủ tướng Chính phủ tặng Cờ thi đua của Chính phủ cho 9 tập thể, Bằng khen cho 52 tập thể, cá nhân; Bộ trưởng "
     "tặng Bằng khen cho 215 tập thể và 1.126 cá nhân.",
     [("co_thi_dua_chinh_phu", 9, None, None, "awarded"), ("bang_khen_thu_tuong", None, None, 52, "awarded"),
      ("bang_khen_cap_bo", 215, 1126, None, "awarded")]),
    ("Năm 2024, Bộ đã trình cấp có thẩm quyền và được Chủ tịch nước phong tặng danh hiệu Anh hùng Lao động cho 1 tập "
     "thể, tặng Huân chương Độc lập hạng Ba cho 2 tập thể.",
     [("anh_hung_lao_dong", 1, None, None, "awarded"), ("huan_chuong_doc_lap", 2, None, None, "awarded")]),
    ("3. Thống nhất lựa chọn BHXH tỉnh Vĩnh Phúc đề nghị BHXH Việt Nam xem xét, trình Thủ tướng Chính phủ tặng Cờ thi "
     "đua của Chính phủ năm 2023.", [("co_thi_dua_chinh_phu", 1, None, None, "proposed")]),
    ("đề nghị Thủ tướng Chính phủ tặng Bằng khen cho 4 tập thể, 6 cá nhân và công nhận danh hiệu Chiến sĩ thi đua "
     "toàn quốc cho 1 cá nhân.",
     [("bang_khen_thu_tuong", 4, 6, None, "proposed"), ("chien_si_thi_dua_toan_quoc", None, 1, None, "proposed")]),
    ("Bệnh viện công nhận 08 khoa, phòng đạt danh hiệu “Tập thể Lao động xuất sắc”; 46 quân nhân được tặng Huy "
     "chương “Chiến sĩ vẻ vang” các hạng.",
     [("tap_the_lao_dong_xuat_sac", 8, None, None, "awarded"), ("huy_chuong", None, 46, None, "awarded")]),
    ("Anh Phan Văn Đức, Bí thư Đoàn xã Cẩm Lạc (huyện Cẩm Xuyên) được trao Huy hiệu “Tuổi trẻ dũng cảm”.",
     [("other", None, 1, None, "awarded")]),
    ("PGS.TS Lê Thị Minh Nguyệt, Trưởng khoa Khoa học Tự nhiên được đón nhận danh hiệu “Nhà giáo Ưu tú”.",
     [("other", None, 1, None, "awarded")]),
    ("Chủ tịch nước truy tặng danh hiệu Anh hùng Lực lượng vũ trang nhân dân cho Đại úy Trần Xuân Hòa.",
     [("anh_hung_luc_luong_vu_trang", None, 1, None, "awarded")]),
    ("Tổng Công ty tặng Cờ thi đua cho Điện lực Thành phố Vinh; Xóm Trung Thành được Chủ tịch UBND tỉnh tặng Bằng khen.",
     [("co_thi_dua_cap_bo", 1, None, None, "awarded"), ("bang_khen_cap_bo", 1, None, None, "awarded")]),
    ("Giai đoạn 2019 - 2024, toàn BĐBP tỉnh có 348 tập thể, 1.627 cá nhân được các cấp khen thưởng, trong đó: Huân "
     "chương Chiến công hạng Ba (02 tập thể, 04 cá nhân); Bằng khen của Thủ tướng Chính phủ (03 tập thể, 05 cá nhân).",
     [("other", 348, 1627, None, "awarded"), ("huan_chuong_chien_cong", 2, 4, None, "awarded"),
      ("bang_khen_thu_tuong", 3, 5, None, "awarded")]),
    ("Chủ tịch UBND huyện tặng Giấy khen cho 05 TT, 12 CN; 03 công đoàn cấp trên cơ sở và 05 công đoàn cơ sở được "
     "tặng Cờ thi đua của Tổng Liên đoàn.",
     [("giay_khen", 5, 12, None, "awarded"), ("co_thi_dua_cap_bo", 8, None, None, "awarded")]),
    ("Huân chương Lao động hạng Ba: 01 tập thể (UBND xã Hiệp An) và 01 cá nhân.",
     [("huan_chuong_lao_dong", 1, 1, None, "awarded")]),
    ("Thiếu tướng Trần Văn Hải đã trao Huân chương Bảo vệ Tổ quốc hạng Ba cho Thượng tá Nguyễn Văn Thắng, Đồn "
     "trưởng Đồn Biên phòng Bãi Ớt và Trung tá Lâm Quốc Bảo, Đội trưởng Đội đặc nhiệm.",
     [("huan_chuong_bao_ve_to_quoc", None, 2, None, "awarded")]),
    ('Điều 4. Giao Văn phòng Sở trình Chủ tịch Ủy ban nhân dân tỉnh công nhận danh hiệu "Tập thể Lao động xuất sắc" '
     'cho 05 tập thể, tặng danh hiệu "Chiến sĩ thi đua cấp tỉnh" cho ông Vũ Đức Mạnh, Trưởng phòng Quản lý kết cấu '
     "hạ tầng giao thông và tặng Bằng khen cho 03 tập thể, 08 cá nhân.",
     [("tap_the_lao_dong_xuat_sac", 5, None, None, "proposed"), ("chien_si_thi_dua_cap_bo", None, 1, None, "proposed"),
      ("bang_khen_cap_bo", 3, 8, None, "proposed")]),
    ("Đồng chí Nguyễn Văn An - Giám đốc BHXH tỉnh được tặng Huân chương Lao động hạng Ba vì đã có thành tích. "
     "Hiện BHXH tỉnh đang đề nghị Chủ tịch nước tặng Huân chương Lao động hạng Ba cho đồng chí Huỳnh Thanh Tâm.",
     [("huan_chuong_lao_dong", None, 1, None, "awarded"), ("huan_chuong_lao_dong", None, 1, None, "proposed")]),
]


@pytest.mark.parametrize(("sentence", "expected"), STATEMENTS)
def test_award_statements(sentence: str, expected: list[tuple]) -> None:
    found = find_awards(sentence)
    assert [(a.award, a.collectives, a.individuals, a.mixed, a.status) for a in found] == expected
    for a in found:
        assert sentence[a.start : a.end] == a.text


def test_a_recipients_name_ends_before_the_decision_that_names_it() -> None:
    [a] = find_awards("đã trao Huân chương Lao động hạng Nhì cho tập thể BHXH tỉnh Bến Tre theo Quyết định số 215/QĐ-CTN")
    assert (a.recipient, a.collectives) == ("BHXH tỉnh Bến Tre", 1)


def test_a_report_of_results_is_not_a_proposal_because_an_earlier_sentence_says_trình() -> None:
    text = ("Năm 2024, Sở Nội vụ đã thẩm định, trình cấp có thẩm quyền khen thưởng. Kết quả cụ thể:\n"
            "1. Khen thưởng cấp Nhà nước\n"
            "- Huân chương Độc lập hạng Ba: 01 tập thể;\n"
            "- HCLĐ hạng Ba: 05 tập thể, 09 cá nhân;")
    assert [(a.award, a.status) for a in find_awards(text)] == [
        ("huan_chuong_doc_lap", "awarded"), ("huan_chuong_lao_dong", "awarded")]


def test_rank_and_authority_are_kept() -> None:
    [a] = find_awards("tặng Huân chương Lao động hạng Nhì cho đồng chí Trần Văn An")
    assert (a.rank, a.recipient) == ("Nhì", "Trần Văn An")
    [b] = find_awards("12 tập thể được tặng Cờ Thi đua của BHXH Việt Nam")
    assert b.authority == "BHXH Việt Nam"


NOT_STATEMENTS = [
    "xét tặng Cờ Thi đua của BHXH Việt Nam, Bằng khen của Tổng Giám đốc và đề nghị Thủ tướng Chính phủ tặng "
    "Bằng khen đối với những tập thể, cá nhân có thành tích xuất sắc",
    "Công tác thi đua phải gắn với khen thưởng, kịp thời biểu dương, tôn vinh những tập thể, cá nhân xuất sắc.",
    "Hội đồng Thi đua – Khen thưởng BHXH Việt Nam họp ngày 12/3.",
    "Theo đề nghị của Vụ trưởng Vụ Thi đua - Khen thưởng.",
    "phát động phong trào thi đua năm 2025 trong toàn Ngành",
    "Mỗi Cụm thi đua suy tôn không quá 02 đơn vị dẫn đầu để đề nghị tặng Cờ thi đua",
    "BHXH tỉnh đã nhiều lần được tặng Cờ thi đua của BHXH Việt Nam",
    "Mỗi BHXH tỉnh đề xuất không quá 01 tập thể và 02 cá nhân đề nghị Thủ tướng Chính phủ tặng Bằng khen",
    "Hội đồng không thống nhất đề nghị tặng Bằng khen cho 02 tập thể và 01 cá nhân do hồ sơ chưa đầy đủ.",
    "Năm 2024, 11 phòng nghiệp vụ thực hiện quy trình, hồ sơ bình xét thi đua, khen thưởng đúng quy định.",
    "Đối với 01 trường hợp đề nghị tặng Bằng khen của Thủ tướng Chính phủ chỉ đạt 63,6% số phiếu tán thành, "
    "Hội đồng không xem xét đề nghị khen thưởng đợt này.",
]


@pytest.mark.parametrize("sentence", NOT_STATEMENTS)
def test_mentions_without_counts_are_not_statements(sentence: str) -> None:
    assert find_awards(sentence) == []


def test_one_event_told_three_times_is_one_statement() -> None:
    text = ("BHXH tỉnh Lai Châu đón nhận Huân chương Lao động hạng Ba\n"
            "Sáng 12/3, BHXH tỉnh Lai Châu tổ chức Lễ đón nhận Huân chương Lao động hạng Ba. "
            "Thừa ủy quyền, đồng chí Phó Chủ tịch UBND tỉnh trao Huân chương Lao động hạng Ba cho BHXH tỉnh.")
    assert [(a.award, a.collectives, a.recipient) for a in find_awards(text)] == [
        ("huan_chuong_lao_dong", 1, "BHXH tỉnh")]


def test_list_items_under_a_proposal_are_proposed_unless_already_received() -> None:
    text = ("II. ĐỀ NGHỊ KHEN THƯỞNG\n"
            "Hội đồng thống nhất đề nghị Tổng Giám đốc xem xét, khen thưởng như sau:\n"
            "2.1. Tặng Cờ thi đua của BHXH Việt Nam cho 01 tập thể;\n"
            "2.2. Tặng Bằng khen của Tổng Giám đốc cho 03 tập thể và 08 cá nhân;\n"
            "- Phòng Quản lý thu: đã được Thủ tướng Chính phủ tặng Bằng khen năm 2022.")
    assert [(a.award, a.status) for a in find_awards(text)] == [
        ("co_thi_dua_cap_bo", "proposed"), ("bang_khen_cap_bo", "proposed"), ("bang_khen_thu_tuong", "awarded")]


REPORT = """BÁO CÁO THÀNH TÍCH
Tên tập thể đề nghị: Bảo hiểm xã hội huyện Nông Cống
III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG
- Năm 2020: Tập thể Lao động xuất sắc (Quyết định số 88/QĐ-BHXH ngày 14/01/2021);
- Năm 2021: Tập thể Lao động xuất sắc (Quyết định số 102/QĐ-BHXH ngày 18/01/2022);
- Năm 2022: Bằng khen của Tổng Giám đốc BHXH Việt Nam (Quyết định số 1234/QĐ-BHXH ngày 15/01/2023)."""


def test_awards_listed_by_year_are_the_reports_subjects_one_each() -> None:
    found = [(a.award, a.collectives, a.individuals, a.status) for a in find_awards(REPORT)]
    assert found == [("tap_the_lao_dong_xuat_sac", 1, None, "awarded"), ("tap_the_lao_dong_xuat_sac", 1, None, "awarded"),
                     ("bang_khen_cap_bo", 1, None, "awarded")]
    person = REPORT.replace("Tên tập thể đề nghị: Bảo hiểm xã hội huyện Nông Cống", "1. Họ và tên: Nguyễn Văn An")
    assert [(a.collectives, a.individuals) for a in find_awards(person)][-1] == (None, 1)


def _top_level(pattern: str) -> list[str]:
    """The alternatives of ``pattern`` outside any group."""
    parts, depth, current = [], 0, ""
    for char in pattern:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "|" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


def test_every_award_of_the_taxonomy_is_seen_by_the_first_pass() -> None:
    """Each label, and each abbreviation in a pattern (HCLĐ, CSTĐCS, BK …), holds a first-pass word."""
    from extract.awards import _award_word_positions, _grammar

    for record, _rx in _grammar()["records"]:
        alternatives = (re.sub(r"\(\?<?[=!][^)]*\)", "", alt) for alt in _top_level(record.pattern))
        abbreviations = [alt for alt in alternatives if re.fullmatch(r"[A-ZĐ]{2,}[A-Za-zĐđ]*", alt)]
        for name in (record.label, *abbreviations):
            assert _award_word_positions(name), (record.key, name)
