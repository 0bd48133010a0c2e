"""/sparql against a live server with real clients: SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

import csv
import io
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import to_isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

from budgetkg.graph import KnowledgeGraph

from .conftest import QUERY_TIMEOUT_S, STABILITY_PROJECTS, LiveServer

PROJECT_AMOUNTS = """PREFIX bkg: <http://budgetkg.example.org/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
SELECT ?project ?name ?yuan WHERE {
  ?project a bkg:Project ; rdfs:label ?name ; bkg:amount/schema:value ?yuan
}"""
REGULATION_GRAPH = """PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT { ?r a eli:LegalResource ; rdfs:label ?t } WHERE { ?r a eli:LegalResource ; rdfs:label ?t }"""
TEXT_QUERY = """PREFIX text: <http://jena.apache.org/text#>
PREFIX bkg: <http://budgetkg.example.org/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?project ?name ?regulation WHERE {
  ?project text:query "%s" ; a bkg:Project ; rdfs:label ?name .
  OPTIONAL { ?project bkg:hasCitation/bkg:citedRegulation/rdfs:label ?regulation }
}"""
EXPLOSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def rows_of(graph: KnowledgeGraph, query: str) -> set[tuple[str, ...]]:
    result = graph.query(query)
    return {tuple("" if t is None else str(t) for t in row) for row in result.rows}


def wrapper(live: LiveServer, query: str, fmt: str, method: str = "GET") -> Any:
    client = SPARQLWrapper(live.url + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    client.setTimeout(30)
    return client.queryAndConvert()


def test_select_as_json_xml_and_csv_equals_in_process(live: LiveServer, reference: KnowledgeGraph) -> None:
    expected = rows_of(reference, PROJECT_AMOUNTS)
    assert len(expected) > 50  # every project of the sample corpus with its amount

    as_json = wrapper(live, PROJECT_AMOUNTS, JSON)
    json_rows = {
        (b["project"]["value"], b["name"]["value"], b["yuan"]["value"])
        for b in as_json["results"]["bindings"]
    }
    assert json_rows == expected

    as_xml = wrapper(live, PROJECT_AMOUNTS, XML, method="POST")
    xml_rows = set()
    for result in as_xml.getElementsByTagName("result"):
        cells = {
            b.getAttribute("name"): b.firstChild.firstChild.data
            for b in result.getElementsByTagName("binding")
        }
        xml_rows.add((cells["project"], cells["name"], cells["yuan"]))
    assert xml_rows == expected

    as_csv = wrapper(live, PROJECT_AMOUNTS, CSV).decode("utf-8")
    csv_rows = list(csv.reader(io.StringIO(as_csv)))
    assert csv_rows[0] == ["project", "name", "yuan"]
    assert {tuple(r) for r in csv_rows[1:]} == expected


def test_construct_as_turtle_equals_in_process(live: LiveServer, reference: KnowledgeGraph) -> None:
    turtle = wrapper(live, REGULATION_GRAPH, TURTLE)
    remote = Graph().parse(data=turtle, format="turtle")
    local = reference.query(REGULATION_GRAPH).graph
    assert local is not None and len(local) > 20
    assert to_isomorphic(remote) == to_isomorphic(local)
    assert (URIRef("http://budgetkg.example.org/regulation/title/信访工作条例"), None, None) in remote


def test_rdflib_sparqlstore_gets_the_same_rows(live: LiveServer, reference: KnowledgeGraph) -> None:
    store = Graph(SPARQLStore(live.url + "/sparql", returnFormat="json"))
    remote = {tuple(str(t) for t in row) for row in store.query(PROJECT_AMOUNTS)}  # type: ignore[union-attr]
    assert remote == rows_of(reference, PROJECT_AMOUNTS)
    ask = store.query("ASK { ?r <http://www.w3.org/2000/01/rdf-schema#label> '信访工作条例'@zh }")
    assert ask.askAnswer is True


def _status(live: LiveServer, query: str, **extra: str) -> tuple[int, str]:
    data = urllib.parse.urlencode({"query": query, **extra}).encode()
    request = urllib.request.Request(live.url + "/sparql", data=data)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.read().decode()


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("INSERT DATA { GRAPH <http://x/g> { <http://x/a> <http://x/b> 'c' } }", "INSERT DATA"),
        ("DELETE WHERE { ?s ?p ?o }", "DELETE WHERE"),
        ("LOAD <http://example.org/data.ttl>", "LOAD"),
        ("DROP ALL", "DROP"),
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT <http://e.org/q> { ?o ?x ?y } } }", "SERVICE"),
    ],
)
def test_update_service_and_load_are_refused_and_change_nothing(
    live: LiveServer, query: str, says: str
) -> None:
    before = live.quads()
    status, body = _status(live, query)
    assert status == 403
    assert says in body and ("read-only" in body or "no requests" in body)
    assert live.quads() == before


def test_update_parameter_and_media_type_are_refused(live: LiveServer) -> None:
    before = live.quads()
    data = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
    with pytest.raises(urllib.error.HTTPError) as form:
        urllib.request.urlopen(urllib.request.Request(live.url + "/sparql", data=data), timeout=30)
    form.value.close()
    assert form.value.code == 403
    request = urllib.request.Request(
        live.url + "/sparql", data=b"DROP ALL", headers={"Content-Type": "application/sparql-update"}
    )
    with pytest.raises(urllib.error.HTTPError) as body:
        urllib.request.urlopen(request, timeout=30)
    body.value.close()
    assert body.value.code == 403
    assert live.quads() == before


def test_explosive_query_stops_at_the_time_limit_while_others_are_answered(live: LiveServer) -> None:
    outcome: dict[str, Any] = {}

    def explode() -> None:
        started = time.monotonic()
        outcome["status"], outcome["body"] = _status(live, EXPLOSIVE)
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=explode)
    thread.start()
    time.sleep(0.3)
    answered = []
    while thread.is_alive():  # the server keeps answering search and SPARQL meanwhile
        search = live.get_json("/search?q=" + urllib.parse.quote("维稳经费"))
        status, body = _status(live, "ASK { ?s a <http://budgetkg.example.org/ontology#Project> }")
        answered.append((search["total"], status, '"boolean": true' in body or '"boolean":true' in body))
        time.sleep(0.2)
    thread.join()
    assert outcome["status"] == 503
    assert "time limit" in outcome["body"]
    assert QUERY_TIMEOUT_S <= outcome["seconds"] < QUERY_TIMEOUT_S + 5
    assert answered and all(total >= 4 and status == 200 and ok for total, status, ok in answered)
    status, body = _status(
        live, "SELECT (COUNT(*) AS ?n) WHERE { ?s a <http://budgetkg.example.org/ontology#Project> }"
    )
    assert status == 200 and '"n"' in body  # a fresh worker took the killed one's place


def test_text_query_returns_stability_projects_with_their_citations(
    live: LiveServer, reference: KnowledgeGraph
) -> None:
    result = wrapper(live, TEXT_QUERY % "维稳经费", JSON)
    rows = {(b["name"]["value"], b.get("regulation", {}).get("value")) for b in result["results"]["bindings"]}
    names = {name for name, _ in rows}
    assert names >= STABILITY_PROJECTS
    cited = rows_of(
        reference,
        TEXT_QUERY.replace('?project text:query "%s" ;', "VALUES ?name { %s } ?project")
        % " ".join(f'"{n}"@zh' for n in names),
    )
    assert {(name, regulation or "") for name, regulation in rows} == {(r[1], r[2]) for r in cited}

    lawyers = wrapper(live, TEXT_QUERY % "律师服务费", JSON)["results"]["bindings"]
    assert ("Z律师服务费", "信访工作条例") in {
        (b["name"]["value"], b["regulation"]["value"]) for b in lawyers if "regulation" in b
    }


def test_text_query_with_score_and_limit(live: LiveServer) -> None:
    query = """PREFIX text: <http://jena.apache.org/text#>
    SELECT ?project ?score WHERE { (?project ?score) text:query ("维稳经费" 2) } ORDER BY DESC(?score)"""
    bindings = wrapper(live, query, JSON)["results"]["bindings"]
    assert len(bindings) == 2
    assert float(bindings[0]["score"]["value"]) >= float(bindings[1]["score"]["value"]) > 0


def test_dataset_parameters_restrict_the_default_graph(live: LiveServer, reference: KnowledgeGraph) -> None:
    doc = "http://budgetkg.example.org/doc/000_464361dc6483572d.txt"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    status, body = _status(live, count, **{"default-graph-uri": doc})
    expected = reference.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{doc}> {{ ?s ?p ?o }} }}").rows[0][0]
    assert status == 200 and f'"value": "{expected}"' in body.replace('":"', '": "')
    assert int(str(expected)) < live.quads()


def test_service_description_without_query(live: LiveServer) -> None:
    with urllib.request.urlopen(live.url + "/sparql", timeout=30) as response:
        assert response.headers["Content-Type"].startswith("text/turtle")
        description = Graph().parse(data=response.read(), format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (None, URIRef(sd + "endpoint"), URIRef(live.url + "/sparql")) in description
    assert (None, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Query")) in description
    assert len(list(description.objects(None, URIRef(sd + "name")))) == 5  # the five document graphs


def test_malformed_query_gets_400_with_the_parser_message(live: LiveServer) -> None:
    status, body = _status(live, "SELECT * WHERE { ?s ?p }")
    assert status == 400
    assert json.loads(body)["message"].startswith("malformed SPARQL query: Expected")
