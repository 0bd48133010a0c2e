"""Budget tables (收支总表, 收入总表, 支出总表, 经济科目表, 三公经费表) -> rows and totals (万元).

Tables are recognised by the words of their title (data/budget_tables.json), rows by
their first cells: a functional classification code (201, 20140, 2014001) and its
name, or, in an economic classification table, a name. Amounts are paired with the
header word of their column where the header row gives one. A total is the amount
beside its label, or below it where the label heads a column (合计 | 因公出国（境）费 …).

Amounts are converted to 万元 from the money unit each table states (金额单位：元 above
it or in its first rows, a header such as 合计（元）), else from a statement the document
makes for the tables after it (以下金额单位均为元); a table stating none is in 万元.
A 决算 收支总表 may have no 收入总计 row: there the 总计 row gives the income total.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from typing import Any

from .amounts import parse_amount
from .cleaning import join_wrapped, label_key
from .lines import Line
from .paragraphs import paragraphs
from .records import BudgetLine, Report, Span
from .tables import Row, Table

_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_SENTENCE = re.compile(r"[。，,；;]")
_CJK = "\u4e00-\u9fff"
_WAN_DIGITS = 6  # 元 to 万元 keeps every fen


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


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _unit_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a unit statement: 金额单位：元, 单位均为万元; a bracketed unit: 合计（元）, （单位：万元）)."""
    words = budget_words()
    unit = _alternation(words["money_units"])
    label = _alternation(words["money_unit_labels"])
    filler = r"(?:均为|均以|均|为|是)?"
    after = rf"(?![{_CJK}/])"  # 元 of 元旦 or 元/人 is no money unit
    stated = re.compile(rf"(?:{label})\s*[:：]?\s*{filler}\s*(?:人民币)?\s*({unit}){after}")
    bracketed = re.compile(rf"[（(]\s*(?:(?:{label})\s*[:：]?\s*)?({unit})\s*[）)]")
    return stated, bracketed


def stated_unit(text: str, bracketed: bool = True) -> tuple[str, float] | None:
    """The money unit a line or cell states and its factor to 万元; None where it states none.

    >>> stated_unit("单位：湖北省某某中心    金额单位：元"), stated_unit("合计（万元）")
    (('元', 0.0001), ('万元', 1))
    >>> stated_unit("单位：某某局"), stated_unit("元旦慰问"), stated_unit("项目资金（元）", bracketed=False)
    (None, None, None)
    """
    stated, brackets = _unit_patterns()
    m = stated.search(text) or (brackets.search(text) if bracketed else None)
    if m is None:
        return None
    factor = budget_words()["money_units"][m.group(1)]
    return m.group(1), factor


def table_unit(table: Table, lines: Sequence[Line] = ()) -> tuple[str, float] | None:
    """The money unit of a budget table: stated above it or in its header rows, else by the
    last statement of the document above it that speaks for the tables after it (以下…均为元);
    None where nothing states one (万元 then)."""
    texts = [ln.text for ln in table.context if not _SENTENCE.search(ln.text)]
    texts += [c.text for row in _header_rows(table)[:4] for c in row.filled]
    texts += [ln.text for ln in table.context if _SENTENCE.search(ln.text)]
    for text in texts:
        found = stated_unit(text, bracketed=not _SENTENCE.search(text))
        if found is not None:
            return found
    first = table.rows[0].line if table.rows else 0
    scope = budget_words()["money_unit_scope"]
    found = None
    for line in lines:
        if line.no >= first:
            break
        if any(w in line.text for w in scope):
            found = stated_unit(line.text, bracketed=False) or found
    return found


def to_wan(value: float | None, factor: float) -> float | None:
    """An amount in a table's unit as 万元 (``factor`` from :func:`table_unit`).

    >>> to_wan(113368412.58, 0.0001), to_wan(9.86, 1), to_wan(None, 0.0001)
    (11336.841258, 9.86, None)
    """
    if value is None or factor == 1:
        return value
    return round(value * factor, _WAN_DIGITS)


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


def _amounts(row: Row, header: dict[int, str], skip: int, factor: float = 1) -> tuple[tuple[str, float], ...]:
    pairs: list[tuple[str, float]] = []
    for c in row.cells[skip:]:
        value = to_wan(parse_amount(c.text), factor)
        if value is not None:
            pairs.append((header.get(c.col, f"col{c.col}"), value))
    return tuple(pairs)


