"""Search: Chinese full-text search over the graph's entities (jieba + whoosh).

The index is built from the graph (the single source of truth) and lives under the
data directory; ``budgetkg reindex`` rebuilds it and swaps it in atomically, and
``budgetkg ingest`` updates it for the documents it loaded.

    >>> from budgetkg.config import Settings
    >>> from budgetkg.search import open_index  # doctest: +SKIP
    >>> index = open_index(Settings.from_env())  # doctest: +SKIP
    >>> result = index.search("维稳经费", filters={"type": "project"})  # doctest: +SKIP
    >>> [hit.label for hit in result.hits]  # doctest: +SKIP
"""

from ._records import DOC_TYPES, SORTS, IndexDoc, SearchFilters, SearchHit, SearchResult
from ._segmenter import warm_up
from .build import rebuild_from_graph, update_index_for
from .index import Index, open_index

__all__ = [
    "DOC_TYPES",
    "SORTS",
    "Index",
    "IndexDoc",
    "SearchFilters",
    "SearchHit",
    "SearchResult",
    "open_index",
    "rebuild_from_graph",
    "update_index_for",
    "warm_up",
]
