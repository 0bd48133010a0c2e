"""Loading documents while the server runs: keep the text, ingest it, update the index, refresh.

Used on first start (the bundled sample corpus) and by ``POST /ingest``. Everything touching
the graph runs as one locked call (:class:`~budgetkg.api.graph_access.SerializedGraph`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from budgetkg.pipeline import ingest_files
from budgetkg.search import Index, rebuild_from_graph

from .models import IngestedFile, IngestResponse
from .source_texts import SourceTexts

log = logging.getLogger("budgetkg.api.ingest")


def ingest_paths(graph: Any, index: Index, sources: SourceTexts, paths: Sequence[Path]) -> IngestResponse:
    """Keep each text under the data directory, load it, and bring the index in line.

    ``graph`` is the plain ``KnowledgeGraph`` (the caller holds the lock).
    """
    batch = ingest_files(graph, index, paths, sources.directory)
    outcomes, updated = batch.outcomes, batch.indexed
    if batch.index_error:
        log.error("search index not updated", extra={"reason": batch.index_error})
    for outcome in outcomes:
        log.info(
            "ingest", extra={"file": outcome.path.name, "status": outcome.status, "reason": outcome.reason}
        )
    return IngestResponse(
        files=[
            IngestedFile(
                name=o.path.name,
                status=o.status,
                reason=o.reason,
                triples=None if o.result is None else o.result.triples,
            )
            for o in outcomes
        ],
        quads=graph.quad_count(),
        index_updated=updated,
    )


def bootstrap(graph: Any, index: Index, sources: SourceTexts, corpus: Path) -> str:
    """First start: an empty store gets the sample corpus; an empty index is rebuilt from the graph.

    Returns what was done (for the log): ``ingested``, ``reindexed`` or ``ready``.
    """
    if graph.quad_count() == 0:
        files = sorted(corpus.glob("*.txt"))
        result = ingest_paths(graph, index, sources, files)
        rebuild_from_graph(graph, index)
        log.info("first start: sample corpus ingested", extra={"files": len(files), "quads": result.quads})
        return "ingested"
    if len(index) == 0:
        count = rebuild_from_graph(graph, index)
        log.info("search index rebuilt from the graph", extra={"documents": count})
        return "reindexed"
    return "ready"
