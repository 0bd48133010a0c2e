"""Performance tables: 项目支出绩效目标表 (one per project) and the department's KPI block.

A project table starts at a 项目名称 row followed, within a few rows, by other field
labels (项目属性, 实施单位, 立项依据…); it ends at its footer (负责人/填报日期), at the
next project table, or where a new titled table begins. Above its KPI header, cells are
read as label -> value: each label word of data/table_labels.json takes the next
non-label cell, wherever the export put it (same row, next cell after a shift, or the
next line in a one-cell-per-line layout); a cell ``label：value`` is both at once.
Below the header, rows go to :func:`~budgetkg.ingest.kpi_rows.read_kpi_rows`. A KPI
header outside every project table is the department's (部门整体支出绩效目标表) block.

Tables the generic reader cannot see (one cell per line, or ``项目名称：…`` lines of
text) are cut from the lines by :func:`single_cell_tables`; they end at a footer, at
the next project table, or at a line that titles a new table or section
(data/performance_layout.json), never at the end of the file by default.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from itertools import islice

from .amounts import parse_amount
from .cleaning import join_wrapped, label_key, open_brackets
from .kpi_rows import is_column_word, is_kpi_header, read_kpi_rows, two_groups
from .labels import labels
from .lines import Line
from .records import Kpi, Report, Span
from .tables import Cell, Row, Table, is_gap, single_cell_table

_AMOUNT_FIELDS = ("annual_total", "impl_total")
_SENTENCE = re.compile(r"[。！？]|^.{41,}$")
_LOOKAHEAD = 8
_NAME = "name"
# a label right before a colon, at the start of a cell or after a space: 项目名称：…
_LABELLED = re.compile(r"(?:^|(?<=\s))([^\s:：]{1,24})[:：]")


@dataclass(frozen=True)
class _Layout:
    titles: tuple[re.Pattern[str], ...]
    headings: tuple[re.Pattern[str], ...]
    continued: tuple[str, ...]
    heading_max: int
    title_max: int
    table_names: tuple[re.Pattern[str], ...]
    punctuation: str
    units: dict[str, float]  # money unit -> factor to 元
    unit_labels: tuple[str, ...]
    amount_columns: tuple[frozenset[str], ...]  # budget amount column headers, most preferred first
    other_columns: frozenset[str]  # other amount columns (执行数): counted, never taken


@cache
def _layout() -> _Layout:
    raw = (
        resources.files("budgetkg.ingest")
        .joinpath("data/performance_layout.json")
        .read_text(encoding="utf-8")
    )
    data = json.loads(raw)
    return _Layout(
        titles=tuple(re.compile(p) for p in data["titles"]),
        headings=tuple(re.compile(p) for p in data["headings"]),
        continued=tuple(data["continued"]),
        heading_max=int(data["heading_max_chars"]),
        title_max=int(data["title_max_chars"]),
        table_names=tuple(re.compile(p) for p in data["table_names"]),
        punctuation=data["sentence_punctuation"],
        units={k: float(v) for k, v in data["amount_units"].items()},
        unit_labels=tuple(data["unit_labels"]),
        amount_columns=tuple(frozenset(label_key(w) for w in group) for group in data["amount_columns"]),
        other_columns=frozenset(label_key(w) for w in data["other_amount_columns"]),
    )


@cache
def _unit_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A bracketed unit ending a label (年度资金总额（万元）), and a unit line's 单位：万元."""
    lay = _layout()
    units = "|".join(sorted(map(re.escape, lay.units), key=len, reverse=True))
    names = "|".join(sorted(map(re.escape, lay.unit_labels), key=len, reverse=True))
    suffix = re.compile(rf"\(\s*({units})\s*\)\s*:?\s*$")
    line = re.compile(rf"(?:^|[\s(])(?:{names})\s*:\s*({units})(?=$|[\s)])")
    return suffix, line


def money_unit(text: str) -> str | None:
    """The money unit a label or column header states in brackets at its end.

    >>> money_unit("年度资金总额（万元）"), money_unit("项目资金 (元)："), money_unit("项目期（年）")
    ('万元', '元', None)
    """
    m = _unit_patterns()[0].search(unicodedata.normalize("NFKC", text))
    return m.group(1) if m else None


def stated_unit(text: str) -> str | None:
    """The money unit a unit line states (单位：万元, 金额单位:元), anywhere in the line.

    >>> stated_unit("部门名称：某局\\t单位：万元"), stated_unit("单位名称：某局"), stated_unit("金额单位:元")
    ('万元', None, '元')
    """
    m = _unit_patterns()[1].search(unicodedata.normalize("NFKC", text))
    return m.group(1) if m else None


