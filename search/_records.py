"""Typed records of the search stage.

``IndexDoc`` is made by :mod:`budgetkg.search.from_graph` (or by tests and benchmarks) and
read by the index backend; ``SearchFilters`` is made by callers (CLI, api/) and read by
the backend; ``SearchHit``/``SearchResult`` are made by the backend and read by callers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

from budgetkg.errors import SearchError

DocType = Literal["project", "regulation", "agency", "kpi"]
DOC_TYPES: tuple[str, ...] = ("project", "regulation", "agency", "kpi")
SORTS: tuple[str, ...] = ("relevance", "amount")
FACET_FIELDS: tuple[str, ...] = ("type", "agency", "region", "year", "level")


@dataclass(frozen=True)
class IndexDoc:
    """One searchable entity of the graph.

    ``sources`` are the IRIs of the source documents (disclosures) the entity comes
    from; an incremental update replaces every entity of the documents it names.
    ``amount`` is in 万元. Text fields are searched; ``agency``, ``region``, ``year``,
    ``level`` and ``type`` are also exact-valued facets.
    """

    iri: str
    type: DocType
    label: str
    sources: tuple[str, ...] = ()
    names: tuple[str, ...] = ()  # other spellings of the label
    agency: str | None = None
    units: tuple[str, ...] = ()  # implementing units, budget units (searched with the agency)
    region: str | None = None
    year: int | None = None
    level: str | None = None  # KPI 一级指标
    amount: float | None = None  # 万元
    overview: str | None = None
    goals: str | None = None
    legal_basis: str | None = None
    kpis: tuple[str, ...] = ()  # KPI names of a project
    numbers: tuple[str, ...] = ()  # document numbers of a regulation
    issuer: str | None = None
    duties: tuple[str, ...] = ()
    context: tuple[str, ...] = ()  # weak text: a KPI's project, a regulation's citing projects
    value: str | None = None  # a KPI's target as written

    def __post_init__(self) -> None:
        if self.type not in DOC_TYPES:
            raise ValueError(f"unknown document type {self.type!r}; choose one of {', '.join(DOC_TYPES)}")
        if not self.iri:
            raise ValueError("an index document needs an IRI")


def _values(raw: object, key: str) -> tuple[Any, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str | int | float):
        return (raw,)
    if isinstance(raw, Iterable):
        return tuple(raw)
    raise SearchError(f"filter {key!r}: expected a value or a list of values, got {raw!r}")


@dataclass(frozen=True)
class SearchFilters:
    """Exact filters; several values of one field mean any of them, fields combine with AND."""

    type: tuple[str, ...] = ()
    agency: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    year: tuple[int, ...] = ()
    level: tuple[str, ...] = ()
    amount_min: float | None = None  # 万元, inclusive
    amount_max: float | None = None

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, object] | SearchFilters | None) -> SearchFilters:
        """Build filters from a plain mapping (query parameters, JSON); unknown keys are an error.

        >>> SearchFilters.from_mapping({"type": "project", "year": ["2026"], "amount_min": "10"})
        SearchFilters(type=('project',), agency=(), region=(), year=(2026,), level=(), amount_min=10.0, amount_max=None)
        """
        if mapping is None:
            return cls()
        if isinstance(mapping, SearchFilters):
            return mapping
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(mapping) - known)
        if unknown:
            raise SearchError(
                f"unknown filter {', '.join(unknown)}; known filters: {', '.join(sorted(known))}"
            )
        kwargs: dict[str, Any] = {}
        try:
            for key, raw in mapping.items():
                if key in ("amount_min", "amount_max"):
                    kwargs[key] = None if raw in (None, "") else float(raw)  # type: ignore[arg-type]
                elif key == "year":
                    kwargs[key] = tuple(int(v) for v in _values(raw, key))
                else:
                    kwargs[key] = tuple(str(v) for v in _values(raw, key) if str(v))
        except (TypeError, ValueError) as exc:
            raise SearchError(f"bad filter value: {exc}") from None
        bad = sorted(set(kwargs.get("type", ())) - set(DOC_TYPES))
        if bad:
            raise SearchError(f"unknown type {', '.join(bad)}; choose from {', '.join(DOC_TYPES)}")
        return cls(**kwargs)

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) not in ((), None) for f in fields(self))


@dataclass(frozen=True)
class SearchRequest:
    """What the backend is asked: a query string with filters, a page and an order."""

    query: str
    filters: SearchFilters = field(default_factory=SearchFilters)
    page: int = 1
    page_size: int = 10
    sort: str = "relevance"

    def __post_init__(self) -> None:
        if self.page < 1:
            raise SearchError(f"page must be 1 or more, got {self.page}")
        if not 1 <= self.page_size <= 1000:
            raise SearchError(f"page size must be between 1 and 1000, got {self.page_size}")
        if self.sort not in SORTS:
            raise SearchError(f"unknown sort {self.sort!r}; choose one of {', '.join(SORTS)}")


@dataclass(frozen=True)
class SearchHit:
    """One ranked entity. ``snippet`` is HTML-escaped text with matches in ``<mark>``."""

    iri: str
    type: str
    label: str
    score: float
    agency: str | None = None
    region: str | None = None
    year: int | None = None
    level: str | None = None
    amount: float | None = None  # 万元
    snippet: str = ""


@dataclass(frozen=True)
class SearchResult:
    """A page of hits, the total number of matches, and facet counts over all matches."""

    query: str
    hits: tuple[SearchHit, ...]
    total: int
    page: int
    page_size: int
    sort: str = "relevance"
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (facets as lists of ``[value, count]``)."""
        out = asdict(self)
        out["hits"] = [asdict(hit) for hit in self.hits]
        out["facets"] = {name: [[v, n] for v, n in counts] for name, counts in self.facets.items()}
        out["pages"] = self.pages
        return out
