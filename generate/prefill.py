"""Last year's directive → this year's drafting input: :func:`prefill_directive`.

From an :class:`extract.models.Extraction` it keeps the issuer, drafting unit,
recipients, theme, targets (last year's values, for the person to raise), signer and
Nơi nhận; it moves the occasions to the new year (the anniversary count is computed
again from the founding date: 95 năm → 96 năm), carries the purposes, requirements and
contents over with the year changed, and leaves the number and the day for the văn thư.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from extract.models import DateItem, Extraction, TargetItem
from extract.models import Signer as ExtractedSigner
from generate.exceptions import DirectiveError, PrefillError, RulesError
from generate.schema import Directive, directive_from_data

PREFILL_PATH = Path(__file__).with_name("rules") / "prefill.yaml"
WINDOW = 240  # characters before a date searched for the occasion's name


class MoneyUnit(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    unit: str
    factor: float


class PrefillRules(BaseModel):
    """The patterns of ``rules/prefill.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    anniversary: str
    type_codes: list[str]
    deputy_prefix: str
    archive_line: str
    sections: dict[str, str]
    item: str
    money_units: list[MoneyUnit]

    def regex(self, source: str) -> re.Pattern[str]:
        return re.compile(source, re.IGNORECASE | re.MULTILINE)


@lru_cache(maxsize=1)
def prefill_rules(path: Path = PREFILL_PATH) -> PrefillRules:
    """Load and validate the prefill patterns (every expression must compile)."""
    try:
        rules = PrefillRules.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        for source in (rules.anniversary, rules.archive_line, rules.item, *rules.sections.values()):
            re.compile(source)
    except (OSError, yaml.YAMLError, ValidationError, re.error) as exc:
        raise RulesError(f"{path}: invalid prefill rules — {exc}") from exc
    return rules


def _old_year(extraction: Extraction) -> int | None:
    if extraction.issued_date and re.match(r"^\d{4}", extraction.issued_date):
        return int(extraction.issued_date[:4])
    years = re.findall(r"\bnăm (\d{4})\b", extraction.text)
    return int(max(set(years), key=years.count)) if years else None


def _move_year(text: str | None, old: int | None, new: int) -> str | None:
    if text is None or old is None:
        return text
    return re.sub(rf"\b{old}\b", str(new), text)


def _symbol(extraction: Extraction, rules: PrefillRules) -> tuple[str, str | None]:
    """Agency abbreviation and drafting unit from "148/BHXH-TĐKT" or "15/KH-BHXH"."""
    number = extraction.number or ""
    _, slash, symbol = number.partition("/")
    groups = [g for g in re.split(r"\s*-\s*", symbol.strip()) if g] if slash else []
    if not groups:
        raise PrefillError(
            f"{extraction.source or 'document'}: number {number!r} has no symbol (e.g. 15/BHXH-TĐKT) to take "
            "the agency abbreviation from"
        )
    if groups[0] in rules.type_codes and len(groups) > 1:
        return groups[1], None
    return groups[0], groups[1] if len(groups) > 1 else None


def _signer(signer: ExtractedSigner, rules: PrefillRules) -> dict[str, Any]:
    authority = (signer.authority or "").strip()
    title = (signer.title or "").strip().upper()
    office = ""
    match = re.match(r"^(KT|TM|Q|TL|TUQ)\.?\s*(.*)$", authority, re.IGNORECASE)
    if match:
        authority, office = f"{match.group(1).upper()}.", match.group(2).strip().upper()
    else:
        authority = ""
    data: dict[str, Any] = {"name": signer.name or ""}
    if authority:
        data["authority"] = authority
        prefix = rules.deputy_prefix.upper()
        if not office and title.startswith(prefix):
            office = title[len(prefix):]
        data["title"] = office or title
        if authority != "Q.":
            data["deputy_title"] = title if office else None
    else:
        data["title"] = title
    return {k: v for k, v in data.items() if v}


