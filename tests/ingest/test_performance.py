"""Performance tables: fields by label words, KPI rows by cell roles, clipped names completed."""

from __future__ import annotations

from ingest_corpus import MANY_PROJECTS_DOC, PIPE_DOC, TAB_HEADINGS_DOC, WATERMARK_DOC

from budgetkg.ingest.lines import load_lines
from budgetkg.ingest.performance import PerformanceReading, read_performance, single_cell_tables
from budgetkg.ingest.records import Report
from budgetkg.ingest.tables import read_tables


def _read(path) -> PerformanceReading:  # type: ignore[no-untyped-def]
    lines, _ = load_lines(path.read_text(encoding="utf-8"))
    return read_performance(read_tables(lines), Report(doc=path.name))


def test_pipe_tables_fields_and_amounts() -> None:
    reading = _read(PIPE_DOC)
    assert len(reading.tables) == 17
    by_name = {t.name: t for t in reading.tables}
    t = by_name["J残疾人就业保障金"]
    assert t.amount_yuan == 42157
    assert t.fields["implementing_unit"] == "大同市信访局"
    assert t.fields["attribute"] == "经常性项目（长期开展）"
    assert t.fields["period"] == "99年"
    assert t.fields["legal_basis"] == "依照往年情况设立"
    # 实施期资金总额 0 but 年度资金总额 9,548.78: the annual total is the project's amount
    assert by_name["J残疾人保障金"].amount_yuan == 9548.78
    assert by_name["J残疾人保障金"].impl_amount_yuan == 0


def test_clipped_annual_names_are_completed_from_the_implementation_column() -> None:
    t = next(t for t in _read(PIPE_DOC).tables if t.name == "J残疾人就业保障金")
    annual = [k for k in t.kpis if k.column == "annual"]
    first = annual[0]
    assert first.name == "残疾人就业补助次数"
    assert first.name_as_written == "残疾人就业补助次"
    assert first.value.raw == "≤1次"
    assert (first.level1, first.level2) == ("产出指标", "数量指标")
    assert len([k for k in t.kpis if k.column == "implementation"]) == 6


def test_shifted_and_merged_cost_rows_are_realigned() -> None:
    t = next(t for t in _read(PIPE_DOC).tables if t.name == "Z物业管理费")
    costs = {(k.name, k.value.raw) for k in t.kpis if k.level2 == "成本指标"}
    assert {
        ("保洁维修费用", "≤12.6万"),
        ("其他费用", "≤8.4万"),
        ("会议服务费用", "≤6万"),
        ("门岗值守费用", "≤43万"),
    } <= costs


def test_department_kpis_come_from_the_block_outside_project_tables() -> None:
    kpis = _read(PIPE_DOC).department_kpis
    assert len(kpis) == 24
    assert ("访求件按期办理答复率", "≥98%") in {(k.name, k.value.raw) for k in kpis}
    assert ("信访工作项目支出成本", "≤445.36万元") in {(k.name, k.value.raw) for k in kpis}


def test_department_rows_whose_trailing_tabs_were_trimmed_are_kept() -> None:
    kpis = _read(WATERMARK_DOC).department_kpis
    pairs = {(k.name, k.value.raw) for k in kpis}
    assert {("人才队伍建设", "完善"), ("应急响应机制有效性", "有效"), ("机关人员满意度", "≥90%")} <= pairs


def test_tab_tables_with_a_label_used_as_the_kpi_name() -> None:
    t = next(t for t in _read(TAB_HEADINGS_DOC).tables if t.name == "信访信息系统运行维护费")
    assert ("服务对象满意度", "≥98%") in {(k.name, k.value.raw) for k in t.kpis}


def test_a_table_that_appears_twice_is_read_twice_and_the_second_has_no_kpis() -> None:
    tables = [t for t in _read(MANY_PROJECTS_DOC).tables if "接诉即办" in t.name]
    assert len(tables) == 2
    assert len(tables[0].kpis) > 10 and tables[1].kpis == []
    assert tables[0].amount_yuan == tables[1].amount_yuan == 1420000


ONE_CELL_PER_LINE = """某县信访局2025年部门预算公开
项目支出绩效目标表
项目名称
信访维稳经费
实施单位
某县信访局
年度资金总额：
120,000
立项依据
《信访工作条例》
一级指标
二级指标
三级指标
指标值
产出指标
数量指标
接待来访人次
≥100人次
满意度指标
服务对象满意度
群众满意度
≥90%
负责人：
"""

SPACE_ALIGNED = """项目支出绩效目标表

项目名称      网格化管理经费
实施单位      某市财政局        项目属性    经常性项目
年度资金总额   50,000
绩效指标   一级指标   二级指标   三级指标   指标值   二级指标   三级指标   指标值
           产出指标   数量指标   网格巡查次数统计   ≥12次   数量指标   网格巡查次   ≥12次
                                 质量指标   巡查覆盖率   100%   质量指标   巡查覆盖率   100%
负责人：   经办人：
"""


def _read_text(text: str) -> PerformanceReading:
    lines, _ = load_lines(text)
    tables = read_tables(lines)
    tables = sorted([*tables, *single_cell_tables(lines, tables)], key=lambda t: t.rows[0].line)
    return read_performance(tables, Report(doc="synthetic.txt"))


def test_one_cell_per_line_table() -> None:
    (t,) = _read_text(ONE_CELL_PER_LINE).tables
    assert (t.name, t.amount_yuan, t.fields["implementing_unit"]) == ("信访维稳经费", 120000, "某县信访局")
    assert [(k.level2, k.name, k.value.raw) for k in t.kpis] == [
        ("数量指标", "接待来访人次", "≥100人次"),
        ("服务对象满意度", "群众满意度", "≥90%"),
    ]
    assert t.kpis[0].span.start == 17 and t.kpis[0].span.end == 18


def test_space_aligned_table_with_two_column_groups() -> None:
    (t,) = _read_text(SPACE_ALIGNED).tables
    assert (t.name, t.fields["attribute"], t.amount_yuan) == ("网格化管理经费", "经常性项目", 50000)
    annual = [k for k in t.kpis if k.column == "annual"]
    assert [(k.name, k.name_as_written) for k in annual] == [
        ("网格巡查次数统计", "网格巡查次"),
        ("巡查覆盖率", None),
    ]
