"""Properties over many generated inputs: every draft lints clean, and reads back.

The round trip (draft → .docx → ``extract.extract_file``) needs the extractor; it is
skipped, saying so, only while ``extract.extract_file`` does not exist.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import extract
from generate import directive_from_data, lint_docx, render_docx
from generate.wording import anniversary

AGENCIES = [
    ("Bảo hiểm xã hội Việt Nam", "Bảo hiểm xã hội tỉnh Hà Tĩnh", "BHXH", "Bảo hiểm xã hội tỉnh Hà Tĩnh"),
    ("Ủy ban nhân dân tỉnh Nghệ An", "Sở Nội vụ", "SNV", "Sở Nội vụ tỉnh Nghệ An"),
    (None, "Ủy ban nhân dân huyện Đức Thọ", "UBND", "Ủy ban nhân dân huyện"),
    ("Bộ Tài chính", "Kho bạc Nhà nước", "KBNN", None),
    (None, "Bộ Nội vụ", "BNV", "Bộ Nội vụ"),
]
PLACES = ["Hà Nội", "Hà Tĩnh", "Nghệ An", "Thành phố Hồ Chí Minh", "Đà Nẵng", "Huế"]
UNITS = ["TĐKT", "VP", "TCCB", "VX", "KHTC"]
RECIPIENTS = ["Trưởng các phòng nghiệp vụ", "Giám đốc Bảo hiểm xã hội cơ sở", "Các sở, ban, ngành",
              "Ủy ban nhân dân các huyện, thị xã", "Các đơn vị trực thuộc", "Ban Thi đua - Khen thưởng tỉnh"]
SUBJECTS = ["phát động phong trào thi đua yêu nước", "tổ chức phong trào thi đua",
            "phát động thi đua hoàn thành nhiệm vụ", "triển khai phong trào thi đua"]
METRICS = ["lực lượng lao động trong độ tuổi tham gia bảo hiểm xã hội", "dân số tham gia bảo hiểm y tế",
           "tổng số thu bảo hiểm xã hội", "hồ sơ được giải quyết đúng hạn", "kế hoạch giải ngân vốn đầu tư công"]
OCCASIONS = [
    ("Ngày thành lập Đảng Cộng sản Việt Nam", dt.date(1930, 2, 3)),
    ("Ngày sinh Chủ tịch Hồ Chí Minh", dt.date(1890, 5, 19)),
    ("Ngày Giải phóng miền Nam, thống nhất đất nước", dt.date(1975, 4, 30)),
    ("Ngày thành lập ngành Bảo hiểm xã hội Việt Nam", dt.date(1995, 2, 16)),
    ("Ngày Thương binh - Liệt sĩ", dt.date(1947, 7, 27)),
    ("Ngày Quốc khánh", dt.date(1945, 9, 2)),
]
MONEY = {"tỷ đồng": 1e9, "triệu đồng": 1e6}


@st.composite
def targets(draw: st.DrawFn) -> dict[str, Any]:
    unit = draw(st.sampled_from(["%", "tỷ đồng", "triệu đồng", "người"]))
    if unit == "%":
        value = draw(st.integers(1, 10000)) / 100
    elif unit == "người":
        value = float(draw(st.integers(2, 500000)))
    else:
        value = draw(st.integers(1, 99999)) / 10
    return {"metric": draw(st.sampled_from(METRICS)), "value": value, "unit": unit}


@st.composite
def directives(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["cong_van", "ke_hoach"]))
    parent, name, abbreviation, short = draw(st.sampled_from(AGENCIES))
    date = draw(st.dates(dt.date(2021, 1, 1), dt.date(2030, 12, 31)))
    occasions = draw(st.lists(st.sampled_from(OCCASIONS), max_size=3, unique=True))
    data: dict[str, Any] = {
        "kind": kind,
        "issuer": {"parent": parent, "name": name, "abbreviation": abbreviation, "short_name": short},
        "unit": draw(st.sampled_from(UNITS)),
        "number": draw(st.integers(1, 999)),
        "place": draw(st.sampled_from(PLACES)),
        "date": date.isoformat(),
        "subject": f"{draw(st.sampled_from(SUBJECTS))} năm {date.year}",
        "recipients": draw(st.lists(st.sampled_from(RECIPIENTS), min_size=1, max_size=4, unique=True)),
        "theme": draw(st.sampled_from([None, "Đoàn kết, kỷ cương, sáng tạo, hiệu quả"])),
        "occasions": [{"name": n, "start": s.isoformat()} for n, s in occasions],
        "purposes": draw(st.lists(st.sampled_from(["Động viên công chức thi đua", "Phát hiện điển hình tiên tiến"]),
                                  max_size=2, unique=True)),
        "targets": draw(st.lists(targets(), max_size=4, unique_by=lambda t: t["metric"])),
        "contents": draw(st.lists(st.sampled_from(["Đẩy mạnh cải cách hành chính", "Thực hành tiết kiệm"]),
                                  max_size=2, unique=True)),
        "signer": draw(st.sampled_from([
            {"authority": "KT.", "title": "Giám đốc", "deputy_title": "Phó Giám đốc", "name": "Nguyễn Văn An"},
            {"title": "Giám đốc", "name": "Trần Thị Bình"},
            {"authority": "TM.", "title": "Ủy ban nhân dân", "deputy_title": "Chủ tịch", "name": "Lê Văn Cường"},
        ])),
        "cc": draw(st.lists(st.sampled_from(["Bảo hiểm xã hội Việt Nam (để b/c)", "Lãnh đạo cơ quan"]),
                            max_size=2, unique=True)),
        "archive": ["VT", draw(st.sampled_from(UNITS))],
    }
    if kind == "ke_hoach" and draw(st.booleans()):
        data["recipients"] = []
    return data


@st.composite
def drafts_in_progress(draw: st.DrawFn) -> dict[str, Any]:
    """Inputs whose number, and perhaps day, are still left for the văn thư."""
    data = draw(directives())
    data["number"] = None
    if draw(st.booleans()):
        data["year"] = int(data.pop("date")[:4])
    return data


def draft(data: dict[str, Any]) -> io.BytesIO:
    stream = io.BytesIO()
    render_docx(directive_from_data(data), stream)
    stream.seek(0)
    return stream


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(directives(), drafts_in_progress()))
def test_every_draft_lints_clean(data):
    assert lint_docx(draft(data)) == []


# The round trip --------------------------------------------------------------------

def extract_file():
    """``extract.extract_file``; the round trip is skipped only while it does not exist."""
    function = getattr(extract, "extract_file", None)
    if function is None:
        pytest.skip("extract.extract_file does not exist yet (the extraction engine issue)")
    return function


def folded(text: str | None) -> str:
    text = unicodedata.normalize("NFC", text or "").casefold()
    return re.sub(r"\s+", " ", re.sub(r"^v/v\s*", "", text)).strip(" .")


def normalized(value: float, unit: str) -> tuple[float, str]:
    """A target as the extractor reports it: money in đồng, people in người."""
    if unit in MONEY:
        return value * MONEY[unit], "đồng"
    return value, unit


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(directives())
def test_a_draft_reads_back_through_the_extractor(tmp_path_factory, data):
    read = extract_file()
    directive = directive_from_data(data)
    path = tmp_path_factory.mktemp("roundtrip") / "draft.docx"
    render_docx(directive, path)
    result = read(path)

    assert result.number == directive.number_and_symbol
    assert result.issued_date == directive.date.isoformat()
    assert folded(result.subject) == folded(directive.subject)
    found = [(t.value, t.unit) for t in result.targets]
    for target in directive.targets:
        value, unit = normalized(target.value, target.unit)
        assert any(u == unit and v == pytest.approx(value, rel=1e-9) for v, u in found), (target, found)
    items = [*result.dates, *result.periods]
    for occasion in directive.occasions:
        start = occasion.start.isoformat()
        end = anniversary(occasion.start, directive.campaign_year).isoformat()
        ranged = any(d.value == start and d.end_value == end for d in items)
        apart = {start, end} <= {d.value for d in items}
        assert ranged or apart, (occasion, [(d.text, d.value, d.end_value) for d in items])
