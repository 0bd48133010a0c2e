"""Named queries: ``queries/<name>.rq`` files with documented ``$name`` parameters.

A file starts with ``#`` comment lines: the first ones say what the query answers; a line
``# @param NAME iri|literal|integer  description`` declares a parameter. In the query body
``$NAME`` is replaced by the value written safely as a SPARQL term: an IRI is checked and put
in ``<>``, a literal is quoted and escaped, an integer must be one. Any other ``$word`` stays a
SPARQL variable. Unknown or missing parameters are a ``QueryError``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal as TypingLiteral

from rdflib import Literal, URIRef

from budgetkg.errors import QueryError

from .ntriples import term_to_nt

ParamKind = TypingLiteral["iri", "literal", "integer"]
_PARAM_LINE = re.compile(r"^#\s*@param\s+(\w+)\s+(iri|literal|integer)\b\s*(.*)$")
_PLACEHOLDER = re.compile(r"\$(\w+)\b")
_NAME = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass(frozen=True)
class Param:
    name: str
    kind: ParamKind
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """One ``.rq`` file: its name (file stem), what it answers, its parameters and text."""

    name: str
    description: str
    params: tuple[Param, ...]
    text: str

    def bind(self, values: dict[str, str] | None = None) -> str:
        """The query text with every declared ``$param`` replaced by ``values[param]``.

        >>> q = parse_named_query("demo", "# Demo.\\n# @param word literal  a word\\nSELECT * { ?s ?p $word }")
        >>> q.bind({"word": 'a"b'})
        '# Demo.\\n# @param word literal  a word\\nSELECT * { ?s ?p "a\\\\"b" }'
        """
        values = dict(values or {})
        declared = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(declared))
        if unknown:
            raise QueryError(
                f"query {self.name!r} has no parameter {', '.join(unknown)}; it takes: {self._usage()}"
            )
        missing = sorted(set(declared) - set(values))
        if missing:
            raise QueryError(
                f"query {self.name!r} needs --param {', '.join(missing)}; it takes: {self._usage()}"
            )
        terms = {name: _term(declared[name], value) for name, value in values.items()}
        header, body = self._split()
        return header + _PLACEHOLDER.sub(lambda m: terms.get(m.group(1), m.group(0)), body)

    def _split(self) -> tuple[str, str]:
        """The leading comment lines (left as written) and the query body."""
        lines = self.text.splitlines(keepends=True)
        n = 0
        while n < len(lines) and lines[n].lstrip().startswith("#"):
            n += 1
        return "".join(lines[:n]), "".join(lines[n:])

    def _usage(self) -> str:
        return ", ".join(f"{p.name} ({p.kind})" for p in self.params) or "no parameters"


def _term(param: Param, value: str) -> str:
    if param.kind == "iri":
        try:
            return term_to_nt(URIRef(value))
        except ValueError as exc:
            raise QueryError(f"parameter {param.name}: {exc}") from exc
    if param.kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", value.strip()):
            raise QueryError(f"parameter {param.name} must be an integer, not {value!r}")
        return value.strip()
    return term_to_nt(Literal(value))


def parse_named_query(name: str, text: str) -> NamedQuery:
    """Read the header comments of a query file: description lines and ``@param`` lines."""
    description: list[str] = []
    params: list[Param] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        match = _PARAM_LINE.match(stripped)
        if match:
            params.append(Param(match.group(1), match.group(2), match.group(3).strip()))  # type: ignore[arg-type]
        elif stripped.lstrip("#").strip():
            description.append(stripped.lstrip("#").strip())
    if not description:
        raise QueryError(f"query file {name}.rq must start with a '# comment' saying what it answers")
    return NamedQuery(name, " ".join(description), tuple(params), text)


def load_named_query(directory: Path, name: str) -> NamedQuery:
    """The query ``directory/name.rq``; ``QueryError`` when there is none."""
    if not _NAME.match(name):
        raise QueryError(f"not a query name: {name!r}")
    path = directory / f"{name}.rq"
    if not path.is_file():
        known = ", ".join(q.name for q in list_named_queries(directory))
        raise QueryError(f"no named query {name!r}; known: {known}")
    return parse_named_query(name, path.read_text(encoding="utf-8"))


def list_named_queries(directory: Path) -> list[NamedQuery]:
    """Every ``.rq`` file of ``directory``, sorted by name."""
    return [parse_named_query(p.stem, p.read_text(encoding="utf-8")) for p in sorted(directory.glob("*.rq"))]
