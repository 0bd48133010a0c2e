"""Project lists: 项目支出预算表 (本年预算 and 上年结转) -> one row per project, in 万元.

A list is a table whose header row starts with 项目名称 followed by 合计; rows below
it give a name and amounts (the first amount is 合计). Rows that group projects (the
department and each budget unit) are told from projects by structure: their amount
equals the sum of the rows below them up to the next group, and their name reads as an
organisation (…局, …中心, …[部门], …局本级; see :func:`.budget_units.unit_name`).
Project rows take the budget unit of the group above them, so one name under two units
stays two projects. A 功能科目 / 科目编码 column, where a list has one, gives each
project its functional classification code. A list whose title says 上年结转 marks its
projects carry-over. A list split over pages continues its unit grouping.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .amounts import parse_amount
from .budget_units import unit_name
from .cleaning import clean_cell, join_wrapped, label_key
from .labels import labels
from .lines import Line
from .records import Report, Span
from .tables import Cell, Row, Table, context_of

_TOLERANCE = 0.011


@dataclass(frozen=True)
class ListedProject:
    """One project row of a project list."""

    name: str  # line-wrap spaces removed
    name_as_written: str
    amount_wan: float | None
    budget_unit: str | None
    carry_over: bool
    span: Span
    functional_code: str | None = None  # from a 功能科目 / 科目编码 column, where the list has one


@dataclass(frozen=True)
class _Entry:
    name: str
    amount: float | None
    row: Row


_FUNCTIONAL_CODE = re.compile(r"^[\[［【(（]?\s*(\d{3}(?:\d{2}){0,2})(?!\d)")


def parse_functional_code(text: str | None) -> str | None:
    """The functional classification code (类 201, 款 20140, 项 2014001) heading a cell.

    >>> parse_functional_code("2130101"), parse_functional_code("[2080505]机关事业单位养老保险缴费")
    ('2130101', '2080505')
    >>> parse_functional_code("2130101 农业农村 行政运行"), parse_functional_code("10.00")
    ('2130101', None)
    """
    m = _FUNCTIONAL_CODE.match((text or "").strip())
    return m.group(1) if m else None


def _header_index(table: Table) -> int | None:
    lab = labels()
    for i, row in enumerate(table.rows[:4]):
        keys = [label_key(c.text) for c in row.filled]
        if keys and keys[0] in lab.project_list_header and any(k in lab.total_row for k in keys[1:3]):
            return i
    return None


def is_project_list(table: Table) -> bool:
    """True for a table headed 项目名称 | 合计 … under a project-list title (or no title)."""
    lab = labels()
    if _header_index(table) is None:
        return False
    title = label_key(table.title)
    return any(t in title for t in lab.project_list_title) or not title


def _entries(
    rows: Sequence[Row],
    report: Report,
    name_col: int = 0,
    total_col: int | None = None,
    code_col: int | None = None,
) -> list[_Entry]:
    """Rows with a name in the name column; a name alone on its line joins the next row.

    The amount is the 合计 column's where that cell holds one, else the first amount after
    the name that is not in the classification code column.
    """
    lab = labels()
    out: list[_Entry] = []
    wrapped: _Entry | None = None

    def drop(entry: _Entry | None) -> None:
        if entry is not None:
            report.add("unparsed", f"project list row without an amount: {entry.name!r}", _span(entry.row))

    for row in rows:
        first = row.cells[name_col].text if len(row.cells) > name_col else ""
        key = label_key(first)
        if (
            not first
            or parse_amount(first) is not None
            or key in lab.total_row
            or key in lab.project_list_header
        ):
            drop(wrapped)
            wrapped = None
            continue  # header continuation, column numbers (1 2 3 …) or a 合计 row
        amounts = [
            a
            for a in (parse_amount(c.text) for c in row.cells[name_col + 1 :] if c.text and c.col != code_col)
            if a is not None
        ]
        if total_col is not None and total_col < len(row.cells):
            total = parse_amount(row.cells[total_col].text)
            amounts = [total, *amounts] if total is not None else amounts
        if not amounts:
            drop(wrapped)
            wrapped = _Entry(first, None, row)
            if len(row.filled) > 1:  # a name beside other text: no wrapped name
                drop(wrapped)
                wrapped = None
            continue
        if wrapped is not None:
            report.add(
                "reconciliation",
                f"project list name {wrapped.name!r} alone on its line joined to the next row's {first!r}",
                Span(wrapped.row.line, row.line),
            )
            out.append(_Entry(wrapped.name + first, amounts[0], wrapped.row))
            wrapped = None
            continue
        out.append(_Entry(first, amounts[0], row))
    drop(wrapped)
    return out


def _group_flags(entries: list[_Entry]) -> list[bool]:
    """True for rows that group the rows below them (department and unit subtotals).

    A candidate (a row named like an organisation) groups when its amount equals the
    sum of the project rows up to the next group, or of all project rows after it.
    """
    flags = [e.amount is not None and unit_name(e.name) is not None for e in entries]
    for _ in range(2):
        new = list(flags)
        for i, e in enumerate(entries):
            if not flags[i] or e.amount is None:
                continue
            block = 0.0
            for j in range(i + 1, len(entries)):
                if flags[j]:
                    break
                block += entries[j].amount or 0.0
            rest = sum(entries[j].amount or 0.0 for j in range(i + 1, len(entries)) if not flags[j])
            tolerance = _TOLERANCE * max(1, len(entries))
            block_ok = abs(block - e.amount) <= tolerance and block > 0
            nested_ok = i + 1 < len(entries) and flags[i + 1]  # department row over unit rows
            new[i] = block_ok or (nested_ok and abs(rest - e.amount) <= tolerance)
        flags = new
    return flags


def read_project_lists(tables: Sequence[Table], report: Report) -> list[ListedProject]:
    """Every project of every project list table, in list order."""
    lab = labels()
    out: list[ListedProject] = []
    unit: str | None = None
    previous_carry: bool | None = None
    for table in tables:
        if not is_project_list(table):
            continue
        header = _header_index(table)
        assert header is not None
        carry = any(w in label_key(table.title) for w in lab.carry_over)
        if carry != previous_carry:
            unit = None
        previous_carry = carry
        header_keys = [label_key(c.text) for c in table.rows[header].cells]
        name_col = next((i for i, k in enumerate(header_keys) if k in lab.project_list_header), 0)
        total_col = next((i for i, k in enumerate(header_keys) if k in lab.total_row), None)
        code_col = next((i for i, k in enumerate(header_keys) if k in lab.project_list_code), None)
        entries = _entries(table.rows[header + 1 :], report, name_col, total_col, code_col)
        flags = _group_flags(entries)
        groups = [i for i, f in enumerate(flags) if f]
        for i, (entry, is_group) in enumerate(zip(entries, flags, strict=True)):
            name = join_wrapped(entry.name)
            if is_group:
                later_groups = [g for g in groups if g > i]
                # the outermost group (the department) is followed directly by a unit group
                if not (later_groups and later_groups[0] == i + 1):
                    unit = unit_name(name) or name
                continue
            if entry.amount is None:
                report.add(
                    "unparsed", f"project list row without an amount: {entry.name!r}", _span(entry.row)
                )
                continue
            code = _cell(entry.row, code_col)
            listed = ListedProject(name, entry.name, entry.amount, unit, carry, _span(entry.row))
            out.append(replace(listed, functional_code=parse_functional_code(code)) if code else listed)
    return out


def _cell(row: Row, col: int | None) -> str | None:
    return row.cells[col].text if col is not None and col < len(row.cells) else None


def _span(row: Row) -> Span:
    return Span(row.line, row.line)


def single_cell_lists(lines: Sequence[Line], tables: Sequence[Table], report: Report) -> list[Table]:
    """Project lists written one cell per line, outside every other table, as tables of rows.

    A list starts at a line holding only 项目名称 whose next line holds only 合计. Its
    header ends after the column numbering (1, 2, 3 …) if there is one; then each name is
    a row with the amounts that follow it (empty cells are lost in this layout, so the
    first amount is 合计). A name alone before another name is the first part of a
    wrapped name; two names with no amount after them end the list.
    """
    lab = labels()
    covered = {r.line for t in tables for r in t.rows}
    texts = [(i, ln) for i, ln in enumerate(lines) if not ln.blank and ln.no not in covered]
    out: list[Table] = []
    k = 0
    while k + 1 < len(texts):
        i, line = texts[k]
        if not (
            label_key(line.text) in lab.project_list_header
            and label_key(texts[k + 1][1].text) in lab.total_row
            and texts[k + 1][0] - i <= 2
        ):
            k += 1
            continue
        cells = _cell_run(texts, k)
        data = _after_header(cells)
        header = Row(line.no, (Cell("项目名称", line.no, 0), Cell("合计", texts[k + 1][1].no, 1)), "single")
        rows = _single_rows(data, report)
        out.append(Table([header, *rows], context_of(lines, i)))
        k += 2
    return out


def _cell_run(texts: Sequence[tuple[int, Line]], k: int) -> list[Line]:
    """The consecutive uncovered lines from ``k`` (a covered line or a gap of text ends them)."""
    run = [texts[k][1]]
    for (i_prev, _), (i, line) in zip(texts[k:], texts[k + 1 :], strict=False):
        if i - i_prev > 3:
            break
        run.append(line)
    return run


def _after_header(cells: list[Line]) -> list[Line]:
    """The cells after the header: after the column numbering 1, 2, 3…, else after the header words."""
    for n in range(min(len(cells), 30)):
        if cells[n].text.strip() == "1" and n + 1 < len(cells) and cells[n + 1].text.strip() == "2":
            m = n
            while m + 1 < len(cells) and cells[m + 1].text.strip() == str(m + 2 - n):
                m += 1
            return cells[m + 1 :]
    for n in range(len(cells) - 1):
        if parse_amount(cells[n].text) is None and parse_amount(cells[n + 1].text) is not None:
            return cells[n:]
    return []


def _single_rows(cells: list[Line], report: Report) -> list[Row]:
    rows: list[Row] = []
    n = 0
    name_parts: list[Line] = []
    while n < len(cells):
        text = clean_cell(cells[n].text)
        if parse_amount(text) is not None:
            report.add("unparsed", f"project list amount without a name: {text!r}", _span_of(cells[n]))
            n += 1
            continue
        m = n + 1
        while m < len(cells) and parse_amount(cells[m].text) is not None:
            m += 1
        if m == n + 1:
            if name_parts:
                break  # two names without an amount: the list has ended
            name_parts.append(cells[n])
            n += 1
            continue
        first = name_parts[0] if name_parts else cells[n]
        name = "".join(clean_cell(p.text) for p in name_parts) + text
        row_cells = [Cell(name, first.no, 0)]
        row_cells += [Cell(clean_cell(c.text), c.no, j + 1) for j, c in enumerate(cells[n + 1 : m])]
        rows.append(Row(first.no, tuple(row_cells), "single"))
        name_parts = []
        n = m
    return rows


def _span_of(line: Line) -> Span:
    return Span(line.no, line.no)
