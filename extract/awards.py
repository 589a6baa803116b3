"""Award counts: how many tập thể and cá nhân received or were proposed for what.

A statement is built from events found in one segment of a sentence (between
";" and "."): award mentions (the taxonomy in ``data/awards.jsonl``), count
groups ("43 tập thể, 249 cá nhân"), proposal cues ("đang đề nghị") and named
recipients ("cho đồng chí Phạm Văn Lại"). Four shapes are recognised:

1. counts → award:   "11 tập thể và 4 cá nhân được tặng Huân chương Lao động"
2. award → counts:   "Tặng Bằng khen của Tổng Giám đốc cho 15 tập thể và 42 cá nhân"
3. count of titles:  "341 danh hiệu Chiến sỹ thi đua cơ sở", "12 Cờ thi đua"
4. one named recipient: "Huân chương Lao động hạng Ba cho đồng chí Phạm Mai"
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, Field

from extract.lexicon import compile_patterns, load_data, load_jsonl
from extract.models import AwardItem
from extract.numbers import parse_int

Span = tuple[int, int]


class AwardRecord(BaseModel):
    """One line of the award taxonomy."""

    key: str
    label: str
    pattern: str
    holder: Literal["collective", "individual", "any"]
    authority: list[tuple[str, str]] = Field(default_factory=list)
    generic: bool = False
    case_sensitive: bool = False


@dataclass
class _Mention:
    start: int
    end: int  # end of the name and its tail ("của BHXH Việt Nam")
    record: AwardRecord
    key: str
    rank: str | None
    authority: str | None
    used: bool = False


@dataclass
class _Group:
    start: int
    end: int
    counts: dict[str, int] = field(default_factory=dict)
    used: bool = False
    weak: bool = False  # counted in units that are not always commended ("08 khoa, phòng")


@lru_cache(maxsize=1)
def _grammar() -> dict:
    cfg = dict(load_data("awards.yaml"))
    for key in ("recipient_org", "recipient_before_org", "recipient_selected"):
        cfg[key] = cfg[key].replace("{org_heads}", cfg["org_heads"])
    for key in ("recipient_person", "recipient_before_person", "another_person"):
        cfg[key] = cfg[key].replace("{person_titles}", cfg["person_titles"])
    records = load_jsonl("awards.jsonl", AwardRecord)
    i = re.IGNORECASE
    words = "|".join(sorted(cfg["number_words"], key=len, reverse=True))
    role_alt = "|".join(f"(?P<r{n}>{rx})" for n, (rx, _role, *_weak) in enumerate(cfg["roles"]))
    compiled = [
        (r, re.compile(rf"(?<![\wđĐ])(?:{r.pattern})(?![\wđĐ])", 0 if r.case_sensitive or r.pattern.isupper() else i))
        for r in records
    ]
    return {
        "any_award": re.compile("|".join(f"(?:{r.pattern})" for r in records), i),
        "award_words": re.compile("|".join(re.escape(w) for w in sorted(cfg["award_words"], key=len, reverse=True))),
        "records": compiled,
        "roles": [role for _rx, role, *_weak in cfg["roles"]],
        "weak_roles": {n for n, (_rx, _role, *weak) in enumerate(cfg["roles"]) if weak},
        "count": re.compile(rf"(?<![\d.,/\w])(?<!hạng )(?P<n>\d{{1,3}}(?:\.\d{{3}})+|\d+|{words})\s+(?:{role_alt})(?![\wđĐ])", i),
        "number_words": {k.lower(): int(v) for k, v in cfg["number_words"].items()},
        "max_gap": int(cfg["max_gap_count_award"]),
        "rank_names": {str(k).lower(): v for k, v in cfg["rank_names"].items()},
        "org_head": re.compile(rf"(?:{cfg['org_heads']})\b"),
        "individual_subject": re.compile(cfg["individual_subject"], re.M),
        **compile_patterns("awards.yaml", cfg, (
            "group_joiner", "proposed", "not_proposed", "count_not_after", "award_to_counts",
            "same_recipient_list", "not_one_award", "past", "rank", "explicit_past",
            "given", "rejected", "coordinated", "year_entry", "same_recipient"), i),
        **compile_patterns("awards.yaml", cfg, (  # case matters: names start with a capital
            "recipient_person", "recipient_people", "recipient_org", "recipient_before_org", "recipient_before_person",
            "recipient_before_pronoun", "recipient_selected", "tail", "recipient_name_end", "another_person")),
    }


def _segments(text: str) -> list[Span]:
    """Pieces of the text between ";", sentence ends and line breaks."""
    spans: list[Span] = []
    start = 0
    for m in re.finditer(r";|\n|[.!?](?=\s|$)", text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _award_word_positions(text: str) -> list[int]:
    """Where a word that may start an award's name stands, found in one fast pass over the
    lower-cased text (the taxonomy's case-insensitive patterns are run only where one stands)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a character whose lower case is longer: no shortcut
        return list(range(0, len(text), 1))
    return [m.start() for m in _grammar()["award_words"].finditer(lowered)]


def _mentions(text: str, lo: int, hi: int) -> list[_Mention]:
    g = _grammar()
    if not g["any_award"].search(text, lo, hi):
        return []
    found: list[tuple[int, int, AwardRecord]] = []
    for record, rx in g["records"]:
        for m in rx.finditer(text, lo, hi):
            found.append((m.start(), m.end(), record))
    # longest first, then taxonomy order; drop overlaps
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    chosen: list[tuple[int, int, AwardRecord]] = []
    for s, e, r in found:
        if all(e <= cs or s >= ce for cs, ce, _ in chosen):
            chosen.append((s, e, r))
    chosen.sort()
    out: list[_Mention] = []
    for idx, (s, e, record) in enumerate(chosen):
        if record.generic:
            nxt = chosen[idx + 1] if idx + 1 < len(chosen) else None
            if nxt is not None and not nxt[2].generic and nxt[0] - e <= 60 \
                    and not re.search(r"trong đó", text[e : nxt[0]]):
                continue  # "được khen thưởng Huân chương …": the specific one speaks
        rank = None
        rm = g["rank"].match(text, e, hi)
        if rm:
            rank = g["rank_names"].get(rm.group("rank").lower())
        tail = g["tail"].match(text, e, hi)
        end = max(e, tail.end() if tail else e)
        end = len(text[:end].rstrip())
        out.append(_Mention(s, end, record, record.key, rank, None))
    return out


def _resolve_authority(text: str, mention: _Mention, context_start: int, segment_start: int | None = None) -> None:
    """Refine the key from who gives the award: "của Chính phủ", "Thủ tướng … tặng", or the giver
    of the awards listed before it in its segment ("Thủ tướng Chính phủ tặng Cờ thi đua … cho 9
    tập thể, Bằng khen cho 52 tập thể, cá nhân")."""
    after = text[mention.start : mention.end]
    before = text[context_start : mention.start]
    if segment_start is not None and segment_start < context_start:
        segment = text[segment_start : mention.start]
        verbs = list(re.finditer(r"(?<!\w)(?:tặng|trao)(?!\w)", segment))
        if verbs and not re.search(r"(?<!\w)(?:tặng|trao|khen|đề nghị)(?!\w)", before):
            # a bare coordinated award: given by the last giver of its segment
            before = segment[max(0, verbs[-1].start() - 60) : verbs[-1].end()]
    for rx, key in mention.record.authority:
        if re.search(rx, after):
            mention.key = key
            break
    else:
        has_own = re.search(r"\b(của|do)\b", after)
        if not has_own:
            for rx, key in mention.record.authority:
                if re.search(rf"(?:{rx})[^;,]{{0,40}}(?:tặng|trao|khen)\s*$", before):
                    mention.key = key
                    break
    who = re.search(r"\b(?:của|do)\s+(.+)$", after)
    if who:
        mention.authority = who.group(1).strip()
    else:
        m = re.search(r"((?:Chủ tịch nước|Thủ tướng Chính phủ|Thủ tướng|Chính phủ|Bộ trưởng[^,;]{0,40}|"
                      r"Tổng Giám đốc[^,;]{0,30}|Giám đốc[^,;]{0,30}|Chủ tịch[^,;]{0,40}))\s+(?:tặng|trao)\s*$",
                      before)
        if m:
            mention.authority = m.group(1).strip()


def _groups(text: str, lo: int, hi: int, blocked: list[Span]) -> list[_Group]:
    g = _grammar()
    groups: list[_Group] = []
    quota_end = -1  # end of the last count read as a quota ("không quá 01 tập thể và 02 cá nhân")
    for m in g["count"].finditer(text, lo, hi):
        if any(m.start() < be and bs < m.end() for bs, be in blocked):
            continue
        if g["count_not_after"].search(text, max(lo, m.start() - 20), m.start()) or (
                quota_end >= 0 and g["group_joiner"].match(text[quota_end : m.start()])):
            quota_end = m.end()
            continue
        raw = m.group("n")
        n = parse_int(raw) if raw[0].isdigit() else g["number_words"].get(raw.lower())
        if n is None:
            continue
        which = next(int(k[1:]) for k, v in m.groupdict().items() if k.startswith("r") and v)
        role, weak = g["roles"][which], which in g["weak_roles"]
        if groups and not groups[-1].used and g["group_joiner"].match(text[groups[-1].end : m.start()]):
            last = groups[-1]
            if role not in last.counts or re.fullmatch(r"\s*và\s*", text[last.end : m.start()]):
                last.counts[role] = last.counts.get(role, 0) + n  # "03 công đoàn cấp trên cơ sở và 05 công đoàn cơ sở"
                last.end = m.end()
                last.weak = last.weak and weak
                continue
        groups.append(_Group(m.start(), m.end(), {role: n}, weak=weak))
    return groups


def _split_counts(counts: dict[str, int], holder: str) -> tuple[int | None, int | None, int | None]:
    """(collectives, individuals, mixed) from a count group and the award's holder."""
    collectives = counts.get("collective")
    individuals = counts.get("individual")
    mixed = counts.get("mixed")
    title = counts.get("title")
    if title is not None:
        if holder == "collective":
            collectives = (collectives or 0) + title
        elif holder == "individual":
            individuals = (individuals or 0) + title
        else:
            mixed = (mixed or 0) + title
    return collectives, individuals, mixed


def _is_proposed(text: str, lo: int, hi: int) -> bool:
    """Whether ``text[lo:hi]`` proposes: a proposal cue, not someone else's preamble, and no
    award given after it ("Bộ đã trình cấp có thẩm quyền và được Chủ tịch nước phong tặng")."""
    g = _grammar()
    window = text[lo:hi]
    cues = list(g["proposed"].finditer(window))
    if not cues or g["not_proposed"].search(window):
        return False
    return not g["given"].search(window, cues[-1].end())


_LIST_ITEM = re.compile(r"^\s*(?:[-–+•]|\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ]\))\s")
_ROMAN_HEADING = re.compile(r"^\s*[IVX]{1,5}\.\s")
#: A line this short (a table cell, a page number) does not end the list around it.
_SHORT_LINE = 40


def _introduces_proposal(line: str) -> bool:
    """Whether a line ending with ":" introduces proposals: its last sentence proposes
    ("… kính trình Tổng Giám đốc xem xét, khen thưởng như sau:"), not an earlier one
    ("… trình cấp có thẩm quyền khen thưởng. Kết quả cụ thể:")."""
    stripped = line.rstrip()
    if not stripped.endswith(":"):
        return False
    last = re.split(r"[.;](?=\s)", stripped)[-1]
    return _is_proposed(last, 0, len(last))


@lru_cache(maxsize=4)
def _lead_ins(text: str) -> list[tuple[int, int, bool]]:
    """For each line, whether a list item or a table row inherits "proposed" from what introduces it.

    A list item under "II. ĐỀ NGHỊ KHEN THƯỞNG", under "… đề nghị khen thưởng như
    sau:" or under "3. Đề nghị Giám đốc … tặng Giấy khen" is a proposal even when
    the item itself reads "Tặng Bằng khen … cho 03 tập thể". Tables and short lines
    (cells, page numbers) inside such a list keep it going; a paragraph of prose ends it.
    """
    out: list[tuple[int, int, bool]] = []
    roman = colon = numbered = False
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        proposes = _is_proposed(line, 0, len(line))
        if _ROMAN_HEADING.match(line):
            roman, colon, numbered = proposes, False, False
            out.append((start, end, False))
            continue
        if _LIST_ITEM.match(line):
            dash = not re.match(r"^\s*\d", line)
            out.append((start, end, roman or colon or (dash and numbered)))
            if not dash and not re.search(r"\d+\s+(?:tập thể|cá nhân)", line):
                numbered = proposes  # "3. Đề nghị … tặng Giấy khen" introduces dash items
        elif line.lstrip().startswith("|"):
            out.append((start, end, roman or colon or numbered))
        else:
            out.append((start, end, False))
            if len(line.strip()) > _SHORT_LINE or line.rstrip().endswith(":"):
                colon = _introduces_proposal(line)
                numbered = False
    return out


_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")


def _inline_proposals(text: str) -> list[Span]:
    """Spans introduced, inside one sentence, by words that propose and a colon: "Hội đồng
    thống nhất đề nghị Thủ tướng Chính phủ khen thưởng: 02 tập thể được tặng Cờ thi đua …;
    01 cá nhân …" (up to the end of the sentence)."""
    spans: list[Span] = []
    for colon in re.finditer(r":(?!\s*$)", text, re.M):
        start = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, colon.start() - 300), colon.start())),
                    default=max(0, colon.start() - 300))
        if _introduces_proposal(text[start : colon.end()]):
            end = _SENTENCE_END.search(text, colon.end())
            spans.append((colon.end(), end.start() if end else len(text)))
    return spans


