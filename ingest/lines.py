"""The line model every reader works on: source line numbers kept, export noise removed.

Cleaning is per line and never joins or drops lines silently: a watermark line
becomes an empty :class:`Line` (so numbering stays that of the source file) and is
recorded as :class:`Blanked`, so the report can say what was removed and where.

A watermark is a line holding only a known phrase or pattern (data/watermarks.txt), or
a line no list knows that the PDF export repeated the way page watermarks repeat: see
:func:`repeated_watermarks`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Literal

from .amounts import parse_amount
from .cleaning import label_key
from .labels import labels
from .records import Report, Span

_TAG = re.compile(r"</?(?:b|i|u|strong|em|span|font|br|sup|sub)\b[^>]*>", re.IGNORECASE)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_DELIMITED = re.compile(r"\||\t|\S\s{2,}\S")  # a pipe, a tab or a gap of aligned columns
_SENTENCE_END = tuple("。；;：:，,、")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)

# The repeated-line rule: how short, how often, how far apart (page-like, not row-like).
_MAX_CHARS = 24
_MIN_REPEATS = 3
_MIN_GAP_LINES = 5
_MIN_TILES = 3  # copies in a row, blank lines between, that show a tiled watermark
_NEIGHBOUR_REACH = 3  # lines looked through (blank ones) for the rows around an occurrence

Rule = Literal["phrase", "repeated"]


@dataclass(frozen=True)
class Line:
    """One source line: its 1-based number and its cleaned text."""

    no: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True)
class Blanked:
    """A source line blanked as a watermark: its number, its text and the rule that found it."""

    no: int
    text: str
    rule: Rule


@dataclass(frozen=True)
class WatermarkRules:
    """data/watermarks.txt: exact phrases, patterns, and patterns of lines never blanked."""

    phrases: frozenset[str]
    patterns: tuple[re.Pattern[str], ...]
    never: tuple[re.Pattern[str], ...]


@cache
def watermark_rules() -> WatermarkRules:
    """The rules of data/watermarks.txt (``re:`` a pattern, ``not:`` a never-pattern, else a phrase)."""
    raw = resources.files("budgetkg.ingest").joinpath("data/watermarks.txt").read_text(encoding="utf-8")
    entries = [w.strip() for w in raw.splitlines() if w.strip() and not w.startswith("#")]
    return WatermarkRules(
        phrases=frozenset(w for w in entries if not w.startswith(("re:", "not:"))),
        patterns=tuple(re.compile(w[3:]) for w in entries if w.startswith("re:")),
        never=tuple(re.compile(w[4:]) for w in entries if w.startswith("not:")),
    )


def clean_line(text: str) -> str:
    """Strip HTML emphasis tags, markdown heading marks, NBSP/ideographic spaces and a BOM.

    >>> clean_line("## <b>第一部分 概况</b>")
    '第一部分 概况'
    """
    text = text.replace("\ufeff", "").replace("\u00a0", " ").replace("\u3000", " ")
    text = _TAG.sub("", text)
    text = _HEADING.sub("", text)
    return text.rstrip()


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _lone_text(s: str) -> bool:
    """A folded line that could be a watermark at all: no table delimiters, no sentence end."""
    return bool(s) and not _DELIMITED.search(s) and not s.endswith(_SENTENCE_END)


def is_watermark(text: str) -> bool:
    """True for a line that holds only a watermark phrase, or text a watermark pattern fits.

    >>> is_watermark("  仅供内部审核 "), is_watermark("某某市财政局审核专用"), is_watermark("仅供参考")
    (True, True, True)
    >>> is_watermark("本表数据仅供参考。"), is_watermark("仅供参考\\t12.00")
    (False, False)
    """
    s = _fold(text)
    if not s:
        return False
    rules = watermark_rules()
    if s in rules.phrases:
        return True
    compact = re.sub(r"\s+", "", s)
    return _lone_text(s) and any(p.fullmatch(compact) for p in rules.patterns)


def _never(s: str) -> bool:
    """Headings, table titles, labels of the tables, numbers and page numbers: never watermarks."""
    lab = labels()
    key = label_key(s)
    return (
        any(p.search(s) for p in watermark_rules().never)
        or parse_amount(s) is not None
        or lab.is_page_marker(s)
        or lab.level(s) is not None
        or key in lab.performance_fields
        or key in lab.performance_ignored
        or key in lab.kpi_header
        or key in lab.kpi_block
        or key in lab.total_row
        or key in lab.project_list_header
        or lab.is_footer(s)
    )


def _candidate(s: str) -> bool:
    return (
        _lone_text(s)
        and len(re.sub(r"\s+", "", s)) <= _MAX_CHARS
        and len(_LETTER.findall(s)) >= 2
        and not _never(s)
        and not labels().looks_like_org(s)  # a running page header naming the agency
    )


def _neighbour(folded: Sequence[str], i: int, step: int) -> str | None:
    """The nearest non-blank line before (step -1) or after (step 1) index ``i``, blank lines skipped."""
    j = i + step
    while 0 <= j < len(folded) and abs(j - i) <= _NEIGHBOUR_REACH:
        if folded[j]:
            return folded[j]
        j += step
    return None


def _layout(s: str | None) -> str | None:
    """The delimiter of a table row (pipe, tab, spaces), None for text."""
    if s is None:
        return None
    if s.startswith("|") and s.count("|") >= 2:
        return "pipe"
    if "\t" in s:
        return "tab"
    return "space" if _DELIMITED.search(s) else None


def _interleaved(folded: Sequence[str], i: int) -> bool:
    """The line sits between two rows of one table layout (a watermark printed over a table)."""
    before, after = _layout(_neighbour(folded, i, -1)), _layout(_neighbour(folded, i, 1))
    return before is not None and before == after


def _separated(folded: Sequence[str], positions: Sequence[int]) -> bool:
    """Some two occurrences have text between them that is no table row and no short cell
    (a heading, a title, prose): the line repeats across the document, not inside one table
    as a wrapped cell would."""
    text = folded[positions[0]]
    for i in range(positions[0] + 1, positions[-1]):
        s = folded[i]
        if s and s != text and _layout(s) is None and (len(s) > _MAX_CHARS or not _candidate(s)):
            return True
    return False


def _tile_run(tiled: Sequence[bool]) -> bool:
    """Some copies follow one another with only blank lines between, three or more in a row
    (two equal cells side by side, as KPI columns often are, are no tiling)."""
    run = 0
    for t in tiled:
        run = run + 1 if t else 0
        if run >= _MIN_TILES - 1:
            return True
    return False


def repeated_watermarks(texts: Sequence[str]) -> frozenset[str]:
    """Texts (NFKC-folded, trimmed) that repeat like an unknown page watermark.

    Such a line is short, has no table delimiters and is no heading, title, number,
    organisation name or table label. It recurs verbatim at least three times across the
    document (not only inside one table), never on nearby lines with a table row between
    them (page-like intervals, not the rows of one table), and shows how it was printed over
    the pages: it cuts into a table (between two rows of the same layout, where it would
    stick to a cell) and also stands outside tables (a wrapped cell's last words, repeated
    from table to table, never do), or it is tiled (three copies or more in a row with only
    blank lines between).

    >>> rows = ["单位\\t金额", "甲\\t1.00", "某某审计用章", "乙\\t2.00"]
    >>> page = ["第二部分 说明", "某某审计用章", "正文一段。", "正文二段。", "", *rows, "", "正文三段。"]
    >>> sorted(repeated_watermarks(page * 3)), sorted(repeated_watermarks(page))  # twice only
    (['某某审计用章'], [])
    >>> sorted(repeated_watermarks(["第二部分 说明", "", *rows] * 3))  # only ever inside tables
    []
    """
    folded = [_fold(t) for t in texts]
    positions: dict[str, list[int]] = {}
    for i, s in enumerate(folded):
        if s:
            positions.setdefault(s, []).append(i)
    out: set[str] = set()
    for s, found in positions.items():
        if len(found) < _MIN_REPEATS or not _candidate(s):
            continue
        pairs = list(pairwise(found))
        if any(b - a < _MIN_GAP_LINES and any(map(_layout, folded[a + 1 : b])) for a, b in pairs):
            continue  # nearby copies with a table row between: cells of one table, not pages
        tiled = [b - a > 1 and not any(folded[a + 1 : b]) for a, b in pairs]
        inside = [_interleaved(folded, i) for i in found]
        printed_over = _tile_run(tiled) or (any(inside) and not all(inside))
        if printed_over and _separated(folded, found):
            out.add(s)
    return frozenset(out)


def read_lines(text: str) -> tuple[list[Line], list[Blanked]]:
    """Split text into cleaned lines, watermark lines blanked; returns the lines and what was blanked."""
    cleaned = [clean_line(raw) for raw in text.splitlines()]
    repeated = repeated_watermarks(cleaned)
    out: list[Line] = []
    blanked: list[Blanked] = []
    for i, line in enumerate(cleaned):
        rule: Rule | None = None
        if is_watermark(line):
            rule = "phrase"
        elif _fold(line) in repeated:
            rule = "repeated"
        if rule is not None:
            blanked.append(Blanked(i + 1, _fold(line), rule))
            line = ""
        out.append(Line(i + 1, line))
    return out, blanked


def load_lines(text: str) -> tuple[list[Line], int]:
    """Split text into cleaned lines; returns the lines and the count of watermark lines blanked."""
    lines, blanked = read_lines(text)
    return lines, len(blanked)


def report_blanked(blanked: Sequence[Blanked], report: Report) -> None:
    """One report line per watermark text: how it was found, how often, on which lines.

    A phrase of the data file is routine (info); a line blanked because it repeats is a
    judgement, so it is a warning a reader can check.
    """
    by_text: dict[tuple[str, Rule], list[int]] = {}
    for b in blanked:
        by_text.setdefault((b.text, b.rule), []).append(b.no)
    for (text, rule), nos in by_text.items():
        shown = ", ".join(str(n) for n in nos[:10]) + (" …" if len(nos) > 10 else "")
        how = "known watermark" if rule == "phrase" else "repeated line taken for a watermark"
        report.add(
            "info" if rule == "phrase" else "warning",
            f"{how} {text!r} blanked on {len(nos)} line(s): {shown}",
            Span(nos[0], nos[-1]),
        )
