"""The letter's own metadata: kind, số và ký hiệu, place and date, issuer, trích yếu,
Kính gửi, signer, Nơi nhận, chủ đề and the documents it cites.

The layout follows Nghị định 30/2020/NĐ-CP as it comes out of a reader: the
header table row by row (agency | Quốc hiệu, Số | place and date), the title,
the body, then Nơi nhận and the signature block. The wording lives in
``data/meta.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from extract.lexicon import load_data
from extract.models import Issuer, Reference, Signer

#: how many lines from the top the header may take
HEADER_LINES = 30


@dataclass
class LetterMeta:
    """Metadata found in one document (offsets are not needed for these fields)."""

    kind: str = "khac"
    number: str | None = None
    issued_date: date | None = None
    place: str | None = None
    issuer: Issuer | None = None
    subject: str | None = None
    recipients: list[str] | None = None
    signer: Signer | None = None
    cc: list[str] | None = None
    theme: str | None = None
    number_span: tuple[int, int] | None = None


@lru_cache(maxsize=1)
def _grammar() -> dict:
    cfg = load_data("meta.yaml")
    types = cfg["reference_types"]
    return {
        "cfg": cfg,
        "number": re.compile(cfg["number"]),
        "place_date": re.compile(cfg["place_date"]),
        "subject_cv": re.compile(cfg["subject_cong_van"]),
        "subject_after": re.compile(cfg["subject_after_title"]),
        "recipients": re.compile(cfg["recipients"], re.I),
        "cc": re.compile(cfg["cc"], re.I),
        "theme": re.compile(cfg["theme"], re.I | re.S),
        "authority": re.compile(cfg["signer_authority"]),
        "title_words": re.compile(cfg["signer_title_words"]),
        "person": re.compile(cfg["person_name"]),
        "continuation": re.compile(cfg["agency_continuations"]),
        "national": re.compile(re.escape(cfg["national_title"]).replace(r"\ ", r"\s+"), re.I),
        "motto": re.compile(cfg["motto"], re.I),
        "reference": re.compile(cfg["reference"].format(types=types)),
        "titles": cfg["titles"],
        "abbreviations": cfg["type_abbreviations"],
    }


def _is_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _is_rule(line: str) -> bool:
    return bool(re.fullmatch(r"\s*[-_=*~.·…]{3,}\s*", line))


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _kind_from_symbol(number: str) -> str | None:
    g = _grammar()
    symbol = number.split("/", 1)[1] if "/" in number else ""
    groups = re.split(r"[-/]", symbol)
    for part in groups[:1] + groups[1:]:
        if part in g["abbreviations"]:
            return g["abbreviations"][part]
    return None


def _title_kind(lines: list[tuple[int, str]]) -> tuple[str | None, int | None]:
    """The kind named by a title line ("KẾ HOẠCH") in the top part, and its index."""
    g = _grammar()
    for idx, (_pos, line) in enumerate(lines[:HEADER_LINES + 10]):
        stripped = line.strip().rstrip(":")
        if stripped in g["titles"]:
            return g["titles"][stripped], idx
    return None, None


def _issuer(lines: list[tuple[int, str]], stop: int) -> Issuer | None:
    """The agency lines above "Số:" (or above the title), leaving out the Quốc hiệu."""
    g = _grammar()
    names: list[str] = []
    for _pos, line in lines[:stop]:
        s = line.strip()
        if not s or _is_rule(s) or g["national"].search(s) or g["motto"].search(s):
            continue
        if not _is_upper(s):
            continue
        s = s.strip("-_ ")
        if names and g["continuation"].match(s):
            names[-1] = f"{names[-1]} {s}"
        else:
            names.append(s)
    names = [n for n in names if not g["national"].search(n)]
    if not names:
        return None
    if len(names) == 1:
        return Issuer(name=names[0])
    return Issuer(parent=names[0], name=names[1])


def _dash_list(lines: list[tuple[int, str]], start: int, inline: str) -> list[str]:
    items: list[str] = []
    if inline.strip():
        items.append(inline.strip())
    for _pos, line in lines[start:]:
        s = line.strip()
        if re.match(r"^[-–+•]\s*", s):
            items.append(re.sub(r"^[-–+•]\s*", "", s))
        elif not s and not items:
            continue
        else:
            break
    return [i.rstrip(";.,").strip() for i in items if i.strip(" ;.,")]


def _signer(lines: list[tuple[int, str]], after: int) -> Signer | None:
    """The signature block: the last upper-case title lines followed by a person's name."""
    g = _grammar()
    tail = [(i, line.strip()) for i, (_p, line) in enumerate(lines) if i >= after and line.strip()]
    for k in range(len(tail) - 1, -1, -1):
        idx, s = tail[k]
        if not g["person"].match(s) or _is_upper(s):
            continue
        titles: list[str] = []
        j = k - 1
        while j >= 0 and _is_upper(tail[j][1]) and len(titles) < 3:
            titles.insert(0, tail[j][1])
            j -= 1
        if not titles or not g["title_words"].search(" ".join(titles)):
            continue
        authority = None
        m = g["authority"].match(titles[0])
        if m:
            authority = m.group("authority").replace(" ", "") + "."
            if len(titles) == 1:
                titles[0] = m.group("rest").strip()
            else:
                titles = titles[1:]
        return Signer(authority=authority, title=titles[-1], name=s)
    return None


