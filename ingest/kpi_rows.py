"""KPI rows of performance tables (一级/二级/三级指标, 指标值), read by cell roles, not positions.

PDF exports shift cells across columns and merge rows, so a row is read as the
sequence of its non-empty cells: a 一级指标 word sets the level-1 context, a 二级指标
word sets the level-2 context of its column group, and the other cells pair up as
(三级指标, 指标值). In a two-group table (实施期目标 | 年度目标) a 二级指标 word that
follows a name starts the annual group; four unlabelled cells split two and two.
Level labels carry down to the rows below them, separately per group, unless the
export centred them on their merged cells (pdftotext -layout prints a merged label on
a middle row of its group): then each label takes the rows around it
(:func:`centred_groups`).
When the annual name is a strict prefix of the implementation name of the same row
(the annual cell was clipped), the full name is used and the clipped one kept in
``name_as_written``.

Tables with separate value columns (指标性质 | 指标值 | 度量单位 | 权重, 年度指标值 |
实施期指标值, a 自评表's 年度指标值 | 实际完成值 | 分值 | 得分) are read column by
column instead, from the roles of their header words (:func:`kpi_layout`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from itertools import combinations, pairwise
from typing import Literal

from .cleaning import label_key
from .kpi_values import comparator_cell, compose_kpi_value, is_unit, parse_kpi_value
from .labels import labels
from .records import Column, Kpi, Report, Span
from .tables import Cell, Row

_VALUE_START = re.compile(
    r"^(?:[≥≤=<>＞＜≧≦＝]|大于|小于|不低于|不高于|不少于|不多于|不超过|低于|高于|达到|等于|约|\d|[０-９])"
)
COLUMNS: tuple[Column, Column] = ("implementation", "annual")
Role = Literal["target", "comparator", "unit", "actual", "ignored"]


@dataclass(frozen=True)
class KpiColumn:
    """A header column after 三级指标: its position, role and, for a target, its kind."""

    col: int
    role: Role
    kind: Column | None = None
    text: bool = False  # an ignored column of free text (指标值说明, 评分标准, 备注), not a number


@dataclass(frozen=True)
class KpiLayout:
    """How the rows under a KPI header read.

    ``columns`` holds the column kind of each name/value group (two groups: 实施期目标 |
    年度目标, by header word or else by position; one group: annual unless the header
    says 实施期). ``fields`` is set for a table with separate value columns (指标性质 |
    指标值 | 度量单位 | 权重, or 年度指标值 | 实施期指标值, or a 决算 自评表's 年度指标值 |
    实际完成值 | 分值 | 得分): its rows are read column by column, not as name/value pairs.
    Truthy for a two-group table, as the old boolean ``two_groups`` was.
    """

    two: bool = False
    columns: tuple[Column, ...] = ("annual",)
    name_col: int | None = None
    width: int = 0
    fields: tuple[KpiColumn, ...] = ()
    row_layout: str | None = None  # the header row's layout (pipe, tab...)
    lead: tuple[Row, ...] = ()  # a header row that holds KPIs itself (年度绩效指标 | 指标1：…；指标2：…)

    def __bool__(self) -> bool:
        return self.two


@cache
def _column_words() -> tuple[tuple[str, Role, Column | None, bool], ...]:
    """(folded header word, role, kind, free text) of data/table_labels.json kpi_columns, longest first."""
    raw = resources.files("budgetkg.ingest").joinpath("data/table_labels.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    kinds: dict[str, tuple[Role, Column | None, bool]] = {
        "target_annual": ("target", "annual", False),
        "target_implementation": ("target", "implementation", False),
        "target": ("target", None, False),
        "comparator": ("comparator", None, False),
        "unit": ("unit", None, False),
        "actual": ("actual", None, False),
        "ignored": ("ignored", None, False),
        "ignored_text": ("ignored", None, True),
    }
    words = [
        (label_key(w), *kinds[key]) for key, ws in data["kpi_columns"].items() if key in kinds for w in ws
    ]
    return tuple(sorted(words, key=lambda w: -len(w[0])))


def _column_word(text: str) -> tuple[str, Role, Column | None, bool] | None:
    key = label_key(text)
    return next((w for w in _column_words() if key.startswith(w[0])), None)


def _furniture(text: str) -> bool:
    """A header, block title, column word or footer cell of a one-cell table: never a KPI's cell."""
    lab = labels()
    key = label_key(text)
    return key in lab.kpi_block or key in lab.kpi_header or is_column_word(text) or lab.is_footer(text)


def _kpi_cells(rows: Iterable[Row]) -> Iterator[Cell]:
    """The cell of each one-cell-per-line row, headers, titles and footers left out."""
    for row in rows:
        if row.filled and not _furniture(row.filled[0].text):
            yield row.filled[0]


def is_column_word(text: str) -> bool:
    """True for a KPI header cell after 三级指标 (权重（%）, 指标值说明, 评（扣）分标准).

    A free-text column's word must be the whole cell, so a row's 说明书印制数量 is no header.

    >>> is_column_word("评（扣）分标准"), is_column_word("权重（%）"), is_column_word("说明书印制数量")
    (True, True, False)
    """
    word = _column_word(text)
    return word is not None and (not word[3] or word[0] == label_key(text))


@cache
def _total_words() -> frozenset[str]:
    raw = resources.files("budgetkg.ingest").joinpath("data/table_labels.json").read_text(encoding="utf-8")
    return frozenset(label_key(w) for w in json.loads(raw)["kpi_total_row"])


def column_role(text: str) -> tuple[Role, Column | None] | None:
    """The role of a KPI header cell after 三级指标, by its longest word prefix.

    >>> column_role("权重（%）"), column_role("年度指标值"), column_role("度量单位")
    (('ignored', None), ('target', 'annual'), ('unit', None))
    >>> column_role("三级指标") is None
    True
    """
    word = _column_word(text)
    return (word[1], word[2]) if word is not None else None


def kpi_layout(header: Row) -> KpiLayout:
    """The layout of the KPI rows below a header row, read from its words."""
    if _holds_items(header):
        return KpiLayout(lead=(header,))
    keys = [(c.col, label_key(c.text)) for c in header.filled]
    name_cols = [col for col, key in keys if key == "三级指标"]
    words = [(col, _column_word(key)) for col, key in keys]
    roles = [(col, (w[1], w[2]) if w is not None else None) for col, w in words]
    text_cols = {col for col, w in words if w is not None and w[3]}
    kinds = [r[1] for _col, r in roles if r is not None and r[0] == "target"]
    if len(name_cols) >= 2 or [k for _c, k in keys].count("指标值") >= 2:
        stated = tuple(k for k in kinds if k is not None)
        return KpiLayout(two=True, columns=stated if len(set(stated)) == 2 else COLUMNS)
    if not name_cols:
        return KpiLayout(columns=(kinds[0] or "annual",) if kinds else ("annual",))
    name_col = name_cols[0]
    fields: list[KpiColumn] = []
    for col, role in roles:
        if col > name_col and role is not None:
            fields.append(KpiColumn(col, role[0], role[1], col in text_cols))
    targets = [f for f in fields if f.role == "target"]
    if len(targets) >= 2:  # unnamed kinds: the first is 实施期, as in the two-group tables
        named = {f.kind for f in targets if f.kind}
        free = [k for k in COLUMNS if k not in named]
        fields = [
            replace(f, kind=free.pop(0)) if f.role == "target" and not f.kind and free else f for f in fields
        ]
    else:
        fields = [replace(f, kind=f.kind or "annual") if f.role == "target" else f for f in fields]
    targets = [f for f in fields if f.role == "target"]
    single: tuple[Column, ...] = (targets[0].kind or "annual",) if targets else ("annual",)
    columnar = bool(targets) and (len(targets) >= 2 or any(f.role != "target" for f in fields))
    if not columnar:
        return KpiLayout(columns=single)
    width = max(c.col for c in header.cells) + 1
    return KpiLayout(
        columns=single, name_col=name_col, width=width, fields=tuple(fields), row_layout=header.layout
    )


