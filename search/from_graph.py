"""The graph's entities as index documents: projects, regulations, agencies and KPIs.

The graph is the single source of truth; this module only reads it through SPARQL
(``graph.query(text)`` returning rows as ``.dicts()``), so it works on every store the
graph stage offers. Amounts are read in 元 and indexed in 万元.

:func:`index_docs` gives every document for a full rebuild; :func:`index_docs_for` gives
those touched by some source documents, each complete (a regulation cited by two
documents carries both as sources), for incremental updates.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Protocol

from budgetkg.errors import SearchError

from . import _sparql as q
from ._records import IndexDoc

_CHUNK = 400  # IRIs per VALUES block


_TIMEOUT_S = 3600.0  # a full build reads the whole graph: no interactive limits
_ROW_LIMIT = 1 << 40


class SparqlGraph(Protocol):
    """What the builder needs of :class:`budgetkg.graph.KnowledgeGraph`: SELECT rows as ``.dicts()``."""

    def query(self, sparql: str, *, timeout: float | None = None, limit: int | None = None) -> Any: ...


def _rows(
    graph: SparqlGraph, template: str, variable: str, iris: Sequence[str] | None
) -> Iterator[dict[str, str]]:
    chunks: Iterable[list[str] | None] = (
        [None] if iris is None else (list(iris[i : i + _CHUNK]) for i in range(0, len(iris), _CHUNK))
    )
    for chunk in chunks:
        text = q.PREFIXES + template.format(values=q.values_block(variable, chunk))
        result = graph.query(text, timeout=_TIMEOUT_S, limit=_ROW_LIMIT)
        if getattr(result, "truncated", False):
            raise SearchError("the graph truncated a result the index builder needs")
        for row in result.dicts():
            yield {key: str(value) for key, value in row.items()}


def _first(values: Iterable[str]) -> str | None:
    """The most frequent value, ties broken by order of appearance."""
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def _int(value: str | None) -> int | None:
    try:
        return int(float(value)) if value else None
    except ValueError:
        return None


def _wan(yuan: str | None) -> float | None:
    try:
        return round(float(yuan) / 10_000, 6) if yuan else None
    except ValueError:
        return None


def _group(rows: Iterable[dict[str, str]], key: str = "e") -> dict[str, list[dict[str, str]]]:
    grouped: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(row)
    return grouped


def _unique(values: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def projects(graph: SparqlGraph, iris: Sequence[str] | None = None) -> Iterator[IndexDoc]:
    names = _group(_rows(graph, q.PROJECT_NAMES, "e", iris))
    kpis = _group(
        (r for r in _rows(graph, q.KPIS, "owner", iris) if r.get("ownerKind") == "project"), key="owner"
    )
    for iri, rows in _group(_rows(graph, q.PROJECTS, "e", iris)).items():

        def get(name: str, rows: list[dict[str, str]] = rows) -> str | None:
            return _first(r.get(name, "") for r in rows)

        label = get("label") or iri
        yield IndexDoc(
            iri=iri,
            type="project",
            label=label,
            sources=_unique(r["g"] for r in rows),
            names=_unique(r["name"] for r in names.get(iri, ())),
            agency=get("agency"),
            units=_unique((get("implementer"), get("unit"))),
            region=get("region"),
            year=_int(get("year")),
            amount=_wan(get("yuan")),
            overview=get("overview"),
            goals=get("goals"),
            legal_basis=get("basis"),
            kpis=_unique(r["label"] for r in kpis.get(iri, ())),
        )


def regulations(graph: SparqlGraph, iris: Sequence[str] | None = None) -> Iterator[IndexDoc]:
    citers = _group(_rows(graph, q.CITERS, "e", iris))
    for iri, rows in _group(_rows(graph, q.REGULATIONS, "e", iris)).items():
        labels = [r["label"] for r in rows]
        label = _first(labels) or iri
        number = _first(r.get("number", "") for r in rows)
        yield IndexDoc(
            iri=iri,
            type="regulation",
            label=label,
            sources=_unique(r["g"] for r in rows),
            names=_unique(labels),
            numbers=(number,) if number else (),
            issuer=_first(r.get("issuer", "") for r in rows),
            year=_int(_first(r.get("year", "") for r in rows)),
            context=_unique(r["citer"] for r in citers.get(iri, ())),
        )


def agencies(graph: SparqlGraph, iris: Sequence[str] | None = None) -> Iterator[IndexDoc]:
    duties = _group(_rows(graph, q.DUTIES, "e", iris))
    for iri, rows in _group(_rows(graph, q.AGENCIES, "e", iris)).items():
        label = _first(r["label"] for r in rows) or iri
        parent = _first(r.get("parent", "") for r in rows)
        yield IndexDoc(
            iri=iri,
            type="agency",
            label=label,
            sources=_unique(r["g"] for r in rows),
            names=_unique(r["label"] for r in rows),
            agency=parent or label,
            region=_first(r.get("region", "") for r in rows),
            duties=_unique(r["duty"] for r in duties.get(iri, ())),
        )


def kpis(graph: SparqlGraph, iris: Sequence[str] | None = None) -> Iterator[IndexDoc]:
    """One document per distinct (owner, name, level, target): a table's twin columns count once."""
    rows = list(_rows(graph, q.KPIS, "e", iris))
    owners = _group(_rows(graph, q.OWNERS, "owner", sorted({r["owner"] for r in rows})), key="owner")
    seen: set[tuple[str, ...]] = set()
    for iri, group in _group(rows).items():
        row = group[0]
        key = (row["owner"], row["label"], row.get("level1", ""), row.get("level2", ""), row.get("raw", ""))
        if key in seen:
            continue
        seen.add(key)
        owner = owners.get(row["owner"], [])
        level2 = row.get("level2")
        yield IndexDoc(
            iri=iri,
            type="kpi",
            label=row["label"],
            sources=_unique(r["g"] for r in group),
            agency=_first(r.get("agency", "") for r in owner),
            region=_first(r.get("region", "") for r in owner),
            year=_int(_first(r.get("year", "") for r in owner)),
            level=row.get("level1"),
            value=row.get("raw"),
            overview=level2,
            context=_unique((_first(r.get("label", "") for r in owner),)),
        )


_BUILDERS = {"project": projects, "regulation": regulations, "agency": agencies, "kpi": kpis}


def index_docs(graph: SparqlGraph) -> Iterator[IndexDoc]:
    """Every index document the graph gives (for a full rebuild)."""
    for build in _BUILDERS.values():
        yield from build(graph)


def index_docs_for(
    graph: SparqlGraph, doc_iris: Iterable[str], also: Mapping[str, Iterable[str]] | None = None
) -> list[IndexDoc]:
    """The index documents of every entity found in the named graphs ``doc_iris``.

    ``also`` adds entities by kind (those the index holds from these documents, which may
    live on in other documents after these are removed); entities no longer in the graph
    give no document.
    """
    wanted: dict[str, list[str]] = defaultdict(list)
    for kind, iris in (also or {}).items():
        wanted[kind].extend(iris)
    for row in _rows(graph, q.ENTITIES_OF, "g", sorted(set(doc_iris))):
        wanted[row["kind"]].append(row["e"])
    docs: list[IndexDoc] = []
    for kind, build in _BUILDERS.items():
        if wanted.get(kind):
            docs.extend(build(graph, sorted(set(wanted[kind]))))
    return docs
