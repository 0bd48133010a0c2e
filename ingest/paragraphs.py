"""Prose paragraphs rebuilt from lines a PDF export broke mid-sentence, line numbers kept.

A document whose prose lines share one wrap width (most non-table lines within a
few columns of it) is *wrapped*: a line as wide as that width and not ending a
sentence continues on the next non-blank line, unless that line opens a numbered
item or a heading. In an unwrapped document every non-blank line is a paragraph.
Table rows (pipe or tab separated) are never joined and never part of prose.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .lines import Line
from .records import Span

_SENTENCE_END = tuple("。：:；;！!？?」』”")
# numbered items and headings: （一） (1) 一、 1、 1. 第一部分 - bullets
ITEM_MARK = re.compile(
    r"^\s*(?:[-•·*]\s+)?(?:[（(]\s*[一二三四五六七八九十百\d]+\s*[）)]|[一二三四五六七八九十百]+\s*[、.．]"
    r"|\d{1,2}\s*[、．]|\d{1,2}\.(?!\d)|第[一二三四五六七八九十\d]+部分)"
)
_MIN_WRAPPED_SHARE = 0.4
# a wrap width is a ceiling: in a wrapped export few prose lines run past it
# (short headings of one width are no wrap width when the paragraphs run far wider)
_MAX_OVERFLOW_SHARE = 0.2
_WINDOW = 8  # display columns a wrapped line may fall short of the wrap width


def display_width(text: str) -> int:
    """Columns the text takes in a monospaced rendering (CJK and full-width count 2).

    >>> display_width("收入总计 425.23 万元")
    20
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def is_table_line(text: str) -> bool:
    """A pipe- or tab-separated table row.

    >>> is_table_line("| 项目 | 金额 |"), is_table_line("项目\\t金额"), is_table_line("收入总计 425.23 万元")
    (True, True, False)
    """
    return "\t" in text or text.lstrip().startswith("|")


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
    """The width prose lines were wrapped at, or None when the lines do not look wrapped."""
    widths = [display_width(ln.text.strip()) for ln in lines if not is_table_line(ln.text)]
    widths = [w for w in widths if w >= 24]
    if len(widths) < 10:
        return None
    counts = Counter(widths)
    best, best_top = 0, 0
    for top in counts:
        n = sum(c for w, c in counts.items() if top - _WINDOW <= w <= top)
        if n > best or (n == best and top > best_top):
            best, best_top = n, top
    if best < _MIN_WRAPPED_SHARE * len(widths):
        return None
    if sum(w > best_top + _WINDOW for w in widths) > _MAX_OVERFLOW_SHARE * len(widths):
        return None
    return best_top


def _joins(prev: str, width: int | None) -> bool:
    if width is None:
        return False
    prev = prev.strip()
    return display_width(prev) >= width - _WINDOW and not prev.endswith(_SENTENCE_END)


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
    return join_lines(lines, wrap_width(lines))


def join_lines(lines: Sequence[Line], width: int | None) -> list[Paragraph]:
    """Paragraphs of ``lines`` joined at the given wrap width (None: no joining)."""
    out: list[Paragraph] = []
    text, nos, starts = "", [], []
    last = ""

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
        if nos and _joins(last, width) and not ITEM_MARK.match(piece):
            glued = _glue(text, piece)
            starts.append(len(glued) - len(piece))
            text = glued
            nos.append(ln.no)
        else:
            flush()
            text, nos, starts = piece, [ln.no], [0]
        last = piece
    flush()
    return out


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
