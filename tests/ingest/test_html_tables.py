"""HTML tables of PDF-to-markdown exports (MinerU, marker): pipe rows on their source lines."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from budgetkg.ingest.citations import find_citations
from budgetkg.ingest.html_tables import (
    LineMap,
    expand_html_tables,
    expand_html_text,
    join_cell_lines,
    remap_spans,
    table_rows,
)
from budgetkg.ingest.lines import load_lines
from budgetkg.ingest.performance import PerformanceReading, read_performance, single_cell_tables
from budgetkg.ingest.records import Finding, Report, Span
from budgetkg.ingest.tables import read_tables


def _cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().strip("|").split("|")]


# -- one-line tables: merged cells ------------------------------------------------------

ONE_LINE = (
    "## 表二 支出预算总表\n"
    "\n"
    '<html><body><table><tr><td rowspan="2">科目编码</td><td rowspan="2">科目名称</td>'
    '<td colspan="2">本年预算</td></tr><tr><td>基本支出</td><td>项目支出</td></tr>'
    "<tr><td>201</td><td>一般公共服务支出</td><td>80.50</td><td>12.00</td></tr></table></body></html>\n"
    "\n"
    "正文继续。"
)


def test_one_line_table_expands_on_its_line_with_spans_as_empty_cells() -> None:
    pairs = expand_html_tables(ONE_LINE)
    assert pairs == [
        (1, "## 表二 支出预算总表"),
        (2, ""),
        (3, "| 科目编码 | 科目名称 | 本年预算 |  |"),
        (3, "|  |  | 基本支出 | 项目支出 |"),
        (3, "| 201 | 一般公共服务支出 | 80.50 | 12.00 |"),
        (4, ""),
        (5, "正文继续。"),
    ]


def test_level_labels_are_written_once_with_empty_cells_below() -> None:
    rows = table_rows(
        '<table><tr><td rowspan="3">产出指标</td><td rowspan="2">数量指标</td><td>培训人次</td><td>≥500人次</td></tr>'
        "<tr><td>覆盖乡镇</td><td>12个</td></tr>"
        "<tr><td>时效指标</td><td>完成时间</td><td>年底前</td></tr></table>"
    )
    assert [_cells(r) for _, r in rows] == [
        ["产出指标", "数量指标", "培训人次", "≥500人次"],
        ["", "", "覆盖乡镇", "12个"],
        ["", "时效指标", "完成时间", "年底前"],
    ]


def test_rows_of_spans_only_are_dropped_and_short_rows_padded() -> None:
    rows = table_rows(
        '<table><tr><td rowspan="2">单位</td><td rowspan="2">金额</td></tr><tr></tr><tr><td>甲局</td></tr></table>'
    )
    assert [r for _, r in rows] == ["| 单位 | 金额 |", "| 甲局 |  |"]


# -- multi-line tables: thead/th/tbody, attributes, entities ----------------------------

MULTI_LINE = """表4 项目支出预算表
<table border="1" class="t">
  <thead>
    <tr><th rowspan=2>单位名称</th><th rowspan="2">项目名称</th><th colspan='2' style="x">财政拨款</th></tr>
    <tr><th>一般公共预算</th><th>政府性基金</th></tr>
  </thead>
  <tbody>
    <tr><td rowspan="2">某县农业农村局</td><td>高标准农田&nbsp;建设</td><td>1,200.00</td><td></td></tr>
    <tr>
      <td>种子&lt;良种&gt;补贴 &amp; 推广</td>
      <td>&nbsp;</td><td>35.60</td>
    </tr>
  </tbody>
