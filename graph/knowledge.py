"""``KnowledgeGraph``: the one door to the graph for the CLI, search and the HTTP API.

Guarantees:

* one document is one named graph (IRI ``{base}doc/{file name}``) and one store transaction
  where the backend has them: after :meth:`KnowledgeGraph.ingest` the graph holds all of the
  document's triples or, on error, its previous triples;
* ingesting a document whose bytes (SHA-256) and mapping version are already stored changes
  nothing (``status == "unchanged"``); a changed document replaces its own graph only;
* a regulation already in the store under the same document number or title key is reused
  (``identity``): citations across documents meet on one node, whatever the ingest order;
* queries see the union of all document graphs as the default graph; ``GRAPH ?g`` names the
  document a fact came from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Literal

from rdflib import DCTERMS, PROV, RDF, RDFS, SKOS, Graph, URIRef
from rdflib import Literal as RdfLiteral

from budgetkg.config import DEFAULT_BASE_IRI, QUERIES_DIR, Settings
from budgetkg.errors import QueryError
from budgetkg.ingest import Disclosure

from .export import EXPORT_FORMATS, PREFIXES, export_quads
from .identity import KnownRow, RegulationKeys, RegulationResolver, citations_of
from .iris import Minter
from .mapping import MAPPING_VERSION, map_disclosure
from .named import NamedQuery, list_named_queries, load_named_query
from .ntriples import check_iri, term_to_nt
from .results import QueryResult
from .store import Capabilities, Store, open_store
from .validation import ValidationReport, validate_triples
from .vocab import BKG, ELI

_DESCRIBE_DEPTH = 3
_NEIGHBOUR_CAP = 5000
_BATCH = 50
_NEIGHBOUR_PROPS = (
    RDFS.label,
    RDF.type,
    SKOS.prefLabel,
    BKG.agency,
    BKG.fiscalYear,
    BKG.startLine,
    BKG.endLine,
    DCTERMS.isPartOf,
)


@dataclass(frozen=True)
class IngestResult:
    """What :meth:`KnowledgeGraph.ingest` did to one document.

    ``status`` is ``added`` (new graph), ``replaced`` (changed document) or ``unchanged``
    (same SHA-256 and mapping version: nothing written). ``changed`` tells downstream stages
    (the search index) whether to refresh ``document``.
    """

    document: URIRef
    file_name: str
    status: Literal["added", "replaced", "unchanged"]
    triples: int  # triples in the document's graph now
    previous_triples: int  # triples it held before (0 when added)
    skipped: tuple[str, ...] = ()  # records the mapping could not express, with why

    @property
    def changed(self) -> bool:
        return self.status != "unchanged"


@dataclass(frozen=True)
class DocumentInfo:
    """One ingested document, as :meth:`KnowledgeGraph.documents` lists it."""

    iri: URIRef
    file_name: str
    sha256: str
    agency: str | None
    year: int | None
    ingested_at: str | None  # xsd:dateTime lexical form, UTC
    triples: int


class KnowledgeGraph:
    """Budget disclosures as RDF in one store. Not thread-safe: one caller at a time."""

    def __init__(
        self,
        store: Store,
        *,
        base_iri: str = DEFAULT_BASE_IRI,
        queries_dir: Path = QUERIES_DIR,
        query_timeout_s: float | None = None,
        result_cap: int | None = None,
    ) -> None:
        self.store = store
        self.minter = Minter(base_iri)
        self.queries_dir = queries_dir
        self.query_timeout_s = query_timeout_s
        self.result_cap = result_cap

    @classmethod
    def open(cls, settings: Settings) -> KnowledgeGraph:
        """The graph in the store ``settings`` choose, with its base IRI, timeout and cap."""
        return cls(
            open_store(settings),
            base_iri=settings.base_iri,
            query_timeout_s=settings.query_timeout_s,
            result_cap=settings.result_cap,
        )

    @property
    def capabilities(self) -> Capabilities:
        return self.store.capabilities

    # ------------------------------------------------------------------ writing

    def ingest(self, disclosure: Disclosure, *, now: datetime | None = None) -> IngestResult:
        """Load one disclosure into its own named graph (see the module guarantees)."""
        iri = self.minter.document(disclosure.doc)
        stored = self._stored_version(iri)
        if stored == (disclosure.sha256, MAPPING_VERSION):
            n = self._graph_size(iri)
            return IngestResult(iri, disclosure.doc, "unchanged", n, n)
        previous = self._graph_size(iri) if stored else 0
        resolver = RegulationResolver(self.minter, self._known_regulations(disclosure))
        mapped = map_disclosure(disclosure, self.minter, now or datetime.now(UTC), resolver)
        triples = list(dict.fromkeys(mapped.triples))
        self.store.replace_graph(iri, triples)
        status: Literal["added", "replaced"] = "replaced" if stored else "added"
        return IngestResult(iri, disclosure.doc, status, len(triples), previous, tuple(mapped.skipped))

    def remove(self, file_name: str) -> bool:
        """Drop the graph of the document ``file_name``; False when there was none."""
        iri = self.minter.document(file_name)
        if not self._graph_size(iri):
            return False
        self.store.drop_graph(iri)
        return True

    def _stored_version(self, iri: URIRef) -> tuple[str, str] | None:
        doc = term_to_nt(iri)
        result = self.store.query(
            f"SELECT ?sha ?version WHERE {{ GRAPH {doc} {{ {doc} <{BKG.sha256}> ?sha . "
            f"OPTIONAL {{ ?activity <{PROV.used}> {doc} ; <{BKG.mappingVersion}> ?version }} }} }}"
        )
        if not result.rows:
            return None
        sha, version = result.rows[0]
        return str(sha), str(version) if version is not None else ""

    def _known_regulations(self, disclosure: Disclosure) -> list[KnownRow]:
        """The regulation nodes of the store sharing a number or title key with a citation."""
        keys = sorted({key for c in citations_of(disclosure) for key in RegulationKeys.of(c).all()})
        if not keys:
            return []
        values = " ".join(term_to_nt(RdfLiteral(key)) for key in keys)
        result = self.store.query(
            f"""SELECT DISTINCT ?r ?kind ?key ?number WHERE {{
              VALUES ?key {{ {values} }}
              {{ ?r <{ELI.id_local}> ?key BIND("number" AS ?kind) }}
              UNION {{ ?r <{BKG.titleKey}> ?key BIND("title" AS ?kind) }}
              OPTIONAL {{ ?r <{ELI.id_local}> ?number }}
            }}"""
        )
        return [
            (URIRef(r), str(kind), str(key), None if number is None else str(number))
            for r, kind, key, number in result.rows
        ]

    def _graph_size(self, iri: URIRef) -> int:
        result = self.store.query(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {term_to_nt(iri)} {{ ?s ?p ?o }} }}"
        )
        return int(result.rows[0][0]) if result.rows else 0  # type: ignore[arg-type]

    # ------------------------------------------------------------------ reading

    def query(self, sparql: str, *, timeout: float | None = None, limit: int | None = None) -> QueryResult:
        """Run a read-only SPARQL query; defaults to the configured timeout and result cap."""
        return self.store.query(
            sparql,
            timeout=timeout if timeout is not None else self.query_timeout_s,
            limit=limit if limit is not None else self.result_cap,
        )

    def named_queries(self) -> list[NamedQuery]:
        """The queries of ``queries/``, with descriptions and parameters."""
        return list_named_queries(self.queries_dir)

    def named_query(
        self, name: str, params: Mapping[str, str] | None = None, *, timeout: float | None = None
    ) -> QueryResult:
        """Run ``queries/<name>.rq`` with its ``$param`` placeholders filled safely."""
        text = load_named_query(self.queries_dir, name).bind(dict(params or {}))
        return self.query(text, timeout=timeout)

    def documents(self) -> list[DocumentInfo]:
        """Every ingested document, sorted by file name."""
        result = self.store.query(
            f"""SELECT ?doc ?file ?sha ?agency ?year ?time (COUNT(*) AS ?n) WHERE {{
              GRAPH ?doc {{
                ?doc a <{BKG.BudgetDocument}> ; <{BKG.fileName}> ?file ; <{BKG.sha256}> ?sha .
                OPTIONAL {{ ?doc <{BKG.agency}>/<{RDFS.label}> ?agency }}
                OPTIONAL {{ ?doc <{BKG.fiscalYear}> ?year }}
                OPTIONAL {{ ?activity <{PROV.used}> ?doc ; <{PROV.endedAtTime}> ?time }}
                ?s ?p ?o
              }}
            }} GROUP BY ?doc ?file ?sha ?agency ?year ?time ORDER BY ?file"""
        )
        return [
            DocumentInfo(
                iri=URIRef(doc),  # type: ignore[arg-type]
                file_name=str(file),
                sha256=str(sha),
                agency=None if agency is None else str(agency),
                year=None if year is None else int(year),  # type: ignore[call-overload]
                ingested_at=None if time is None else str(time),
                triples=int(n),  # type: ignore[call-overload]
            )
            for doc, file, sha, agency, year, time, n in result.rows
        ]

    def describe(self, iri: str) -> Graph:
        """An entity page's triples: the entity's own triples and those of the parts it owns
        (IRIs under it: amounts, KPIs and their targets, citations), the triples pointing at
        it (e.g. the projects citing a regulation), and the labels, types, agency and year of
        every neighbour, and the lines of the spans it was read from. Empty when unknown.
        """
        try:
            subject = URIRef(check_iri(iri))
        except ValueError as exc:
            raise QueryError(str(exc)) from exc
        owned_prefixes = (f"{iri}/", f"{iri}#")
        graph = Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        frontier, seen = [subject], {subject}
        for _ in range(_DESCRIBE_DEPTH):
            found = self._construct_for(frontier, "?n ?p ?o", "{n} ?p ?o")
            graph += found
            fresh = {
                o for o in found.objects() if isinstance(o, URIRef) and str(o).startswith(owned_prefixes)
            }
            frontier = sorted(fresh - seen)
            seen.update(frontier)
            if not frontier:
                break
        node = term_to_nt(subject)
        graph += self.store.query(f"CONSTRUCT {{ ?s ?p {node} }} WHERE {{ ?s ?p {node} }}").graph or Graph()
        neighbours = {t for t in graph.all_nodes() if isinstance(t, URIRef)} - seen
        props = " ".join(term_to_nt(p) for p in _NEIGHBOUR_PROPS)
        label = term_to_nt(RDFS.label)
        graph += self._construct_for(
            sorted(neighbours)[:_NEIGHBOUR_CAP],
            f"?n ?p ?o . ?o {label} ?label",
            f"VALUES ?p {{ {props} }} {{n}} ?p ?o OPTIONAL {{ ?o {label} ?label }}",
        )
        return graph

    def _construct_for(self, nodes: list[URIRef], template: str, pattern: str) -> Graph:
        """CONSTRUCT ``template`` (over ``?n``) WHERE ``pattern`` holds for a node ``{n}``.

        One UNION branch per node (binding ``?n``) keeps every pattern anchored on a known
        IRI, which all engines (rdflib's included) evaluate fast, unlike a ``VALUES`` join.
        """
        graph = Graph()
        for start in range(0, len(nodes), _BATCH):
            batch = [term_to_nt(n) for n in nodes[start : start + _BATCH]]
            where = " UNION ".join(f"{{ {pattern.replace('{n}', n)} BIND({n} AS ?n) }}" for n in batch)
            graph += self.store.query(f"CONSTRUCT {{ {template} }} WHERE {{ {where} }}").graph or Graph()
        return graph

    def quad_count(self) -> int:
        return self.store.quad_count()

    def export(self, fmt: str, out: IO[bytes] | None = None) -> bytes | None:
        """Write every quad as ``fmt`` (see ``EXPORT_FORMATS``) to ``out``, or return the bytes."""
        return export_quads(self.store.quads(), fmt, out)

    def validate(self) -> ValidationReport:
        """SHACL validation of the union graph against ``ontology/shapes.ttl``."""
        return validate_triples((s, p, o) for s, p, o, _ in self.store.quads())

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["EXPORT_FORMATS", "DocumentInfo", "IngestResult", "KnowledgeGraph"]
