"""HTML tables in a text document, rewritten as markdown pipe rows on their source lines.

PDF-to-markdown converters (MinerU, marker and the like) keep tables as HTML: one
``<table>`` on a single line, or spread over many lines with ``<thead>``/``<tbody>``,
merged cells (``rowspan``/``colspan``), entities and ``<br>`` inside cells. The readers
of this package read delimited rows, so :func:`expand_html_tables` turns each table into
one ``| a | b |`` row per ``<tr>`` and leaves every other line as it is.

Provenance: the result is a list of ``(line_no, text)`` pairs, ``line_no`` the 1-based
number of the source line the text comes from (``str.splitlines`` numbering). Rows of a
one-line table all carry that line's number; a row of a multi-line table carries the
number of the line its ``<tr>`` opens on; lines holding only table markup give no pair.

Merged cells take the shape a PDF export has: the text once, in the top-left slot of the
merged area, and empty cells in the rest (readers carry a label down into empty cells).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field, fields, is_dataclass, replace
from html.parser import HTMLParser
from itertools import accumulate
from typing import TypeVar, cast

from .records import Span

_TABLE_TAG = re.compile(r"<(/?)table\b[^>]*>", re.IGNORECASE)
# Document wrappers some converters put around each table: <html><body>…</body></html>.
_WRAPPER = re.compile(r"</?(?:html|body|head)\b[^>]*>", re.IGNORECASE)
_CELL_BREAKS = frozenset({"br", "p", "div", "li"})  # tags that break a line inside a cell
_CLAUSE_END = tuple("，,。；;：:、")
# A break after a closed title, a closed bracket or a whole document number ends an item.
_ITEM_END = re.compile(r"(?:[》」』”]|\d\s*[号號]\s*[)）]?)$")
# A break before a title or an enumerator (（2） 2. 2、 二、 ②) starts a new item.
_ITEM_START = re.compile(
    r"^(?:[《「『]|[（(]\s*[\d一二三四五六七八九十]+\s*[)）]|\d+\s*(?:[.．](?!\d)|[、)）])|[一二三四五六七八九十]+、|[①-⑳])"
)
_ITEM_BREAK = "；"
# HTML's own limits, so a hostile attribute cannot blow up the grid.
_MAX_COLSPAN = 1000
_MAX_ROWSPAN = 65534

T = TypeVar("T")


@dataclass
class _Cell:
    rowspan: int
    colspan: int
    parts: list[list[str]] = field(default_factory=lambda: [[]])  # text runs split at <br>


@dataclass
class _Row:
    line: int  # 0-based line of the <tr>, relative to the table's first line
    cells: list[_Cell] = field(default_factory=list)


def _span(attrs: list[tuple[str, str | None]], name: str, cap: int) -> int:
    """A rowspan/colspan attribute as a count; missing, zero or garbled means 1."""
    raw = dict(attrs).get(name)
    digits = re.match(r"\s*(\d+)", raw or "")
    n = int(digits.group(1)) if digits else 1
    return min(max(n, 1), cap)


def _collapse(text: str) -> str:
    return " ".join(text.split())


def join_cell_lines(lines: list[str]) -> str:
    """The lines of one cell (split at ``<br>``) as one text.

    A break that ends an item (after a closing 》 or a document number, before a 《 or an
    enumerator) becomes a clause break ``；`` so two citations stay two; after clause
    punctuation nothing is added; any other break is a wrapped line, joined as written
    (a space only between two Latin letters or digits).

    >>> join_cell_lines(["《甲办法》", "闽财社〔2022〕12号文件精神"])
    '《甲办法》；闽财社〔2022〕12号文件精神'
    >>> join_cell_lines(["（1）《甲法》；", "（2）《乙办法》"])
    '（1）《甲法》；（2）《乙办法》'
    >>> join_cell_lines(["城镇新增就业", "人数"]), join_cell_lines(["≥95%", "（含）"])
    ('城镇新增就业人数', '≥95%（含）')
    """
    out = ""
    for line in (s for s in lines if s):
        if not out or out.endswith(_CLAUSE_END):
            out += line
        elif _ITEM_END.search(out) or _ITEM_START.match(line):
            out += _ITEM_BREAK + line
        elif out[-1].isascii() and out[-1].isalnum() and line[0].isascii() and line[0].isalnum():
            out += " " + line
        else:
            out += line
    return out


class _TableParser(HTMLParser):
    """Rows and cells of one ``<table>…</table>`` (nested tables flattened into their cell)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[_Row] = []
        self.captions: list[tuple[int, list[str]]] = []
        self._depth = 0
        self._row: _Row | None = None
        self._cell: _Cell | None = None
        self._caption: list[str] | None = None

    def _line(self) -> int:
        return self.getpos()[0] - 1

    def _close_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            self._row.cells.append(self._cell)
        self._cell = None

    def _close_row(self) -> None:
        self._close_cell()
        if self._row is not None:
            self.rows.append(self._row)
        self._row = None

    def _break(self) -> None:
        if self._cell is not None:
            self._cell.parts.append([])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._depth += 1
        if self._depth > 1:  # a table inside a cell: its cells are words of that cell
            if tag in ("td", "th", "tr"):
                self._data(" ")
            elif tag in _CELL_BREAKS:
                self._break()
            return
        if tag == "tr":
            self._close_row()
            self._row = _Row(self._line())
        elif tag in ("td", "th"):
            self._close_cell()
            if self._row is None:  # a cell with no <tr> opens a row of its own
                self._row = _Row(self._line())
            self._cell = _Cell(_span(attrs, "rowspan", _MAX_ROWSPAN), _span(attrs, "colspan", _MAX_COLSPAN))
        elif tag == "caption":
            self._caption = []
            self.captions.append((self._line(), self._caption))
        elif tag in _CELL_BREAKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._depth -= 1
            if self._depth <= 0:
                self._close_row()
        elif self._depth > 1:
            if tag in _CELL_BREAKS:
                self._break()
        elif tag in ("td", "th"):
            self._close_cell()
        elif tag == "tr":
            self._close_row()
        elif tag == "caption":
            self._caption = None
        elif tag in ("p", "div", "li"):
            self._break()

    def _data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.parts[-1].append(data)
        elif self._caption is not None:
            self._caption.append(data)

    def handle_data(self, data: str) -> None:
        self._data(data)

    def close(self) -> None:
        super().close()
        self._close_row()


