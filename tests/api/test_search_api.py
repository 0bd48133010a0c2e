"""/search over HTTP: ranked hits, facets, paging, and clear 4xx for bad input."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse

import pytest

from .conftest import STABILITY_PROJECTS, LiveServer


def search(live: LiveServer, **params: object) -> dict[str, object]:
    return live.get_json("/search?" + urllib.parse.urlencode(params, doseq=True))


def test_stability_projects_rank_on_top_with_facets(live: LiveServer) -> None:
    result = search(live, q="维稳经费", type="project")
    labels = [hit["label"] for hit in result["hits"]]  # type: ignore[union-attr]
    assert set(labels[:10]) >= STABILITY_PROJECTS
    agencies = {bucket["value"] for bucket in result["facets"]["agency"]}  # type: ignore[index]
    assert {"大同市信访局", "曾都区信访局"} <= agencies
    assert all("<mark>" in hit["snippet"] for hit in result["hits"][:4])  # type: ignore[index]


def test_filters_paging_and_sort(live: LiveServer) -> None:
    first = search(live, q="经费", type="project", agency="大同市信访局", page_size=3, sort="amount")
    second = search(live, q="经费", type="project", agency="大同市信访局", page_size=3, page=2, sort="amount")
    assert first["total"] == second["total"] and int(first["total"]) > 3  # type: ignore[call-overload]
    amounts = [h["amount"] for h in [*first["hits"], *second["hits"]]]  # type: ignore[misc]
    assert amounts == sorted(amounts, reverse=True)
    assert {h["agency"] for h in first["hits"]} == {"大同市信访局"}  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"q": "维稳 AND (经费"}, 400),
        ({"q": "维稳", "sort": "color"}, 400),
        ({"q": "维稳", "type": "planet"}, 400),
        ({"q": "维稳", "page_size": 1000}, 422),
        ({"q": ""}, 422),
        ({}, 422),
    ],
)
def test_bad_search_requests(live: LiveServer, params: dict[str, object], status: int) -> None:
    with pytest.raises(urllib.error.HTTPError) as error:
        search(live, **params)
    with error.value:
        assert error.value.code == status
        body = json.loads(error.value.read())
    assert body.get("message") or body.get("detail")
