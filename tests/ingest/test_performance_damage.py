"""Performance tables the export damaged or laid out unusually: funding blocks in columns or under a
unit-bearing group label, KPI names that start like a footer, fields above 项目名称, wrapped titles,
duplicate copies and wrapped lines of text between tables."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from budgetkg.ingest.labels import labels
from budgetkg.ingest.lines import load_lines
from budgetkg.ingest.performance import (
    PerformanceReading,
    PerformanceTable,
    is_table_title,
    read_performance,
    single_cell_tables,
)
from budgetkg.ingest.project_list import ListedProject
from budgetkg.ingest.reconcile import reconcile
from budgetkg.ingest.records import Kpi, KpiValue, Report, Span
from budgetkg.ingest.tables import read_tables


def _read(text: str) -> PerformanceReading:
    lines, _ = load_lines(text)
    tables = read_tables(lines)
    tables = sorted([*tables, *single_cell_tables(lines, tables)], key=lambda t: t.rows[0].line)
    return read_performance(tables, Report(doc="synthetic.txt"))


def _grid(*kpi_rows: str) -> list[str]:
    return ["绩效指标\t一级指标\t二级指标\t三级指标\t指标值", *kpi_rows]


# -- the funding block ----------------------------------------------------------------


def test_a_unit_in_the_funding_group_label_scales_the_amount() -> None:
    text = "\n".join(
        [
            "项目名称\t街巷绿化提升",
            "实施单位\t某区园林绿化局",
            "项目属性\t延续项目\t项目期\t2年",
            "资金情况（万元）\t年度资金总额\t2 468.10",
            "\t其中：财政拨款\t2 468.10",
            *_grid("\t产出指标\t数量指标\t绿化面积\t≥5万平方米"),
        ]
    )
    (t,) = _read(text).tables
    assert (t.amount_yuan, t.amount_unit) == (24681000.0, "万元")


def test_a_funding_block_in_columns_takes_the_annual_column() -> None:
    text = "\n".join(
        [
            "项目名称\t实验室设备更新",
            "实施单位\t某省检测中心",
            "项目属性\t一次性项目\t项目期\t3年",
            "资金情况（元）\t\t年度资金总额\t实施期资金总额",
            "\t资金总额\t2 400 000.00\t7 500 000.00",
            "\t其中：财政拨款\t2 000 000.00\t6 000 000.00",
            *_grid("\t产出指标\t数量指标\t购置设备数量\t≥12台"),
        ]
    )
    (t,) = _read(text).tables
    assert (t.amount_yuan, t.impl_amount_yuan) == (2400000.0, 7500000.0)


# -- footers --------------------------------------------------------------------------


def test_a_kpi_named_like_a_footer_word_does_not_end_the_table() -> None:
    text = "\n".join(
        [
            "项目名称\t经办能力建设经费",
            "实施单位\t某市医疗保障局",
            "年度资金总额\t120,000",
            *_grid(
                "\t产出指标\t数量指标\t经办人员培训人次\t≥800人次",
                "\t\t质量指标\t培训合格率\t≥95%",
            ),
            "负责人：\t\t填报日期：\t20250110",
        ]
    )
    (t,) = _read(text).tables
    assert [k.name for k in t.kpis] == ["经办人员培训人次", "培训合格率"]


@given(
    st.sampled_from(["负责人", "经办人", "填报人", "联系电话", "填报日期"]),
    st.sampled_from(["：", ":", " ", "\t"]),
)
def test_a_footer_word_then_a_separator_is_a_footer(word: str, sep: str) -> None:
    assert labels().is_footer(f"{word}{sep}某某")
    assert not labels().is_footer(f"{word}员业务{sep}某某")


# -- where a table starts -------------------------------------------------------------


def test_fields_printed_above_the_name_row_belong_to_its_table() -> None:
    text = "\n".join(
        [
            "某县2025年项目支出绩效目标表",
            "项目名称\t河道保洁经费",
            "实施单位\t某县水利局",
            "年度资金总额\t300,000",
            *_grid("\t产出指标\t数量指标\t保洁河道长度\t≥40公里"),
            "负责人：\t\t填报日期：\t20250110",
            "",
            "某县2025年项目支出绩效目标表",
            "主管部门\t某县水利局\t实施单位\t某县水利服务中心",
            "项目属性\t经常性项目\t项目期\t1年",
            "年度资金总额\t512,000",
            "项目名称\t小型水库巡查经费",
            "项目概况\t开展小型水库日常巡查。",
            *_grid("\t产出指标\t数量指标\t巡查水库座数\t≥18座"),
        ]
    )
    first, second = _read(text).tables
    assert (first.name, first.amount_yuan) == ("河道保洁经费", 300000.0)
    assert second.name == "小型水库巡查经费"
    assert second.amount_yuan == 512000.0
    assert (second.fields["implementing_unit"], second.fields["period"]) == ("某县水利服务中心", "1年")


def test_one_cell_per_line_fields_above_the_name_and_a_wrapped_title() -> None:
    text = "\n".join(
        [
            "某区2024年项目支出绩效目标表",
            "实施单位",
            "某区环境卫生服务中心",
            "项目属性",
            "经常性项目",
            "年度资金总额",
            "1,250,000",
            "项目名称",
            "公厕保洁经费",
            "立项依据",
            "《某省城市公共厕所管理办法》；《某市市容",
            "环境卫生管理条例》",
            "项目概况",
            "对全区公厕实施日常保洁。",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "产出指标",
            "数量指标",
            "保洁公厕座数",
            "≥120座",
        ]
    )
    (t,) = _read(text).tables
    assert t.name == "公厕保洁经费"
    assert (t.amount_yuan, t.fields["implementing_unit"]) == (1250000.0, "某区环境卫生服务中心")
    assert t.fields["legal_basis"] == "《某省城市公共厕所管理办法》；《某市市容环境卫生管理条例》"
    assert t.fields["overview"] == "对全区公厕实施日常保洁。"


# -- titles between tables ------------------------------------------------------------


@given(st.text(alphabet="资助参保人数门诊救助万名以上已脱贫0123456789", min_size=3, max_size=30))
def test_a_line_of_text_with_sentence_punctuation_is_no_title(body: str) -> None:
    assert not is_table_title(f"年度目标：{body}，{body}。")


def test_table_titles_are_titles() -> None:
    assert is_table_title("某市2025年部门整体支出绩效目标表")
    assert is_table_title("项目支出绩效目标表")
    assert not is_table_title("某市医疗保障局政务公开专用")


# -- a table printed twice ------------------------------------------------------------


def _table(kpis: int) -> PerformanceTable:
    made = [
        Kpi("产出指标", "数量指标", f"指标{k}", KpiValue("100%"), "annual", Span(k + 1, k + 1))
        for k in range(kpis)
    ]
    return PerformanceTable(
        "某专项经费", "某专项经费", Span(kpis + 1, kpis + 9), amount_yuan=500000.0, kpis=made
    )


def test_the_more_complete_copy_of_a_table_printed_twice_is_kept() -> None:
    listed = [ListedProject("某专项经费", "某专项经费", 50.0, None, False, Span(1, 1))]
    report = Report(doc="synthetic.txt")
    (joined,) = reconcile(listed, [_table(2), _table(5)], report)
    assert joined.table is not None and len(joined.table.kpis) == 5 and joined.duplicates == 1
    assert any("more complete" in f.message for f in report.findings)
    (joined,) = reconcile(listed, [_table(5), _table(2)], Report(doc="synthetic.txt"))
    assert joined.table is not None and len(joined.table.kpis) == 5
