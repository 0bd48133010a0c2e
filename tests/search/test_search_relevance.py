"""Ranking quality on researcher queries (tests/search/relevance.json): MRR and recall@10 floors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from budgetkg.search import Index, SearchHit

RELEVANCE_SET = Path(__file__).with_name("relevance.json")
MRR_FLOOR = 0.8
RECALL_AT_10_FLOOR = 0.9


def _queries() -> list[dict[str, Any]]:
    return list(json.loads(RELEVANCE_SET.read_text(encoding="utf-8"))["queries"])


def _matches(hit: SearchHit, expected: dict[str, str]) -> bool:
    return (
        hit.type == expected["type"]
        and hit.label == expected["label"]
        and ("agency" not in expected or hit.agency == expected["agency"])
    )


def _ranks(index: Index, item: dict[str, Any]) -> list[int | None]:
    hits = index.search(item["query"], page_size=10).hits
    return [next((i for i, hit in enumerate(hits, 1) if _matches(hit, e)), None) for e in item["expected"]]


def test_relevance_set_is_large_enough() -> None:
    queries = _queries()
    assert len(queries) >= 20
    assert all(item["expected"] for item in queries)


def test_mrr_and_recall_at_10_meet_their_floors(corpus_index: Index) -> None:
    reciprocal_ranks: list[float] = []
    recalls: list[float] = []
    misses: list[str] = []
    for item in _queries():
        ranks = _ranks(corpus_index, item)
        found = [r for r in ranks if r is not None]
        reciprocal_ranks.append(1 / min(found) if found else 0.0)
        recalls.append(len(found) / len(ranks))
        if len(found) < len(ranks) or min(found, default=99) > 1:
            misses.append(f"{item['query']}: ranks {ranks}")
    mrr = sum(reciprocal_ranks) / len(reciprocal_ranks)
    recall = sum(recalls) / len(recalls)
    print(f"relevance: MRR {mrr:.3f}, recall@10 {recall:.3f} over {len(recalls)} queries")
    assert mrr >= MRR_FLOOR, (mrr, misses)
    assert recall >= RECALL_AT_10_FLOOR, (recall, misses)


@pytest.mark.parametrize("item", _queries(), ids=lambda item: item["query"])
def test_each_query_finds_something_expected(corpus_index: Index, item: dict[str, Any]) -> None:
    assert any(rank is not None for rank in _ranks(corpus_index, item))
