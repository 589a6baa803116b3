"""Quantitative targets and results: percentages, money, counts of people.

A number is taken when it carries a unit that measures an indicator (``%``,
``tỷ đồng``, ``người``); its kind (planned ``target`` or achieved ``result``)
comes from the nearest cue before it in its clause or sentence, else from the
document's kind; its ``metric`` is the phrase that names what is measured. The
language lives in ``data/targets.yaml``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from extract.lexicon import compile_patterns, load_data
from extract.models import DateItem, TargetItem
from extract.numbers import NUMBER_PATTERN, parse_number

Span = tuple[int, int]


@dataclass(frozen=True)
class _Cue:
    rx: re.Pattern[str]
    kind: str
    scope: str


@lru_cache(maxsize=1)
def _grammar() -> dict:
    cfg = load_data("targets.yaml")
    i = re.IGNORECASE

    def alt(words: list[str] | dict) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    units = cfg["units"]
    unit_alt = "|".join(
        re.escape(u) + (r"(?![\wđ])" if u[-1].isalpha() else "") for u in sorted(units, key=len, reverse=True)
    )
    quantity = re.compile(
        rf"(?<![\d.,/\-\w])(?:(?P<low>{NUMBER_PATTERN})[ \t]*[-–][ \t]*(?=\d))?(?P<num>{NUMBER_PATTERN})(?![\d/])\s*"
        rf"(?:(?P<pct>{alt(cfg['percent_units'])})"
        rf"|(?P<scale>{alt(cfg['scales'])})(?![\w])(?:\s*(?P<unit1>{unit_alt}))?"
        rf"|(?P<unit2>{unit_alt}))",
        i,
    )
    return {
        "quantity": quantity,
        "scales": {k.lower(): float(v) for k, v in cfg["scales"].items()},
        "units": {k.lower(): v for k, v in units.items()},
        **compile_patterns("targets.yaml", cfg, (
            "money_context", "count_context", "scale_not_before", "unit_not_before", "rate_after", "not_money", "not_indicator", "not_indicator_after", "audience",
            "cue_negator", "clause_break", "metric_base"), i),
        "cues": [_Cue(re.compile(rf"(?<!\w)(?:{c['pattern']})(?!\w)", i), c["kind"], c["scope"]) for c in cfg["cues"]],
        "plan_kinds": set(cfg["plan_kinds"]),
        "comparators": re.compile(rf"(?<!\w)({alt(cfg['comparators'])})\s*(?:mức\s*)?$", i),
        "sentence_break": re.compile(cfg["sentence_break"]),
        "strip_head": re.compile(cfg["metric_strip_head"], i),
        "strip_tail": re.compile(cfg["metric_strip_tail"], i),
        "stop_after": re.compile(cfg["metric_stop_after"], i),
        "metric_verbs": [(re.compile(rf"(?<!\w){re.escape(k)}(?!\w)", i), v)
                         for k, v in sorted(cfg["metric_from_verb"].items(), key=lambda kv: -len(kv[0]))],
    }


_SEMICOLON = re.compile(";")
_LIST_ITEM = re.compile(r"[ \t]*[-–+•*]\s")


def _list_lead_in(text: str, pos: int, lines: int = 8) -> str:
    """The line introducing the list that holds the item at ``pos``, or "" outside a list."""
    line_start = text.rfind("\n", 0, pos) + 1
    if not _LIST_ITEM.match(text, line_start):
        return ""
    for _ in range(lines):
        if line_start == 0:
            return ""
        previous = text.rfind("\n", 0, line_start - 1) + 1
        line = text[previous : line_start - 1]
        if not _LIST_ITEM.match(line):
            return line  # "Số người tham gia đến 30/11/2025:", "2. Phát triển người tham gia"
        line_start = previous
    return ""


def _last_break(rx: re.Pattern[str], text: str, start: int, pos: int) -> int:
    """Offset just after the last match of ``rx`` in ``text[start:pos]``."""
    last = start
    for m in rx.finditer(text, start, pos):
        last = m.end()
    return last


def _next_break(rx: re.Pattern[str], text: str, pos: int, limit: int) -> int:
    m = rx.search(text, pos, limit)
    return m.start() if m else limit


def _overlaps(s: int, e: int, spans: list[Span]) -> bool:
    return any(s < be and bs < e for bs, be in spans)


def _kind(text: str, start: int, clause_start: int, sentence_start: int, doc_kind: str) -> str:
    g = _grammar()
    best: tuple[int, str] | None = None
    for cue in g["cues"]:
        lo = clause_start if cue.scope == "clause" else sentence_start
        for m in cue.rx.finditer(text, lo, start):
            if cue.kind == "target" and g["cue_negator"].search(text, max(0, m.start() - 40), m.start()):
                continue
            if best is None or m.end() > best[0]:
                best = (m.end(), cue.kind)
    if best is not None:
        return best[1]
    return "target" if doc_kind in g["plan_kinds"] else "result"


def _clean_metric(phrase: str) -> str:
    g = _grammar()
    phrase = " ".join(phrase.replace("“", "").replace("”", "").split()).strip(" ,.;:-–(")
    for _ in range(3):
        phrase = g["strip_head"].sub("", phrase).strip(" ,.;:-–")
        phrase = g["strip_tail"].sub("", phrase).strip(" ,.;:-–")
    return phrase


def _first_words(text: str, start: int, end: int, words: list[Span] | None, limit: int) -> str:
    """``text[start:end]`` cut after ``limit`` words: underthesea's words where the
    tokenizer segmented this clause ("lực lượng lao động" is two words), else syllables."""
    words = words or []
    first = bisect.bisect_left(words, (start, start))  # words are in text order
    inside = []
    for w in words[first:]:
        if w[0] >= end:
            break
        if w[1] <= end and not text[w[0] : w[1]].isspace():
            inside.append(w)
    if inside:
        return text[start : inside[min(limit, len(inside)) - 1][1]]
    return " ".join(text[start:end].split()[: limit + limit // 2])


def _metric(text: str, s: int, e: int, clause_start: int, clause_end: int, words: list[Span] | None = None,
            previous: TargetItem | None = None) -> str:
    """The phrase naming what a number measures: after it, else before it."""
    g = _grammar()
    after = text[e:clause_end]
    first = re.split(r",(?!\d)", after)[0]
    base = g["metric_base"].match(first)
    if not base and after.strip() and not g["stop_after"].match(after) and re.match(r"\s*[^\W\d_]", after):
        candidate = _clean_metric(_first_words(text, e, e + len(first), words, 10))
        if len(candidate) >= 4:
            return candidate
    before = text[clause_start:s]
    subject = _subject_before(before, previous)
    if base:
        return f"{subject} so với {base.group('base')}".strip() if subject else f"tỷ lệ so với {base.group('base')}"
    return subject or _clean_metric(first) or _clean_metric(before)


_NAME = re.compile(r"^(?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+\s*){1,4}$")
# a comma inside a list of acronyms ("BHXH, BHYT, BHTN") does not end a phrase
_PHRASE_COMMA = re.compile(r"(?<![A-ZĐ]{2}),(?!\d)\s*|,(?!\d)(?!\s*[A-ZĐ]{2,}\b)\s*")


def _subject_before(before: str, previous: TargetItem | None = None) -> str:
    """What a number right after its subject measures: "Tỷ lệ bao phủ BHYT toàn Cụm đạt 91,61%".

    A piece that holds the previous quantity of the sentence ("thu được 10.101,8 tỷ
    đồng, đạt 36,45%") refers to that quantity's metric; a bare name in a list
    ("Hà Tĩnh 69,4%, Quảng Bình 61,1%") takes the list's metric.
    """
    g = _grammar()
    pieces = [p for p in _PHRASE_COMMA.split(before) if p.strip()]
    if previous is not None and pieces:
        last = _clean_metric(pieces[-1])
        if previous.text in pieces[-1] or not last:
            return previous.metric
        if _NAME.match(last):
            return f"{previous.metric.rsplit(' - ', 1)[0]} - {last}"
    for piece in reversed(pieces):
        noun = next((name for rx, name in g["metric_verbs"] if rx.search(piece[-30:].rstrip(" :"))), None)
        candidate = _clean_metric(piece)
        named = re.match(r"^(?P<head>.+?)\s+(?:là|gồm)\s*:?\s+(?P<name>(?:[A-ZĐÀ-Ỹ][\wà-ỹ]*\s*){1,4})$", candidate)
        if named:
            candidate = f"{named.group('head')} - {named.group('name').strip()}"
        if noun and noun.lower() not in candidate.lower():
            candidate = f"{noun} {candidate}".strip()
        if len(candidate) >= 4:
            return candidate
    return ""


def _period(periods: list[DateItem], dates: list[DateItem], sentence: Span) -> str | None:
    for item in [*periods, *(d for d in dates if d.granularity == "year")]:
        if sentence[0] <= item.start < sentence[1]:
            return item.value
    return None


def find_targets(
    text: str,
    *,
    doc_kind: str = "khac",
    exclude: list[Span] | None = None,
    dates: list[DateItem] | None = None,
    periods: list[DateItem] | None = None,
    words: list[Span] | None = None,
) -> list[TargetItem]:
    """Find every target and result in ``text``.

    Args:
        text: normalized text.
        doc_kind: the document's kind, deciding target or result when no cue does.
        exclude: spans already taken by dates, award counts and document numbers.
        dates, periods: the document's dates, to attach a period to each item.
        words: word spans (the spaCy tokens), so a metric is never cut inside a word.

    Example:
        >>> [(t.value, t.unit) for t in find_targets("thu được 10.101,8 tỷ đồng, đạt 36,45%")]
        [(10101800000000.0, 'đồng'), (36.45, '%')]
    """
    g = _grammar()
    exclude = exclude or []
    out: list[TargetItem] = []
    for m in g["quantity"].finditer(text):
        value = parse_number(m.group("num"))
        if value is None:
            continue
        # "tăng 8-9%": a range gives both ends; "2025 - 100%" is no range
        low = parse_number(m.group("low")) if m.group("low") else None
        if low is not None and not 0 < low < value:
            low = None
        s, e = (m.start() if low is not None else m.start("num")), m.end()
        if _overlaps(s, e, exclude):
            continue
        sentence_start = _last_break(g["sentence_break"], text, max(0, s - 600), s)
        sentence_end = _next_break(g["sentence_break"], text, e, min(len(text), e + 600))
        clause_start = max(sentence_start, _last_break(g["clause_break"], text, sentence_start, s))
        clause_end = _next_break(g["clause_break"], text, e, sentence_end)
        if text[clause_start - 1 : clause_start] == "(" and clause_start > sentence_start:
            # "(36%)": the number belongs to the clause before the parenthesis
            clause_start = max(sentence_start, _last_break(g["clause_break"], text, sentence_start, clause_start - 1))
        before = text[clause_start:s]
        if text[clause_start - 1 : clause_start] == ":":  # "Tổng số tiền thưởng: 185.400.000 đồng"
            label = text[_last_break(g["clause_break"], text, sentence_start, clause_start - 1) : clause_start]
        else:
            label = ""
        if g["not_indicator"].search(label + before) or g["not_indicator_after"].match(text[e : e + 80]):
            continue
        if (m.group("scale") or m.group("unit1") or m.group("unit2")) and g["not_money"].search(label + before) \
                and not m.group("pct") and (m.group("unit1") or m.group("unit2") or "").lower() not in ("người", "lao động"):
            continue  # "Mức đóng thấp nhất là 330.000 đồng/tháng"
        if m.group("pct"):
            unit = "%"
        else:
            scale_word = (m.group("scale") or "").lower()
            unit_word = (m.group("unit1") or m.group("unit2") or "").lower()
            if scale_word and g["scale_not_before"].match(text[m.end("scale") :]):
                continue
            if unit_word and g["unit_not_before"].match(text[e : e + 20]):
                continue  # "02 đồng chí"
            unit = g["units"].get(unit_word, "")
            if scale_word:
                value *= g["scales"][scale_word]
            if not unit:
                if not g["money_context"].search(before):
                    continue
                unit = "đồng"
        previous = out[-1] if out and out[-1].start >= sentence_start else None
        if unit == "%" and g["rate_after"].match(text[e : e + 20]):
            continue  # "0,03%/ngày": a rate, not an indicator
        if unit not in ("%", "đồng"):
            if value != int(value) and re.fullmatch(r"\d{1,3},\d{3}", m.group("num")):
                value = parse_number(m.group("num").replace(",", ""))  # "12,450 người": thousands, English style
            listed = previous is not None and previous.unit == unit
            context = label + before + text[e:clause_end] + _list_lead_in(text, s)
            part = (_last_break(_SEMICOLON, text, sentence_start, s), _next_break(_SEMICOLON, text, e, sentence_end))
            if not (listed or g["count_context"].search(context)) or g["audience"].search(text, *part):
                continue
        comparator = g["comparators"].search(before)
        metric = _metric(text, s, e, clause_start, clause_end, words, previous) \
            or _metric(text, s, e, sentence_start, clause_end, words, previous)
        kind = _kind(text, s, clause_start, sentence_start, doc_kind)
        period = _period(periods or [], dates or [], (sentence_start, sentence_end))
        ends = [(s, value * low / parse_number(m.group("num")))] if low is not None else []  # the same scale
        for start, amount in [*ends, (m.start("num"), value)]:
            out.append(TargetItem(
                text=text[start:e], start=start, end=e, value=amount, unit=unit, metric=metric,
                kind=kind,  # type: ignore[arg-type]
                comparator=comparator.group(1).lower() if comparator else None, period=period,
            ))
    return out
