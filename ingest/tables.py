"""A generic table reader over source lines, layout decided per block, never per file.

A row is one source line split into cells by the first layout that fits it:
markdown pipes (``| a | b |``), tabs (``a<TAB>b``), or runs of two or more spaces
(space-aligned columns; only inside a block of at least two such lines). A line that
fits none is text. Consecutive rows, across blank lines only (a page break or a
blanked watermark), form one :class:`Table`; the text lines just above it are kept as
its ``context`` (its title, 部门名称, 单位). A long cell the export wrapped onto lines
of its own (no tabs, no leading pipe) is joined back to that cell when the cell is
left unfinished (see :func:`continue_row`). One-cell-per-line tables need no rows:
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
    through: int | None = None  # the last source line, when a cell wrapped onto later lines

    @property
    def lines(self) -> range:
        """Every source line the row was read from (a wrapped cell's continuation lines too)."""
        return range(self.line, (self.through or self.line) + 1)

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
    def line_numbers(self) -> set[int]:
        """Every source line read into the table, continuation lines of wrapped cells included."""
        return {n for r in self.rows for n in r.lines}

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
        if current:
            joined = continue_row(current[-1], line, _resumes(lines, i))
            if joined is not None:
                current[-1] = joined
                continue
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


# Bracket pairs by kind, full- and half-width alike: a wrapped cell often breaks inside one.
_BRACKETS = {
    **dict.fromkeys("（(", ("round", True)),
    **dict.fromkeys("）)", ("round", False)),
    **dict.fromkeys("〔[［【", ("square", True)),
    **dict.fromkeys("〕]］】", ("square", False)),
    "《": ("title", True),
    "》": ("title", False),
    "“": ("quote", True),
    "”": ("quote", False),
    "「": ("corner", True),
    "」": ("corner", False),
}
_SENTENCE_END = "。；;！!？?"
_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|第\S{1,3}部分|\d+[、．.])"
)
_WRAPPED_MIN = 16  # a cell this long without a sentence end may go on below the table's next row


def _scan(text: str) -> tuple[list[str], bool]:
    """The bracket kinds left open at the end of ``text``, and whether one closes that was never opened.

    >>> _scan("印发《方案（2021—2025年）》（中办发〔2021〕")
    (['round'], False)
    >>> _scan("55号）、《江苏省方案》和《宜兴市")
    (['title'], True)
    """
    stack: list[str] = []
    stray = False
    for ch in text:
        kind = _BRACKETS.get(ch)
        if kind is None:
            continue
        if kind[1]:
            stack.append(kind[0])
        elif kind[0] in stack:
            del stack[len(stack) - 1 - stack[::-1].index(kind[0]) :]
        else:
            stray = True
    return stack, stray


def joined_text(before: str, after: str) -> str:
    """A cell and the line its text wrapped onto, as one text (a space only between Latin letters or digits).

    >>> joined_text("（中办发〔2021〕", "55号）"), joined_text("Regulation", "No. 5")
    ('（中办发〔2021〕55号）', 'Regulation No. 5')
    """
    ascii_edge = before[-1:].isascii() and after[:1].isascii() and not after[:1].isdigit()
    return f"{before} {after}" if ascii_edge else before + after


def _wrapped_part(text: str, layout: Layout) -> tuple[str, list[str], bool] | None:
    """A line's text that may continue a cell, the cells after it, and whether the line is a row itself.

    A line of text continues with all of it; a pipe line not starting with a pipe
    (``55号）… | | |``) with the part before its first pipe; a row of the table's
    layout only when it holds a single cell.
    """
    stripped = text.strip()
    if layout == "pipe" and "|" in stripped and not stripped.startswith("|") and "\t" not in stripped:
        head, rest = stripped.split("|", 1)
        rest = rest[:-1] if rest.endswith("|") else rest
        tail = [clean_cell(c) for c in rest.split("|")] if rest.strip() else []
        return clean_cell(head), tail, False
    split = split_row(text)
    if split is None:
        return clean_cell(text), [], False
    cells, found = split
    if found == "space":  # runs of spaces inside a wrapped sentence are no columns here
        return clean_cell(text), [], False
    if found != layout:
        return None
    filled = [c for c in cells if c]
    return (filled[0], [], True) if len(filled) == 1 else None


def continue_row(prev: Row, line: Line, resumes: bool) -> Row | None:
    """``prev`` with its last cell continued by ``line``, when the line is that cell wrapped.

    The cell must be unfinished: a bracket or 《 left open that the line closes (the
    line starts inside it: ``55号）…``), or, when the table's rows go on after the
    line (``resumes``), a bracket left open or a long text with no sentence end.
    A row of its own (tabs, pipes) continues the cell only in the first, surest case;
    so a header repeated after a page break starts rows again and is never glued.

    >>> prev = Row(1, (Cell("立项依据", 1, 0), Cell("《办法》（某办发〔2021〕", 1, 1)), "tab")
    >>> continue_row(prev, Line(2, "55号）要求设立。"), False).cells[1].text
    '《办法》（某办发〔2021〕55号）要求设立。'
    >>> continue_row(prev, Line(2, "一级指标\\t二级指标"), True) is None
    True
    """
    if prev.layout not in ("tab", "pipe") or not prev.filled:
        return None
    last = prev.filled[-1]
    part = _wrapped_part(line.text, prev.layout)
    if part is None or not part[0] or _number_only(last.text):
        return None
    head, tail, is_row = part
    still_open = _scan(last.text)[0]
    sure = bool(still_open) and _scan(head)[1]
    if is_row and not sure:
        return None
    if not (sure or (resumes and (still_open or _long_unfinished(last.text, head)))):
        return None
    cells = list(prev.cells)
    cells[last.col] = Cell(joined_text(last.text, head), last.line, last.col)
    cells += [Cell(t, line.no, len(cells) + k) for k, t in enumerate(tail)]
    return Row(prev.line, tuple(cells), prev.layout, line.no)


def _number_only(text: str) -> bool:
    """A cell holding only a number (an amount, a score): never a wrapped text."""
    return bool(re.fullmatch(r"[\d.,，%％\s+-]+", unicodedata.normalize("NFKC", text)))


def _long_unfinished(cell: str, line: str) -> bool:
    """A long text cell with no sentence end, and a line that is neither a label, a heading nor a title."""
    if len(cell) < _WRAPPED_MIN or cell.rstrip()[-1] in _SENTENCE_END:
        return False
    lab = labels()
    return not (
        _short_text(line)
        or _HEADING.match(line)
        or line.rstrip().endswith("表")
        or lab.is_footer(line)
        or lab.level(line) is not None
    )


def _resumes(lines: Sequence[Line], i: int) -> bool:
    """Whether a table row follows line ``i`` within a few text lines (the table goes on)."""
    later = (ln for ln in lines[i + 1 :] if not is_gap(ln))
    for _, nxt in zip(range(3), later, strict=False):
        if split_row(nxt.text) is not None:
            return True
        if _short_text(nxt.text):
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
