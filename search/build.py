"""Keeping the index in step with the graph: a full rebuild, or an update after an ingest."""

from __future__ import annotations

from collections.abc import Iterable

from budgetkg.config import Settings

from ._records import DOC_TYPES
from .from_graph import SparqlGraph, index_docs, index_docs_for
from .index import Index, open_index


def _index(target: Settings | Index) -> Index:
    return target if isinstance(target, Index) else open_index(target)


def rebuild_from_graph(graph: SparqlGraph, target: Settings | Index) -> int:
    """Index every entity of ``graph`` into a new generation and swap it in; returns the count."""
    return _index(target).rebuild(index_docs(graph))


def update_index_for(graph: SparqlGraph, target: Settings | Index, doc_iris: Iterable[object]) -> int:
    """Make the index agree with the graph for the source documents ``doc_iris``.

    Call after loading (or replacing, or deleting) those documents' named graphs. Every
    index document whose sources include one of them is removed, then every entity now
    found in them is indexed afresh from the whole graph (so an entity shared with other
    documents keeps all its sources). One commit; returns the number of documents written.
    """
    iris = sorted({str(iri) for iri in doc_iris})
    if not iris:
        return 0
    index = _index(target)
    indexed = {kind: index.iris(kind, sources=iris) for kind in DOC_TYPES}
    return index.update_documents(index_docs_for(graph, iris, also=indexed), sources=iris)
