"""Performance-table amounts in the unit the table states, 决算 budget columns, and wrapped cells."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from budgetkg.ingest.lines import load_lines
from budgetkg.ingest.performance import (
    PerformanceReading,
    PerformanceTable,
    read_performance,
    single_cell_tables,
)
from budgetkg.ingest.project_list import ListedProject
from budgetkg.ingest.reconcile import cross_check, reconcile
from budgetkg.ingest.records import Report, Span
from budgetkg.ingest.tables import read_tables


def _read(text: str, report: Report | None = None) -> PerformanceReading:
    lines, _ = load_lines(text)
    tables = read_tables(lines)
    tables = sorted([*tables, *single_cell_tables(lines, tables)], key=lambda t: t.rows[0].line)
    return read_performance(tables, report or Report(doc="synthetic.txt"))


def _table(*rows: str) -> str:
    return "\n".join(["某区2024年项目支出绩效目标表", *rows])


KPIS = [
    "一级指标\t二级指标\t三级指标\t指标值",
    "产出指标\t数量指标\t巡查河道长度\t≥120公里",
    "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%",
]


# -- money units -----------------------------------------------------------------------


def test_a_group_label_in_wan_converts_the_annual_amount_to_yuan() -> None:
    text = _table(
        "项目名称\t河道保洁经费\t\t",
        "实施单位\t某区水务局\t\t",
        "项目资金（万元）\t年度资金总额\t\t850.00",
        "\t财政拨款\t\t850.00",
        "立项依据\t《某省河道管理条例》\t\t",
        *KPIS,
    )
    (t,) = _read(text).tables
    assert (t.amount_yuan, t.amount_unit) == (8_500_000, "万元")


def test_a_unit_on_the_amount_label_itself_wins() -> None:
    text = _table(
        "项目名称\t农村公路养护经费",
        "项目属性\t经常性项目",
        "实施期资金总额（万元）\t1,200.50\t年度资金总额（万元）\t360.25",
        *KPIS,
    )
    (t,) = _read(text).tables
    assert (t.amount_yuan, t.impl_amount_yuan) == (3_602_500, 12_005_000)


def test_a_unit_line_above_the_table_applies() -> None:
    text = "\n".join(
        [
            "项目支出绩效目标表",
            "金额单位：万元",
            "项目名称\t社区养老服务补助",
            "实施单位\t某区民政局",
            "年度资金总额\t45.6",
            *KPIS,
        ]
    )
    (t,) = _read(text).tables
    assert (t.amount_yuan, t.amount_unit) == (456_000, "万元")


def test_no_stated_unit_reads_yuan_and_says_so() -> None:
    text = _table("项目名称\t档案数字化经费", "实施单位\t某区档案馆", "年度资金总额\t84,000", *KPIS)
    (t,) = _read(text).tables
    assert (t.amount_yuan, t.amount_unit) == (84_000, None)


def test_the_table_unit_line_in_yuan_is_kept_as_yuan() -> None:
    text = _table(
        "项目名称\t档案数字化经费\t单位：元", "实施单位\t某区档案馆\t", "年度资金总额\t84,000\t", *KPIS
    )
    (t,) = _read(text).tables
    assert (t.amount_yuan, t.amount_unit) == (84_000, "元")


# -- 决算 self-evaluation columns ----------------------------------------------------------


def _self_evaluation(header: str, amounts: str) -> str:
    return "\n".join(
        [
            "项目支出绩效自评表",
            "项目名称\t疫苗冷链运维经费\t\t\t\t",
            "主管部门\t某县卫生健康委员会\t\t实施单位\t某县疾控中心\t",
            f"项目资金（万元）\t\t{header}\t分值\t执行率\t得分",
            f"\t年度资金总额\t{amounts}\t10\t98.00%\t9.8",
            "\t其中：当年财政拨款\t120.00\t110.00\t108.00\t—\t—\t—",
            "立项依据\t《疫苗管理法》\t\t\t\t",
            "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值",
            "\t产出指标\t数量指标\t冷链设备巡检次数\t≥12次\t12次",
        ]
    )


def test_the_adjusted_annual_budget_is_the_amount_not_the_spending() -> None:
    (t,) = _read(_self_evaluation("年初预算数\t全年预算数\t全年执行数", "120.00\t110.00\t108.00")).tables
    assert t.amount_yuan == 1_100_000


def test_without_an_adjusted_budget_the_initial_budget_is_taken() -> None:
    (t,) = _read(_self_evaluation("全年执行数\t年初预算数\t分值说明", "108.00\t120.00\t—")).tables
    assert t.amount_yuan == 1_200_000


def test_budget_columns_one_cell_per_line_are_counted_in_order() -> None:
    text = "\n".join(
        [
            "项目支出绩效自评表",
            "项目名称",
            "疫苗冷链运维经费",
            "实施单位",
            "某县疾控中心",
            "项目资金（万元）",
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "年度资金总额",
            "120.00",
            "110.00",
            "108.00",
            "立项依据",
            "《疫苗管理法》",
        ]
    )
    (t,) = _read(text).tables
    assert t.amount_yuan == 1_100_000


# -- wrapped cells -----------------------------------------------------------------------

WRAPPED = _table(
    "项目名称\t秸秆综合利用补助",
    "实施单位\t某县农业农村局",
    "年度资金总额\t1,500,000",
    "立项依据\t根据《农业农村部办公厅关于做好秸秆综合利用工作的通知》（农办科〔2023〕",
    "6号）、《某省秸秆综合利用实施方案》（某政办发〔2022〕9号）和《某县秸秆",
    "综合利用补助资金管理办法》要求设立。",
    "保障措施\t执行《某县财政专项资金管理办法》（某财发〔2021〕3号）。",
    "总体目标\t提高秸秆综合利用率。",
    "绩效指标",
    *KPIS,
)


def test_a_cell_wrapped_over_three_lines_is_joined_and_the_table_goes_on() -> None:
    reading = _read(WRAPPED)
    (t,) = reading.tables
    assert t.fields["legal_basis"] == (
        "根据《农业农村部办公厅关于做好秸秆综合利用工作的通知》（农办科〔2023〕6号）、"
        "《某省秸秆综合利用实施方案》（某政办发〔2022〕9号）和《某县秸秆综合利用补助资金管理办法》要求设立。"
    )
    assert t.fields["measures"] == "执行《某县财政专项资金管理办法》（某财发〔2021〕3号）。"
    assert [k.name for k in t.kpis] == ["巡查河道长度", "群众满意度"]
    assert reading.department_kpis == []


def test_a_wrapped_pipe_cell_is_joined() -> None:
    text = "\n".join(
        [
            "| 项目名称 | 耕地保护补助 | |",
            "| 实施单位 | 某县自然资源局 | |",
            "| 年度资金总额 | 300,000 | |",
            "| 立项依据 | 《某省耕地保护条例》（某人大〔2020〕",
            "12号） | |",
            "| 保障措施 | 专款专用。 | |",
            "| 一级指标 | 二级指标 | 三级指标 | 指标值 |",
            "| 产出指标 | 数量指标 | 补助面积 | ≥3000亩 |",
        ]
    )
    (t,) = _read(text).tables
    assert t.fields["legal_basis"] == "《某省耕地保护条例》（某人大〔2020〕12号）"
    assert t.fields["measures"] == "专款专用。"


def test_a_header_repeated_after_a_page_break_starts_rows_again() -> None:
    text = "\n".join(
        [
            *WRAPPED.split("\n")[:-1],
            "",
            "— 7 —",
            "",
            "一级指标\t二级指标\t三级指标\t指标值",
            "效益指标\t社会效益指标\t秸秆焚烧火点数\t较上年下降",
        ]
    )
    (t,) = _read(text).tables
    assert [(k.name, k.value.raw) for k in t.kpis] == [
        ("巡查河道长度", "≥120公里"),
        ("秸秆焚烧火点数", "较上年下降"),
    ]


def test_a_sentence_after_a_finished_cell_is_not_glued() -> None:
    text = "\n".join(
        [
            "项目名称\t秸秆综合利用补助",
            "实施单位\t某县农业农村局",
            "立项依据\t《某省秸秆综合利用实施方案》（某政办发〔2022〕9号）",
            "以上项目绩效目标经县财政局审核后公开，接受社会监督。",
        ]
    )
    lines, _ = load_lines(text)
    (table,) = read_tables(lines)
    assert table.rows[-1].texts == ["立项依据", "《某省秸秆综合利用实施方案》（某政办发〔2022〕9号）"]


_CJK = st.text(alphabet="农村人居环境整治管护考核办法条例方案号年发政", min_size=1, max_size=12)


@given(before=_CJK, title=_CJK, issuer=_CJK, rest=_CJK, cut=st.integers(min_value=0, max_value=30))
def test_a_cell_cut_inside_a_bracket_reads_back_whole(
    before: str, title: str, issuer: str, rest: str, cut: int
) -> None:
    cell = f"{before}《{title}》（{issuer}〔2021〕55号）{rest}。"
    opening = cell.index("（") + 1
    at = opening + cut % (cell.index("）") - opening)  # a cut inside the （…） group
    text = f"项目名称\t某经费\n立项依据\t{cell[:at]}\n{cell[at:]}\n保障措施\t专款专用。"
    lines, _ = load_lines(text)
    (table,) = read_tables(lines)
    assert [r.texts for r in table.rows] == [
        ["项目名称", "某经费"],
        ["立项依据", cell],
        ["保障措施", "专款专用。"],
    ]
    assert list(table.rows[1].lines) == [2, 3]


# -- reconciliation of a table written in 万元 without saying so ----------------------------


def _listed(amount_wan: float) -> ListedProject:
    return ListedProject("河道保洁经费", "河道保洁经费", amount_wan, "某区水务局", False, Span(3, 3))


def _performance(amount: float, unit: str | None) -> PerformanceTable:
    return PerformanceTable(
        "河道保洁经费", "河道保洁经费", Span(20, 30), amount_yuan=amount, amount_unit=unit
    )


def test_an_unstated_unit_equal_to_the_list_figure_is_rescaled_with_a_finding() -> None:
    report = Report(doc="synthetic.txt")
    (joined,) = reconcile([_listed(1260.0)], [_performance(1260.0, None)], report)
    assert joined.table is not None and joined.table.amount_yuan == 12_600_000
    assert any(f.severity == "reconciliation" and "万元" in f.message for f in report.findings)
    cross_check([joined], None, None, report)
    assert not any(f.severity == "warning" for f in report.findings)


def test_a_stated_yuan_unit_is_never_rescaled() -> None:
    report = Report(doc="synthetic.txt")
    (joined,) = reconcile([_listed(1260.0)], [_performance(1260.0, "元")], report)
    assert joined.table is not None and joined.table.amount_yuan == 1260.0
    cross_check([joined], None, None, report)
    assert any(f.severity == "warning" and "1260元" in f.message for f in report.findings)
