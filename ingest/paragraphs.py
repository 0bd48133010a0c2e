"""Prose paragraphs rebuilt from lines a PDF export broke mid-sentence, line numbers kept.

A document whose prose lines share one wrap width (most prose lines end within a
few columns of it) is *wrapped*: a line reaching that width and not ending a
sentence continues on the next non-blank line, unless that line opens a numbered
item or a heading. In an unwrapped document every non-blank line is a paragraph.
Table rows (pipe or tab separated) are never joined and never part of prose.
A hard-wrapped text (every line cut at one fixed width, see :func:`lines.hard_wrap`)
has its cut lines marked by the line reader; they join the same way, whatever their
display width (a cut at 40 characters ends lines of CJK text and digits at different columns).

Widths are right edges: a ``pdftotext -layout`` export indents a paragraph's first
line and its continuation lines differently, but both end at the page's right margin.
Lines aligned in columns by runs of spaces are table rows of such an export: they
neither set the wrap width nor join, and a line mostly made of indentation (a centred
title, a running header) is page furniture, not a line the text wrapped.
A page footer or running header between a wrapped line and its continuation (a page
break mid-sentence) is stepped over.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .labels import labels
from .lines import Line, display_width
from .records import Span

_SENTENCE_END = tuple("。：:；;！!？?」』”")
# numbered items and headings: （一） (1) 一、 1、 1. 第一部分 - bullets
ITEM_MARK = re.compile(
    r"^\s*(?:[-•·*]\s+)?(?:[（(]\s*[一二三四五六七八九十百\d]+\s*[）)]|[一二三四五六七八九十百]+\s*[、.．]"
    r"|\d{1,2}\s*[、．]|\d{1,2}\.(?!\d)|第[一二三四五六七八九十\d]+部分)"
)
_MIN_WRAPPED_SHARE = 0.4
_MIN_WRAPPED_LINES = 6  # lines ending mid-sentence a text needs before it is judged wrapped
# a wrap width is a ceiling: in a wrapped export few prose lines run past it
# (short headings of one width are no wrap width when the paragraphs run far wider)
_MAX_OVERFLOW_SHARE = 0.2
_WINDOW = 8  # display columns a wrapped line may fall short of the wrap width


def is_table_line(text: str) -> bool:
    """A pipe- or tab-separated table row.

    >>> is_table_line("| 项目 | 金额 |"), is_table_line("项目\\t金额"), is_table_line("收入总计 425.23 万元")
    (True, True, False)
    """
    return "\t" in text or text.lstrip().startswith("|")


_COLUMN_GAP = re.compile(r"\S {2,}\S")  # cells aligned by spaces (ideographic ones fold to spaces)


def is_prose_line(text: str) -> bool:
    """A line that may belong to a wrapped sentence: no delimiters, no space-aligned columns.

    >>> is_prose_line("  案，组织编制全省水资源综合规划。"), is_prose_line("一、事业收入        3,214.12")
    (True, False)
    """
    return bool(text.strip()) and not is_table_line(text) and not _COLUMN_GAP.search(text.strip())


def right_edge(text: str) -> int:
    """The display column where a line ends, its indentation counted.

    >>> right_edge("    收入总计"), right_edge("收入总计  ")
    (12, 8)
    """
    return display_width(text.rstrip())


def _filled(text: str, width: int) -> bool:
    """A line whose text fills at least half the measure (not a centred title or running header)."""
    return 2 * display_width(text.strip()) >= width


@dataclass(frozen=True)
class Paragraph:
    """Joined text of one paragraph; ``starts[i]`` is the offset where line ``nos[i]`` begins."""

    text: str
    nos: tuple[int, ...]
    starts: tuple[int, ...]

    @property
    def span(self) -> Span:
        return Span(self.nos[0], self.nos[-1])

    def span_of(self, start: int, end: int) -> Span:
        """The source lines holding the characters ``start``..``end`` (end exclusive) of the text."""
        first = self.nos[max(bisect_right(self.starts, start) - 1, 0)]
        last = self.nos[max(bisect_right(self.starts, max(end - 1, start)) - 1, 0)]
        return Span(first, max(first, last))


def wrap_width(lines: Sequence[Line]) -> int | None:
    """The column prose lines were wrapped at, or None when the lines do not look wrapped.

    The lines the text wrapped end mid-sentence, so the width is read from those: the
    densest band of their right edges, and within it the most common edge (a few lines
    running a little past the margin do not move it). Headings also end no sentence but
    scatter in width; a wrapped text has few prose lines running past the band, while an
    unwrapped one holds whole paragraphs on single lines far longer than any heading.
    """
    furniture = _furniture(lines)
    prose = [
        ln.text
        for ln in lines
        if is_prose_line(ln.text)
        and display_width(ln.text.strip()) >= 24
        and _filled(ln.text, right_edge(ln.text))
        and ln.no not in furniture
    ]
    widths = [right_edge(t) for t in prose if not t.strip().endswith(_SENTENCE_END)]
    if len(widths) < _MIN_WRAPPED_LINES:
        return None
    counts = Counter(widths)
    best, best_top = 0, 0
    for top in counts:
        n = sum(c for w, c in counts.items() if top - _WINDOW <= w <= top)
        if n > best or (n == best and top > best_top):
            best, best_top = n, top
    if best < _MIN_WRAPPED_SHARE * len(widths):
        return None
    width = max((c, w) for w, c in counts.items() if best_top - _WINDOW <= w <= best_top)[1]
    if sum(right_edge(t) > width + _WINDOW for t in prose) > _MAX_OVERFLOW_SHARE * len(prose):
        return None
    return width


def _joins(prev: str, width: int | None) -> bool:
    """True for a line the text wrapped: prose reaching the wrap width, filling it, ending no sentence."""
    if width is None or not is_prose_line(prev):
        return False
    return (
        right_edge(prev) >= width - _WINDOW
        and _filled(prev, width)
        and not prev.strip().endswith(_SENTENCE_END)
    )


_FURNITURE_REPEATS = 3  # a running header repeats on every page
_FURNITURE_REACH = 2  # non-blank lines between a running header and its page's footer


def _furniture(lines: Sequence[Line]) -> frozenset[int]:
    """Line numbers of page footers and running headers.

    A footer numbers the page; a running header sits right beside a footer and is either
    repeated page after page or set apart by its indentation (centred, right-aligned). A
    wrapped KPI line may repeat too, but inside the text, not at page breaks.
    """
    marks = labels()
    shown = [ln for ln in lines if not ln.blank]
    texts = [re.sub(r"\s+", "", ln.text) for ln in shown]
    footers = {i for i, t in enumerate(texts) if marks.is_page_marker(t)}
    near = [i for i in range(len(shown)) if any(0 < abs(i - j) <= _FURNITURE_REACH for j in footers)]
    repeats = Counter(texts[i] for i in near)
    out = {shown[i].no for i in footers}
    for i in near:
        ln, t = shown[i], texts[i]
        if t.endswith(_SENTENCE_END) or not is_prose_line(ln.text):
            continue
        if repeats[t] >= _FURNITURE_REPEATS or not _filled(ln.text, right_edge(ln.text)):
            out.add(ln.no)
    return frozenset(out)


def _glue(left: str, right: str) -> str:
    """Join two line pieces: no space between Chinese characters, one between ASCII words."""
    left, right = left.rstrip(), right.strip()
    if (
        left
        and right
        and left[-1].isascii()
        and left[-1].isalnum()
        and right[0].isascii()
        and right[0].isalnum()
    ):
        return f"{left} {right}"
    return left + right


def paragraphs(lines: Sequence[Line]) -> list[Paragraph]:
    """The prose paragraphs of ``lines`` (table rows and blank lines excluded).

    >>> ls = [Line(1, "（一）贯彻中央、省、市关于信访工作的决策部署和要求"), Line(2, ""),
    ...       Line(3, "的决策部署。"), Line(4, "（二）负责大厅的运行管理。")]
    >>> [(p.text, p.span) for p in paragraphs(ls)]  # unwrapped: a line is a paragraph
    [('（一）贯彻中央、省、市关于信访工作的决策部署和要求', Span(start=1, end=1)), ('的决策部署。', Span(start=3, end=3)), ('（二）负责大厅的运行管理。', Span(start=4, end=4))]
    """
    if any(ln.cut for ln in lines):
        return join_lines(lines, None, cut=True)
    return join_lines(lines, wrap_width(lines))


def join_lines(lines: Sequence[Line], width: int | None, cut: bool = False) -> list[Paragraph]:
    """Paragraphs of ``lines`` joined at the given wrap width (None: no joining), or after
    the lines the line reader marked as cut by a hard wrap (``cut``)."""
    out: list[Paragraph] = []
    text, nos, starts = "", [], []
    last = ""
    last_cut = False
    furniture = _furniture(lines) if width is not None else frozenset()

    def flush() -> None:
        nonlocal text, nos, starts
        if nos and text.strip():
            out.append(Paragraph(text, tuple(nos), tuple(starts)))
        text, nos, starts = "", [], []

    for ln in lines:
        if ln.blank:
            continue
        if is_table_line(ln.text):
            flush()
            last = ""
            continue
        piece = ln.text.strip()
        wrapped = bool(nos) and (_cut_joins(last, last_cut) if cut else _joins(last, width))
        if wrapped and ln.no in furniture:
            continue  # a page break mid-sentence: the sentence goes on after the footer and header
        if wrapped and is_prose_line(ln.text) and not ITEM_MARK.match(piece):
            glued = _glue(text, piece)
            starts.append(len(glued) - len(piece))
            text = glued
            nos.append(ln.no)
        else:
            flush()
            text, nos, starts = piece, [ln.no], [0]
        last, last_cut = ln.text, ln.cut
    flush()
    return out


def _cut_joins(prev: str, cut: bool) -> bool:
    """True for a prose line a hard wrap cut mid-sentence."""
    return cut and is_prose_line(prev) and not prev.strip().endswith(_SENTENCE_END)


# -- table of contents ------------------------------------------------------------------------

_LEADER = re.compile(r"[.…·．]{2,}")
_MARKUP = re.compile(r"<[^>]+>|[#*|\t]")
_TRAILING_PAGE = re.compile(r"\s+\d+\s*$")
_NUMERAL = r"[一二三四五六七八九十百\d]+"
_HEADING_LABELS = (
    (1, re.compile(rf"第({_NUMERAL})部分")),
    (2, re.compile(r"([一二三四五六七八九十百]+)\s*[、.．]")),
    (3, re.compile(rf"[（(]\s*({_NUMERAL})\s*[）)]")),
)
_MAX_ENTRY_WIDTH = 80  # display columns; a long table title in a TOC still fits


def heading_label(text: str) -> tuple[int, str] | None:
    """(level, numeral) of a numbered heading: 1 for 第X部分, 2 for 一、, 3 for （一）; else None.

    >>> heading_label("## 第二部分 2024年部门预算表"), heading_label("  （三）机构设置"), heading_label("说明")
    ((1, '二'), (3, '三'), None)
    """
    s = text.lstrip("#-*> \t").strip()
    for level, pattern in _HEADING_LABELS:
        m = pattern.match(s)
        if m:
            return level, m.group(1)
    return None


def entry_key(text: str) -> str:
    """A heading or table-of-contents entry folded for comparison: no markup, leaders, page number or spaces.

    >>> entry_key("第一部分 部门概况 .....\\t1"), entry_key("## 第一部分  部门概况"), entry_key("|--|---|")
    ('第一部分部门概况', '第一部分部门概况', '')
    """
    s = _TRAILING_PAGE.sub("", _LEADER.sub(" ", _MARKUP.sub(" ", text)))
    s = re.sub(r"\s+", "", s)
    return "" if re.fullmatch(r"[-:]*", s) else s


def _entry_like(text: str) -> bool:
    """A line a table of contents could hold: a row, a dot-leader line or a short line that ends no sentence."""
    if is_table_line(text) or _LEADER.search(text):
        return True
    s = text.strip()
    return display_width(s) <= _MAX_ENTRY_WIDTH and not s.endswith(("。", "；", ";", "，", ","))


def toc_lines(lines: Sequence[Line], titles: Sequence[str]) -> frozenset[int]:
    """Line numbers of every table of contents: a title line (目录) and the entries after it.

    The entries run while lines look like entries; they end where the body begins, which
    repeats the first entry: the same top-level entry again, or its numbering (第一部分) again.

    >>> ls = [Line(1, "目  录"), Line(2, "第一部分  部门概况"), Line(3, "    一、部门主要职责"),
    ...       Line(4, "第二部分  预算表"), Line(5, "第一部分  部门概况"), Line(6, "一、部门主要职责")]
    >>> sorted(toc_lines(ls, ["目录"]))
    [1, 2, 3, 4]
    """
    keys = {entry_key(t) for t in titles}
    out: set[int] = set()
    i = 0
    while i < len(lines):
        if not lines[i].blank and entry_key(lines[i].text) in keys:
            out.add(lines[i].no)
            i = _toc_block(lines, i + 1, out)
        else:
            i += 1
    return frozenset(out)


def _toc_block(lines: Sequence[Line], start: int, out: set[int]) -> int:
    """Add the entry lines from ``start`` to ``out``; the index where the body begins."""
    top_level: int | None = None
    top_keys: set[str] = set()
    top_numbers: set[tuple[int, str]] = set()
    first = True
    for k in range(start, len(lines)):
        ln = lines[k]
        if ln.blank:
            continue
        if not _entry_like(ln.text):
            return k
        key = entry_key(ln.text)
        if key:
            label = heading_label(key)
            level = label[0] if label else None
            if first:
                top_level, first = level, False
            if level == top_level:
                if key in top_keys or (label is not None and label in top_numbers):
                    return k
                top_keys.add(key)
                if label is not None:
                    top_numbers.add(label)
        out.add(ln.no)
    return len(lines)