def _cell_text(cell: _Cell) -> str:
    # A pipe inside a cell would split it: write it full width.
    return join_cell_lines([_collapse("".join(p)) for p in cell.parts]).replace("|", "｜")


def _grid(rows: list[_Row]) -> list[tuple[int, list[str]]]:
    """The HTML table model: each cell placed in the first free slot, merged slots left empty."""
    taken: set[tuple[int, int]] = set()
    grid: list[tuple[int, dict[int, str]]] = []
    for r, row in enumerate(rows):
        placed: dict[int, str] = {}
        col = 0
        for cell in row.cells:
            while (r, col) in taken:
                col += 1
            placed[col] = _cell_text(cell)
            for dr in range(min(cell.rowspan, len(rows) - r)):
                for dc in range(cell.colspan):
                    taken.add((r + dr, col + dc))
            col += cell.colspan
        grid.append((row.line, placed))
    width = max((c + 1 for _, c in taken), default=0)
    return [(line, [placed.get(c, "") for c in range(width)]) for line, placed in grid]


def table_rows(html: str) -> list[tuple[int, str]]:
    """One table's caption and pipe rows, each with its 0-based line within ``html``.

    Rows whose every cell is empty (a ``<tr>`` holding only merged cells from above) are
    dropped; short rows are padded to the table's width.

    >>> table_rows('<table><tr><td rowspan="2">产出指标</td><td>数量指标</td></tr>'
    ...            '<tr><td>质量&amp;时效</td></tr></table>')
    [(0, '| 产出指标 | 数量指标 |'), (0, '|  | 质量&时效 |')]
    """
    parser = _TableParser()
    parser.feed("\n".join(html.splitlines()))  # number lines the way str.splitlines does
    parser.close()
    out = [(line, _collapse("".join(words))) for line, words in parser.captions]
    out = [(line, text) for line, text in out if text]
    out += [(line, "| " + " | ".join(cells) + " |") for line, cells in _grid(parser.rows) if any(cells)]
    return sorted(out, key=lambda p: p[0])


def _table_spans(text: str) -> Iterator[tuple[int, int]]:
    """Start and end offsets of each outermost ``<table>…</table>``; an unclosed one is left as text."""
    depth, start = 0, 0
    for m in _TABLE_TAG.finditer(text):
        if not m.group(1):
            if depth == 0:
                start = m.start()
            depth += 1
        elif depth > 0:
            depth -= 1
            if depth == 0:
                yield start, m.end()


