"""Query limits on the embedded store: a runaway query stops at its timeout, the store goes on."""

from __future__ import annotations

import pytest
from budgetkg.graph import KnowledgeGraph, OxigraphStore
from budgetkg.ingest import Disclosure

from budgetkg.errors import QueryTimeoutError

CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_a_cartesian_product_stops_at_the_timeout(corpus: list[Disclosure]) -> None:
    kg = KnowledgeGraph(OxigraphStore())
    assert kg.capabilities.timeout
    kg.ingest(corpus[-1])
    with pytest.raises(QueryTimeoutError, match=r"longer than 0\.2 s"):
        kg.query(CARTESIAN, timeout=0.2, limit=10**9)
    assert kg.query("ASK { ?s ?p ?o }").boolean is True
