"""Jena-style full-text search inside SPARQL: ``?s text:query "维稳经费"`` -> a ``VALUES`` block.

The property function is evaluated *before* the query reaches the store: the search runs
on the full-text index, and the ``text:query`` triple is replaced in the query text by a
``VALUES`` block binding its subject to the hits. The rewritten query is plain SPARQL 1.1,
so it runs unchanged on every store backend, including a remote engine (where rdflib's
``CUSTOM_EVALS`` would never be called). See ``docs/sparql-text-query.md``.

Forms (Jena's, with ``PREFIX text: <http://jena.apache.org/text#>``)::

    ?s text:query "query"                      # hits bound to ?s
    ?s text:query ("query" 10)                 # at most 10 hits
    ?s text:query (rdfs:label "query")         # property accepted for Jena compatibility
    (?s ?score) text:query "query"             # ... and the relevance score
    (?s ?score ?label) text:query "query"      # ... and the hit's label

    >>> from budgetkg.api.text_query import rewrite_text_queries
    >>> q = 'PREFIX text: <http://jena.apache.org/text#> SELECT ?p { ?p text:query "维稳" . }'
    >>> rewrite_text_queries(q, lambda text, limit: [("http://x/p1", 2.5, "p1")])
    'PREFIX text: <http://jena.apache.org/text#> SELECT ?p { VALUES ?p { <http://x/p1> }  }'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from budgetkg.errors import QuerySyntaxError

from .sparql_tokens import Token, matching_close, matching_open, prefixes, string_value, tokenize

TEXT_NS = "http://jena.apache.org/text#"
TEXT_QUERY = TEXT_NS + "query"
DEFAULT_LIMIT = 10_000  # Jena's default

#: search(query text, limit) -> hits as (iri, score, label), best first
Searcher = Callable[[str, int], Sequence[tuple[str, float, str]]]
_OPTION_PREFIXES = ("lang:", "highlight:")
_IRI_FORBIDDEN = set('<>"{}|^`\\ ') | {chr(c) for c in range(0x21)}


@dataclass(frozen=True)
class _Call:
    """One ``text:query`` triple found in the text: what to search, what to bind, what to replace."""

    start: int  # character offsets of the text to replace
    end: int
    variables: tuple[str, ...]  # ?s [?score [?label]]
    query: str
    limit: int
    prefix: str  # text put before the VALUES block (". " when the subject came earlier)
    suffix: str  # text put after it (the subject again when a ';' continues the triple)


def is_text_query_predicate(token: Token, known: dict[str, str]) -> bool:
    if token.kind == "iri":
        return token.text[1:-1] == TEXT_QUERY
    if token.kind == "pname":
        prefix, _, local = token.text.partition(":")
        return known.get(prefix, "") + local == TEXT_QUERY
    return False


def find_text_queries(text: str) -> list[_Call]:
    """The ``text:query`` calls of a query, in text order; QuerySyntaxError for forms we cannot run."""
    tokens = tokenize(text)
    known = prefixes(tokens)
    return [_call(tokens, i) for i, t in enumerate(tokens) if is_text_query_predicate(t, known)]


def rewrite_text_queries(text: str, search: Searcher) -> str:
    """``text`` with every ``text:query`` triple replaced by a ``VALUES`` block of search hits."""
    calls = find_text_queries(text)
    for call in reversed(calls):
        hits = search(call.query, call.limit)[: call.limit]
        block = values_block(call.variables, hits)
        text = text[: call.start] + call.prefix + block + " " + call.suffix + text[call.end :]
    return text


def values_block(variables: Sequence[str], hits: Sequence[tuple[str, float, str]]) -> str:
    """A VALUES block binding ``variables`` (entity, score, label) to ``hits``.

    >>> values_block(("?s", "?score"), [("http://x/a b", 1.5, "A")])
    'VALUES (?s ?score) { (<http://x/a%20b> 1.500000e+00) }'
    """

    def row(hit: tuple[str, float, str]) -> list[str]:
        iri, score, label = hit
        cells = [iri_ref(iri), f"{float(score):.6e}", literal(label)]
        return cells[: len(variables)]

    if len(variables) == 1:
        return f"VALUES {variables[0]} {{ {' '.join(row(h)[0] for h in hits)} }}"
    rows = " ".join(f"({' '.join(row(h))})" for h in hits)
    return f"VALUES ({' '.join(variables)}) {{ {rows} }}"


def iri_ref(iri: str) -> str:
    """``<iri>`` with characters an IRIREF forbids percent-encoded.

    >>> iri_ref("http://x/维稳 经费")
    '<http://x/维稳%20经费>'
    """
    return "<" + "".join(f"%{ord(c):02X}" if c in _IRI_FORBIDDEN else c for c in iri) + ">"


def literal(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


# ---------------------------------------------------------------------------- parsing one call


def _refuse(token: Token, why: str) -> QuerySyntaxError:
    return QuerySyntaxError(f"text:query at character {token.start}: {why}")


def _call(tokens: list[Token], at: int) -> _Call:
    predicate = tokens[at]
    if at == 0 or at + 1 >= len(tokens):
        raise _refuse(predicate, "needs a subject and an object")
    start, variables, prefix = _subject(tokens, at)
    query, limit, last = _object(tokens, at + 1)
    end = tokens[last].end
    suffix = ""
    following = tokens[last + 1] if last + 1 < len(tokens) else None
    if following is not None and following.kind == "punct":
        if following.text == ",":
            raise _refuse(predicate, "an object list (',') is not supported; repeat the triple")
        if following.text == ";":
            end = following.end
            suffix = variables[0] + " "
        elif following.text == "." and not prefix:
            end = following.end
    return _Call(tokens[start].start, end, variables, query, limit, prefix, suffix)


def _subject(tokens: list[Token], at: int) -> tuple[int, tuple[str, ...], str]:
    """(first token index to replace, bound variables, prefix text)."""
    before = tokens[at - 1]
    if before.kind == "var":
        return at - 1, (before.text,), ""
    if before.kind == "punct" and before.text == ")":
        opening = matching_open(tokens, at - 1)
        inner = tokens[opening + 1 : at - 1]
        if opening < 0 or not 1 <= len(inner) <= 3 or any(t.kind != "var" for t in inner):
            raise _refuse(tokens[at], "the subject list must be (?entity [?score [?label]])")
        return opening, tuple(t.text for t in inner), ""
    if before.kind == "punct" and before.text == ";":
        subject = _subject_of_block(tokens, at - 1)
        if subject is None:
            raise _refuse(tokens[at], 'write it as its own triple: ?s text:query "..."')
        return at - 1, (subject,), ". "
    raise _refuse(tokens[at], "the subject must be a variable or a list of variables")


def _subject_of_block(tokens: list[Token], semicolon: int) -> str | None:
    """The variable starting the triples block that the ';' at ``semicolon`` continues."""
    j = semicolon - 1
    while j >= 0:
        token = tokens[j]
        if token.kind == "punct" and token.text in ")]":
            j = matching_open(tokens, j) - 1
            continue
        if token.kind == "punct" and token.text in "{}.":
            after = tokens[j + 1]
            return after.text if after.kind == "var" else None
        j -= 1
    return None


def _object(tokens: list[Token], at: int) -> tuple[str, int, int]:
    """(query text, limit, index of the object's last token)."""
    first = tokens[at]
    if first.kind == "string":
        return string_value(first), DEFAULT_LIMIT, _skip_literal_suffix(tokens, at)
    if first.kind == "punct" and first.text == "(":
        close = matching_close(tokens, at)
        if close < 0:
            raise _refuse(first, "unbalanced parentheses")
        query: str | None = None
        limit = DEFAULT_LIMIT
        j = at + 1
        while j < close:
            token = tokens[j]
            if token.kind in ("iri", "pname") and query is None:
                pass  # the indexed property (Jena): every indexed field is searched
            elif token.kind == "string":
                value = string_value(token)
                if query is None:
                    query = value
                elif not value.startswith(_OPTION_PREFIXES):
                    raise _refuse(token, f"unknown option {value!r}")
                j = _skip_literal_suffix(tokens, j)
            elif token.kind == "number" and query is not None and token.text.isdigit():
                limit = int(token.text)
            else:
                raise _refuse(token, f"unexpected {token.text!r} in the argument list")
            j += 1
        if query is None:
            raise _refuse(first, "the argument list needs a query string")
        return query, limit, close
    raise _refuse(first, 'the object must be a string or a list such as ("query" 10)')


def _skip_literal_suffix(tokens: list[Token], at: int) -> int:
    """The last token of a literal: skips a language tag or a ^^datatype."""
    if at + 1 < len(tokens) and tokens[at + 1].kind == "lang":
        return at + 1
    if at + 2 < len(tokens) and tokens[at + 1].kind == "dtype":
        return at + 2
    return at