def _rejected(text: str, item: AwardItem) -> bool:
    """Whether the sentence of ``item`` turns its proposal down ("… chỉ đạt 63,6% số phiếu, Hội
    đồng không xem xét đề nghị khen thưởng đợt này")."""
    start = max((m.end() for m in re.finditer(r"[.!?](?=\s)|\n\s*\n", text[: item.start])), default=0)
    end = re.search(r"[.!?](?=\s|$)|\n\s*\n", text[item.end :])
    return bool(_grammar()["rejected"].search(text, start, item.end + (end.start() if end else len(text))))


def lead_in_proposals(text: str) -> Callable[[int], bool]:
    """``offset → bool``: whether the list item or table row at ``offset`` inherits "proposed"."""
    lines = [(s, e) for s, e, inherited in _lead_ins(text) if inherited]
    return lambda at: any(s <= at <= e for s, e in lines)


def read_counts(cell: str, holder: str = "any") -> tuple[int | None, int | None, int | None] | None:
    """``(collectives, individuals, mixed)`` written in a table cell ("01 tập thể, 03 cá nhân"), or
    ``None`` when the cell holds no count of tập thể or cá nhân."""
    groups = _groups(cell, 0, len(cell), [])
    if len(groups) != 1 or cell[: groups[0].start].strip() or cell[groups[0].end :].strip(" .;"):
        return None
    return _split_counts(groups[0].counts, holder)