def _base_key(text: str) -> str:
    """A label's key without a bracketed unit: 年度资金总额（万元） reads 年度资金总额."""
    m = _unit_patterns()[0].search(unicodedata.normalize("NFKC", text))
    return label_key(unicodedata.normalize("NFKC", text)[: m.start()] if m else text)


def _field_of(text: str) -> str | None:
    """The field a label cell names, with or without a bracketed unit."""
    fields = labels().performance_fields
    key = label_key(text)
    if key in fields:
        return fields[key]
    return None if key in labels().performance_ignored else fields.get(_base_key(text))


def ends_table(text: str) -> bool:
    """True for a line that titles a new table or section, so no performance table goes on past it.

    >>> ends_table("XX区2024年项目支出绩效目标表"), ends_table("第四部分 名词解释")
    (True, True)
    >>> ends_table("（二）部门整体支出绩效目标"), ends_table("二、项目支出绩效目标")
    (True, True)
    >>> ends_table("一、加强资金管理，确保专款专用。"), ends_table("≥98%"), ends_table("项目绩效目标表（续表）")
    (False, False, False)
    """
    lay = _layout()
    compact = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    if not compact or any(c in compact for c in lay.continued):
        return False
    if any(p in compact for p in lay.punctuation):
        return False
    if any(p.search(compact) for p in lay.titles):
        return True
    return len(compact) <= lay.heading_max and any(p.search(compact) for p in lay.headings)


def _known_label(text: str) -> bool:
    lab = labels()
    key = label_key(text)
    fields, ignored = lab.performance_fields, lab.performance_ignored
    return key in fields or key in ignored or key.startswith("其中") or _base_key(text) in fields


def split_labelled(cell: Cell) -> list[Cell]:
    """A cell ``label：value`` (full- or half-width colon) as a label cell and a value cell.

    Only label words of the performance table count, so a colon inside free text
    splits nothing; a line holding several pairs (``项目属性：… 项目期：…``) gives
    them all.

    >>> [c.text for c in split_labelled(Cell("项目名称：社区治理经费", 3, 0))]
    ['项目名称', '社区治理经费']
    >>> [c.text for c in split_labelled(Cell("项目属性:经常性项目 项目期:1年", 3, 0))]
    ['项目属性', '经常性项目', '项目期', '1年']
    >>> [c.text for c in split_labelled(Cell("注：单位为元", 3, 0))]
    ['注：单位为元']
    """
    text = cell.text
    marks = [m for m in _LABELLED.finditer(text) if _known_label(m.group(1))]
    if not marks:
        return _split_spaced_amount(cell)
    pieces: list[str] = [text[: marks[0].start()]]
    for k, m in enumerate(marks):
        stop = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        pieces += [m.group(1), text[m.end() : stop]]
    return [Cell(p.strip(), cell.line, cell.col) for p in pieces if p.strip()]


def _split_spaced_amount(cell: Cell) -> list[Cell]:
    """A cell ``label amount`` whose one separating space did not split it (项目资金（万元） 1,280.00).

    >>> [c.text for c in _split_spaced_amount(Cell("项目资金（万元）\u30001,280.00", 3, 2))]
    ['项目资金（万元）', '1,280.00']
    >>> [c.text for c in _split_spaced_amount(Cell("项目概况 2024年完成", 3, 2))]
    ['项目概况 2024年完成']
    """
    m = re.fullmatch(r"(\S{2,24})\s+(\S+)", cell.text.strip())
    if not m or not _known_label(m.group(1)) or parse_amount(m.group(2)) is None:
        return [cell]
    return [Cell(m.group(1), cell.line, cell.col), Cell(m.group(2), cell.line, cell.col)]


def _cells(row: Row) -> list[Cell]:
    """The non-empty cells of a row, ``label：value`` cells split in two."""
    return [piece for c in row.filled for piece in split_labelled(c)]


def _names_project(text: str) -> bool:
    """A line holding only the 项目名称 label, or 项目名称：<name>."""
    return _is_name(split_labelled(Cell(text.strip(), 0, 0))[0])


def _is_name(cell: Cell) -> bool:
    return labels().performance_fields.get(label_key(cell.text)) == _NAME