def looks_like_value(text: str) -> bool:
    """True for a cell that reads as a KPI target rather than an indicator name.

    >>> looks_like_value("≥98%"), looks_like_value("2026年一年"), looks_like_value("项目验收时间")
    (True, True, False)
    """
    return bool(_VALUE_START.match(text.strip()))


# 2019-2021 申报表 write a level's indicators in one cell: 指标1：名称：值；指标2：名称：值.
_ITEM_MARK = re.compile(r"指标\s*[0-9０-９]+\s*[：:、.．]?")
_ITEM_START = re.compile(r"^\s*指标\s*[0-9０-９]+\s*[：:]")
_ITEM_SPLIT = re.compile(r"[；;]\s*(?=指标\s*[0-9０-９]+\s*[：:])")
_ORDINAL = re.compile(r"^指标\s*[0-9０-９]+\s*[：:、.．]?$")
_TAIL_VALUE = re.compile(r"[0-9０-９][0-9０-９.,，]*\s*\S{0,4}$")


def is_ordinal(text: str) -> bool:
    """True for a 序号 cell that only numbers an indicator (指标1, 指标2：), no name of its own.

    >>> is_ordinal("指标1"), is_ordinal("指标2："), is_ordinal("指标1：群众满意度：≥90%")
    (True, True, False)
    """
    return bool(_ORDINAL.match(text.strip()))


def has_items(text: str) -> bool:
    """True for a cell of numbered indicators (指标1：名称：值；指标2：…)."""
    return bool(_ITEM_START.match(text))


def split_item(item: str) -> tuple[str, str]:
    """One numbered indicator as (name, value): at its last colon, else where the value starts.

    >>> split_item("指标1：建设任务完成时间：2020年12月底前")
    ('建设任务完成时间', '2020年12月底前')
    >>> split_item("指标2：开展志愿服务活动≥500场次"), split_item("指标3：宣传覆盖面广")
    (('开展志愿服务活动', '≥500场次'), ('宣传覆盖面广', ''))
    """
    body = _ITEM_MARK.sub("", item.strip(), count=1).strip().rstrip("；;。")
    head, colon, tail = body.rpartition("：") if "：" in body else body.rpartition(":")
    if colon and head.strip() and tail.strip():
        return head.strip(), tail.strip()
    for i in range(1, len(body)):
        if _VALUE_START.match(body[i:]) and not body[i].isdigit():
            return body[:i].strip(), body[i:].strip()
    m = _TAIL_VALUE.search(body)
    if m and m.start() > 0 and not body[m.start() - 1].isdigit():
        return body[: m.start()].strip(), body[m.start() :].strip()
    return body, ""


def split_items(cell: Cell) -> list[Cell]:
    """A cell of numbered indicators as name and value cells in turn (empty values kept as '').

    >>> [c.text for c in split_items(Cell("指标1：建成实践所：11个；指标2：开展活动：≥500场次", 4, 3))]
    ['建成实践所', '11个', '开展活动', '≥500场次']
    """
    if not has_items(cell.text):
        return [cell]
    out: list[Cell] = []
    for item in _ITEM_SPLIT.split(cell.text.strip()):
        name, value = split_item(item)
        if name:
            out += [Cell(name, cell.line, cell.col), Cell(value, cell.line, cell.col)]
    return out or [cell]


def _expand(cells: Sequence[Cell]) -> list[Cell]:
    """A row's cells with numbered-indicator cells split and bare 指标N ordinals dropped."""
    return [x for c in cells if not is_ordinal(c.text) for x in split_items(c)]


@cache
def _word_list(name: str) -> tuple[str, ...]:
    """The words of a data file, longest first (for str.startswith / str.endswith)."""
    raw = resources.files("budgetkg.ingest").joinpath(f"data/{name}").read_text(encoding="utf-8")
    words = {w.strip() for w in raw.splitlines() if w.strip() and not w.startswith("#")}
    return tuple(sorted(words, key=len, reverse=True))


_DATE_TAIL = re.compile(r"(?:\d{4}年)?\d{1,2}月$")
_DAY_START = re.compile(r"^\d{1,2}日")
_MAX_CONTINUATION = 8


def continues_value(value: str, text: str) -> bool:
    """True when a short cell only finishes the KPI value above it, which the export wrapped.

    It starts with a comparator suffix or time word (以内, 以上, 前, 日前), completes a
    date (2025年12月 / 31日前), or gives the number a value left open (较上年提高 / 5%以上).

    >>> continues_value("定损后10个工作日", "以内"), continues_value("2025年12月", "31日前")
    (True, True)
    >>> continues_value("较上年提高", "5%以上"), continues_value("每学期开学后", "30日以内")
    (True, True)
    >>> continues_value("≥95%", "群众满意度"), continues_value("", "以内"), continues_value("及时", "30日")
    (False, False, False)
    """
    v, t = value.strip(), text.strip()
    if not v or not t or len(t) > _MAX_CONTINUATION or labels().level(t) is not None:
        return False
    if t.startswith(_word_list("kpi_continuations.txt")):
        return True
    if _DATE_TAIL.search(v) and _DAY_START.match(t):
        return True
    opens = v.endswith(_word_list("kpi_open_values.txt"))
    return opens and bool(re.match(r"^\d", t)) and not re.search(r"\d", v)


@dataclass
class _State:
    level1: str | None = None
    level2: list[str | None] = field(default_factory=lambda: [None, None])
    pending: Cell | None = None  # a name whose value may come on the next line
    pending_group: int = 0
    pending_levels: tuple[str | None, str | None] = (None, None)  # level1, level2 at the name
    columns: tuple[Column, ...] = COLUMNS  # the column kind of each group


def is_kpi_header(row: Row) -> bool:
    """True for the header row (一级指标 二级指标 三级指标 指标值) of a KPI block, or for
    a block label whose row holds the KPIs itself, without levels (年度绩效指标 | 指标1：…)."""
    keys = {label_key(c.text) for c in row.filled}
    return len(keys & labels().kpi_header) >= 3 or _holds_items(row)


