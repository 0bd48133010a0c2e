"""The line model every reader works on: source line numbers kept, export noise removed.

Cleaning is per line and never joins or drops lines silently: a watermark line
becomes an empty :class:`Line` (so numbering stays that of the source file) and is
recorded as :class:`Blanked`, so the report can say what was removed and where.

A watermark is a line holding only a known phrase or pattern (data/watermarks.txt), or
a line no list knows that the PDF export repeated the way page watermarks repeat: see
:func:`repeated_watermarks`. A running page header or footer (the agency and year printed
on every page) is blanked the same way: see :func:`running_headers`.

Lines are split at line breaks only, so numbers are those an editor shows; a form feed
(a page break of pdftotext) marks the line it starts as the top of a page.

A text exported hard-wrapped (every line cut at one fixed width, table rows too: see
:func:`hard_wrap`) has its table rows put back together: the row stands on its first
line, with ``through`` naming the last line it was read from, and its continuation lines
are left empty, so numbering stays that of the source file. A prose line cut at the
width is marked ``cut``, for the paragraph reader to join.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import accumulate, pairwise
from typing import Literal

from .amounts import parse_amount
from .cleaning import label_key
from .labels import labels
from .records import Report, Span

_TAG = re.compile(r"</?(?:b|i|u|strong|em|span|font|sup|sub)\b[^>]*>", re.IGNORECASE)
_BREAK = re.compile(r"\s*<br\s*/?>\s*", re.IGNORECASE)
_CLAUSE_END = tuple("。；;，,、：:|>")  # after these a <br> adds no clause break
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# A gap between cells: a tab or two spaces, ideographic (U+3000) or not.
_WIDE_GAP = re.compile(r"(?<=\S)(?:[ \u3000\u00a0]{2,}|\t)(?=\S)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_DELIMITED = re.compile(r"\||\t|\S\s{2,}\S")  # a pipe, a tab or a gap of aligned columns
_SENTENCE_END = tuple("。；;：:，,、")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)

# The repeated-line rule: how short, how often, how far apart (page-like, not row-like).
_MAX_CHARS = 24
_MAX_HEADER_CHARS = 40  # a running header: agency, year and kind of the document
_MIN_REPEATS = 3
_MIN_GAP_LINES = 5
_MIN_TILES = 3  # copies in a row, blank lines between, that show a tiled watermark
_NEIGHBOUR_REACH = 3  # lines looked through (blank ones) for the rows around an occurrence

_PAGE_REACH = 3  # lines looked through (blank ones) from a running header to its page marker
_DEEP_INDENT = 3  # ideographic spaces that indent a wrapped cell, not a paragraph (two)

Rule = Literal["phrase", "repeated", "header"]


@dataclass(frozen=True)
class Line:
    """One source line: its 1-based number and its cleaned text.

    In a hard-wrapped text, ``through`` is the last source line a table row cut at the
    wrap width was rejoined from, ``breaks`` the offsets in ``text`` where each later line
    begins (empty when cleaning moved them), and ``cut`` marks a line of text the width
    cut off.
    """

    no: int
    text: str
    through: int | None = None
    cut: bool = False
    breaks: tuple[int, ...] = ()

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
    """data/watermarks.txt: exact phrases, patterns, patterns of lines never blanked, and
    patterns of a running header's text that the never-patterns do not protect."""

    phrases: frozenset[str]
    patterns: tuple[re.Pattern[str], ...]
    never: tuple[re.Pattern[str], ...]
    header: tuple[re.Pattern[str], ...] = ()


@cache
def watermark_rules() -> WatermarkRules:
    """The rules of data/watermarks.txt (``re:`` a pattern, ``not:`` a never-pattern,
    ``header:`` a running-header pattern, else a phrase)."""
    raw = resources.files("budgetkg.ingest").joinpath("data/watermarks.txt").read_text(encoding="utf-8")
    entries = [w.strip() for w in raw.splitlines() if w.strip() and not w.startswith("#")]
    return WatermarkRules(
        phrases=frozenset(w for w in entries if not w.startswith(("re:", "not:", "header:"))),
        patterns=tuple(re.compile(w[3:]) for w in entries if w.startswith("re:")),
        never=tuple(re.compile(w[4:]) for w in entries if w.startswith("not:")),
        header=tuple(re.compile(w[7:]) for w in entries if w.startswith("header:")),
    )


