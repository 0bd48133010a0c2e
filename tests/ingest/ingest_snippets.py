"""Readers run over small text snippets written in the tests, as the extractor runs them."""

from __future__ import annotations

from budgetkg.ingest.lines import load_lines
from budgetkg.ingest.project_list import ListedProject, read_project_lists, single_cell_lists
from budgetkg.ingest.records import Report
from budgetkg.ingest.tables import read_tables


def listed_projects(text: str, report: Report | None = None) -> list[ListedProject]:
    """The project-list rows of ``text``: its tables and its one-cell-per-line lists."""
    lines, _ = load_lines(text)
    report = report or Report(doc="synthetic.txt")
    tables = read_tables(lines)
    extra = single_cell_lists(lines, tables, report)
    return read_project_lists(sorted([*tables, *extra], key=lambda t: t.rows[0].line), report)
