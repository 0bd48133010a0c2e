"""Dereferenceable entities (HTML, JSON-LD, Turtle by Accept), entity facts, source lines."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
import warnings

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from budgetkg.graph import KnowledgeGraph

from .conftest import BASE_IRI, LiveServer

REGULATION = BASE_IRI + "regulation/title/信访工作条例"
PROJECT = BASE_IRI + "project/山西省大同市/大同市信访局/2026/大同市信访局/Z维稳工作经费-1"
AGENCY = BASE_IRI + "agency/山西省大同市/大同市信访局"
ELI = "http://data.europa.eu/eli/ontology#"


def fetch(url: str, accept: str) -> tuple[str, bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.headers["Content-Type"], response.read()


def path_of(iri: str) -> str:
    return urllib.parse.quote(iri.removeprefix(BASE_IRI.rstrip("/")))


@pytest.mark.parametrize(
    ("accept", "rdf_format"),
    [("application/ld+json", "json-ld"), ("text/turtle", "turtle"), ("application/n-triples", "nt")],
)
def test_entity_iri_path_negotiates_rdf(live: LiveServer, accept: str, rdf_format: str) -> None:
    media, body = fetch(live.url + path_of(REGULATION), accept)
    assert media.startswith(accept)
    with warnings.catch_warnings():  # rdflib's JSON-LD parser uses its own deprecated ConjunctiveGraph
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        graph = Graph().parse(data=body, format=rdf_format)
    subject = URIRef(REGULATION)
    assert (subject, RDF.type, URIRef(ELI + "LegalResource")) in graph
    assert (subject, RDFS.label, Literal("信访工作条例", lang="zh")) in graph
    citing = {str(s) for s in graph.subjects(URIRef(ELI + "based_on"), subject)}
    assert {p.rsplit("/", 1)[-1] for p in citing} == {"J网络维护费", "Z律师服务费"}


def test_entity_iri_path_gives_html_to_browsers(live: LiveServer) -> None:
    media, body = fetch(live.url + path_of(REGULATION), "text/html,application/xhtml+xml,*/*;q=0.8")
    assert media.startswith("text/html")
    page = body.decode("utf-8")
    assert "信访工作条例" in page and "Z律师服务费" in page and "J网络维护费" in page


def test_entity_query_parameter_and_406(live: LiveServer) -> None:
    url = live.url + "/entity?" + urllib.parse.urlencode({"iri": PROJECT})
    media, body = fetch(url, "text/turtle")
    assert media.startswith("text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    assert (URIRef(PROJECT), RDFS.label, Literal("Z维稳工作经费-1", lang="zh")) in graph
    with pytest.raises(urllib.error.HTTPError) as error:
        fetch(url, "image/png")
    error.value.close()
    assert error.value.code == 406
    with pytest.raises(urllib.error.HTTPError) as missing:
        fetch(
            live.url + "/entity?" + urllib.parse.urlencode({"iri": BASE_IRI + "project/none"}), "text/turtle"
        )
    missing.value.close()
    assert missing.value.code == 404


def test_project_facts(live: LiveServer, reference: KnowledgeGraph) -> None:
    facts = live.get_json("/api/entity?" + urllib.parse.urlencode({"iri": PROJECT}))
    assert facts["kind"] == "project" and facts["label"] == "Z维稳工作经费-1"
    assert facts["agency"] == {"iri": AGENCY, "label": "大同市信访局"}
    assert facts["amount_wan"] == 58.2 and facts["year"] == 2026
    expected_kpis = reference.named_query("project_kpis", {"project": PROJECT})
    kpis = facts["kpis"]
    assert isinstance(kpis, list) and len(kpis) == len(expected_kpis.rows) > 3
    assert {k["name"] for k in kpis} == {str(n) for n in expected_kpis.column("name")}
    assert any(k["comparator"] and k["number"] is not None for k in kpis)
    source = facts["source"]
    assert isinstance(source, dict) and source["doc"] == "000_464361dc6483572d.txt"
    assert source["start"] <= source["end"] and len(source["lines"]) == source["end"] - source["start"] + 1
    assert any("维稳工作经费" in line["text"] for line in source["lines"])
    listed, table = facts["sources"]  # type: ignore[misc]
    assert listed == source and listed["end"] < table["start"]  # the list row, then the performance table
    table_text = "\n".join(line["text"] for line in table["lines"])
    assert "年度资金总额" in table_text and all(k["name"][:4] in table_text for k in kpis)


def test_regulation_facts_group_citing_projects(live: LiveServer, reference: KnowledgeGraph) -> None:
    facts = live.get_json("/api/entity?" + urllib.parse.urlencode({"iri": REGULATION}))
    assert facts["kind"] == "regulation" and facts["titles"] == ["信访工作条例"]
    groups = facts["citing"]
    assert isinstance(groups, list)
    assert [(g["agency"]["label"], g["year"]) for g in groups] == [("大同市信访局", 2026)]
    assert {p["label"] for p in groups[0]["projects"]} == {"J网络维护费", "Z律师服务费"}
    mentions = reference.query(
        "SELECT DISTINCT ?label WHERE { ?doc a <http://budgetkg.example.org/ontology#BudgetDocument> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?label ; <http://budgetkg.example.org/ontology#hasCitation>"
        f"/<http://budgetkg.example.org/ontology#citedRegulation> <{REGULATION}> }}"
    )
    expected = sorted(str(label) for label in mentions.column("label"))
    assert "大同市信访局 2026 预算" in expected
    assert sorted(d["label"] for d in facts["mentioned_by"]) == expected  # type: ignore[union-attr]
    agencies = {d["agency"]["label"] for d in facts["mentioned_by"]}  # type: ignore[index,union-attr]
    assert {"大同市信访局", "泽州县信访局"} <= agencies


def test_agency_facts(live: LiveServer, reference: KnowledgeGraph) -> None:
    facts = live.get_json("/api/entity?" + urllib.parse.urlencode({"iri": AGENCY}))
    assert facts["kind"] == "agency" and facts["region"] == "山西省大同市" and facts["years"] == [2026]
    projects = reference.query(
        f"SELECT ?p WHERE {{ ?p a <http://budgetkg.example.org/ontology#Project> ; "
        f"<http://budgetkg.example.org/ontology#agency> <{AGENCY}> }}"
    )
    assert {p["iri"] for p in facts["projects"]} == {str(p) for p in projects.column("p")}  # type: ignore[union-attr]
    assert len(facts["duties"]) >= 3  # type: ignore[arg-type]
    assert any(f["code"] == "2014001" for f in facts["functions"])  # type: ignore[union-attr]


def test_source_lines_and_unknown_documents(live: LiveServer) -> None:
    text = live.get_json("/api/source/000_464361dc6483572d.txt?from=3&to=4")
    assert text["start"] == 3 and [line["number"] for line in text["lines"]] == [3, 4]  # type: ignore[union-attr]
    assert "大同市信访局" in text["lines"][0]["text"]  # type: ignore[index]
    for bad in ("nope.txt", "..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd"):
        with pytest.raises(urllib.error.HTTPError) as error:
            live.get_json(f"/api/source/{bad}")
        with error.value:
            assert error.value.code == 404
            assert "passwd" not in error.value.read().decode()
