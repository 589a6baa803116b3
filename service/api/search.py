"""``GET /api/search``: the archive's documents for a query typed with or without diacritics."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from corpus.models import SearchResult
from extract.models import DocumentKind
from service.deps import ArchiveDep, DisplayDep
from service.errors import responses

router = APIRouter(prefix="/api", tags=["archive"])


@router.get("/search", response_model=SearchResult, summary="Search the archive", responses=responses(400, 422))
def search(
    archive: ArchiveDep,
    display: DisplayDep,
    q: Annotated[str, Query(max_length=500, description="words, \"a phrase\", -excluded; diacritics optional")] = "",
    kind: Annotated[DocumentKind | None, Query(description="a document kind")] = None,
    issuer: Annotated[str | None, Query(max_length=200, description="words of the issuing agency")] = None,
    date_from: Annotated[str | None, Query(max_length=20, description="2025, 2025-06, 2025-06-01 or 1/6/2025")]
    = None,
    date_to: Annotated[str | None, Query(max_length=20, description="same forms as date_from")] = None,
    award: Annotated[str | None, Query(max_length=80, description="an award key, e.g. huan_chuong_lao_dong")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> SearchResult:
    """Ranked documents with a highlighted passage, every path, and counts by kind, issuer, year and award.

    ``huan chuong lao dong`` finds *Huân chương Lao động*; an empty query lists the
    filtered documents, newest first.
    """
    result = archive.search(q, kind=kind, issuer=issuer, date_from=date_from, date_to=date_to, award=award,
                            limit=limit, offset=offset)
    return display.search(result)