@dataclass
class PerformanceTable:
    """One project's performance table as read, before it is joined with the project list."""

    name: str  # line-wrap spaces removed
    name_as_written: str
    span: Span
    fields: dict[str, str] = field(default_factory=dict)  # overview, legal_basis, measures...
    field_spans: dict[str, Span] = field(default_factory=dict)
    amount_yuan: float | None = None  # 年度资金总额, in 元 whatever unit the table states
    impl_amount_yuan: float | None = None  # 实施期资金总额
    amount_unit: str | None = None  # the money unit the table states; None: none stated, 元 assumed
    kpis: list[Kpi] = field(default_factory=list)


@dataclass
class PerformanceReading:
    tables: list[PerformanceTable]
    department_kpis: list[Kpi]


def _is_start(rows: Sequence[tuple[int, Row]], i: int) -> bool:
    lab = labels()
    cells = _cells(rows[i][1])
    if not cells or not _is_name(cells[0]):
        return False
    if len(cells) > 1 and label_key(cells[1].text) in lab.total_row:
        return False  # the header of a project list (项目名称 合计 …)
    if len(cells) > 1 and _known_label(cells[1].text):
        return False  # a column header (项目名称 | 项目单位 | 年度绩效目标): a summary of many projects
    table = rows[i][0]
    for t, r in rows[i + 1 : i + 1 + _LOOKAHEAD]:
        if t != table:
            break
        if any(label_key(c.text) in lab.performance_evidence for c in _cells(r)):
            return True
    return False


def _first_field_row(rows: Sequence[tuple[int, Row]], tables: Sequence[Table], name: int, floor: int) -> int:
    """Where the project table whose 项目名称 row is ``name`` starts: at the first of the field
    rows right above it (主管部门, 项目属性, 项目资金… printed before 项目名称), else at ``name``.

    Going up stops at another table's title, a footer, a KPI header or another 项目名称
    (the previous table's end), at a row that is neither a label row nor the value of
    the label above it, and at a field the table names again below 项目名称 (such a
    field is the previous table's).
    """
    own = _fields_below(rows, name)
    first = name
    k = name - 1
    while k >= floor:
        ti, row = rows[k]
        if ti != rows[k + 1][0] and _titled(tables[rows[k + 1][0]]):
            break
        cells = _cells(row)
        if not cells or is_kpi_header(row) or labels().is_footer(cells[0].text) or _is_name(cells[0]):
            break
        fields = {f for c in cells if (f := _field_of(c.text)) is not None}
        if fields & own:
            break
        value_of_above = k > floor and rows[k - 1][0] == ti and _ends_with_label(rows[k - 1][1])
        if not (_known_label(cells[0].text) or not row.cells[0].text or value_of_above):
            break
        if fields:
            first = k
        k -= 1
    return first


def _fields_below(rows: Sequence[tuple[int, Row]], name: int) -> set[str]:
    """The fields a project table names from its 项目名称 row down to its KPI header."""
    out: set[str] = set()
    for ti, row in rows[name + 1 :]:
        if ti != rows[name][0] or is_kpi_header(row) or any(_is_name(c) for c in _cells(row)[:1]):
            break
        out.update(f for c in _cells(row) if (f := _field_of(c.text)) is not None)
    return out


def _ends_with_label(row: Row) -> bool:
    """A row whose last cell is a label: the next row (one cell per line) holds its value."""
    cells = _cells(row)
    return bool(cells) and (_known_label(cells[-1].text) or _known_label(row.filled[-1].text))


def _titled(table: Table) -> bool:
    """True when text between tables titles a new table, not a page's running header, a
    watermark, a unit line or a wrapped line of text (年度目标：…。) the export split off."""
    return any(is_table_title(line.text) for line in table.context)


def is_table_title(text: str) -> bool:
    """A short line without sentence punctuation that names a table or section.

    >>> is_table_title("2024年项目支出绩效目标表"), is_table_title("表5 政府采购预算表")
    (True, True)
    >>> is_table_title("年度目标：资助18万名以上人员参保，救助12万人次。"), is_table_title("单位：万元")
    (False, False)
    >>> is_table_title("某市某局2025年部门预算"), is_table_title("第 3 页")
    (False, False)
    """
    lay = _layout()
    compact = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    if not compact or len(compact) > lay.title_max or any(p in compact for p in lay.punctuation):
        return False
    return ends_table(text) or any(p.search(compact) for p in lay.table_names)