def _holds_items(row: Row) -> bool:
    """True for 年度绩效指标 | 指标1：名称：值；…: the block label, then numbered indicators only."""
    cells = row.filled
    return (
        len(cells) >= 2
        and label_key(cells[0].text) in labels().kpi_block
        and all(has_items(c.text) for c in cells[1:])
    )


def two_groups(header: Row) -> KpiLayout:
    """The header's layout, truthy when it has two 三级指标 (or 指标值) columns: 实施期 and 年度.

    Kept for callers of the boolean version; :func:`kpi_layout` is the same function.
    """
    return kpi_layout(header)


def read_kpi_rows(rows: Sequence[Row], layout: KpiLayout | bool, report: Report) -> list[Kpi]:
    """KPIs of the rows below a KPI header, implementation and annual alike, in row order.

    Names the export clipped with an ellipsis are restored (:func:`restore_clipped`).
    """
    return restore_clipped(_read_kpi_rows(rows, layout, report), report)


# An ellipsis a PDF export puts where it clipped a cell: …, ⋯, ... or ···, alone or doubled.
_CLIP_MARK = re.compile(r"(?:…|⋯|\.{2,}|·{2,})+$")


def clipped_stem(name: str) -> str | None:
    """The visible part of a name the export clipped with an ellipsis, or None for a whole name.

    >>> clipped_stem("退役军人适应性培…"), clipped_stem("参训人员满意度..."), clipped_stem("培训合格率")
    ('退役军人适应性培', '参训人员满意度', None)
    """
    m = _CLIP_MARK.search(name.strip())
    stem = name.strip()[: m.start()].rstrip() if m else ""
    return stem or None


def restore_clipped(kpis: list[Kpi], report: Report) -> list[Kpi]:
    """Names ending in an ellipsis (退役军人适应性培…) completed from a whole name of the block.

    The whole name starts with the visible part: the same indicator in the twin column
    (实施期 vs 年度, same value) first, then one with the same value elsewhere, then the
    only name of the block with that start. The visible text is kept in
    ``name_as_written``. A name nothing completes loses its ellipsis and is marked
    ``name_truncated``. Both are reported.
    """
    whole = [k for k in kpis if clipped_stem(k.name) is None]
    out: list[Kpi] = []
    for k in kpis:
        stem = clipped_stem(k.name)
        if stem is None:
            out.append(k)
            continue
        fits = [f for f in whole if f.name.startswith(stem) and f.name != stem]
        tiers = (
            [f for f in fits if f.value.raw == k.value.raw and f.column != k.column],
            [f for f in fits if f.value.raw == k.value.raw],
            fits,
        )
        names = next((found for found in ({f.name for f in t} for t in tiers) if found), set())
        written = k.name_as_written or k.name
        if len(names) == 1:
            full = names.pop()
            report.add("info", f"clipped KPI name {k.name!r} completed as {full!r}", k.span)
            k = replace(k, name=full, name_as_written=written)
        else:
            report.add("warning", f"clipped KPI name {k.name!r} has no whole form in its table", k.span)
            k = replace(k, name=stem, name_as_written=written, name_truncated=True)
        out.append(k)
    return out


def _read_kpi_rows(rows: Sequence[Row], layout: KpiLayout | bool, report: Report) -> list[Kpi]:
    lab = labels()
    if isinstance(layout, bool):
        layout = KpiLayout(two=True, columns=COLUMNS) if layout else KpiLayout(columns=("implementation",))
    two = layout.two
    if layout.fields:
        if rows and all(r.layout == "single" for r in rows):
            if any(f.text for f in layout.fields):
                return _read_single_chunks(rows, layout, report)
            return _read_single_columnar(rows, layout, report)
        return _read_columnar(rows, layout, report)
    if rows and all(r.layout == "single" for r in rows):
        return _complete_across_rows(_read_single(rows, layout, report))
    state = _State(columns=layout.columns)
    out: list[Kpi] = []
    previous: tuple[list[Cell], int] = ([], 0)  # the last row's cells and where its KPIs start in out
    marks = _Marks()
    for row in (*layout.lead, *rows):
        cells = _expand([c for c in row.filled if label_key(c.text) not in lab.kpi_block])
        if row not in layout.lead and (not cells or lab.is_footer(cells[0].text) or is_kpi_header(row)):
            previous = ([], len(out))
            continue  # a footer, or the header repeated after a page break
        if (
            len(cells) == 1
            and state.pending is None
            and out[previous[1] :]
            and continues_value(out[-1].value.raw, cells[0].text)
        ):
            out[-1] = _continued(out[-1], cells[0])
            continue  # a value the export wrapped onto a line of its own (定损后10个工作日 / 以内)
        marks.at[row.line] = 2 * len(marks.at)  # even: a row; odd: a label on a row's wrapped line
        wraps = _wrapped_names(cells, previous[0], out[previous[1] :])
        if wraps:
            for k, cell in wraps:
                kpi = out[previous[1] + k]
                out[previous[1] + k] = replace(
                    kpi, name=kpi.name + cell.text, span=kpi.span.union(Span(cell.line, cell.line))
                )
            continue
        previous = (cells, len(out))
        groups: list[list[tuple[int, str, Cell]]] = [[]]
        seen_name = False
        for cell, level in zip(cells, row_levels(cells), strict=True):
            if level and level[0] == 1:
                state.level1 = level[1]
                marks.level1.append((marks.place(row.line, cell), level[1]))
                continue
            if level:
                if two and seen_name and len(groups) == 1:
                    groups.append([])
                    seen_name = False
                groups[-1].append((2, level[1], cell))
            else:
                groups[-1].append((0, cell.text, cell))
                seen_name = True
        if two and len(groups) == 1:
            names = [g for g in groups[0] if g[0] == 0]
            if len(names) == 4:
                cut = groups[0].index(names[2])
                groups = [groups[0][:cut], groups[0][cut:]]
        groups = [_label_as_name(g) for g in groups]
        row_kpis: list[list[Kpi]] = [[], []]
        for gi, group in enumerate(groups[:2]):
            for kind, text, cell in group:
                if kind == 2:
                    state.level2[gi] = text
                    state.level1 = lab.level1_of_level2.get(text, state.level1)
                    marks.level2[gi].append((marks.place(row.line, cell), text))
            others = [c for kind, _t, c in group if kind == 0]
            row_kpis[gi] = _pairs(others, state, gi, row.line, report)
        out.extend(_complete_names(row_kpis[0], row_kpis[1]))
    out.extend(_settle_pending([], state, 0, None, report))
    return _complete_across_rows(_centre_levels(out, marks, layout.columns))


def row_levels(cells: Sequence[Cell]) -> list[tuple[int, str] | None]:
    """The level of each cell of a row; a 二级指标 word followed by one of its own 二级指标
    words is the row's 一级指标 (2022+ templates: 成本指标 | 经济成本指标).

    >>> row_levels([Cell("成本指标", 1, 0), Cell("经济成本指标", 1, 1), Cell("生均成本", 1, 2)])
    [(1, '成本指标'), (2, '经济成本指标'), None]
    >>> row_levels([Cell("产出指标", 1, 0), Cell("成本指标", 1, 1)])
    [(1, '产出指标'), (2, '成本指标')]
    """
    lab = labels()
    levels = [lab.level(c.text) for c in cells]
    out = list(levels)
    for i, (level, nxt) in enumerate(pairwise(levels)):
        if level and nxt and level[0] == nxt[0] == 2 and lab.level1_of_level2.get(nxt[1]) == level[1]:
            out[i] = (1, level[1])
    return out