def read_budget_lines(
    tables: Sequence[Table], report: Report, lines: Sequence[Line] = ()
) -> list[BudgetLine]:
    """Classification rows of every budget table (functional codes; economic names), in 万元."""
    out: list[BudgetLine] = []
    for table in tables:
        title = table.title
        if not _has(title, "budget_table"):
            continue
        economic = _has(title, "economic")
        header = _header(table)
        name = _title_name(table)
        unit = table_unit(table, lines)
        factor = unit[1] if unit else 1
        before = len(out)
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
                        _amounts(row, header, 2, factor),
                    )
                )
            elif economic and parse_amount(first) is None and label_key(first) not in _total_words():
                amounts = _amounts(row, header, 1, factor)
                if amounts:
                    out.append(BudgetLine(name, join_wrapped(first), _span(row), None, "economic", amounts))
        if unit and factor != 1 and len(out) > before:
            report.add("info", f"{name}: budget lines in {unit[0]} converted to 万元", table.span)
    return out


def _total_words() -> set[str]:
    return {label_key(w) for w in budget_words()["total"]}


def _title_name(table: Table) -> str:
    """The line naming the budget table, its gaps (a tab after 表2) one space each."""
    for line in table.context:
        if _has(line.text, "budget_table"):
            return " ".join(line.text.split())
    return " ".join(table.title.split())


def _span(row: Row) -> Span:
    return Span(row.line, row.line)


def read_totals(
    tables: Sequence[Table], report: Report, kind: str | None = None, lines: Sequence[Line] = ()
) -> BudgetTotals:
    """收入总计, 基本支出, 项目支出 and 三公经费 from the budget tables.

    收入总计 is read from any table, beside its label or, where the label heads a
    column, below it (see :func:`labelled_value`). ``kind`` (预算 or 决算) picks the
    column group of a table comparing 预算数 and 决算数; without it the table's title
    decides. ``lines`` (the document's) let a note under an empty table (本表无数据)
    be seen. A table of contents read as a table is never a budget table. Every total
    is in 万元: a table in 元 (see :func:`table_unit`) is converted, and the report says so.
    """
    totals = BudgetTotals()
    words = budget_words()
    income = {label_key(w) for w in words["income_total"]}
    grand = {label_key(w) for w in words["income_table_total"]}
    for table in tables:
        if is_toc(table):
            continue
        unit = table_unit(table, lines)
        factor = unit[1] if unit else 1
        before = asdict(totals)
        if totals.budget_total_wan is None:
            value = labelled_value(table, income)
            if value is None and _titled(table, "income_table"):  # a 决算 总表: 总计, no 收入总计
                value = labelled_value(table, grand)
            totals.budget_total_wan = to_wan(value, factor)
        if _titled(table, "expenditure_total") and totals.basic_expenditure_wan is None:
            _expenditure(table, totals, report, factor)
        if _titled(table, "three_public") and totals.three_public_wan is None:
            _three_public(table, totals, kind, lines, factor)
        if unit and factor != 1 and asdict(totals) != before:
            report.add(
                "info",
                f"{_title_name(table) or 'budget table'}: totals in {unit[0]} converted to 万元",
                table.span,
            )
    if totals.three_public_wan is None and kind is not None and _has(kind, "final_kind"):
        totals.three_public_wan = prose_three_public(lines)
        if totals.three_public_wan is not None:
            report.add(
                "info", f"三公经费 {totals.three_public_wan:g} 万元 read from a sentence (no 三公 table)"
            )
    return totals


def prose_three_public(lines: Sequence[Line]) -> float | None:
    """The 三公 total a 决算 states in a sentence where it prints no table, in 万元.

    >>> from budgetkg.ingest.lines import Line
    >>> prose_three_public([Line(1, "2021年度“三公”经费财政拨款支出决算为1.26万元，其中…")])
    1.26
    >>> prose_three_public([Line(1, "本年“三公”经费支出 8 200.00元。")])
    0.82
    """
    words = budget_words()
    label = _alternation(words["three_public_prose"])
    fillers = _alternation(words["three_public_prose_fillers"])
    pattern = re.compile(
        rf"(?:{label})(?:{fillers}|\s)*(\d[\d,]*(?:[ \u00a0]\d{{3}})*(?:\.\d+)?)\s*(万元|元)"
    )
    for para in paragraphs(lines):  # a sentence the export wrapped is read whole
        m = pattern.search(para.text)
        if m:
            value = float(re.sub(r"[,\s\u00a0]", "", m.group(1)))
            return value if m.group(2) == "万元" else round(value / 10000, _WAN_DIGITS)
    return None


_DOT_LEADER = re.compile(r"[.…·]{3,}")


