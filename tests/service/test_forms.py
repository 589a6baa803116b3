"""The drafting form: posted fields become the library's drafting input, and fill the form again."""

from __future__ import annotations

from starlette.datastructures import FormData

from generate import directive_from_data
from service.web.forms import directive_data, field_label, form_values, reason_text
from tests.service.conftest import draft_data


def _form(pairs: list[tuple[str, str]]) -> FormData:
    return FormData(pairs)


def test_rows_lines_and_numbers_are_read_the_vietnamese_way() -> None:
    data = directive_data(_form([
        ("kind", "ke_hoach"), ("issuer_name", "Bảo hiểm xã hội tỉnh Hà Tĩnh"), ("issuer_abbreviation", "BHXH"),
        ("recipients", "Các phòng\n\n  Các đơn vị  \n"), ("archive", "VT, TĐKT"),
        ("target_metric", "dân số tham gia BHYT"), ("target_value", "95,2"), ("target_unit", "%"),
        ("target_comparator", ""),
        ("target_metric", "thu"), ("target_value", "10.101,8"), ("target_unit", "tỷ đồng"), ("target_comparator", ""),
        ("target_metric", "người tham gia mới"), ("target_value", "12.500"), ("target_unit", "người"),
        ("target_comparator", "phát triển mới"),
        ("target_metric", ""), ("target_value", ""), ("target_unit", ""), ("target_comparator", ""),
        ("impl_unit", "Văn phòng"), ("impl_tasks", "Tham mưu\nTổng hợp"),
        ("occasion_name", "Ngày thành lập Đảng"), ("occasion_start", "1930-02-03"), ("occasion_date", ""),
        ("signer_title", "Giám đốc"), ("signer_name", "Nguyễn Văn An"), ("signer_authority", ""),
    ]))
    assert data["recipients"] == ["Các phòng", "Các đơn vị"]
    assert data["archive"] == ["VT", "TĐKT"]
    assert [t["value"] for t in data["targets"]] == [95.2, 10101.8, 12500.0]
    assert data["targets"][2]["comparator"] == "phát triển mới" and "comparator" not in data["targets"][0]
    assert data["implementation"] == [{"unit": "Văn phòng", "tasks": ["Tham mưu", "Tổng hợp"]}]
    assert data["occasions"] == [{"name": "Ngày thành lập Đảng", "start": "1930-02-03"}]
    assert data["signer"] == {"title": "Giám đốc", "name": "Nguyễn Văn An"}
    assert "date" not in data and "unit" not in data


def test_a_value_that_is_no_number_is_kept_for_the_library_to_refuse() -> None:
    data = directive_data(_form([("target_metric", "x"), ("target_value", "nhiều"), ("target_unit", "%")]))
    assert data["targets"][0]["value"] == "nhiều"


def test_the_form_filled_from_an_input_gives_the_same_input_back() -> None:
    original = directive_from_data(draft_data())
    values = form_values(original.model_dump(mode="json", exclude_none=True))
    pairs: list[tuple[str, str]] = [(name, values[name]) for name in (
        "kind", "unit", "number", "place", "date", "year", "subject", "opening", "theme", "closing", "recipients",
        "grounds", "purposes", "requirements", "contents", "cc", "archive")]
    pairs += [(f"issuer_{k}", v) for k, v in values["issuer"].items()]
    pairs += [(f"signer_{k}", v) for k, v in values["signer"].items()]
    for row in values["occasions"]:
        pairs += [("occasion_name", row["name"]), ("occasion_start", row["start"]), ("occasion_date", row["date"])]
    for row in values["targets"]:
        pairs += [("target_metric", row["metric"]), ("target_value", row["value"]), ("target_unit", row["unit"]),
                  ("target_comparator", row["comparator"])]
    for row in values["implementation"]:
        pairs += [("impl_unit", row["unit"]), ("impl_tasks", row["tasks"])]
    assert directive_from_data(directive_data(_form(pairs))) == original


def test_field_names_and_reasons_in_vietnamese() -> None:
    assert field_label("signer.name") == "Họ tên người ký"
    assert field_label("targets.0.value") == "Chỉ tiêu › 1 › value"
    assert reason_text("Field required") == "bắt buộc phải có"
    assert reason_text("something else") == "something else"


def test_an_empty_form_has_one_blank_row_of_each_kind() -> None:
    values = form_values({})
    assert values["kind"] == "cong_van"
    assert len(values["targets"]) == len(values["occasions"]) == len(values["implementation"]) == 1