def _item(text: str, s: int, e: int, mention: _Mention, counts: tuple, proposed: bool,
          recipient: str | None = None) -> AwardItem:
    collectives, individuals, mixed = counts
    return AwardItem(
        text=text[s:e], start=s, end=e, award=mention.key, label=text[mention.start : mention.end],
        rank=mention.rank, authority=mention.authority, collectives=collectives, individuals=individuals,
        mixed=mixed, status="proposed" if proposed else "awarded", recipient=recipient,
    )


def _count_names(names: str) -> int:
    parts = [p for p in re.split(r",|\s+và\s+", names) if re.search(r"[A-ZĐÀ-Ỹ]", p)]
    return max(1, len(parts))


def _count_units(names: str) -> int:
    """Units named in a list: parts after a comma that start with a capital, and a part after
    "và" that starts a unit's name. "BHXH tỉnh Thái Nguyên, Lạng Sơn" → 2, "Sở A và BHXH tỉnh B"
    → 2; "UBND huyện A, tỉnh B" and "Sở Giáo dục và Đào tạo" → 1."""
    head = _grammar()["org_head"]
    parts = [p.strip() for p in names.split(",")]
    count = sum(1 for p in parts if p[:1].isupper())
    count += sum(1 for p in parts for after in re.split(r"\s+và\s+", p)[1:] if head.match(after))
    return max(1, count)


