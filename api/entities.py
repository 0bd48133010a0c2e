"""Entity facts for pages and ``/api/entity``: a project, an agency or a regulation as one model.

Each ``*_facts`` function runs the queries of :mod:`budgetkg.api.entity_queries` on the
knowledge graph and shapes the rows into the models of :mod:`budgetkg.api.models`. A project's
source span is quoted from the kept document text (:mod:`budgetkg.api.source_texts`).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from rdflib import URIRef

from . import entity_queries as q
from .errors import ProtocolError
from .models import (
    AgencyFacts,
    CitationFacts,
    CitingGroup,
    CitingProject,
    DocumentRef,
    EntityRef,
    FunctionLine,
    KpiFacts,
    MentioningDocument,
    ProjectFacts,
    ProjectSummary,
    RegulationFacts,
    SourceLine,
    SourceSpan,
    Totals,
)
from .source_texts import SourceTexts

BKG = "http://budgetkg.example.org/ontology#"
KINDS = {
    BKG + "Project": "project",
    "http://data.europa.eu/eli/ontology#LegalResource": "regulation",
    "http://www.w3.org/ns/org#FormalOrganization": "agency",
}
_TRAILING_NUMBER = re.compile(r"(\d+)$")


def _rows(graph: Any, query: str, iri: str) -> list[dict[str, Any]]:
    result = graph.query(q.bind(query, iri))
    return [
        {var: (None if term is None else term.toPython()) for var, term in zip(result.vars, row, strict=True)}
        for row in result.rows
    ]


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _int(value: Any) -> int | None:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


def _wan(yuan: Any) -> float | None:
    """Yuan (a decimal) to 万元.

    >>> _wan(Decimal("56000")), _wan(None)
    (5.6, None)
    """
    if yuan is None:
        return None
    return float(Decimal(str(yuan)) / Decimal(10000))


def _order(iri: Any) -> tuple[int, str]:
    """Sort key of part IRIs such as ``.../kpi/12``: by their trailing number."""
    text = str(iri)
    match = _TRAILING_NUMBER.search(text)
    return (int(match.group(1)) if match else 0, text)


def entity_kind(graph: Any, iri: str) -> str | None:
    """project, agency or regulation; None when the graph has no such entity at ``iri``."""
    types = {str(row["type"]) for row in _rows(graph, q.KIND, iri)}
    for type_iri, kind in KINDS.items():
        if type_iri in types:
            return kind
    return None


def entity_exists(graph: Any, iri: str) -> bool:
    result = graph.query(q.PREFIXES + f"ASK {{ {q.iri_ref(iri)} ?p ?o }}")
    return bool(result.boolean)


def entity_facts(graph: Any, iri: str, sources: SourceTexts) -> ProjectFacts | AgencyFacts | RegulationFacts:
    """The facts of the entity at ``iri``; ProtocolError 404 when it is no project, agency or regulation."""
    kind = entity_kind(graph, iri)
    if kind == "project":
        return project_facts(graph, iri, sources)
    if kind == "agency":
        return agency_facts(graph, iri)
    if kind == "regulation":
        return regulation_facts(graph, iri)
    raise ProtocolError(404, f"no project, agency or regulation with IRI {iri}")


def project_facts(graph: Any, iri: str, sources: SourceTexts) -> ProjectFacts:
    rows = _rows(graph, q.PROJECT, iri)
    if not rows:
        raise ProtocolError(404, f"no project with IRI {iri}")
    r = rows[0]
    citations = [
        CitationFacts(
            iri=str(c["reg"]),
            label=_str(c["label"]),
            doc_number=_str(c["docNumber"]),
            field=_str(c["field"]),
            line=_int(c["start"]),
            raw=_str(c["raw"]),
        )
        for c in _rows(graph, q.CITATIONS, iri)
    ]
    kpis = [
        KpiFacts(
            iri=str(k["k"]),
            name=str(k["name"]),
            level1=_str(k["level1"]),
            level2=_str(k["level2"]),
            column=_str(k["column"]),
            raw=_str(k["raw"]),
            comparator=_str(k["comparator"]),
            number=None if k["number"] is None else float(k["number"]),
            unit=_str(k["unit"]),
            qualitative=_str(k["qualitative"]),
            line=_int(k["start"]),
        )
        for k in sorted(_rows(graph, q.KPIS, iri), key=lambda k: _order(k["k"]))
    ]
    spans = [
        _source_span(graph, sources, str(s["file"]), str(s["doc"]), int(s["start"]), int(s["end"]))
        for s in _rows(graph, q.SPANS, iri)
    ]
    return ProjectFacts(
        iri=iri,
        label=str(r["label"]),
        alt_labels=[str(a["alt"]) for a in _rows(graph, q.ALT_LABELS, iri)],
        agency=None if r["agency"] is None else EntityRef(iri=str(r["agency"]), label=_str(r["agencyLabel"])),
        budget_unit=_str(r["unit"]),
        implementing_unit=_str(r["implementer"]),
        year=_int(r["year"]),
        attribute=_str(r["attribute"]),
        period=_str(r["period"]),
        carry_over=bool(r["carry"]),
        amount_wan=_wan(r["amount"]),
        amount_yuan=None if r["funding"] is None else float(r["funding"]),
        overview=_str(r["overview"]),
        legal_basis_text=_str(r["basis"]),
        necessity=_str(r["necessity"]),
        measures_text=_str(r["measures"]),
        plan=_str(r["plan"]),
        goals=_str(r["goals"]),
        citations=citations,
        kpis=kpis,
        source=spans[0] if spans else None,
        sources=spans,
    )


def _source_span(graph: Any, sources: SourceTexts, file: str, doc: str, start: int, end: int) -> SourceSpan:
    sha = graph.query(q.PREFIXES + f"SELECT ?sha WHERE {{ {q.iri_ref(doc)} bkg:sha256 ?sha }} LIMIT 1")
    digest = str(sha.rows[0][0]) if sha.rows else None
    try:
        text = sources.lines(file, digest)
    except ProtocolError:
        text = []
    quoted = [SourceLine(number=n, text=text[n - 1]) for n in range(start, min(end, len(text)) + 1)]
    return SourceSpan(doc=file, doc_iri=doc, start=start, end=end, lines=quoted)


def agency_facts(graph: Any, iri: str) -> AgencyFacts:
    rows = _rows(graph, q.AGENCY, iri)
    if not rows:
        raise ProtocolError(404, f"no agency with IRI {iri}")
    r = rows[0]
    documents = _rows(graph, q.AGENCY_DOCUMENTS, iri)
    latest = documents[0] if documents else {}
    seen_docs: dict[str, DocumentRef] = {}
    for d in documents:
        seen_docs.setdefault(
            str(d["doc"]),
            DocumentRef(
                iri=str(d["doc"]),
                file_name=str(d["file"]),
                label=_str(d["label"]),
                year=_int(d["year"]),
                href=f"/api/source/{d['file']}",
            ),
        )
    duties = sorted(_rows(graph, q.AGENCY_DUTIES, iri), key=lambda d: _order(d["duty"]))
    return AgencyFacts(
        iri=iri,
        label=str(r["label"]),
        region=_str(r["region"]),
        parent=None if r["parent"] is None else EntityRef(iri=str(r["parent"]), label=_str(r["parentLabel"])),
        years=sorted({y for d in documents if (y := _int(d["year"])) is not None}),
        documents=list(seen_docs.values()),
        duties=list(dict.fromkeys(str(d["text"]) for d in duties)),
        budget_units=[str(u["name"]) for u in _rows(graph, q.AGENCY_UNITS, iri)],
        departments=[str(u["name"]) for u in _rows(graph, q.AGENCY_DEPARTMENTS, iri)],
        totals=Totals(
            budget_total_wan=_wan(latest.get("total")),
            basic_expenditure_wan=_wan(latest.get("basic")),
            project_expenditure_wan=_wan(latest.get("project")),
            three_public_wan=_wan(latest.get("three")),
        ),
        functions=[
            FunctionLine(
                code=str(f["code"]), name=_str(f["name"]), amount_wan=_wan(f["amount"]), year=_int(f["year"])
            )
            for f in _rows(graph, q.AGENCY_FUNCTIONS, iri)
        ],
        projects=[
            ProjectSummary(
                iri=str(p["p"]),
                label=str(p["label"]),
                year=_int(p["year"]),
                amount_wan=_wan(p["amount"]),
                citation_count=_int(p["citations"]) or 0,
            )
            for p in _rows(graph, q.AGENCY_PROJECTS, iri)
        ],
    )


def regulation_facts(graph: Any, iri: str) -> RegulationFacts:
    rows = _rows(graph, q.REGULATION, iri)
    if not rows:
        raise ProtocolError(404, f"no regulation with IRI {iri}")
    titles = list(dict.fromkeys(str(r["title"]) for r in rows if r["title"] is not None))
    number = next((str(r["number"]) for r in rows if r["number"] is not None), None)
    groups: dict[tuple[str, int | None], list[CitingProject]] = {}
    agencies: dict[str, EntityRef] = {}
    for c in _rows(graph, q.CITING_PROJECTS, iri):
        agency = str(c["agency"] or "")
        agencies.setdefault(agency, EntityRef(iri=agency, label=_str(c["agencyLabel"])))
        project = CitingProject(
            iri=str(c["p"]), label=str(c["label"]), amount_wan=_wan(c["amount"]), field=_str(c["field"])
        )
        bucket = groups.setdefault((agency, _int(c["year"])), [])
        if project not in bucket:
            bucket.append(project)
    return RegulationFacts(
        iri=iri,
        label=titles[0] if titles else (number or iri),
        titles=titles,
        doc_number=number,
        citing=[CitingGroup(agency=agencies[a], year=y, projects=p) for (a, y), p in groups.items()],
        mentioned_by=[
            MentioningDocument(
                iri=str(m["doc"]),
                label=_str(m["label"]),
                agency=EntityRef(iri=str(m["agency"]), label=_str(m["agencyLabel"])) if m["agency"] else None,
            )
            for m in _rows(graph, q.MENTIONING_DOCUMENTS, iri)
        ],
    )


def is_iri(value: str) -> bool:
    """A usable absolute IRI (scheme and no spaces or brackets).

    >>> is_iri("http://budgetkg.example.org/x"), is_iri("not an iri")
    (True, False)
    """
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$", value)) and URIRef(value) is not None
