"""The extractor on held-out documents of other agencies, layouts and encodings (tests/data/heldout)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from budgetkg.cli import main

HELDOUT = Path(__file__).resolve().parents[1] / "data" / "heldout"
KEYS = ("projects", "amounts", "citations", "kpis", "department_kpis", "duties")

# Every set scores 0.98-1.00 today (the misses are gold judgement calls); the floors leave
# room for an honest gold disagreement, no more.
FLOORS = {
    name: {f"{key}.{side}": 0.95 for key in KEYS for side in ("recall", "precision")}
    for name in sorted(p.name for p in HELDOUT.iterdir() if p.is_dir())
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_heldout_set_meets_its_floors(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    docs = sorted(str(p) for p in (HELDOUT / name / "docs").glob("*.txt"))
    assert len(docs) >= 4
    args = ["evaluate", "--gold", str(HELDOUT / name / "gold"), *docs, "--json"]
    for key, floor in FLOORS[name].items():
        args += ["--min", f"{key}={floor}"]
    code = main(args)
    result = json.loads(capsys.readouterr().out)
    assert result["failed"] == [], result["figures"]
    assert code == 0


def test_encodings_of_one_document_extract_alike(capsys: pytest.CaptureFixture[str]) -> None:
    """A GB18030 copy and a UTF-16 copy score exactly as their UTF-8 originals."""
    for name, original, copy in (
        ("set1", "b_huzhou_sthj", "b_huzhou_sthj_gb18030"),
        ("set2", "a_mianyang_gongan", "a_mianyang_gongan_utf16"),
    ):
        figures = []
        for stem in (original, copy):
            doc = HELDOUT / name / "docs" / f"{stem}.txt"
            assert main(["evaluate", "--gold", str(HELDOUT / name / "gold"), str(doc), "--json"]) == 0
            figures.append(json.loads(capsys.readouterr().out)["figures"])
        assert figures[0] == figures[1]