def _limit(events: list, idx: int, hi: int) -> int:
    """Where the words that belong to the award at ``events[idx]`` end: the next award."""
    return next((o.start for _p, k, o in events[idx + 1 :] if k == "m"), hi)


def _proposal_start(mentions: list[_Mention], mention: _Mention, lo: int) -> int:
    """Where to look for "đề nghị" before an award: from the start of its clause, so that one
    proposing verb governs the awards listed after it ("trình Chủ tịch UBND tỉnh công nhận A cho
    05 tập thể, tặng B cho ông X và tặng Bằng khen cho 03 tập thể"); an award given after the
    cue ends it (:func:`_is_proposed`)."""
    return lo


def _named_recipient(text: str, mention: _Mention, lo: int, limit: int, proposed: bool) -> AwardItem | None:
    """An item for one recipient named after the award (``recipient`` set) or before it (not set)."""
    """"… cho đồng chí Phạm Văn Lại", "cho BHXH Hà Tĩnh", "Đồng chí X được tặng …"."""
    g = _grammar()
    tail = text[mention.end : limit]
    for rx, role in (("recipient_people", "individual"), ("recipient_person", "individual"),
                     ("recipient_org", "collective")):
        m = g[rx].match(tail)
        if not m:
            continue
        name = m.group(m.lastgroup or 0).strip(" ,-–")
        name = re.sub(r"\s+và$", "", g["recipient_name_end"].split(name)[0].strip())
        if rx == "recipient_people":
            n = _count_names(name)
        elif rx == "recipient_person":  # "… cho Thượng tá A, Đồn trưởng … và Trung tá B, …"
            n = 1 + len(g["another_person"].findall(tail, m.end(), len(tail)))
        else:
            n = _count_units(name)
        counts = (n, None, None) if role == "collective" else (None, n, None)
        end = mention.end + m.start(m.lastgroup or 0) + len(name)
        return _item(text, mention.start, end, mention, counts, proposed, recipient=name)
    before = text[lo : mention.start]
    selected = g["recipient_selected"].search(before)
    if selected:
        return _item(text, lo + selected.start("org"), mention.end, mention, (1, None, None), True)
    person = g["recipient_before_person"].search(before) or g["recipient_before_pronoun"].search(before)
    org = None if person else g["recipient_before_org"].search(before)
    found = person or org
    if found is None or g["not_one_award"].search(found.group(0)):
        return None
    counts = (None, 1, None) if person else (1, None, None)
    start = lo + found.start() + (len(found.group(0)) - len(found.group(0).lstrip(".;:, ")))
    return _item(text, start, mention.end, mention, counts, proposed)


