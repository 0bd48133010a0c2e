"""Query limits: a runaway query stops at its timeout with QueryTimeoutError, the store goes on.

Embedded Oxigraph checks the deadline between solutions and between CONSTRUCT triples (see
``store_oxigraph`` for the queries it cannot stop); the remote store stops waiting at its HTTP
read timeout, and reports a server that cancels the query at its own limit the same way.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from budgetkg.errors import QueryTimeoutError
from budgetkg.graph import KnowledgeGraph, OxigraphStore, SparqlStore
from budgetkg.ingest import Disclosure

from .oxigraph_server import oxigraph_serve

CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CARTESIAN_CONSTRUCT = "CONSTRUCT { ?a ?e ?i } WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CARTESIAN_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
BOUND_S = 10.0  # generous: the point is "returns", not speed (that is for benchmarks/)


@pytest.mark.parametrize("query", [CARTESIAN, CARTESIAN_CONSTRUCT])
def test_a_cartesian_product_stops_at_the_timeout(corpus: list[Disclosure], query: str) -> None:
    kg = KnowledgeGraph(OxigraphStore())
    assert kg.capabilities.timeout
    kg.ingest(corpus[-1])
    started = time.monotonic()
    with pytest.raises(QueryTimeoutError, match=r"longer than 0\.2 s"):
        kg.query(query, timeout=0.2, limit=10**9)
    assert time.monotonic() - started < BOUND_S
    assert kg.query("ASK { ?s ?p ?o }").boolean is True


def test_the_remote_store_times_out_on_its_side_and_on_the_servers(
    corpus: list[Disclosure], tmp_path: Path
) -> None:
    with oxigraph_serve(tmp_path / "limited", "--timeout-s", "2") as url:
        kg = KnowledgeGraph(SparqlStore(f"{url}/query", f"{url}/update"))
        kg.ingest(corpus[-1])
        started = time.monotonic()
        with pytest.raises(QueryTimeoutError, match=r"no answer .* within 0\.5 s"):
            kg.query(CARTESIAN_COUNT, timeout=0.5)  # the client gives up first
        with pytest.raises(QueryTimeoutError, match="stopped the query at its time limit"):
            kg.query(CARTESIAN_COUNT, timeout=60)  # the server cancels it at 2 s
        assert time.monotonic() - started < BOUND_S + 2
        assert kg.query("ASK { ?s ?p ?o }").boolean is True
