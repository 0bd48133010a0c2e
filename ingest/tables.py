"""A generic table reader over source lines, layout decided per block, never per file.

A row is one source line split into cells by the first layout that fits it:
markdown pipes (``| a | b |``), tabs (``a<TAB>b``), or runs of two or more spaces
(space-aligned columns; only inside a block of at least two such lines). A line that
fits none is text. Consecutive rows, across blank lines only (a page break or a
blanked watermark), form one :class:`Table`; the text lines just above it are kept as
its ``context`` (its title, 部门名称, 单位). One-cell-per-line tables need no rows:
readers that go by header words use :func:`cell_stream`, which yields every cell of
every line in reading order with its line number.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from .cleaning import clean_cell
from .labels import labels
from .lines import Line
from .records import Span

Layout = Literal["pipe", "tab", "space", "single"]

_PIPE_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-*:?\s*)*\|?\s*$")
_SPACE_SPLIT = re.compile(r"\s{2,}")


@dataclass(frozen=True)
class Cell:
    """One cell: its cleaned text, its source line and its position in the row."""

    text: str
    line: int
    col: int


@dataclass(frozen=True)
class Row:
    """One table row (one source line) with every cell, empty ones included."""

    line: int
    cells: tuple[Cell, ...]
    layout: Layout

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]

    @property
    def filled(self) -> list[Cell]:
        """The non-empty cells, in order."""
        return [c for c in self.cells if c.text]

    @property
    def first(self) -> str:
        cells = self.filled
        return cells[0].text if cells else ""


@dataclass
class Table:
    """Rows read from one block of the source, with the text lines just above it."""

    rows: list[Row]
    context: list[Line] = field(default_factory=list)

    @property
    def span(self) -> Span:
        return Span(self.rows[0].line, self.rows[-1].line)

    @property
    def title(self) -> str:
        """The context lines joined: title, 部门名称 and 单位 lines above the table."""
        return " ".join(line.text.strip() for line in self.context)


def split_row(text: str) -> tuple[list[str], Layout] | None:
    """The cells of a table line and its layout, or None for a line of text.

    A markdown separator row gives an empty cell list.

    >>> split_row("| 项目名称 | 合计 |")
    (['项目名称', '合计'], 'pipe')
    >>> split_row("某某专项经费\\t6.80\\t6.80\\t")
    (['某某专项经费', '6.80', '6.80', ''], 'tab')
    >>> split_row("|--|---|")
    ([], 'pipe')
    >>> split_row("一级指标   二级指标   指标值")
    (['一级指标', '二级指标', '指标值'], 'space')
    >>> split_row("第一部分 概况") is None
    True
    """
    stripped = text.strip()
    if not stripped:
        return None
    if stripped.startswith("|") and stripped.count("|") >= 2:
        if _PIPE_SEPARATOR.match(stripped):
            return [], "pipe"
        inner = stripped[1:-1] if stripped.endswith("|") else stripped[1:]
        return [clean_cell(c) for c in inner.split("|")], "pipe"
    if "\t" in text:
        return [clean_cell(c) for c in text.rstrip("\n").split("\t")], "tab"
    parts = _SPACE_SPLIT.split(stripped)
    if len(parts) >= 2:
        return [clean_cell(c) for c in parts], "space"
    return None


def _row(line: Line) -> Row | None:
    split = split_row(line.text)
    if split is None:
        return None
    texts, layout = split
    return Row(line.no, tuple(Cell(t, line.no, i) for i, t in enumerate(texts)), layout)


def read_tables(lines: Sequence[Line], context_lines: int = 4) -> list[Table]:
    """Every table of the document, in order; a block of space-split lines needs two rows.

    Blank lines (page breaks, blanked watermarks) and page-number lines (第 3 页, - 12 -)
    inside a block do not end it.
    """
    tables: list[Table] = []
    current: list[Row] = []
    start_index = 0

    def close(end_index: int) -> None:
        nonlocal current
        rows = [r for r in current if r.cells]
        layouts = {r.layout for r in current}
        if rows and not (layouts == {"space"} and len(rows) < 2):
            if layouts == {"space"}:
                rows = align_columns(rows, {ln.no: ln.text for ln in lines[start_index:end_index]})
            tables.append(Table(rows, _context(lines, start_index, context_lines)))
        current = []

    for i, line in enumerate(lines):
        if is_gap(line):
            continue
        row = _row(line)
        if row is None and current and current[-1].layout in ("tab", "space") and _lone_cell(line, lines, i):
            row = Row(line.no, (Cell(clean_cell(line.text), line.no, 0),), current[-1].layout)
        if row is None:
            if current:
                close(i)
            continue
        if not current:
            start_index = i
        current.append(row)
    if current:
        close(len(lines))
    return tables


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _extents(text: str) -> list[tuple[int, int]]:
    """Display columns (start, end) of the cells of a space-aligned line, CJK counting two.

    >>> _extents("合计  1.5     2")
    [(0, 4), (6, 9), (14, 15)]
    """
    return [(_width(text[: m.start()]), _width(text[: m.end()])) for m in re.finditer(r"\S+(?: \S+)*", text)]


def align_columns(rows: list[Row], texts: dict[int, str]) -> list[Row]:
    """Space-aligned rows with their cells put in the columns they stand under.

    Splitting at runs of spaces loses empty cells, so a row's third cell may belong to
    the fifth column. The columns are the spans the rows occupy (the gutters between
    them are blank in every row; failing that, in every fullest row); each cell goes to
    the column it overlaps most, and empty cells fill the gaps. When no gutters show as
    many columns as a row has cells (text running over them), the rows stay as split.
    """
    spans = {r.line: _extents(texts[r.line]) for r in rows if r.line in texts}
    if len(spans) != len(rows) or any(len(spans[r.line]) != len(r.cells) for r in rows):
        return rows
    most = max(len(s) for s in spans.values())
    columns = _columns(list(spans.values()))
    if len(columns) < most:  # a header spanning several columns hides the gutters
        columns = _columns([s for s in spans.values() if len(s) == most])
    if len(columns) < most:
        return rows
    out: list[Row] = []
    for row in rows:
        placed: dict[int, Cell] = {}
        for cell, (start, end) in zip(row.cells, spans[row.line], strict=True):
            col = max(range(len(columns)), key=lambda k: _overlap((start, end), columns[k]))
            if _overlap((start, end), columns[col]) <= 0 or col in placed:
                return rows
            placed[col] = Cell(cell.text, cell.line, col)
        cells = tuple(placed.get(k, Cell("", row.line, k)) for k in range(max(placed) + 1))
        out.append(Row(row.line, cells, row.layout))
    return out


def _columns(lines: list[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """Maximal spans of display columns covered by a cell in any of the given lines."""
    covered = sorted({x for spans in lines for start, end in spans for x in range(start, end)})
    out: list[tuple[int, int]] = []
    for x in covered:
        if out and x == out[-1][1]:
            out[-1] = (out[-1][0], x + 1)
        else:
            out.append((x, x + 1))
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def is_gap(line: Line) -> bool:
    """A line that neither holds cells nor ends a table: blank, or only a page number.

    >>> is_gap(Line(9, "－ 9 －")), is_gap(Line(9, "11/40")), is_gap(Line(9, "指标值"))
    (True, True, False)
    """
    return line.blank or labels().is_page_marker(line.text)


def _short_text(text: str) -> bool:
    """A short label-like line: no sentence punctuation, no spaces, not a (year) or 表 title."""
    text = text.strip()
    if not 0 < len(text) <= 16 or text[0] in "(（" or "表" in text:
        return False
    return not any(p in text for p in "。；;，,:： ")


def _lone_cell(line: Line, lines: Sequence[Line], i: int) -> bool:
    """A short line between rows is a row of one cell (its trailing tabs or spaces were trimmed).

    It is, when a table row follows within the next few text lines, all of them short.
    """
    if not _short_text(line.text):
        return False
    later = (ln for ln in lines[i + 1 :] if not is_gap(ln))
    for _, nxt in zip(range(5), later, strict=False):
        if split_row(nxt.text) is not None:
            return True
        if not _short_text(nxt.text):
            return False
    return False


def _context(lines: Sequence[Line], start: int, count: int) -> list[Line]:
    out: list[Line] = []
    i = start - 1
    while i >= 0 and len(out) < count:
        if not is_gap(lines[i]):
            if split_row(lines[i].text) is not None:
                break
            out.append(lines[i])
        i -= 1
    return out[::-1]


def context_of(lines: Sequence[Line], start: int, count: int = 4) -> list[Line]:
    """The text lines just above index ``start`` (title, 部门名称, 单位), up to the previous table."""
    return _context(lines, start, count)


def single_cell_table(
    lines: Sequence[Line], start: int, end: int, rows_at: Mapping[int, Row] | None = None
) -> Table:
    """Lines ``start``..``end`` (indexes) as a table of one cell per line.

    Blank lines and page numbers (第 11 页, - 9 -) are skipped, as every reader does. A
    line that is a row of another table (``rows_at``, by line number) keeps that row: a
    one-cell-per-line header may be followed by a KPI grid the export laid out in columns.
    """
    rows_at = rows_at or {}
    rows = [
        rows_at.get(line.no) or Row(line.no, (Cell(clean_cell(line.text), line.no, 0),), "single")
        for line in lines[start:end]
        if line.no in rows_at or not is_gap(line)
    ]
    return Table(rows, _context(lines, start, 4))


def cell_stream(lines: Sequence[Line]) -> Iterator[Cell]:
    """Every non-empty cell of every line, in reading order (one-cell-per-line layouts included)."""
    for line in lines:
        if line.blank:
            continue
        split = split_row(line.text)
        if split is None:
            yield Cell(clean_cell(line.text), line.no, 0)
            continue
        for col, text in enumerate(split[0]):
            if text:
                yield Cell(text, line.no, col)
