"""Fixtures for the graph tests: the sample corpus as records, and one store per backend.

The ``store`` fixture runs each contract test on rdflib's in-memory store, on an embedded
on-disk Oxigraph and on a real ``oxigraph serve`` started here on a free loopback port.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from budgetkg.config import SAMPLE_CORPUS
from budgetkg.graph import KnowledgeGraph, MemoryStore, OxigraphStore, SparqlStore, Store
from budgetkg.ingest import Disclosure, extract_file

from .oxigraph_server import oxigraph_serve

CORPUS_FILES = sorted(SAMPLE_CORPUS.glob("*.txt"))
BACKENDS = ("memory", "oxigraph", "remote")


@pytest.fixture(scope="session")
def corpus() -> list[Disclosure]:
    """The five sample disclosures, extracted once per test session."""
    disclosures = []
    for path in CORPUS_FILES:
        disclosure, report = extract_file(path)
        assert disclosure is not None, report.error
        disclosures.append(disclosure)
    return disclosures


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a real ``oxigraph serve`` on loopback, stopped at the end of the session."""
    with oxigraph_serve(tmp_path_factory.mktemp("oxigraph-server")) as url:
        yield url


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store of each backend."""
    backend: Store
    if request.param == "memory":
        backend = MemoryStore()
    elif request.param == "oxigraph":
        backend = OxigraphStore(tmp_path / "store")
    else:
        url = request.getfixturevalue("oxigraph_server")
        backend = SparqlStore(f"{url}/query", f"{url}/update")
        for name in backend.graph_names():
            backend.drop_graph(name)
    yield backend
    backend.close()


@pytest.fixture
def kg(store: Store) -> KnowledgeGraph:
    return KnowledgeGraph(store)


@pytest.fixture
def loaded(kg: KnowledgeGraph, corpus: list[Disclosure]) -> KnowledgeGraph:
    """A knowledge graph holding the whole sample corpus."""
    for disclosure in corpus:
        assert kg.ingest(disclosure).status == "added"
    return kg
