"""Closed namespaces generated from ontology/budget.ttl; do not edit.

Regenerate with ``python -m budgetkg.ontology.codegen``.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class BKG(DefinedNamespace):
    """The budgetkg ontology (ontology/budget.ttl)."""

    _fail = True

    # classes
    BudgetDocument: URIRef  # budget document
    BudgetLine: URIRef  # budget line
    Citation: URIRef  # citation
    Duty: URIRef  # duty
    Kpi: URIRef  # performance indicator
    Project: URIRef  # budget project
    TextSpan: URIRef  # text span

    # properties
    actualStaff: URIRef  # actual staff
    agency: URIRef  # agency
    amount: URIRef  # amount
    annualFunding: URIRef  # annual funding
    authorizedStaff: URIRef  # authorized staff
    basicExpenditure: URIRef  # basic expenditure
    budgetTable: URIRef  # budget table
    budgetTotal: URIRef  # budget total
    budgetUnit: URIRef  # budget unit
    carryOver: URIRef  # carried over
    citationField: URIRef  # citation field
    citedRegulation: URIRef  # cited regulation
    columnIndex: URIRef  # column index
    comparator: URIRef  # comparator
    docNumberIssuer: URIRef  # document number issuer
    docNumberSerial: URIRef  # document number serial
    docNumberYear: URIRef  # document number year
    documentKind: URIRef  # document kind
    economicClassification: URIRef  # economic classification
    endLine: URIRef  # end line
    fileName: URIRef  # file name
    fiscalYear: URIRef  # fiscal year
    functionalClassification: URIRef  # functional classification
    goals: URIRef  # goals
    hasBudgetLine: URIRef  # has budget line
    hasCitation: URIRef  # has citation
    hasKpi: URIRef  # has KPI
    hasProject: URIRef  # has project
    implementationPlan: URIRef  # implementation plan
    implementingUnit: URIRef  # implementing unit
    legalBasisText: URIRef  # legal basis text
    level1: URIRef  # level-1 indicator
    level2: URIRef  # level-2 indicator
    lineAmount: URIRef  # column amount
    lineCount: URIRef  # line count
    mappingVersion: URIRef  # mapping version
    measuresText: URIRef  # measures text
    nameAsWritten: URIRef  # name as written
    nameTruncated: URIRef  # name truncated
    necessity: URIRef  # necessity
    overview: URIRef  # overview
    projectAttribute: URIRef  # project attribute
    projectExpenditure: URIRef  # project expenditure
    projectPeriod: URIRef  # project period
    qualitativeTarget: URIRef  # qualitative target
    rawText: URIRef  # raw text
    sha256: URIRef  # SHA-256 digest
    startLine: URIRef  # start line
    target: URIRef  # target
    targetColumn: URIRef  # target column
    targetNumber: URIRef  # target number
    threePublicExpenditure: URIRef  # three public expenses
    titleKey: URIRef  # title key

    # individuals
    economicCodes: URIRef  # economic classification of expenditure
    functionalCodes: URIRef  # functional classification of government expenditure

    _NS = Namespace("http://budgetkg.example.org/ontology#")


class ELI(DefinedNamespace):
    """The ELI terms budgetkg uses (European Legislation Identifier ontology)."""

    _fail = True

    # classes
    LegalResource: URIRef  # a regulation or official document: one node per document number, else per no...

    # properties
    based_on: URIRef  # a project's formal legal basis (立项依据)
    cites: URIRef  # a citation in a project's measures (制度措施)
    id_local: URIRef  # the document number, e.g. 晋市财行〔2025〕103号

    _NS = Namespace("http://data.europa.eu/eli/ontology#")
