"""Project lists: 项目支出预算表 (本年预算 and 上年结转) -> one row per project, in 万元.

A list is a table with a header row naming its columns by words anywhere in the row:
the name column (项目名称) and an amount column (合计, 金额, 预算数, 本年预算 …) are
required; a unit column (单位名称, 预算单位 …), a type column (项目类型, 项目属性 …), a
classification code column (功能科目 / 科目编码) and other text columns (序号, 单位编码 …)
are read where present, and text columns are never read as amounts. Rows below the
header give a name and amounts; the amount is the amount column's, else the first amount
after the name outside the text columns (PDF exports shift cells).

A unit column gives each project its budget unit (a merged cell written once counts for
the rows below it). Without one, rows that group projects (the department and each
budget unit) are told from projects by structure: their amount equals the sum of the
rows below them up to the next group, and their name reads as an organisation (…局,
…中心, …[部门], …局本级; see :func:`.budget_units.unit_name`). Project rows take the
budget unit of the group above them, so one name under two units stays two projects.
Each list starts with no unit, or the one its caption names (单位：某某院 above a unit's own
list); a project a later list repeats under the same unit (a unit's own list after the
department's) is one project, read from the first list. A title a tab export wrote as a
row (表3<TAB>某某表) is taken out of the table above and titles the rows after it.
A list whose title says 上年结转 marks its projects carry-over, and so does a row that a
上年结转 column beside the amount column funds whole. A list split over pages
continues its unit grouping; a table titled only 续表 right after a list continues that
list (its columns, scale and carry-over), with or without a repeated header. Amounts
stated in 元 (单位：元, 金额（元）) are converted.

Some lists keep group rows and project rows in one name column (单位名称（项目名称）,
科目名称（项目名称）). There a row is a group row when it reads as an organisation or
carries a unit code (in a 单位编码 column or before the name), else a project; a group
row of a unit list sets the budget unit, one of a classification list (201 一般公共服务支出)
only closes the project above it. A row with a 项目类别 cell is always a project.

Lists grouped by 一级项目 name the project in their 二级项目 column; a carry-over list whose
only amount column is 上年结转 reads that column (its projects carry-over). Rows a PDF
export damaged are put back under the header by their cells' content before reading
(:func:`_repair_rows`: shifted rows, a row split over two lines, two rows on one line).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

from .amounts import parse_amount, read_amount
from .budget_units import unit_name
from .cleaning import CLOSERS, OPENERS, clean_cell, join_wrapped, label_key, name_key, open_brackets
from .labels import labels
from .lines import Line
from .records import Report, Span
from .tables import Cell, Row, Table, context_of, is_heading_line

_TOLERANCE = 0.011


@dataclass(frozen=True)
class ListedProject:
    """One project row of a project list."""

    name: str  # line-wrap spaces removed
    name_as_written: str
    amount_wan: float | None
    budget_unit: str | None
    carry_over: bool
    span: Span
    functional_code: str | None = None  # from a 功能科目 / 科目编码 column, where the list has one
    list_type: str | None = None  # the list's 项目类型 / 项目属性 cell, where the list has that column


@dataclass(frozen=True)
class _Entry:
    name: str
    amount: float | None
    row: Row
    unit: str | None = None  # the unit column's value for this row, where the list has one
    last: int | None = None  # the last source line, when wrapped lines joined the row


@dataclass(frozen=True)
class ListWords:
    """Header words of project lists (data/table_labels.json), folded by :func:`label_key`."""

    amount: tuple[str, ...]  # in order of preference: 合计 before 金额 before 本年预算 …
    unit: tuple[str, ...]  # in order of preference
    attribute: frozenset[str]
    text_suffixes: tuple[str, ...]
    funding: tuple[str, ...]
    sequence: tuple[str, ...]
    scale: tuple[tuple[str, float], ...]  # unit word -> factor to 万元, longest word first
    scale_label: tuple[str, ...]
    combined: tuple[tuple[str, str], ...] = ()  # combined name header -> "unit" or "category"
    unit_code: frozenset[str] = frozenset()
    continued: frozenset[str] = frozenset()
    context_labels: tuple[str, ...] = ()  # 部门：… / 单位：元 lines above a table, no title
    name_final: tuple[str, ...] = ()  # words a project name ends with (经费, 资金, 工程 …)
    name_generic: tuple[str, ...] = ()  # words too common in project names to identify one
    name_secondary: tuple[str, ...] = ()  # 二级项目: the name column of lists grouping by 一级项目
    type_values: frozenset[str] = frozenset()  # 项目类别 cells (其他运转类, 经常性项目 …)
    carry_over: tuple[str, ...] = ()  # 上年结转: an amount column when no 合计/金额 column exists
    unit_caption: frozenset[str] = frozenset()  # 单位：某某院 above a unit's own list


@cache
def list_words() -> ListWords:
    raw = resources.files("budgetkg.ingest").joinpath("data/table_labels.json").read_text(encoding="utf-8")
    data = json.loads(raw)

    def fold(key: str) -> tuple[str, ...]:
        return tuple(label_key(w) for w in data[key])

    scale = sorted(
        ((label_key(w), float(f)) for w, f in data["project_list_scale"].items()), key=lambda x: -len(x[0])
    )
    return ListWords(
        amount=fold("project_list_amount"),
        unit=fold("project_list_unit"),
        attribute=frozenset(fold("project_list_attribute")),
        text_suffixes=fold("project_list_text_suffixes"),
        funding=fold("project_list_funding"),
        sequence=fold("project_list_sequence"),
        scale=tuple(scale),
        scale_label=fold("project_list_scale_label"),
        combined=tuple(
            (label_key(w), kind)
            for w, kind in data["project_list_combined_header"].items()
            if w != "_comment"
        ),
        unit_code=frozenset(fold("project_list_unit_code")),
        continued=frozenset(fold("project_list_continued")),
        context_labels=fold("project_list_context_labels"),
        name_final=fold("project_name_final"),
        name_generic=fold("project_name_generic"),
        name_secondary=fold("project_list_name_secondary"),
        type_values=frozenset(fold("project_list_type_values")),
        carry_over=fold("carry_over"),
        unit_caption=frozenset(fold("project_list_unit_caption")),
    )


@dataclass(frozen=True)
class Columns:
    """Where a project list keeps what: the header row's index and the column of each role."""

    header: int
    name: int
    amount: int
    unit: int | None = None
    code: int | None = None
    attribute: int | None = None
    text: frozenset[int] = frozenset()  # columns never read as amounts (序号, 编码, 名称, 类型 …)
    scale: float = 1.0  # factor from the list's unit to 万元
    groups: str | None = None  # a combined name column's group rows: "unit" or "category"; None: plain
    unit_code: int | None = None  # a 单位编码 column (combined lists only)
    keys: tuple[str, ...] = ()  # the header row's cells folded: a header repeated after a page break
    carry: bool = False  # the amount column is 上年结转: the list's projects are carry-over
    carry_col: int | None = None  # a 上年结转 funding column beside the amount column


