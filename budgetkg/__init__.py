"""budgetkg: a knowledge graph and search service over Chinese budget disclosures.

The stages live in sub-packages and data flows one way:

    budgetkg.ingest   text -> typed records (no RDF)
    budgetkg.graph    records -> RDF in a store (no HTTP)
    budgetkg.search   full-text index built from the graph
    budgetkg.api      SPARQL protocol, search, entity pages, web UI
"""

__version__ = "0.1.0"
