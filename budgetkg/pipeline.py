"""The whole one-way flow for a batch of files: extract -> graph -> search index.

The one place where the stages meet, used by ``budgetkg ingest``, by the server's
first start and by its ingest endpoint. graph/ never imports search/; this module does.

Guarantees: a file that cannot be read is reported and skipped, the rest of the batch
goes on, and the data of other documents stays intact; after the call the index agrees
with the graph for every document the batch changed; the source text of every loaded
file is kept under ``<home>/sources`` so entity pages can quote their lines.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from budgetkg.config import Settings
from budgetkg.errors import BudgetKGError
from budgetkg.graph import FileOutcome, KnowledgeGraph, load_files
from budgetkg.search import Index, update_index_for


@dataclass
class BatchResult:
    """What one batch did: per-file outcomes, changed documents, index documents written."""

    outcomes: list[FileOutcome] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    indexed: int = 0
    index_error: str | None = None

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)


def sources_dir(settings: Settings) -> Path:
    """Where the texts of ingested files are kept: ``<home>/sources/<file name>``."""
    return settings.home / "sources"


def ingest_files(
    graph: KnowledgeGraph, index: Index | Settings, paths: Iterable[str | Path], keep_sources: Path
) -> BatchResult:
    """Extract and load ``paths``, keep their texts in ``keep_sources``, bring the index up to date."""
    result = BatchResult(outcomes=load_files(graph, [Path(p) for p in paths]))
    keep_sources.mkdir(parents=True, exist_ok=True)
    for outcome in result.outcomes:
        if outcome.status == "failed":
            continue
        target = keep_sources / outcome.path.name
        if outcome.path.resolve() != target.resolve() and (not target.exists() or outcome.status == "loaded"):
            shutil.copyfile(outcome.path, target)
    result.changed = [
        str(o.result.document) for o in result.outcomes if o.result is not None and o.result.changed
    ]
    try:
        result.indexed = update_index_for(graph, index, result.changed)
    except BudgetKGError as exc:  # the graph stands; `budgetkg reindex` repairs the index
        result.index_error = str(exc)
    return result