@dataclass
class _Marks:
    """Where a block's level labels stand: row places by line, and (place, label) per level column.

    A row's place is twice its ordinal in the block; a label printed on the wrapped
    second line of a row (社会效益 beside the tail of a long name) stands half a row lower.
    """

    at: dict[int, int] = field(default_factory=dict)  # source line -> place of its row
    level1: list[tuple[int, str]] = field(default_factory=list)
    level2: tuple[list[tuple[int, str]], list[tuple[int, str]]] = field(default_factory=lambda: ([], []))

    def place(self, line: int, cell: Cell) -> int:
        return self.at[line] + (1 if cell.line > line else 0)


_EMPTY_GROUP = 1000  # a label over no row: only when nothing else fits


def centred_groups(
    labels: Sequence[int], rows: Sequence[int], misfit: Callable[[int, int], int] | None = None
) -> list[int]:
    """For rows (ordinals, ascending) under labels centred on their groups (ordinals,
    ascending), the index of each row's label.

    Groups are contiguous and each holds its label's own row; the split is the one whose
    labels sit nearest their groups' middles, a label below the middle of an even group
    (the lower of two middle rows, as pdftotext prints it) before one above it.
    ``misfit(label, row)`` adds a cost for a row that fits its label badly (a 二级指标 of
    another 一级指标's vocabulary).

    >>> centred_groups([1, 3, 4], [0, 1, 2, 3, 4])  # 数量 over 0-2, 质量 3, 时效 4
    [0, 0, 0, 1, 2]
    >>> centred_groups([1, 4], [0, 2, 3, 5])  # labels on lines of their own between rows
    [0, 0, 1, 1]
    """
    m, n = len(labels), len(rows)
    inf = float("inf")
    best = [[inf] * (n + 1) for _ in range(m + 1)]
    back = [[0] * (n + 1) for _ in range(m + 1)]
    best[0][0] = 0
    for k in range(1, m + 1):
        p = labels[k - 1]
        lo = labels[k - 2] if k >= 2 else -1  # rows of label k lie strictly between its neighbours
        hi = labels[k] if k < m else max([*rows, p]) + 1
        for j in range(n + 1):
            if j and not rows[j - 1] < hi:
                break
            for i in range(j + 1):
                if best[k - 1][i] == inf or (i < j and not rows[i] > lo):
                    continue
                best_here = best[k - 1][i] + _group_cost(p, rows[i:j], k - 1, misfit)
                if best_here < best[k][j]:
                    best[k][j], back[k][j] = best_here, i
    out = [0] * n
    j = n
    for k in range(m, 0, -1):
        i = back[k][j]
        out[i:j] = [k - 1] * (j - i)
        j = i
    return out


def _group_cost(p: int, rows: Sequence[int], k: int, misfit: Callable[[int, int], int] | None) -> float:
    if not rows:
        return _EMPTY_GROUP
    twice_mid = rows[0] + rows[-1]
    off = abs(2 * p - twice_mid)
    cost = 4 * off + (2 if 2 * p < twice_mid else 0)
    if misfit is not None:
        cost += sum(misfit(k, r) for r in rows)
    return cost


def _centred(kpis: Sequence[Kpi], first: list[int], marks: _Marks) -> bool:
    """True when the block's labels stand mid-group, not on their groups' first rows.

    Signs: a KPI above every label of a level column it has labels in; or a 一级指标 word
    whose row above carries a 二级指标 of its own vocabulary (its group began higher).
    """
    lab = labels()
    ordinals = sorted(set(first))
    if marks.level1 and ordinals and ordinals[0] < marks.level1[0][0]:
        return True
    for gi, column in enumerate(marks.level2):
        mine = [o for o, k in zip(first, kpis, strict=True) if _group_of(k, gi)]
        if column and mine and min(mine) < column[0][0]:
            return True
    by_pos = dict(zip(first, kpis, strict=True))
    labelled = {p for p, _w in marks.level1}
    for pos, word in marks.level1:
        above = [o for o in ordinals if o < pos]
        if (
            above
            and above[-1] not in labelled  # a row with its own 一级指标: labels repeat on every row
            and by_pos[above[-1]].level2
            and lab.level1_of_level2.get(by_pos[above[-1]].level2 or "") == word
        ):
            return True
    return False


def _group_of(kpi: Kpi, gi: int) -> bool:
    return (kpi.column == "annual") == (gi == 1) if kpi.column else gi == 0


def _centre_levels(kpis: list[Kpi], marks: _Marks, columns: Sequence[Column]) -> list[Kpi]:
    """Levels re-read for a block whose labels are centred on their groups (see :func:`centred_groups`)."""
    lab = labels()
    first = [marks.at.get(k.span.start, -1) for k in kpis]
    if not kpis or -1 in first or not _centred(kpis, first, marks):
        return kpis
    rows = sorted(set(first))
    level1: dict[int, str] = {}
    if marks.level1:
        picked = centred_groups([p for p, _w in marks.level1], rows)
        level1 = {r: marks.level1[g][1] for r, g in zip(rows, picked, strict=True)}
    out = list(kpis)
    two = len(columns) > 1
    for gi, column in enumerate(marks.level2):
        mine = sorted({o for o, k in zip(first, kpis, strict=True) if not two or _group_of(k, gi)})
        if not column or not mine:
            continue
        words = [w for _p, w in column]

        def misfit(k: int, row: int, words: list[str] = words) -> int:
            want = lab.level1_of_level2.get(words[k])
            return 3 if want and level1.get(row, want) != want else 0

        picked = centred_groups([p for p, _w in column], mine, misfit)
        level2 = {r: words[g] for r, g in zip(mine, picked, strict=True)}
        for i, k in enumerate(out):
            if first[i] in level2 and (not two or _group_of(k, gi)):
                word = level2[first[i]]
                out[i] = replace(
                    k, level2=word, level1=lab.level1_of_level2.get(word, level1.get(first[i], k.level1))
                )
    return [
        replace(k, level1=level1[first[i]]) if first[i] in level1 and not k.level2 else k
        for i, k in enumerate(out)
    ]


