"""Last year's letter → this year's input (generate/prefill.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from extract.models import DateItem, Extraction, Issuer, Signer, TargetItem
from generate import PrefillError, prefill_directive

TEXT = """BẢO HIỂM XÃ HỘI VIỆT NAM
BẢO HIỂM XÃ HỘI TỈNH HÀ TĨNH
Số: 148/BHXH-TĐKT
V/v phát động phong trào thi đua năm 2025
1. Mục đích, yêu cầu
- Động viên viên chức thi đua hoàn thành nhiệm vụ năm 2025;
- Phát hiện, nhân rộng điển hình tiên tiến.
2. Nội dung thi đua
- Đẩy mạnh cải cách thủ tục hành chính;
- Thi đua lập thành tích chào mừng các ngày lễ lớn:
+ Kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2025);
+ Kỷ niệm 30 năm Ngày thành lập ngành Bảo hiểm xã hội Việt Nam (16/02/1995 - 16/02/2025).
3. Tổ chức thực hiện
- Văn phòng theo dõi, tổng hợp.
"""


def _range(text: str, start: str, end: str) -> DateItem:
    at = TEXT.index(text)
    return DateItem(text=text, start=at, end=at + len(text), value=start, end_value=end, granularity="day")


def extraction(**changes) -> Extraction:
    data = dict(
        source="cv_2025.docx", kind="cong_van", number="148/BHXH-TĐKT", issued_date="2025-02-10",
        place="Hà Tĩnh",
        issuer=Issuer(parent="BẢO HIỂM XÃ HỘI VIỆT NAM", name="BẢO HIỂM XÃ HỘI TỈNH HÀ TĨNH"),
        subject="phát động phong trào thi đua năm 2025", recipients=["Các phòng nghiệp vụ", "BHXH cơ sở"],
        signer=Signer(authority="KT. GIÁM ĐỐC", title="PHÓ GIÁM ĐỐC", name="Nguyễn Văn An"),
        cc=["- Như trên;", "- BHXH Việt Nam (để b/c);", "- Lưu: VT, TĐKT."],
        theme="Đoàn kết, kỷ cương năm 2025", text=TEXT,
        periods=[_range("03/02/1930 - 03/02/2025", "1930-02-03", "2025-02-03"),
                 _range("16/02/1995 - 16/02/2025", "1995-02-16", "2025-02-16")],
        targets=[
            TargetItem(text="10.101,8 tỷ đồng", start=0, end=1, value=10101800000000, unit="đồng",
                       metric="tổng số thu", kind="target", comparator="thu đạt"),
            TargetItem(text="46,50%", start=0, end=1, value=46.5, unit="%", metric="lực lượng lao động tham gia",
                       kind="target"),
            TargetItem(text="40,1%", start=0, end=1, value=40.1, unit="%", metric="đã đạt", kind="result"),
        ],
    )
    data.update(changes)
    return Extraction(**data)


def test_the_issuer_unit_and_signer_are_kept_and_the_number_left_empty():
    d = prefill_directive(extraction(), 2026)
    assert (d.issuer.abbreviation, d.unit, d.number, d.date, d.campaign_year) == ("BHXH", "TĐKT", None, None, 2026)
    assert d.issuer.parent == "BẢO HIỂM XÃ HỘI VIỆT NAM"
    assert (d.signer.authority, d.signer.title, d.signer.deputy_title) == ("KT.", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
    assert d.recipients == ["Các phòng nghiệp vụ", "BHXH cơ sở"]


def test_years_in_the_subject_theme_and_lists_move_to_the_new_year():
    d = prefill_directive(extraction(), 2026)
    assert d.subject == "phát động phong trào thi đua năm 2026"
    assert d.theme == "Đoàn kết, kỷ cương năm 2026"
    assert d.purposes == ["Động viên viên chức thi đua hoàn thành nhiệm vụ năm 2026",
                          "Phát hiện, nhân rộng điển hình tiên tiến"]
    assert d.contents == ["Đẩy mạnh cải cách thủ tục hành chính"]


def test_occasions_keep_their_founding_day_so_the_count_becomes_96(make_directive, rules):
    from generate.compose import known_blocks
    from generate.wording import wording

    d = prefill_directive(extraction(), 2026)
    assert [(o.name, o.start) for o in d.occasions] == [
        ("Ngày thành lập Đảng Cộng sản Việt Nam", dt.date(1930, 2, 3)),
        ("Ngày thành lập ngành Bảo hiểm xã hội Việt Nam", dt.date(1995, 2, 16)),
    ]
    body = " ".join(b.text for b in wording(d, known_blocks(rules)))
    assert "Kỷ niệm 96 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2026)" in body
    assert "Kỷ niệm 31 năm Ngày thành lập ngành Bảo hiểm xã hội Việt Nam" in body


def test_targets_keep_last_years_values_with_money_back_in_ty_dong():
    d = prefill_directive(extraction(), 2026)
    assert [(t.metric, t.value, t.unit, t.comparator) for t in d.targets] == [
        ("tổng số thu", 10101.8, "tỷ đồng", "thu đạt"),
        ("lực lượng lao động tham gia", 46.5, "%", "phấn đấu đạt"),
    ]


def test_noi_nhan_drops_luu_into_the_archive_codes():
    d = prefill_directive(extraction(), 2026)
    assert d.cc == ["Như trên", "BHXH Việt Nam (để b/c)"]
    assert d.archive == ["VT", "TĐKT"]


def test_a_ke_hoach_takes_the_agency_from_after_the_type_code():
    d = prefill_directive(extraction(kind="ke_hoach", number="15/KH-BHXH"), 2026)
    assert (d.kind, d.issuer.abbreviation, d.unit, d.symbol) == ("ke_hoach", "BHXH", None, "KH-BHXH")


def test_results_are_used_when_the_letter_set_no_targets():
    only_results = [t for t in extraction().targets if t.kind == "result"]
    d = prefill_directive(extraction(targets=only_results), 2026)
    assert [(t.value, t.unit) for t in d.targets] == [(40.1, "%")]


@pytest.mark.parametrize(("changes", "message"), [
    ({"number": None}, "has no symbol"),
    ({"number": "148"}, "has no symbol"),
    ({"place": None}, "place"),
    ({"signer": Signer()}, "signer"),
])
def test_what_a_draft_cannot_do_without_is_named(changes, message):
    with pytest.raises(PrefillError, match=message) as caught:
        prefill_directive(extraction(**changes), 2026)
    assert "cv_2025.docx" in str(caught.value)
