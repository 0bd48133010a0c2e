"""The on-disk index: atomic generation swaps, incremental updates by source, the empty index."""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetkg.errors import SearchError
from budgetkg.search import Index, IndexDoc

DOC_A = "http://example.org/doc/a.txt"
DOC_B = "http://example.org/doc/b.txt"


def project(iri: str, label: str, *sources: str, amount: float | None = None) -> IndexDoc:
    return IndexDoc(iri=iri, type="project", label=label, sources=sources, agency="测试局", amount=amount)


def generations(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.glob("gen-*"))


def test_new_index_is_empty_and_searchable(tmp_path: Path) -> None:
    index = Index(tmp_path / "index")
    assert len(index) == 0
    result = index.search("维稳")
    assert (result.total, result.hits, result.pages) == (0, (), 1)


def test_rebuild_swaps_generations_atomically(tmp_path: Path) -> None:
    directory = tmp_path / "index"
    index = Index(directory)
    reader = Index(directory)  # another handle, as a server process would hold
    assert index.rebuild([project("urn:p:1", "维稳工作经费", DOC_A)]) == 1
    first = (directory / "CURRENT").read_text().strip()
    assert reader.search("维稳").total == 1
    index.rebuild([project("urn:p:2", "信访工作经费", DOC_A), project("urn:p:3", "网络维护费", DOC_A)])
    second = (directory / "CURRENT").read_text().strip()
    assert second != first and (directory / second).is_dir()
    assert reader.search("维稳").total == 0  # the other handle follows the switch
    assert reader.iris() == {"urn:p:2", "urn:p:3"}
    index.rebuild([])
    assert first not in generations(directory)  # only the live and the previous generation stay
    assert len(generations(directory)) == 2


def test_failed_rebuild_leaves_the_live_index(tmp_path: Path) -> None:
    index = Index(tmp_path / "index")
    index.rebuild([project("urn:p:1", "维稳工作经费", DOC_A)])
    before = generations(tmp_path / "index")

    def broken() -> object:
        yield project("urn:p:2", "信访工作经费", DOC_A)
        raise RuntimeError("graph went away")

    with pytest.raises(RuntimeError):
        index.rebuild(broken())  # type: ignore[arg-type]
    assert generations(tmp_path / "index") == before
    assert index.iris() == {"urn:p:1"}


def test_update_replaces_the_documents_of_a_source(tmp_path: Path) -> None:
    index = Index(tmp_path / "index")
    index.rebuild([project("urn:p:1", "维稳工作经费", DOC_A), project("urn:p:2", "信访工作经费", DOC_B)])
    index.update_documents([project("urn:p:3", "劝返经费", DOC_A, amount=5.0)])
    assert index.iris() == {"urn:p:2", "urn:p:3"}
    assert index.search("劝返").hits[0].amount == 5.0
    index.update_documents([], sources=[DOC_B])
    assert index.iris() == {"urn:p:3"}


def test_update_by_iri_keeps_one_document(tmp_path: Path) -> None:
    index = Index(tmp_path / "index")
    index.update_documents([project("urn:p:1", "维稳工作经费", DOC_A)])
    index.update_documents([project("urn:p:1", "维稳工作经费", DOC_A, DOC_B)], sources=[])
    assert len(index) == 1


def test_index_doc_rejects_unknown_types() -> None:
    with pytest.raises(ValueError, match="unknown document type"):
        IndexDoc(iri="urn:x", type="person", label="x")  # type: ignore[arg-type]


def test_missing_pointer_is_a_clear_error(tmp_path: Path) -> None:
    index = Index(tmp_path / "index")
    (tmp_path / "index" / "CURRENT").unlink()
    with pytest.raises(SearchError, match="run `budgetkg reindex`"):
        index.search("维稳")
