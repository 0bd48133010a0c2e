"""Files to graph: extract each file and ingest it, one bad file never stopping the batch.

Used by ``budgetkg ingest`` and by the HTTP layer (first start, ingest endpoint).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from budgetkg.errors import BudgetKGError
from budgetkg.ingest import Report, extract_file

from .knowledge import IngestResult, KnowledgeGraph


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one file: ``loaded`` (added or replaced), ``unchanged`` or ``failed``.

    ``reason`` explains a failure (the extractor's error, or the store's); ``report`` holds the
    extraction findings when extraction ran; ``result`` the ingest result when the graph took it.
    """

    path: Path
    status: Literal["loaded", "unchanged", "failed"]
    reason: str | None = None
    result: IngestResult | None = None
    report: Report | None = None


def load_files(graph: KnowledgeGraph, paths: Iterable[str | Path]) -> list[FileOutcome]:
    """Extract and ingest every file in order; a failure is recorded and the batch goes on.

    A file that fails leaves the graph as it was for that document (its previous graph, if
    any, stays). ``[o.result.document for o in outcomes if o.result and o.result.changed]``
    are the documents downstream stages (the search index) must refresh.
    """
    outcomes: list[FileOutcome] = []
    for raw in paths:
        path = Path(raw)
        try:
            disclosure, report = extract_file(path)
        except (OSError, BudgetKGError) as exc:
            outcomes.append(FileOutcome(path, "failed", f"cannot read: {exc}"))
            continue
        if disclosure is None:
            outcomes.append(FileOutcome(path, "failed", report.error or "not extracted", report=report))
            continue
        try:
            result = graph.ingest(disclosure)
        except BudgetKGError as exc:
            outcomes.append(FileOutcome(path, "failed", f"store: {exc}", report=report))
            continue
        status: Literal["loaded", "unchanged"] = "loaded" if result.changed else "unchanged"
        reason = None if result.changed else "same SHA-256 already loaded"
        outcomes.append(FileOutcome(path, status, reason, result, report))
    return outcomes