def _read_single(rows: Sequence[Row], layout: KpiLayout, report: Report) -> list[Kpi]:
    """KPIs of a one-cell-per-line block: after the level labels, a name and then its value.

    Empty cells are lost in this layout, so the grammar decides: the cell after a name is
    its value, whatever it says; a name followed by a label had no value. In a two-group
    table the groups alternate within a table row: a completed pair hands over to the
    other group, a 二级指标 word right after another (a row of labels only) too, and a
    一级指标 word starts a new row in the implementation group. A 二级指标 word followed
    straight by a value is that indicator's name (服务对象满意度, ≥90%).
    """
    lab = labels()
    two = layout.two
    state = _State(columns=layout.columns)
    out: list[Kpi] = []
    group = 0
    labelled = False  # the current group's last cell was a 二级指标 word
    last_label: Cell | None = None  # the previous cell, when it was a 二级指标 word
    flipped = False  # ...and it handed over to the other group
    name: Cell | None = None
    stream = list(_single_cells(rows))
    for at, shared in enumerate(stream):
        following = stream[at + 1] if at + 1 < len(stream) else None
        for cell in split_shared_line(shared, name is not None):
            level = row_levels([cell, following] if following is not None else [cell])[0]
            label, last_label = last_label, None
            if level is None:
                if (
                    name is None
                    and out
                    and out[-1].span.end == cell.line - 1
                    and (following is None or lab.level(following.text) is not None)
                    and continues_value(out[-1].value.raw, cell.text)
                ):
                    # a value wrapped onto the next cell (每学期开学后 / 30日以内), before a label or the end
                    out[-1] = _continued(out[-1], cell)
                    continue
                if (
                    name is None
                    and label is not None
                    and looks_like_value(cell.text)
                    and not (following is not None and _value_after_name(cell.text, following.text))
                ):
                    # a 二级指标 word right before a value is the indicator's name (服务对象满意度 ≥90%)
                    group = 1 - group if flipped else group
                    name = label
                if name is None:
                    name = cell
                    continue
                out.append(_kpi(name, cell, state, group))
                name, labelled = None, False
                group = 1 - group if two else 0
                continue
            if name is not None:
                report.add("warning", f"KPI without a value: {name.text!r}", Span(name.line, name.line))
                out.append(_kpi(name, None, state, group))
                name = None
                group = 1 - group if two else 0
            if level[0] == 1:
                state.level1, group, labelled = level[1], 0, False
                continue
            flipped = two and labelled
            if flipped:
                group = 1 - group
            state.level2[group] = level[1]
            state.level1 = lab.level1_of_level2.get(level[1], state.level1)
            labelled, last_label = True, cell
    if name is not None:
        report.add("warning", f"KPI without a value: {name.text!r}", Span(name.line, name.line))
        out.append(_kpi(name, None, state, group))
    return out


def _single_cells(rows: Sequence[Row]) -> Iterator[Cell]:
    """The cell of each one-cell-per-line row; headers, footers, block words and 指标N
    ordinals skipped, numbered indicators (指标1：名称：值) split into names and values."""
    lab = labels()
    for row in rows:
        cells = [c for c in row.filled if label_key(c.text) not in lab.kpi_block]
        if not cells or lab.is_footer(cells[0].text) or label_key(cells[0].text) in lab.kpi_header:
            continue
        yield from _expand(cells[:1])


_TWO_CELLS = re.compile(r"(\S+)[ \u3000](\S+)")


def split_shared_line(cell: Cell, after_name: bool = False) -> list[Cell]:
    """A one-cell-per-line cell that holds two cells at a single space, as two cells.

    The export sometimes joins a cell to the next one: a level word and a name
    (质量指标 审核率), or, right after a name, its value and the next name
    (≥1860万平方米 清扫率). One side must be a level word or a value and the other a
    name (no level word, no value, no unit), so a value written with a space
    (≥ 37.5%) or a name with one stays whole. ``after_name``: a name waits for its value.

    >>> [c.text for c in split_shared_line(Cell("质量指标 案件审核率", 3, 0))]
    ['质量指标', '案件审核率']
    >>> [c.text for c in split_shared_line(Cell("≥1800万平方米 清扫率", 3, 0), after_name=True)]
    ['≥1800万平方米', '清扫率']
    >>> [c.text for c in split_shared_line(Cell("≥ 37.5%", 3, 0), True)], len(split_shared_line(Cell("2025年 完成率", 3, 0)))
    (['≥ 37.5%'], 1)
    """
    m = _TWO_CELLS.fullmatch(cell.text.strip())
    if m is None:
        return [cell]
    left, right = m.group(1), m.group(2)
    lab = labels()

    def is_name(text: str) -> bool:
        return not (lab.level(text) or looks_like_value(text) or is_unit(text) or comparator_cell(text)[0])

    split = (
        (lab.level(left) is not None and is_name(right))
        or (is_name(left) and lab.level(right) is not None)
        or (after_name and looks_like_value(left) and is_name(right))
        or (not after_name and is_name(left) and looks_like_value(right))
    )
    if not split:
        return [cell]
    return [Cell(left, cell.line, cell.col), Cell(right, cell.line, cell.col)]


def _wrapped_names(cells: list[Cell], above: list[Cell], kpis: list[Kpi]) -> list[tuple[int, Cell]]:
    """The cells of a row that only continues the KPI names of the row above, with their KPIs.

    A name too long for its column wraps onto a row of its own (覆盖 / 水平) in
    column layouts: each cell stands in the column of a name of the row above, whose
    KPI has its value, and no cell is a label or a value.
    """
    lab = labels()
    out: list[tuple[int, Cell]] = []
    for cell in cells:
        if looks_like_value(cell.text) or lab.level(cell.text) is not None:
            return []
        name = next((c for c in above if c.col == cell.col), None)
        k = next((i for i, kpi in enumerate(kpis) if name is not None and kpi.name == name.text), None)
        if k is None or not kpis[k].value.raw:
            return []
        out.append((k, cell))
    return out


def _complete_across_rows(kpis: list[Kpi]) -> list[Kpi]:
    """Complete clipped annual names from a single implementation name elsewhere in the block.

    The two groups may list the same indicators in a different order, so a clipped
    name that found no twin in its own row looks for one in the whole block.
    """
    full = [k for k in kpis if k.column == "implementation"]
    out: list[Kpi] = []
    for k in kpis:
        if k.column == "annual" and k.name_as_written is None:
            twins = {
                f.name
                for f in full
                if f.name != k.name and f.name.startswith(k.name) and f.value.raw == k.value.raw
            }
            if len(twins) == 1:
                k = replace(k, name=twins.pop(), name_as_written=k.name)
        out.append(k)
    return out


def _label_as_name(group: list[tuple[int, str, Cell]]) -> list[tuple[int, str, Cell]]:
    """A repeated 二级指标 word before a lone value is the indicator's name (服务对象满意度 ≥98%)."""
    labels_at = [i for i, g in enumerate(group) if g[0] == 2]
    others = [g for g in group if g[0] == 0]
    if len(labels_at) >= 2 and len(others) == 1 and looks_like_value(others[0][1]):
        i = labels_at[-1]
        if group[i][2].line == others[0][2].line:
            group = [*group[:i], (0, group[i][2].text, group[i][2]), *group[i + 1 :]]
    return group


