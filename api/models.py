"""Response models of the HTTP API: one per direction, each made by one route and read by clients.

The entity models (``/api/entity``) are the facts the web UI renders (``api/routes/ui.py``
through ``render_entity_html``); amounts are in 万元 (``*_wan``) unless named ``*_yuan``.
Every field is documented here so the OpenAPI schema is the contract.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


# ---------------------------------------------------------------- errors and health


class ErrorBody(_Model):
    """Every error response (made by api/errors.py)."""

    error: str = Field(description="error class, e.g. QuerySyntaxError", examples=["QuerySyntaxError"])
    status: int = Field(examples=[400])
    message: str = Field(examples=["malformed SPARQL query: Expected SelectQuery, found '?' (at char 17)"])


class Health(_Model):
    """GET /healthz (made by routes/health.py)."""

    status: Literal["ok"] = "ok"
    version: str
    store: str = Field(description="store backend: oxigraph, memory or sparql")
    quads: int = Field(description="quads in all document graphs")
    documents: int = Field(description="ingested source documents")
    index_documents: int = Field(description="entities in the full-text index")
    query_runner: str = Field(description="how SPARQL queries run: worker processes or in process")


# ---------------------------------------------------------------- search


class Hit(_Model):
    """One ranked entity of GET /search."""

    iri: str
    type: str = Field(description="project, regulation, agency or kpi")
    label: str
    score: float
    agency: str | None = None
    region: str | None = None
    year: int | None = None
    level: str | None = Field(None, description="KPI 一级指标")
    amount: float | None = Field(None, description="万元")
    snippet: str = Field("", description="HTML-escaped text, matches in <mark>")


class FacetCount(_Model):
    value: str
    count: int


class SearchResponse(_Model):
    """GET /search (made by routes/search.py from budgetkg.search.SearchResult)."""

    query: str
    total: int = Field(description="matches over all pages")
    page: int
    page_size: int
    pages: int
    sort: str
    hits: list[Hit]
    facets: dict[str, list[FacetCount]] = Field(
        description="counts over all matches for type, agency, region, year and level"
    )


# ---------------------------------------------------------------- entities


class EntityRef(_Model):
    iri: str
    label: str | None = None


class SourceLine(_Model):
    number: int = Field(description="1-based line number in the source document")
    text: str


class SourceSpan(_Model):
    """Where a fact was read: the document, its line span and those lines quoted."""

    doc: str = Field(description="file name of the source document")
    doc_iri: str
    start: int
    end: int
    lines: list[SourceLine] = Field(description="the quoted lines (empty when the text is not kept)")


class CitationFacts(_Model):
    """A regulation cited by a project."""

    iri: str = Field(description="the regulation's IRI")
    label: str | None = None
    doc_number: str | None = Field(None, examples=["晋市财行〔2025〕103号"])
    field: str | None = Field(None, description="legal_basis (立项依据), measures (制度措施) or mention")
    line: int | None = Field(None, description="first line of the citation in the source document")
    raw: str | None = Field(None, description="the text the citation was read from")


class KpiFacts(_Model):
    """One KPI of a project, with its target as written and as parsed."""

    iri: str
    name: str
    level1: str | None = None
    level2: str | None = None
    column: str | None = Field(None, description="implementation or annual")
    raw: str | None = Field(None, description="the target as written, e.g. ≥98%")
    comparator: str | None = None
    number: float | None = None
    unit: str | None = None
    qualitative: str | None = None
    line: int | None = None


class ProjectFacts(_Model):
    """GET /api/entity for a project."""

    kind: Literal["project"] = "project"
    iri: str
    label: str
    alt_labels: list[str] = []
    agency: EntityRef | None = None
    budget_unit: str | None = None
    implementing_unit: str | None = None
    year: int | None = None
    attribute: str | None = Field(None, description="项目属性")
    period: str | None = Field(None, description="项目期")
    carry_over: bool = False
    amount_wan: float | None = Field(None, description="项目预算, 万元")
    amount_yuan: float | None = Field(None, description="年度资金总额, 元")
    overview: str | None = None
    legal_basis_text: str | None = None
    necessity: str | None = None
    measures_text: str | None = None
    plan: str | None = None
    goals: str | None = None
    citations: list[CitationFacts] = []
    kpis: list[KpiFacts] = []
    source: SourceSpan | None = Field(None, description="the first of ``sources``")
    sources: list[SourceSpan] = Field(
        [], description="every span it was read from: the project-list row, the performance table"
    )


class DocumentRef(_Model):
    iri: str
    file_name: str
    label: str | None = None
    year: int | None = None
    href: str = Field(description="the whole text: /api/source/{file_name}")


class Totals(_Model):
    budget_total_wan: float | None = None
    basic_expenditure_wan: float | None = None
    project_expenditure_wan: float | None = None
    three_public_wan: float | None = None


class FunctionLine(_Model):
    """Budget by functional classification (类 3 digits > 款 5 > 项 7)."""

    code: str
    name: str | None = None
    amount_wan: float | None = None
    year: int | None = None


class ProjectSummary(_Model):
    iri: str
    label: str
    year: int | None = None
    amount_wan: float | None = None
    citation_count: int = 0


class AgencyFacts(_Model):
    """GET /api/entity for an agency (or a budget unit)."""

    kind: Literal["agency"] = "agency"
    iri: str
    label: str
    region: str | None = None
    parent: EntityRef | None = Field(None, description="the agency a budget unit belongs to")
    years: list[int] = []
    documents: list[DocumentRef] = []
    duties: list[str] = []
    budget_units: list[str] = []
    departments: list[str] = []
    totals: Totals = Totals()
    functions: list[FunctionLine] = []
    projects: list[ProjectSummary] = []


class CitingProject(_Model):
    iri: str
    label: str
    amount_wan: float | None = None
    field: str | None = Field(None, description="legal_basis or measures")


class CitingGroup(_Model):
    agency: EntityRef
    year: int | None = None
    projects: list[CitingProject]


class MentioningDocument(EntityRef):
    """A budget document that names a regulation in its text, not as a project's citation."""

    agency: EntityRef | None = None


class RegulationFacts(_Model):
    """GET /api/entity for a regulation: its citing projects grouped by agency and year."""

    kind: Literal["regulation"] = "regulation"
    iri: str
    label: str
    titles: list[str] = []
    doc_number: str | None = None
    citing: list[CitingGroup] = []
    mentioned_by: list[MentioningDocument] = Field(
        [], description="documents (with their agencies) mentioning it outside projects"
    )


EntityFacts = Annotated[ProjectFacts | AgencyFacts | RegulationFacts, Field(discriminator="kind")]


class SourceText(_Model):
    """GET /api/source/{doc}: lines of a source document."""

    doc: str
    total_lines: int
    start: int
    end: int
    lines: list[SourceLine]


# ---------------------------------------------------------------- ingest


class IngestedFile(_Model):
    name: str
    status: Literal["loaded", "unchanged", "failed"]
    reason: str | None = None
    triples: int | None = None


class IngestResponse(_Model):
    """POST /ingest (made by routes/ingest.py)."""

    files: list[IngestedFile]
    quads: int = Field(description="quads in the store afterwards")
    index_updated: int = Field(description="search documents rewritten")