def expand_html_tables(text: str) -> list[tuple[int, str]]:
    """The document's lines as ``(line_no, text)`` pairs, HTML tables rewritten as pipe rows.

    Text before or after a table on the table's own lines is kept as a line of its own
    (when it is more than an ``<html>``/``<body>`` wrapper); lines with no table are kept
    verbatim, blank ones included.

    >>> expand_html_tables("标题\\n<html><body><table><tr><td>项目</td><td>金额</td></tr>"
    ...                    "<tr><td>甲</td><td>1.00</td></tr></table></body></html>\\n注")
    [(1, '标题'), (2, '| 项目 | 金额 |'), (2, '| 甲 | 1.00 |'), (3, '注')]
    """
    bodies = text.splitlines()  # each line without its terminator
    if not _TABLE_TAG.search(text):
        return list(enumerate(bodies, 1))
    raw = text.splitlines(keepends=True)
    starts = [0, *accumulate(len(line) for line in raw)][:-1]
    out: list[tuple[int, str]] = []

    def line_of(offset: int) -> int:
        return bisect_right(starts, offset) - 1

    def keep_text(a: int, b: int) -> None:
        if a >= b:
            return
        for i in range(line_of(a), line_of(b - 1) + 1):
            lo, hi = starts[i], starts[i] + len(bodies[i])
            if a <= lo and b >= starts[i] + len(raw[i]):
                whole = bodies[i]
                out.append((i + 1, "" if not _WRAPPER.sub("", whole).strip() else whole))
                continue
            piece = _WRAPPER.sub("", text[max(a, lo) : min(b, hi)])
            if piece.strip():  # a line's text beside a table
                out.append((i + 1, piece.strip()))

    pos = 0
    for a, b in _table_spans(text):
        keep_text(pos, a)
        first = line_of(a)
        out += [(first + 1 + k, row) for k, row in table_rows(text[a:b])]
        pos = b
    keep_text(pos, len(text))
    return out


@dataclass(frozen=True)
class LineMap:
    """Where each line of a rewritten text came from: ``origin[k]`` is the source line of line k+1.

    An empty ``origin`` is the identity (the text had no HTML table).
    """

    origin: tuple[int, ...] = ()
    source_count: int = 0  # lines of the source text

    def source(self, no: int) -> int:
        """The source line of rewritten line ``no`` (1-based)."""
        return self.origin[no - 1] if 0 < no <= len(self.origin) else no


def expand_html_text(text: str) -> tuple[str, LineMap]:
    """The text with its HTML tables as pipe rows, one row a line, and the map back to source lines.

    Readers take a row for a line (a line number identifies a row), so each row gets a line
    of its own here; :func:`remap_spans` turns the spans of what was read back into lines
    of the source file. A text without tables comes back as it is, with an identity map.

    >>> text, lm = expand_html_text("标题\\n<table><tr><td>甲</td></tr><tr><td>乙</td></tr></table>\\n注")
    >>> text.splitlines(), [lm.source(n) for n in (1, 2, 3, 4)], lm.source_count
    (['标题', '| 甲 |', '| 乙 |', '注'], [1, 2, 2, 3], 3)
    """
    pairs = expand_html_tables(text)
    count = len(text.splitlines())
    if all(no == k for k, (no, _) in enumerate(pairs, 1)) and len(pairs) == count:
        return text, LineMap((), count)
    # Each line ends in "\n" so that splitlines gives back exactly one line per pair.
    return "".join(t + "\n" for _, t in pairs), LineMap(tuple(no for no, _ in pairs), count)


def remap_spans(obj: T, line_map: LineMap) -> T:
    """``obj`` (records, findings, tuples or lists of them) with every :class:`Span` in source lines.

    >>> remap_spans((Span(2, 3), [Span(1, 1)]), LineMap((1, 2, 2), 2))
    (Span(start=2, end=2), [Span(start=1, end=1)])
    """
    if not line_map.origin:
        return obj
    return cast(T, _remap(obj, line_map))


def _remap(obj: object, line_map: LineMap) -> object:
    if isinstance(obj, Span):
        return Span(line_map.source(obj.start), line_map.source(obj.end))
    if isinstance(obj, tuple):
        return tuple(_remap(x, line_map) for x in obj)
    if isinstance(obj, list):
        return [_remap(x, line_map) for x in obj]
    if isinstance(obj, dict):
        return {k: _remap(v, line_map) for k, v in obj.items()}
    if is_dataclass(obj) and not isinstance(obj, type):
        changes = {f.name: _remap(getattr(obj, f.name), line_map) for f in fields(obj) if f.init}
        return replace(obj, **changes)
    return obj