def _same_recipient(text: str, mention: _Mention, found: list[AwardItem], lo: int) -> AwardItem | None:
    """An award given to the recipient of the one before it, whose subject is not repeated:
    "Đơn vị được Chủ tịch nước tặng HCLĐ hạng Nhất (năm 2020), được Thủ tướng Chính phủ
    tặng Cờ thi đua của Chính phủ (năm 2022)", or listed after it: "… tặng thưởng Huân chương
    Lao động hạng Ba (năm 2005), Huân chương Lao động hạng Nhì (năm 2012)"."""
    previous = max((a for a in found if lo <= a.end <= mention.start), key=lambda a: a.end, default=None)
    if previous is None or (previous.collectives or 0) + (previous.individuals or 0) != 1 or previous.mixed:
        return None
    between = text[previous.end : mention.start]
    g = _grammar()
    if g["same_recipient"].fullmatch(between):
        verb = re.search(r"(?<!\w)(?:được|đạt)(?!\w)", between)
        start = previous.end + (verb.start() if verb else len(between))
    elif g["same_recipient_list"].fullmatch(between) and not mention.record.generic:
        start = mention.start
    else:
        return None
    counts = (previous.collectives, previous.individuals, None)
    return _item(text, start, mention.end, mention, counts, previous.status == "proposed")