def single_cell_tables(lines: Sequence[Line], tables: Sequence[Table]) -> list[Table]:
    """Performance tables written one cell per line or as ``label：value`` lines, outside other tables.

    A project table starts at a line holding only 项目名称, or 项目名称：<name>, and ends
    at its footer line (负责人/填报日期), before the next such start, or before a line
    that titles a new table or section (…绩效目标表, 第X部分, 一、…). Rows of other
    tables inside it (a KPI grid in columns under ``label：value`` lines) become its
    rows; after such a grid only a footer still belongs to it. A run of KPI header
    words, one per line, outside those is a KPI block of its own (the department's);
    it ends at a footer, at the next table, or at text that is no cell (a sentence,
    a heading or a title).
    """
    lab = labels()
    rows_at = {n: r for t in tables for r in t.rows for n in r.lines}
    grids = {r.line for t in tables for r in t.rows if is_kpi_header(r)}
    names = [
        i
        for i, ln in enumerate(lines)
        if ln.no not in rows_at
        and _names_project(ln.text)
        and not _column_header(lines, i)
        and _evidence_follows(lines, i, rows_at)
    ]
    starts = [_first_field_line(lines, i, names[n - 1] + 1 if n else 0, rows_at) for n, i in enumerate(names)]
    out: list[Table] = []
    inside: set[int] = set()
    for n, start in enumerate(starts):
        limit = starts[n + 1] if n + 1 < len(starts) else len(lines)
        end = _project_end(lines, start, limit, rows_at, grids)
        inside.update(range(start, end))
        out.append(single_cell_table(lines, start, end, rows_at))
    for start in _header_runs(lines, set(rows_at) | {lines[i].no for i in inside}):
        end = start + 1
        goal = is_goal_word(lines[start].text)  # the goal column's text comes before the first level word
        while end < len(lines) and lines[end].no not in rows_at and end not in inside:
            text = lines[end].text.strip()
            goal = goal and lab.level(text) is None
            if (_SENTENCE.search(text) and not goal) or ends_table(text):
                break
            end += 1
            if lab.is_footer(text):
                break
        out.append(single_cell_table(lines, start, end))
    return out


def _first_field_line(lines: Sequence[Line], name: int, floor: int, rows_at: dict[int, Row]) -> int:
    """Where a one-cell-per-line project table starts: at the first field label of the lines right
    above its 项目名称 line (fields printed before the name), else at ``name``.

    As :func:`_first_field_row`: going up stops at a title, a footer, a KPI word, a row of
    another table, a line that is neither a label nor the value of the label above it, and
    at a field the table names again below its 项目名称.
    """
    lab = labels()
    texts = [i for i in range(floor, name) if not is_gap(lines[i])]
    own = _fields_after(lines, name, rows_at)
    first = name
    for pos in range(len(texts) - 1, -1, -1):
        i = texts[pos]
        text = lines[i].text.strip()
        key = label_key(text)
        if lines[i].no in rows_at or ends_table(text) or lab.is_footer(text) or _names_project(text):
            break
        if key in lab.kpi_header or key in lab.kpi_block or lab.level(text) is not None:
            break
        field_name = _field_of(text)
        if field_name in own:
            break
        value = pos > 0 and _known_label(lines[texts[pos - 1]].text.strip())
        if not (_known_label(text) or value):
            break
        if field_name is not None:
            first = i
    return first


def _fields_after(lines: Sequence[Line], name: int, rows_at: dict[int, Row]) -> set[str]:
    """The fields named on the lines after a 项目名称 line, up to a KPI word or another table's row."""
    lab = labels()
    out: set[str] = set()
    for line in lines[name + 1 :]:
        key = label_key(line.text)
        if line.no in rows_at or key in lab.kpi_header or key in lab.kpi_block or _names_project(line.text):
            break
        if (f := _field_of(line.text.strip())) is not None:
            out.add(f)
    return out


def _column_header(lines: Sequence[Line], start: int) -> bool:
    """A 项目名称 line followed straight by another label (项目单位, 年度绩效目标): the column
    header of a summary table listing many projects, not one project's table (its name has no value)."""
    if label_key(lines[start].text) not in labels().performance_fields:
        return False  # 项目名称：<name>
    after = next((ln for ln in lines[start + 1 :] if not is_gap(ln)), None)
    return after is not None and _known_label(after.text.strip())


def _evidence_follows(lines: Sequence[Line], start: int, rows_at: dict[int, Row]) -> bool:
    """Other field labels (实施单位, 立项依据…) within a few lines: a project table, not a stray line."""
    evidence = labels().performance_evidence
    near = (lines[k] for k in range(start + 1, len(lines)) if not is_gap(lines[k]))
    for line in islice(near, _LOOKAHEAD):
        row = rows_at.get(line.no) or Row(line.no, (Cell(line.text.strip(), line.no, 0),), "single")
        if any(label_key(c.text) in evidence for c in _cells(row)):
            return True
    return False


