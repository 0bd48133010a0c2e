"""One caller at a time: the knowledge graph as the API's threads share it.

``KnowledgeGraph`` is not thread-safe (rdflib's in-memory engine and parser are not, rdflib
#1282; pyoxigraph results must stay on the thread that made them). FastAPI runs sync routes
on a thread pool, so every call into the graph goes through :class:`SerializedGraph`, which
holds :data:`~budgetkg.api.sparql_prepare.RDFLIB_LOCK` for the whole call: a call's results
are complete Python objects when it returns, and no two threads are ever inside rdflib's SPARQL
machinery at once. These calls are short (entity facts, named queries, ingest); users'
free-form SPARQL runs in worker processes instead (:mod:`budgetkg.api.query_pool`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .sparql_prepare import RDFLIB_LOCK


class SerializedGraph:
    """A ``KnowledgeGraph`` whose every method call holds the process-wide rdflib lock."""

    def __init__(self, graph: Any) -> None:
        self._graph = graph

    @property
    def unwrapped(self) -> Any:
        return self._graph

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._graph, name)
        if not callable(attribute):
            return attribute

        def locked(*args: Any, **kwargs: Any) -> Any:
            with RDFLIB_LOCK:
                return attribute(*args, **kwargs)

        return locked

    def locked(self, function: Callable[..., Any], *args: Any) -> Any:
        """Run ``function(graph, *args)`` holding the lock (several calls as one)."""
        with RDFLIB_LOCK:
            return function(self._graph, *args)
