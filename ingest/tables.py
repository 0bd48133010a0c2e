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

import json
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Literal

from .cleaning import clean_cell
from .labels import labels
from .lines import Line
from .paragraphs import display_width
from .records import Span

Layout = Literal["pipe", "tab", "space", "single"]
# Where a space-aligned export put a cell: at a character offset (pdftotext -layout pads to
# the physical column, so a CJK cell then runs twice its length), at its display column
# (CJK two), or at its display column before ideographic-space padding was folded to one space.
Metric = Literal["char", "display", "padded"]
_METRICS: tuple[Metric, ...] = ("char", "display", "padded")

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
    if is_heading_line(stripped):
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


@cache
def _heading_patterns() -> tuple[re.Pattern[str], ...]:
    raw = (
        resources.files("budgetkg.ingest")
        .joinpath("data/performance_layout.json")
        .read_text(encoding="utf-8")
    )
    return tuple(re.compile(p) for p in json.loads(raw)["line_headings"])


_TOC_ENTRY = re.compile(r"(?:[.…·]{3,}.*|\d+)$")


def is_heading_line(text: str) -> bool:
    """A part, table or section title (第二部分  2024年部门预算表, 表1  收支总表): never a table row.

    A contents entry (a dot leader or a page number at its end) is no heading: it is a
    row of the contents table.

    >>> is_heading_line("第二部分  2024年部门预算表"), is_heading_line("表1  收支总表")
    (True, True)
    >>> is_heading_line("第一部分  概况 ………… 3"), is_heading_line("一、一般公共预算拨款收入  8.00")
    (False, False)
    >>> is_heading_line("表3\t2024年部门项目支出预算表"), is_heading_line("表3\t项目支出\t120.00")
    (True, False)
    """
    if text.lstrip().startswith("|"):
        return False
    if "\t" in text:  # a tab export writes 表3<TAB>title: two cells, neither an amount
        cells = [c for c in text.split("\t") if c.strip()]
        if len(cells) > 2 or any(re.search(r"\d[\d,]*\.\d", c) for c in cells):
            return False
    compact = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    if not compact or _TOC_ENTRY.search(compact):
        return False
    return any(p.search(compact) for p in _heading_patterns())


def _is_title(text: str) -> bool:
    """A heading, or a short line naming a table (项目支出绩效目标表): it continues no cell.

    >>> _is_title("      项目支出绩效目标表"), _is_title("  升级改造")
    (True, False)
    """
    compact = re.sub(r"\s+", "", text)
    return is_heading_line(text) or (
        compact.endswith("表") and len(compact) <= 40 and not any(p in compact for p in _SENTENCE_END + "，,")
    )


def _row(line: Line) -> Row | None:
    split = split_row(line.text)
    if split is None:
        return None
    texts, layout = split
    # a row a hard wrap cut is read from its first line through its last
    nos = _cell_lines(line, layout, len(texts))
    return Row(
        line.no,
        tuple(Cell(t, n, i) for i, (t, n) in enumerate(zip(texts, nos, strict=True))),
        layout,
        line.through,
    )


def _cell_lines(line: Line, layout: Layout, count: int) -> list[int]:
    """The source line each cell of a row starts on: a row a hard wrap cut and the line
    reader rejoined spreads over several (``line.breaks``); any other row stands on one.

    >>> [_cell_lines(Line(7, "| 某某经费 | 1,234.50 |", 8, breaks=(9,)), "pipe", 2)]
    [[7, 8]]
    """
    sep = {"pipe": "|", "tab": "\t"}.get(layout)
    if not line.breaks or sep is None:
        return [line.no] * count
    text = line.text
    starts = [k + 1 for k, ch in enumerate(text) if ch == sep]
    if layout == "tab":
        starts = [0, *starts]
    if len(starts) < count:
        return [line.no] * count
    out: list[int] = []
    for start in starts[:count]:
        while start < len(text) and text[start] == " ":
            start += 1  # a cell starts at its text, not at the padding before it
        out.append(line.no + bisect_right(line.breaks, start))
    return out