_FUNCTIONAL_CODE = re.compile(r"^[\[［【(（]?\s*(\d{3}(?:\d{2}){0,2})(?!\d)")


def parse_functional_code(text: str | None) -> str | None:
    """The functional classification code (类 201, 款 20140, 项 2014001) heading a cell.

    >>> parse_functional_code("2130101"), parse_functional_code("[2080505]机关事业单位养老保险缴费")
    ('2130101', '2080505')
    >>> parse_functional_code("2130101 农业农村 行政运行"), parse_functional_code("10.00")
    ('2130101', None)
    """
    m = _FUNCTIONAL_CODE.match((text or "").strip())
    return m.group(1) if m else None


def _unit_word(key: str) -> tuple[str, float] | None:
    """The money unit a folded header ends with (金额万元 -> 万元), if any."""
    return next(((w, f) for w, f in list_words().scale if key.endswith(w)), None)


def header_key(text: str) -> str:
    """A header cell folded, a trailing money unit dropped: 金额（万元） -> 金额.

    >>> header_key("金额（万元）"), header_key("合 计"), header_key("单位：万元")
    ('金额', '合计', '单位万元')
    """
    key = label_key(text)
    unit = _unit_word(key)
    if not unit or len(key) <= len(unit[0]) or key[: -len(unit[0])] in list_words().scale_label:
        return key  # 单位：万元 says the table's unit; it names no column
    return key[: -len(unit[0])]


def _first(keys: Sequence[str], words: Sequence[str], skip: Sequence[int | None] = ()) -> int | None:
    """The column of the most preferred word of ``words`` found in ``keys``."""
    for word in words:
        for i, k in enumerate(keys):
            if k == word and i not in skip:
                return i
    return None


def _is_text_header(key: str) -> bool:
    return bool(key) and key.endswith(list_words().text_suffixes)


def _scale(texts: Sequence[str], amount_header: str) -> float | None:
    """The factor to 万元 the amount header (金额（元）) or a 单位：元 line above the header
    states; None when neither does (万元 then, unless the list continues one in 元)."""
    own = _unit_word(label_key(amount_header))
    if own is not None:
        return own[1]
    for text in texts:
        key = label_key(text)
        for label in list_words().scale_label:
            for word, factor in list_words().scale:
                if label + word in key:
                    return factor
    return None


def _name_column(keys: Sequence[str]) -> tuple[int | None, str | None]:
    """The name column and, for a combined one (单位名称（项目名称）), what its group rows are."""
    plain = next((k for k, key in enumerate(keys) if key in labels().project_list_header), None)
    if plain is None:  # 项目代码 | 一级项目 | 二级项目: the second level names the project
        plain = next((k for k, key in enumerate(keys) if key in list_words().name_secondary), None)
    if plain is not None:
        return plain, None
    combined = dict(list_words().combined)
    return next(((k, combined[key]) for k, key in enumerate(keys) if key in combined), (None, None))


def _has_amount(row: Row) -> bool:
    return any(parse_amount(c.text) is not None for c in row.filled)


def columns(table: Table, default_scale: float = 1.0) -> Columns | None:
    """The column roles of a project list table, or None when no header row names a project
    name column and an amount column (in the header row or the sub-header rows under it).

    ``default_scale`` is the factor to 万元 when nothing above the header states the unit.
    """
    lab = labels()
    words = list_words()
    for i, row in enumerate(table.rows[:4]):
        keys = [header_key(c.text) for c in row.cells]
        name, groups = _name_column(keys)
        if name is None or _has_amount(row):
            continue
        amount = _first(keys, words.amount, (name,))
        if amount is None:  # a two-row header: the amount word under a merged 本年预算 cell
            for sub in table.rows[i + 1 : i + 3]:
                if _has_amount(sub) or (name < len(sub.cells) and sub.cells[name].text):
                    break
                sub_keys = [header_key(c.text) for c in sub.cells]
                amount = _first(sub_keys, words.amount, (name,))
                if amount is not None:
                    keys = [k or s for k, s in zip(keys, sub_keys, strict=False)] + sub_keys[len(keys) :]
                    break
        carry = False
        if amount is None:  # a carry-over list whose only amount column is 上年结转
            amount = _first(keys, words.carry_over, (name,))
            carry = amount is not None
        if amount is None:
            continue
        unit = _first(keys, words.unit, (name, amount))
        code = next((k for k, key in enumerate(keys) if key in lab.project_list_code), None)
        attribute = next((k for k, key in enumerate(keys) if key in words.attribute), None)
        text = {k for k, key in enumerate(keys) if k != amount and (_is_text_header(key) or k == code)}
        above = [table.title, *(c.text for r in table.rows[:i] for c in r.filled)]
        amount_header = row.cells[amount].text if amount < len(row.cells) else ""
        scale = _scale(above, amount_header)
        unit_code = (
            next((k for k, key in enumerate(keys) if key in words.unit_code), None) if groups else None
        )
        return Columns(
            i,
            name,
            amount,
            unit,
            code,
            attribute,
            frozenset(text),
            default_scale if scale is None else scale,
            groups,
            unit_code,
            tuple(keys),
            carry,
            None if carry else _first(keys, words.carry_over, (name, amount)),
        )
    return None


def is_project_list(table: Table) -> bool:
    """True for a table with a project-list header (项目名称 … 合计/金额 …) under a
    project-list title (or no title)."""
    lab = labels()
    if columns(table) is None:
        return False
    title = label_key(table.title)
    return any(t in title for t in lab.project_list_title) or not title


def is_total(text: str) -> bool:
    """A 合计 / 小计 / 总计 row label, also with a qualifier before it (本级小计, 项目合计).

    >>> is_total("合 计"), is_total("本级小计"), is_total("小计经费补助")
    (True, True, False)
    """
    key = label_key(text)
    return bool(key) and key.endswith(tuple(labels().total_row))


def _context_cell(text: str) -> bool:
    """A 部门：… or 单位：万元 cell: the lines above a list, repeated after a page break."""
    folded = re.sub(r"\s+", "", text)
    head = re.split(r"[：:]", folded, maxsplit=1)
    return len(head) == 2 and label_key(head[0]) in list_words().context_labels


