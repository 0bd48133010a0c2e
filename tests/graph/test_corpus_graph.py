"""Contract tests: the sample corpus in every store backend gives the same real answers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import RDFS, SDO, Dataset, Graph, Literal, Node, URIRef

from budgetkg.config import DEFAULT_BASE_IRI
from budgetkg.errors import QueryError, QuerySyntaxError
from budgetkg.graph import BKG, ELI, KnowledgeGraph
from budgetkg.ingest import Disclosure
from budgetkg.ontology import load_shapes

from .corpus_edits import edited_disclosure

DATONG = "000_464361dc6483572d.txt"
ZEZHOU = "002_0bcec4dda379f9a4.txt"
PROJECT_WEIWEN_1 = f"{DEFAULT_BASE_IRI}project/山西省大同市/大同市信访局/2026/大同市信访局/Z维稳工作经费-1"
REGULATION_XINFANG = URIRef(f"{DEFAULT_BASE_IRI}regulation/title/信访工作条例")


def _rows(result, *names):
    return [tuple(None if d.get(n) is None else d[n].toPython() for n in names) for d in result.dicts()]


def test_projects_citing_a_doc_number_in_any_bracket_spelling(loaded: KnowledgeGraph) -> None:
    result = loaded.named_query("projects_citing_doc_number", {"doc_number": "晋市财行【2025】103号"})
    assert _rows(result, "projectName", "agencyName", "year", "amount", "field", "docNumber") == [
        (
            "关于提前下达2026年中央解决特殊疑难信访问题资金",
            "泽州县信访局",
            2026,
            Decimal(90000),
            "legal_basis",
            "晋市财行〔2025〕103号",
        )
    ]
    result = loaded.named_query("projects_citing_doc_number", {"doc_number": "同财行[2019]36号"})
    assert _rows(result, "projectName", "amount", "field") == [
        ("Z信访工作经费", Decimal(1102000), "measures")
    ]


def test_projects_with_amount_year_and_region(loaded: KnowledgeGraph, corpus: list[Disclosure]) -> None:
    result = loaded.named_query("projects")
    assert len(result.rows) == sum(len(d.projects) for d in corpus)
    by_iri = {str(d["project"]): d for d in result.dicts()}
    weiwen = by_iri[PROJECT_WEIWEN_1]
    assert weiwen["name"] == Literal("Z维稳工作经费-1", lang="zh")
    assert weiwen["amount"].toPython() == Decimal(582000)
    assert weiwen["year"].toPython() == 2026
    assert str(weiwen["regionName"]) == "山西省大同市"
    assert str(weiwen["agencyName"]) == "大同市信访局"


def test_all_kpis_of_a_project_with_parsed_targets(loaded: KnowledgeGraph) -> None:
    result = loaded.named_query("project_kpis", {"project": PROJECT_WEIWEN_1})
    assert len(result.rows) == 12
    first = result.dicts()[0]
    assert str(first["name"]) == "重点疑难案件信访救助人次"
    assert (
        str(first["target"]),
        str(first["comparator"]),
        first["number"].toPython(),
        str(first["unit"]),
    ) == (
        "≥3次",
        "≥",
        Decimal(3),
        "次",
    )
    assert str(first["span"]).startswith(f"{DEFAULT_BASE_IRI}doc/{DATONG}#line=")
    assert {str(d["column"]) for d in result.dicts()} == {"implementation", "annual"}


def test_projects_with_the_regulations_they_cite(loaded: KnowledgeGraph) -> None:
    rows = _rows(loaded.named_query("projects_regulations"), "projectName", "field", "titles")
    lawyer = sorted((field, titles) for name, field, titles in rows if name == "Z律师服务费")
    assert lawyer == [
        ("legal_basis", "信访工作条例"),
        ("measures", "中华人民共和国政府采购法"),
        ("measures", "中华人民共和国预算法"),
    ]


def test_regulations_ranked_by_citing_projects(loaded: KnowledgeGraph) -> None:
    result = loaded.named_query("regulations_ranked")
    ranked = {str(d["title"]): (d["projects"].toPython(), d["agencies"].toPython()) for d in result.dicts()}
    assert ranked["信访工作条例"][0] == 2  # J网络维护费 and Z律师服务费 of 大同市信访局
    assert ranked["中华人民共和国预算法"][0] == 2
    counts = [d["projects"].toPython() for d in result.dicts()]
    assert counts == sorted(counts, reverse=True)


def test_budget_by_agency_year_and_functional_code(loaded: KnowledgeGraph) -> None:
    rows = _rows(
        loaded.named_query("budget_by_classification"), "agencyName", "year", "code", "name", "amount"
    )
    operations = {(a, y): (n, amount) for a, y, code, n, amount in rows if code == "2014001"}
    assert operations[("大同市信访局", 2026)] == ("行政运行", Decimal(4162700))
    assert operations[("泽州县信访局", 2026)] == ("行政运行", Decimal(2140300))


def test_projects_whose_kpis_mention_a_word(loaded: KnowledgeGraph) -> None:
    result = loaded.named_query("kpis_mentioning_word", {"word": "网络维护"})
    assert {"J网络使用维护费", "J网络维护费"} <= {str(d["projectName"]) for d in result.dicts()}
    assert all("网络维护" in str(d["kpiName"]) + str(d["target"]) for d in result.dicts())


def test_a_regulation_reached_from_two_documents(loaded: KnowledgeGraph) -> None:
    """《信访工作条例》: cited by 大同市信访局's projects, mentioned by 泽州县信访局 -- one node."""
    across = {str(d["regulation"]): d for d in loaded.named_query("regulations_across_documents").dicts()}
    assert across[str(REGULATION_XINFANG)]["documents"].toPython() >= 2
    # cited by number by 忻州市信访局, by title only by 大同市人民政府办公室: one node (identity)
    by_number = {str(d["docNumber"]): d["documents"].toPython() for d in across.values() if "docNumber" in d}
    assert by_number["晋财发〔2022〕35号"] == 2
    pairs = _rows(loaded.named_query("agencies_shared_regulation"), "title", "nameA", "nameB")
    assert any(t == "信访工作条例" and {a, b} == {"大同市信访局", "泽州县信访局"} for t, a, b in pairs)


