"""Award counts per year and per award, for the archive's chart.

The archive sums awards by one key at a time (:meth:`corpus.Archive.facts_awards`);
the chart needs two (year × award), so this module adds the statements of the
documents that :meth:`facts_awards` names, with the archive's own year rule.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from pydantic import BaseModel, Field

from corpus import Archive
from corpus.datekeys import year_of
from extract.awards import AwardRecord
from extract.lexicon import load_jsonl
from extract.models import AwardItem, AwardStatus


class AwardSeries(BaseModel):
    """One award's totals (collectives + individuals + mixed) for each year of :class:`AwardYears`."""

    award: str = Field(examples=["huan_chuong_lao_dong"])
    label: str | None = None
    values: list[int]


class AwardYears(BaseModel):
    """Awards per year, one series per award key (documents with no year are left out)."""

    status: AwardStatus | None = None
    years: list[str]
    series: list[AwardSeries]


@lru_cache(maxsize=1)
def _award_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for record in load_jsonl("awards.jsonl", AwardRecord):
        names.setdefault(record.key, record.label)
    return names


def award_name(key: str) -> str:
    """The taxonomy's name of an award key: ``huan_chuong_lao_dong`` → ``Huân chương Lao động``."""
    return _award_names().get(key, key)


def _count(item: AwardItem) -> int:
    return (item.collectives or 0) + (item.individuals or 0) + (item.mixed or 0)


def award_years(archive: Archive, *, status: AwardStatus | None = None) -> AwardYears:
    """Awards summed per year and award key.

    Raises:
        QueryError: ``status`` is not allowed.
    """
    groups = archive.facts_awards(by="award", status=status)
    document_ids = sorted({ref.id for row in groups for ref in row.documents})
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for doc_id in document_ids:
        extraction = archive.get(doc_id).extraction
        year = year_of(extraction.issued_date)
        if year is None:
            continue
        for item in extraction.awards:
            if status is None or item.status == status:
                totals[item.award][str(year)] += _count(item)
    years = sorted({year for per_year in totals.values() for year in per_year})
    series = [
        AwardSeries(award=award, label=award_name(award), values=[totals[award].get(y, 0) for y in years])
        for award in sorted(totals, key=lambda key: -sum(totals[key].values()))
    ]
    return AwardYears(status=status, years=years, series=series)
