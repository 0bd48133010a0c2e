"""RDF terms in N-Triples syntax, for SPARQL Update text and SPARQL TSV results.

One line per term, always: newlines, tabs and quotes inside literals are escaped (rdflib's
``Literal.n3()`` may emit multi-line long strings, which TSV and line-based loaders reject).
"""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import BNode, Literal, Node, URIRef

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})
_IRI_FORBIDDEN = frozenset('<>"{}|^`\\ \n\r\t')


def term_to_nt(term: Node) -> str:
    """``term`` in N-Triples syntax.

    >>> term_to_nt(Literal("甲\\n乙", lang="zh"))
    '"甲\\\\n乙"@zh'
    >>> term_to_nt(URIRef("http://example.org/a"))
    '<http://example.org/a>'
    """
    if isinstance(term, URIRef):
        return f"<{check_iri(str(term))}>"
    if isinstance(term, Literal):
        text = f'"{str(term).translate(_ESCAPES)}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype and str(term.datatype) != "http://www.w3.org/2001/XMLSchema#string":
            return f"{text}^^<{check_iri(str(term.datatype))}>"
        return text
    if isinstance(term, BNode):
        return f"_:{term}"
    raise TypeError(f"not an RDF term: {term!r}")


def check_iri(iri: str) -> str:
    """``iri`` unchanged when it can stand between ``<>``; ValueError otherwise.

    >>> check_iri("http://example.org/x>y")
    Traceback (most recent call last):
    ...
    ValueError: not a valid IRI: 'http://example.org/x>y'
    """
    if not iri or any(c in _IRI_FORBIDDEN or ord(c) < 0x20 for c in iri):
        raise ValueError(f"not a valid IRI: {iri!r}")
    return iri


def update_text(name: URIRef, triples: Sequence[tuple[Node, Node, Node]]) -> str:
    """The SPARQL Update that replaces graph ``name`` by ``triples`` in one request."""
    graph = term_to_nt(name)
    body = "\n".join(f"{term_to_nt(s)} {term_to_nt(p)} {term_to_nt(o)} ." for s, p, o in triples)
    return f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}"