def read_tables(lines: Sequence[Line], context_lines: int = 4) -> list[Table]:
    """Every table of the document, in order; a block of space-split lines needs two rows.

    Blank lines (page breaks, blanked watermarks) and page-number lines (第 3 页, - 12 -)
    inside a block do not end it. Space-split rows and tab or pipe rows never share a
    block (a title split by a run of spaces is no row of the tab table below it).
    """
    tables: list[Table] = []
    current: list[Row] = []
    pieces: dict[int, list[Piece]] = {}  # a space row's cells where they stand in their source lines
    start_index = 0

    def close(end_index: int) -> None:
        nonlocal current
        rows = [r for r in current if r.cells]
        layouts = {r.layout for r in current}
        if rows and not (layouts == {"space"} and len(rows) < 2):
            if layouts == {"space"}:
                rows = align_columns(rows, pieces)
            tables.append(Table(rows, _context(lines, start_index, context_lines)))
        current = []
        pieces.clear()

    for i, line in enumerate(lines):
        if is_gap(line):
            continue
        row = _row(line)
        if current and current[-1].layout == "space":
            merged = continue_space_row(current, pieces, line, lines[i + 1 : i + 1 + 2 * _WINDOW])
            if merged is not None:
                current[-1], pieces[current[-1].line] = merged
                continue
        elif current:
            joined = continue_row(current[-1], line, _resumes(lines, i))
            if joined is not None:
                current[-1] = joined
                continue
        if row is not None and row.layout == "space" and is_caption(line.text):
            row = None  # 部门：…　　金额单位：万元: the caption above a table, no row of one
        if row is None and current and current[-1].layout in ("tab", "space") and _lone_cell(line, lines, i):
            row = Row(line.no, (Cell(clean_cell(line.text), line.no, 0),), current[-1].layout)
        if row is not None and current and (row.layout == "space") != (current[-1].layout == "space"):
            close(i)  # a space-split line and a tab or pipe table never mix
        if row is None:
            if current:
                close(i)
            continue
        if not current:
            start_index = i
        if row.layout == "space":
            pieces[row.line] = _pieces(line.text)
        current.append(row)
    if current:
        close(len(lines))
    return tables


# One cell of a space-aligned line: the source line and the cell's character offsets in it.
Piece = tuple[str, int, int]


def _pieces(text: str) -> list[Piece]:
    """The cells of a space-aligned line (runs split at two or more spaces) with their offsets."""
    return [(text, m.start(), m.end()) for m in re.finditer(r"\S+(?: \S+)*", text)]


@lru_cache(maxsize=1 << 16)
def _position(text: str, index: int, metric: Metric) -> int:
    """The column ``text[index]`` stands at under ``metric``.

    >>> [_position("项目  名称", 4, m) for m in ("char", "display", "padded")]
    [4, 6, 8]
    """
    head = text[:index]
    if metric == "char":
        return len(head)
    return display_width(head) + (head.count(" ") if metric == "padded" else 0)


@lru_cache(maxsize=1 << 16)
def _span(piece: Piece, metric: Metric) -> tuple[int, int]:
    """The columns a cell covers: from where it starts, as wide as it shows (CJK two)."""
    text, start, end = piece
    at = _position(text, start, metric)
    return at, at + display_width(text[start:end])


_WINDOW = 40  # rows above and lines below read to learn a table's columns
_KEY_VALUE = re.compile(r"^[^\s:：，,。；;]{2,12}[:：]")  # 项目属性：一次性项目
_MIN_WRAPPED_WIDTH = 10  # display width: a cell that wrapped filled a column at least this wide
_MIN_MULTI_WRAPPED_WIDTH = 20  # ... and each of several cells wrapping on one line, at least this wide


def _text(piece: Piece) -> str:
    return piece[0][piece[1] : piece[2]]


