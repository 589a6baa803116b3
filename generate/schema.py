"""The drafting input: a :class:`Directive`, read from YAML or JSON.

Text fields are single lines: whitespace (newlines included) collapses to one space,
Unicode is NFC, and trailing list punctuation (";", ".", ",") is dropped because the
layout adds its own. Names of agencies and signer titles are put in capitals, as the
decree writes them. Problems are reported by :class:`DirectiveError` with each field
and its reason.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from generate.exceptions import DirectiveError

_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SYMBOL_PART = re.compile(r"^[A-ZĐ][A-Za-zĐđ0-9]*$")


def _clean(value: str) -> str:
    value = unicodedata.normalize("NFC", value)
    if _CONTROL.search(value):
        raise ValueError("contains a control character")
    value = _SPACES.sub(" ", value).strip()
    if not value:
        raise ValueError("must not be empty")
    return value


def _clean_item(value: str) -> str:
    value = _clean(value).rstrip(";,.").rstrip()
    if not value:
        raise ValueError("must not be empty")
    return value


def _upper(value: str) -> str:
    return _clean(value).upper()


def _symbol_part(value: str) -> str:
    value = _clean(value)
    if not _SYMBOL_PART.match(value):
        raise ValueError(
            f"{value!r} is not a symbol group: letters and digits starting with a capital, "
            "no spaces or dashes (e.g. BHXH, TĐKT, UBND)"
        )
    return value


Line = Annotated[str, AfterValidator(_clean)]
"""One line of user text."""
Item = Annotated[str, AfterValidator(_clean_item)]
"""One list item: the layout adds the ending ";" or "."."""
Upper = Annotated[str, AfterValidator(_upper)]
"""A name written in capitals (agencies, signer titles)."""
SymbolPart = Annotated[str, AfterValidator(_symbol_part)]
"""A group of the document symbol, e.g. "BHXH" or "TĐKT"."""

Authority = Literal["KT.", "TM.", "Q.", "TL.", "TUQ."]
Kind = Literal["cong_van", "ke_hoach"]


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Issuer(_Input):
    """The issuing agency and, when it has one, the parent agency above it."""

    parent: Upper | None = None
    name: Upper
    abbreviation: SymbolPart
    short_name: Line | None = None
    """The name as written in running text: "Bảo hiểm xã hội tỉnh Hà Tĩnh"."""


class Occasion(_Input):
    """A day the campaign celebrates.

    With ``start`` (the founding day) the wording is an anniversary, counted from the
    campaign year: "kỷ niệm 96 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 -
    03/02/2026)". Without it, ``date`` is the day itself in the campaign year.
    """

    name: Line
    start: dt.date | None = None
    date: dt.date | None = None

    @model_validator(mode="after")
    def _has_a_date(self) -> Occasion:
        if self.start is None and self.date is None:
            raise ValueError("give start (the founding date of an anniversary) or date")
        return self


class Target(_Input):
    """A number the campaign aims at: "phấn đấu đạt 46,50% lực lượng lao động …"."""

    metric: Line
    value: float = Field(ge=0)
    unit: Line
    comparator: Line = "phấn đấu đạt"
    decimals: int | None = Field(default=None, ge=0, le=4)


class Assignment(_Input):
    """The tasks of one unit in the "Tổ chức thực hiện" part."""

    unit: Line
    tasks: list[Item] = Field(min_length=1)


class Signer(_Input):
    """The signature block: "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC" / "Nguyễn Văn An".

    ``title`` is the office the document is signed for; ``deputy_title`` the signer's
    own title when signing on its behalf (KT., TM., TL., TUQ.).
    """

    authority: Authority | None = None
    title: Upper
    deputy_title: Upper | None = None
    name: Line

    @model_validator(mode="after")
    def _deputy_needed(self) -> Signer:
        if self.authority in ("KT.", "TM.", "TL.", "TUQ.") and self.deputy_title is None:
            raise ValueError(
                f"deputy_title is required when authority is {self.authority} "
                "(the signer's own title, e.g. PHÓ GIÁM ĐỐC)"
            )
        return self


class Directive(_Input):
    """Everything needed to draft a công văn phát động or a kế hoạch thi đua.

    Example (YAML)::

        kind: cong_van
        issuer: {parent: BẢO HIỂM XÃ HỘI VIỆT NAM, name: BẢO HIỂM XÃ HỘI TỈNH HÀ TĨNH,
                 abbreviation: BHXH}
        unit: TĐKT
        number: 15
        place: Hà Tĩnh
        date: 2026-02-05
        subject: phát động phong trào thi đua yêu nước năm 2026
    """

    kind: Kind
    issuer: Issuer
    unit: SymbolPart | None = None
    number: int | None = Field(default=None, ge=1, le=99999)
    place: Line
    date: dt.date | None = None
    year: int | None = Field(default=None, ge=1945, le=2200)
    subject: Line
    recipients: list[Item] = Field(default_factory=list)
    grounds: list[Item] = Field(default_factory=list)
    opening: Line | None = None
    theme: Line | None = None
    occasions: list[Occasion] = Field(default_factory=list)
    purposes: list[Item] = Field(default_factory=list)
    requirements: list[Item] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    contents: list[Item] = Field(default_factory=list)
    implementation: list[Assignment] = Field(default_factory=list)
    closing: Line | None = None
    signer: Signer
    cc: list[Item] = Field(default_factory=list)
    archive: list[SymbolPart] = Field(default_factory=lambda: ["VT"], min_length=1)

    @field_validator("subject")
    @classmethod
    def _subject_lower(cls, value: str) -> str:
        if value.startswith(("V/v ", "v/v ")):
            value = value[4:].lstrip()
        return value[:1].lower() + value[1:] if value[:1].isupper() and not value[1:2].isupper() else value

    @model_validator(mode="after")
    def _consistent(self) -> Directive:
        if self.date is None and self.year is None:
            raise ValueError("give date, or year when the date is left for the văn thư")
        if self.date is not None and self.year is None:
            self.year = self.date.year
        if self.kind == "cong_van":
            if self.unit is None:
                raise ValueError(
                    "unit is required for a công văn: its symbol is number/AGENCY-UNIT (15/BHXH-TĐKT)"
                )
            if not self.recipients:
                raise ValueError("recipients: a công văn needs at least one recipient (Kính gửi)")
        for index, occasion in enumerate(self.occasions):
            if occasion.start is not None and occasion.start.year >= self.campaign_year:
                raise ValueError(
                    f"occasions.{index}.start: {occasion.start} is not before the campaign year "
                    f"{self.campaign_year}, so there is no anniversary to count"
                )
        return self

    @property
    def campaign_year(self) -> int:
        """The year the campaign is for (the issue date's year unless given)."""
        assert self.year is not None
        return self.year

    @property
    def symbol(self) -> str:
        """The symbol after the number: "BHXH-TĐKT" (công văn), "KH-BHXH" (kế hoạch)."""
        if self.kind == "ke_hoach":
            return f"KH-{self.issuer.abbreviation}"
        return f"{self.issuer.abbreviation}-{self.unit}"

    @property
    def number_and_symbol(self) -> str:
        """"15/BHXH-TĐKT"; a number below 10 gets a leading zero; blank when not given."""
        number = "     " if self.number is None else f"{self.number:02d}"
        return f"{number}/{self.symbol}"


def _field_name(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if not str(p).startswith(("function-after", "json-or-python"))]
    return ".".join(parts) or "(input)"


def directive_from_data(data: Any, *, source: str | None = None) -> Directive:
    """Validate already-parsed input (a dict from YAML, JSON or a web form).

    Raises:
        DirectiveError: each problem with its field and reason.
    """
    if not isinstance(data, dict):
        raise DirectiveError([("(input)", f"expected a mapping of fields, got {type(data).__name__}")], source)
    try:
        return Directive.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            reason = err["msg"].removeprefix("Value error, ")
            problems.append((_field_name(err["loc"]), reason))
        raise DirectiveError(problems, source) from exc


def load_directive(path: str | Path) -> Directive:
    """Read a drafting input from a ``.yaml``/``.yml`` or ``.json`` file.

    Raises:
        DirectiveError: the file cannot be read or parsed, or its fields are invalid.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DirectiveError([("(file)", f"cannot read: {exc.strerror}")], str(path)) from exc
    except UnicodeDecodeError as exc:
        raise DirectiveError([("(file)", "not UTF-8 text")], str(path)) from exc
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise DirectiveError([("(file)", f"cannot parse: {exc}")], str(path)) from exc
    return directive_from_data(data, source=str(path))


def directive_to_data(directive: Directive) -> dict[str, Any]:
    """The input as plain data (dates as ISO strings), ready for YAML or JSON."""
    return directive.model_dump(mode="json", exclude_none=True)


def dump_directive(directive: Directive, path: str | Path) -> None:
    """Write the input as YAML (or JSON for a ``.json`` path), readable by :func:`load_directive`."""
    path = Path(path)
    data = directive_to_data(directive)
    if path.suffix.lower() == ".json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(text, encoding="utf-8")
