"""The store interface: the few operations the graph needs, and honest capability flags.

A store holds named graphs, one per source document, and answers SPARQL with the **union of
the named graphs as the default graph** (on every backend), so ad-hoc queries need no
``GRAPH`` clause; ``GRAPH ?g`` still reaches each document's own graph.

Backends, chosen by :func:`open_store` from a closed list in one place:

=========  ======================================================  ==========================
setting    backend                                                 module
=========  ======================================================  ==========================
oxigraph   embedded Oxigraph (pyoxigraph) on disk, ``store_dir``   ``store_oxigraph``
memory     rdflib in-memory ``Dataset``                            ``store_memory``
sparql     a remote SPARQL 1.1 engine (query + update endpoints)   ``store_sparql``
=========  ======================================================  ==========================

Callers look at :attr:`Store.capabilities`, never at the concrete class. Library errors are
wrapped in :mod:`budgetkg.errors` (``StoreError``, ``QuerySyntaxError``, ``QueryTimeoutError``).
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, TypeVar

from rdflib import URIRef
from rdflib.term import Identifier, Node

from budgetkg.errors import QueryTimeoutError, StoreError

from .results import QueryResult

if TYPE_CHECKING:
    from budgetkg.config import Settings

Triple = tuple[Node, Node, Node]
Quad = tuple[Node, Node, Node, URIRef]
T = TypeVar("T")


@dataclass(frozen=True)
class Capabilities:
    """What a backend guarantees.

    * ``persistent``: data survive :meth:`Store.close` and a new process;
    * ``transactional``: :meth:`Store.replace_graph` is all-or-nothing, even on a crash;
    * ``timeout``: ``query(timeout=...)`` raises ``QueryTimeoutError`` past the deadline, at
      least for queries that keep producing results (each backend's docstring says exactly
      which queries it can stop); without the flag the argument is ignored;
    * ``remote``: the data live in another process (network errors are ``StoreError``).
    """

    persistent: bool
    transactional: bool
    timeout: bool
    remote: bool


class Store(ABC):
    """A quad store holding one named graph per document."""

    capabilities: ClassVar[Capabilities]

    @abstractmethod
    def replace_graph(self, name: URIRef, triples: Sequence[Triple]) -> None:
        """Make graph ``name`` hold exactly ``triples``; other graphs are untouched.

        One call is one transaction where ``capabilities.transactional``.
        """

    @abstractmethod
    def drop_graph(self, name: URIRef) -> None:
        """Remove graph ``name`` (no error when it does not exist)."""

    @abstractmethod
    def graph_names(self) -> list[URIRef]:
        """The names of all non-empty named graphs, sorted."""

    @abstractmethod
    def query(self, sparql: str, *, timeout: float | None = None, limit: int | None = None) -> QueryResult:
        """Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE) read-only.

        The default graph is the union of the named graphs. ``limit`` caps SELECT rows (the
        result says ``truncated``). Raises ``QuerySyntaxError`` for a malformed query,
        ``QueryTimeoutError`` past ``timeout`` seconds (where supported), ``StoreError`` else.
        """

    @abstractmethod
    def quads(self) -> Iterator[Quad]:
        """Every quad of every named graph (order unspecified)."""

    @abstractmethod
    def quad_count(self) -> int:
        """The number of quads in all named graphs."""

    def size_on_disk(self) -> int | None:
        """Bytes the store occupies on this machine's disk; None when not applicable."""
        return None

    def close(self) -> None:  # noqa: B027 - optional hook, a no-op by default
        """Release files, locks and connections. The store is unusable afterwards."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def collect_rows(
    solutions: Iterable[T],
    convert: Callable[[T], tuple[Identifier | None, ...]],
    *,
    timeout: float | None,
    limit: int | None,
) -> tuple[tuple[tuple[Identifier | None, ...], ...], bool]:
    """Rows of a lazily evaluated SELECT, checking the deadline between solutions.

    Returns ``(rows, truncated)``. Raises ``QueryTimeoutError`` once ``timeout`` seconds have
    passed (the check runs between solutions, so one slow solution can overrun it).
    """
    deadline = None if timeout is None else time.monotonic() + timeout
    rows: list[tuple[Identifier | None, ...]] = []
    for solution in solutions:
        if limit is not None and len(rows) >= limit:
            return tuple(rows), True
        if deadline is not None and time.monotonic() > deadline:
            raise QueryTimeoutError(f"query ran longer than {timeout:g} s")
        rows.append(convert(solution))
    return tuple(rows), False


def open_store(settings: Settings) -> Store:
    """The store ``settings.store`` names: the closed list of backends lives here.

    ``oxigraph`` opens (creating if needed) ``settings.store_dir``; ``memory`` starts empty;
    ``sparql`` needs ``settings.query_endpoint`` (and ``update_endpoint`` for writes).
    """
    if settings.store == "oxigraph":
        from .store_oxigraph import OxigraphStore

        return OxigraphStore(settings.store_dir)
    if settings.store == "memory":
        from .store_memory import MemoryStore

        return MemoryStore()
    if settings.store == "sparql":
        from .store_sparql import SparqlStore

        if not settings.query_endpoint:
            raise StoreError("store 'sparql' needs a query endpoint (BUDGETKG_QUERY_ENDPOINT)")
        return SparqlStore(settings.query_endpoint, settings.update_endpoint)
    raise StoreError(f"unknown store {settings.store!r}")
