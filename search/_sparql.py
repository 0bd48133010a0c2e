"""The SPARQL the index builder asks of the graph, one query per kind of row.

Every pattern sits inside ``GRAPH ?g``: each source document is a named graph, so ``?g``
names the document a fact comes from (the index's ``sources``). ``{values}`` is replaced
by a ``VALUES`` block restricting the entity variable, or by nothing for a full build.
"""

from __future__ import annotations

PREFIXES = """\
PREFIX bkg: <http://budgetkg.example.org/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

# Entities that live in the given documents (incremental updates): ?e with its kind.
ENTITIES_OF = """
SELECT DISTINCT ?e ?kind WHERE {{
  {values}
  GRAPH ?g {{
    {{ ?e a bkg:Project . BIND("project" AS ?kind) }}
    UNION {{ ?e a eli:LegalResource . BIND("regulation" AS ?kind) }}
    UNION {{ ?e a org:FormalOrganization . BIND("agency" AS ?kind) }}
    UNION {{ ?owner bkg:hasKpi ?e . BIND("kpi" AS ?kind) }}
  }}
}}"""

PROJECTS = """
SELECT ?g ?e ?label ?year ?agency ?region ?yuan ?overview ?goals ?basis ?implementer ?unit WHERE {{
  {values}
  GRAPH ?g {{
    ?e a bkg:Project ; rdfs:label ?label .
    OPTIONAL {{ ?e bkg:fiscalYear ?year }}
    OPTIONAL {{ ?e bkg:agency ?a . ?a rdfs:label ?agency .
               OPTIONAL {{ ?a schema:areaServed/rdfs:label ?region }} }}
    OPTIONAL {{ ?e bkg:amount/schema:value ?yuan }}
    OPTIONAL {{ ?e bkg:overview ?overview }}
    OPTIONAL {{ ?e bkg:goals ?goals }}
    OPTIONAL {{ ?e bkg:legalBasisText ?basis }}
    OPTIONAL {{ ?e bkg:implementingUnit ?implementer }}
    OPTIONAL {{ ?e bkg:budgetUnit/rdfs:label ?unit }}
  }}
}}"""

PROJECT_NAMES = """
SELECT ?e ?name WHERE {{
  {values}
  GRAPH ?g {{ ?e a bkg:Project ; skos:altLabel ?name }}
}}"""

# KPIs of projects (?owner a project) and of whole documents (?owner a budget document).
KPIS = """
SELECT ?g ?e ?owner ?ownerKind ?label ?level1 ?level2 ?raw WHERE {{
  {values}
  GRAPH ?g {{
    ?owner bkg:hasKpi ?e . ?e rdfs:label ?label .
    {{ ?owner a bkg:Project . BIND("project" AS ?ownerKind) }}
    UNION {{ ?owner a bkg:BudgetDocument . BIND("document" AS ?ownerKind) }}
    OPTIONAL {{ ?e bkg:level1 ?level1 }}
    OPTIONAL {{ ?e bkg:level2 ?level2 }}
    OPTIONAL {{ ?e bkg:target/bkg:rawText ?raw }}
  }}
}}"""

REGULATIONS = """
SELECT ?g ?e ?label ?number ?issuer ?year WHERE {{
  {values}
  GRAPH ?g {{
    ?e a eli:LegalResource ; rdfs:label ?label .
    OPTIONAL {{ ?e eli:id_local ?number }}
    OPTIONAL {{ ?e bkg:docNumberIssuer ?issuer }}
    OPTIONAL {{ ?e bkg:docNumberYear ?year }}
  }}
}}"""

# Who cites a regulation: project labels (or the document's own label for mentions).
CITERS = """
SELECT ?e ?citer WHERE {{
  {values}
  GRAPH ?g {{ ?owner bkg:hasCitation/bkg:citedRegulation ?e . ?owner rdfs:label ?citer }}
}}"""

AGENCIES = """
SELECT ?g ?e ?label ?region ?parent WHERE {{
  {values}
  GRAPH ?g {{
    ?e a org:FormalOrganization ; rdfs:label ?label .
    OPTIONAL {{ ?e org:subOrganizationOf ?p . ?p rdfs:label ?parent }}
    OPTIONAL {{ ?e (org:subOrganizationOf?)/schema:areaServed/rdfs:label ?region }}
  }}
}}"""

DUTIES = """
SELECT ?e ?duty WHERE {{
  {values}
  GRAPH ?g {{ ?e org:purpose/rdfs:label ?duty }}
}}"""

# The agency, region and year of a KPI's owner (project or document).
OWNERS = """
SELECT ?owner ?label ?year ?agency ?region WHERE {{
  {values}
  GRAPH ?g {{
    OPTIONAL {{ ?owner rdfs:label ?label }}
    OPTIONAL {{ ?owner bkg:fiscalYear ?year }}
    OPTIONAL {{ ?owner bkg:agency ?a . ?a rdfs:label ?agency .
               OPTIONAL {{ ?a schema:areaServed/rdfs:label ?region }} }}
  }}
}}"""


def values_block(variable: str, iris: list[str] | None) -> str:
    """A VALUES block binding ``?variable`` to ``iris`` (nothing when ``iris`` is None).

    >>> values_block("g", ["http://x/doc/a"])
    'VALUES ?g { <http://x/doc/a> }'
    >>> values_block("e", None)
    ''
    """
    if iris is None:
        return ""
    return f"VALUES ?{variable} {{ {' '.join(f'<{iri}>' for iri in iris)} }}"
