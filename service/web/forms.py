"""The drafting form: posted fields → drafting input data, and the Vietnamese names of its fields.

Lists are typed one item per line; rows (occasions, targets, assignments) are
repeated fields of the same name. Empty fields are left out, so the library's own
validation says what is missing. The same dictionary fills the form again.
"""

from __future__ import annotations

import re
from typing import Any

from starlette.datastructures import FormData

from service.web.labels import format_number

LINE_LISTS = ("recipients", "grounds", "purposes", "requirements", "contents", "cc")
TEXTS = ("kind", "unit", "number", "place", "date", "year", "subject", "opening", "theme", "closing")
_THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+")

FIELD_LABELS: dict[str, str] = {
    "kind": "Loại văn bản", "issuer": "Cơ quan ban hành", "issuer.parent": "Cơ quan chủ quản",
    "issuer.name": "Tên cơ quan ban hành", "issuer.abbreviation": "Viết tắt của cơ quan",
    "issuer.short_name": "Tên dùng trong văn bản", "unit": "Đơn vị soạn thảo (ký hiệu)", "number": "Số",
    "place": "Địa danh", "date": "Ngày ban hành", "year": "Năm", "subject": "Trích yếu",
    "recipients": "Kính gửi", "grounds": "Căn cứ", "opening": "Mở đầu", "theme": "Chủ đề thi đua",
    "occasions": "Ngày kỷ niệm", "purposes": "Mục đích", "requirements": "Yêu cầu", "targets": "Chỉ tiêu",
    "contents": "Nội dung thi đua", "implementation": "Tổ chức thực hiện", "closing": "Kết thúc",
    "signer": "Người ký", "signer.authority": "Thẩm quyền ký", "signer.title": "Chức vụ",
    "signer.deputy_title": "Chức vụ người ký thay", "signer.name": "Họ tên người ký", "cc": "Nơi nhận",
    "archive": "Lưu", "(input)": "Dữ liệu",
}
REASONS: dict[str, str] = {
    "Field required": "bắt buộc phải có",
    "must not be empty": "không được để trống",
    "Input should be a valid number, unable to parse string as a number": "phải là một số",
    "Input should be a valid integer, unable to parse string as an integer": "phải là một số nguyên",
    "Input should be a valid date or datetime, input is too short": "phải là một ngày",
}


def field_label(field: str) -> str:
    """``targets.0.value`` → ``Chỉ tiêu 1 › value``; a known field → its Vietnamese name."""
    if field in FIELD_LABELS:
        return FIELD_LABELS[field]
    parts = field.split(".")
    head = FIELD_LABELS.get(parts[0], parts[0])
    rest = [str(int(p) + 1) if p.isdigit() else FIELD_LABELS.get(f"{parts[0]}.{p}", p) for p in parts[1:]]
    return " › ".join([head, *rest])


def reason_text(reason: str) -> str:
    """A library reason in Vietnamese when it is a common one, else as it is."""
    return REASONS.get(reason, reason)


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


def _number(value: str) -> float | str:
    """``46,5`` → 46.5, ``12.500`` → 12500, ``10.101,8`` → 10101.8; anything else as typed."""
    text = value.strip().replace(" ", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif _THOUSANDS.fullmatch(text):
        text = text.replace(".", "")
    try:
        return float(text)
    except ValueError:
        return value.strip()


def _rows(form: FormData, *names: str) -> list[list[str]]:
    columns = [[str(v) for v in form.getlist(name)] for name in names]
    length = max((len(c) for c in columns), default=0)
    return [[c[i].strip() if i < len(c) else "" for c in columns] for i in range(length)]


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def directive_data(form: FormData) -> dict[str, Any]:
    """The drafting input typed into the form."""
    text = {name: str(form.get(name) or "").strip() for name in TEXTS}
    data: dict[str, Any] = dict(text)
    data["issuer"] = _compact({
        part: str(form.get(f"issuer_{part}") or "").strip()
        for part in ("parent", "name", "abbreviation", "short_name")
    })
    data["signer"] = _compact({
        part: str(form.get(f"signer_{part}") or "").strip()
        for part in ("authority", "title", "deputy_title", "name")
    })
    for name in LINE_LISTS:
        data[name] = _lines(str(form.get(name) or ""))
    data["archive"] = [code.strip() for code in re.split(r"[,;\s]+", str(form.get("archive") or "")) if code.strip()]
    data["occasions"] = [
        _compact({"name": name, "start": start, "date": date})
        for name, start, date in _rows(form, "occasion_name", "occasion_start", "occasion_date") if name
    ]
    data["targets"] = [
        _compact({"metric": metric, "value": _number(value) if value else "", "unit": unit, "comparator": comparator})
        for metric, value, unit, comparator in _rows(form, "target_metric", "target_value", "target_unit",
                                                     "target_comparator")
        if metric or value
    ]
    data["implementation"] = [
        _compact({"unit": unit, "tasks": _lines(tasks)})
        for unit, tasks in _rows(form, "impl_unit", "impl_tasks") if unit or tasks
    ]
    return _compact(data)


def _row(data: dict[str, Any], keys: tuple[str, ...]) -> dict[str, str]:
    return {key: "" if data.get(key) is None else str(data.get(key)) for key in keys}


def form_values(data: dict[str, Any]) -> dict[str, Any]:
    """Every field of the form, filled from drafting input ``data`` (blank where absent)."""
    values: dict[str, Any] = {name: "" if data.get(name) is None else str(data[name]) for name in TEXTS}
    values["kind"] = values["kind"] or "cong_van"
    values["issuer"] = _row(data.get("issuer") or {}, ("parent", "name", "abbreviation", "short_name"))
    values["signer"] = _row(data.get("signer") or {}, ("authority", "title", "deputy_title", "name"))
    for name in LINE_LISTS:
        values[name] = "\n".join(data.get(name) or [])
    values["archive"] = ", ".join(data.get("archive") or [])
    values["occasions"] = [_row(o, ("name", "start", "date")) for o in data.get("occasions") or []] or [
        _row({}, ("name", "start", "date"))]
    targets = []
    for target in data.get("targets") or []:
        row = _row(target, ("metric", "value", "unit", "comparator"))
        if isinstance(target.get("value"), int | float):
            row["value"] = format_number(target["value"])
        targets.append(row)
    values["targets"] = targets or [_row({}, ("metric", "value", "unit", "comparator"))]
    values["implementation"] = [
        {"unit": str(a.get("unit") or ""), "tasks": "\n".join(a.get("tasks") or [])}
        for a in data.get("implementation") or []
    ] or [{"unit": "", "tasks": ""}]
    return values