def _skipped(first: str) -> bool:
    """A name cell that names no project: empty, a number (column numbering), 合计, a header, 部门：…"""
    lab = labels()
    key = label_key(first)
    return (
        not first
        or parse_amount(first) is not None
        or is_total(first)
        or key in lab.project_list_header
        or key in list_words().name_secondary
        or key in dict(list_words().combined)
        or _context_cell(first)
    )


def _row_unit(row: Row, cols: Columns) -> str | None:
    """The unit column's text when it names a unit (not 合计, a header word or a number)."""
    text = _cell(row, cols.unit) or ""
    key = header_key(text)
    if not text or key in labels().total_row or key in list_words().unit or parse_amount(text) is not None:
        return None
    if key in list_words().type_values:
        return None  # a 项目类别 word shifted into the unit column names no unit
    return text


def _amount_of(text: str) -> tuple[float | None, bool]:
    """A cell's amount and whether it was read over an OCR slip (4l2.80)."""
    amount = read_amount(text)
    return (amount.value, amount.repaired) if amount is not None else (None, False)


def _amounts(row: Row, cols: Columns) -> tuple[list[float], bool]:
    """The amount column's amount first, then every amount after the name outside the text columns;
    and whether one was read over an OCR slip (4l2.80)."""
    read = [_amount_of(c.text) for c in row.cells[cols.name + 1 :] if c.text and c.col not in cols.text]
    total = _amount_of(_cell(row, cols.amount) or "")
    found = [total, *read] if total[0] is not None else read
    amounts = [a for a, _ in found if a is not None]
    slipped = any(s for a, s in found if a is not None)
    scaled = [round(a * cols.scale, 6) for a in amounts] if cols.scale != 1.0 else amounts
    return scaled, slipped


def name_finished(name: str) -> bool:
    """A project name that reads as complete: its brackets closed and a name-final word
    (经费, 资金, 工程 …) or a closing bracket at its end.

    >>> name_finished("城乡义务教育学校公用经费保障机制县级配"), name_finished("某某专项资金（普惠性幼儿园生均")
    (False, False)
    >>> name_finished("中小学教师全员培训经费"), name_finished("医疗设备购置（彩色多普勒超声诊断仪等）")
    (True, True)
    """
    text = name.strip()
    if not text or open_brackets(text) != 0:
        return False
    return text[-1] in CLOSERS or label_key(text).endswith(list_words().name_final)


def _unit_finished(unit: str | None) -> bool:
    return not unit or unit_name(unit) is not None


@dataclass(frozen=True)
class _Lone:
    """A row holding only text cells: a wrapped line of a name (or unit) cell, or a name alone."""

    name: str  # the text read as the name column's
    unit: str  # the text read as the unit column's
    row: Row


def _lone(row: Row, cols: Columns) -> _Lone | None:
    """A row without amounts whose text sits in the name / unit / type columns only.

    A single cell counts wherever the split put it (a wrapped line loses the empty cells
    before it); it is the unit's text when it sits in the unit column.
    """
    filled = row.filled
    if not filled or any(parse_amount(c.text) is not None for c in filled):
        return None
    if any(_skipped(c.text) for c in filled):
        return None  # 合计, a header repeated after a page break, 部门：… / 单位：万元
    if len(filled) == 1:
        cell = filled[0]
        in_unit = cols.unit is not None and cell.col == cols.unit and cell.col != cols.name
        return _Lone("" if in_unit else cell.text, cell.text if in_unit else "", row)
    if any(c.col not in (cols.name, cols.unit, cols.attribute) for c in filled):
        return None  # a name beside other text: no wrapped line
    return _Lone(_cell(row, cols.name) or "", _cell(row, cols.unit) or "", row)


def _continues_previous(
    lone: _Lone, prev: _Entry, below: str | None, cols: Columns
) -> tuple[str, str] | None:
    """The name and unit text ``lone`` adds to the row above, when it is that row's cells wrapped.

    The name part is, when a bracket is left open above or closed (or opened) on the
    line, or when the name above is unfinished (no name-final word, not a unit's name:
    ``…县级配`` / ``套资金``) and either the joined name reads as complete or the row below
    (its name ``below``; None for none) has no complete name of its own. The unit part
    is, when the unit above is unfinished (``…质量与`` / ``安全监督中心``).
    """
    name, unit = lone.name, lone.unit
    single_in_name = cols.unit is not None and name and not unit and not _unit_finished(prev.unit)
    if single_in_name and (unit_name(name) is not None or name_finished(prev.name)):
        name, unit = "", name  # a single cell the split may have put in the wrong column
    if unit and (cols.unit is None or _unit_finished(prev.unit)):
        return None
    if not name:
        return ("", unit) if unit else None
    opened = open_brackets(prev.name) > 0 or open_brackets(name) < 0 or name.strip()[0] in OPENERS
    group = unit_name(prev.name) is not None or (
        bool(cols.groups) and _combined_role(prev.name, prev.row, cols) != "project"
    )
    unfinished = not name_finished(prev.name) and not group  # a unit's row (某某局, 某某中学): complete
    if opened or (unfinished and (name_finished(prev.name + name) or not name_finished(below or ""))):
        return name, unit
    return None


def _type_word(text: str, learned: frozenset[str] = frozenset()) -> bool:
    """A 项目类别 / 项目属性 cell (其他运转类, 经常性项目), known or seen in the list's type column."""
    key = label_key(text)
    return bool(key) and (key in list_words().type_values or key in learned)


def _learned_types(rows: Sequence[Row], cols: Columns) -> frozenset[str]:
    """Short texts written in the list's type column on two rows or more: its 项目类别 words."""
    if cols.attribute is None:
        return frozenset()
    seen: dict[str, int] = {}
    for row in rows:
        key = label_key(_cell(row, cols.attribute) or "")
        if key and len(key) <= 8 and parse_amount(key) is None and key not in list_words().attribute:
            seen[key] = seen.get(key, 0) + 1
    return frozenset(k for k, n in seen.items() if n >= 2)


def _misfit(texts: Sequence[str], cols: Columns, types: frozenset[str]) -> int:
    """How badly a row's cells sit under the header (0: they fit): a 项目类别 word outside the
    type column, an amount or type word in the name column, text in the amount column, a
    project's name in the unit column beside an empty name column."""
    name = texts[cols.name] if cols.name < len(texts) else ""
    bad = 0
    for i, text in enumerate(texts):
        if not text:
            continue
        typed = _type_word(text, types)
        amount = parse_amount(text) is not None
        if typed and cols.attribute is not None and i != cols.attribute:
            bad += 2
        if i == cols.name and (amount or typed):
            bad += 2
        if i == cols.amount and not amount:
            bad += 1
        if i == cols.unit and not name and not typed and name_finished(text) and unit_name(text) is None:
            bad += 1
    return bad


