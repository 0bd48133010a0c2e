"""Query strings and filters to whoosh queries.

A query word is segmented (维稳经费 -> 维稳 AND 经费) before it is spread over the
searched fields, so its words may match in different fields; each word also finds its
synonyms. Field queries (``agency:大同市信访局``), phrases, boolean operators, ranges
and wildcards are whoosh's; malformed syntax is refused by :mod:`._syntax` first.
"""

from __future__ import annotations

from typing import Any

from whoosh import query as wq
from whoosh.fields import Schema
from whoosh.qparser import FieldsPlugin, MultifieldPlugin, QueryParser, syntax

from budgetkg.errors import SearchSyntaxError

from ._analysis import JiebaTokenizer, query_words
from ._records import SearchFilters
from ._schema import FIELD_BOOSTS, QUERY_FIELDS
from ._segmenter import get_segmenter
from ._synonyms import synonym_table
from ._syntax import check_syntax, rewrite_prefixes

NUMERIC_FIELDS = ("year", "amount")


class _SplitWordsPlugin:
    """Turn each plain query word into an AND group of its segmented words."""

    def taggers(self, parser: Any) -> list[Any]:
        return []

    def filters(self, parser: Any) -> list[Any]:
        return [(self.split, 105)]  # after field names (100), before multifield (110)

    def split(self, parser: Any, group: Any) -> Any:
        out = group.empty_copy()
        for node in group:
            if isinstance(node, syntax.GroupNode):
                out.append(self.split(parser, node))
            elif type(node) is syntax.WordNode and _is_text(parser.schema, node.fieldname):
                words = query_words(node.text)
                if len(words) <= 1:
                    out.append(node)
                    continue
                parts = syntax.AndGroup([_word(node, w) for w in words])
                parts.set_boost(node.boost)
                out.append(parts)
            else:
                out.append(node)
        return out


def _is_text(schema: Schema, fieldname: str | None) -> bool:
    return fieldname is None or (
        fieldname in schema and isinstance(schema[fieldname].analyzer, JiebaTokenizer)
    )


def _word(node: Any, text: str) -> Any:
    word = syntax.WordNode(text)
    word.startchar, word.endchar = node.startchar, node.endchar
    if node.fieldname:
        word.set_fieldname(node.fieldname)
    return word


class _Parser(QueryParser):  # type: ignore[misc]
    """whoosh's multifield parser with synonym expansion of each query word."""

    def term_query(
        self,
        fieldname: str,
        text: str,
        termclass: Any,
        boost: float = 1.0,
        tokenize: bool = True,
        removestops: bool = True,
    ) -> Any:
        if not (tokenize and _is_text(self.schema, fieldname)):
            return super().term_query(fieldname, text, termclass, boost, tokenize, removestops)
        words = query_words(text)
        if not words:
            return None
        table = synonym_table()
        segmenter = get_segmenter()
        parts = []
        for word in words:
            alternatives = [termclass(fieldname, word, boost=boost)]
            pieces = segmenter.parts(word)
            if pieces:  # a compound also matches its parts written apart (三公 … 经费)
                alternatives.append(wq.And([wq.Term(fieldname, p, boost=boost * 0.8) for p in pieces]))
            for target in table.get(word, ()):
                if len(target) == 1:
                    alternatives.append(wq.Term(fieldname, target[0], boost=boost))
                else:
                    alternatives.append(wq.Phrase(fieldname, list(target), boost=boost))
            parts.append(alternatives[0] if len(alternatives) == 1 else wq.Or(alternatives))
        return parts[0] if len(parts) == 1 else wq.And(parts)


def _parser(schema: Schema) -> _Parser:
    parser = _Parser(None, schema)
    parser.add_plugin(MultifieldPlugin(list(FIELD_BOOSTS), fieldboosts=FIELD_BOOSTS))
    parser.replace_plugin(FieldsPlugin(expr=r"(?P<text>[A-Za-z_]+|[*]):"))
    parser.add_plugin(_SplitWordsPlugin())
    return parser


def _errors(q: Any) -> list[str]:
    found = [str(q.error)] if getattr(q, "error", None) else []
    for child in q.children():
        found.extend(_errors(child))
    return found


def parse_query(text: str, schema: Schema) -> Any:
    """The whoosh query for ``text``; an empty query matches every document."""
    if not text.strip():
        return wq.Every()
    text = rewrite_prefixes(text)
    check_syntax(text, fields=QUERY_FIELDS, numeric=NUMERIC_FIELDS)
    try:
        q = _parser(schema).parse(text)
    except Exception as exc:  # whoosh raises assorted errors for odd input
        raise SearchSyntaxError(f"cannot parse query {text!r}: {exc}") from None
    errors = _errors(q)
    if errors:
        raise SearchSyntaxError(f"cannot parse query {text!r}: {'; '.join(errors)}")
    if isinstance(q, wq.Not):  # a purely negative query: everything but
        q = wq.And([wq.Every(), q])
    return q


def filter_query(filters: SearchFilters) -> Any | None:
    """The whoosh query restricting results to ``filters``, or None when there are none."""
    clauses: list[Any] = []
    for name, column in (
        ("type", "type"),
        ("agency", "agency_exact"),
        ("region", "region_exact"),
        ("level", "level"),
    ):
        values = getattr(filters, name)
        if values:
            clauses.append(wq.Or([wq.Term(column, v) for v in values]))
    if filters.year:
        clauses.append(wq.Or([wq.NumericRange("year", y, y) for y in filters.year]))
    if filters.amount_min is not None or filters.amount_max is not None:
        clauses.append(wq.NumericRange("amount", filters.amount_min, filters.amount_max))
    return wq.And(clauses) if clauses else None