def is_toc(table: Table) -> bool:
    """A table of contents split into cells: under a 目录 heading, or most rows part
    headings (第三部分 | …说明) or entries with dot leaders (…预算表……13).

    >>> from budgetkg.ingest.tables import Cell, Row, Table
    >>> rows = [Row(n, (Cell(p, n, 0), Cell("情况说明", n, 1)), "space") for n, p in ((1, "第三部分"), (2, "第四部分"))]
    >>> is_toc(Table(rows)), is_toc(Table(rows[:1] + [Row(3, (Cell("合计", 3, 0), Cell("4.50", 3, 1)), "space")] * 2))
    (True, False)
    """
    words = budget_words()
    heading = {label_key(w) for w in words["toc_heading"]}
    first = next((r for r in table.rows if r.filled), None)
    if any(label_key(line.text) in heading for line in table.context) or (
        first is not None
        and label_key("".join(c.text for c in first.filled)) in heading  # 目  录 split in two
    ):
        return True
    entry = re.compile(words["toc_entry"])

    def entry_row(row: Row) -> bool:
        return any(_DOT_LEADER.search(c.text) or entry.match(label_key(c.text)) for c in row.filled)

    rows = [r for r in table.rows if r.filled]
    if rows and sum(r.filled[-1].text.strip().isdigit() for r in rows) >= 0.8 * len(rows):
        return True  # entries ending in their page numbers
    return bool(rows) and 2 * sum(map(entry_row, rows)) >= len(rows)


def _titled(table: Table, key: str) -> bool:
    """A title line above the table names it (a sentence mentioning the words does not)."""
    return any(_has(line.text, key) and not _SENTENCE.search(line.text) for line in table.context)


def _row_amounts(row: Row) -> list[tuple[int, float]]:
    return [(c.col, v) for c in row.filled if (v := parse_amount(c.text)) is not None]


def labelled_value(table: Table, words: set[str], cols: range | None = None) -> float | None:
    """The amount a label (folded, one of ``words``) gives, in any layout of the table.

    In a row with amounts, the first amount right of the label (收入总计 | 18,642.50);
    in a row without any (a header row: 合计 | 因公出国（境）费 | …), the amount in the
    label's column of the first row below that has amounts. With ``cols``, only
    amounts (and column labels) in those columns count.

    >>> from budgetkg.ingest.tables import Cell, Row, Table
    >>> head = Row(1, (Cell("合计", 1, 0), Cell("公务接待费", 1, 1)), "pipe")
    >>> body = Row(2, (Cell("4.50", 2, 0), Cell("1.50", 2, 1)), "pipe")
    >>> labelled_value(Table([head, body]), {"合计"})
    4.5
    """
    within = cols if cols is not None else range(0, 1 << 30)
    for r, row in enumerate(table.rows):
        amounts = _row_amounts(row)
        for cell in row.filled:
            if label_key(cell.text) not in words:
                continue
            if amounts:
                right = [v for col, v in amounts if col > cell.col and col in within]
                if right:
                    return right[0]
                continue
            if cell.col not in within:
                continue
            below = next((a for a in map(_row_amounts, table.rows[r + 1 :]) if a), [])
            value = next((v for col, v in below if col == cell.col), None)
            if value is not None:
                return value
    return None


def _header_rows(table: Table) -> list[Row]:
    """The rows above the first row with amounts."""
    out: list[Row] = []
    for row in table.rows:
        if _row_amounts(row):
            break
        out.append(row)
    return out


def _has_word(text: str, key: str) -> bool:
    folded = label_key(text)
    return any(label_key(w) in folded for w in budget_words()[key])


def _expenditure(table: Table, totals: BudgetTotals, report: Report, factor: float = 1) -> None:
    """基本支出 and 项目支出 from the total row of the expenditure table.

    Amounts are placed under the header's amount columns (合计 | 基本支出 | 项目支出 …).
    Where the row's amounts start left of them (科目编码 and 科目名称 merged into the
    label: 合计 | 38,562.40 | 6,215.80 | 32,346.60), they are shifted right to start
    under the first; a placement where 合计 is not the sum of its parts loses to one
    where it is, the cells aligned from the right. An empty cell gives None, never 0.
    """
    header = _header(table)
    total_words = _total_words()
    kinds = {
        "total": [c for c, w in header.items() if any(t in label_key(w) for t in total_words)],
        "basic": [c for c, w in header.items() if _has_word(w, "basic")],
        "project": [c for c, w in header.items() if _has_word(w, "project")],
    }
    kinds["basic"] = [c for c in kinds["basic"] if c not in kinds["total"]]
    kinds["project"] = [c for c in kinds["project"] if c not in kinds["total"]]
    if not kinds["basic"] and not kinds["project"]:
        return
    first = min(c for cs in kinds.values() for c in cs)
    last = max(header)
    for row in table.rows:
        label = next((c for c in row.filled if label_key(c.text) in total_words), None)
        if label is None or label.col >= first or not _row_amounts(row):
            continue
        cells = [c for c in row.cells if c.col > label.col]
        while cells and not cells[-1].text:
            cells.pop()
        if not cells:
            continue
        lead = next(c.col for c in cells if c.text)
        shift = max(0, first - lead)
        left = {c.col + shift: parse_amount(c.text) for c in cells}
        right = {last - (len(cells) - 1 - k): parse_amount(c.text) for k, c in enumerate(cells)}
        placed = next((p for p in (left, right) if _adds_up(p, kinds)), left)
        if _checkable(placed, kinds) and not _adds_up(placed, kinds):
            report.add(
                "warning",
                f"expenditure total row does not add up: {' | '.join(c.text for c in row.filled)}",
                _span(row),
            )
        totals.basic_expenditure_wan = to_wan(_pick_col(placed, kinds["basic"]), factor)
        totals.project_expenditure_wan = to_wan(_pick_col(placed, kinds["project"]), factor)
        return


