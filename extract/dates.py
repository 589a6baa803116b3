"""Finding dates in Vietnamese text: every written form, with exact offsets.

Forms: 21/01/2025, 21-01-2025, 21.01.2025, "ngày 21 tháng 01 năm 2025", "tháng 5/2020",
"tháng 5 năm 2020", a day-month without a year after a licensing word ("Sáng nay
7/2", "dịp 2-9"), ranges ("16/2/1995 - 16/2/2025", "từ ngày 01/3 đến ngày 31/5/2025"),
years ("năm 2025", "giai đoạn 2021 - 2025"), quarters ("quý I/2024") and halves or
spans of months ("6 tháng đầu năm 2020"). The language lives in ``data/dates.yaml``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from extract.lexicon import compile_patterns, load_data
from extract.models import DateItem
from extract.numbers import roman_to_int

_D = r"(?P<d>0?[1-9]|[12]\d|3[01])"
_M = r"(?P<m>0?[1-9]|1[0-2])"
_Y = r"(?P<y>(?:1[89]|20|21)\d{2})"


@dataclass
class _Found:
    start: int
    end: int
    granularity: str
    year: int | None
    month: int | None = None
    day: int | None = None
    part: str | None = None  # "Q1".."Q4", "H1", "H2", "M1-5" for periods
    year_inferred: bool = False
    end_item: _Found | None = field(default=None, repr=False)

    def value(self) -> str | None:
        if self.year is None:
            return None
        if self.granularity == "day":
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.granularity == "month":
            return f"{self.year:04d}-{self.month:02d}"
        if self.granularity == "year":
            return f"{self.year:04d}"
        return f"{self.year:04d}-{self.part}"


@lru_cache(maxsize=1)
def _grammar() -> dict:
    cfg = load_data("dates.yaml")
    w = cfg["words"]
    num_words = "|".join(sorted(map(re.escape, cfg["number_words"]), key=len, reverse=True))
    i = re.IGNORECASE
    return {
        "cfg": cfg,
        # ordered by priority: earlier patterns win overlaps
        "patterns": [
            ("text_ddmy", re.compile(
                rf"{w['day']}\s+{_D}\s*(?P<join>,|và|-|–|đến)\s*(?P<d2>0?[1-9]|[12]\d|3[01])\s+{w['month']}\s+{_M}"
                rf"\s*,?\s*{w['year']}\s+{_Y}(?!\d)", i)),
            ("text_dmy", re.compile(
                rf"{w['day']}\s+{_D}\s+{w['month']}\s+{_M}\s*,?\s*{w['year']}\s+{_Y}(?!\d)", i)),
            ("num_ddmy", re.compile(
                rf"(?<![\d/.\-:]){_D}\s*(?P<join>[-–,]|\s+và)\s*(?P<d2>0?[1-9]|[12]\d|3[01])(?P<s>[/.]){_M}(?P=s){_Y}"
                rf"(?![\d]|[/.\-]\d)", i)),
            ("num_dmy", re.compile(
                rf"(?<![\d/.\-]){_D}(?P<s>[/.\-]){_M}(?P=s){_Y}(?![\d]|[/.\-]\d)", i)),
            ("num_dmy_mixed", re.compile(
                rf"(?<![\d/.\-]){_D}[/\-]{_M}[/\-]{_Y}(?![\d]|[/\-]\d)", i)),
            ("text_dm", re.compile(
                rf"{w['day']}\s+{_D}\s+{w['month']}\s+{_M}(?!\s*(?:[/.\-]\s*\d|,?\s*{w['year']}\s+\d|\d))", i)),
            ("text_mm_list", re.compile(
                rf"{w['month']}\s+{_M}\s*(?:,|và)\s*(?:{w['month']}\s+)?(?P<m2>0?[1-9]|1[0-2])\s*(?:[/.\-]|,?\s*{w['year']})\s*{_Y}(?![\d/])", i)),
            ("text_my", re.compile(
                rf"{w['month']}\s+{_M}\s*(?:[/.\-]|,?\s*{w['year']})\s*{_Y}(?![\d/])", i)),
            ("quarter", re.compile(
                rf"{w['quarter']}\s+(?P<q>IV|I{{1,3}}|[1-4])(?![\w])(?:\s*(?:[/\-]|,?\s*{w['year']})\s*{_Y}(?![\d/]))?", i)),
            ("months_span", re.compile(
                rf"(?<![\d,.])(?P<n>\d{{1,2}}|{num_words})\s+{w['month']}\s+(?P<side>{cfg['period_from_start']}|{cfg['period_from_end']})\s+{w['year']}(?:\s+{_Y}(?![\d/]))?", i)),
            ("num_my_range", re.compile(
                rf"(?<![\d/.\-,]){_M}/{_Y}\s*[-–—]\s*(?P<m2>0?[1-9]|1[0-2])/(?P<y2>(?:1[89]|20|21)\d{{2}})(?![\d/])", i)),
            ("num_dm", re.compile(rf"(?<![\d/.\-,]){_D}(?P<s>[/\-.]){_M}(?![\d]|[/\-.]\d|,\d)", i)),
            ("num_my", re.compile(rf"(?<![\d/.\-,]){_M}/{_Y}(?![\d]|/\w|-\w)", i)),
            ("text_m", re.compile(
                rf"(?<!\d\s){w['month']}\s+{_M}(?![\d/.\-]\d|\d|\s*(?:,?\s*{w['year']}\s+\d)|\s+{w['year']}\b)", i)),
            ("year_range", re.compile(
                rf"(?<![\d/.\-]){_Y}\s*[-–—]\s*(?P<y2>(?:19|20|21)\d{{2}})(?![\d/])", i)),
            ("year", re.compile(rf"{w['year']}\s+{_Y}(?![\d/.\-]\d|\d)", i)),
        ],
        "holiday_licence": re.compile(cfg["holiday_licence"]),
        **compile_patterns("dates.yaml", cfg, (
            "day_month_licence", "month_year_licence", "dotted_day_licence", "as_of", "range_connector",
            "range_opener", "fraction_nouns"), i),
        "number_words": cfg["number_words"],
        "years": (cfg["year_min"], cfg["year_max"]),
    }


def _valid_day(y: int | None, m: int, d: int) -> bool:
    try:
        date(y or 2000, m, d)  # 2000 is a leap year: 29/2 without a year is valid
    except ValueError:
        return False
    return True


def _scan(text: str) -> list[_Found]:
    g = _grammar()
    taken = bytearray(len(text))
    found: list[_Found] = []
    for name, rx in g["patterns"]:
        for m in rx.finditer(text):
            s, e = m.span()
            if any(taken[s:e]):
                continue
            item = _interpret(name, m, text)
            if item is None:
                continue
            taken[s:e] = b"\x01" * (e - s)
            found.extend(item if isinstance(item, list) else [item])
    found.sort(key=lambda f: f.start)
    return found


def _interpret(name: str, m: re.Match[str], text: str) -> _Found | list[_Found] | None:
    g = _grammar()
    s, e = m.span()
    gd = m.groupdict()
    y = int(gd["y"]) if gd.get("y") else None
    if name == "num_ddmy":  # "27-28/3/2025": two days of one month; "ngày 26, 27/6/2025": a list of two
        d1, d2, mo = int(gd["d"]), int(gd["d2"]), int(gd["m"])
        if not (_valid_day(y, mo, d1) and _valid_day(y, mo, d2) and d1 < d2):
            return None
        if gd["join"].strip() not in ("-", "–"):
            if not g["day_month_licence"].search(text[max(0, s - 30) : s]):
                return None
            return [_Found(s, m.end("d"), "day", y, mo, d1), _Found(m.start("d2"), e, "day", y, mo, d2)]
        first = _Found(s, e, "day", y, mo, d1)
        first.end_item = _Found(m.start("d2"), e, "day", y, mo, d2)
        return first
    if name == "text_ddmy":  # "ngày 14 và 15 tháng 8 năm 2025", "ngày 14 - 15 tháng 8 năm 2025"
        d1, d2, mo = int(gd["d"]), int(gd["d2"]), int(gd["m"])
        if not (_valid_day(y, mo, d1) and _valid_day(y, mo, d2) and d1 < d2):
            return None
        if gd["join"] in ("-", "–", "đến"):
            first = _Found(s, e, "day", y, mo, d1)
            first.end_item = _Found(s, e, "day", y, mo, d2)
            return first
        return [_Found(s, m.end("d"), "day", y, mo, d1), _Found(m.start("d2"), e, "day", y, mo, d2)]
    if name == "num_my_range":  # "(10/1974 - 10/2024)"
        first = _Found(s, e, "month", y, int(gd["m"]))
        first.end_item = _Found(s, e, "month", int(gd["y2"]), int(gd["m2"]))
        return first
    before = text[max(0, s - 30) : s]
    after = text[e : e + 30]
    if name in ("text_dmy", "num_dmy", "num_dmy_mixed", "text_dm", "num_dm"):
        d, mo = int(gd["d"]), int(gd["m"])
        if not _valid_day(y, mo, d):
            return None
        if name == "num_dm":
            if not _day_month_licensed(text, s, after) or g["fraction_nouns"].match(after):
                return None
            if gd.get("s") == "." and not (re.search(r"ngày\s*$", before, re.I) or g["dotted_day_licence"].search(before)
                                           or g["holiday_licence"].search(text, max(0, s - 100), s)):
                return None  # "1.5" is a decimal far more often than a date, unless a named day precedes it
        return _Found(s, e, "day", y, mo, d)
    if name == "text_mm_list":  # "tháng 5 và 6/2024": two months of one year
        m1, m2 = int(gd["m"]), int(gd["m2"])
        if m1 >= m2:
            return None
        return [_Found(s, m.end("m"), "month", y, m1), _Found(m.start("m2"), e, "month", y, m2)]
    if name in ("text_my", "num_my", "text_m"):
        mo = int(gd["m"])
        if name == "num_my" and not g["month_year_licence"].search(before):
            return None
        if name == "num_my" and re.search(r"(số|Số)\s*:?\s*$", before):
            return None
        return _Found(s, e, "month", y, mo)
    if name == "quarter":
        q = gd["q"]
        qn = int(q) if q.isdigit() else roman_to_int(q)
        return _Found(s, e, "quarter", y, part=f"Q{qn}")
    if name == "months_span":
        n_raw = gd["n"].lower()
        n = int(n_raw) if n_raw.isdigit() else g["number_words"].get(n_raw)
        if not n or not 1 <= n <= 12:
            return None
        from_start = gd["side"].lower() == g["cfg"]["period_from_start"]
        if n == 6:
            part = "H1" if from_start else "H2"
        else:
            part = f"M1-{n}" if from_start else f"M{13 - n}-12"
        return _Found(s, e, "half" if n == 6 else "period", y, part=part)
    if name == "year_range":
        y2 = int(gd["y2"])
        if not y < y2 <= y + 100:
            return None
        item = _Found(s, e, "year", y)
        item.end_item = _Found(s, e, "year", y2)
        return item
    if name == "year":
        lo, hi = g["years"]
        if not lo <= y <= hi:
            return None
        return _Found(s, e, "year", y)
    return None


_LISTED_AFTER = re.compile(r"(?<![\d/.\-,])(?:0?[1-9]|[12]\d|3[01])[/\-](?:0?[1-9]|1[0-2])\s*(?:,|;|và|,\s*và)\s*$")


def _day_month_licensed(text: str, start: int, after: str, depth: int = 0) -> bool:
    """Whether a day-month without a year at ``start`` is a date: a licensing word or a
    named day before it, the other end of a range after it, or a list of such days
    ("các ngày lễ 30/4, 1/5 và 19/5": each one listed after a licensed one)."""
    g = _grammar()
    before = text[max(0, start - 30) : start]
    if (g["day_month_licence"].search(before) or _range_partner_follows(after)
            or g["holiday_licence"].search(text, max(0, start - 100), start)):
        return True
    listed = _LISTED_AFTER.search(before)
    if listed is None or depth >= 8:
        return False
    previous = start - len(before) + listed.start()
    return _day_month_licensed(text, previous, text[previous : previous + 30], depth + 1)


def _range_partner_follows(after: str) -> bool:
    """True when "đến 31/5/2025" or "- 16/2" follows: the first end of a range."""
    return bool(re.match(r"\s*(?:[-–—]|đến|tới)\s*(?:hết\s+)?(?:ngày\s+)?\d{1,2}[/\-.]\d{1,2}", after, re.I))


def _join_ranges(text: str, items: list[_Found]) -> list[_Found]:
    """Merge "A - B" and "từ A đến B" into one item whose ``end_item`` is B."""
    g = _grammar()
    out: list[_Found] = []
    i = 0
    while i < len(items):
        a = items[i]
        if i + 1 < len(items):
            b = items[i + 1]
            between = text[a.end : b.start]
            same = a.granularity == b.granularity and a.granularity in ("day", "month")
            if same and a.end_item is None and b.end_item is None and g["range_connector"].match(between):
                if a.year is None and b.year is not None:
                    a.year = b.year - (1 if (a.month or 0) > (b.month or 0) else 0)
                    a.year_inferred = False  # taken from the range's other end, written
                a.end_item = b
                a.end = b.end
                out.append(a)
                i += 2
                continue
        out.append(a)
        i += 1
    return out


_SENTENCE_START = re.compile(r"[.!?](?=\s)|\n")


def _year_of_sentence(text: str, items: list[_Found], index: int) -> int | None:
    """The year a sentence names before a day written without one: "Năm 2025, … dự kiến tổ
    chức vào ngày 23/3", "… trước tháng 10/2025 … nhân dịp Quốc khánh 2-9". Only a year, a
    month, a period or the far end of a range counts: a cited document's date ("Kế hoạch số
    12/KH-UBND ngày 19/01/2024") says when that document was signed, not when the sentence
    happens."""
    item = items[index]
    start = max((m.end() for m in _SENTENCE_START.finditer(text, max(0, item.start - 600), item.start)),
                default=max(0, item.start - 600))
    for earlier in reversed(items[:index]):
        if earlier.end <= start:
            return None
        if earlier.end_item is not None and earlier.end_item.year and not earlier.end_item.year_inferred:
            return earlier.end_item.year  # a range's far end: "kỷ niệm 94 năm (26/3/1931 - 26/3/2025)"
        if earlier.granularity != "day" and earlier.year and not earlier.year_inferred:
            return earlier.year
    return None


def reference_date(text: str, issued: date | None = None) -> date | None:
    """The day the document speaks from: the letter's own date, else a news page's dateline
    in its first lines ("02/07/2020 14:29:33", "Cập nhật lúc: 08:15 - 21/01/2025")."""
    if issued is not None:
        return issued
    dateline = re.compile(_grammar()["cfg"]["dateline"], re.IGNORECASE)
    for line in text.split("\n")[:6]:
        if dateline.match(line):
            d, m, y = (int(x) for x in re.search(r"(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})", line).groups())
            if _valid_day(y, m, d):
                return date(y, m, d)
    return None


def reference_year(text: str, items: list[_Found], issued: date | None = None) -> int | None:
    """The year a date written without one belongs to.

    The letter's own date wins; then a dateline in the first lines (a news
    page's "02/07/2020 14:29:33"); then the year the text speaks of most
    ("năm 2024" …).
    """
    spoken_from = reference_date(text, issued)
    if spoken_from is not None:
        return spoken_from.year
    years = Counter(it.year for it in items if it.year and not it.year_inferred)
    years.update(it.end_item.year for it in items if it.end_item is not None and it.end_item.year)
    if years:
        return max(years.items(), key=lambda kv: (kv[1], kv[0]))[0]
    written = [it.year for it in items if it.year and not it.year_inferred]
    return written[0] if written else None


def find_dates(text: str, *, issued: date | None = None) -> tuple[list[DateItem], list[DateItem]]:
    """Find every date and every period in ``text``.

    Args:
        text: normalized text.
        issued: the letter's own date, used for days written without a year.

    Returns:
        ``(dates, periods)``: dates have granularity day, month or year; periods
        are quarters, halves and other spans of months.

    Example:
        >>> [d.value for d in find_dates("Hà Nội, ngày 21 tháng 01 năm 2025")[0]]
        ['2025-01-21']
    """
    items = _join_ranges(text, _scan(text))
    ref = reference_year(text, items, issued)
    spoken_from = reference_date(text, issued)
    as_of = _grammar()["as_of"]
    dates: list[DateItem] = []
    periods: list[DateItem] = []
    for index, it in enumerate(items):
        for part in (it, it.end_item):
            if part is not None and part.year is None and ref is not None:
                part.year = _year_of_sentence(text, items, index) or ref
                part.year_inferred = True
                # "Tính đến 31/12" in a report of January: a day the text looks back to
                if spoken_from is not None and part.granularity == "day" and as_of.search(text, max(0, it.start - 30), it.start) \
                        and date(ref, part.month or 1, part.day or 1) > spoken_from:
                    part.year = ref - 1
        value = it.value()
        if value is None:
            continue
        end_value = it.end_item.value() if it.end_item else None
        model = DateItem(
            text=text[it.start : it.end],
            start=it.start,
            end=it.end,
            value=value,
            granularity="period" if it.granularity == "period" else it.granularity,  # type: ignore[arg-type]
            end_value=end_value,
            year_inferred=it.year_inferred or bool(it.end_item and it.end_item.year_inferred),
        )
        (dates if it.granularity in ("day", "month", "year") else periods).append(model)
    return dates, periods
