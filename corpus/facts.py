"""The facts as data: awards summed by year, issuer or award; a target's values over time.

Every row links to the documents it was summed from.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import get_args

from corpus.errors import QueryError
from corpus.folding import folded_words
from corpus.models import AwardGrouping, AwardSum, DocumentRef, TargetPoint
from corpus.store.sqlite import Store
from extract.models import AwardStatus, TargetKind

_GROUP_KEYS: dict[str, str] = {
    "year": "CAST(a.year AS TEXT)",
    "issuer": "d.issuer",
    "award": "a.award",
}


def _ids(joined: str | None) -> list[int]:
    return [int(i) for i in joined.split(",")] if joined else []


def _chronological(refs: Iterable[DocumentRef]) -> list[DocumentRef]:
    """Documents oldest first (undated last), whatever order the ingest stored them in."""
    return sorted(refs, key=lambda r: (r.issued_date is None, r.issued_date or "", r.number or "", r.id))


def award_sums(store: Store, *, by: AwardGrouping, status: AwardStatus | None = None) -> list[AwardSum]:
    """Collectives, individuals and mixed counts summed per year, issuer or award.

    Args:
        store: the archive's database.
        by: ``year`` (of the document's issue date), ``issuer`` or ``award`` (its key).
        status: only ``awarded`` or only ``proposed`` statements; both when ``None``.

    Raises:
        QueryError: ``by`` or ``status`` is not one of the allowed values.
    """
    if by not in _GROUP_KEYS:
        raise QueryError("by", f"{by!r} is not one of {', '.join(_GROUP_KEYS)}")
    if status is not None and status not in get_args(AwardStatus):
        raise QueryError("status", f"{status!r} is not one of {', '.join(get_args(AwardStatus))}")
    key = _GROUP_KEYS[by]
    rows = store.query(
        f"SELECT {key} AS k, MIN(a.label), SUM(COALESCE(a.collectives, 0)), SUM(COALESCE(a.individuals, 0)),"
        " SUM(COALESCE(a.mixed, 0)), COUNT(*), group_concat(DISTINCT a.document_id)"
        " FROM awards a JOIN documents d ON d.id = a.document_id"
        " WHERE (?1 IS NULL OR a.status = ?1)"
        " GROUP BY k ORDER BY k IS NULL, k",
        (status,),
    )
    refs = store.refs(i for row in rows for i in _ids(row[6]))
    return [
        AwardSum(
            key=k,
            label=label if by == "award" else None,
            collectives=collectives,
            individuals=individuals,
            mixed=mixed,
            total=collectives + individuals + mixed,
            statements=statements,
            documents=_chronological(refs[i] for i in _ids(ids) if i in refs),
        )
        for k, label, collectives, individuals, mixed, statements, ids in rows
    ]


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"% {escaped} %"


def target_series(store: Store, metric: str, *, kind: TargetKind | None = None) -> list[TargetPoint]:
    """Every value of the targets whose metric holds all the words of ``metric``, oldest first.

    Matching ignores case and diacritics: ``"bao phu bao hiem y te"`` finds
    "Tỷ lệ bao phủ bảo hiểm y tế".

    Args:
        store: the archive's database.
        metric: words of the metric.
        kind: only ``target`` (chỉ tiêu) or only ``result`` (kết quả) values.

    Raises:
        QueryError: ``metric`` has no words, or ``kind`` is not allowed.
    """
    words = folded_words(metric)
    if not words:
        raise QueryError("metric", f"{metric!r} has no words to match")
    if kind is not None and kind not in get_args(TargetKind):
        raise QueryError("kind", f"{kind!r} is not one of {', '.join(get_args(TargetKind))}")
    where = " AND ".join(["t.metric_folded LIKE ? ESCAPE '\\'"] * len(words))
    rows = store.query(
        "SELECT t.year, t.period, t.metric, t.value, t.unit, t.kind, t.comparator, t.text, t.document_id"
        f" FROM targets t JOIN documents d ON d.id = t.document_id WHERE {where}"
        " AND (? IS NULL OR t.kind = ?)"
        " ORDER BY t.year IS NULL, t.year, d.issued_date, t.document_id, t.start",
        [*map(_like, words), kind, kind],
    )
    refs = store.refs(row[8] for row in rows)
    keys = ("year", "period", "metric", "value", "unit", "kind", "comparator", "text")
    return [TargetPoint(**dict(zip(keys, row[:8], strict=True)), document=refs[row[8]]) for row in rows]