def _project_end(
    lines: Sequence[Line], start: int, limit: int, rows_at: dict[int, Row], grids: set[int]
) -> int:
    """Index after the last line of the project table starting at ``start`` (see single_cell_tables)."""
    lab = labels()
    kpis = grid = False  # the KPI block has begun; it is a grid of another table
    after_label = label_key(lines[start].text) in lab.performance_fields
    end = start + 1
    for i in range(start + 1, limit):
        line = lines[i]
        if line.no in rows_at:
            if kpis and not grid:
                break  # a one-cell-per-line KPI block ends where another table starts
            grid = grid or line.no in grids
            kpis = kpis or grid
            end = i + 1
            continue
        if is_gap(line):
            continue
        text = line.text
        if grid:  # after a KPI grid, only its footer still belongs to the table
            end = i + 1 if lab.is_footer(text) else end
            break
        if not after_label and ends_table(text):
            break  # a title; a value right after its label may look like one and is kept
        end = i + 1
        if lab.is_footer(text):
            break
        key = label_key(text)
        kpis = kpis or key in lab.kpi_header
        after_label = key in lab.performance_fields
    return end


def _header_runs(lines: Sequence[Line], skip: set[int]) -> list[int]:
    """Indexes of lines starting a run of three or more KPI header words, one per line."""
    header = labels().kpi_header
    texts = [(i, ln) for i, ln in enumerate(lines) if not ln.blank and ln.no not in skip]
    out: list[int] = []
    k = 0
    while k < len(texts):
        m = k
        while m < len(texts) and label_key(texts[m][1].text) in header:
            m += 1
        if m - k >= 3:
            # a 年度目标 column word right before the header words is the table's first column
            goal = k > 0 and is_goal_word(texts[k - 1][1].text)
            out.append(texts[k - 1 if goal else k][0])
            k = m
        else:
            k += 1
    return out


def is_goal_word(text: str) -> bool:
    """A cell naming a goal-text column (年度目标, 绩效目标): text, never a KPI column, when it
    comes before 一级指标.

    >>> is_goal_word("年度目标"), is_goal_word("一级指标"), is_goal_word("年度目标：完成…")
    (True, False, False)
    """
    return label_key(text) in labels().performance_fields and _field_of(text) == "goals"


def _merge_header_runs(rows: list[tuple[int, Row]]) -> list[tuple[int, Row]]:
    """Consecutive one-cell rows of KPI header words (一级指标/二级指标…) become one header row,
    with the column words that follow them (指标值说明, 评（扣）分标准) and a goal-column word
    (年度目标) right before them."""
    header = labels().kpi_header
    out: list[tuple[int, Row]] = []
    i = 0
    while i < len(rows):
        j = i
        while j < len(rows) and len(rows[j][1].filled) == 1 and label_key(rows[j][1].first) in header:
            j += 1
        if j - i >= 3:
            # the header goes on with other columns' words (指标值说明, 评（扣）分标准, 权重)
            while j < len(rows) and len(rows[j][1].filled) == 1 and is_column_word(rows[j][1].first):
                j += 1
            if out and i > 0 and out[-1] == rows[i - 1] and _lone_goal_word(rows[i - 1], rows[i][0]):
                out.pop()
                i -= 1
            cells = tuple(replace(rows[k][1].filled[0], col=k - i) for k in range(i, j))
            out.append((rows[i][0], Row(rows[i][1].line, cells, rows[i][1].layout)))
            i = j
        else:
            out.append(rows[i])
            i += 1
    return out


def _lone_goal_word(row: tuple[int, Row], table: int) -> bool:
    """A one-cell row of the same table holding only a goal-column word (年度目标)."""
    return row[0] == table and len(row[1].filled) == 1 and is_goal_word(row[1].first)


def without_goal_column(header: Row, rows: Sequence[Row]) -> tuple[Row, list[Row]]:
    """A KPI header and its rows without a leading goal-text column (年度目标 | 一级指标 | …).

    A department table may open with its year's goal, a long text in the first row only:
    that column is no KPI column. In a grid its cells are dropped by column; one cell per
    line, the text is the lines before the first level word (产出指标).
    """
    lead = [c for c in header.filled if is_goal_word(c.text)]
    rest = [c for c in header.filled if not is_goal_word(c.text)]
    if not lead or not rest or max(c.col for c in lead) > rest[0].col:
        return header, list(rows)
    first = rest[0].col
    kept = Row(header.line, tuple(c for c in header.cells if c.col >= first), header.layout, header.through)
    out: list[Row] = []
    leading = True  # still before the first level word, where a one-cell goal text sits
    for row in rows:
        if row.layout == "single" and len(row.filled) <= 1:
            leading = leading and (not row.filled or labels().level(row.first) is None)
            if not leading:
                out.append(row)
            continue
        leading = False
        # a level word left of the KPI columns is a row the export shifted, not goal text
        cells = tuple(c for c in row.cells if c.col >= first or labels().level(c.text) is not None)
        if any(c.text.strip() for c in cells):
            out.append(replace(row, cells=cells))
    return kept, out


