"""Who runs a checked SPARQL query: the interface, and the in-process runner for remote stores.

Two runners, chosen once by :func:`budgetkg.api.app.create_app` from the store's capabilities:

* :class:`~budgetkg.api.query_pool.WorkerPool` for the embedded stores (Oxigraph on disk, or
  the in-memory backend through a snapshot): killable worker processes;
* :class:`InProcessRunner` for a remote SPARQL engine: the engine does the work, the request
  thread only waits on HTTP (the store's own timeout is the HTTP read timeout), so there is
  nothing to kill here and the graph's ``query`` is called directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from budgetkg.errors import QueryRefusedError


@dataclass(frozen=True)
class QueryJob:
    """A checked query, ready to run: made by the /sparql route, read by a runner."""

    query: str
    fmt: str  # short format name of budgetkg.graph.QueryResult.serialize: json, xml, csv, tsv, turtle, nt...
    timeout: float
    limit: int
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class QueryOutput:
    """The serialized answer: made by a runner, sent by the /sparql route."""

    body: bytes
    truncated: bool  # the result cap cut the rows (or triples)


class QueryRunner(Protocol):
    def run(self, job: QueryJob) -> QueryOutput: ...

    def refresh(self) -> None: ...

    def close(self) -> None: ...


class InProcessRunner:
    """Runs queries through the knowledge graph facade in the calling thread (remote stores)."""

    def __init__(self, graph: Any) -> None:
        self.graph = graph

    def run(self, job: QueryJob) -> QueryOutput:
        if job.default_graphs or job.named_graphs:
            raise QueryRefusedError(
                "default-graph-uri and named-graph-uri are not supported with a remote store; "
                "use FROM / FROM NAMED in the query"
            )
        result = self.graph.query(job.query, timeout=job.timeout, limit=job.limit)
        return QueryOutput(result.serialize(job.fmt), bool(result.truncated))

    def refresh(self) -> None:
        """Nothing cached here."""

    def close(self) -> None:
        """The graph is closed by its owner."""
