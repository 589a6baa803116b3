"""A document's text with its dates, periods, targets and awards marked, safe to put in a page.

Every piece of the document's text is escaped before it is joined to the markup, so a
document containing ``<script>`` shows those characters and never runs them. Marks
nest (a target inside an award statement); a mark crossing the end of another is cut
at that end.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from extract.models import AwardItem, DateItem, Extraction, TargetItem
from service.web.labels import award_counts, award_status, format_number, target_kind

#: Drawn in this order when two marks cover the same text: the wider first.
KINDS = ("award", "target", "date", "period")


@dataclass(frozen=True)
class Mark:
    """A highlighted stretch of the text: ``kind`` picks its colour, ``tip`` is shown on hover."""

    start: int
    end: int
    kind: str
    tip: str


def _date_tip(item: DateItem, label: str) -> str:
    value = f"{item.value} → {item.end_value}" if item.end_value else item.value
    inferred = " (năm suy ra từ văn bản)" if item.year_inferred else ""
    return f"{label}: {value}{inferred}"


def _target_tip(item: TargetItem) -> str:
    period = f" · kỳ {item.period}" if item.period else ""
    return f"{target_kind(item.kind)}: {format_number(item.value)} {item.unit} — {item.metric}{period}"


def _award_tip(item: AwardItem) -> str:
    counts = award_counts(item)
    return f"{item.award} — {item.label}" + (f" · {counts}" if counts else "") + f" · {award_status(item.status)}"


def marks_of(extraction: Extraction) -> list[Mark]:
    """The marks of every date, period, target and award of ``extraction``."""
    found = [Mark(d.start, d.end, "date", _date_tip(d, "Ngày tháng")) for d in extraction.dates]
    found += [Mark(p.start, p.end, "period", _date_tip(p, "Kỳ")) for p in extraction.periods]
    found += [Mark(t.start, t.end, "target", _target_tip(t)) for t in extraction.targets]
    found += [Mark(a.start, a.end, "award", _award_tip(a)) for a in extraction.awards]
    return found


def _open(mark: Mark) -> str:
    return f'<mark class="hl hl-{mark.kind}" tabindex="0" data-tip="{escape(mark.tip)}">'


def highlight(text: str, marks: list[Mark]) -> Markup:
    """``text`` escaped, with each mark wrapped in ``<mark class="hl hl-KIND" data-tip="…">``.

    Example:
        >>> highlight("<b>12 tập thể</b>", [Mark(3, 12, "award", "x")])
        Markup('&lt;b&gt;<mark class="hl hl-award" tabindex="0" data-tip="x">12 tập thể</mark>&lt;/b&gt;')
    """
    size = len(text)
    valid = [m for m in marks if 0 <= m.start < m.end <= size]
    ordered = sorted(valid, key=lambda m: (m.start, -m.end, KINDS.index(m.kind) if m.kind in KINDS else 99))
    out: list[str] = []
    stack: list[int] = []  # ends of the open marks, innermost last
    pos = 0

    def close_until(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1] <= limit:
            end = stack.pop()
            out.append(str(escape(text[pos:end])) + "</mark>")
            pos = end

    for mark in ordered:
        close_until(mark.start)
        end = min(mark.end, stack[-1]) if stack else mark.end
        if mark.start < pos or mark.start >= end:
            continue
        out.append(str(escape(text[pos:mark.start])) + _open(mark))
        stack.append(end)
        pos = mark.start
    close_until(size)
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))