def read_performance(
    tables: Sequence[Table], report: Report, last_line: int | None = None
) -> PerformanceReading:
    """Every project performance table and the department KPIs, in document order.

    ``last_line`` is the document's last line with text: a table without a footer that runs
    to it may have been cut short, and is reported so.
    """
    lab = labels()
    rows = _merge_header_runs(_unique_rows(tables))
    names = [i for i in range(len(rows)) if _is_start(rows, i)]
    starts = [_first_field_row(rows, tables, i, names[n - 1] + 1 if n else 0) for n, i in enumerate(names)]
    out: list[PerformanceTable] = []
    claimed: set[int] = set()
    for n, start in enumerate(starts):
        limit = starts[n + 1] if n + 1 < len(starts) else len(rows)
        end = start + 1
        footer = False
        while end < limit:
            ti, row = rows[end]
            if ti != rows[end - 1][0] and _titled(tables[ti]):
                break
            end += 1
            if row.filled and lab.is_footer(row.filled[0].text):
                footer = True
                break
        claimed.update(range(start, end))
        context = [line.text for line in tables[rows[start][0]].context] + _rows_above(rows, start)
        table = _read_table([r for _t, r in rows[start:end]], report, context)
        if not footer and end == len(rows) and (last_line is None or table.span.end >= last_line):
            report.add(
                "warning", f"performance table {table.name!r} ends with the document (cut short?)", table.span
            )
        if table.name:  # a table without a readable 项目名称 is reported (unparsed), never a project
            out.append(table)
    department = _department_kpis(rows, claimed, report)
    return PerformanceReading(out, department)


def _rows_above(rows: Sequence[tuple[int, Row]], start: int) -> list[str]:
    """The texts of the rows right above a table's 项目名称 row in its own table, read as context.

    A ``填报单位：…  单位：万元`` row often heads the grid itself (up to two rows count);
    only the unit such a row states is read from it.
    """
    out: list[str] = []
    for k in range(start - 1, max(start - 3, -1), -1):
        if rows[k][0] != rows[start][0] or is_kpi_header(rows[k][1]):
            break
        out.insert(0, " ".join(c.text for c in rows[k][1].filled))
    return out


def _unique_rows(tables: Sequence[Table]) -> list[tuple[int, Row]]:
    """Every row with its table's index, in table order; a line already read is not read again.

    A one-cell-per-line table keeps the rows of a grid it took in (see
    :func:`single_cell_tables`), and the grid's own table then adds nothing.
    """
    seen: set[int] = set()
    out: list[tuple[int, Row]] = []
    for ti, table in enumerate(tables):
        for row in table.rows:
            if row.line not in seen:
                seen.add(row.line)
                out.append((ti, row))
    return out


def _joined(before: str, after: str) -> str:
    """A value and the line its text wrapped onto, joined as one text."""
    ascii_edge = before[-1:].isascii() and after[:1].isascii()
    return f"{before} {after}" if ascii_edge else before + after


@dataclass
class _Amounts:
    """The funding rows of a table as read: amounts as written, units and 决算 column headers."""

    values: dict[str, float] = field(default_factory=dict)  # field -> number as written
    label_units: dict[str, str] = field(default_factory=dict)  # field -> unit its own label states
    table_unit: str | None = None  # a unit any other funding label or unit cell states
    columns: list[tuple[int, int | None]] = field(default_factory=list)  # (col, preference) per header

    def note_header(self, cell: Cell) -> bool:
        """Record an amount column header (年初预算数, 全年预算数, 全年执行数); True when it is one."""
        key = _base_key(cell.text)
        lay = _layout()
        rank = next((k for k, group in enumerate(lay.amount_columns) if key in group), None)
        if rank is None and key not in lay.other_columns:
            return False
        self.columns.append((cell.col, rank))
        return True

    def choice(self) -> tuple[int, int] | None:
        """(ordinal, column) of the preferred budget column among the headers seen: 全年预算数, else 年初预算数."""
        ranked = [(rank, k, col) for k, (col, rank) in enumerate(self.columns) if rank is not None]
        if not ranked:
            return None
        _rank, ordinal, col = min(ranked)
        return ordinal, col

    def yuan(self, name: str, context_unit: str | None) -> tuple[float | None, str | None]:
        """The amount of a field in 元, and the unit the table stated for it (None: 元 assumed)."""
        value = self.values.get(name)
        unit = self.label_units.get(name) or self.table_unit or context_unit
        if value is None:
            return None, unit
        return round(value * _layout().units.get(unit or "", 1.0), 2), unit


