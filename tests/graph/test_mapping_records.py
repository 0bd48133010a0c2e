"""Records -> triples on small hand-made disclosures: IRIs, amounts, targets, citations, provenance."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from rdflib import DCTERMS, PROV, RDFS, SDO, BNode, Graph, Literal, URIRef

from budgetkg.graph import BKG, ELI, KnowledgeGraph, Minter, Store
from budgetkg.graph.mapping import map_disclosure
from budgetkg.ingest import Citation, Disclosure, DocNumber, Kpi, KpiValue, Project, Region, Span

BASE = "http://kg.test/"
NOW = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
REGION = Region("山西省", "大同市")
XINFANG = Citation("信访工作条例", None, "legal_basis", Span(30, 30), "《信访工作条例》")
FEE_NOTICE = Citation(
    "市直机关差旅费管理办法", DocNumber("同财行[2019]36号", "同财行", 2019, 36), "measures", Span(31, 32)
)
KPI = Kpi("产出指标", "质量指标", "工作完成率", KpiValue("≥98%", "≥", 98.0, "%"), "annual", Span(40, 40))
COST = Kpi("产出指标", "成本指标", "费用", KpiValue("≤5.6万元", "≤", 5.6, "万元"), "annual", Span(41, 41))
PROJECT = Project(
    "Z维稳工作经费-1",
    Span(20, 45),
    budget_unit="甲局",
    amount_wan=5.6,
    citations=(XINFANG, FEE_NOTICE),
    kpis=(KPI, COST),
)
DOC_A = Disclosure(
    doc="a.txt", sha256="a" * 64, agency="甲局", region=REGION, year=2026, kind="预算", projects=(PROJECT,)
)
DOC_B = Disclosure(
    doc="b.txt",
    sha256="b" * 64,
    agency="乙局",
    region=Region("山西省", "晋城市", "泽州县"),
    year=2026,
    kind="预算",
    duties=("全面贯彻《信访工作条例》。",),
    mentions=(Citation("《信访工作条例》", None, "mention", Span(5, 5)),),
)


def _graph(disclosure: Disclosure) -> Graph:
    graph = Graph()
    for triple in map_disclosure(disclosure, Minter(BASE), NOW).triples:
        graph.add(triple)
    return graph


def test_project_iri_amounts_in_yuan_and_kpi_targets() -> None:
    graph = _graph(DOC_A)
    project = URIRef(f"{BASE}project/山西省大同市/甲局/2026/甲局/Z维稳工作经费-1")
    assert graph.value(project, RDFS.label) == Literal("Z维稳工作经费-1", lang="zh")
    amount = graph.value(project, BKG.amount)
    assert graph.value(amount, SDO.value).toPython() == Decimal(56000)
    assert str(graph.value(amount, SDO.currency)) == "CNY"
    rate, cost = (graph.value(k, BKG.target) for k in sorted(graph.objects(project, BKG.hasKpi)))
    assert graph.value(rate, SDO.minValue).toPython() == Decimal(98)
    assert graph.value(rate, SDO.maxValue) is None
    assert graph.value(cost, SDO.maxValue).toPython() == Decimal("5.6")
    assert str(graph.value(cost, SDO.unitText)) == "万元"


def test_legal_basis_measures_and_mentions_use_distinct_relations() -> None:
    a, b = _graph(DOC_A), _graph(DOC_B)
    regulation = URIRef(f"{BASE}regulation/title/信访工作条例")
    notice = URIRef(f"{BASE}regulation/number/同财行〔2019〕36号")
    project = next(a.subjects(ELI.based_on, regulation))
    assert (project, ELI.cites, notice) in a
    assert str(a.value(notice, ELI.id_local)) == "同财行〔2019〕36号"
    assert (
        URIRef(f"{BASE}doc/b.txt"),
        DCTERMS.references,
        regulation,
    ) in b  # the same node from 《》 spelling


def test_provenance_points_to_document_and_rfc5147_line_span() -> None:
    graph = _graph(DOC_A)
    doc = URIRef(f"{BASE}doc/a.txt")
    project = next(graph.subjects(BKG.amount, None))
    span = graph.value(project, PROV.wasDerivedFrom)
    assert span == URIRef(f"{doc}#line=19,45")
    assert (graph.value(span, BKG.startLine).toPython(), graph.value(span, BKG.endLine).toPython()) == (
        20,
        45,
    )
    assert graph.value(project, PROV.hadPrimarySource) == doc
    assert str(graph.value(doc, BKG.sha256)) == "a" * 64
    assert not any(isinstance(t, BNode) for triple in graph for t in triple)


def test_mapping_is_deterministic_and_duplicate_projects_are_told_apart() -> None:
    twice = Disclosure(**{**DOC_A.__dict__, "projects": (PROJECT, PROJECT)})
    first, second = map_disclosure(twice, Minter(BASE), NOW), map_disclosure(twice, Minter(BASE), NOW)
    assert first.triples == second.triples
    projects = set(_graph(twice).subjects(BKG.amount, None))
    assert {str(p).rsplit("/", 1)[-1] for p in projects} == {"Z维稳工作经费-1", "Z维稳工作经费-1~2"}


def test_a_shared_regulation_survives_when_one_document_goes(store: Store) -> None:
    kg = KnowledgeGraph(store, base_iri=BASE)
    assert [kg.ingest(d, now=NOW).status for d in (DOC_A, DOC_B)] == ["added", "added"]
    regulation = f"{BASE}regulation/title/信访工作条例"
    ask = f"ASK {{ GRAPH ?a {{ ?p <{ELI.based_on}> <{regulation}> }} GRAPH ?b {{ ?d <{DCTERMS.references}> <{regulation}> }} }}"
    assert kg.query(ask).boolean is True
    assert kg.remove("a.txt") is True
    assert kg.query(ask).boolean is False
    label = kg.query(f"SELECT ?l WHERE {{ <{regulation}> <{RDFS.label}> ?l }}")
    assert label.column("l") == [Literal("《信访工作条例》", lang="zh")]
    assert [d.file_name for d in kg.documents()] == ["b.txt"]
