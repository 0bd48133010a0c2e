"""Reports of an extraction run: as text for a terminal, as JSON for --report."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from .records import Report


def report_to_dict(report: Report) -> dict[str, Any]:
    return asdict(report)


def format_report(report: Report) -> str:
    """One headline per file, then one indented line per finding.

    >>> from budgetkg.ingest.records import Report
    >>> print(format_report(Report(doc="a.txt", ok=False, error="empty file")))
    a.txt: error: empty file
    """
    if not report.ok:
        return f"{report.doc}: error: {report.error}"
    counts: dict[str, int] = {}
    for f in report.findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "clean"
    lines = [f"{report.doc}: ok ({report.encoding}; {summary})"]
    for f in report.findings:
        where = f" [lines {f.span.start}-{f.span.end}]" if f.span else ""
        lines.append(f"  {f.severity}: {f.message}{where}")
    return "\n".join(lines)
