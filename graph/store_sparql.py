"""A remote SPARQL 1.1 engine over plain HTTP (SPARQL 1.1 Protocol; standard library only).

Works with any engine that speaks the protocol (Oxigraph server, Fuseki, QLever, Virtuoso):

* queries are POSTed form-encoded to the query endpoint, with Oxigraph's
  ``union-default-graph`` parameter so the default graph is the union of the named graphs
  (set ``union_default_graph=False`` for engines configured that way server-side, e.g. Fuseki
  with ``tdb2:unionDefaultGraph true``);
* ``replace_graph`` is ONE update request (``DROP SILENT GRAPH`` + ``INSERT DATA``), which
  engines such as Oxigraph apply atomically;
* ``timeout`` is the HTTP read timeout of that request (``QueryTimeoutError`` once the server
  sends nothing for that long); the engine may go on computing unless it has its own limit.
  ``oxigraph serve --timeout-s N`` cancels a query after N s and ends the streamed answer with
  a message instead of JSON: that, too, is a ``QueryTimeoutError``. Any other incomplete or
  malformed answer is a ``QueryError``.
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from budgetkg.errors import QueryError, QuerySyntaxError, QueryTimeoutError, StoreError

from .ntriples import update_text
from .results import QueryResult
from .store import Capabilities, Quad, Store, Triple

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
_DEFAULT_TIMEOUT = 300.0
# What engines write into a streamed answer they stop at their own time limit.
_CANCELLED = ("has been cancelled", "timeout", "timed out")


def term_from_json(cell: dict[str, Any]) -> Identifier:
    """One term of SPARQL 1.1 JSON results as an rdflib term.

    >>> term_from_json({"type": "literal", "value": "维稳", "xml:lang": "zh"})
    rdflib.term.Literal('维稳', lang='zh')
    """
    kind, value = cell["type"], cell["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if cell.get("xml:lang"):
        return Literal(value, lang=cell["xml:lang"])
    datatype = cell.get("datatype")
    return (
        Literal(value)
        if not datatype or datatype == _XSD_STRING
        else Literal(value, datatype=URIRef(datatype))
    )


class SparqlStore(Store):
    """Named graphs in a remote SPARQL 1.1 engine."""

    capabilities = Capabilities(persistent=True, transactional=True, timeout=True, remote=True)

    def __init__(
        self, query_endpoint: str, update_endpoint: str | None = None, *, union_default_graph: bool = True
    ) -> None:
        self.query_endpoint = query_endpoint
        self.update_endpoint = update_endpoint
        self.union_default_graph = union_default_graph

    # ------------------------------------------------------------------ HTTP

    def _post(
        self, url: str, body: bytes, content_type: str, accept: str, timeout: float | None
    ) -> tuple[str, bytes]:
        request = urllib.request.Request(url, data=body, method="POST")
        request.add_header("Content-Type", content_type)
        request.add_header("Accept", accept)
        try:
            with urllib.request.urlopen(request, timeout=timeout or _DEFAULT_TIMEOUT) as response:
                return response.headers.get_content_type(), response.read()
        except urllib.error.HTTPError as exc:
            message = exc.read().decode("utf-8", "replace").strip() or exc.reason
            if exc.code == 400:
                raise QuerySyntaxError(message) from exc
            raise StoreError(f"{url} answered {exc.code}: {message}") from exc
        except TimeoutError as exc:
            raise QueryTimeoutError(f"no answer from {url} within {timeout or _DEFAULT_TIMEOUT:g} s") from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError | socket.timeout):
                raise QueryTimeoutError(
                    f"no answer from {url} within {timeout or _DEFAULT_TIMEOUT:g} s"
                ) from exc
            raise StoreError(f"cannot reach {url}: {exc.reason}") from exc
        except OSError as exc:
            raise StoreError(f"cannot reach {url}: {exc}") from exc

    def _update(self, text: str) -> None:
        if not self.update_endpoint:
            raise StoreError("this SPARQL store has no update endpoint (BUDGETKG_UPDATE_ENDPOINT)")
        self._post(self.update_endpoint, text.encode("utf-8"), "application/sparql-update", "*/*", None)

    # ------------------------------------------------------------------ Store

    def replace_graph(self, name: URIRef, triples: Sequence[Triple]) -> None:
        self._update(update_text(name, triples))

    def drop_graph(self, name: URIRef) -> None:
        self._update(f"DROP SILENT GRAPH <{name}>")

    def graph_names(self) -> list[URIRef]:
        result = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(URIRef(g) for g in result.column("g") if isinstance(g, URIRef))

    def query(self, sparql: str, *, timeout: float | None = None, limit: int | None = None) -> QueryResult:
        fields = {"query": sparql}
        if self.union_default_graph:
            fields["union-default-graph"] = ""
        body = urllib.parse.urlencode(fields).encode("ascii")
        media, payload = self._post(
            self.query_endpoint, body, "application/x-www-form-urlencoded", _ACCEPT, timeout
        )
        try:
            return self._result(media, payload, limit)
        except (ValueError, KeyError, TypeError, SyntaxError) as exc:  # a cut or garbled answer
            text = payload[-500:].decode("utf-8", "replace")
            if any(marker in text.lower() for marker in _CANCELLED):
                raise QueryTimeoutError(
                    f"{self.query_endpoint} stopped the query at its time limit: {text.strip()[-200:]}"
                ) from exc
            raise QueryError(f"{self.query_endpoint} sent an incomplete or malformed answer: {exc}") from exc

    def _result(self, media: str, payload: bytes, limit: int | None) -> QueryResult:
        if media in ("application/n-triples", "text/turtle", "text/plain"):
            graph = Graph()
            graph.parse(data=payload.decode("utf-8"), format="nt" if media != "text/turtle" else "turtle")
            return QueryResult("construct", graph=graph)
        if media not in ("application/sparql-results+json", "application/json"):
            raise QueryError(f"{self.query_endpoint} answered with unexpected media type {media}")
        data = json.loads(payload)
        if "boolean" in data:
            return QueryResult("ask", boolean=bool(data["boolean"]))
        variables = tuple(data["head"].get("vars", ()))
        bindings = data["results"]["bindings"]
        truncated = limit is not None and len(bindings) > limit
        rows = tuple(
            tuple(term_from_json(b[v]) if v in b else None for v in variables)
            for b in (bindings[:limit] if truncated else bindings)
        )
        return QueryResult("select", vars=variables, rows=rows, truncated=truncated)

    def quads(self) -> Iterator[Quad]:
        result = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        for s, p, o, g in result.rows:
            if s is not None and p is not None and o is not None and isinstance(g, URIRef):
                yield s, p, o, g

    def quad_count(self) -> int:
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(result.rows[0][0]) if result.rows else 0  # type: ignore[arg-type]

    def __repr__(self) -> str:
        return f"SparqlStore({self.query_endpoint!r}, {self.update_endpoint!r})"