def _row_like(texts: Sequence[str], cols: Columns, types: frozenset[str]) -> bool:
    """Cells that fit the header and read as a row: a name (or unit) and an amount in the amount column."""

    def at(col: int | None) -> str:
        return texts[col] if col is not None and col < len(texts) else ""

    named = any(at(c) and parse_amount(at(c)) is None for c in (cols.name, cols.unit))
    return named and parse_amount(at(cols.amount)) is not None and _misfit(texts, cols, types) == 0


def _shifted(texts: Sequence[str], cols: Columns, types: frozenset[str]) -> tuple[list[str], int] | None:
    """The row's cells moved left or right as a block until they fit the header, and by how many
    columns: a PDF export drops or duplicates empty cells. None when they fit or no move fits."""
    if _misfit(texts, cols, types) == 0:
        return None
    for shift in (1, -1, 2, -2):
        if shift < 0 and any(texts[:-shift]):
            continue  # only empty cells may fall off the left
        moved = list(texts[-shift:]) if shift < 0 else [""] * shift + list(texts)
        name = moved[cols.name] if cols.name < len(moved) else ""
        if not _skipped(name) and not _type_word(name, types) and _row_like(moved, cols, types):
            return moved, shift
    return None


def _moved(lines: Sequence[int], shift: int, line: int) -> list[int]:
    """Source lines of cells moved by ``shift`` columns (cells put in front are the row's own line)."""
    return [line] * shift + list(lines) if shift >= 0 else list(lines[-shift:])


def _as_row(texts: Sequence[str], lines: Sequence[int], first: Row, last: Row | None = None) -> Row:
    cells = tuple(Cell(t, ln, col) for col, (t, ln) in enumerate(zip(texts, lines, strict=True)))
    return Row(first.line, cells, first.layout, last.line if last is not None else first.through)


def _repair_rows(rows: Sequence[Row], cols: Columns, report: Report) -> list[Row]:
    """Rows a PDF export damaged, put back under the header's columns by their cells' content.

    Two rows written on one line (twice the header's cells or nearly: trailing empty cells
    vanish) are split when both halves read as rows; one row broken at a cell boundary over
    two lines (name and type above, amounts below) is joined when together they fit the
    header; a row whose cells moved as a block (an empty cell dropped or doubled) is moved
    back when a 项目类别 word, an amount or a name sits in the wrong column. Each is reported.
    """
    width = len(cols.keys) or max((len(r.cells) for r in rows), default=0)
    types = _learned_types(rows, cols)
    out: list[Row] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        texts, lines = row.texts, [c.line for c in row.cells]
        below = rows[i + 1] if i + 1 < len(rows) else None
        if width >= 3 and len(texts) > width:
            halves = [(texts[:width], lines[:width]), (texts[width:], lines[width:])]
            fixed = [(_shifted(t, cols, types) or (t, 0)) for t, _ in halves]
            if all(_row_like(t, cols, types) for t, _ in fixed):
                for (_, ln), (t, by) in zip(halves, fixed, strict=True):
                    out.append(_as_row(t, _moved(ln, by, row.line), row))
                names = " / ".join(repr(t[cols.name]) for t, _ in fixed)
                report.add(
                    "reconciliation",
                    f"project list line holds two rows ({len(texts)} cells under {width} columns): split into {names}",
                    _span(row),
                )
                i += 1
                continue
        if (
            below is not None
            and not _has_amount(row)
            and _has_amount(below)
            and len(texts) + len(below.texts) <= width + 1
            and _misfit(below.texts, cols, types) > 0
            and _row_like(texts + below.texts, cols, types)
        ):
            joined = texts + below.texts
            out.append(_as_row(joined, lines + [c.line for c in below.cells], row, below))
            report.add(
                "reconciliation",
                f"project list row split over two lines joined: {joined[cols.name]!r}",
                Span(row.line, below.line),
            )
            i += 2
            continue
        moved = _shifted(texts, cols, types)
        if moved is not None and len(texts) <= width + 1:
            shifted, by = moved
            out.append(_as_row(shifted, _moved(lines, by, row.line), row))
            report.add(
                "reconciliation",
                f"project list row {shifted[cols.name]!r} realigned by {by:+d} column(s): "
                "its cells sat in the wrong columns",
                _span(row),
            )
        else:
            out.append(row)
        i += 1
    return out


def _nameless(row: Row, cols: Columns) -> bool:
    """A row with amounts but nothing in the name column (its name is on the line above it)."""
    first = _cell(row, cols.name) or ""
    return (
        not first
        and not any(is_total(c.text) or _context_cell(c.text) for c in row.filled)
        and bool(_amounts(row, cols)[0])
    )


