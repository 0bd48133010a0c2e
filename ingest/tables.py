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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from .cleaning import clean_cell
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
    >>> split_row("遗属补助\\t3.45\\t3.45\\t")
    (['遗属补助', '3.45', '3.45', ''], 'tab')
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

    Blank lines (page breaks, blanked watermarks) inside a block do not end it.
    """
    tables: list[Table] = []
    current: list[Row] = []
    start_index = 0

    def close(end_index: int) -> None:
        nonlocal current
        rows = [r for r in current if r.cells]
        layouts = {r.layout for r in current}
        if rows and not (layouts == {"space"} and len(rows) < 2):
            tables.append(Table(rows, _context(lines, start_index, context_lines)))
        current = []

    for i, line in enumerate(lines):
        if line.blank:
            continue
        row = _row(line)
        if row is None and current and current[-1].layout == "tab" and _lone_cell(line, lines, i):
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


def _short_text(text: str) -> bool:
    """A short label-like line: no sentence punctuation, no spaces, not a (year) or 表 title."""
    text = text.strip()
    if not 0 < len(text) <= 16 or text[0] in "(（" or "表" in text:
        return False
    return not any(p in text for p in "。；;，,:： ")


def _lone_cell(line: Line, lines: Sequence[Line], i: int) -> bool:
    """A short line between rows is a row of one cell (its trailing tabs were trimmed)."""
    if not _short_text(line.text):
        return False
    for later in lines[i + 1 : i + 6]:
        if later.blank:
            continue
        if split_row(later.text) is not None:
            return True
        if not _short_text(later.text):
            return False
    return False


def _context(lines: Sequence[Line], start: int, count: int) -> list[Line]:
    out: list[Line] = []
    i = start - 1
    while i >= 0 and len(out) < count:
        if not lines[i].blank:
            if split_row(lines[i].text) is not None:
                break
            out.append(lines[i])
        i -= 1
    return out[::-1]


def single_cell_table(lines: Sequence[Line], start: int, end: int) -> Table:
    """Lines ``start``..``end`` (indexes) as a table of one cell per line (blank lines skipped)."""
    rows = [
        Row(line.no, (Cell(clean_cell(line.text), line.no, 0),), "single")
        for line in lines[start:end]
        if not line.blank
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
