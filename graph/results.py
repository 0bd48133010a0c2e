"""Typed SPARQL results, the same from every store, and their serializations.

Made by the stores (``Store.query``) and returned by ``KnowledgeGraph.query``; read by the
CLI, the search index builder and the HTTP layer (which serializes by ``Accept``).
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from typing import Literal as TypingLiteral

from rdflib import BNode, Graph, Variable
from rdflib.query import Result
from rdflib.term import Identifier

from budgetkg.errors import QueryError

from .ntriples import term_to_nt

Kind = TypingLiteral["select", "ask", "construct"]

#: Result formats by short name -> media type. SELECT/ASK use the first group, CONSTRUCT the second.
SOLUTION_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_FORMATS = {
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "json-ld": "application/ld+json",
    "xml": "application/rdf+xml",
}
_GRAPH_ALIASES = {"ttl": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}


@dataclass(frozen=True)
class QueryResult:
    """The answer to one query.

    ``kind`` says which fields are set: ``select`` -> ``vars`` and ``rows`` (rdflib terms,
    ``None`` where unbound, in the order of ``vars``); ``ask`` -> ``boolean``; ``construct``
    (also DESCRIBE) -> ``graph``. ``truncated`` is true when the row cap cut the result.
    """

    kind: Kind
    vars: tuple[str, ...] = ()
    rows: tuple[tuple[Identifier | None, ...], ...] = ()
    boolean: bool | None = None
    graph: Graph | None = None
    truncated: bool = False

    def __len__(self) -> int:
        if self.kind == "select":
            return len(self.rows)
        if self.kind == "construct" and self.graph is not None:
            return len(self.graph)
        return 1

    def dicts(self) -> list[dict[str, Identifier]]:
        """SELECT rows as ``{var: term}``, unbound variables left out."""
        return [{v: t for v, t in zip(self.vars, row, strict=True) if t is not None} for row in self.rows]

    def column(self, var: str) -> list[Identifier | None]:
        """All values of one variable, in row order."""
        index = self.vars.index(var)
        return [row[index] for row in self.rows]

    def media_type(self, fmt: str) -> str:
        """The media type of :meth:`serialize` output for ``fmt``."""
        fmt = self._format(fmt)
        return GRAPH_FORMATS[fmt] if self.kind == "construct" else SOLUTION_FORMATS[fmt]

    def _format(self, fmt: str) -> str:
        table = GRAPH_FORMATS if self.kind == "construct" else SOLUTION_FORMATS
        fmt = fmt.lower()
        by_media = {media: name for name, media in table.items()}
        if self.kind == "construct":
            fmt = _GRAPH_ALIASES.get(fmt, fmt)
        fmt = by_media.get(fmt, fmt)
        if fmt not in table:
            raise QueryError(
                f"cannot write a {self.kind} result as {fmt!r}; choose one of {', '.join(table)}"
            )
        return fmt

    def serialize(self, fmt: str) -> bytes:
        """The result in ``fmt`` (a short name or media type of SOLUTION_FORMATS / GRAPH_FORMATS)."""
        fmt = self._format(fmt)
        if self.kind == "construct":
            graph = self.graph if self.graph is not None else Graph()
            return graph.serialize(format=fmt, encoding="utf-8")
        if fmt == "tsv":
            return self._tsv()
        if self.kind == "ask" and fmt == "csv":
            return f"_askResult\r\n{'true' if self.boolean else 'false'}\r\n".encode()
        if fmt == "csv":
            return self._csv()
        result = self.to_rdflib()
        out = io.BytesIO()
        result.serialize(out, format=fmt, encoding="utf-8")
        return out.getvalue()

    def to_rdflib(self) -> Result:
        """The same answer as an rdflib ``Result`` (for code that expects one)."""
        if self.kind == "construct":
            result = Result("CONSTRUCT")
            result.graph = self.graph if self.graph is not None else Graph()
            return result
        if self.kind == "ask":
            result = Result("ASK")
            result.askAnswer = bool(self.boolean)
            return result
        result = Result("SELECT")
        variables = [Variable(v) for v in self.vars]
        result.vars = variables
        result.bindings = [
            {var: term for var, term in zip(variables, row, strict=True) if term is not None}
            for row in self.rows
        ]
        return result

    def _csv(self) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(self.vars)
        for row in self.rows:
            writer.writerow(
                ["" if t is None else (f"_:{t}" if isinstance(t, BNode) else str(t)) for t in row]
            )
        return out.getvalue().encode("utf-8")

    def _tsv(self) -> bytes:
        if self.kind == "ask":
            return f"?_askResult\n{'true' if self.boolean else 'false'}\n".encode()
        lines = ["\t".join(f"?{v}" for v in self.vars)]
        lines += ["\t".join("" if t is None else term_to_nt(t) for t in row) for row in self.rows]
        return ("\n".join(lines) + "\n").encode("utf-8")

    def table(self, max_width: int = 60) -> str:
        """A plain-text table for terminals (SELECT), or the boolean / triple count."""
        if self.kind == "ask":
            return "yes" if self.boolean else "no"
        if self.kind == "construct":
            return self.serialize("turtle").decode("utf-8")
        cells = [list(self.vars)] + [
            ["" if t is None else str(t)[:max_width] for t in row] for row in self.rows
        ]
        widths = [max(_width(r[i]) for r in cells) for i in range(len(self.vars))]
        lines = [
            "  ".join(c + " " * (w - _width(c)) for c, w in zip(r, widths, strict=True)).rstrip()
            for r in cells
        ]
        lines.insert(1, "  ".join("-" * w for w in widths))
        return "\n".join(lines)


def _width(text: str) -> int:
    """Display width: East Asian wide characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