</table>
单位：万元"""


def test_multi_line_table_rows_carry_the_line_of_their_tr() -> None:
    pairs = expand_html_tables(MULTI_LINE)
    assert pairs == [
        (1, "表4 项目支出预算表"),
        (4, "| 单位名称 | 项目名称 | 财政拨款 |  |"),
        (5, "|  |  | 一般公共预算 | 政府性基金 |"),
        (8, "| 某县农业农村局 | 高标准农田 建设 | 1,200.00 |  |"),
        (9, "|  | 种子<良种>补贴 & 推广 |  | 35.60 |"),
        (15, "单位：万元"),
    ]


def test_text_beside_a_table_stays_and_crlf_numbering_matches_splitlines() -> None:
    text = "前言\r\n表1<table><tr><td>甲</td></tr></table>（续）\r\n\r\n<table>\r\n<tr><td>乙|丙</td></tr>\r\n</table>\r\n"
    assert expand_html_tables(text) == [
        (1, "前言"),
        (2, "表1"),
        (2, "| 甲 |"),
        (2, "（续）"),
        (3, ""),
        (5, "| 乙｜丙 |"),
    ]


def test_a_document_without_tables_is_returned_line_for_line() -> None:
    text = "第一行\n\n  第三行 <b>粗</b>\n<tablet>不是表格</tablet>\n"
    assert expand_html_tables(text) == list(enumerate(text.splitlines(), 1))
    out, line_map = expand_html_text(text)
    assert out is text and line_map == LineMap((), 4)


def test_unclosed_nested_and_row_less_tables() -> None:
    assert expand_html_tables("<table><tr><td>甲") == [(1, "<table><tr><td>甲")]  # unclosed: left as text
    nested = (
        "<table><tr><td>外<table><tr><td>内一</td><td>内二</td></tr></table></td><td>1.00</td></tr></table>"
    )
    assert expand_html_tables(nested) == [(1, "| 外 内一 内二 | 1.00 |")]
    assert expand_html_tables("<table><caption>表3 三公经费</caption><td>合计</td><td>9.00</td></table>") == [
        (1, "表3 三公经费"),
        (1, "| 合计 | 9.00 |"),
    ]


# -- <br> inside a cell ----------------------------------------------------------------


def test_br_between_items_keeps_two_citations() -> None:
    pairs = expand_html_tables(
        "<table><tr><td>立项依据</td><td>《某省职业技能提升行动实施方案》<br/>某财社〔2022〕12号文件精神</td></tr></table>"
    )
    text = _cells(pairs[0][1])[1]
    assert text == "《某省职业技能提升行动实施方案》；某财社〔2022〕12号文件精神"
    found = find_citations(text, "legal_basis", Span(1, 1))
    assert [(c.title, c.doc_number) for c in found] == [
        ("某省职业技能提升行动实施方案", None),
        (None, "某财社〔2022〕12号"),
    ]


def test_br_as_a_wrapped_line_joins_the_words() -> None:
    assert join_cell_lines(["农村饮水安全", "巩固提升工程"]) == "农村饮水安全巩固提升工程"
    assert join_cell_lines(["GB/T", "37668-2019"]) == "GB/T 37668-2019"
    assert (
        join_cell_lines(["某财农〔2021〕8号", "关于下达资金的通知"])
        == "某财农〔2021〕8号；关于下达资金的通知"
    )
    assert join_cell_lines(["1.开展培训；", "2.组织考核"]) == "1.开展培训；2.组织考核"
    assert join_cell_lines(["开展培训", "2.组织考核"]) == "开展培训；2.组织考核"
    assert join_cell_lines(["≥1.6", "万人"]) == "≥1.6万人"


# -- end to end: a performance table read from HTML, spans back on source lines ----------

PERFORMANCE = (
    "项目支出绩效目标表\n"
    '<table><tr><td>项目名称</td><td colspan="3">乡村道路养护经费</td></tr>'
    '<tr><td>主管部门</td><td colspan="3">某县交通运输局</td></tr>'
    '<tr><td rowspan="2">项目资金（万元）</td><td colspan="2">年度资金总额</td><td>50.00</td></tr>'
    '<tr><td colspan="2">其中：财政拨款</td><td>50.00</td></tr>'
    '<tr><td>立项依据</td><td colspan="3">《公路法》<br>某交发〔2023〕5号</td></tr>'
    '<tr><td>年度绩效目标</td><td colspan="3">完成县乡道路日常养护。</td></tr>'
    '<tr><td rowspan="4">绩效指标</td><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>'
    '<tr><td rowspan="2">产出指标</td><td>数量指标</td><td>养护里程</td><td>≥120公里</td></tr>'
    "<tr><td>质量指标</td><td>路面完好率</td><td>≥85%</td></tr>"
    "<tr><td>满意度指标</td><td>服务对象满意度</td><td>群众满意度</td><td>≥90%</td></tr></table>\n"
    "以上为绩效目标。"
)


def _read(text: str) -> PerformanceReading:
    lines, _ = load_lines(text)
    tables = read_tables(lines)
    tables = sorted([*tables, *single_cell_tables(lines, tables)], key=lambda t: t.rows[0].line)
    return read_performance(tables, Report(doc="synthetic.txt"))


def test_performance_table_in_html_is_read_and_spans_map_back() -> None:
    text, line_map = expand_html_text(PERFORMANCE)
    assert line_map.source_count == 3 and len(text.splitlines()) == 12
    reading = _read(text)
    (table,) = reading.tables
    assert table.name == "乡村道路养护经费"
    assert table.amount_yuan == 500000.0
    assert [(k.level1, k.level2, k.name, k.value.raw) for k in table.kpis] == [
        ("产出指标", "数量指标", "养护里程", "≥120公里"),
        ("产出指标", "质量指标", "路面完好率", "≥85%"),
        ("满意度指标", "服务对象满意度", "群众满意度", "≥90%"),
    ]
    kpis = remap_spans(table.kpis, line_map)
    assert {k.span for k in kpis} == {Span(2, 2)}
    assert remap_spans(table.span, line_map) == Span(2, 2)
    assert remap_spans([Finding("info", "x", Span(12, 12))], line_map) == [Finding("info", "x", Span(3, 3))]


# -- properties --------------------------------------------------------------------------

_WORD = st.text(alphabet="甲乙丙丁预算项目资金0123456789.%≥", min_size=1, max_size=6)
_CELL = st.tuples(st.one_of(st.just(""), _WORD), st.integers(1, 3), st.integers(1, 3))


@given(st.lists(st.lists(_CELL, min_size=1, max_size=4), min_size=1, max_size=5), st.booleans())
def test_every_cell_text_comes_out_once_in_reading_order(
    rows: list[list[tuple[str, int, int]]], split: bool
) -> None:
    sep = "\n" if split else ""
    body = sep.join(
        "<tr>"
        + "".join(f'<td rowspan="{r}" colspan="{c}">{html.escape(t)}</td>' for t, r, c in row)
        + "</tr>"
        for row in rows
    )
    pairs = expand_html_tables(f"前\n<table>{sep}{body}{sep}</table>\n后")
    assert pairs[0] == (1, "前") and pairs[-1][1] == "后"
    grid = [_cells(t) for _, t in pairs[1:-1]]
    assert len({len(r) for r in grid}) <= 1  # one width for the whole table
    assert [c for r in grid for c in r if c] == [t for row in rows for t, _, _ in row if t]
    numbers = [no for no, _ in pairs]
    assert numbers == sorted(numbers) and pairs[-1][0] == (len(rows) + 4 if split else 3)


@given(st.text(alphabet=st.characters(blacklist_characters="<"), max_size=200))
def test_text_without_markup_is_untouched(text: str) -> None:
    assert expand_html_tables(text) == list(enumerate(text.splitlines(), 1))
    out, line_map = expand_html_text(text)
    assert out == text and not line_map.origin
