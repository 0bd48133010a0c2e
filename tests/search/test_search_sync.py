"""Graph and index agree after every ingest, replacement and removal (update_index_for)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from budgetkg.config import Settings
from budgetkg.graph import KnowledgeGraph, MemoryStore, OxigraphStore, load_files
from budgetkg.search import Index, open_index, update_index_for

from .corpus_constants import CORPUS, SAMPLE_FILES

PROSE_FILE = "004_357094ba99e4035d.txt"
WATERMARK_FILE = "002_0bcec4dda379f9a4.txt"
GRAPH_ENTITIES = {
    "project": "?e a <http://budgetkg.example.org/ontology#Project>",
    "regulation": "?e a <http://data.europa.eu/eli/ontology#LegalResource>",
    "agency": "?e a <http://www.w3.org/ns/org#FormalOrganization>",
}


def graph_iris(graph: KnowledgeGraph, kind: str) -> set[str]:
    result = graph.query(f"SELECT DISTINCT ?e WHERE {{ {GRAPH_ENTITIES[kind]} }}", limit=100_000)
    return {str(iri) for iri in result.column("e")}


def assert_agree(graph: KnowledgeGraph, index: Index) -> None:
    for kind in GRAPH_ENTITIES:
        assert graph_iris(graph, kind) == index.iris(kind), kind


def ingest(graph: KnowledgeGraph, index: Index, paths: list[Path]) -> list[str]:
    changed = [str(o.result.document) for o in load_files(graph, paths) if o.result and o.result.changed]
    update_index_for(graph, index, changed)
    return changed


@pytest.fixture
def empty(tmp_path: Path) -> tuple[KnowledgeGraph, Index]:
    return KnowledgeGraph(OxigraphStore()), open_index(Settings(home=tmp_path))


@pytest.mark.parametrize("store", [OxigraphStore, MemoryStore])
def test_index_follows_each_ingest(store: type[OxigraphStore | MemoryStore], tmp_path: Path) -> None:
    """On every embedded backend (rdflib's in-memory store too, with warnings as errors)."""
    graph, index = KnowledgeGraph(store()), open_index(Settings(home=tmp_path))
    assert ingest(graph, index, SAMPLE_FILES[:4])
    assert_agree(graph, index)
    assert len(index.iris("project")) == 17 + 10 + 7 + 45
    assert ingest(graph, index, SAMPLE_FILES[4:])
    assert_agree(graph, index)
    assert len(index.iris("project")) == 83
    assert ingest(graph, index, SAMPLE_FILES) == []  # unchanged files: nothing to refresh
    assert_agree(graph, index)


def test_replaced_document_replaces_its_entities(empty: tuple[KnowledgeGraph, Index], tmp_path: Path) -> None:
    graph, index = empty
    ingest(graph, index, SAMPLE_FILES)
    assert index.search("信访劝返维稳经费", filters={"type": "project"}).hits[0].label == "信访劝返维稳经费"
    edited = tmp_path / "edited" / PROSE_FILE
    edited.parent.mkdir()
    text = (CORPUS / PROSE_FILE).read_text(encoding="utf-8")
    edited.write_text(text.replace("信访劝返维稳经费", "信访劝返稳控经费"), encoding="utf-8")
    assert ingest(graph, index, [edited])
    assert_agree(graph, index)
    labels = {hit.label for hit in index.search("稳控", filters={"type": "project"}).hits}
    assert labels == {"信访劝返稳控经费"}
    assert "信访劝返维稳经费" not in {h.label for h in index.search("劝返", filters={"type": "project"}).hits}


def test_shared_entities_survive_the_removal_of_one_source(
    empty: tuple[KnowledgeGraph, Index], tmp_path: Path
) -> None:
    graph, index = empty
    twin = tmp_path / "twin" / f"copy_{WATERMARK_FILE}"  # another file, same agency, year and projects
    twin.parent.mkdir()
    shutil.copy(CORPUS / WATERMARK_FILE, twin)
    twin.write_text(twin.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    original_doc, twin_doc = ingest(graph, index, [CORPUS / WATERMARK_FILE, twin])
    assert_agree(graph, index)
    agency = index.search("泽州县信访局", filters={"type": "agency"}).hits[0]
    projects = index.iris("project")
    assert graph.remove(twin.name)
    update_index_for(graph, index, [twin_doc])
    assert_agree(graph, index)
    assert agency.iri in index.iris("agency") and index.iris("project") == projects
    assert graph.remove(WATERMARK_FILE)
    update_index_for(graph, index, [original_doc])
    assert_agree(graph, index)
    assert index.iris() == set()