def _entries(rows: Sequence[Row], report: Report, cols: Columns) -> list[_Entry]:
    """Rows with a name in the name column; a wrapped line joins the row it belongs to.

    The amount is the amount column's where that cell holds one, else the first amount
    after the name that is not in a text column. With a unit column, a row's unit is the
    last unit written in that column (a merged cell is written on its first row only).

    A line of text alone (no amounts) is a wrapped part of a name or unit cell. It
    continues the row above when that row's cell is unfinished (:func:`_continues_previous`);
    it begins the row below when that row has amounts but no name, or when the row above
    is complete and the row below has a name (its first line was written above it);
    otherwise it is reported as a row without an amount.
    """
    out: list[_Entry] = []
    pending: _Entry | None = None  # text waiting for the row below
    prev: int | None = None  # index in ``out`` of the row just above, while lines may continue it
    unit: str | None = None

    def drop(entry: _Entry | None) -> None:
        if entry is not None:
            report.add("unparsed", f"project list row without an amount: {entry.name!r}", _span(entry.row))

    for i, row in enumerate(rows):
        first = _cell(row, cols.name) or ""
        lone = _lone(row, cols)
        if lone is not None and not (cols.groups and _combined_role(lone.name, row, cols) != "project"):
            below = rows[i + 1] if i + 1 < len(rows) else None
            nameless_below = below is not None and _nameless(below, cols)
            below_name = (
                None if below is None or nameless_below or _lone(below, cols) else _cell(below, cols.name)
            )
            added = (
                _continues_previous(lone, out[prev], below_name, cols)
                if prev is not None and pending is None
                else None
            )
            if nameless_below and (added is None or not _cell(below, cols.unit)):
                added = None  # the name of the row below, written above its amounts
            if added is not None:
                entry = out[prev]
                joined_unit = (entry.unit or "") + added[1] if added[1] else entry.unit
                out[prev] = replace(entry, name=entry.name + added[0], unit=joined_unit, last=row.line)
                unit = joined_unit or unit
                joined = out[prev].name if added[0] else joined_unit
                report.add(
                    "reconciliation",
                    f"project list line {''.join(added)!r} continues the row above: {joined!r}",
                    Span(entry.row.line, row.line),
                )
                continue
            prev = None
            if pending is not None:  # a second line of a name written above its row
                pending = replace(
                    pending, name=pending.name + lone.name, unit=(pending.unit or "") + lone.unit
                )
            else:
                pending = _Entry(lone.name, None, row, lone.unit or None)
            continue
        if pending is not None and _nameless(row, cols):
            amounts, slipped = _amounts(row, cols)
            unit = _row_unit(row, cols) or pending.unit or unit
            report.add(
                "reconciliation",
                f"project list name {pending.name!r} above a row without a name joined to that row",
                Span(pending.row.line, row.line),
            )
            out.append(_Entry(pending.name, amounts[0], pending.row, unit, row.line))
            _report_slip(slipped, out[-1], report)
            pending, prev = None, len(out) - 1
            continue
        unit = _row_unit(row, cols) or unit
        if _skipped(first):
            drop(pending)
            pending, prev = None, None
            continue  # header continuation, column numbers (1 2 3 …), a 合计 row or a unit's row
        amounts, slipped = _amounts(row, cols)
        if not amounts:
            drop(pending)
            pending, prev = None, None
            if cols.groups and _combined_role(first, row, cols) != "project":
                out.append(_Entry(first, None, row, unit))  # a group row without a subtotal
            else:
                drop(_Entry(first, None, row, unit))  # a name beside other text: no wrapped name
            continue
        if pending is not None:
            report.add(
                "reconciliation",
                f"project list name {pending.name!r} alone on its line joined to the next row's {first!r}",
                Span(pending.row.line, row.line),
            )
            unit = pending.unit or unit
            out.append(_Entry(pending.name + first, amounts[0], pending.row, unit, row.line))
            pending = None
        else:
            out.append(_Entry(first, amounts[0], row, unit, row.through))
        _report_slip(slipped, out[-1], report)
        prev = len(out) - 1
    drop(pending)
    return out


def _report_slip(slipped: bool, entry: _Entry, report: Report) -> None:
    if slipped:
        report.add(
            "reconciliation",
            f"project list amount of {entry.name!r} read over an OCR slip as {entry.amount}",
            _span(entry.row),
        )


def _group_flags(entries: list[_Entry]) -> list[bool]:
    """True for rows that group the rows below them (department and unit subtotals).

    A candidate (a row named like an organisation) groups when its amount equals the
    sum of the project rows up to the next group, or of all project rows after it.
    """
    flags = [e.amount is not None and unit_name(e.name) is not None for e in entries]
    for _ in range(2):
        new = list(flags)
        for i, e in enumerate(entries):
            if not flags[i] or e.amount is None:
                continue
            block = 0.0
            for j in range(i + 1, len(entries)):
                if flags[j]:
                    break
                block += entries[j].amount or 0.0
            rest = sum(entries[j].amount or 0.0 for j in range(i + 1, len(entries)) if not flags[j])
            tolerance = _TOLERANCE * max(1, len(entries))
            block_ok = abs(block - e.amount) <= tolerance and block > 0
            nested_ok = i + 1 < len(entries) and flags[i + 1]  # department row over unit rows
            new[i] = block_ok or (nested_ok and abs(rest - e.amount) <= tolerance)
        flags = new
    return flags


_UNIT_CODE = re.compile(r"^[\[［【(（]?\s*\d{3,12}\s*[\]］】)）]?\s*[-－—.、]?\s*(?=\D)")


def split_unit_code(name: str) -> tuple[str | None, str]:
    """A code written before a group row's name (301001 某某局, [301001]某某局) and the name.

    Long project codes (15 digits and more) are no unit code.

    >>> split_unit_code("[301001]某某市公安局"), split_unit_code("201 一般公共服务支出")
    (('301001', '某某市公安局'), ('201', '一般公共服务支出'))
    >>> split_unit_code("510700241100000012 某某经费"), split_unit_code("某某经费")
    ((None, '510700241100000012 某某经费'), (None, '某某经费'))
    """
    m = _UNIT_CODE.match(name)
    if not m:
        return None, name
    return re.sub(r"\D", "", m.group()), name[m.end() :].strip()


def _combined_role(name: str, row: Row, cols: Columns) -> str:
    """A row of a combined name column: "unit", "category" (a classification row) or "project".

    A 项目类别 cell makes a project; else an organisation's name or a unit code makes a
    group row, of the kind the header names.
    """
    kind = _cell(row, cols.attribute)
    if kind and parse_amount(kind) is None:
        return "project"
    code, bare = split_unit_code(join_wrapped(name))
    if unit_name(bare) is not None or _cell(row, cols.unit_code):
        return "unit"
    if code is not None:
        return "unit" if cols.groups == "unit" else "category"
    return "project"


def _roles(entries: list[_Entry], cols: Columns) -> list[str]:
    """Each entry's role: "unit" (sets the budget unit), "category" (skipped) or "project"."""
    if cols.groups:
        return [_combined_role(e.name, e.row, cols) for e in entries]
    return ["unit" if f else "project" for f in _group_flags(entries)]


def _continues(table: Table) -> bool:
    """True for a table titled only as a continuation (续表, 表6（续）, 续表 / 单位：元).

    >>> from budgetkg.ingest.lines import Line
    >>> _continues(Table([], [Line(1, "续表"), Line(2, "部门：某某局 单位：元")]))
    True
    >>> _continues(Table([], [Line(1, "项目支出绩效目标表（续表）")]))
    False
    """
    words = list_words()
    lines = [label_key(line.text) for line in table.context]
    marked = [k for k in lines if re.sub(r"^表?\d+|^表[一二三四五六七八九十]+", "", k) in words.continued]
    stated = [k for k in lines if k not in marked and not k.startswith(words.context_labels)]
    return bool(marked) and not stated


def _marked_continued(table: Table) -> bool:
    """True for a table whose title ends with a continuation mark (某某项目支出预算表（续）):
    the list above goes on, though the title is written out again.

    >>> from budgetkg.ingest.lines import Line
    >>> _marked_continued(Table([], [Line(1, "2024年项目支出预算表（续）")]))
    True
    >>> _marked_continued(Table([], [Line(1, "2024年项目支出预算表")]))
    False
    """
    return any(label_key(line.text).endswith(tuple(list_words().continued)) for line in table.context)