def clean_line(text: str, table: bool = False) -> str:
    """Strip HTML emphasis tags, markdown heading marks, NBSP, a BOM and form feeds; read
    ``<br>`` as a clause break and ideographic spaces (U+3000) by what they do.

    An ideographic space is two display columns wide: on a line of aligned cells (one with
    another gap between cells, or ``table`` when its neighbours are such lines) each is two
    spaces, so a single one between cells is a column gap and the columns stay aligned; in
    prose it is one space. A ``<br>`` inside text separates two items of one cell (two cited
    documents), so it becomes ``；`` unless punctuation or a cell border already ends the clause.

    >>> clean_line("## <b>第一部分 概况</b>")
    '第一部分 概况'
    >>> clean_line("序号\u3000项目名称\u3000\u3000合计"), clean_line("第一部分\u3000概况")
    ('序号  项目名称    合计', '第一部分 概况')
    >>> clean_line("| 依据 | 《甲办法》<br>《乙条例》；<br/>（2）丙 |")
    '| 依据 | 《甲办法》；《乙条例》；（2）丙 |'
    """
    text = text.replace("\ufeff", "").replace("\u00a0", " ").replace("\f", "")
    if "\u3000" in text:
        wide = table or bool(_WIDE_GAP.search(text.strip(" \u3000")))
        text = text.replace("\u3000", "  " if wide else " ")
    text = _BREAK.sub(_clause_break, text)
    text = _TAG.sub("", text)
    text = _HEADING.sub("", text)
    return text.rstrip()


def _clause_break(m: re.Match[str]) -> str:
    before, after = m.string[: m.start()].rstrip(), m.string[m.end() :].lstrip()
    if not before or not after or before.endswith(_CLAUSE_END) or after.startswith(("|", "<")):
        return re.sub(r"<[^>]*>", "", m.group())  # the spaces around the tag, if any
    return "；"


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