def _pick_col(placed: dict[int, float | None], cols: list[int]) -> float | None:
    return placed.get(cols[0]) if cols else None


def _checkable(placed: dict[int, float | None], kinds: dict[str, list[int]]) -> bool:
    return all(_pick_col(placed, kinds[k]) is not None for k in ("total", "basic", "project"))


def _adds_up(placed: dict[int, float | None], kinds: dict[str, list[int]]) -> bool:
    """合计 equals the sum of every other amount column (基本支出 + 项目支出 + …)."""
    if not _checkable(placed, kinds):
        return False
    total_col = kinds["total"][0]
    total = placed[total_col] or 0.0
    parts = sum(v for c, v in placed.items() if c > total_col and v is not None)
    return abs(total - parts) <= 0.011 * max(1, len(placed) - 1)


def _group_words() -> dict[str, set[str]]:
    groups: dict[str, list[str]] = budget_words()["column_group"]
    return {tag: {label_key(w) for w in ws} for tag, ws in groups.items()}


_YEAR = re.compile(r"((?:19|20)\d{2})年度?")


def _group_tags(text: str) -> tuple[set[str], int] | None:
    """The tags (决算, 预算, 上年, 本年, change) and year of a column-group header cell
    (2026年预算数, 上年决算数, 增减); None for a cell that is no group header."""
    key = label_key(text)
    m = _YEAR.match(key)
    year = int(m.group(1)) if m else 0
    rest = key[m.end() :] if m else key
    words = _group_words()
    tags: set[str] = set()
    while rest:  # the cell is a run of group words (上年, 预算数, 增减) and nothing else
        word = max((w for ws in words.values() for w in ws if rest.startswith(w)), key=len, default="")
        if not word:
            if rest == "数":
                break
            return None
        tags |= {tag for tag, ws in words.items() if word in ws}
        rest = rest[len(word) :]
    return (tags, year) if tags or year else None


def _group_rank(tags: set[str], year: int, kind: str) -> tuple[bool, int, bool, int]:
    """Not a change column, then the document's kind, then this year (本年, the later year)."""
    kind_score = 1 if kind in tags else (-1 if tags & {"预算", "决算"} else 0)
    return ("change" not in tags, kind_score, "上年" not in tags, year)


def _group_columns(table: Table, kind: str) -> range | None:
    """The columns under the preferred group header of a table comparing groups
    (预算数 | 决算数, 上年 | 本年, 2025年 | 2026年), ranked by :func:`_group_rank`."""
    for row in _header_rows(table):
        tagged = [(c.col, t) for c in row.filled if (t := _group_tags(c.text)) is not None]
        if len(tagged) < 2:
            continue
        best = max(range(len(tagged)), key=lambda i: _group_rank(*tagged[i][1], kind))
        end = tagged[best + 1][0] if best + 1 < len(tagged) else 1 << 30
        return range(tagged[best][0], end)
    return None


def _says_empty(table: Table, lines: Sequence[Line]) -> bool:
    """The table, its title lines or a note right under it say it has no data (本表无数据)."""
    end = table.rows[-1].line if table.rows else 0
    texts = [c.text for r in table.rows for c in r.filled] + [ln.text for ln in table.context]
    texts += [ln.text for ln in lines if end < ln.no <= end + 3]
    return any(_has_word(t, "empty_table") for t in texts)


def _three_public(
    table: Table, totals: BudgetTotals, kind: str | None, lines: Sequence[Line], factor: float = 1
) -> None:
    """The 合计 amount, as a row label or as a column header, in the column group of the
    document's kind (决算数 in a 决算) and year (本年); 0 only where the table says it is
    empty (本表无数据), never for a table without amounts."""
    if kind is None:
        kind = "决算" if _has(table.title, "final_kind") else "预算"
    cols = _group_columns(table, kind)
    value = labelled_value(table, _total_words(), cols)
    if value is None and cols is not None:  # a group without its own 合计: its first column
        below = next((a for a in map(_row_amounts, table.rows) if a), [])
        value = next((v for col, v in below if col == cols.start), None)
    if value is not None:
        totals.three_public_wan = to_wan(value, factor)
    elif not any(_row_amounts(row) for row in table.rows) and _says_empty(table, lines):
        totals.three_public_wan = 0.0