def test_reingest_changes_nothing(loaded: KnowledgeGraph, corpus: list[Disclosure]) -> None:
    before = loaded.quad_count()
    assert [loaded.ingest(d).status for d in corpus] == ["unchanged"] * len(corpus)
    assert loaded.quad_count() == before


def test_an_edited_document_replaces_only_its_own_graph(loaded: KnowledgeGraph) -> None:
    doc = URIRef(f"{DEFAULT_BASE_IRI}doc/{ZEZHOU}")
    before = {q for q in loaded.store.quads() if q[3] != doc}
    edited = edited_disclosure(ZEZHOU, "信访案件办理业务费", "信访案件办理专项业务费")
    result = loaded.ingest(edited)
    assert (result.status, result.document) == ("replaced", doc)
    assert {q for q in loaded.store.quads() if q[3] != doc} == before
    names = {str(o) for _, _, o, g in loaded.store.quads() if g == doc}
    assert "信访案件办理专项业务费" in names and "信访案件办理业务费" not in names


def test_documents_list_their_provenance(loaded: KnowledgeGraph, corpus: list[Disclosure]) -> None:
    docs = loaded.documents()
    assert [d.file_name for d in docs] == sorted(d.doc for d in corpus)
    assert {d.file_name: d.sha256 for d in docs} == {d.doc: d.sha256 for d in corpus}
    assert sum(d.triples for d in docs) == loaded.quad_count()
    assert next(d for d in docs if d.file_name == ZEZHOU).agency == "泽州县信访局"


def _by_value(term: Node) -> object:
    """Turtle writes xsd:decimal 20 as the bare 20.0: same value, other lexical form."""
    return (term.datatype, term.toPython()) if isinstance(term, Literal) and term.datatype else term


RDFLIB_NQUADS_DEPRECATION = "ignore:Dataset.default_context is deprecated:DeprecationWarning"


@pytest.mark.filterwarnings(RDFLIB_NQUADS_DEPRECATION)  # raised inside rdflib's N-Quads parser
def test_export_reimports_with_the_same_quads(loaded: KnowledgeGraph) -> None:
    quads = set(loaded.store.quads())
    dataset = Dataset()
    dataset.parse(data=loaded.export("nq"), format="nquads")
    reimported = {(s, p, o, g.identifier) for g in dataset.graphs() for s, p, o in g}
    assert reimported == quads
    flat = Graph().parse(data=loaded.export("ttl"), format="turtle")
    assert {(s, p, _by_value(o)) for s, p, o in flat} == {(s, p, _by_value(o)) for s, p, o, _ in quads}


def test_validate_conforms_and_every_class_has_a_shape(loaded: KnowledgeGraph) -> None:
    report = loaded.validate()
    assert report.conforms, report.summary()
    shaped = {str(c) for c in load_shapes().objects(None, URIRef("http://www.w3.org/ns/shacl#targetClass"))}
    used = loaded.query("SELECT DISTINCT ?c WHERE { ?s a ?c }").column("c")
    assert {str(c) for c in used} <= shaped


def test_describe_a_project_and_a_regulation(loaded: KnowledgeGraph) -> None:
    page = loaded.describe(PROJECT_WEIWEN_1)
    project = URIRef(PROJECT_WEIWEN_1)
    amount = page.value(project, BKG.amount)
    assert page.value(amount, SDO.value).toPython() == Decimal(582000)
    assert len(list(page.objects(project, BKG.hasKpi))) == 12
    assert page.value(page.value(project, BKG.agency), RDFS.label) == Literal("大同市信访局", lang="zh")
    regulation = loaded.describe(str(REGULATION_XINFANG))
    citing = {
        str(regulation.value(s, RDFS.label)) for s in regulation.subjects(ELI.based_on, REGULATION_XINFANG)
    }
    assert citing == {"J网络维护费", "Z律师服务费"}


def test_queries_fail_clearly_and_parameters_are_escaped(loaded: KnowledgeGraph) -> None:
    with pytest.raises(QuerySyntaxError):
        loaded.query("SELECT * WHERE { ?s ?p ")
    before = loaded.quad_count()
    result = loaded.named_query("kpis_mentioning_word", {"word": '"))} } ; DROP ALL ; #'})
    assert result.rows == () and loaded.quad_count() == before
    with pytest.raises(QueryError):
        loaded.named_query("project_kpis", {"project": "http://x/> } DROP ALL"})
    with pytest.raises(QueryError):
        loaded.named_query("project_kpis", {})
    capped = loaded.query("SELECT ?s WHERE { ?s a <http://budgetkg.example.org/ontology#Kpi> }", limit=5)
    assert (len(capped.rows), capped.truncated) == (5, True)
