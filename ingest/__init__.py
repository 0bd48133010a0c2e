"""Ingest: disclosure text -> typed records. No RDF here.

    >>> from budgetkg.ingest import extract_file  # doctest: +SKIP
    >>> disclosure, report = extract_file("data/corpus/000_464361dc6483572d.txt")  # doctest: +SKIP
"""

from .extract import extract_bytes, extract_file
from .gold import to_gold_json
from .records import (
    BudgetLine,
    Citation,
    Disclosure,
    DocNumber,
    Finding,
    Kpi,
    KpiValue,
    Project,
    Region,
    Report,
    Span,
    Staff,
)
from .report import format_report, report_to_dict

__all__ = [
    "BudgetLine",
    "Citation",
    "Disclosure",
    "DocNumber",
    "Finding",
    "Kpi",
    "KpiValue",
    "Project",
    "Region",
    "Report",
    "Span",
    "Staff",
    "extract_bytes",
    "extract_file",
    "format_report",
    "report_to_dict",
    "to_gold_json",
]
