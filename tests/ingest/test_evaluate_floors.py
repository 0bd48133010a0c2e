"""Acceptance: the extractor on the sample corpus, scored by ``budgetkg evaluate`` against the gold."""

from __future__ import annotations

import json
from pathlib import Path

from ingest_corpus import CORPUS

from budgetkg.cli import main

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold"
FLOORS = {
    "projects.recall": 0.98,
    "projects.precision": 0.95,
    "amounts.recall": 0.98,
    "amounts.precision": 0.98,
    "citations.recall": 0.90,
    "citations.precision": 0.85,
    "kpis.recall": 0.90,
    "kpis.precision": 0.85,
    "department_kpis.recall": 0.85,
    "department_kpis.precision": 0.85,
    "duties.recall": 0.90,
    "duties.precision": 0.90,
}


def test_corpus_meets_the_acceptance_floors(capsys) -> None:  # type: ignore[no-untyped-def]
    files = sorted(str(p) for p in CORPUS.glob("*.txt"))
    assert len(files) == 5
    args = ["evaluate", "--gold", str(GOLD), *files, "--json"]
    for key, floor in FLOORS.items():
        args += ["--min", f"{key}={floor}"]
    code = main(args)
    result = json.loads(capsys.readouterr().out)
    assert result["failed"] == [], result["figures"]
    assert code == 0