def find_meta(text: str) -> LetterMeta:
    """Read the letter's metadata from its normalized text.

    Example:
        >>> find_meta("BẢO HIỂM XÃ HỘI VIỆT NAM\\nSố: 148/BHXH-TĐKT\\nV/v phát động thi đua").number
        '148/BHXH-TĐKT'
    """
    g = _grammar()
    meta = LetterMeta()
    lines = _lines(text)
    head_end = lines[min(len(lines), HEADER_LINES) - 1][0] + len(lines[min(len(lines), HEADER_LINES) - 1][1])
    head = text[:head_end]

    number_m = g["number"].search(head)
    title_kind, title_idx = _title_kind(lines)
    official = bool(number_m or g["national"].search(head) or g["motto"].search(head))
    if number_m:
        raw = re.sub(r"\s+", "", number_m.group("number"))
        num = raw if re.match(r"\d", raw) else None
        meta.number = num
        meta.number_span = number_m.span("number")
    pd = g["place_date"].search(head)
    if pd:
        meta.place = pd.group("place").strip()
        try:
            meta.issued_date = date(int(pd.group("y")), int(pd.group("m")), int(pd.group("d")))
        except (ValueError, TypeError):
            meta.issued_date = None
    subject_cv = g["subject_cv"].search(head)

    # kind: a title line, the type in the symbol, a "V/v" trích yếu, else news or other
    symbol_kind = _kind_from_symbol(meta.number or (number_m.group("number") if number_m else ""))
    if title_kind:
        meta.kind = title_kind
    elif symbol_kind:
        meta.kind = symbol_kind
    elif official and (subject_cv or number_m):
        meta.kind = "cong_van"
    elif not official and len(text) >= g["cfg"]["min_news_chars"]:
        meta.kind = "tin_bai"

    if official or title_kind:
        stop_candidates = [i for i, (p, _l) in enumerate(lines) if number_m and p <= number_m.start() < p + len(_l) + 1]
        stop = stop_candidates[0] if stop_candidates else (title_idx if title_idx is not None else HEADER_LINES)
        meta.issuer = _issuer(lines, stop)
        if subject_cv:
            meta.subject = subject_cv.group("subject").strip().rstrip(".")
        elif title_idx is not None and title_idx + 1 < len(lines):
            nxt = lines[title_idx + 1][1].strip()
            sm = g["subject_after"].match(nxt)
            if sm and not _is_rule(nxt):
                meta.subject = sm.group("subject").strip().rstrip(".")
        rec = g["recipients"].search(text)
        if rec:
            idx = next(i for i, (p, _l) in enumerate(lines) if p <= rec.start() < p + len(_l) + 1)
            meta.recipients = _dash_list(lines, idx + 1, rec.group("inline"))
        cc = g["cc"].search(text)
        if cc:
            idx = next(i for i, (p, _l) in enumerate(lines) if p <= cc.start() < p + len(_l) + 1)
            meta.cc = _dash_list(lines, idx + 1, cc.group("inline"))
        body_start = title_idx or 0
        meta.signer = _signer(lines, max(body_start + 1, len(lines) // 3 if len(lines) > 12 else 0))
    theme = g["theme"].search(text)
    if theme:
        meta.theme = " ".join(theme.group("theme").split()).strip(" .,")
    return meta


def find_references(text: str) -> list[Reference]:
    """Documents cited in the text (văn bản được viện dẫn), with their number, date, issuer.

    Example:
        >>> r = find_references("Quyết định số 1167/QĐ-TTg ngày 28/6/2016 của Thủ tướng Chính phủ;")[0]
        >>> r.type, r.number, r.date, r.issuer
        ('Quyết định', '1167/QĐ-TTg', '2016-06-28', 'Thủ tướng Chính phủ')
    """
    g = _grammar()
    out: list[Reference] = []
    for m in g["reference"].finditer(text):
        raw_date = m.group("date")
        iso = None
        if raw_date:
            parts = [int(x) for x in re.findall(r"\d+", raw_date)]
            try:
                iso = date(parts[2], parts[1], parts[0]).isoformat()
            except (ValueError, IndexError):
                iso = None
        issuer = m.group("issuer")
        out.append(Reference(
            text=m.group(0), start=m.start(), end=m.end(), type=m.group("type"),
            number=m.group("number"), date=iso, issuer=issuer.strip() if issuer else None,
        ))
    return out
