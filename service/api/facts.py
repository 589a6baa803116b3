"""The archive's facts: ``GET /api/facts/awards`` and ``GET /api/facts/targets``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from corpus.models import AwardGrouping, AwardSum, TargetPoint
from extract.models import AwardStatus, TargetKind
from service.deps import ArchiveDep, DisplayDep
from service.errors import responses
from service.facts import AwardYears, award_years

router = APIRouter(prefix="/api/facts", tags=["archive"])

Status = Annotated[AwardStatus | None, Query(description="awarded (decisions) or proposed (đề nghị); both if absent")]


@router.get("/awards", response_model=list[AwardSum], summary="Awards summed by year, issuer or award",
            responses=responses(400, 422))
def awards(archive: ArchiveDep, display: DisplayDep, status: Status = None,
           by: Annotated[AwardGrouping, Query(description="the grouping")] = "year") -> list[AwardSum]:
    """Collectives, individuals, mixed counts and statements per group, with the documents summed."""
    return display.award_sums(archive.facts_awards(by=by, status=status))


@router.get("/awards/years", response_model=AwardYears, summary="Awards per year and award (for charts)",
            responses=responses(400, 422))
def awards_by_year(archive: ArchiveDep, status: Status = None) -> AwardYears:
    """One series per award key with its total for each year."""
    return award_years(archive, status=status)


@router.get("/targets", response_model=list[TargetPoint], summary="A target's values over the years",
            responses=responses(400, 422))
def targets(
    archive: ArchiveDep,
    display: DisplayDep,
    metric: Annotated[str, Query(min_length=1, max_length=200, description="words of the metric, e.g. bao phu bhyt")],
    kind: Annotated[TargetKind | None, Query(description="target (chỉ tiêu) or result (kết quả)")] = None,
) -> list[TargetPoint]:
    """Every value whose metric holds all the words given, oldest first, each with its document."""
    return display.target_points(archive.facts_targets(metric, kind=kind))
