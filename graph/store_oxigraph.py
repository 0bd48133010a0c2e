"""Embedded Oxigraph (pyoxigraph): on disk by default, or in memory without a path.

Guarantees: ``replace_graph`` is one SPARQL Update request (``DROP SILENT GRAPH`` then
``INSERT DATA``), which Oxigraph applies in one transaction: all of a document lands or none.
Only one process may open an on-disk store for writing at a time; a second one gets a
``StoreError`` naming the directory. pyoxigraph objects must stay on the thread that uses them
one at a time (the API layer serializes access).

Timeouts, precisely: pyoxigraph 0.5 exposes no timeout and no cancellation for a query (the
Rust engine has them, the Python binding does not), and evaluates lazily. So ``timeout`` is
checked between the solutions of a SELECT and the triples of a CONSTRUCT: a query that keeps
producing them -- a cartesian product over all triples, say -- stops with
``QueryTimeoutError`` right after the deadline. A query whose *first* solution takes long
cannot be stopped in this process: an aggregate (``COUNT(*)``) or ``ORDER BY`` over a
cartesian product, an ``ASK`` or a ``FILTER`` that rejects it all. Callers running untrusted
queries run them in a process they can kill (``budgetkg.api``'s query workers do), or use the
``sparql`` store against ``oxigraph serve --timeout-s N``, which cancels them server-side.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from budgetkg.errors import QueryError, QuerySyntaxError, StoreError

from .ntriples import term_to_nt, update_text
from .results import QueryResult
from .store import Capabilities, Quad, Store, Triple, collect_rows

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def to_rdflib(term: object) -> Identifier:
    """A pyoxigraph term as the equal rdflib term (xsd:string literals become plain literals)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return (
            Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
        )
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise StoreError(f"unsupported term from Oxigraph: {term!r}")


class OxigraphStore(Store):
    """Oxigraph embedded in this process; ``path=None`` keeps everything in memory."""

    capabilities = Capabilities(persistent=True, transactional=True, timeout=True, remote=False)

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else None
        try:
            if self.path is not None:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store: ox.Store | None = ox.Store(str(self.path))
            else:
                self._store = ox.Store()
        except OSError as exc:
            raise StoreError(f"cannot open the Oxigraph store at {self.path}: {exc}") from exc

    @property
    def _ox(self) -> ox.Store:
        if self._store is None:
            raise StoreError("the store is closed")
        return self._store

    def replace_graph(self, name: URIRef, triples: Sequence[Triple]) -> None:
        try:
            self._ox.update(update_text(name, triples))
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"could not write graph {name}: {exc}") from exc

    def drop_graph(self, name: URIRef) -> None:
        try:
            self._ox.update(f"DROP SILENT GRAPH {term_to_nt(name)}")
        except OSError as exc:
            raise StoreError(f"could not drop graph {name}: {exc}") from exc

    def graph_names(self) -> list[URIRef]:
        names = [URIRef(g.value) for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode)]
        return sorted(n for n in names if self._has_quads(n))

    def _has_quads(self, name: URIRef) -> bool:
        return (
            next(iter(self._ox.quads_for_pattern(None, None, None, ox.NamedNode(str(name)))), None)
            is not None
        )

    def query(self, sparql: str, *, timeout: float | None = None, limit: int | None = None) -> QueryResult:
        try:
            answer = self._ox.query(sparql, use_default_graph_as_union=True)
            if isinstance(answer, ox.QueryBoolean):
                return QueryResult("ask", boolean=bool(answer))
            if isinstance(answer, ox.QueryTriples):
                triples, _ = collect_rows(
                    answer,
                    lambda t: (to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)),
                    timeout=timeout,
                    limit=None,
                )
                graph = Graph()
                for triple in triples:
                    graph.add(triple)  # type: ignore[arg-type]
                return QueryResult("construct", graph=graph)
            variables = tuple(v.value for v in answer.variables)
            rows, truncated = collect_rows(
                answer,
                lambda solution: tuple(None if t is None else to_rdflib(t) for t in solution),
                timeout=timeout,
                limit=limit,
            )
            return QueryResult("select", vars=variables, rows=rows, truncated=truncated)
        except SyntaxError as exc:
            raise QuerySyntaxError(str(exc)) from exc
        except OSError as exc:
            raise StoreError(f"query failed: {exc}") from exc
        except (ValueError, RuntimeError) as exc:
            raise QueryError(str(exc)) from exc

    def quads(self) -> Iterator[Quad]:
        for quad in self._ox.quads_for_pattern(None, None, None, None):
            if isinstance(quad.graph_name, ox.NamedNode):
                yield (
                    to_rdflib(quad.subject),
                    to_rdflib(quad.predicate),
                    to_rdflib(quad.object),
                    URIRef(quad.graph_name.value),
                )

    def quad_count(self) -> int:
        return len(self._ox)

    def size_on_disk(self) -> int | None:
        if self.path is None:
            return None
        self._ox.flush()
        return sum(f.stat().st_blocks * 512 for f in self.path.rglob("*") if f.is_file())  # allocated bytes

    def close(self) -> None:
        if self._store is not None:
            if self.path is not None:
                self._store.flush()
            self._store = None

    def __repr__(self) -> str:
        return f"OxigraphStore({os.fspath(self.path) if self.path else 'memory'!r})"
