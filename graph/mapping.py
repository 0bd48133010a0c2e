"""Records to triples: one :class:`~budgetkg.ingest.Disclosure` becomes one document graph.

Guarantees:

* pure and deterministic: the same disclosure, ingest time and regulation resolver (see
  ``identity``) give the same triples;
* self-contained: the graph holds every triple read from its document, including its view of
  shared nodes (agency, region, regulations, classification codes). Shared nodes therefore
  survive when another document's graph is replaced, and the union of all graphs is the
  knowledge graph;
* no blank nodes: amounts, targets and citations get IRIs under their owner (see ``iris``);
* amounts are ``schema:MonetaryAmount`` in yuan with currency CNY, whatever the document's
  unit; decimals are written in canonical form so every store returns them unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from rdflib import DCTERMS, ORG, PROV, RDF, RDFS, SDO, SKOS, XSD, Literal, Node, URIRef

from budgetkg.ingest import BudgetLine, Citation, Disclosure, Kpi, Project, Region, Span

from .identity import RegulationKeys, RegulationResolver, citations_of
from .iris import Minter
from .vocab import BKG, ELI

MAPPING_VERSION = "2"  # bump when the triples of a document change: stored graphs are re-mapped
Triple = tuple[Node, Node, Node]

_CITATION_RELATION = {"legal_basis": ELI.based_on, "measures": ELI.cites, "mention": DCTERMS.references}
_MIN_COMPARATORS = ("≥", ">")
_MAX_COMPARATORS = ("≤", "<")
_WAN = Decimal(10000)


def canonical_decimal(value: float | Decimal) -> Literal:
    """An ``xsd:decimal`` literal in canonical form (no exponent, no trailing zeros).

    >>> canonical_decimal(56000.0)
    rdflib.term.Literal('56000', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal'))
    >>> str(canonical_decimal(Decimal("9548.780")))
    '9548.78'
    """
    number = Decimal(str(value)) if isinstance(value, float) else value
    text = format(number.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return Literal(text if text not in ("-0", "") else "0", datatype=XSD.decimal)


def wan_to_yuan(wan: float) -> Decimal:
    """万元 to 元, exactly as the decimal the document wrote.

    >>> wan_to_yuan(5.6)
    Decimal('56000.0')
    """
    return Decimal(str(wan)) * _WAN


def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


@dataclass
class DocumentGraph:
    """The triples of one document, ready for the store (made by :func:`map_disclosure`)."""

    iri: URIRef
    file_name: str
    sha256: str
    triples: list[Triple] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # records that could not be mapped, with why


class _Mapper:
    def __init__(self, disclosure: Disclosure, minter: Minter, resolver: RegulationResolver) -> None:
        self.d = disclosure
        self.regulations = resolver.resolve_all(citations_of(disclosure))
        self.m = minter
        self.doc = minter.document(disclosure.doc)
        self.out = DocumentGraph(self.doc, disclosure.doc, disclosure.sha256)
        self.agency = minter.agency(disclosure.region, disclosure.agency)
        self._seen: set[URIRef] = set()

    def add(self, s: Node, p: Node, o: Node | None) -> None:
        if o is not None:
            self.out.triples.append((s, p, o))

    def text(self, s: URIRef, p: URIRef, value: str | None) -> None:
        if value and value.strip():
            self.add(s, p, _zh(value.strip()))

    def money(self, owner: URIRef, prop: URIRef, node: URIRef, yuan: Decimal) -> None:
        self.add(owner, prop, node)
        self.add(node, RDF.type, SDO.MonetaryAmount)
        self.add(node, SDO.value, canonical_decimal(yuan))
        self.add(node, SDO.currency, Literal("CNY"))

    def provenance(self, entity: URIRef, span: Span) -> None:
        span_iri = self.m.span(self.doc, span)
        self.add(entity, PROV.wasDerivedFrom, span_iri)
        self.add(entity, PROV.hadPrimarySource, self.doc)
        if span_iri not in self._seen:
            self._seen.add(span_iri)
            self.add(span_iri, RDF.type, BKG.TextSpan)
            self.add(span_iri, DCTERMS.isPartOf, self.doc)
            self.add(span_iri, BKG.startLine, Literal(span.start))
            self.add(span_iri, BKG.endLine, Literal(span.end))

    # ------------------------------------------------------------------ document and agency

    def document(self, ingested_at: datetime) -> None:
        d, doc = self.d, self.doc
        self.add(doc, RDF.type, BKG.BudgetDocument)
        label = " ".join(str(p) for p in (d.agency, d.year, d.kind) if p)
        self.add(doc, RDFS.label, _zh(label))
        self.add(doc, BKG.fileName, Literal(d.doc))
        self.add(doc, BKG.sha256, Literal(d.sha256))
        self.add(doc, BKG.documentKind, Literal(d.kind))
        self.add(doc, BKG.agency, self.agency)
        if d.year is not None:
            self.add(doc, BKG.fiscalYear, Literal(d.year))
        if d.line_count:
            self.add(doc, BKG.lineCount, Literal(d.line_count))
        if d.staff.authorized is not None:
            self.add(doc, BKG.authorizedStaff, Literal(d.staff.authorized))
        if d.staff.actual is not None:
            self.add(doc, BKG.actualStaff, Literal(d.staff.actual))
        for prop, wan in (
            (BKG.budgetTotal, d.budget_total_wan),
            (BKG.basicExpenditure, d.basic_expenditure_wan),
            (BKG.projectExpenditure, d.project_expenditure_wan),
            (BKG.threePublicExpenditure, d.three_public_wan),
        ):
            if wan is not None:
                self.money(doc, prop, self.m.part(doc, "amount", prop.split("#")[-1]), wan_to_yuan(wan))
        activity = self.m.part(doc, "ingest", 1)
        self.add(activity, RDF.type, PROV.Activity)
        self.add(activity, PROV.used, doc)
        self.add(
            activity,
            PROV.endedAtTime,
            Literal(ingested_at.strftime("%Y-%m-%dT%H:%M:%SZ"), datatype=XSD.dateTime),
        )
        self.add(activity, BKG.mappingVersion, Literal(MAPPING_VERSION))

    def region(self, region: Region) -> URIRef | None:
        parts = [p for p in (region.province, region.city, region.county) if p]
        parent: URIRef | None = None
        for i, name in enumerate(parts):
            iri = self.m.region("".join(parts[: i + 1]))
            self.add(iri, RDF.type, SDO.AdministrativeArea)
            self.add(iri, RDFS.label, _zh("".join(parts[: i + 1])))
            self.add(iri, SDO.name, _zh(name))
            self.add(iri, SDO.containedInPlace, parent)
            parent = iri
        return parent

    def organization(self, name: str) -> URIRef:
        """The agency itself, or a budget unit under it (same region)."""
        if name == self.d.agency:
            return self.agency
        unit = self.m.agency(self.d.region, name)
        self.add(unit, RDF.type, ORG.FormalOrganization)
        self.add(unit, RDFS.label, _zh(name))
        self.add(unit, ORG.subOrganizationOf, self.agency)
        return unit

    def agency_node(self) -> None:
        d, agency = self.d, self.agency
        self.add(agency, RDF.type, ORG.FormalOrganization)
        self.add(agency, RDFS.label, _zh(d.agency))
        self.add(agency, SDO.areaServed, self.region(d.region))
        for name in d.budget_units:
            self.add(self.doc, BKG.budgetUnit, self.organization(name))
        for name in d.internal_departments:
            dept = self.m.department(agency, name)
            self.add(dept, RDF.type, ORG.OrganizationalUnit)
            self.add(dept, RDFS.label, _zh(name))
            self.add(dept, ORG.unitOf, agency)
            self.add(agency, ORG.hasUnit, dept)
        for i, duty_text in enumerate(d.duties, 1):
            duty = self.m.part(self.doc, "duty", i)
            self.add(duty, RDF.type, BKG.Duty)
            self.text(duty, RDFS.label, duty_text)
            self.add(duty, DCTERMS.source, self.doc)
            self.add(agency, ORG.purpose, duty)

    # ------------------------------------------------------------------ projects, KPIs, citations

    def project(self, project: Project, iri: URIRef) -> None:
        d = self.d
        self.add(self.doc, BKG.hasProject, iri)
        self.add(iri, RDF.type, BKG.Project)
        self.add(iri, RDFS.label, _zh(project.name))
        for alt in project.alt_names:
            self.add(iri, SKOS.altLabel, _zh(alt))
        self.add(iri, BKG.agency, self.agency)
        if d.year is not None:
            self.add(iri, BKG.fiscalYear, Literal(d.year))
        if project.budget_unit:
            self.add(iri, BKG.budgetUnit, self.organization(project.budget_unit))
        if project.amount_wan is not None:
            self.money(iri, BKG.amount, self.m.part(iri, "amount", 1), wan_to_yuan(project.amount_wan))
        elif project.amount_yuan is not None:
            self.money(iri, BKG.amount, self.m.part(iri, "amount", 1), Decimal(str(project.amount_yuan)))
        if project.amount_yuan is not None:
            self.money(
                iri, BKG.annualFunding, self.m.part(iri, "funding", 1), Decimal(str(project.amount_yuan))
            )
        for prop, value in (
            (BKG.implementingUnit, project.implementing_unit),
            (BKG.projectAttribute, project.attribute),
            (BKG.projectPeriod, project.period),
            (BKG.overview, project.overview),
            (BKG.legalBasisText, project.legal_basis_text),
            (BKG.necessity, project.necessity),
            (BKG.measuresText, project.measures_text),
            (BKG.implementationPlan, project.plan),
            (BKG.goals, project.goals),
        ):
            self.text(iri, prop, value)
        self.add(iri, BKG.carryOver, Literal(project.carry_over))
        if project.functional_code:
            self.add(
                iri, BKG.functionalClassification, self.concept("functional", project.functional_code, None)
            )
        self.provenance(iri, project.span)
        if project.table_span is not None:  # the list row and the performance table, both quoted
            self.provenance(iri, project.table_span)
        for i, citation in enumerate(project.citations, 1):
            self.citation(iri, self.m.part(iri, "citation", i), citation)
        for i, kpi in enumerate(project.kpis, 1):
            self.kpi(iri, self.m.part(iri, "kpi", i), kpi)

    def kpi(self, owner: URIRef, iri: URIRef, kpi: Kpi) -> None:
        self.add(owner, BKG.hasKpi, iri)
        self.add(iri, RDF.type, BKG.Kpi)
        self.add(iri, RDFS.label, _zh(kpi.name))
        self.text(iri, BKG.level1, kpi.level1)
        self.text(iri, BKG.level2, kpi.level2)
        if kpi.column:
            self.add(iri, BKG.targetColumn, Literal(kpi.column))
        if kpi.name_truncated:
            self.add(iri, BKG.nameTruncated, Literal(True))
        if kpi.name_as_written:
            self.add(iri, BKG.nameAsWritten, _zh(kpi.name_as_written))
        value, target = kpi.value, URIRef(f"{iri}/target")
        self.add(iri, BKG.target, target)
        self.add(target, RDF.type, SDO.QuantitativeValue)
        self.add(target, BKG.rawText, Literal(value.raw))
        if value.comparator:
            self.add(target, BKG.comparator, Literal(value.comparator))
        if value.number is not None:
            number = canonical_decimal(value.number)
            self.add(target, BKG.targetNumber, number)
            if value.comparator in _MIN_COMPARATORS:
                self.add(target, SDO.minValue, number)
            elif value.comparator in _MAX_COMPARATORS:
                self.add(target, SDO.maxValue, number)
            else:
                self.add(target, SDO.value, number)
        if value.unit:
            self.add(target, SDO.unitText, Literal(value.unit))
        self.text(target, BKG.qualitativeTarget, value.qualitative)
        self.provenance(iri, kpi.span)

    def citation(self, owner: URIRef, iri: URIRef, citation: Citation) -> None:
        regulation = self.regulations.get(citation)
        if regulation is None:
            self.out.skipped.append(f"citation without title or number at lines {citation.span.start}")
            return
        self.add(owner, _CITATION_RELATION[citation.field], regulation)
        self.add(owner, BKG.hasCitation, iri)
        self.add(iri, RDF.type, BKG.Citation)
        self.add(iri, BKG.citedRegulation, regulation)
        self.add(iri, BKG.citationField, Literal(citation.field))
        if citation.raw.strip():
            self.add(iri, BKG.rawText, Literal(citation.raw.strip()))
        self.provenance(iri, citation.span)
        self.add(regulation, RDF.type, ELI.LegalResource)
        number, keys = citation.number, RegulationKeys.of(citation)
        self.add(regulation, RDFS.label, _zh(citation.title or keys.number or ""))
        for title_key in keys.titles:
            self.add(regulation, BKG.titleKey, Literal(title_key))
        if number is not None:
            self.add(regulation, ELI.id_local, Literal(keys.number))
            self.add(regulation, BKG.docNumberIssuer, Literal(number.issuer))
            if number.year is not None:  # a decree number (…部令第33号) has none
                self.add(regulation, BKG.docNumberYear, Literal(number.year))
            self.add(regulation, BKG.docNumberSerial, Literal(number.serial))

    # ------------------------------------------------------------------ budget tables

    def concept(self, scheme: str, code: str, name: str | None) -> URIRef:
        """A classification code with its broader codes (201 > 20140 > 2014001)."""
        code_list = BKG.functionalCodes if scheme == "functional" else BKG.economicCodes
        iri = self.m.concept(scheme, code)
        if name and name.strip():
            self.add(iri, SKOS.prefLabel, _zh(name.strip()))
            self.add(iri, RDFS.label, _zh(name.strip()))
        if iri in self._seen:
            return iri
        self._seen.add(iri)
        self.add(iri, RDF.type, SKOS.Concept)
        self.add(iri, SKOS.inScheme, code_list)
        self.add(iri, SKOS.notation, Literal(code))
        if len(code) > 3:
            self.add(iri, SKOS.broader, self.concept(scheme, code[:-2], None))
        else:
            self.add(iri, SKOS.topConceptOf, code_list)
        return iri

    def budget_line(self, iri: URIRef, line: BudgetLine) -> None:
        self.add(self.doc, BKG.hasBudgetLine, iri)
        self.add(iri, RDF.type, BKG.BudgetLine)
        self.add(iri, RDFS.label, _zh(line.name))
        self.text(iri, BKG.budgetTable, line.table)
        if line.code and line.classification:
            prop = (
                BKG.functionalClassification
                if line.classification == "functional"
                else BKG.economicClassification
            )
            self.add(iri, prop, self.concept(line.classification, line.code, line.name))
        for j, (header, wan) in enumerate(line.amounts, 1):
            node = self.m.part(iri, "amount", j)
            self.money(iri, BKG.lineAmount, node, wan_to_yuan(wan))
            self.text(node, SDO.name, header)
            self.add(node, BKG.columnIndex, Literal(j))
        self.provenance(iri, line.span)


def map_disclosure(
    disclosure: Disclosure,
    minter: Minter,
    ingested_at: datetime,
    resolver: RegulationResolver | None = None,
) -> DocumentGraph:
    """All triples of ``disclosure`` for its named graph ``minter.document(disclosure.doc)``.

    ``resolver`` chooses the node of each cited regulation (see ``identity``); by default one
    that knows no other document, so regulations are identified within this document only.

    Two projects of one document that would share an IRI (same budget unit and name) are told
    apart by a ``~2``, ``~3``... suffix in document order.
    """
    mapper = _Mapper(disclosure, minter, resolver or RegulationResolver(minter))
    mapper.document(ingested_at)
    mapper.agency_node()
    counts: dict[URIRef, int] = {}
    d = disclosure
    for project in d.projects:
        iri = minter.project(d.region, d.agency, d.year, project.budget_unit, project.name)
        counts[iri] = counts.get(iri, 0) + 1
        if counts[iri] > 1:
            iri = URIRef(f"{iri}~{counts[iri]}")
        mapper.project(project, iri)
    for i, kpi in enumerate(d.department_kpis, 1):
        mapper.kpi(mapper.doc, minter.part(mapper.doc, "kpi", i), kpi)
    for i, line in enumerate(d.budget_lines, 1):
        mapper.budget_line(minter.part(mapper.doc, "line", i), line)
    for i, mention in enumerate(d.mentions, 1):
        mapper.citation(mapper.doc, minter.part(mapper.doc, "mention", i), mention)
    return mapper.out
