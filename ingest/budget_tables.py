"""Budget tables (收支总表, 收入总表, 支出总表, 经济科目表, 三公经费表) -> rows and totals (万元).

Tables are recognised by the words of their title (data/budget_tables.json), rows by
their first cells: a functional classification code (201, 20140, 2014001) and its
name, or, in an economic classification table, a name. Amounts are paired with the
header word of their column where the header row gives one. A total is the amount
beside its label, or below it where the label heads a column (合计 | 因公出国（境）费 …).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from .amounts import parse_amount
from .cleaning import join_wrapped, label_key
from .records import BudgetLine, Report, Span
from .tables import Row, Table

_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_SENTENCE = re.compile(r"[。，,；;]")


@dataclass
class BudgetTotals:
    """Totals read from the tables; None where no table gives them."""

    budget_total_wan: float | None = None  # 收入总计
    basic_expenditure_wan: float | None = None  # 基本支出
    project_expenditure_wan: float | None = None  # 项目支出
    three_public_wan: float | None = None  # 三公经费


@cache
def budget_words() -> dict[str, Any]:
    """The words of data/budget_tables.json, by role.

    >>> "科目编码" in budget_words()["code_header"]
    True
    """
    raw = resources.files("budgetkg.ingest").joinpath("data/budget_tables.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


def _has(text: str, key: str) -> bool:
    folded = label_key(text)
    return any(label_key(w) in folded for w in budget_words()[key])


def is_budget_table(table: Table) -> bool:
    """True for a table whose title names a budget table (收支总表, 经济科目表, 三公…)."""
    return _has(table.title, "budget_table")


def _header(table: Table) -> dict[int, str]:
    """Column index -> header word, from the header rows above the first data row."""
    out: dict[int, str] = {}
    for row in table.rows[:4]:
        if any(parse_amount(c.text) is not None for c in row.filled[1:]):
            break
        for c in row.filled:
            out[c.col] = join_wrapped(c.text)
    return out


def _amounts(row: Row, header: dict[int, str], skip: int) -> tuple[tuple[str, float], ...]:
    pairs: list[tuple[str, float]] = []
    for c in row.cells[skip:]:
        value = parse_amount(c.text)
        if value is not None:
            pairs.append((header.get(c.col, f"col{c.col}"), value))
    return tuple(pairs)


def read_budget_lines(tables: Sequence[Table], report: Report) -> list[BudgetLine]:
    """Classification rows of every budget table (functional codes; economic names)."""
    out: list[BudgetLine] = []
    for table in tables:
        title = table.title
        if not _has(title, "budget_table"):
            continue
        economic = _has(title, "economic")
        header = _header(table)
        name = _title_name(table)
        for row in table.rows:
            cells = row.cells
            if not cells or not cells[0].text:
                continue
            first = cells[0].text.strip()
            if _CODE.match(first) and len(cells) > 1:
                out.append(
                    BudgetLine(
                        name,
                        join_wrapped(cells[1].text),
                        _span(row),
                        first,
                        "functional",
                        _amounts(row, header, 2),
                    )
                )
            elif economic and parse_amount(first) is None and label_key(first) not in _total_words():
                amounts = _amounts(row, header, 1)
                if amounts:
                    out.append(BudgetLine(name, join_wrapped(first), _span(row), None, "economic", amounts))
    return out


def _total_words() -> set[str]:
    return {label_key(w) for w in budget_words()["total"]}


def _title_name(table: Table) -> str:
    for line in table.context:
        if _has(line.text, "budget_table"):
            return line.text.strip()
    return table.title


def _span(row: Row) -> Span:
    return Span(row.line, row.line)


def read_totals(tables: Sequence[Table], report: Report) -> BudgetTotals:
    """收入总计, 基本支出, 项目支出 and 三公经费 from the budget tables.

    收入总计 is read from any table, beside its label or, where the label heads a
    column, below it (see :func:`labelled_value`).
    """
    totals = BudgetTotals()
    income = {label_key(w) for w in budget_words()["income_total"]}
    for table in tables:
        if totals.budget_total_wan is None:
            totals.budget_total_wan = labelled_value(table, income)
        if _titled(table, "expenditure_total") and totals.basic_expenditure_wan is None:
            _expenditure(table, totals)
        if _titled(table, "three_public") and totals.three_public_wan is None:
            _three_public(table, totals, report)
    return totals


def _titled(table: Table, key: str) -> bool:
    """A title line above the table names it (a sentence mentioning the words does not)."""
    return any(_has(line.text, key) and not _SENTENCE.search(line.text) for line in table.context)


def _row_amounts(row: Row) -> list[tuple[int, float]]:
    return [(c.col, v) for c in row.filled if (v := parse_amount(c.text)) is not None]


def labelled_value(table: Table, words: set[str]) -> float | None:
    """The amount a label (folded, one of ``words``) gives, in any layout of the table.

    In a row with amounts, the first amount right of the label (收入总计 | 18,642.50);
    in a row without any (a header row: 合计 | 因公出国（境）费 | …), the amount in the
    label's column of the first row below that has amounts.

    >>> from budgetkg.ingest.tables import Cell, Row, Table
    >>> head = Row(1, (Cell("合计", 1, 0), Cell("公务接待费", 1, 1)), "pipe")
    >>> body = Row(2, (Cell("4.50", 2, 0), Cell("1.50", 2, 1)), "pipe")
    >>> labelled_value(Table([head, body]), {"合计"})
    4.5
    """
    for r, row in enumerate(table.rows):
        amounts = _row_amounts(row)
        for cell in row.filled:
            if label_key(cell.text) not in words:
                continue
            if amounts:
                right = [v for col, v in amounts if col > cell.col]
                if right:
                    return right[0]
                continue
            below = next((a for a in map(_row_amounts, table.rows[r + 1 :]) if a), [])
            value = next((v for col, v in below if col == cell.col), None)
            if value is not None:
                return value
    return None


def _expenditure(table: Table, totals: BudgetTotals) -> None:
    header = _header(table)
    basic = [col for col, word in header.items() if label_key(word) == "基本支出"]
    project = [col for col, word in header.items() if label_key(word) == "项目支出"]
    for row in table.rows:
        if row.cells and label_key(row.cells[0].text) in _total_words():
            by_col = {c.col: parse_amount(c.text) for c in row.cells}
            if basic:
                totals.basic_expenditure_wan = by_col.get(basic[0]) or 0.0
            if project:
                totals.project_expenditure_wan = by_col.get(project[0]) or 0.0
            return


def _three_public(table: Table, totals: BudgetTotals, report: Report) -> None:
    """The 合计 amount, as a row label or as a column header; no amount at all (本表无数据) means 0."""
    value = labelled_value(table, _total_words())
    if value is not None:
        totals.three_public_wan = value
    elif not any(_row_amounts(row) for row in table.rows):
        totals.three_public_wan = 0.0