def _repeats(table: Table, previous: Columns | None) -> bool:
    """True for a table right after a list that repeats its header under no title of its own:
    the list split by a page break whose running header (某某局2024年部门预算) was kept.

    Its context lines name no table (no 表, no list title word, no 上年结转).
    """
    if previous is None or not previous.keys:
        return False
    own = columns(table)
    if own is None or own.keys != previous.keys:
        return False
    lab = labels()
    words = (*lab.project_list_title, *lab.carry_over, "表")
    return not any(w in label_key(line.text) for line in table.context for w in words)


def _list_columns(table: Table, previous: Columns | None) -> Columns | None:
    """The columns of a project list; of a 续表 right after one, its own or the list's."""
    if is_project_list(table):
        return columns(table, previous.scale if previous and _continues(table) else 1.0)
    if _repeats(table, previous) and previous is not None:
        return columns(table, previous.scale)
    if previous is None or not _continues(table):
        return None
    return columns(table, previous.scale) or replace(previous, header=-1)


def _title_row(row: Row) -> Line | None:
    """A table title the export wrote with a tab or cell border (表3 | 2025年部门项目支出预算表),
    read as a row of the table above it; as a line of text, or None for a row of data."""
    filled = row.filled
    if not 2 <= len(filled) <= 3 or _has_amount(row):
        return None
    text = "  ".join(c.text for c in filled)
    return Line(row.line, text) if is_heading_line(text) else None


def untitled(tables: Sequence[Table]) -> list[Table]:
    """The tables with title rows taken out: a title row ends the table it was read into, and
    becomes the title of the rows after it or, at the table's end, of the next table (a tab
    between 表3 and its title makes a tab row of a title line, joined to the table above)."""
    out: list[Table] = []
    carried: Line | None = None  # a title row that ended the table above
    for table in tables:
        context = list(table.context)
        if carried is not None and 0 < table.rows[0].line - carried.no <= 4:
            context = [carried, *(line for line in context if line.no > carried.no)]
        carried = None
        rows: list[Row] = []
        for row in table.rows:
            title = _title_row(row)
            if title is None:
                rows.append(row)
                continue
            if rows:
                out.append(Table(rows, context))
            rows, context, carried = [], [title], title
        if rows:
            out.append(Table(rows, context))
            carried = None
    return out


def caption_unit(lines: Sequence[str]) -> str | None:
    """The budget unit a caption above a unit's own list names (单位：某某院  金额单位：万元).

    >>> caption_unit(["单位项目支出预算表", "单位：某某市福利院金额单位：万元"])
    '某某市福利院'
    >>> caption_unit(["部门：某某市民政局  单位：万元"]) is None
    True
    """
    words = list_words()
    names = sorted({*words.context_labels, *words.unit_caption}, key=len, reverse=True)
    label = re.compile("(" + "|".join(map(re.escape, names)) + r")\s*[：:]")
    for text in lines:
        parts = label.split(text)  # text, label, value, label, value …
        for key, value in zip(parts[1::2], parts[2::2], strict=True):
            bare = value.split()[0] if value.split() else ""
            if key in words.unit_caption and unit_name(bare):
                return unit_name(bare)
    return None


def read_project_lists(tables: Sequence[Table], report: Report) -> list[ListedProject]:
    """Every project of every project list table, in list order.

    Each list starts with no budget unit, or the one its caption names (单位：某某院); a
    project a later list repeats under the same unit (a unit's own list after the
    department's, grouped by unit) is one project, read from the first list.
    """
    lab = labels()
    out: list[ListedProject] = []
    unit: str | None = None
    previous_carry: bool | None = None
    previous: Columns | None = None
    number = 0  # the list's number: a 续表 continues its list
    numbers: list[int] = []  # the list number of each project of ``out``
    for table in untitled(tables):
        cols = _list_columns(table, previous)
        continued = (
            previous is not None and cols is not None and (_continues(table) or _repeats(table, previous))
        )
        previous = cols
        if cols is None:
            continue
        carry = cols.carry or any(w in label_key(table.title) for w in lab.carry_over)
        carry = bool(previous_carry) if continued else carry
        if not (continued or _marked_continued(table)):
            number += 1
            unit = caption_unit([line.text for line in table.context])
        previous_carry = carry
        entries = _entries(_repair_rows(table.rows[cols.header + 1 :], cols, report), report, cols)
        roles = _roles(entries, cols)
        groups = [i for i, r in enumerate(roles) if r == "unit"]
        for i, (entry, role) in enumerate(zip(entries, roles, strict=True)):
            name = join_wrapped(entry.name)
            if role == "category":
                continue
            if role == "unit":
                later_groups = [g for g in groups if g > i]
                # the outermost group (the department) is followed directly by a unit group
                if not (later_groups and later_groups[0] == i + 1):
                    bare = split_unit_code(name)[1]
                    unit = unit_name(bare) or bare
                continue
            if entry.amount is None:
                report.add(
                    "unparsed", f"project list row without an amount: {entry.name!r}", _span(entry.row)
                )
                continue
            if entry.unit:  # the unit column's; rows of the next page may leave it unwritten
                unit = unit_name(entry.unit) or join_wrapped(entry.unit)
            code = _cell(entry.row, cols.code)
            span = Span(entry.row.line, entry.last or entry.row.line)
            if entry.amount <= 0:  # a row of the list all the same: kept, and said
                report.add(
                    "warning" if entry.amount < 0 else "info",
                    f"project list row {name!r} has amount {entry.amount:g}万元",
                    span,
                )
            listed = ListedProject(
                name,
                entry.name,
                entry.amount,
                unit,
                carry or _carried_whole(entry, cols),
                span,
                parse_functional_code(code) if code else None,
                _cell(entry.row, cols.attribute) or None,
            )
            if not _merged(out, numbers, listed, number, report):
                out.append(listed)
                numbers.append(number)
    return out