def _settle_pending(
    others: list[Cell], state: _State, gi: int, line: int | None, report: Report
) -> list[Kpi]:
    """Decide on a name left without a value by an earlier row (``line`` None: the block ended).

    A later row whose group holds no name or value (only level labels) means the table
    left 指标值 empty: a KPI without a value, with a warning. Another name first means
    the value was lost or shifted by the export: reported unparsed, not guessed. On the
    name's own row the decision waits for the next row.
    """
    name = state.pending
    if name is None or (not others and line == name.line):
        return []
    state.pending = None
    span = Span(name.line, name.line)
    if others:
        report.add("unparsed", f"KPI name without a value: {name.text!r}", span)
        return []
    report.add("warning", f"KPI without a value: {name.text!r}", span)
    level1, level2 = state.pending_levels
    kpi = _kpi(name, None, state, state.pending_group)
    return [replace(kpi, level1=level1, level2=level2)]


def _pairs(others: list[Cell], state: _State, gi: int, line: int, report: Report) -> list[Kpi]:
    kpis: list[Kpi] = []
    if state.pending is not None and others and looks_like_value(others[0].text):
        kpis.append(_kpi(state.pending, others[0], state, gi))
        state.pending = None
        others = others[1:]
    kpis.extend(_settle_pending(others, state, gi, line, report))
    i = 0
    while i < len(others):
        name = others[i]
        if i + 1 < len(others):
            value = others[i + 1]
            if looks_like_value(name.text) and not looks_like_value(value.text) and len(others) % 2:
                report.add("unparsed", f"KPI value without a name: {name.text!r}", Span(name.line, name.line))
                i += 1
                continue
            kpis.append(_kpi(name, value, state, gi))
            i += 2
            continue
        if looks_like_value(name.text):
            report.add("unparsed", f"KPI value without a name: {name.text!r}", Span(name.line, name.line))
        else:
            state.pending, state.pending_group = name, gi
            state.pending_levels = (state.level1, state.level2[gi])
        i += 1
    return kpis


def _value_after_name(text: str, following: str) -> bool:
    """True when a cell that starts like a value (2025年度培训人次) is a name: its next cell is
    a plainer value (约200人, ≥95%) and no label, and the cell itself has no number to read."""
    if labels().level(following) is not None or not looks_like_value(following):
        return False
    mine, theirs = parse_kpi_value(text), parse_kpi_value(following)
    return mine.number is None and (theirs.number is not None or len(following) < len(text))


def _continued(kpi: Kpi, cell: Cell) -> Kpi:
    """The KPI with its value finished by a wrapped cell (定损后10个工作日 + 以内)."""
    raw = kpi.value.raw.rstrip() + cell.text.strip()
    return replace(kpi, value=parse_kpi_value(raw), span=kpi.span.union(Span(cell.line, cell.line)))


def _kpi(name: Cell, value: Cell | None, state: _State, gi: int) -> Kpi:
    last = value.line if value is not None else name.line
    return Kpi(
        level1=state.level1,
        level2=state.level2[gi],
        name=name.text,
        value=parse_kpi_value(value.text if value is not None else ""),
        column=state.columns[min(gi, len(state.columns) - 1)],
        span=Span(min(name.line, last), max(name.line, last)),
    )


def _complete_names(left: list[Kpi], right: list[Kpi]) -> list[Kpi]:
    """Restore clipped names across the two groups of one row (same value, one name a prefix)."""
    fixed_right: list[Kpi] = []
    for r in right:
        for lk in left:
            if lk.name != r.name and lk.name.startswith(r.name) and lk.value.raw == r.value.raw:
                r = replace(r, name=lk.name, name_as_written=r.name)
                break
        fixed_right.append(r)
    fixed_left: list[Kpi] = []
    for lk in left:
        for r in right:
            if r.name != lk.name and r.name.startswith(lk.name) and lk.value.raw == r.value.raw:
                lk = replace(lk, name=r.name, name_as_written=lk.name)
                break
        fixed_left.append(lk)
    return fixed_left + fixed_right


@dataclass
class _Cells:
    """One row of a table with separate value columns, its cells sorted by role."""

    labels: list[Cell] = field(default_factory=list)
    name: Cell | None = None
    comparator: Cell | None = None
    unit: Cell | None = None
    targets: list[tuple[Column, Cell | None]] = field(default_factory=list)

    @property
    def has_value(self) -> bool:
        return any(c is not None for _k, c in self.targets)


def _read_columnar(rows: Sequence[Row], layout: KpiLayout, report: Report) -> list[Kpi]:
    """KPIs of a table with separate value columns, one KPI per target column of a row.

    A row whose cells stand under their header columns (tab and pipe exports keep the
    empty cells of merged labels) is read by position; a row that lost its empty cells
    (or was shifted) is read by grammar (:func:`_by_grammar`). 实际完成值, 分值, 得分
    and 偏差原因 columns are not targets; 总分 rows are not KPIs. A row holding only a
    name under the name column of the row above continues that name (a wrapped cell).
    """
    lab = labels()
    state = _State(columns=layout.columns)
    out: list[Kpi] = []
    last: tuple[Cell, int] | None = None  # the last row's name cell and where its KPIs start in out
    for row in rows:
        if _other_grid(row, layout):
            break  # a line of another grid (第四部分  名词解释) ran into the block
        filled = [c for c in row.filled if label_key(c.text) not in lab.kpi_block]
        if not filled or lab.is_footer(filled[0].text) or is_kpi_header(row):
            last = None
            continue
        if label_key(filled[0].text) in _total_words():
            last = None
            continue  # 总分 | 100 | 97.5: the score total of a 自评表
        cells = _aligned(row, layout) or _by_grammar(filled, layout)
        for cell in cells.labels:
            level = lab.level(cell.text)
            if level is None:
                continue
            if level[0] == 1:
                state.level1 = level[1]
            else:
                state.level2[0] = level[1]
                state.level1 = lab.level1_of_level2.get(level[1], state.level1)
        name = cells.name
        if name is None:
            if cells.has_value:
                values = [c.text for _k, c in cells.targets if c is not None]
                report.add("unparsed", f"KPI value without a name: {values!r}", Span(row.line, row.line))
            continue
        if not cells.has_value and cells.comparator is None and last is not None:
            above, start = last
            if (
                above.col == name.col
                and not looks_like_value(name.text)
                and all(k.value.raw for k in out[start:])
            ):
                for i in range(start, len(out)):
                    k = out[i]
                    out[i] = replace(
                        k, name=k.name + name.text, span=k.span.union(Span(name.line, name.line))
                    )
                continue
        last = (name, len(out))
        out.extend(_columnar_kpis(cells, name, state, report))
    return out


def _other_grid(row: Row, layout: KpiLayout) -> bool:
    """True for a row split by another layout than the header's pipes or tabs (not a lone cell)."""
    grids = ("pipe", "tab")
    return layout.row_layout in grids and row.layout in (*grids, "space") and row.layout != layout.row_layout


