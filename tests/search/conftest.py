"""Shared fixtures: the sample corpus loaded into an in-memory graph, and its search index."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from budgetkg.graph import KnowledgeGraph, OxigraphStore, load_files
from budgetkg.search import Index, open_index, rebuild_from_graph

from budgetkg.config import Settings

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus"
SAMPLE_FILES = sorted(CORPUS.glob("*.txt"))
DATONG_PETITION = "大同市信访局"
ZENGDU_PETITION = "曾都区信访局"
STABILITY_PROJECTS = (  # (label, agency): every stability-maintenance project of the corpus
    ("Z维稳工作经费-1", DATONG_PETITION),
    ("Z维稳工作经费-2", DATONG_PETITION),
    ("QT维稳工作经费-3", DATONG_PETITION),
    ("信访劝返维稳经费", ZENGDU_PETITION),
)


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