def _merged(
    out: list[ListedProject], numbers: list[int], listed: ListedProject, number: int, report: Report
) -> bool:
    """True when an earlier list holds ``listed`` already (same name, same or unknown unit): the
    two are one project, kept as first read (its amount; a unit only the second names)."""
    key = name_key(listed.name)
    for k, (seen, seen_number) in enumerate(zip(out, numbers, strict=True)):
        if seen_number == number or seen.carry_over != listed.carry_over or name_key(seen.name) != key:
            continue
        units = {name_key(u) for u in (seen.budget_unit, listed.budget_unit) if u}
        if len(units) > 1:
            continue
        if seen.budget_unit is None and listed.budget_unit:
            out[k] = replace(seen, budget_unit=listed.budget_unit)
        same = seen.amount_wan is not None and abs(seen.amount_wan - (listed.amount_wan or 0.0)) <= _TOLERANCE
        report.add(
            "reconciliation" if same else "warning",
            f"project list row {listed.name!r} repeats the row of an earlier list"
            + (
                ""
                if same
                else f" with another amount ({listed.amount_wan:g}万元, kept {seen.amount_wan:g}万元)"
            ),
            listed.span,
        )
        return True
    return False


def _carried_whole(entry: _Entry, cols: Columns) -> bool:
    """True for a row of a list with a 上年结转 column that this column funds whole: a
    carry-over project listed among the year's own."""
    carried = _amount_of(_cell(entry.row, cols.carry_col) or "")[0]
    if carried is None or entry.amount is None or carried <= 0:
        return False
    return abs(carried * cols.scale - entry.amount) <= _TOLERANCE


def _cell(row: Row, col: int | None) -> str | None:
    return row.cells[col].text if col is not None and col < len(row.cells) else None


def _span(row: Row) -> Span:
    return Span(row.line, row.line)


def single_cell_lists(lines: Sequence[Line], tables: Sequence[Table], report: Report) -> list[Table]:
    """Project lists written one cell per line, outside every other table, as tables of rows.

    A list starts at a line holding only 项目名称 whose next line holds only 合计. Its
    header ends after the column numbering (1, 2, 3 …) if there is one; then each name is
    a row with the amounts that follow it (empty cells are lost in this layout, so the
    first amount is 合计). A name alone before another name is the first part of a
    wrapped name; two names with no amount after them end the list.

    A header with more text columns (单位名称 / 项目名称 / 项目类型 / 合计 …) gives rows
    of that many text cells before the amounts; see :func:`_place` for rows missing some.
    """
    lab = labels()
    covered = {r.line for t in tables for r in t.rows}
    texts = [(i, ln) for i, ln in enumerate(lines) if not ln.blank and ln.no not in covered]
    out: list[Table] = []
    k = 0
    while k + 1 < len(texts):
        i, line = texts[k]
        if label_key(line.text) not in lab.project_list_header:
            k += 1
            continue
        if label_key(texts[k + 1][1].text) in lab.total_row and texts[k + 1][0] - i <= 2:
            cells = _cell_run(texts, k)
            data = _after_header(cells)
            header = Row(
                line.no, (Cell("项目名称", line.no, 0), Cell("合计", texts[k + 1][1].no, 1)), "single"
            )
            rows = _single_rows(data, report)
            out.append(Table([header, *rows], context_of(lines, i)))
            k += 2
            continue
        found = _wide_header(texts, k)
        if found is None:
            k += 1
            continue
        first, amount_at, header_cells = found
        cells = _cell_run(texts, amount_at)
        rows = _wide_rows(_after_wide_header(cells), [h.text for h in header_cells], report)
        header = Row(texts[first][1].no, tuple(header_cells), "single")
        out.append(Table([header, *rows], context_of(lines, texts[first][0])))
        k = amount_at + 1
    return out


def _column_word(text: str) -> bool:
    """A header cell naming a text column: 单位名称, 项目类型, 单位编码, 序号 …"""
    key = header_key(text)
    words = list_words()
    return key in words.unit or key in words.attribute or _is_text_header(key)


def _header_word(text: str) -> bool:
    """Any header cell of a project list: a text column, an amount or funding column, 合计."""
    key = header_key(text)
    words = list_words()
    return (
        _column_word(text)
        or key in words.amount
        or key in labels().total_row
        or any(w in key for w in words.funding)
    )


def _wide_header(texts: Sequence[tuple[int, Line]], k: int) -> tuple[int, int, list[Cell]] | None:
    """A one-cell-per-line header with text columns around 项目名称 (at ``k``), then an amount word.

    Returns the index of its first line, of its amount word, and its cells (text columns,
    sequence columns left out since their numbers read as amounts, then the amount word).
    """
    first = k
    while first > 0 and k - first < 4 and texts[first][0] - texts[first - 1][0] <= 2:
        if not _column_word(texts[first - 1][1].text):
            break
        first -= 1
    amount_at = k + 1
    while (
        amount_at < len(texts) and amount_at - k <= 4 and texts[amount_at][0] - texts[amount_at - 1][0] <= 2
    ):
        text = texts[amount_at][1].text
        if header_key(text) in list_words().amount:
            break
        if not _column_word(text):
            return None
        amount_at += 1
    else:
        return None
    if first == k and amount_at == k + 1:
        return None  # 项目名称 then an amount word other than 合计: read as the plain layout would
    words = list_words()
    kept = [ln for _, ln in texts[first:amount_at] if header_key(ln.text) not in words.sequence]
    amount = texts[amount_at][1]
    cells = [Cell(clean_cell(ln.text), ln.no, col) for col, ln in enumerate(kept)]
    return first, amount_at, [*cells, Cell(clean_cell(amount.text), amount.no, len(kept))]


def _after_wide_header(cells: list[Line]) -> list[Line]:
    """The cells after a header (starting at its amount word): after the numbering, else after
    the header words."""
    numbered = _numbering_end(cells)
    if numbered is not None:
        return cells[numbered:]
    n = 0
    while n < len(cells) and _header_word(cells[n].text):
        n += 1
    if 0 < n < len(cells) and label_key(cells[n - 1].text) in labels().total_row:
        n -= 1  # the 合计 row's label, not a header word
    return cells[n:]


def _place(run: Sequence[Line], header: Sequence[str]) -> dict[int, Line | list[Line]]:
    """The columns of a row's text cells (the cells before its amounts).

    With as many cells as text columns or more, the columns left and right of the name
    take the first and last cells and the name takes the rest (a wrapped name). With
    fewer (empty cells vanish in this layout), a unit column before the name takes the
    first cell only when it reads as an organisation, a column after the name only when
    cells are left beside the name; the name takes what remains.
    """
    lab = labels()
    name_col = next(i for i, h in enumerate(header) if label_key(h) in lab.project_list_header)
    before, after = list(range(name_col)), list(range(name_col + 1, len(header)))
    cells = _join_wrapped_cells(run)
    placed: dict[int, Line | list[Line]] = {}
    if len(cells) >= len(header):
        for col in before:
            placed[col] = cells.pop(0)
        for col in reversed(after):
            placed[col] = cells.pop()
    else:
        for col in before:
            if (
                cells
                and header_key(header[col]) in list_words().unit
                and unit_name(cells[0].text) is not None
            ):
                placed[col] = cells.pop(0)
        for col in reversed(after):
            if len(cells) > 1:
                placed[col] = cells.pop()
    placed[name_col] = cells
    return placed


