"""The budgetkg ontology and its SHACL shapes, shipped as Turtle beside this module.

``budget.ttl`` is the OWL ontology (namespace :data:`BKG_NS`), ``shapes.ttl`` the SHACL
shapes every graph written by :mod:`budgetkg.graph` conforms to. ``budgetkg.graph.vocab`` is
generated from ``budget.ttl`` by :mod:`budgetkg.ontology.codegen`.

    >>> len(load_ontology()) > 100
    True
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

BKG_NS = "http://budgetkg.example.org/ontology#"
ELI_NS = "http://data.europa.eu/eli/ontology#"
ONTOLOGY_PATH = Path(__file__).with_name("budget.ttl")
SHAPES_PATH = Path(__file__).with_name("shapes.ttl")


def load_ontology() -> Graph:
    """The ontology as a fresh rdflib graph (callers may modify it)."""
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


def load_shapes() -> Graph:
    """The SHACL shapes as a fresh rdflib graph."""
    return Graph().parse(SHAPES_PATH, format="turtle")


__all__ = ["BKG_NS", "ELI_NS", "ONTOLOGY_PATH", "SHAPES_PATH", "load_ontology", "load_shapes"]
