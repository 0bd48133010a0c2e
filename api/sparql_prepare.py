"""Checking a SPARQL request before anything runs it: parse, refuse, rewrite.

* The query is parsed by rdflib's parser and translated to its algebra, under
  :data:`RDFLIB_LOCK` (the parser is not thread-safe: rdflib issue #1282). A malformed query
  raises ``QuerySyntaxError`` with the parser's message.
* Text that is a SPARQL Update (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``, ``DROP``...)
  raises ``QueryRefusedError``: the endpoint is read-only.
* A ``SERVICE`` pattern anywhere in the algebra raises ``QueryRefusedError``: the server makes
  no outbound requests. (``LOAD`` is an update, refused above.)
* ``text:query`` triples (Jena's full-text property function) are evaluated on the search
  index and replaced by ``VALUES`` blocks (:mod:`budgetkg.api.text_query`).

    >>> prepare("ASK { ?s ?p ?o }").form
    'ask'
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from pyparsing import ParseBaseException
from rdflib import URIRef
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from budgetkg.errors import QueryRefusedError, QuerySyntaxError

from .text_query import TEXT_QUERY, Searcher, find_text_queries, rewrite_text_queries

#: One lock for every use of rdflib's SPARQL parser in this process (rdflib #1282); the
#: hazard (pyparsing's shared state) is process-wide, so the lock is too.
RDFLIB_LOCK = threading.RLock()

Form = Literal["select", "ask", "construct", "describe"]
_FORMS: dict[str, Form] = {
    "SelectQuery": "select",
    "AskQuery": "ask",
    "ConstructQuery": "construct",
    "DescribeQuery": "describe",
}
_TEXT_QUERY = URIRef(TEXT_QUERY)


@dataclass(frozen=True)
class PreparedQuery:
    """A query that passed the checks: made by :func:`prepare`, run by a ``QueryRunner``."""

    text: str  # what the store runs (text:query already rewritten)
    form: Form
    text_queries: int = 0  # how many text:query triples were rewritten

    @property
    def returns_graph(self) -> bool:
        return self.form in ("construct", "describe")


def _walk(node: Any) -> Iterator[Any]:
    """Every node of an rdflib algebra / parse tree, depth first."""
    stack = [node]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set):
            stack.extend(item)


def _update_operations(text: str) -> list[str] | None:
    """The operation names when ``text`` parses as a SPARQL Update, else None."""
    try:
        update = parseUpdate(text)
    except ParseBaseException:
        return None
    return [str(getattr(op, "name", op)) for op in update.get("request", [])]


def parse(text: str) -> tuple[Form, Any]:
    """The query form and algebra of ``text``; refuses updates and malformed text."""
    with RDFLIB_LOCK:
        try:
            parsed = parseQuery(text)
        except ParseBaseException as exc:
            operations = _update_operations(text)
            if operations is not None:
                names = ", ".join(dict.fromkeys(_update_name(op) for op in operations)) or "update"
                raise QueryRefusedError(
                    f"SPARQL Update ({names}) is not accepted: this endpoint is read-only"
                ) from None
            raise QuerySyntaxError(f"malformed SPARQL query: {exc}") from None
        try:
            query = translateQuery(parsed)
        except Exception as exc:  # rdflib raises bare Exception for semantic errors
            raise QuerySyntaxError(f"invalid SPARQL query: {exc}") from None
    algebra = query.algebra
    return _FORMS.get(algebra.name, "select"), algebra


def _update_name(op: str) -> str:
    """rdflib's operation name in SPARQL spelling: InsertData -> INSERT DATA.

    >>> _update_name("InsertData"), _update_name("Load")
    ('INSERT DATA', 'LOAD')
    """
    words = [w for w in "".join(f" {c}" if c.isupper() else c for c in op).split()]
    return " ".join(w.upper() for w in words)


def prepare(text: str, search: Searcher | None = None) -> PreparedQuery:
    """Check ``text`` (see the module doc) and rewrite its ``text:query`` triples with ``search``."""
    form, algebra = parse(text)
    text_triples = 0
    for node in _walk(algebra):
        if isinstance(node, CompValue) and node.name == "ServiceGraphPattern":
            raise QueryRefusedError(
                "SERVICE is not accepted: this endpoint makes no requests to other endpoints"
            )
        if isinstance(node, CompValue) and node.name == "BGP":
            text_triples += sum(1 for t in node.get("triples", ()) if t[1] == _TEXT_QUERY)
    if not text_triples:
        return PreparedQuery(text, form)
    if search is None:
        raise QueryRefusedError("text:query needs the full-text index, which this server does not have")
    found = len(find_text_queries(text))
    if found != text_triples:
        raise QuerySyntaxError(
            f"found {text_triples} text:query pattern(s) but could read only {found}; "
            'write each as `?s text:query "words"` or `(?s ?score) text:query ("words" 10)`'
        )
    return PreparedQuery(rewrite_text_queries(text, search), form, text_triples)