def _join_wrapped_cells(run: Sequence[Line]) -> list[Line]:
    """Cells of a row with a name (or unit) wrapped mid-word over two lines joined.

    A cell continues on the next line when it reads as unfinished (no name-final word, not an
    organisation), the two together read as a name or an organisation, neither is a 项目类别
    word, and the second is no longer than the first (a wrapped cell's first line is full).
    """
    out: list[Line] = []
    for line in run:
        if out:
            head, tail = out[-1].text, line.text
            joined = head + tail
            if (
                not name_finished(head)
                and unit_name(head) is None
                and not _type_word(head)
                and not _type_word(tail)
                and parse_amount(tail) is None
                and len(label_key(tail)) <= len(label_key(head))
                and (name_finished(joined) or unit_name(joined) is not None)
            ):
                out[-1] = Line(out[-1].no, joined)
                continue
        out.append(line)
    return out


def _wide_rows(cells: list[Line], header: Sequence[str], report: Report) -> list[Row]:
    """Rows of a one-cell-per-line list with several text columns: text cells, then amounts.

    A run of text far longer than the header's text columns, or text with no amount
    after it, ends the list.
    """
    width = len(header) - 1  # the text columns; the amount column follows them
    rows: list[Row] = []
    n = 0
    while n < len(cells):
        m = n
        while m < len(cells) and parse_amount(cells[m].text) is None:
            m += 1
        end = m
        while end < len(cells) and parse_amount(cells[end].text) is not None:
            end += 1
        run, amounts = cells[n:m], cells[m:end]
        if not run:
            report.add(
                "unparsed", f"project list amount without a name: {amounts[0].text!r}", _span_of(amounts[0])
            )
        elif not amounts or len(run) > width + 2:
            break
        else:
            row_cells: list[Cell] = []
            for col, placed in sorted(_place(run, header[:width]).items()):
                parts = placed if isinstance(placed, list) else [placed]
                text = "".join(clean_cell(p.text) for p in parts)
                row_cells.append(Cell(text, parts[0].no if parts else run[0].no, col))
            row_cells = _fill(row_cells, width)
            row_cells += [Cell(clean_cell(c.text), c.no, width + j) for j, c in enumerate(amounts)]
            rows.append(Row(run[0].no, tuple(row_cells), "single"))
        n = end
    return rows


def _fill(cells: list[Cell], width: int) -> list[Cell]:
    """Cells for columns 0..width-1, empty where none was placed."""
    by_col = {c.col: c for c in cells}
    line = cells[0].line if cells else 0
    return [by_col.get(col, Cell("", line, col)) for col in range(width)]


def _cell_run(texts: Sequence[tuple[int, Line]], k: int) -> list[Line]:
    """The consecutive uncovered lines from ``k`` (a covered line or a gap of text ends them)."""
    run = [texts[k][1]]
    for (i_prev, _), (i, line) in zip(texts[k:], texts[k + 1 :], strict=False):
        if i - i_prev > 3:
            break
        run.append(line)
    return [part for line in run for part in split_mixed_line(line)]


_MONEY = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)$")


def split_mixed_line(line: Line) -> list[Line]:
    """A line holding two cells of a one-cell-per-line list, an amount beside text, as two lines.

    Only an amount written as money (a decimal point or thousands commas) splits a line, so a
    name with a number in it (2024年 …, 12345热线) stays whole.

    >>> [p.text for p in split_mixed_line(Line(7, "86.40 某某专项经费"))]
    ['86.40', '某某专项经费']
    >>> [p.text for p in split_mixed_line(Line(7, "其他运转类 1,620.00"))]
    ['其他运转类', '1,620.00']
    >>> [p.text for p in split_mixed_line(Line(7, "2024年 某某经费"))]
    ['2024年 某某经费']
    """
    tokens = line.text.split()
    money = [bool(_MONEY.match(t)) for t in tokens]
    if len(tokens) < 2 or not any(money) or all(money):
        return [line]
    parts: list[str] = []
    for token, is_money in zip(tokens, money, strict=True):
        if is_money or not parts or _MONEY.match(parts[-1]):
            parts.append(token)
        else:
            parts[-1] += " " + token  # text beside text stays one cell
    return [Line(line.no, p) for p in parts]


def _numbering_end(cells: Sequence[Line]) -> int | None:
    """The index just after the column numbering 1, 2, 3 … among the first cells, if there is one."""
    for n in range(min(len(cells), 30)):
        if cells[n].text.strip() == "1" and n + 1 < len(cells) and cells[n + 1].text.strip() == "2":
            m = n
            while m + 1 < len(cells) and cells[m + 1].text.strip() == str(m + 2 - n):
                m += 1
            return m + 1
    return None


def _after_header(cells: list[Line]) -> list[Line]:
    """The cells after the header: after the column numbering 1, 2, 3…, else after the header words."""
    numbered = _numbering_end(cells)
    if numbered is not None:
        return cells[numbered:]
    for n in range(len(cells) - 1):
        if parse_amount(cells[n].text) is None and parse_amount(cells[n + 1].text) is not None:
            return cells[n:]
    return []


def _single_rows(cells: list[Line], report: Report) -> list[Row]:
    rows: list[Row] = []
    n = 0
    name_parts: list[Line] = []
    while n < len(cells):
        text = clean_cell(cells[n].text)
        if parse_amount(text) is not None:
            report.add("unparsed", f"project list amount without a name: {text!r}", _span_of(cells[n]))
            n += 1
            continue
        m = n + 1
        while m < len(cells) and parse_amount(cells[m].text) is not None:
            m += 1
        if m == n + 1:
            if name_parts:
                break  # two names without an amount: the list has ended
            name_parts.append(cells[n])
            n += 1
            continue
        first = name_parts[0] if name_parts else cells[n]
        name = "".join(clean_cell(p.text) for p in name_parts) + text
        row_cells = [Cell(name, first.no, 0)]
        row_cells += [Cell(clean_cell(c.text), c.no, j + 1) for j, c in enumerate(cells[n + 1 : m])]
        rows.append(Row(first.no, tuple(row_cells), "single"))
        name_parts = []
        n = m
    return rows


def _span_of(line: Line) -> Span:
    return Span(line.no, line.no)
