"""Budget tables written one cell per line: functional rows read, the rest reported with their span.

Such an export loses the empty cells, so a row is known by its grammar, not its
columns: under the header words 科目编码 and 科目名称 (then the amount columns'
headers), each row is a classification code (201, 20140, 2014001), its name, and the
amounts that follow. A row with an amount in every column is placed column by
column; a row with fewer amounts keeps only its first, the total column (合计), which
is always filled, and the report says how many rows lost the others. A budget table
with amounts but no code header (收支总表, 经济科目表, 三公经费表) is reported unparsed
with its span, never dropped silently. The rows become a :class:`Table` that
:func:`read_budget_lines` reads like any other. For totals only, such a table is also
read as label rows (:func:`single_cell_label_tables`): 收入总计 and the amount after
it, or the 三公 table's 合计 header and the amount under it. A line stating the table's
money unit (金额单位：元) stays with its title, so its amounts are converted to 万元.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from .amounts import parse_amount
from .budget_tables import budget_words, stated_unit
from .cleaning import join_wrapped, label_key
from .labels import labels
from .lines import Line
from .records import Report, Span
from .tables import Cell, Row, Table

_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_SENTENCE = re.compile(r"[。，,；;]|^注\s*[:：]")
_META = re.compile(r"[:：]")
_WORD_GAP = re.compile(r"[\s:：]+")
_AMOUNT = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
# thousands parted by spaces (113 368 412.58): one amount, not four cells; decimals required,
# since integers parted by one space may well be cells of their own
_SPACED = re.compile(r"(?<![\d.])\d{1,3}(?: \d{3})+\.\d+(?![\d.])")


@dataclass(frozen=True)
class _Region:
    title: Line
    cells: list[Line]  # the non-blank lines after the title, up to the table's end


def is_budget_title(text: str) -> bool:
    """A line that titles a budget table (its words in data/budget_tables.json, and 表).

    >>> is_budget_title("2026年预算支出总表"), is_budget_title("预算支出总表……………3")
    (True, False)
    """
    text = text.strip()
    if "表" not in text or len(text) > 60 or re.search(r"[.…·]{2,}|\d+$", text):
        return False
    key = label_key(text)
    return any(label_key(w) in key for w in budget_words()["budget_table"])


def _regions(lines: Sequence[Line], covered: set[int]) -> list[_Region]:
    """Each budget title outside every table, with the cell lines that follow it.

    A region ends at the next title, at a line of another table, at a project table's
    first cell (项目名称) or at a sentence or note (注：…).
    """
    out: list[_Region] = []
    texts = [ln for ln in lines if not ln.blank]
    for k, line in enumerate(texts):
        if line.no in covered or not is_budget_title(line.text):
            continue
        cells: list[Line] = []
        for nxt in texts[k + 1 :]:
            text = nxt.text.strip()
            sentence = _SENTENCE.search(_AMOUNT.sub("", unicodedata.normalize("NFKC", text)))  # not 18,642.50
            if nxt.no in covered or is_budget_title(text) or sentence:
                break
            if label_key(text) in labels().project_list_header:
                break
            cells.append(nxt)
        out.append(_Region(line, cells))
    return out


def _context(region: _Region) -> list[Line]:
    """The title and the lines stating the money unit (单位：… 金额单位：元), which name no cell."""
    return [region.title, *(c for c in region.cells if stated_unit(c.text, bracketed=False) is not None)]


def _header(cells: Sequence[Line]) -> tuple[Line, int, list[str]] | None:
    """(the 科目编码 line, index of the first body cell, amount column headers); None without them."""
    words = budget_words()
    codes = {label_key(w) for w in words["code_header"]}
    names = {label_key(w) for w in words["name_header"]}
    totals = {label_key(w) for w in words["total"]}
    for i in range(len(cells) - 1):
        if label_key(cells[i].text) in codes and label_key(cells[i + 1].text) in names:
            heads: list[str] = []
            j = i + 2
            while j < len(cells) and parse_amount(cells[j].text) is None:
                heads.append(join_wrapped(cells[j].text))
                j += 1
            # a total word closing the header is the 合计 row's label when the header has its own
            if len(heads) >= 2 and label_key(heads[-1]) in totals and label_key(heads[0]) in totals:
                heads.pop()
                j -= 1
            return cells[i], j, heads
    return None


def _amounts_end(cells: Sequence[Line], m: int) -> int:
    """The index after the run of amounts from ``m``; a code followed by a name starts the next row."""
    while m < len(cells) and parse_amount(cells[m].text) is not None:
        next_is_name = m + 1 < len(cells) and parse_amount(cells[m + 1].text) is None
        if _CODE.match(cells[m].text.strip()) and next_is_name:
            break
        m += 1
    return m


def _rows(cells: Sequence[Line], start: int) -> list[tuple[Line, str, str, list[Line]]]:
    """(first line, code or total word, name, amount lines): a total row, then the code rows."""
    totals = {label_key(w) for w in budget_words()["total"]}
    out: list[tuple[Line, str, str, list[Line]]] = []
    n = start
    if n < len(cells) and label_key(cells[n].text) in totals:
        m = _amounts_end(cells, n + 1)
        out.append((cells[n], cells[n].text.strip(), "", list(cells[n + 1 : m])))
        n = m
    while n + 1 < len(cells) and _CODE.match(cells[n].text.strip()):
        m = n + 1
        while m < len(cells) and parse_amount(cells[m].text) is None:
            m += 1
        if m == n + 1:
            break
        name = join_wrapped("".join(c.text.strip() for c in cells[n + 1 : m]))
        end = _amounts_end(cells, m)
        out.append((cells[n], cells[n].text.strip(), name, list(cells[m:end])))
        n = end
    return out


def _table(region: _Region, report: Report) -> Table | None:
    found = _header(region.cells)
    if found is None:
        return None
    header_line, start, heads = found
    header = Row(
        header_line.no,
        (
            Cell("科目编码", header_line.no, 0),
            Cell("科目名称", header_line.no, 1),
            *(Cell(h, header_line.no, 2 + k) for k, h in enumerate(heads)),
        ),
        "single",
    )
    rows: list[Row] = [header]
    partial = 0
    for first, code, name, amounts in _rows(region.cells, start):
        lead = [Cell(code, first.no, 0), Cell(name, first.no, 1)] if name else [Cell(code, first.no, 0)]
        if len(amounts) == len(heads):
            placed = [Cell(a.text.strip(), a.no, 2 + k) for k, a in enumerate(amounts)]
        else:
            partial += 1
            placed = [Cell(amounts[0].text.strip(), amounts[0].no, 2)] if amounts else []
            if not name:  # a total row whose columns cannot be told apart is left out
                continue
        rows.append(Row(first.no, (*lead, *placed), "single"))
    if len(rows) == 1:
        return None
    span = Span(region.cells[0].no, rows[-1].line)
    report.add("info", f"budget table written one cell per line read: {region.title.text.strip()}", span)
    if partial:
        report.add(
            "unparsed",
            f"{region.title.text.strip()}: {partial} row(s) with fewer amounts than columns"
            " (empty cells lost); only their first (total) column kept",
            span,
        )
    return Table(rows, _context(region))


def _label_rows(heads: Sequence[Line], amounts: Sequence[Line]) -> list[Row]:
    """Rows for a run of label lines followed by a run of amount lines.

    Where a total word (合计) stands before the last label, the labels from it on are
    column headers and the amounts a row under them (the 三公经费 table: 合计 | 因公出国
    （境）费 | … then 4.50 | 0.00 | …); a last label that is itself a total word labels
    that row. Otherwise the last label is the amounts' row label (收入总计 18,642.50) and
    the labels before it are rows without amounts.
    """
    totals = {label_key(w) for w in budget_words()["total"]}

    def row(cells: Sequence[tuple[Line, int]]) -> Row:
        return Row(cells[0][0].no, tuple(Cell(c.text.strip(), c.no, col) for c, col in cells), "single")

    at = max((k for k, h in enumerate(heads[:-1]) if label_key(h.text) in totals), default=None)
    if at is None:
        lead = [row([(h, 0)]) for h in heads[:-1]]
        label = [(heads[-1], 0)] if heads else []
        return [*lead, row([*label, *((a, len(label) + k) for k, a in enumerate(amounts))])]
    columns = list(heads[at:])
    label = [(columns.pop(), 0)] if label_key(columns[-1].text) in totals else []
    lead = [row([(h, 0)]) for h in heads[:at]]
    header = row([(h, len(label) + k) for k, h in enumerate(columns)])
    values = row([*label, *((a, len(label) + k) for k, a in enumerate(amounts))])
    return [*lead, header, values]


def _pieces(line: Line) -> list[Line]:
    """A line of several cells parted by single spaces (收入总计 18,642.50; 合计 因公出国（境）费 …)
    as one line per cell: each amount alone, the words between amounts joined. A line
    with neither an amount nor a total word among its words is one cell (收 入 总 计); one
    with a colon and no amount is the table's context (单位：万元) and no cell at all.

    >>> [p.text for p in _pieces(Line(3, "一、一般公共预算拨款 18,642.50 一、社会保障和就业支出 18,203.14"))]
    ['一、一般公共预算拨款', '18,642.50', '一、社会保障和就业支出', '18,203.14']
    >>> [p.text for p in _pieces(Line(3, "收 入 总 计"))]
    ['收 入 总 计']
    >>> [p.text for p in _pieces(Line(4, "收入总计 113 368 412.58"))]
    ['收入总计', '113368412.58']
    """
    words = _WORD_GAP.split(_SPACED.sub(lambda m: m.group().replace(" ", ""), line.text.strip()))
    totals = {label_key(w) for w in budget_words()["total"]}
    amounts = [parse_amount(w) is not None for w in words]
    if not any(amounts) and _META.search(line.text):
        return []  # the table's context (单位：万元, 部门名称：…), not a cell
    if not any(amounts) and not any(label_key(w) in totals for w in words):
        return [line]
    out: list[Line] = []
    label: list[str] = []
    for word, amount in zip(words, amounts, strict=True):
        if amount or label_key(word) in totals:  # a total word is a cell of its own
            if label:
                out.append(Line(line.no, " ".join(label)))
                label = []
            out.append(Line(line.no, word))
        else:
            label.append(word)
    if label:
        out.append(Line(line.no, " ".join(label)))
    return out


def _label_table(region: _Region) -> Table | None:
    """A budget table without a code header, written one cell per line, as label rows.

    Empty cells are lost in this layout, so its rows are known only by label and the
    amounts right after it; enough for totals (收入总计, the 三公 合计), not for budget
    lines.
    """
    rows: list[Row] = []
    heads: list[Line] = []
    cells = [p for c in region.cells if not labels().is_page_marker(c.text) for p in _pieces(c)]
    i = 0
    while i < len(cells):
        if parse_amount(cells[i].text) is None:
            heads.append(cells[i])
            i += 1
            continue
        j = i
        while j < len(cells) and parse_amount(cells[j].text) is not None:
            j += 1
        rows.extend(_label_rows(heads, cells[i:j]))
        heads, i = [], j
    if not rows:
        return None
    rows.extend(Row(h.no, (Cell(h.text.strip(), h.no, 0),), "single") for h in heads)
    return Table(rows, _context(region))


def single_cell_label_tables(lines: Sequence[Line], tables: Sequence[Table]) -> list[Table]:
    """Budget tables without a code header (收支总表, 三公经费表) written one cell per line,
    as label rows for reading totals (see :func:`_label_table`); never budget lines."""
    covered = {r.line for t in tables for r in t.rows}
    out: list[Table] = []
    for region in _regions(lines, covered):
        if _header(region.cells) is None:
            table = _label_table(region)
            if table is not None:
                out.append(table)
    return out


def single_cell_budget_tables(lines: Sequence[Line], tables: Sequence[Table], report: Report) -> list[Table]:
    """Budget tables outside every other table, written one cell per line (see the module doc)."""
    covered = {r.line for t in tables for r in t.rows}
    out: list[Table] = []
    for region in _regions(lines, covered):
        table = _table(region, report)
        if table is not None:
            out.append(table)
        elif any(parse_amount(c.text) is not None for c in region.cells):
            span = Span(region.title.no, region.cells[-1].no)
            report.add(
                "unparsed",
                f"budget table written one cell per line not read: {region.title.text.strip()}",
                span,
            )
    return out