def _columnar_kpis(cells: _Cells, name: Cell, state: _State, report: Report) -> list[Kpi]:
    """The KPIs of one row: one per target column with a value, or one without a value."""
    comparator = cells.comparator.text if cells.comparator else ""
    unit = cells.unit.text if cells.unit else ""
    kpis: list[Kpi] = []
    for kind, cell in cells.targets:
        if cell is None:
            continue
        kpis.append(
            Kpi(
                level1=state.level1,
                level2=state.level2[0],
                name=name.text,
                value=compose_kpi_value(comparator, cell.text, unit),
                column=kind,
                span=Span(min(name.line, cell.line), max(name.line, cell.line)),
            )
        )
    if not kpis:
        report.add("warning", f"KPI without a value: {name.text!r}", Span(name.line, name.line))
        kind = cells.targets[0][0] if cells.targets else state.columns[0]
        kpis.append(
            Kpi(
                state.level1,
                state.level2[0],
                name.text,
                parse_kpi_value(""),
                kind,
                Span(name.line, name.line),
            )
        )
    return kpis


def _aligned(row: Row, layout: KpiLayout) -> _Cells | None:
    """The row read by column position, or None when its cells do not stand under the header.

    A row may have one cell more than the header (a trailing empty cell). Cells left of
    the name column must be level labels or empty, the name cell no label, the
    comparator cell a comparator and the unit cell no number.
    """
    lab = labels()
    n = len(row.cells)
    if layout.name_col is None or not layout.width <= n <= layout.width + 1:
        return None
    if n > layout.width and row.cells[-1].text:
        return None
    by_col = {c.col: c for c in row.cells}
    before = [
        c for c in row.cells if c.col < layout.name_col and c.text and label_key(c.text) not in lab.kpi_block
    ]
    if any(lab.level(c.text) is None for c in before):
        return None
    name = by_col.get(layout.name_col)
    if name is not None and name.text and lab.level(name.text) is not None:
        return None
    out = _Cells(labels=before, name=name if name is not None and name.text else None)
    for f in layout.fields:
        cell = by_col.get(f.col)
        text = cell.text if cell is not None else ""
        if f.role == "comparator" and text:
            if not comparator_cell(text)[0]:
                return None
            out.comparator = cell
        elif f.role == "unit" and text:
            if re.search(r"\d", text):
                return None
            out.unit = cell
        elif f.role == "target" and f.kind:
            out.targets.append((f.kind, cell if text else None))
    return out


def _by_grammar(cells: list[Cell], layout: KpiLayout) -> _Cells:
    """A row that lost its empty cells, read by what its cells say.

    Level labels come first and the name after them; the other cells fill the header's
    columns in order: a comparator cell only when it is a comparator (≥, 定性), a unit
    cell only when it has no number, the others whatever they hold. A 二级指标 word
    right before a lone target is the indicator's name (服务对象满意度 | ≥ | 90 | %).
    """
    lab = labels()
    out = _Cells()
    k = 0
    while k < len(cells) and lab.level(cells[k].text) is not None:
        out.labels.append(cells[k])
        k += 1
    rest = [c for c in cells[k:] if lab.level(c.text) is None]
    if rest and not comparator_cell(rest[0].text)[0] and not _only_values(rest, layout):
        out.name, rest = rest[0], rest[1:]
    elif rest and out.labels and (lab.level(out.labels[-1].text) or (1, ""))[0] == 2:
        out.name = out.labels[-1]
    i = 0
    for f in layout.fields:
        cell = rest[i] if i < len(rest) else None
        if f.role == "target" and f.kind:
            out.targets.append((f.kind, cell))
        elif cell is None:
            continue
        elif f.role == "comparator":
            if not comparator_cell(cell.text)[0]:
                continue
            out.comparator = cell
        elif f.role == "unit":
            if re.search(r"\d", cell.text) or comparator_cell(cell.text)[0]:
                continue
            out.unit = cell
        i += 1 if cell is not None else 0
    return out


def _only_values(cells: list[Cell], layout: KpiLayout) -> bool:
    """True when a row's cells are too few to hold a name besides its targets."""
    targets = sum(1 for f in layout.fields if f.role == "target")
    return len(cells) == 1 and targets >= 1 and looks_like_value(cells[0].text)


_BARE_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


def _read_single_columnar(rows: Sequence[Row], layout: KpiLayout, report: Report) -> list[Kpi]:
    """A table with separate value columns exported one cell per line (empty cells lost).

    After a name, the cells fill the header's columns in order as far as they fit: a
    comparator only when it is one, a target whatever it says, a unit only after a
    number and only when it reads as a unit, an actual value when it reads as a value,
    a weight or score when it is a bare number. A cell that fits no column left ends the
    row and, unless it is a bare number (a stray weight), names the next KPI.
    """
    lab = labels()
    state = _State(columns=layout.columns)
    out: list[Kpi] = []
    current: _Cells | None = None
    at = 0  # the next header column the current row may fill
    for cell in _kpi_cells(rows):
        key = label_key(cell.text)
        level = lab.level(cell.text)
        if current is not None and current.name is not None:
            placed = None if level is not None else _place(current, cell, layout.fields[at:])
            if placed is not None:
                at += placed + 1
                continue
            out.extend(_columnar_kpis(current, current.name, state, report))
            current = None
        if level is not None:
            if level[0] == 1:
                state.level1 = level[1]
            else:
                state.level2[0] = level[1]
                state.level1 = lab.level1_of_level2.get(level[1], state.level1)
            continue
        if key in _total_words() or _BARE_NUMBER.match(key) or comparator_cell(cell.text)[0]:
            continue  # 总分, a stray weight or score, a comparator without a name
        current, at = _Cells(name=cell), 0
    if current is not None and current.name is not None:
        out.extend(_columnar_kpis(current, current.name, state, report))
    return out


def _place(cells: _Cells, cell: Cell, fields: Sequence[KpiColumn]) -> int | None:
    """Put a cell in the first of the header columns left that it fits; its index, or None."""
    text = cell.text
    has_number = any(c is not None and re.search(r"\d", c.text) for _k, c in cells.targets)
    for i, f in enumerate(fields):
        if f.role == "comparator" and comparator_cell(text)[0]:
            cells.comparator = cell
        elif f.role == "target" and f.kind:
            cells.targets.append((f.kind, cell))
        elif f.role == "unit" and has_number and is_unit(text):
            cells.unit = cell
        elif not _fits_extra(f.role, text):
            continue  # an empty column: the cell may fit the next one
        return i
    return None


def _fits_extra(role: Role, text: str) -> bool:
    """An actual value that reads as a value, or a weight or score that is a bare number."""
    if role == "actual":
        return looks_like_value(text)
    return role == "ignored" and bool(_BARE_NUMBER.match(label_key(text)))


# What reading a one-cell-per-line row one way costs (see _read_single_chunks): a dropped cell
# (an empty cell the export lost) by its column's role, and a cell that reads unlike its column.
_DROPPED_TARGET, _DROPPED_TEXT, _DROPPED_OTHER = 4.0, 1.5, 1.0
_ODD_NAME = 2.0  # a name that reads as a value
_ODD_TARGET, _SENTENCE_TARGET = 1.0, 2.0  # a target no value (定性 targets exist), or a sentence
_ODD_TEXT = 1.0  # a note that is a plain value, as a target is
_SENTENCE = re.compile(r"[，,；;。]")
_PLAIN_VALUE_CHARS = 12


