"""Named constants of the sample corpus shared by the search tests."""

from __future__ import annotations

from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus"
SAMPLE_FILES = sorted(CORPUS.glob("*.txt"))
DATONG_PETITION = "大同市信访局"
ZENGDU_PETITION = "曾都区信访局"
STABILITY_PROJECTS = (  # (label, agency): every stability-maintenance project of the corpus
    ("Z维稳工作经费-1", DATONG_PETITION),
    ("Z维稳工作经费-2", DATONG_PETITION),
    ("QT维稳工作经费-3", DATONG_PETITION),
    ("信访劝返维稳经费", ZENGDU_PETITION),
)
