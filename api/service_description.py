"""The SPARQL 1.1 Service Description of /sparql (answered to a GET without a query).

>>> g = service_description("http://127.0.0.1:8000/sparql", ["http://x/doc/a.txt"])
>>> len(list(g.subjects(predicate=SD.endpoint)))
1
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS

from .text_query import TEXT_QUERY

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
_RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV")
_GRAPH_FORMATS = ("Turtle", "N-Triples", "JSON-LD", "RDF_XML")


def service_description(endpoint: str, named_graphs: Iterable[str]) -> Graph:
    """The description: endpoint, language, formats, features and the dataset's named graphs."""
    g = Graph()
    g.bind("sd", SD)
    g.bind("fmt", FORMATS)
    service = BNode("service")
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, URIRef(endpoint)))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    g.add((service, SD.propertyFeature, URIRef(TEXT_QUERY)))
    g.add(
        (
            service,
            RDFS.comment,
            Literal(
                "Read-only: SPARQL Update, SERVICE and LOAD are refused. Queries run under a time limit and a "
                "result cap. text:query (Jena's full-text property function) searches the full-text index.",
                lang="en",
            ),
        )
    )
    for name in (*_RESULT_FORMATS, *_GRAPH_FORMATS):
        g.add((service, SD.resultFormat, FORMATS[name]))
    dataset = BNode("dataset")
    default_graph = BNode("default")
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default_graph))
    g.add((default_graph, RDF.type, SD.Graph))
    g.add((default_graph, RDFS.comment, Literal("the union of all named graphs", lang="en")))
    for i, name in enumerate(named_graphs):
        node = BNode(f"graph{i}")
        g.add((dataset, SD.namedGraph, node))
        g.add((node, RDF.type, SD.NamedGraph))
        g.add((node, SD.name, URIRef(name)))
    return g
