"""The rule file (generate/rules/nd30.yaml and generate/layout.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generate import RulesError, load_rules
from generate.layout import RULES_PATH


def test_the_packaged_rules_hold_the_decree_values(rules):
    assert rules.page.width_mm == 210 and rules.page.height_mm == 297
    assert (rules.page.margins_mm.left.min, rules.page.margins_mm.left.max) == (30, 35)
    assert (rules.page.margins_mm.right.min, rules.page.margins_mm.right.max) == (15, 20)
    national = rules.element("national_name")
    assert (national.size.min, national.size.max, national.bold) == (12, 13, True)
    assert rules.element("number").size.min == rules.element("number").size.max == 13
    assert rules.element("place_date").italic is True
    assert rules.element("cc_label").bold and rules.element("cc_label").italic
    assert rules.element("cc_item").size.use == 11
    assert rules.element("body").first_line_indent_cm.allowed == [1.0, 1.27]
    assert rules.font.slots == ["ascii", "hAnsi", "cs", "eastAsia"]


def _broken(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(RULES_PATH.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(("change", "field"), [
    (lambda d: d["elements"]["motto"]["size"].update(use=16), "elements.motto.size"),
    (lambda d: d["elements"]["number"].update(pattern="([unclosed"), "elements.number.pattern"),
    (lambda d: d["elements"].pop("agency"), "elements missing: agency"),
    (lambda d: d["elements"]["place_date"].update(same_row_as="nowhere"), "unknown element 'nowhere'"),
    (lambda d: d["page"].pop("margins_mm"), "page.margins_mm"),
    (lambda d: d["elements"]["body"].update(colour="red"), "elements.body.colour"),
])
def test_a_bad_rule_file_fails_at_load_naming_the_file_and_field(tmp_path, change, field):
    path = _broken(tmp_path, change)
    with pytest.raises(RulesError) as caught:
        load_rules(path)
    assert str(path) in str(caught.value)
    assert field in str(caught.value)


def test_a_missing_or_unparsable_rule_file_is_a_rules_error(tmp_path):
    with pytest.raises(RulesError, match="cannot read"):
        load_rules(tmp_path / "none.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("elements: [\n", encoding="utf-8")
    with pytest.raises(RulesError, match="not valid YAML"):
        load_rules(bad)


def test_every_element_has_a_label_and_a_region(rules):
    for name, rule in rules.elements.items():
        assert rule.label and rule.region, name
    assert rules.in_region("header_right_top") == ["national_name", "motto"]
