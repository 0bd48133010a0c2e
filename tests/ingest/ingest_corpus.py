"""Named paths of the sample corpus for ingest tests (shared by the test modules)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "data" / "corpus"
PIPE_DOC = CORPUS / "000_464361dc6483572d.txt"  # markdown pipe tables, shifted cells
TAB_HEADINGS_DOC = CORPUS / "001_34c390cb4101060c.txt"  # tab tables, markdown headings, <b> tags
WATERMARK_DOC = CORPUS / "002_0bcec4dda379f9a4.txt"  # tab tables, watermark lines, a 上年结转 project
MANY_PROJECTS_DOC = CORPUS / "003_deaa44338587c890.txt"  # 45 projects, a performance table twice
PROSE_DOC = CORPUS / "004_357094ba99e4035d.txt"  # prose only
