"""The Nghị định 30 layout rules: loaded from ``rules/nd30.yaml`` and validated.

The same :class:`LayoutRules` drives the builder (every ``use`` value) and the checker
(every ``min``/``max``/``allowed`` and boolean). A bad rule file fails at load with
the file, the field and the reason.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from generate.exceptions import RulesError

RULES_PATH = Path(__file__).with_name("rules") / "nd30.yaml"

Align = Literal["left", "center", "right", "justify"]
Slot = Literal["ascii", "hAnsi", "cs", "eastAsia"]
Region = Literal[
    "header_left_top", "header_left_bottom", "header_right_top", "header_right_bottom",
    "heading", "grounds", "addressee", "body", "signature", "cc",
]
"""Where an element goes: a cell of the header table, the title block, the body, or
a side of the signature table."""


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Span(_Rule):
    """An allowed range with the value the builder uses."""

    min: float | None = None
    max: float | None = None
    use: float

    @model_validator(mode="after")
    def _use_in_range(self) -> Span:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min} is above max {self.max}")
        if not self.contains(self.use):
            raise ValueError(f"use {self.use} is outside [{self.min}, {self.max}]")
        return self

    def contains(self, value: float, tolerance: float = 1e-6) -> bool:
        """Whether ``value`` is within the range (open ends always pass)."""
        if self.min is not None and value < self.min - tolerance:
            return False
        return not (self.max is not None and value > self.max + tolerance)

    def describe(self, unit: str = "") -> str:
        """The range in words: "12–13 pt", "≥ 6 pt", "13 pt"."""
        def fmt(x: float) -> str:
            return f"{x:g}".replace(".", ",")

        if self.min is not None and self.max is not None:
            text = fmt(self.min) if self.min == self.max else f"{fmt(self.min)}–{fmt(self.max)}"
        elif self.min is not None:
            text = f"≥ {fmt(self.min)}"
        elif self.max is not None:
            text = f"≤ {fmt(self.max)}"
        else:
            text = fmt(self.use)
        return f"{text} {unit}".strip()


class Choice(_Rule):
    """A value that must be one of ``allowed`` (within the file's indent tolerance)."""

    allowed: list[float] = Field(min_length=1)
    use: float

    @model_validator(mode="after")
    def _use_allowed(self) -> Choice:
        if self.use not in self.allowed:
            raise ValueError(f"use {self.use} is not one of {self.allowed}")
        return self


class Gap(_Rule):
    """The vertical space between this element and an earlier one."""

    element: str
    min: float
    max: float
    use: float


class Punctuation(_Rule):
    """How the lines of a list end."""

    item: str
    last: str


class ElementRule(_Rule):
    """Everything the decree says about one element of the document."""

    label: str
    region: Region
    locate: str | None = None
    pattern: str | None = None
    pattern_hint: str | None = None
    size: Span
    bold: bool | None = None
    italic: bool | None = None
    case: Literal["upper"] | None = None
    align: Align | None = None
    one_line: bool = False
    line_spacing: Span | None = None
    space_before_pt: Span | None = None
    space_after_pt: Span | None = None
    space_between_pt: Span | None = None
    first_line_indent_cm: Choice | None = None
    rule: Span | None = None
    same_row_as: str | None = None
    gap_after: Gap | None = None
    list_punctuation: Punctuation | None = None
    indent_cm: Span | None = None
    last_pattern: str | None = None
    last_hint: str | None = None
    first_when_recipients: str | None = None

    @field_validator("locate", "pattern", "last_pattern")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"not a valid regular expression: {exc}") from exc
        return value

    def regex(self, which: Literal["locate", "pattern", "last_pattern"]) -> re.Pattern[str] | None:
        """The compiled expression of ``which``, or None when the rule has none."""
        source = getattr(self, which)
        return _compiled(source) if source else None


class Margins(_Rule):
    top: Span
    bottom: Span
    left: Span
    right: Span


class PageRule(_Rule):
    width_mm: float
    height_mm: float
    tolerance_mm: float
    orientation: Literal["portrait", "landscape"]
    margins_mm: Margins
    header_distance_mm: float


class FontRule(_Rule):
    name: str
    slots: list[Slot]
    colors: list[str]
    use_color: str


class PageNumberRule(_Rule):
    label: str
    size: Span
    align: Align
    bold: bool
    italic: bool
    first_page_hidden: bool


class TableGeometry(_Rule):
    columns_mm: list[float] = Field(min_length=2, max_length=2)
    gap_before_pt: float = 0
    signature_space_pt: float = 0


class Tolerances(_Rule):
    margin_mm: float
    same_row_pt: float
    rule_ratio: float
    indent_cm: float
    dash_alignment_cm: float


ElementName = Literal[
    "national_name", "motto", "parent_agency", "agency", "number", "place_date", "summary",
    "title", "title_summary", "grounds", "recipients", "body", "section_heading",
    "item_heading", "signer_authority", "signer_name", "cc_label", "cc_item",
]


class LayoutRules(_Rule):
    """The whole rule file."""

    source: str
    font: FontRule
    page: PageRule
    page_number: PageNumberRule
    header_table: TableGeometry
    signature_table: TableGeometry
    tolerances: Tolerances
    labels: dict[str, str]
    rule_labels: dict[str, str]
    typed_rule_pattern: str
    elements: dict[ElementName, ElementRule]

    @model_validator(mode="after")
    def _complete(self) -> LayoutRules:
        missing = set(ElementName.__args__) - set(self.elements)
        if missing:
            raise ValueError(f"elements missing: {', '.join(sorted(missing))}")
        for name, rule in self.elements.items():
            for ref in (rule.same_row_as, rule.gap_after.element if rule.gap_after else None):
                if ref is not None and ref not in self.elements:
                    raise ValueError(f"elements.{name} refers to unknown element {ref!r}")
        return self

    def in_region(self, region: Region) -> list[ElementName]:
        """The elements placed in ``region``, in file order."""
        return [name for name, rule in self.elements.items() if rule.region == region]

    def label(self, element: str) -> str:
        """What a văn thư calls ``element`` (an element or another checked part)."""
        if element in self.elements:
            return self.elements[element].label  # type: ignore[index]
        return self.labels.get(element, element)

    def rule_label(self, rule: str) -> str:
        """The name of a check."""
        return self.rule_labels.get(rule, rule)

    def element(self, name: ElementName) -> ElementRule:
        """The rule of one element."""
        return self.elements[name]

    @property
    def text_width_mm(self) -> float:
        """Width between the margins the builder uses."""
        margins = self.page.margins_mm
        return self.page.width_mm - margins.left.use - margins.right.use


@lru_cache(maxsize=256)
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source)


def load_rules(path: Path = RULES_PATH) -> LayoutRules:
    """Read and validate a rule file.

    Raises:
        RulesError: the file is missing, is not YAML, or breaks the rule schema; the
            message names the file and the field.
    """
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RulesError(f"{path}: cannot read the layout rules ({exc.strerror})") from exc
    except yaml.YAMLError as exc:
        raise RulesError(f"{path}: not valid YAML: {exc}") from exc
    try:
        return LayoutRules.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(file)'}: {err['msg']}" for err in exc.errors()
        )
        raise RulesError(f"{path}: invalid layout rules — {problems}") from exc


@lru_cache(maxsize=1)
def get_rules() -> LayoutRules:
    """The packaged Nghị định 30 rules, loaded once."""
    return load_rules()