def continue_space_row(
    rows: Sequence[Row], pieces: Mapping[int, Sequence[Piece]], line: Line, ahead: Sequence[Line] = ()
) -> tuple[Row, list[Piece]] | None:
    """The last space-aligned row with ``line`` joined in (and its new pieces), when the line holds its wrapped cells.

    ``pdftotext -layout`` and OCR exports wrap a long cell inside its column: the rest
    stands on the next line(s) at the cell's own offset, the other columns blank. The
    line continues the row when each of its cells either starts where a text cell of the
    row starts (the wrapped cell: no number, and as wide as any other cell of its column)
    or stands in a column the row leaves blank but other rows of the table fill (a
    merged-cell label set on the middle line, as 社会效益 beside ``率``); one cell at
    least is continued and one is not. The widest cell of a column is read from the
    table's rows above and below (``ahead``: the lines after ``line``), counting only
    cells that end before the row's next cell starts (a merged cell spans columns).
    Offsets are compared as the table places its cells (:func:`_table_metric`). A title
    line continues nothing, and a caption line (部门：… 单位：万元) is continued by none.

    >>> text = ["名称      全省水资源监测能力建设及取用水管理专    1,200.00", "        项"]
    >>> row = Row(1, (Cell("名称", 1, 0), Cell("全省水资源监测能力建设及取用水管理专", 1, 1), Cell("1,200.00", 1, 2)), "space")
    >>> continue_space_row([row], {1: _pieces(text[0])}, Line(2, text[1]))[0].cells[1].text
    '全省水资源监测能力建设及取用水管理专项'
    """
    prev = rows[-1]
    before = pieces.get(prev.line)
    if before is None or len(before) != len(prev.cells) or _is_title(line.text):
        return None
    after = _pieces(line.text)
    if not after or any(_is_unit_caption(_text(p)) for p in before):
        return None
    if not any(_fit(before, None, after, m) for m in _METRICS):
        return None  # no metric lines the cells up (most rows): spare reading the table around
    others = [pieces[r.line] for r in rows[-_WINDOW:-1] if r.line in pieces] + [
        _pieces(ln.text) for ln in _rows_ahead(ahead)
    ]
    metric = _table_metric([*others, before])
    fit = _fit(before, others, after, metric)
    return None if fit is None else _merge(prev, before, after, fit, metric, line.no)


def _table_metric(lines: Sequence[Sequence[Piece]]) -> Metric:
    """The metric under which the cells of a table's lines start at shared columns most often.

    >>> _table_metric([_pieces("名称    合计"), _pieces("项目经费  1.00")])
    'char'
    >>> _table_metric([_pieces("名称      合计"), _pieces("项目经费  1.00")])
    'display'
    """

    def shared(metric: Metric) -> int:
        starts = [{_span(p, metric)[0] for p in line[1:]} for line in lines]
        lines_at = Counter(x for line in starts for x in line)
        near = (lines_at[x - 1] + lines_at[x] + lines_at[x + 1] for line in starts for x in line)
        return sum(n > 1 for n in near)  # a start another line shares (within one column)

    return max(_METRICS, key=shared)  # ties keep the first: character offsets


@cache
def _unit_labels() -> tuple[str, ...]:
    raw = (
        resources.files("budgetkg.ingest")
        .joinpath("data/performance_layout.json")
        .read_text(encoding="utf-8")
    )
    return tuple(json.loads(raw)["unit_labels"])


@cache
def _caption_labels() -> tuple[str, ...]:
    """Labels of a table's caption cells: the money-unit labels and the 部门/编制单位 labels."""
    raw = resources.files("budgetkg.ingest").joinpath("data/table_labels.json").read_text(encoding="utf-8")
    context = json.loads(raw)["project_list_context_labels"]
    return tuple(dict.fromkeys([*_unit_labels(), *context]))


