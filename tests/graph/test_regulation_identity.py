"""One regulation, one node: by document number or by title key, whatever the ingest order.

The sample corpus cites 《山西省部门政府购买服务指导性目录》 three ways: 忻州市信访局's document
by number as the notice issuing it (晋财发〔2022〕35号 山西省财政厅关于印发〈…〉), 大同市人民政府办公室's
by its title only. And it cites two notices of one title under two numbers
(国信发〔2017〕1号, 晋信发〔2017〕1号), which must stay two regulations.
"""

from __future__ import annotations

from rdflib import URIRef

from budgetkg.config import DEFAULT_BASE_IRI
from budgetkg.graph import KnowledgeGraph, Minter, OxigraphStore
from budgetkg.graph.identity import RegulationResolver
from budgetkg.ingest import Citation, Disclosure, DocNumber, Span

from .corpus_edits import edited_disclosure

XINZHOU = "001_34c390cb4101060c.txt"
DATONG_OFFICE = "003_deaa44338587c890.txt"
CATALOGUE_NUMBER = "晋财发〔2022〕35号"
CATALOGUE_TITLE = "山西省部门政府购买服务指导性目录"
CATALOGUE_NOTICE = "山西省财政厅关于印发《山西省部门政府购买服务指导性目录》"
XINZHOU_RULES = "忻办字〔2019〕73号"
VIDEO_NOTICE = "国家信访局关于建设国家信访局视频会议系统有关事项"

KEYS_OF_NODES = """
PREFIX bkg: <http://budgetkg.example.org/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
SELECT ?r ?key (COUNT(DISTINCT ?g) AS ?docs) WHERE {
  GRAPH ?g { ?r a eli:LegalResource . { ?r eli:id_local ?key } UNION { ?r bkg:titleKey ?key } }
} GROUP BY ?r ?key"""


def _partition(kg: KnowledgeGraph) -> tuple[set[frozenset[str]], dict[str, URIRef]]:
    """The regulation nodes as sets of their keys, and the node of every key held by one node."""
    blocks: dict[URIRef, set[str]] = {}
    nodes_of: dict[str, set[URIRef]] = {}
    for r, key, _ in kg.query(KEYS_OF_NODES).rows:
        blocks.setdefault(URIRef(r), set()).add(str(key))
        nodes_of.setdefault(str(key), set()).add(URIRef(r))
    shared = {key: nodes for key, nodes in nodes_of.items() if len(nodes) > 1}
    assert shared == {VIDEO_NOTICE: nodes_of["国信发〔2017〕1号"] | nodes_of["晋信发〔2017〕1号"]}
    node_of = {key: next(iter(nodes)) for key, nodes in nodes_of.items() if len(nodes) == 1}
    return {frozenset(b) for b in blocks.values()}, node_of


def _documents_citing(kg: KnowledgeGraph, regulation: URIRef) -> set[str]:
    rows = kg.query(
        f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?c <http://budgetkg.example.org/ontology#citedRegulation> "
        f"<{regulation}> }} }}"
    ).rows
    return {str(g).rsplit("/", 1)[-1] for (g,) in rows}


def test_number_title_and_issuing_notice_meet_on_one_node_in_either_order(corpus: list[Disclosure]) -> None:
    partitions = []
    for order in (corpus, corpus[::-1]):
        kg = KnowledgeGraph(OxigraphStore())
        for disclosure in order:
            kg.ingest(disclosure)
        blocks, node_of = _partition(kg)
        catalogue = node_of[CATALOGUE_TITLE]
        assert node_of[CATALOGUE_NUMBER] == node_of[CATALOGUE_NOTICE] == catalogue
        assert _documents_citing(kg, catalogue) == {XINZHOU, DATONG_OFFICE}
        assert node_of["忻州市信访局职能配置、内设机构和人员编制规定"] == node_of[XINZHOU_RULES]
        assert node_of["国信发〔2017〕1号"] != node_of["晋信发〔2017〕1号"]  # one title, two numbers
        partitions.append(blocks)
        if order is not corpus:  # title-minted IRIs now carry numbers: still one eli:id_local each
            assert kg.validate().conforms
        kg.close()
    assert partitions[0] == partitions[1]
    assert frozenset({CATALOGUE_NUMBER, CATALOGUE_NOTICE, CATALOGUE_TITLE}) in partitions[0]


def test_a_changed_document_keeps_citing_the_shared_node_and_touches_no_other_graph(
    corpus: list[Disclosure],
) -> None:
    kg = KnowledgeGraph(OxigraphStore())
    for disclosure in corpus[::-1]:  # the title-only document first: it mints the node
        kg.ingest(disclosure)
    catalogue = _partition(kg)[1][CATALOGUE_TITLE]
    doc = URIRef(f"{DEFAULT_BASE_IRI}doc/{DATONG_OFFICE}")
    others = {q for q in kg.store.quads() if q[3] != doc}
    edited = edited_disclosure(DATONG_OFFICE, "十二、其他说明", "十二、其它说明")
    assert kg.ingest(edited).status == "replaced"
    assert {q for q in kg.store.quads() if q[3] != doc} == others
    assert _partition(kg)[1][CATALOGUE_TITLE] == catalogue
    assert _documents_citing(kg, catalogue) == {XINZHOU, DATONG_OFFICE}
    before = kg.quad_count()
    assert kg.ingest(edited).status == "unchanged" and kg.quad_count() == before


def test_resolver_rules_on_corpus_citations() -> None:
    minter = Minter(DEFAULT_BASE_IRI)
    number = DocNumber(CATALOGUE_NUMBER, "晋财发", 2022, 35)
    notice = Citation(
        "山西省财政厅关于印发〈山西省部门政府购买服务指导性目录〉", number, "measures", Span(5, 5)
    )
    title_only = Citation(CATALOGUE_TITLE, None, "mention", Span(837, 837))
    # a title-only mention before the numbered citation in one document joins the numbered node
    resolved = RegulationResolver(minter).resolve_all([title_only, notice])
    assert resolved[title_only] == resolved[notice] == minter.regulation(notice)
    # a node another document minted by title is reused by a later numbered citation
    title_node = minter.regulation(title_only)
    known = [(title_node, "title", CATALOGUE_TITLE, None)]
    assert RegulationResolver(minter, known).resolve(notice) == title_node
    # ... unless that node already carries another number
    taken = [(title_node, "title", CATALOGUE_TITLE, "晋财发〔2021〕1号")]
    assert RegulationResolver(minter, taken).resolve(notice) == minter.regulation(notice)
    assert str(minter.regulation(notice)).endswith(f"regulation/number/{CATALOGUE_NUMBER}")
