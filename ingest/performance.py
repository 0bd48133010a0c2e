"""Performance tables: 项目支出绩效目标表 (one per project) and the department's KPI block.

A project table starts at a 项目名称 row followed, within a few rows, by other field
labels (项目属性, 实施单位, 立项依据…); it ends at its footer (负责人/填报日期), at the
next project table, or where a new titled table begins. Above its KPI header, cells are
read as label -> value: each label word of data/table_labels.json takes the next
non-label cell, wherever the export put it (same row, next cell after a shift, or the
next line in a one-cell-per-line layout). Below the header, rows go to
:func:`~budgetkg.ingest.kpi_rows.read_kpi_rows`. A KPI header outside every project
table is the department's (部门整体支出绩效目标表) block.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from .amounts import parse_amount
from .cleaning import join_wrapped, label_key
from .kpi_rows import is_kpi_header, read_kpi_rows, two_groups
from .labels import labels
from .lines import Line
from .records import Kpi, Report, Span
from .tables import Row, Table, single_cell_table

_AMOUNT_FIELDS = ("annual_total", "impl_total")
_SENTENCE = re.compile(r"[。！？]|^.{41,}$")
_HEADING = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])"
)
_LOOKAHEAD = 8


@dataclass
class PerformanceTable:
    """One project's performance table as read, before it is joined with the project list."""

    name: str  # line-wrap spaces removed
    name_as_written: str
    span: Span
    fields: dict[str, str] = field(default_factory=dict)  # overview, legal_basis, measures...
    field_spans: dict[str, Span] = field(default_factory=dict)
    amount_yuan: float | None = None  # 年度资金总额
    impl_amount_yuan: float | None = None  # 实施期资金总额
    kpis: list[Kpi] = field(default_factory=list)


@dataclass
class PerformanceReading:
    tables: list[PerformanceTable]
    department_kpis: list[Kpi]


def _is_start(rows: Sequence[tuple[int, Row]], i: int) -> bool:
    lab = labels()
    row = rows[i][1]
    cells = row.filled
    if not cells or label_key(cells[0].text) != "项目名称":
        return False
    if len(cells) > 1 and label_key(cells[1].text) in lab.total_row:
        return False  # the header of a project list (项目名称 合计 …)
    table = rows[i][0]
    for t, r in rows[i + 1 : i + 1 + _LOOKAHEAD]:
        if t != table:
            break
        if any(label_key(c.text) in lab.performance_evidence for c in r.filled):
            return True
    return False


def _titled(table: Table) -> bool:
    """True when text between tables looks like a new table's title, not a page number."""
    return any(len(line.text.strip()) > 6 for line in table.context)


def single_cell_tables(lines: Sequence[Line], tables: Sequence[Table]) -> list[Table]:
    """Performance tables written one cell per line, outside every other table.

    A project table starts at a line holding only 项目名称 and ends at its footer line
    (负责人/填报日期) or before the next such start. A run of KPI header words, one per
    line, outside those is a KPI block of its own (the department's); it ends at a
    footer, at the next table, or at text that is no cell (a sentence or a heading).
    """
    lab = labels()
    covered = {r.line for t in tables for r in t.rows}
    starts = [i for i, ln in enumerate(lines) if ln.no not in covered and label_key(ln.text) == "项目名称"]
    out: list[Table] = []
    inside: set[int] = set()
    for n, start in enumerate(starts):
        limit = starts[n + 1] if n + 1 < len(starts) else len(lines)
        end = start + 1
        while end < limit and lines[end].no not in covered:
            end += 1
            if lab.is_footer(lines[end - 1].text):
                break
        inside.update(range(start, end))
        out.append(single_cell_table(lines, start, end))
    for start in _header_runs(lines, covered | {lines[i].no for i in inside}):
        end = start + 1
        while end < len(lines) and lines[end].no not in covered and end not in inside:
            text = lines[end].text.strip()
            if _SENTENCE.search(text) or _HEADING.match(text):
                break
            end += 1
            if lab.is_footer(text):
                break
        out.append(single_cell_table(lines, start, end))
    return out


def _header_runs(lines: Sequence[Line], skip: set[int]) -> list[int]:
    """Indexes of lines starting a run of three or more KPI header words, one per line."""
    header = labels().kpi_header
    texts = [(i, ln) for i, ln in enumerate(lines) if not ln.blank and ln.no not in skip]
    out: list[int] = []
    k = 0
    while k < len(texts):
        m = k
        while m < len(texts) and label_key(texts[m][1].text) in header:
            m += 1
        if m - k >= 3:
            out.append(texts[k][0])
            k = m
        else:
            k += 1
    return out