def is_caption(text: str) -> bool:
    """A caption line above a table (部门：某某局　　金额单位：万元): context, never a row.

    Every cell of it is a label of :func:`_caption_labels` and a colon (full-width padding
    between the cells makes it look like a row of two cells).

    >>> is_caption("部门：某某区园林局        金额单位：万元"), is_caption("单位：元")
    (True, True)
    >>> is_caption("项目名称  合计"), is_caption("部门名称：某某局  项目名称：某某项目")
    (False, False)
    """
    split = split_row(text)
    cells = [c for c in (split[0] if split else [clean_cell(text)]) if c]
    labels_ = _caption_labels()
    return bool(cells) and all(
        any(unicodedata.normalize("NFKC", c).replace(" ", "").startswith(f"{lab}:") for lab in labels_)
        for c in cells
    )


def _is_unit_caption(text: str) -> bool:
    """A cell stating the table's money unit (单位：万元): its line is a caption, no row.

    >>> _is_unit_caption("单位：万元"), _is_unit_caption("金额单位:元"), _is_unit_caption("单位名称")
    (True, True, False)
    """
    folded = unicodedata.normalize("NFKC", text).replace(" ", "")
    return any(folded.startswith(f"{label}:") for label in _unit_labels())


def _rows_ahead(ahead: Sequence[Line], limit: int = _WINDOW) -> Iterator[Line]:
    """The space-split rows below, up to a title, a tab or pipe line, or a run of text lines."""
    text_run = 0
    for line in ahead[:limit]:
        if is_gap(line):
            continue
        split = split_row(line.text)
        if is_heading_line(line.text) or (split is not None and split[1] != "space"):
            return
        text_run = 0 if split is not None else text_run + 1
        if text_run > 3:
            return
        if split is not None:
            yield line


def _fit(
    before: Sequence[Piece], others: Sequence[Sequence[Piece]] | None, after: list[Piece], metric: Metric
) -> dict[int, int] | None:
    """Which cell of the last row each cell of the line continues (line index -> row index; labels absent).

    Without ``others`` (the table's other rows) only the row and the line are compared:
    a quick test that lets most lines pass as rows without reading the table around.
    """
    spans = [_span(p, metric) for p in before]
    continued: dict[int, int] = {}
    for j, piece in enumerate(after):
        start, end = _span(piece, metric)
        text = piece[0][piece[1] : piece[2]]
        k = next((k for k, (s, _) in enumerate(spans) if abs(s - start) <= 1), None)
        if (
            k is not None
            and k not in continued.values()
            and (
                _wraps(before, others or (), k, text, metric)
                or (len(after) == 1 and _next_sentence(before, others or (), k, text, metric))
            )
        ):
            continued[j] = k
        elif any(_overlap((start - 1, end + 1), span) > 0 for span in spans) or (
            others is not None and not _text_column(others, start, metric)
        ):
            return None  # a label stands in a blank column of the row that other rows fill with text
    if not continued or len(set(continued.values())) == len(before):
        return None
    if len(continued) > 1 and any(
        display_width(_text(before[k])) < _MIN_MULTI_WRAPPED_WIDTH for k in continued.values()
    ):
        return None  # several cells wrap together only in a row of long texts, not a name and its value
    return continued


