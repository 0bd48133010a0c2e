"""rdflib's in-memory ``Dataset``: for tests and small throwaway graphs.

Not persistent; ``replace_graph`` builds the new graph before touching the old one, so only
running out of memory can leave a half-written graph (the flag says not transactional).
Queries run on rdflib's own SPARQL engine (not thread-safe: rdflib issue #1282), which cannot
be interrupted: ``timeout`` is not enforced here (``capabilities.timeout`` is False).
"""

from __future__ import annotations

from collections.abc import Generator, Iterator, Sequence

from pyparsing import ParseException
from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from budgetkg.errors import QueryError, QuerySyntaxError

from .results import QueryResult
from .store import Capabilities, Quad, Store, Triple, collect_rows


class _Dataset(Dataset):
    """A ``Dataset`` that answers the deprecated names its own code still calls.

    rdflib 7's SPARQL engine (``evalGraph``, ``QueryContext``) and ``ConjunctiveGraph``'s
    methods call ``Dataset.contexts()`` and ``Dataset.default_context``, which warn
    ``DeprecationWarning`` in favour of ``graphs()`` and ``default_graph``. Here they are those
    replacements, so no warning leaks from ``GRAPH ?g`` queries or writes (tests run with
    warnings as errors) and none has to be filtered.
    """

    def contexts(
        self, triple: tuple[Node | None, Node | None, Node | None] | None = None
    ) -> Generator[Graph]:  # type: ignore[override]
        return self.graphs(triple)  # type: ignore[arg-type]

    @property
    def default_context(self) -> Graph:  # type: ignore[override]
        return self._default_context

    @default_context.setter
    def default_context(self, value: Graph) -> None:
        self._default_context = value


class MemoryStore(Store):
    """Named graphs in an rdflib ``Dataset`` whose default graph is the union."""

    capabilities = Capabilities(persistent=False, transactional=False, timeout=False, remote=False)

    def __init__(self) -> None:
        self._ds = _Dataset(default_union=True)

    def replace_graph(self, name: URIRef, triples: Sequence[Triple]) -> None:
        fresh = Graph()
        for triple in triples:
            fresh.add(triple)
        self._ds.remove_graph(name)
        target = self._ds.graph(name)
        for triple in fresh:
            target.add(triple)

    def drop_graph(self, name: URIRef) -> None:
        self._ds.remove_graph(name)

    def graph_names(self) -> list[URIRef]:
        names = [
            URIRef(g.identifier)
            for g in self._ds.graphs()
            if g.identifier != DATASET_DEFAULT_GRAPH_ID and isinstance(g.identifier, URIRef) and len(g)
        ]
        return sorted(names)

    def query(self, sparql: str, *, timeout: float | None = None, limit: int | None = None) -> QueryResult:
        try:
            answer = self._ds.query(sparql)
            if answer.type == "ASK":
                return QueryResult("ask", boolean=bool(answer.askAnswer))
            if answer.type in ("CONSTRUCT", "DESCRIBE"):
                graph = Graph()
                for triple in answer:
                    graph.add(triple)  # type: ignore[arg-type]
                return QueryResult("construct", graph=graph)
            variables = tuple(str(v) for v in answer.vars or ())
            rows, truncated = collect_rows(
                answer,
                lambda row: tuple(row),  # type: ignore[arg-type]
                timeout=None,  # not enforced on this backend (capabilities.timeout is False)
                limit=limit,
            )
            return QueryResult("select", vars=variables, rows=rows, truncated=truncated)
        except ParseException as exc:
            raise QuerySyntaxError(str(exc)) from exc
        except (ValueError, TypeError, KeyError) as exc:
            raise QueryError(str(exc)) from exc

    def quads(self) -> Iterator[Quad]:
        for s, p, o, g in self._ds.quads((None, None, None, None)):
            name = getattr(g, "identifier", g)
            if name is not None and name != DATASET_DEFAULT_GRAPH_ID:
                yield s, p, o, URIRef(name)

    def quad_count(self) -> int:
        return sum(1 for _ in self.quads())

    def __repr__(self) -> str:
        return "MemoryStore()"