def _merge_header_runs(rows: list[tuple[int, Row]]) -> list[tuple[int, Row]]:
    """Consecutive one-cell rows of KPI header words (一级指标/二级指标…) become one header row."""
    header = labels().kpi_header
    out: list[tuple[int, Row]] = []
    i = 0
    while i < len(rows):
        j = i
        while j < len(rows) and len(rows[j][1].filled) == 1 and label_key(rows[j][1].first) in header:
            j += 1
        if j - i >= 3:
            cells = tuple(replace(rows[k][1].filled[0], col=k - i) for k in range(i, j))
            out.append((rows[i][0], Row(rows[i][1].line, cells, rows[i][1].layout)))
            i = j
        else:
            out.append(rows[i])
            i += 1
    return out


def read_performance(tables: Sequence[Table], report: Report) -> PerformanceReading:
    """Every project performance table and the department KPIs, in document order."""
    lab = labels()
    rows = _merge_header_runs([(ti, r) for ti, t in enumerate(tables) for r in t.rows])
    starts = [i for i in range(len(rows)) if _is_start(rows, i)]
    out: list[PerformanceTable] = []
    claimed: set[int] = set()
    for n, start in enumerate(starts):
        limit = starts[n + 1] if n + 1 < len(starts) else len(rows)
        end = start + 1
        footer = False
        while end < limit:
            ti, row = rows[end]
            if ti != rows[end - 1][0] and _titled(tables[ti]):
                break
            end += 1
            if row.filled and lab.is_footer(row.filled[0].text):
                footer = True
                break
        claimed.update(range(start, end))
        table = _read_table([r for _t, r in rows[start:end]], report)
        if not footer and end == len(rows):
            report.add(
                "warning", f"performance table {table.name!r} ends with the document (cut short?)", table.span
            )
        out.append(table)
    department = _department_kpis(rows, claimed, report)
    return PerformanceReading(out, department)


def _read_table(rows: list[Row], report: Report) -> PerformanceTable:
    lab = labels()
    header_at = next((i for i, r in enumerate(rows) if is_kpi_header(r)), len(rows))
    fields: dict[str, str] = {}
    spans: dict[str, Span] = {}
    amounts: dict[str, float] = {}
    pending: str | None = None
    for row in rows[:header_at]:
        for cell in row.filled:
            key = label_key(cell.text)
            if key in lab.performance_fields:
                pending = lab.performance_fields[key]
                continue
            if key in lab.performance_ignored or key.startswith("其中"):
                pending = None
                continue
            if pending is None:
                continue
            if pending in _AMOUNT_FIELDS:
                amount = parse_amount(cell.text)
                if amount is not None and pending not in amounts:
                    amounts[pending] = amount
                    pending = None
                continue
            if pending not in fields:
                fields[pending] = cell.text
                spans[pending] = Span(cell.line, cell.line)
            pending = None
    written = fields.pop("name", "")
    name_span = spans.pop("name", Span(rows[0].line, rows[0].line))
    kpis: list[Kpi] = []
    if header_at < len(rows):
        kpis = read_kpi_rows(rows[header_at + 1 :], two_groups(rows[header_at]), report)
    span = Span(rows[0].line, rows[-1].line)
    if not written:
        report.add("unparsed", "performance table without a readable 项目名称", span)
    return PerformanceTable(
        name=join_wrapped(written),
        name_as_written=written,
        span=span.union(name_span),
        fields=fields,
        field_spans=spans,
        amount_yuan=amounts.get("annual_total"),
        impl_amount_yuan=amounts.get("impl_total"),
        kpis=kpis,
    )


def _department_kpis(rows: Sequence[tuple[int, Row]], claimed: set[int], report: Report) -> list[Kpi]:
    lab = labels()
    out: list[Kpi] = []
    i = 0
    while i < len(rows):
        ti, row = rows[i]
        if i in claimed or not is_kpi_header(row):
            i += 1
            continue
        j = i + 1
        while j < len(rows) and j not in claimed and rows[j][0] == ti:
            first = rows[j][1].filled
            if first and (lab.is_footer(first[0].text) or label_key(first[0].text) == "项目名称"):
                break
            j += 1
        out.extend(read_kpi_rows([r for _t, r in rows[i + 1 : j]], two_groups(row), report))
        i = j
    return out
