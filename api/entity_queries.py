"""The SPARQL behind the entity pages: one query per block of facts, ``$iri`` bound safely.

Queries see the union of the document graphs as their default graph (as every
``budgetkg.graph`` store gives it). Made for :mod:`budgetkg.api.entities`; nowhere else
assembles SPARQL for the API.

    >>> bind(KIND, "http://budgetkg.example.org/agency/x")  # doctest: +ELLIPSIS
    '...VALUES ?e { <http://budgetkg.example.org/agency/x> }...'
"""

from __future__ import annotations

from .text_query import iri_ref

PREFIXES = """PREFIX bkg: <http://budgetkg.example.org/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


def bind(query: str, iri: str) -> str:
    """``query`` with ``$iri`` replaced by the IRI written as a SPARQL term."""
    return PREFIXES + query.replace("$iri", iri_ref(iri))


KIND = """SELECT ?type WHERE { VALUES ?e { $iri } ?e a ?type }"""

PROJECT = """
SELECT ?label ?agency ?agencyLabel ?unit ?implementer ?year ?attribute ?period ?carry ?amount ?funding
       ?overview ?basis ?necessity ?measures ?plan ?goals WHERE {
  VALUES ?p { $iri }
  ?p a bkg:Project ; rdfs:label ?label .
  OPTIONAL { ?p bkg:agency ?agency OPTIONAL { ?agency rdfs:label ?agencyLabel } }
  OPTIONAL { ?p bkg:budgetUnit/rdfs:label ?unit }
  OPTIONAL { ?p bkg:implementingUnit ?implementer }
  OPTIONAL { ?p bkg:fiscalYear ?year }
  OPTIONAL { ?p bkg:projectAttribute ?attribute }
  OPTIONAL { ?p bkg:projectPeriod ?period }
  OPTIONAL { ?p bkg:carryOver ?carry }
  OPTIONAL { ?p bkg:amount/schema:value ?amount }
  OPTIONAL { ?p bkg:annualFunding/schema:value ?funding }
  OPTIONAL { ?p bkg:overview ?overview }
  OPTIONAL { ?p bkg:legalBasisText ?basis }
  OPTIONAL { ?p bkg:necessity ?necessity }
  OPTIONAL { ?p bkg:measuresText ?measures }
  OPTIONAL { ?p bkg:implementationPlan ?plan }
  OPTIONAL { ?p bkg:goals ?goals }
} LIMIT 1"""

SPANS = """SELECT DISTINCT ?doc ?file ?start ?end WHERE {
  $iri prov:wasDerivedFrom ?span . ?span dcterms:isPartOf ?doc ; bkg:startLine ?start ; bkg:endLine ?end .
  ?doc bkg:fileName ?file
} ORDER BY ?start ?end"""

ALT_LABELS = """SELECT DISTINCT ?alt WHERE { $iri skos:altLabel ?alt } ORDER BY ?alt"""

CITATIONS = """
SELECT ?c ?reg (MIN(?title) AS ?label) (MIN(?number) AS ?docNumber) ?field
       (MIN(?startLine) AS ?start) (MIN(?rawText) AS ?raw) WHERE {
  $iri bkg:hasCitation ?c .
  ?c bkg:citedRegulation ?reg ; bkg:citationField ?field .
  OPTIONAL { ?reg rdfs:label ?title }
  OPTIONAL { ?reg eli:id_local ?number }
  OPTIONAL { ?c bkg:rawText ?rawText }
  OPTIONAL { ?c prov:wasDerivedFrom/bkg:startLine ?startLine }
} GROUP BY ?c ?reg ?field ORDER BY ?start ?c"""

KPIS = """
SELECT ?k ?name ?level1 ?level2 ?column ?raw ?comparator ?number ?unit ?qualitative ?start WHERE {
  $iri bkg:hasKpi ?k . ?k rdfs:label ?name .
  OPTIONAL { ?k bkg:level1 ?level1 }
  OPTIONAL { ?k bkg:level2 ?level2 }
  OPTIONAL { ?k bkg:targetColumn ?column }
  OPTIONAL { ?k bkg:target ?t .
    OPTIONAL { ?t bkg:rawText ?raw }
    OPTIONAL { ?t bkg:comparator ?comparator }
    OPTIONAL { ?t bkg:targetNumber ?number }
    OPTIONAL { ?t schema:unitText ?unit }
    OPTIONAL { ?t bkg:qualitativeTarget ?qualitative } }
  OPTIONAL { ?k prov:wasDerivedFrom/bkg:startLine ?start }
}"""

AGENCY = """
SELECT ?label ?region ?parent ?parentLabel WHERE {
  VALUES ?a { $iri }
  ?a a org:FormalOrganization ; rdfs:label ?label .
  OPTIONAL { ?a schema:areaServed/rdfs:label ?region }
  OPTIONAL { ?a org:subOrganizationOf ?parent OPTIONAL { ?parent rdfs:label ?parentLabel } }
} LIMIT 1"""

AGENCY_DOCUMENTS = """
SELECT DISTINCT ?doc ?file ?label ?year ?total ?basic ?project ?three WHERE {
  ?doc a bkg:BudgetDocument ; bkg:agency $iri ; bkg:fileName ?file .
  OPTIONAL { ?doc rdfs:label ?label }
  OPTIONAL { ?doc bkg:fiscalYear ?year }
  OPTIONAL { ?doc bkg:budgetTotal/schema:value ?total }
  OPTIONAL { ?doc bkg:basicExpenditure/schema:value ?basic }
  OPTIONAL { ?doc bkg:projectExpenditure/schema:value ?project }
  OPTIONAL { ?doc bkg:threePublicExpenditure/schema:value ?three }
} ORDER BY DESC(?year) ?file"""

AGENCY_DUTIES = """SELECT DISTINCT ?duty ?text WHERE { $iri org:purpose ?duty . ?duty rdfs:label ?text }"""

AGENCY_UNITS = """
SELECT DISTINCT ?name WHERE {
  { ?doc bkg:agency $iri ; bkg:budgetUnit/rdfs:label ?name }
  UNION { ?u org:subOrganizationOf $iri ; rdfs:label ?name }
} ORDER BY ?name"""

AGENCY_DEPARTMENTS = """SELECT DISTINCT ?name WHERE { $iri org:hasUnit/rdfs:label ?name } ORDER BY ?name"""

AGENCY_FUNCTIONS = """
SELECT ?code ?year (MIN(?lineName) AS ?name) (MAX(?value) AS ?amount) WHERE {
  ?doc a bkg:BudgetDocument ; bkg:agency $iri ; bkg:hasBudgetLine ?line .
  OPTIONAL { ?doc bkg:fiscalYear ?year }
  ?line bkg:functionalClassification/skos:notation ?code ; rdfs:label ?lineName ; bkg:lineAmount ?cell .
  ?cell bkg:columnIndex 1 ; schema:value ?value .
} GROUP BY ?code ?year ORDER BY DESC(?year) ?code"""

AGENCY_PROJECTS = """
SELECT ?p (MIN(?name) AS ?label) (MIN(?y) AS ?year) (MIN(?value) AS ?amount)
       (COUNT(DISTINCT ?reg) AS ?citations) WHERE {
  ?p a bkg:Project ; bkg:agency $iri ; rdfs:label ?name .
  OPTIONAL { ?p bkg:fiscalYear ?y }
  OPTIONAL { ?p bkg:amount/schema:value ?value }
  OPTIONAL { ?p bkg:hasCitation/bkg:citedRegulation ?reg }
} GROUP BY ?p ORDER BY ?label"""

REGULATION = """
SELECT DISTINCT ?title ?number WHERE {
  VALUES ?r { $iri }
  ?r a eli:LegalResource .
  OPTIONAL { ?r rdfs:label ?title }
  OPTIONAL { ?r eli:id_local ?number }
} ORDER BY ?title"""

CITING_PROJECTS = """
SELECT DISTINCT ?p ?label ?field ?agency ?agencyLabel ?year ?amount WHERE {
  ?p a bkg:Project ; bkg:hasCitation ?c ; rdfs:label ?label .
  ?c bkg:citedRegulation $iri ; bkg:citationField ?field .
  OPTIONAL { ?p bkg:agency ?agency OPTIONAL { ?agency rdfs:label ?agencyLabel } }
  OPTIONAL { ?p bkg:fiscalYear ?year }
  OPTIONAL { ?p bkg:amount/schema:value ?amount }
} ORDER BY ?agencyLabel DESC(?year) ?label"""

MENTIONING_DOCUMENTS = """
SELECT DISTINCT ?doc ?label ?agency ?agencyLabel WHERE {
  ?doc a bkg:BudgetDocument ; bkg:hasCitation ?c .
  ?c bkg:citedRegulation $iri .
  OPTIONAL { ?doc rdfs:label ?label }
  OPTIONAL { ?doc bkg:agency ?agency OPTIONAL { ?agency rdfs:label ?agencyLabel } }
} ORDER BY ?label"""