def _wraps(
    before: Sequence[Piece], others: Sequence[Sequence[Piece]], k: int, rest: str, metric: Metric
) -> bool:
    """Whether cell ``k`` of the row may have wrapped onto a line starting with ``rest``.

    It is a text at least as wide as every other cell of its column (a cell only wraps
    when it fills its column) in a column of texts, and ``rest`` is no number and no
    wider than it.
    """
    text, start, end = before[k]
    cell = text[start:end]
    width = display_width(cell)
    slack = max(4, width // 6)  # a line stops short of its column to keep a number or word whole
    if (
        width < _MIN_WRAPPED_WIDTH
        or _number_only(cell)
        or _number_only(rest)
        or display_width(rest) > width + slack
    ):
        return False
    if _KEY_VALUE.match(cell) and _KEY_VALUE.match(rest):
        return False  # 项目属性：… then 年度资金总额：…: two label-value items, one per line
    at = _position(text, start, metric)
    bound = _position(before[k + 1][0], before[k + 1][1], metric) if k + 1 < len(before) else None
    column = [
        display_width(p[0][p[1] : p[2]])
        for line in others
        for p in line
        if abs(_position(p[0], p[1], metric) - at) <= 1 and (bound is None or _span(p, metric)[1] < bound - 1)
    ]
    widest = max(column, default=0)
    return width + max(4, widest // 6) >= widest and _text_column(others, at, metric, empty=True)


def _next_sentence(
    before: Sequence[Piece], others: Sequence[Sequence[Piece]], k: int, rest: str, metric: Metric
) -> bool:
    """Whether cell ``k`` of the row goes on with a further sentence on a line of its own.

    A long text cell may hold several sentences or items, each on a line of its own
    (实施期目标：…。 then 年度目标：…), so it need not fill its column to go on. It does
    when it is no label (not the row's first cell), is a long text ending a sentence,
    stands in a column of texts, and the line holds only text at that cell's offset.
    """
    cell = _text(before[k])
    return (
        k > 0
        and display_width(cell) >= _MIN_WRAPPED_WIDTH
        and cell.rstrip()[-1] in _SENTENCE_END
        and not _number_only(rest)
        and not _HEADING.match(rest.strip())
        and _text_column(others, _span(before[k], metric)[0], metric, empty=True)
    )


def _text_column(others: Sequence[Sequence[Piece]], at: int, metric: Metric, empty: bool = False) -> bool:
    """Whether some cell starting at column ``at`` in the other rows holds text, not a number.

    A header over a column of amounts is no wrapped cell (2026年预算数 over 合计 | 人员经费
    is a two-line header). ``empty``: the answer when no other row has a cell there.
    """
    cells = [_text(p) for line in others for p in line if abs(_span(p, metric)[0] - at) <= 1]
    return any(not _number_only(c) for c in cells) if cells else empty


def _merge(
    prev: Row,
    before: Sequence[Piece],
    after: list[Piece],
    continued: dict[int, int],
    metric: Metric,
    line_no: int,
) -> tuple[Row, list[Piece]]:
    """``prev`` with the continued cells joined and the line's labels put in place (by offset)."""
    texts = [c.text for c in prev.cells]
    for j, k in continued.items():
        texts[k] = joined_text(texts[k], clean_cell(after[j][0][after[j][1] : after[j][2]]))
    placed = [
        (_span(p, metric)[0], t, p, prev.cells[k].line)
        for k, (p, t) in enumerate(zip(before, texts, strict=True))
    ]
    placed += [
        (_span(p, metric)[0], clean_cell(p[0][p[1] : p[2]]), p, line_no)
        for j, p in enumerate(after)
        if j not in continued
    ]
    placed.sort(key=lambda x: x[0])
    cells = tuple(Cell(t, n, col) for col, (_, t, _, n) in enumerate(placed))
    return Row(prev.line, cells, "space", line_no), [p for _, _, p, _ in placed]


def align_columns(rows: list[Row], pieces: Mapping[int, Sequence[Piece]]) -> list[Row]:
    """Space-aligned rows with their cells put in the columns they stand under.

    Splitting at runs of spaces loses empty cells, so a row's third cell may belong to
    the fifth column. The columns are the spans the rows occupy (the gutters between
    them are blank in every row; failing that, in every fullest row); each cell goes to
    the column it overlaps most, and empty cells fill the gaps. When no gutters show as
    many columns as a row has cells (text running over them), the rows stay as split.
    """
    spans = {r.line: [_span(p, "display") for p in pieces[r.line]] for r in rows if r.line in pieces}
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
        out.append(Row(row.line, cells, row.layout, row.through))
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
    line starts inside it: ``55号）…``), a numbered list the cell begins that the line
    goes on with (（1）… then （2）…, whatever ends the item), or, when the table's rows
    go on after the line (``resumes``), a bracket left open or a long text with no
    sentence end.
    A row of its own (tabs, pipes) continues the cell only in the first, surest case;
    so a header repeated after a page break starts rows again and is never glued.

    >>> prev = Row(1, (Cell("立项依据", 1, 0), Cell("《办法》（某办发〔2021〕", 1, 1)), "tab")
    >>> continue_row(prev, Line(2, "55号）要求设立。"), False).cells[1].text
    '《办法》（某办发〔2021〕55号）要求设立。'
    >>> continue_row(prev, Line(2, "一级指标\\t二级指标"), True) is None
    True
    >>> listed = Row(1, (Cell("立项依据", 1, 0), Cell("（1）《食品安全法》；", 1, 1)), "tab")
    >>> continue_row(listed, Line(2, "（2）《抽样检验管理办法》；"), False).cells[1].text
    '（1）《食品安全法》；（2）《抽样检验管理办法》；'
    """
    if prev.layout not in ("tab", "pipe") or not prev.filled:
        return None
    last = prev.filled[-1]
    part = _wrapped_part(line.text, prev.layout)
    if part is None or not part[0] or _number_only(last.text):
        return None
    head, tail, is_row = part
    still_open = _scan(last.text)[0]
    sure = (bool(still_open) and _scan(head)[1]) or (not is_row and continues_enumeration(last.text, head))
    if is_row and not sure:
        return None
    if not (sure or (resumes and (still_open or _long_unfinished(last.text, head)))):
        return None
    cells = list(prev.cells)
    cells[last.col] = Cell(joined_text(last.text, head), last.line, last.col)
    cells += [Cell(t, line.no, len(cells) + k) for k, t in enumerate(tail)]
    return Row(prev.line, tuple(cells), prev.layout, line.no)


# Item markers of a numbered list inside a cell, by style; the number is group 1.
_ENUMERATIONS = (
    re.compile(r"[（(](\d{1,2})[)）]"),
    re.compile(r"(?<![\d.．])(\d{1,2})[.．](?!\d)"),
    re.compile(r"(?<!\d)(\d{1,2})、"),
    re.compile(r"([\u2460-\u2473])"),  # ① … ⑳
)


def _item_number(marker: str) -> int:
    return int(marker) if marker.isdigit() else ord(marker) - 0x2460 + 1


def continues_enumeration(cell: str, line: str) -> bool:
    """Whether ``line`` starts the next item of a numbered list that ``cell`` begins.

    The cell must start with an item marker; its items are followed in order (1, 2, 3…)
    and the line must start with the next one in the same style: 1.→2., （1）→（2）, ①→②.
    A numbered line is then the cell's next item, not a heading below the table.

    >>> continues_enumeration("（1）《食品安全法》；", "（2）《办法》"), continues_enumeration("1.《法》2.《条例》", "3.《规范》")
    (True, True)
    >>> continues_enumeration("（1）《食品安全法》；", "2.《办法》"), continues_enumeration("依据《法》", "（2）《办法》")
    (False, False)
    """
    cell, line = cell.strip(), line.strip()
    for pattern in _ENUMERATIONS:
        first, nxt = pattern.match(cell), pattern.match(line)
        if first is None or nxt is None:
            continue
        number = _item_number(first.group(1))
        for item in pattern.finditer(cell, first.end()):
            if _item_number(item.group(1)) == number + 1:
                number += 1
        return _item_number(nxt.group(1)) == number + 1
    return False


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
            if split_row(lines[i].text) is not None and not is_caption(lines[i].text):
                break  # the previous table; a caption line (部门：… 单位：…) is context still
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
    A line a wrapped cell of such a row ran onto is read with that row only.
    """
    rows_at = rows_at or {}
    rows = [
        rows_at.get(line.no) or Row(line.no, (Cell(clean_cell(line.text), line.no, 0),), "single")
        for line in lines[start:end]
        if (line.no in rows_at or not is_gap(line)) and not _wrapped_line(line.no, rows_at)
    ]
    return Table(rows, _context(lines, start, 4))


def _wrapped_line(no: int, rows_at: Mapping[int, Row]) -> bool:
    """A line read into the row above it (a wrapped cell's rest), whether or not ``rows_at`` maps it."""
    row = rows_at.get(no)
    if row is not None:
        return row.line != no
    return any(r.line < no <= (r.through or r.line) for r in rows_at.values() if r.through)


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