def _year_entry(text: str, mention: _Mention, individual_subject: bool) -> AwardItem | None:
    """An award listed by year in a báo cáo thành tích, received by the subject of the report:
    "- Năm 2021: Bằng khen của Tổng Giám đốc BHXH Việt Nam (Quyết định số …)". The subject is a
    person when the report gives "Họ và tên:", else the unit."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    if not _grammar()["year_entry"].fullmatch(text[line_start : mention.start]):
        return None
    holder = mention.record.holder
    person = holder == "individual" or (holder == "any" and individual_subject)
    counts = (None, 1, None) if person else (1, None, None)
    return _item(text, line_start + len(text[line_start : mention.start]) - len(text[line_start : mention.start].lstrip(" -–+•")),
                 mention.end, mention, counts, False)


def classify_award(label: str) -> tuple[str, str, str | None] | None:
    """The award a table row or a heading names: ``(key, label, rank)``, or ``None``.

    Example:
        >>> classify_award("Bằng khen của Thủ tướng Chính phủ")
        ('bang_khen_thu_tuong', 'Bằng khen của Thủ tướng Chính phủ', None)
    """
    mentions = [m for m in _mentions(label, 0, len(label)) if not m.record.generic]
    if not mentions:
        return None
    mention = mentions[0]
    _resolve_authority(label, mention, 0)
    return mention.key, label[mention.start : mention.end], mention.rank


def proposed_before(text: str, offset: int, lines: int = 2) -> bool:
    """Whether the words just before ``offset`` (a table's caption, or the last sentence of the
    paragraph before it) speak of a proposal: "Đề nghị khen thưởng như sau:", not "… đang trình
    Bộ xem xét. Kết quả bình xét được tổng hợp tại bảng sau:"."""
    before = [line for line in text[:offset].split("\n") if line.strip()][-lines:]
    for line in reversed(before):
        last = re.split(r"[.;](?=\s)", line.rstrip())[-1]
        if _is_proposed(last, 0, len(last)):
            return True
        if len(line.strip()) > _SHORT_LINE or line.rstrip().endswith(":"):
            return False  # a sentence introduces the table: the lines above it do not
    return False