def _target(item: TargetItem, rules: PrefillRules) -> dict[str, Any]:
    value, unit = item.value, item.unit
    if unit == "đồng":
        for money in rules.money_units:
            if value >= money.factor:
                value, unit = value / money.factor, money.unit
                break
    data: dict[str, Any] = {"metric": item.metric or item.text, "value": round(value, 4), "unit": unit}
    if item.comparator:
        data["comparator"] = item.comparator
    return data


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _occasions(extraction: Extraction, rules: PrefillRules) -> list[dict[str, Any]]:
    pattern = rules.regex(rules.anniversary)
    found: dict[str, dict[str, Any]] = {}
    items: list[DateItem] = sorted([*extraction.periods, *extraction.dates], key=lambda d: d.start)
    for item in items:
        if item.granularity != "day":
            continue
        start = _date(item.value)
        before = extraction.text[max(0, item.start - WINDOW):item.start]
        match = pattern.search(before)
        if start is None or match is None:
            continue
        name = re.sub(r"\s+", " ", match.group("name")).strip()
        found.setdefault(name.casefold(), {"name": name[:1].upper() + name[1:], "start": start.isoformat()})
    return list(found.values())


def _sections(text: str, rules: PrefillRules, old: int | None, new: int) -> dict[str, list[str]]:
    """Lines listed under "Mục đích", "Yêu cầu" and "Nội dung" in last year's body."""
    heads = {name: rules.regex(source) for name, source in rules.sections.items()}
    item = rules.regex(rules.item)
    anniversary = re.compile(r"kỷ\s+niệm\s+\d+\s+năm", re.IGNORECASE)
    out: dict[str, list[str]] = {"purposes": [], "requirements": [], "contents": []}
    current: str | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        head = next((name for name in ("both", "purposes", "requirements", "contents")
                     if heads[name].search(line)), None)
        if head is not None:
            current = "purposes" if head == "both" else head
            continue
        if heads["stop"].search(line):
            current = None
            continue
        match = item.match(line)
        if current is None or match is None:
            continue
        entry = match.group("text").strip().rstrip(";.,").strip()
        if not entry or entry.endswith(":") or anniversary.search(entry):
            continue
        out[current].append(_move_year(entry, old, new) or entry)
    return out


def prefill_directive(extraction: Extraction, year: int) -> Directive:
    """Turn last year's extracted directive into an input for ``year``.

    Args:
        extraction: what :func:`extract.extract_file` read from last year's letter.
        year: the campaign year of the new draft.

    Returns:
        A valid :class:`Directive` with no number and no day (``year`` set), for the
        person to edit and the văn thư to number.

    Raises:
        PrefillError: the old letter lacks what a draft cannot do without (issuer,
            symbol, place, subject, signer), with the field named.
    """
    rules = prefill_rules()
    old = _old_year(extraction)
    abbreviation, unit = _symbol(extraction, rules)
    kind = "ke_hoach" if extraction.kind == "ke_hoach" else "cong_van"
    cc: list[str] = []
    archive: list[str] = []
    archive_line = rules.regex(rules.archive_line)
    for line in extraction.cc:
        text = line.strip().lstrip("-–").strip().rstrip(";.").strip()
        match = archive_line.match(text)
        if match:
            codes = [code.strip() for code in re.split(r"[,;]", match.group("codes"))]
            archive = [code for code in codes if re.fullmatch(r"[A-ZĐ][A-Za-zĐđ0-9]*", code)]
        elif text:
            cc.append(_move_year(text, old, year) or text)
    targets = [t for t in extraction.targets if t.kind == "target"] or list(extraction.targets)
    data: dict[str, Any] = {
        "kind": kind,
        "issuer": {"parent": extraction.issuer.parent, "name": extraction.issuer.name,
                   "abbreviation": abbreviation},
        "unit": unit if kind == "cong_van" else None,
        "place": extraction.place,
        "year": year,
        "subject": _move_year(extraction.subject, old, year),
        "recipients": list(extraction.recipients),
        "theme": _move_year(extraction.theme, old, year),
        "occasions": [o for o in _occasions(extraction, rules) if int(o["start"][:4]) < year],
        "targets": [_target(t, rules) for t in targets],
        "signer": _signer(extraction.signer, rules),
        "cc": cc,
    }
    data.update(_sections(extraction.text, rules, old, year))
    if archive:
        data["archive"] = archive
    data = {k: v for k, v in data.items() if v not in (None, [], "")}
    data["issuer"] = {k: v for k, v in data["issuer"].items() if v}
    try:
        return directive_from_data(data, source=extraction.source)
    except DirectiveError as exc:
        raise PrefillError(
            f"{extraction.source or 'document'}: last year's letter lacks what the draft needs — "
            + "; ".join(f"{field}: {reason}" for field, reason in exc.problems)
        ) from exc