def _never(s: str, rules: WatermarkRules | None = None) -> bool:
    """Headings, table titles, labels of the tables, numbers and page numbers: never watermarks."""
    lab = labels()
    key = label_key(s)
    return (
        any(p.search(s) for p in (rules or watermark_rules()).never)
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


def _header_text(s: str) -> bool:
    """A folded line a running page header could be: short lone text, no number, page
    number, heading or table label (the never-patterns yield to data/watermarks.txt's
    ``header:`` patterns, the agency-and-year title a header repeats)."""
    if not _lone_text(s) or len(re.sub(r"\s+", "", s)) > _MAX_HEADER_CHARS or len(_LETTER.findall(s)) < 2:
        return False
    rules = watermark_rules()
    if any(p.search(s) for p in rules.header):
        rules = WatermarkRules(rules.phrases, rules.patterns, ())
    return not _never(s, rules)


def _at_page_edge(folded: Sequence[str], page_start: Sequence[bool], i: int) -> bool:
    """The line opens a page (a form feed) or stands next to a page number, blank lines between."""
    if page_start[i]:
        return True
    lab = labels()
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(folded) and abs(j - i) <= _PAGE_REACH:
            if page_start[j] and step == 1:
                return True  # the next page begins right after: a footer
            if folded[j]:
                if lab.is_page_marker(folded[j]):
                    return True
                break
            j += step
    return False


def running_headers(texts: Sequence[str], page_start: Sequence[bool]) -> frozenset[int]:
    """Indexes of the lines that are a running page header or footer, to blank.

    Such a line repeats verbatim (NFKC-folded, trimmed) at page-like intervals, and every
    copy but at most one opens a page (a form feed) or stands next to a page number. It is
    short lone text and no heading, table label or number, but it may be the document's
    title (agency and year), so its first copy is kept when no table row comes before it:
    that copy may be the title page, which the document reader needs.

    >>> page = ["某某局2024年部门预算", "", "正文一段。", "单位  金额", "甲  1.00", "", "第 {} 页"]
    >>> texts = [ln.format(n) for n in range(1, 4) for ln in page]
    >>> sorted(running_headers(texts, [False] * len(texts)))
    [7, 14]
    """
    folded = [_fold(t) for t in texts]
    positions: dict[str, list[int]] = {}
    for i, s in enumerate(folded):
        if s:
            positions.setdefault(s, []).append(i)
    out: set[int] = set()
    for s, found in positions.items():
        if len(found) < 2 or not _header_text(s):
            continue
        if any(b - a < _MIN_GAP_LINES for a, b in pairwise(found)):
            continue  # copies close together are cells or list items, not pages
        edges = [i for i in found if _at_page_edge(folded, page_start, i)]
        if len(edges) < 2 or len(edges) < len(found) - 1:
            continue
        first = found[0]
        keep_first = not any(_layout(t) for t in folded[:first])
        out.update(found[1:] if keep_first else found)
    return frozenset(out)


@lru_cache(maxsize=65536)  # each line is measured by several readers
def display_width(text: str) -> int:
    """Columns the text takes in a monospaced rendering (CJK and full-width count 2).

    >>> display_width("收入总计 425.23 万元")
    20
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# -- hard-wrapped texts ------------------------------------------------------------------------

WrapMetric = Literal["char", "display"]
_MIN_CUT_LINES = 8  # lines at the width a text needs before it is judged hard-wrapped
_MIN_CUT_SHARE = 0.15  # ... as a share of its non-blank lines
_MAX_OVER_SHARE = 0.01  # a fixed width is a ceiling: (almost) no line runs past it
_MIN_OPEN_SHARE = 0.5  # most lines at the width end mid-text, not at a sentence end or cell border
_MIN_WRAP = 20  # narrower "widths" are short labels and numbers, not a wrap
_OPEN_ENDS = tuple("。；;！!？?|")


@dataclass(frozen=True)
class HardWrap:
    """The fixed width every line of a text was cut at, in characters or display columns."""

    width: int
    metric: WrapMetric

    def measure(self, text: str) -> int:
        return len(text) if self.metric == "char" else display_width(text)

    @property
    def slack(self) -> int:
        """A wide character that does not fit leaves the line one display column short."""
        return 0 if self.metric == "char" else 1

    def at_width(self, raw: str) -> bool:
        """The line reaches the width, with or without its trailing spaces (noise added after
        the cut, or spaces the cut fell in)."""
        return any(self.width - self.slack <= self.measure(t) <= self.width for t in (raw, raw.rstrip()))


def hard_wrap(raw: Sequence[str]) -> HardWrap | None:
    """The width a text was hard-wrapped at, or None for a text with lines of their own lengths.

    A hard wrap cuts every line longer than the width, so many lines have exactly that
    length (characters, or display columns where a wide character may leave one short),
    next to none is longer, and most lines at the width end mid-text (a sentence or a
    table row goes on below). An export's own lines vary in length and its longest
    paragraph or row runs past any common length.

    >>> text = "某某局负责全市某某工作的统筹规划、组织实施和监督检查" * 8
    >>> cut = [text[k : k + 20] for k in range(0, len(text), 20)]
    >>> hard_wrap(cut), hard_wrap([*cut, "某某局" * 10])
    (HardWrap(width=20, metric='char'), None)
    """
    shown = [r for r in raw if r.strip()]
    found: list[tuple[int, HardWrap]] = []
    for metric in ("char", "display"):
        probe = HardWrap(0, metric)
        lengths = Counter(n for r in shown if (n := probe.measure(r.rstrip())) >= _MIN_WRAP)
        if not lengths:
            continue
        width = max(lengths, key=lambda w: (sum(lengths[v] for v in range(w - probe.slack, w + 1)), w))
        wrap = HardWrap(width, metric)
        cut = [i for i, r in enumerate(raw) if r.strip() and wrap.at_width(r)]
        over = sum(wrap.measure(r.rstrip()) > width for r in shown)
        open_ = sum(
            not raw[i].rstrip().endswith(_OPEN_ENDS) and i + 1 < len(raw) and bool(raw[i + 1].strip())
            for i in cut
        )
        if (
            len(cut) >= max(_MIN_CUT_LINES, _MIN_CUT_SHARE * len(shown))
            and over <= _MAX_OVER_SHARE * len(shown)
            and open_ >= _MIN_OPEN_SHARE * len(cut)
        ):
            found.append((len(cut), wrap))
    return max(found, key=lambda f: f[0])[1] if found else None


def _row_kind(raw: str) -> Literal["pipe", "tab"] | None:
    if raw.lstrip().startswith("|"):
        return "pipe"
    return "tab" if "\t" in raw.strip() else None


def _cells(raw: str, kind: Literal["pipe", "tab"]) -> int:
    """Pipes of a pipe row (cells and borders), cells of a tab row."""
    return raw.count("|") if kind == "pipe" else raw.count("\t") + 1


@dataclass(frozen=True)
class _Region:
    """What the whole rows of a run of non-blank lines show (None: no whole row to tell):
    the pipe count of their pipe rows (the most common), the cell count of their tab rows
    (the most: trailing empty cells may be trimmed), whether pipe rows end with a pipe."""

    pipes: int | None
    tabs: int | None
    closed: bool | None


def _region(raw: Sequence[str], start: int, end: int, wrap: HardWrap) -> _Region:
    """Read from the rows the wrap left whole: short of the width, and not after a line at
    the width (whose rest they may be)."""
    whole = [
        raw[i]
        for i in range(start, end)
        if not wrap.at_width(raw[i])
        and not raw[i][:1].isspace()
        and (i == start or not wrap.at_width(raw[i - 1]))
    ]
    pipe = [r.rstrip() for r in whole if _row_kind(r) == "pipe" and r.count("|") >= 2]
    tab = [r for r in whole if _row_kind(r) == "tab"]
    pipes = Counter(_cells(r, "pipe") for r in pipe).most_common(1)
    return _Region(
        pipes=pipes[0][0] if pipes else None,
        tabs=max((_cells(r, "tab") for r in tab), default=None),
        closed=2 * sum(r.endswith("|") for r in pipe) >= len(pipe) if pipe else None,
    )


def _continues(text: str, piece: str, nxt: str, kind: Literal["pipe", "tab"], region: _Region) -> bool:
    """Whether the row ``text`` (last cut as ``piece``) goes on with the next line ``nxt``.

    A pipe row cut short of its closing pipe goes on (unless the table's rows close with
    none); a row ending with a pipe goes on when it holds fewer pipes than the table's rows
    and the line holds the rest of it: a line with a pipe not starting with one (a cell's
    text or padding first), or a pipe after a cut that fell in an empty cell's padding.
    The line never brings more pipes than a row of the table holds. A tab row goes on
    when it has fewer cells than the table's header and the line brings no more than the
    missing ones.
    """
    if kind == "tab":
        cells = _cells(text, kind)
        return (
            region.tabs is not None and cells < region.tabs and cells + _cells(nxt, kind) - 1 <= region.tabs
        )
    pipes, more = _cells(text, kind), _cells(nxt, kind)
    fits = region.pipes is None or pipes + more <= region.pipes
    if not text.rstrip().endswith("|"):
        return region.closed is not False and fits
    short = region.pipes is None or pipes < region.pipes
    if nxt.startswith("|"):
        return region.pipes is not None and piece[-1:].isspace() and short and fits
    return "|" in nxt and short and fits


def rejoin_rows(raw: Sequence[str], wrap: HardWrap) -> tuple[list[str], dict[int, int]]:
    """The lines with every table row the wrap cut put back on its first line (the
    continuation lines left empty), and the last index each rejoined row was read from.

    The pieces are concatenated as they are: a fixed-width cut drops no character, so
    a word, a number or a cell's padding cut in two is whole again.

    >>> wrap = HardWrap(17, "char")
    >>> lines = ["| 名称 | 金额 |", "|---|---|", "| 某某中心运行经费 | 1,23", "4.50 |"]
    >>> rejoin_rows(lines, wrap)
    (['| 名称 | 金额 |', '|---|---|', '| 某某中心运行经费 | 1,234.50 |', ''], {2: 3})
    """
    out = list(raw)
    through: dict[int, int] = {}
    start = 0
    while start < len(raw):
        if not raw[start].strip():
            start += 1
            continue
        end = start
        while end < len(raw) and raw[end].strip():
            end += 1
        region = _region(raw, start, end, wrap)
        i = start
        while i < end:
            kind = _row_kind(raw[i])
            j, text = i, raw[i]
            while (
                kind is not None
                and j + 1 < end
                and wrap.at_width(raw[j])
                and _continues(text, raw[j], raw[j + 1], kind, region)
            ):
                j += 1
                text += raw[j]
            if j > i:
                out[i] = text
                out[i + 1 : j + 1] = [""] * (j - i)
                through[i] = j
            i = j + 1
        start = end
    return out, through


def _split(text: str) -> list[str]:
    """Lines at line breaks only (a form feed or vertical tab stays inside its line), as an
    editor numbers them."""
    raw = _LINE_BREAK.split(text)
    return raw[:-1] if raw and raw[-1] == "" else raw


def _page_starts(raw: Sequence[str]) -> list[bool]:
    """Lines a form feed puts at the top of a page (pdftotext starts each page with one)."""
    return [
        s.lstrip(" \u3000").startswith("\f") or (i > 0 and raw[i - 1].rstrip().endswith("\f"))
        for i, s in enumerate(raw)
    ]


def _clean_all(raw: Sequence[str]) -> list[str]:
    """Every line cleaned; a line that ideographic spaces align with table rows around it
    (a wrapped cell's continuation, deeply indented or with a single gap) is read as one."""
    cleaned = [clean_line(r) for r in raw]
    rowlike = [bool(_WIDE_GAP.search(c.strip())) for c in cleaned]
    for i, r in enumerate(raw):
        body = r.lstrip("\f\u3000")
        inner_gap = "\u3000" in body.rstrip("\u3000")
        if rowlike[i] or not (inner_gap or len(r) - len(body) >= _DEEP_INDENT):
            continue
        if (i > 0 and rowlike[i - 1]) or (i + 1 < len(raw) and rowlike[i + 1]):
            cleaned[i] = clean_line(r, table=True)
    return cleaned


def read_lines(text: str) -> tuple[list[Line], list[Blanked]]:
    """Split text into cleaned lines, watermark lines and running page headers blanked;
    returns the lines and what was blanked."""
    raw = source = _split(text)
    wrap = hard_wrap(raw)
    through: dict[int, int] = {}
    if wrap is not None:
        raw, through = rejoin_rows(raw, wrap)
    cleaned = _clean_all(raw)
    repeated = repeated_watermarks(cleaned)
    headers = running_headers(cleaned, _page_starts(raw))
    out: list[Line] = []
    blanked: list[Blanked] = []
    for i, line in enumerate(cleaned):
        rule: Rule | None = None
        if is_watermark(line):
            rule = "phrase"
        elif _fold(line) in repeated:
            rule = "repeated"
        elif i in headers:
            rule = "header"
        if rule is not None:
            blanked.append(Blanked(i + 1, _fold(line), rule))
            line = ""
        last = through.get(i)
        if last is None:
            cut = wrap is not None and _row_kind(raw[i]) is None and _cut_text(raw[i], wrap)
            out.append(Line(i + 1, line, cut=cut))
            continue
        breaks = tuple(accumulate(len(p) for p in source[i:last])) if line == raw[i].rstrip() else ()
        out.append(Line(i + 1, line, last + 1, breaks=breaks))
    return out, blanked


def _cut_text(raw: str, wrap: HardWrap) -> bool:
    """A line of text the wrap cut: at the width, or one short where the cut fell on a space."""
    return wrap.width - wrap.slack - 1 <= wrap.measure(raw.rstrip()) <= wrap.width


def load_lines(text: str) -> tuple[list[Line], int]:
    """Split text into cleaned lines; returns the lines and the count of watermark lines blanked."""
    lines, blanked = read_lines(text)
    return lines, len(blanked)


def report_blanked(blanked: Sequence[Blanked], report: Report) -> None:
    """One report line per watermark text: how it was found, how often, on which lines.

    A phrase of the data file is routine (info), and so is a running page header (its
    copies stand at page breaks); a line blanked because it repeats is a judgement, so it
    is a warning a reader can check.
    """
    by_text: dict[tuple[str, Rule], list[int]] = {}
    for b in blanked:
        by_text.setdefault((b.text, b.rule), []).append(b.no)
    for (text, rule), nos in by_text.items():
        shown = ", ".join(str(n) for n in nos[:10]) + (" …" if len(nos) > 10 else "")
        how = {
            "phrase": "known watermark",
            "repeated": "repeated line taken for a watermark",
            "header": "running page header",
        }[rule]
        report.add(
            "warning" if rule == "repeated" else "info",
            f"{how} {text!r} blanked on {len(nos)} line(s): {shown}",
            Span(nos[0], nos[-1]),
        )