def _note_unit(money: _Amounts, text: str, name: str | None) -> None:
    """Record the unit a label cell (年度资金总额（万元）, 项目资金（万元）, 年初预算数（万元）) or a
    unit cell (单位：万元) states; a value's own brackets (一期（元）) state none."""
    unit = money_unit(text)
    if unit and name in _AMOUNT_FIELDS:
        money.label_units.setdefault(name, unit)
        return
    base = _base_key(text)
    lay = _layout()
    is_label = (
        name is not None
        or base in labels().performance_fields
        or base in labels().performance_funding
        or label_key(text) in labels().performance_ignored
        or base.startswith("其中")
        or base in lay.other_columns
        or any(base in group for group in lay.amount_columns)
    )
    unit = (unit if is_label else None) or stated_unit(text)
    if unit and money.table_unit is None:
        money.table_unit = unit


def _pick_in_row(row: Row, label: Cell, col: int) -> float | None:
    """The amount in column ``col`` of the label's own row, when the row has it."""
    if col <= label.col:
        return None
    cell = next((c for c in row.cells if c.col == col), None)
    return parse_amount(cell.text) if cell is not None else None


def _read_table(rows: list[Row], report: Report, context: Sequence[str] = ()) -> PerformanceTable:
    lab = labels()
    header_at = next((i for i, r in enumerate(rows) if is_kpi_header(r)), len(rows))
    fields: dict[str, str] = {}
    spans: dict[str, Span] = {}
    money = _Amounts()
    skip = 0  # amounts to pass over before the preferred column's (a 决算 row read in order)
    pending: str | None = None
    wrapped: str | None = None  # a 'label：value' line's field, which the next plain line may continue
    by_bracket = False  # wrapped only because its value left a bracket open
    columns: dict[int, str] = {}  # column -> amount field, from a header row 实施期资金总额 | 年度资金总额
    for row in rows[:header_at]:
        cells = _cells(row)
        labelled = len(cells) > len(row.filled)
        if head := _amount_header(cells):
            columns, pending, wrapped = head, None, None
            for cell in cells:
                _note_unit(money, cell.text, _field_of(cell.text))
            continue
        if columns and any(_field_of(c.text) not in (None, *_AMOUNT_FIELDS) for c in cells):
            columns = {}  # the block ended without a row of amounts
        if columns:
            found = _column_amounts(row, columns)
            if found:
                for name, amount in found.items():
                    money.values.setdefault(name, amount)
                columns = {}
                continue
        for cell in cells:
            key = label_key(cell.text)
            name = _field_of(cell.text)
            _note_unit(money, cell.text, name)
            if name is not None:
                pending, wrapped = name, None
                if name == "annual_total" and (choice := money.choice()) is not None:
                    picked = _pick_in_row(row, cell, choice[1])
                    if picked is not None and name not in money.values:
                        money.values[name], pending = picked, None
                    skip = choice[0]
                continue
            if key in lab.performance_ignored or key.startswith("其中") or money.note_header(cell):
                pending = wrapped = None
                continue
            if _base_key(cell.text) in lab.performance_funding:
                # a row-group label (资金情况（万元）): its unit is noted; an amount field's value may follow
                pending = pending if pending in _AMOUNT_FIELDS else None
                wrapped = None
                continue
            if pending is None:
                if wrapped and len(cells) == 1 and row.layout == "single" and _continues(cell.text):
                    fields[wrapped] = _joined(fields[wrapped], cell.text)
                    spans[wrapped] = spans[wrapped].union(Span(cell.line, cell.line))
                    if by_bracket and open_brackets(fields[wrapped]) <= 0:
                        wrapped = None  # the bracket the value left open is closed: its wrap ends
                else:
                    wrapped = None
                continue
            if pending in _AMOUNT_FIELDS:
                amount = parse_amount(cell.text)
                if amount is not None and pending == "annual_total" and skip:
                    skip -= 1
                elif amount is not None and pending not in money.values:
                    money.values[pending] = amount
                    pending = None
                continue
            if pending not in fields:
                fields[pending] = cell.text
                spans[pending] = Span(cell.line, cell.line)
                # a one-cell line may wrap onto the next: after 'label：value', or inside an open 《 or （
                by_bracket = open_brackets(cell.text) > 0
                by_label = labelled and pending != _NAME
                wrapped = pending if row.layout == "single" and (by_label or by_bracket) else None
                by_bracket = by_bracket and not by_label
            pending = None
    written = fields.pop(_NAME, "")
    name_span = spans.pop(_NAME, Span(rows[0].line, rows[0].line))
    kpis: list[Kpi] = []
    if header_at < len(rows):
        header, body = without_goal_column(rows[header_at], rows[header_at + 1 :])
        kpis = read_kpi_rows(body, two_groups(header), report)
    span = Span(rows[0].line, rows[-1].line)
    if not written:
        report.add("unparsed", "performance table without a readable 项目名称", span)
    context_unit = next((u for u in map(stated_unit, context) if u), None)
    annual, unit = money.yuan("annual_total", context_unit)
    impl, _unit = money.yuan("impl_total", context_unit)
    if unit and unit != "元" and annual is not None:
        report.add(
            "info",
            f"performance table {written!r}: 年度资金总额 {money.values['annual_total']:g} {unit} read as {annual:.2f}元",
            span,
        )
    return PerformanceTable(
        name=join_wrapped(written),
        name_as_written=written,
        span=span.union(name_span),
        fields=fields,
        field_spans=spans,
        amount_yuan=annual,
        impl_amount_yuan=impl,
        amount_unit=unit,
        kpis=kpis,
    )