@dataclass(frozen=True)
class _Segment:
    """The cells between two level words of a one-cell-per-line block, with the levels above them."""

    level1: str | None
    level2: str | None
    cells: tuple[Cell, ...]
    label: Cell | None = None  # a 二级指标 word right before a value: perhaps the indicator's name

    def read(self, fields: Sequence[KpiColumn]) -> tuple[float, list[_Cells]]:
        """The cheapest reading of the run, with the 二级指标 word before it as a name or not."""
        plain = _partition(self.cells, fields)
        if self.label is None:
            return plain
        named = _partition((self.label, *self.cells), fields)
        return named if named[0] < plain[0] else plain


def _read_single_chunks(rows: Sequence[Row], layout: KpiLayout, report: Report) -> list[Kpi]:
    """A one-cell-per-line table with free-text columns after 指标值 (指标值说明 | 评（扣）分标准).

    Free-text columns take any cell, so the cells between level words are cut into rows
    of the header's width, and where the export dropped empty cells content decides
    (:func:`_partition`). The free-text columns left empty throughout are found first: the
    block is read once per choice of kept columns and the reading that fits best wins, so
    a never-filled 备注 column does not merge two rows into one.
    """
    segments = _segments(rows)
    text_fields = [f for f in layout.fields if f.text]
    chosen, best = layout.fields, float("inf")
    for k in range(len(text_fields), -1, -1):  # more kept columns first: they win ties
        for kept in combinations(text_fields, k):
            fields = tuple(f for f in layout.fields if not f.text or f in kept)
            cost = sum(s.read(fields)[0] for s in segments)
            if cost < best:
                chosen, best = fields, cost
    state = _State(columns=layout.columns)
    out: list[Kpi] = []
    for seg in segments:
        state.level1, state.level2[0] = seg.level1, seg.level2
        for cells in seg.read(chosen)[1]:
            if cells.name is not None:
                out.extend(_columnar_kpis(cells, cells.name, state, report))
    return out


def _segments(rows: Sequence[Row]) -> list[_Segment]:
    """The runs of non-level cells of a one-cell-per-line block; header words, footers and
    总分 rows skipped. A 二级指标 word right before a value may be the indicator's name
    (服务对象满意度 | ≥90%), or the value a name that starts with a number (65岁及以上…)."""
    lab = labels()
    out: list[_Segment] = []
    level1: str | None = None
    level2: str | None = None
    run: list[Cell] = []
    label: Cell | None = None  # the previous cell, when it was a 二级指标 word
    named: Cell | None = None  # ...and the run began with a value after it
    total = False  # a 总分 cell: its numbers are no KPI
    for cell in _kpi_cells(rows):
        key = label_key(cell.text)
        level = lab.level(cell.text)
        if level is not None:
            if run:
                out.append(_Segment(level1, level2, tuple(run), named))
                run, named = [], None
            if level[0] == 1:
                level1, label = level[1], None
            else:
                level2, label = level[1], cell
                level1 = lab.level1_of_level2.get(level[1], level1)
            total = False
            continue
        if key in _total_words():
            total = True
            continue
        if total and _BARE_NUMBER.match(key):
            continue
        total = False
        if not run and label is not None and looks_like_value(cell.text):
            named = label
        label = None
        run.append(cell)
    if run:
        out.append(_Segment(level1, level2, tuple(run), named))
    return out


def _partition(cells: Sequence[Cell], fields: Sequence[KpiColumn]) -> tuple[float, list[_Cells]]:
    """The cheapest cut of a run of cells into rows (a name, then cells in header columns).

    Rows hold at most one cell per column; a column a row has no cell for is a dropped
    empty cell (costly for a target, cheap for a note). A name that reads as a value, a
    target that does not (or is a sentence) and a note that is a plain value cost extra.
    Ties go to longer rows.
    """
    n = len(cells)
    best = [0.0] + [float("inf")] * n
    back: list[tuple[int, _Cells | None]] = [(0, None)] * (n + 1)
    for j in range(1, n + 1):
        for i in range(max(0, j - 1 - len(fields)), j):
            if best[i] == float("inf"):
                continue
            cost, row = _row_reading(cells[i:j], fields)
            if best[i] + cost < best[j]:
                best[j], back[j] = best[i] + cost, (i, row)
    out: list[_Cells] = []
    j = n
    while j > 0:
        i, row = back[j]
        if row is None:
            break
        out.append(row)
        j = i
    return best[n], out[::-1]


def _row_reading(cells: Sequence[Cell], fields: Sequence[KpiColumn]) -> tuple[float, _Cells | None]:
    """The cost of reading cells as one row (a name, then the header's columns), and that row."""
    name, rest = cells[0], cells[1:]
    m, k = len(rest), len(fields)
    inf = float("inf")
    # cost[c][f]: the first c cells in the first f columns; how[c][f]: whether cell c-1 took column f-1
    cost = [[inf] * (k + 1) for _ in range(m + 1)]
    how = [[False] * (k + 1) for _ in range(m + 1)]
    cost[0][0] = 0.0
    for f in range(1, k + 1):
        col = fields[f - 1]
        for c in range(m + 1):
            skip = cost[c][f - 1] + _dropped(col)
            place = inf
            if c and cost[c - 1][f - 1] < inf:
                odd = _misfit(col, rest[c - 1].text, rest[: c - 1])
                place = cost[c - 1][f - 1] + odd
            cost[c][f], how[c][f] = min(skip, place), place < skip
    if cost[m][k] == inf:
        return inf, None
    taken: dict[int, Cell] = {}
    c = m
    for f in range(k, 0, -1):
        if how[c][f]:
            taken[f - 1] = rest[c - 1]
            c -= 1
    row = _Cells(name=name)
    for f, col in enumerate(fields):
        cell = taken.get(f)
        if col.role == "target" and col.kind:
            row.targets.append((col.kind, cell))
        elif col.role == "comparator" and cell is not None:
            row.comparator = cell
        elif col.role == "unit" and cell is not None:
            row.unit = cell
    return cost[m][k] + (_ODD_NAME if looks_like_value(name.text) else 0.0), row


def _dropped(col: KpiColumn) -> float:
    if col.role == "target":
        return _DROPPED_TARGET
    return _DROPPED_TEXT if col.text else _DROPPED_OTHER


def _misfit(col: KpiColumn, text: str, before: Sequence[Cell]) -> float:
    """What a cell costs in a column: 0 when it reads as the column does, inf when it cannot stand there."""
    inf = float("inf")
    if col.role == "target":
        if _SENTENCE.search(text):
            return _SENTENCE_TARGET
        return 0.0 if looks_like_value(text) else _ODD_TARGET
    if col.text:
        plain = looks_like_value(text) and not _SENTENCE.search(text) and len(text) <= _PLAIN_VALUE_CHARS
        return _ODD_TEXT if plain else 0.0
    if col.role == "comparator":
        return 0.0 if comparator_cell(text)[0] else inf
    if col.role == "unit":
        return 0.0 if is_unit(text) and any(re.search(r"\d", c.text) for c in before) else inf
    return 0.0 if _fits_extra(col.role, text) else inf
