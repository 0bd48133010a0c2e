"""Ingest: disclosure text -> typed records. No RDF here.

``extract_file(path)`` returns ``(Disclosure | None, Report)`` and never raises for a bad file.
"""

from .decoding import decode_bytes
from .evaluate import Evaluation, Tally, score_document
from .evaluate import format_table as format_evaluation
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
    "Evaluation",
    "Finding",
    "Kpi",
    "KpiValue",
    "Project",
    "Region",
    "Report",
    "Span",
    "Staff",
    "Tally",
    "decode_bytes",
    "extract_bytes",
    "extract_file",
    "format_evaluation",
    "format_report",
    "report_to_dict",
    "score_document",
    "to_gold_json",
]
