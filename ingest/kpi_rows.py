"""KPI rows of performance tables (一级/二级/三级指标, 指标值), read by cell roles, not positions.

PDF exports shift cells across columns and merge rows, so a row is read as the
sequence of its non-empty cells: a 一级指标 word sets the level-1 context, a 二级指标
word sets the level-2 context of its column group, and the other cells pair up as
(三级指标, 指标值). In a two-group table (实施期目标 | 年度目标) a 二级指标 word that
follows a name starts the annual group; four unlabelled cells split two and two.
Level labels carry down to the rows below them, separately per group.
When the annual name is a strict prefix of the implementation name of the same row
(the annual cell was clipped), the full name is used and the clipped one kept in
``name_as_written``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from .cleaning import label_key
from .labels import labels
from .records import Column, Kpi, Report, Span
from .tables import Cell, Row

try:  # helper Y's parser; a plain raw value until it exists
    from .kpi_values import parse_kpi_value
except ImportError:  # pragma: no cover
    from .records import KpiValue

    def parse_kpi_value(raw: str | None) -> KpiValue:
        return KpiValue(raw=raw or "")


_VALUE_START = re.compile(
    r"^(?:[≥≤=<>＞＜≧≦＝]|大于|小于|不低于|不高于|不少于|不多于|不超过|低于|高于|达到|等于|约|\d|[０-９])"
)
COLUMNS: tuple[Column, Column] = ("implementation", "annual")


def looks_like_value(text: str) -> bool:
    """True for a cell that reads as a KPI target rather than an indicator name.

    >>> looks_like_value("≥98%"), looks_like_value("2026年一年"), looks_like_value("项目验收时间")
    (True, True, False)
    """
    return bool(_VALUE_START.match(text.strip()))


@dataclass
class _State:
    level1: str | None = None
    level2: list[str | None] = field(default_factory=lambda: [None, None])
    pending: Cell | None = None  # a name whose value may come on the next line
    pending_group: int = 0
    pending_levels: tuple[str | None, str | None] = (None, None)  # level1, level2 at the name


def is_kpi_header(row: Row) -> bool:
    """True for the header row (一级指标 二级指标 三级指标 指标值) of a KPI block."""
    keys = {label_key(c.text) for c in row.filled}
    return len(keys & labels().kpi_header) >= 3


def two_groups(header: Row) -> bool:
    """True when the header has two 三级指标 (or 指标值) columns: 实施期 and 年度 targets."""
    keys = [label_key(c.text) for c in header.filled]
    return keys.count("三级指标") >= 2 or keys.count("指标值") >= 2


def read_kpi_rows(rows: Sequence[Row], two: bool, report: Report) -> list[Kpi]:
    """KPIs of the rows below a KPI header, implementation and annual alike, in row order."""
    lab = labels()
    if rows and all(r.layout == "single" for r in rows):
        return _complete_across_rows(_read_single(rows, two, report))
    state = _State()
    out: list[Kpi] = []
    previous: tuple[list[Cell], int] = ([], 0)  # the last row's cells and where its KPIs start in out
    for row in rows:
        cells = [c for c in row.filled if label_key(c.text) not in lab.kpi_block]
        if not cells or lab.is_footer(cells[0].text) or is_kpi_header(row):
            previous = ([], len(out))
            continue  # a footer, or the header repeated after a page break
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
        for cell in cells:
            level = lab.level(cell.text)
            if level and level[0] == 1:
                state.level1 = level[1]
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
            for kind, text, _cell in group:
                if kind == 2:
                    state.level2[gi] = text
                    state.level1 = lab.level1_of_level2.get(text, state.level1)
            others = [c for kind, _t, c in group if kind == 0]
            row_kpis[gi] = _pairs(others, state, gi, row.line, report)
        out.extend(_complete_names(row_kpis[0], row_kpis[1]))
    out.extend(_settle_pending([], state, 0, None, report))
    return _complete_across_rows(out)


def _read_single(rows: Sequence[Row], two: bool, report: Report) -> list[Kpi]:
    """KPIs of a one-cell-per-line block: after the level labels, a name and then its value.

    Empty cells are lost in this layout, so the grammar decides: the cell after a name is
    its value, whatever it says; a name followed by a label had no value. In a two-group
    table the groups alternate within a table row: a completed pair hands over to the
    other group, a 二级指标 word right after another (a row of labels only) too, and a
    一级指标 word starts a new row in the implementation group. A 二级指标 word followed
    straight by a value is that indicator's name (服务对象满意度, ≥90%).
    """
    lab = labels()
    state = _State()
    out: list[Kpi] = []
    group = 0
    labelled = False  # the current group's last cell was a 二级指标 word
    last_label: Cell | None = None  # the previous cell, when it was a 二级指标 word
    flipped = False  # ...and it handed over to the other group
    name: Cell | None = None
    for row in rows:
        cells = [c for c in row.filled if label_key(c.text) not in lab.kpi_block]
        if not cells or lab.is_footer(cells[0].text) or label_key(cells[0].text) in lab.kpi_header:
            continue
        cell = cells[0]
        level = lab.level(cell.text)
        label, last_label = last_label, None
        if level is None:
            if name is None and label is not None and looks_like_value(cell.text):
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


def _kpi(name: Cell, value: Cell | None, state: _State, gi: int) -> Kpi:
    last = value.line if value is not None else name.line
    return Kpi(
        level1=state.level1,
        level2=state.level2[gi],
        name=name.text,
        value=parse_kpi_value(value.text if value is not None else ""),
        column=COLUMNS[gi],
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
