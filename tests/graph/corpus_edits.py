"""A sample-corpus document with one edit, extracted as the same file name (a changed document)."""

from __future__ import annotations

from budgetkg.config import SAMPLE_CORPUS
from budgetkg.ingest import Disclosure, extract_bytes


def edited_disclosure(file_name: str, old: str, new: str) -> Disclosure:
    """``file_name`` from the sample corpus with every ``old`` replaced by ``new``."""
    text = (SAMPLE_CORPUS / file_name).read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {file_name}"
    edited, report = extract_bytes(text.replace(old, new).encode("utf-8"), file_name)
    assert edited is not None, report.error
    return edited
