"""Graph: typed records -> RDF under the budgetkg ontology, in a pluggable quad store.

The door is :class:`KnowledgeGraph`, e.g. ``KnowledgeGraph.open(settings)`` or
``KnowledgeGraph(MemoryStore())``; then ``ingest(disclosure)``, ``query(sparql)``,
``named_query("projects_citing_doc_number", {"doc_number": "晋市财行〔2025〕103号"})``,
``describe(iri)``, ``export("nq")``, ``validate()``; :func:`load_files` extracts and ingests files.

One named graph per source document; queries see the union of all graphs as default graph.
Nothing opens a store at import time; :meth:`KnowledgeGraph.open` reads ``Settings``.
"""

from .export import EXPORT_FORMATS, PREFIXES
from .iris import Minter, normalize_title
from .knowledge import DocumentInfo, IngestResult, KnowledgeGraph
from .loading import FileOutcome, load_files
from .mapping import MAPPING_VERSION
from .named import NamedQuery, Param
from .results import GRAPH_FORMATS, SOLUTION_FORMATS, QueryResult
from .store import Capabilities, Store, open_store
from .store_memory import MemoryStore
from .store_oxigraph import OxigraphStore
from .store_sparql import SparqlStore
from .validation import ValidationReport, Violation
from .vocab import BKG, ELI

__all__ = [
    "BKG",
    "ELI",
    "EXPORT_FORMATS",
    "GRAPH_FORMATS",
    "MAPPING_VERSION",
    "PREFIXES",
    "SOLUTION_FORMATS",
    "Capabilities",
    "DocumentInfo",
    "FileOutcome",
    "IngestResult",
    "KnowledgeGraph",
    "MemoryStore",
    "Minter",
    "NamedQuery",
    "OxigraphStore",
    "Param",
    "QueryResult",
    "SparqlStore",
    "Store",
    "ValidationReport",
    "Violation",
    "load_files",
    "normalize_title",
    "open_store",
]
