"""The whoosh schema: which fields exist, how they are analyzed, and how strongly they count.

Searched text fields use the jieba analyzer and store their text (for snippets). Facet
fields are exact, sortable columns. Boosts are applied at query time, so tuning them
needs no reindex.
"""

from __future__ import annotations

from typing import Any

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from ._analysis import JiebaTokenizer
from ._records import IndexDoc

# Query-time weight of each searched field; the name counts most.
FIELD_BOOSTS: dict[str, float] = {
    "name": 6.0,
    "number": 4.0,
    "kpi": 1.5,
    "overview": 1.2,
    "goals": 1.0,
    "basis": 1.0,
    "duties": 1.0,
    "issuer": 1.0,
    "agency": 0.6,
    "region": 0.4,
    "context": 0.4,
}
# The searched fields, in the order snippets are looked for.
SNIPPET_FIELDS: tuple[str, ...] = (
    "overview",
    "goals",
    "basis",
    "kpi",
    "duties",
    "context",
    "number",
    "issuer",
    "name",
)
# Exact-valued fields usable in field queries (type:project, year:2026, amount:[10 TO 100]).
EXACT_FIELDS: tuple[str, ...] = ("type", "level", "year", "amount", "iri")
QUERY_FIELDS: tuple[str, ...] = tuple(FIELD_BOOSTS) + EXACT_FIELDS


def build_schema() -> Schema:
    analyzer = JiebaTokenizer()
    text = {name: TEXT(analyzer=analyzer, stored=True, chars=True) for name in FIELD_BOOSTS}
    return Schema(
        iri=ID(stored=True, unique=True),
        type=ID(stored=True, sortable=True),
        sources=KEYWORD(stored=True, commas=False, scorable=False),
        label=STORED(),
        agency_exact=ID(stored=True, sortable=True),
        region_exact=ID(stored=True, sortable=True),
        level=ID(stored=True, sortable=True),
        year=NUMERIC(int, stored=True, sortable=True),
        amount=NUMERIC(float, stored=True),
        # whoosh cannot give a float column a default, so sorting uses whole 元 (missing: 0, last).
        amount_sort=NUMERIC(int, bits=64, signed=False, sortable=True, default=0),
        **text,
    )


def _join(parts: tuple[str | None, ...]) -> str:
    return "\n".join(p for p in parts if p)


def to_fields(doc: IndexDoc) -> dict[str, Any]:
    """The whoosh document for ``doc`` (empty fields left out).

    A KPI's own name goes to the ``kpi`` field, not ``name``: a project, regulation or
    agency named by the query ranks above the many indicators that repeat its words.
    """
    names = _join((doc.label, *(n for n in doc.names if n != doc.label)))
    is_kpi = doc.type == "kpi"
    values: dict[str, Any] = {
        "iri": doc.iri,
        "type": doc.type,
        "sources": " ".join(doc.sources),
        "label": doc.label,
        "agency_exact": doc.agency,
        "region_exact": doc.region,
        "level": doc.level,
        "year": doc.year,
        "amount": doc.amount,
        "amount_sort": None if doc.amount is None else max(0, round(doc.amount * 10_000)),
        "name": None if is_kpi else names,
        "number": _join(doc.numbers),
        "kpi": names if is_kpi else _join(doc.kpis),
        "overview": _join((doc.overview, doc.value)),
        "goals": doc.goals,
        "basis": doc.legal_basis,
        "duties": _join(doc.duties),
        "issuer": doc.issuer,
        "agency": _join((doc.agency, *doc.units)),
        "region": doc.region,
        "context": _join(doc.context),
    }
    return {key: value for key, value in values.items() if value not in (None, "")}