def find_awards(text: str, *, exclude: list[Span] | None = None) -> list[AwardItem]:
    """Find every award statement in ``text``.

    Args:
        text: normalized text.
        exclude: spans that cannot hold a count (dates, document numbers).

    Example:
        >>> [(a.award, a.collectives, a.individuals)
        ...  for a in find_awards("7 tập thể và 14 cá nhân được tặng Bằng khen của Thủ tướng Chính phủ")]
        [('bang_khen_thu_tuong', 7, 14)]
    """
    g = _grammar()
    exclude = exclude or []
    out: list[AwardItem] = []
    told_before: list[AwardItem] = []
    individual_subject = bool(g["individual_subject"].search(text, 0, 3000))
    hits = _award_word_positions(text)
    for lo, hi in _segments(text):
        first = bisect.bisect_left(hits, lo)
        if first == len(hits) or hits[first] >= hi:
            continue
        mentions = _mentions(text, lo, hi)
        if not mentions:
            continue
        groups = _groups(text, lo, hi, exclude + [(m.start, m.end) for m in mentions])
        prev_end = lo
        for mention in mentions:
            _resolve_authority(text, mention, max(lo, prev_end), lo)
            prev_end = mention.end
        events = sorted([(m.start, "m", m) for m in mentions] + [(gr.start, "g", gr) for gr in groups],
                        key=lambda ev: ev[0])
        # shape 3: a count directly before the award ("341 danh hiệu Chiến sỹ thi đua cơ sở", "12 Cờ thi đua")
        for gr in groups:
            nxt = next((m for m in mentions if m.start >= gr.end), None)
            if nxt and not nxt.used and not nxt.record.generic and re.fullmatch(r"\s*", text[gr.end : nxt.start]) \
                    and set(gr.counts) <= {"title"}:
                gr.used = nxt.used = True
                out.append(_item(text, gr.start, nxt.end, nxt, _split_counts(gr.counts, nxt.record.holder),
                                 _is_proposed(text, lo, gr.start)))
        bare = re.compile(r"(?<![\d.,/\w])(?P<n>\d{1,3}(?:\.\d{3})+|\d+)\s+$")
        for mention in mentions:
            m = bare.search(text, max(lo, mention.start - 12), mention.start)
            if m and not mention.used and not mention.record.generic and not any(
                    m.start() < be and bs < m.end() for bs, be in exclude):
                n = parse_int(m.group("n"))
                if n:
                    mention.used = True
                    out.append(_item(text, m.start(), mention.end, mention,
                                     _split_counts({"title": n}, mention.record.holder),
                                     _is_proposed(text, lo, m.start())))
        # shape 2: award → counts ("Tặng Bằng khen … cho 15 tập thể và 42 cá nhân")
        for idx, (_pos, kind, obj) in enumerate(events):
            if kind != "m" or obj.used:
                continue
            nxt_group = next((o for _p, k, o in events[idx + 1 :] if k == "g"), None)
            limit = _limit(events, idx, hi)
            if nxt_group is not None and not nxt_group.used and nxt_group.start < limit and \
                    g["award_to_counts"].match(text[obj.end : nxt_group.start] + " ") and \
                    not (nxt_group.weak and obj.record.generic):
                nxt_group.used = obj.used = True
                out.append(_item(text, obj.start, nxt_group.end, obj,
                                 _split_counts(nxt_group.counts, obj.record.holder),
                                 _is_proposed(text, _proposal_start(mentions, obj, lo), obj.start)))
        # shape 1: counts → award
        for idx, (_pos, kind, obj) in enumerate(events):
            if kind != "g" or obj.used:
                continue
            nxt = next(((p, k, o) for p, k, o in events[idx + 1 :]), None)
            if nxt is None or nxt[1] != "m" or nxt[2].used:
                continue
            mention = nxt[2]
            gap = text[obj.end : mention.start]
            if len(gap) > g["max_gap"] or (set(obj.counts) == {"title"} or obj.weak) and mention.record.generic:
                continue
            obj.used = mention.used = True
            out.append(_item(text, obj.start, mention.end, mention, _split_counts(obj.counts, mention.record.holder),
                             _is_proposed(text, obj.end, mention.start)))
        # shape 4: one named recipient, after or before the award
        for idx, (_pos, kind, obj) in enumerate(events):
            if kind == "m" and not obj.used and not obj.record.generic:
                item = _named_recipient(text, obj, lo, _limit(events, idx, hi),
                                        _is_proposed(text, _proposal_start(mentions, obj, lo), obj.start))
                if item is None:
                    item = _same_recipient(text, obj, out, lo)
                if item is not None:
                    obj.used = True
                    out.append(item)
                    if item.recipient is None and item.collectives:  # a unit's award, told again and again
                        told_before.append(item)
                    continue
                item = _year_entry(text, obj, individual_subject)  # one a year: never a repetition
                if item is not None:
                    obj.used = True
                    out.append(item)
    inherits = lead_in_proposals(text)
    introduced = _inline_proposals(text)
    for a in out:
        if a.status == "awarded" and not g["past"].search(a.text) and inherits(a.start) or (
                a.status == "awarded" and not g["explicit_past"].search(a.text)
                and any(s <= a.start < e for s, e in introduced)):
            a.status = "proposed"
    out = [a for a in out if not _rejected(text, a)]
    out.sort(key=lambda a: a.start)
    for a, b in zip(out, out[1:], strict=False):
        if a.status == "proposed" and b.status == "awarded" and g["coordinated"].fullmatch(text[a.end : b.start]) \
                and not g["explicit_past"].search(b.text):
            b.status = "proposed"  # "đề nghị tặng A cho 25 tập thể; danh hiệu B cho 12 cá nhân và C cho …"
    return _drop_repeated_events(out, told_before)


def _drop_repeated_events(items: list[AwardItem], told_before: list[AwardItem]) -> list[AwardItem]:
    """One award to one unnamed recipient, told again: a news page's title, then "tổ chức
    Lễ đón nhận …", then "trao … cho BHXH tỉnh". Keep one statement per award, rank and
    status among those whose recipient was not named after the award."""
    named = {(a.award, a.rank, a.status) for a in items if a.recipient is not None}
    seen: set[tuple[str, str | None, str]] = set()
    out: list[AwardItem] = []
    for a in items:
        key = (a.award, a.rank, a.status)
        if any(a is b for b in told_before):
            if key in named or key in seen:
                continue
            seen.add(key)
        out.append(a)
    return out
