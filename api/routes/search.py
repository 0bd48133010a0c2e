"""``/search``: full-text search over the graph's entities, as JSON (see ``budgetkg.search``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ..deps import IndexDep
from ..models import ErrorBody, FacetCount, Hit, SearchResponse

router = APIRouter(tags=["Search"])


@router.get(
    "/search",
    response_model=SearchResponse,
    responses={400: {"model": ErrorBody, "description": "malformed query syntax, bad filter or sort"}},
)
def search(
    index: IndexDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=2000,
            description='words, "phrases", AND/OR/NOT, field queries such as agency:大同市信访局',
            examples=["维稳经费", '"信访工作条例"', "agency:大同市信访局 AND 维稳"],
        ),
    ],
    type: Annotated[list[str], Query(description="project, regulation, agency or kpi")] = [],  # noqa: B006
    agency: Annotated[list[str], Query(examples=[["大同市信访局"]])] = [],  # noqa: B006
    region: Annotated[list[str], Query()] = [],  # noqa: B006
    year: Annotated[list[int], Query(examples=[[2026]])] = [],  # noqa: B006
    level: Annotated[list[str], Query(description="KPI 一级指标, e.g. 产出指标")] = [],  # noqa: B006
    amount_min: Annotated[float | None, Query(description="万元, inclusive")] = None,
    amount_max: Annotated[float | None, Query(description="万元, inclusive")] = None,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = 10,
    sort: Annotated[str, Query(description="relevance or amount", examples=["relevance"])] = "relevance",
) -> SearchResponse:
    """Ranked hits with highlighted snippets, facet counts over all matches, paging and sorting."""
    filters: dict[str, Any] = {
        "type": type,
        "agency": agency,
        "region": region,
        "year": year,
        "level": level,
        "amount_min": amount_min,
        "amount_max": amount_max,
    }
    result = index.search(
        q,
        filters={k: v for k, v in filters.items() if v not in ([], None)},
        page=page,
        page_size=page_size,
        sort=sort,
    )
    return SearchResponse(
        query=result.query,
        total=result.total,
        page=result.page,
        page_size=result.page_size,
        pages=result.pages,
        sort=result.sort,
        hits=[Hit(**vars(hit)) for hit in result.hits],
        facets={
            name: [FacetCount(value=str(value), count=count) for value, count in counts]
            for name, counts in result.facets.items()
        },
    )
