"""Shared fixtures: the sample corpus loaded into an in-memory graph, and its search index."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from budgetkg.config import Settings
from budgetkg.graph import KnowledgeGraph, OxigraphStore, load_files
from budgetkg.search import Index, open_index, rebuild_from_graph

from .corpus_constants import SAMPLE_FILES


@pytest.fixture(scope="session")
def corpus_graph() -> Iterator[KnowledgeGraph]:
    graph = KnowledgeGraph(OxigraphStore())  # in memory
    outcomes = load_files(graph, SAMPLE_FILES)
    assert [o.status for o in outcomes] == ["loaded"] * len(SAMPLE_FILES)
    yield graph
    graph.close()


@pytest.fixture(scope="session")
def corpus_index(corpus_graph: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> Index:
    home = tmp_path_factory.mktemp("search-home")
    index = open_index(Settings(home=home))
    rebuild_from_graph(corpus_graph, index)
    return index
