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
