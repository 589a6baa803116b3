"""The drafting input (generate/schema.py)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from generate import Directive, DirectiveError, directive_from_data, dump_directive, load_directive
from generate.schema import directive_to_data


def test_both_samples_load(sample_paths, sample_kind):
    directive = load_directive(sample_paths[sample_kind])
    assert directive.kind == sample_kind
    assert directive.campaign_year == 2026


def test_names_and_titles_are_put_in_capitals(make_directive):
    d = make_directive()
    assert d.issuer.name == "BẢO HIỂM XÃ HỘI TỈNH HÀ TĨNH"
    assert d.issuer.parent == "BẢO HIỂM XÃ HỘI VIỆT NAM"
    assert (d.signer.title, d.signer.deputy_title) == ("GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")


def test_symbols_follow_the_decree(make_directive):
    assert make_directive("cong_van", number=5).number_and_symbol == "05/BHXH-TĐKT"
    assert make_directive("cong_van", number=148).number_and_symbol == "148/BHXH-TĐKT"
    assert make_directive("ke_hoach", number=15).number_and_symbol == "15/KH-SNV"
    assert make_directive("cong_van", number=None).number_and_symbol == "     /BHXH-TĐKT"


def test_text_is_folded_to_one_line_and_list_punctuation_dropped(make_directive):
    d = make_directive(recipients=["  Trưởng các\nphòng   nghiệp vụ; ", "Giám đốc BHXH cơ sở."])
    assert d.recipients == ["Trưởng các phòng nghiệp vụ", "Giám đốc BHXH cơ sở"]


def test_subject_drops_a_typed_vv_and_starts_lower_case(make_directive):
    assert make_directive(subject="V/v Phát động thi đua").subject == "phát động thi đua"
    assert make_directive(subject="BHXH phát động").subject == "BHXH phát động"


def test_the_year_comes_from_the_date_or_is_given_when_the_date_is_left_blank(make_directive):
    assert make_directive(date="2025-12-30").campaign_year == 2025
    assert make_directive(date=None, year=2027).campaign_year == 2027


@pytest.mark.parametrize(("changes", "field", "reason"), [
    ({"kind": "quyet_dinh"}, "kind", "Input should be 'cong_van' or 'ke_hoach'"),
    ({"unit": None}, "(input)", "unit is required for a công văn"),
    ({"unit": "TĐ KT"}, "unit", "not a symbol group"),
    ({"number": 0}, "number", "greater than or equal to 1"),
    ({"date": "2026-02-30"}, "date", "date"),
    ({"date": None}, "(input)", "give date, or year"),
    ({"recipients": []}, "(input)", "at least one recipient"),
    ({"subject": "   "}, "subject", "must not be empty"),
    ({"signer": {"authority": "KT.", "title": "GIÁM ĐỐC", "name": "A"}}, "signer", "deputy_title is required"),
    ({"signer": {"authority": "XX.", "title": "GIÁM ĐỐC", "name": "A"}}, "signer.authority", "Input should be"),
    ({"targets": [{"metric": "thu", "value": -1, "unit": "%"}]}, "targets.0.value", "greater than or equal to 0"),
    ({"targets": [{"metric": "thu", "unit": "%"}]}, "targets.0.value", "Field required"),
    ({"occasions": [{"name": "Ngày X"}]}, "occasions.0", "give start"),
    ({"occasions": [{"name": "Ngày X", "start": "2026-05-01"}]}, "(input)", "not before the campaign year"),
    ({"colour": "red"}, "colour", "Extra inputs are not permitted"),
    ({"archive": ["vt"]}, "archive.0", "not a symbol group"),
    ({"recipients": ["A\x07"]}, "recipients.0", "control character"),
])
def test_invalid_input_names_the_field_and_the_reason(sample_data, changes, field, reason):
    data = sample_data("cong_van")
    data.update(changes)
    with pytest.raises(DirectiveError) as caught:
        directive_from_data(data, source="in.yaml")
    problems = dict(caught.value.problems)
    assert field in problems, problems
    assert reason in problems[field]
    assert "in.yaml" in str(caught.value)


def test_a_file_that_is_not_yaml_or_not_a_mapping_is_reported_with_its_name(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: [cong_van\n", encoding="utf-8")
    with pytest.raises(DirectiveError, match="bad.yaml.*cannot parse"):
        load_directive(bad)
    listing = tmp_path / "list.yaml"
    listing.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(DirectiveError, match="expected a mapping"):
        load_directive(listing)
    with pytest.raises(DirectiveError, match="cannot read"):
        load_directive(tmp_path / "missing.yaml")


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_dump_then_load_gives_the_same_directive(tmp_path, make_directive, sample_kind, suffix):
    directive = make_directive(sample_kind)
    path = tmp_path / f"in{suffix}"
    dump_directive(directive, path)
    assert load_directive(path) == directive
    if suffix == ".json":
        assert json.loads(path.read_text(encoding="utf-8"))["kind"] == sample_kind


def test_plain_data_has_iso_dates():
    data = directive_to_data(Directive.model_validate({
        "kind": "ke_hoach", "issuer": {"name": "Sở Nội vụ", "abbreviation": "SNV"}, "place": "Huế",
        "date": dt.date(2026, 3, 1), "subject": "kế hoạch", "signer": {"title": "Giám đốc", "name": "A"},
    }))
    assert data["date"] == "2026-03-01"
    assert "number" not in data
