"""A query worker process: runs one SPARQL query at a time on its own read-only store handle.

Started by :class:`budgetkg.api.query_pool.WorkerPool` as ``python -m budgetkg.api._query_worker``;
it reads jobs from stdin and writes one reply per job to stdout, both as length-prefixed
pickles (the only peer is the parent that spawned it). The parent kills the process when a
query passes its time limit, so a runaway query really stops.

The store handle is Oxigraph's: ``Store.read_only(path)`` on the on-disk store the API
process writes (it sees every write committed before it was opened), or an in-memory
Oxigraph loaded from an N-Quads snapshot (for the in-memory backend). The handle is reopened
when the job's ``generation`` changes (the API bumps it after each ingest). The default graph
is the union of the named graphs unless the request names default graphs, as in
``budgetkg.graph``; results are written with ``budgetkg.graph.QueryResult`` so every
serialization is byte-for-byte the in-process one.
"""

from __future__ import annotations

import os
import pickle
import struct
import sys
from typing import IO, Any

_HEADER = struct.Struct("!Q")


def read_frame(stream: IO[bytes]) -> Any:
    """One length-prefixed pickle from ``stream``; None at end of stream."""
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(header)
    body = stream.read(size)
    if len(body) < size:
        return None
    return pickle.loads(body)


def write_frame(stream: IO[bytes], value: object) -> None:
    body = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(body)) + body)
    stream.flush()


class _Worker:
    def __init__(self) -> None:
        self.store: Any = None
        self.opened: tuple[str, str, int] | None = None

    def open(self, kind: str, path: str, generation: int) -> Any:
        import pyoxigraph as ox

        if self.opened != (kind, path, generation):
            self.store = None
            if kind == "disk":
                self.store = ox.Store.read_only(path)
            else:
                store = ox.Store()
                store.bulk_load(path=path, format=ox.RdfFormat.N_QUADS)
                self.store = store
            self.opened = (kind, path, generation)
        return self.store

    def run(self, job: dict[str, Any]) -> tuple[bytes, bool]:
        import pyoxigraph as ox
        from rdflib import Graph

        from budgetkg.graph import QueryResult

        store = self.open(job["kind"], job["path"], job["generation"])
        options: dict[str, Any] = {"use_default_graph_as_union": not job["default_graphs"]}
        if job["default_graphs"]:
            options["default_graph"] = [ox.NamedNode(g) for g in job["default_graphs"]]
        if job["named_graphs"]:
            options["named_graphs"] = [ox.NamedNode(g) for g in job["named_graphs"]]
        answer = store.query(job["query"], **options)
        limit = job["limit"]
        truncated = False
        if isinstance(answer, ox.QueryBoolean):
            result = QueryResult("ask", boolean=bool(answer))
        elif isinstance(answer, ox.QueryTriples):
            graph = Graph()
            for triple in answer:
                if len(graph) >= limit:
                    truncated = True
                    break
                graph.add((_term(triple.subject), _term(triple.predicate), _term(triple.object)))
            result = QueryResult("construct", graph=graph, truncated=truncated)
        else:
            variables = tuple(v.value for v in answer.variables)
            rows = []
            for solution in answer:
                if len(rows) >= limit:
                    truncated = True
                    break
                rows.append(tuple(None if t is None else _term(t) for t in solution))
            result = QueryResult("select", vars=variables, rows=tuple(rows), truncated=truncated)
        return result.serialize(job["format"]), truncated


def _term(term: Any) -> Any:
    from budgetkg.graph.store_oxigraph import to_rdflib

    return to_rdflib(term)


def main() -> int:
    """Serve jobs until stdin closes. Replies: ("ok", body, truncated) or ("error", kind, message)."""
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # stray prints must not corrupt the replies
    jobs = sys.stdin.buffer
    worker = _Worker()
    write_frame(replies, ("ready", os.getpid()))
    while True:
        job = read_frame(jobs)
        if job is None:
            return 0
        try:
            body, truncated = worker.run(job)
            write_frame(replies, ("ok", body, truncated))
        except SyntaxError as exc:
            write_frame(replies, ("error", "syntax", str(exc)))
        except OSError as exc:
            worker.opened = None  # reopen next time (e.g. files compacted away under us)
            write_frame(replies, ("error", "store", str(exc)))
        except Exception as exc:  # the boundary of the process: report, never die silently
            write_frame(replies, ("error", "query", f"{type(exc).__name__}: {exc}"))


if __name__ == "__main__":
    sys.exit(main())