def _amount_header(cells: Sequence[Cell]) -> dict[int, str]:
    """Column -> amount field for a funding block laid out as column headers
    (项目资金（元） | 实施期资金总额 | 年度资金总额, no amount in the row); empty for any other row.

    The first cell is the block's row label (项目资金 names a field too), so only later
    cells count, and two different amount fields must head columns.

    >>> _amount_header([Cell("项目资金（元）", 1, 0), Cell("实施期资金总额", 1, 2), Cell("年度资金总额", 1, 3)])
    {2: 'impl_total', 3: 'annual_total'}
    >>> _amount_header([Cell("年度资金总额", 1, 0), Cell("实施期资金总额", 1, 1), Cell("120.00", 1, 2)])
    {}
    """
    if any(parse_amount(c.text) is not None for c in cells):
        return {}
    heads = {c.col: name for c in cells[1:] if (name := _field_of(c.text)) in _AMOUNT_FIELDS}
    return heads if len(set(heads.values())) >= 2 else {}


def _column_amounts(row: Row, columns: dict[int, str]) -> dict[str, float]:
    """The amounts of a funding row under its header columns: by column position, else, when the
    export dropped empty cells, the row's amounts in header order if there are as many.

    >>> row = Row(2, (Cell("", 2, 0), Cell("资金总额", 2, 1), Cell("19 200 000.00", 2, 2), Cell("6 820 000.00", 2, 3)), "tab")
    >>> _column_amounts(row, {2: "impl_total", 3: "annual_total"})
    {'impl_total': 19200000.0, 'annual_total': 6820000.0}
    """
    at = {c.col: parse_amount(c.text) for c in row.cells}
    found = {name: v for col, name in columns.items() if (v := at.get(col)) is not None}
    if found:
        return found
    amounts = [v for c in row.filled if (v := parse_amount(c.text)) is not None]
    if len(amounts) == len(columns):
        return dict(zip((columns[c] for c in sorted(columns)), amounts, strict=True))
    return {}


def _continues(text: str) -> bool:
    """A plain line that may continue the value above: no label of its own (单位：元, 注：…, 绩效指标)."""
    lab = labels()
    key = label_key(text)
    if _LABELLED.match(text) or key in lab.kpi_header or key in lab.kpi_block:
        return False
    return lab.level(key) is None and not lab.is_footer(text)


def _department_kpis(rows: Sequence[tuple[int, Row]], claimed: set[int], report: Report) -> list[Kpi]:
    lab = labels()
    out: list[Kpi] = []
    i = 0
    while i < len(rows):
        ti, row = rows[i]
        if i in claimed or not is_kpi_header(row):
            i += 1
            continue
        j = i + 1
        while j < len(rows) and j not in claimed and rows[j][0] == ti:
            first = _cells(rows[j][1])
            if first and (lab.is_footer(first[0].text) or _is_name(first[0])):
                break
            j += 1
        header, body = without_goal_column(row, [r for _t, r in rows[i + 1 : j]])
        out.extend(read_kpi_rows(body, two_groups(header), report))
        i = j
    return out
