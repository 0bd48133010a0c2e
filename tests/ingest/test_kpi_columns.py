"""KPI tables with separate value columns: 指标性质 | 指标值 | 度量单位 | 权重, two target columns, 自评表."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from budgetkg.ingest.kpi_rows import column_role, is_kpi_header, kpi_layout, read_kpi_rows
from budgetkg.ingest.kpi_values import comparator_cell, compose_kpi_value
from budgetkg.ingest.lines import load_lines
from budgetkg.ingest.performance import read_performance, single_cell_tables
from budgetkg.ingest.records import Kpi, Report
from budgetkg.ingest.tables import read_tables


def _kpis(text: str) -> list[Kpi]:
    """The KPIs below the first KPI header of the text, read as the performance reader does."""
    lines, _ = load_lines(text)
    for table in read_tables(lines):
        for i, row in enumerate(table.rows):
            if is_kpi_header(row):
                return read_kpi_rows(table.rows[i + 1 :], kpi_layout(row), Report(doc="synthetic.txt"))
    raise AssertionError("no KPI header")


def _pairs(kpis: list[Kpi]) -> list[tuple[str, str]]:
    return [(k.name, k.value.raw) for k in kpis]


# -- 指标性质 | 指标值 | 度量单位 | 权重, merged cells as empty tab cells ---------------------------

TAB_WITH_EMPTY_CELLS = "\n".join(
    [
        "绩效指标\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t权重（%）",
        "\t产出指标\t数量指标\t养护农村公路里程\t≥\t420\t公里\t20",
        "\t\t\t维修桥梁座数\t＝\t6\t座\t10",
        "\t\t质量指标\t路面优良率\t≥\t85\t%\t20",
        "\t\t成本指标\t每公里养护成本\t≤\t0.8\t万元\t10",
        "\t效益指标\t社会效益指标\t群众出行条件\t定性\t明显改善\t\t20",
        "\t满意度指标\t服务对象满意度指标\t沿线群众满意度\t≥\t90\t%\t20",
    ]
)


def test_separate_comparator_value_and_unit_cells_make_one_value() -> None:
    kpis = _kpis(TAB_WITH_EMPTY_CELLS)
    assert _pairs(kpis) == [
        ("养护农村公路里程", "≥420公里"),
        ("维修桥梁座数", "6座"),  # '＝' is left out of the written value...
        ("路面优良率", "≥85%"),
        ("每公里养护成本", "≤0.8万元"),
        ("群众出行条件", "明显改善"),  # 定性 says the target is words
        ("沿线群众满意度", "≥90%"),
    ]
    bridges = kpis[1]
    assert (bridges.value.comparator, bridges.value.number, bridges.value.unit) == (
        "=",
        6.0,
        "座",
    )  # ...not parsed
    cost = kpis[3]
    assert (cost.value.comparator, cost.value.number, cost.value.unit) == ("≤", 0.8, "万元")
    assert kpis[4].value.qualitative == "明显改善"
    assert [(k.level1, k.level2) for k in kpis[:2]] == [("产出指标", "数量指标")] * 2
    assert (kpis[4].level1, kpis[4].level2) == ("效益指标", "社会效益")
    assert {k.column for k in kpis} == {"annual"}  # one target column, no 实施期 word


def test_weights_never_become_kpis_or_values() -> None:
    raws = [k.value.raw for k in _kpis(TAB_WITH_EMPTY_CELLS)]
    assert not any(r in ("10", "20") for r in raws)


# -- merged cells dropped: rows shift left ---------------------------------------------------

TAB_DROPPED_CELLS = "\n".join(
    [
        "一级指标\t二级指标\t三级指标\t计算符号\t指标值\t计量单位",
        "产出指标\t数量指标\t开展消防演练\t≥\t12\t次",
        "培训消防骨干\t≥\t300\t人次",
        "时效指标\t隐患整改时间\t及时",
        "效益指标\t社会效益指标\t火灾事故发生率\t定性\t逐年下降",
        "满意度指标\t服务对象满意度指标\t企业满意度\t≥\t92\t%",
    ]
)


def test_rows_without_their_empty_cells_are_read_by_what_the_cells_say() -> None:
    kpis = _kpis(TAB_DROPPED_CELLS)
    assert _pairs(kpis) == [
        ("开展消防演练", "≥12次"),
        ("培训消防骨干", "≥300人次"),
        ("隐患整改时间", "及时"),
        ("火灾事故发生率", "逐年下降"),
        ("企业满意度", "≥92%"),
    ]
    assert [k.level2 for k in kpis] == ["数量指标", "数量指标", "时效指标", "社会效益", "服务对象满意度"]


SPACE_ALIGNED = "\n".join(
    [
        "一级指标  二级指标  三级指标  指标方向  指标值  单位  分值",
        "产出指标  数量指标  发放图书册数  ≥  5000  册  30",
        "效益指标  社会效益指标  阅读氛围  定性  逐步形成  40",
        "满意度指标  服务对象满意度指标  读者满意度  ≥  90  %  30",
    ]
)


def test_space_aligned_columns_skip_the_missing_unit() -> None:
    assert _pairs(_kpis(SPACE_ALIGNED)) == [
        ("发放图书册数", "≥5000册"),
        ("阅读氛围", "逐步形成"),
        ("读者满意度", "≥90%"),
    ]


# -- two target columns, kind by header word -------------------------------------------------

PIPE_TWO_TARGETS = "\n".join(
    [
        "| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实施期指标值 |",
        "|---|---|---|---|---|---|",
        "| | 产出指标 | 数量指标 | 改造老旧小区 | ≥40个 | ≥120个 |",
        "| | | 时效指标 | 改造完成时间 | 当年11月底前 | 2027年底前 |",
        "| | 满意度指标 | 服务对象满意度指标 | 居民满意度 | ≥90% | ≥90% |",
    ]
)


def test_each_target_column_gives_a_kpi_of_its_own_kind() -> None:
    kpis = _kpis(PIPE_TWO_TARGETS)
    by = {(k.name, k.column): k.value.raw for k in kpis}
    assert by == {
        ("改造老旧小区", "annual"): "≥40个",
        ("改造老旧小区", "implementation"): "≥120个",
        ("改造完成时间", "annual"): "当年11月底前",
        ("改造完成时间", "implementation"): "2027年底前",
        ("居民满意度", "annual"): "≥90%",
        ("居民满意度", "implementation"): "≥90%",
    }


def test_layout_reads_the_column_kinds_from_the_header_words() -> None:
    lines, _ = load_lines("一级指标\t二级指标\t三级指标\t中期目标值\t年度目标值")
    (table,) = read_tables(lines) or [None]
    assert table is not None
    layout = kpi_layout(table.rows[0])
    assert [f.kind for f in layout.fields] == ["implementation", "annual"]
    assert not layout  # one group of names: not the two-group (三级指标 twice) table
    lines, _ = load_lines("一级指标\t二级指标\t三级指标\t指标值")
    (table,) = read_tables(lines) or [None]
    assert table is not None
    assert kpi_layout(table.rows[0]).columns == ("annual",) and not kpi_layout(table.rows[0]).fields


def test_column_roles() -> None:
    assert column_role("实施期目标值") == ("target", "implementation")
    assert column_role("计算符号") == ("comparator", None)
    assert column_role("计量单位") == ("unit", None)
    assert column_role("实际完成值") == ("actual", None)
    assert column_role("偏差原因分析及改进措施") == ("ignored", None)
    assert column_role("指标值说明") == ("ignored", None)  # the longer word wins over 指标值


# -- 决算 自评表: only the target is a KPI value -----------------------------------------------

SELF_EVALUATION = "\n".join(
    [
        "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
        "\t产出指标\t数量指标\t资助困难学生人数\t≥1500人\t1620人\t20\t20\t",
        "\t\t质量指标\t资助资金发放准确率\t100%\t99.2%\t20\t18\t个别学生信息有误，已完善核对",
        "\t效益指标\t社会效益指标\t因贫辍学情况\t逐步减少\t明显减少\t30\t30\t",
        "\t满意度指标\t服务对象满意度指标\t受助学生满意度\t≥90%\t95.1%\t30\t30\t",
        "总分\t\t\t\t\t\t100\t98\t",
    ]
)


def test_self_evaluation_keeps_targets_and_drops_actuals_scores_and_totals() -> None:
    kpis = _kpis(SELF_EVALUATION)
    assert _pairs(kpis) == [
        ("资助困难学生人数", "≥1500人"),
        ("资助资金发放准确率", "100%"),
        ("因贫辍学情况", "逐步减少"),
        ("受助学生满意度", "≥90%"),
    ]
    assert {k.column for k in kpis} == {"annual"}


# -- a name wrapped onto a row of its own ---------------------------------------------------


def test_a_wrapped_name_continues_the_name_above() -> None:
    text = "\n".join(
        [
            "一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位",
            "产出指标\t数量指标\t开展农村实用技术培训\t≥\t20\t期",
            "\t\t覆盖\t\t\t",
            "\t\t培训合格率\t≥\t95\t%",
        ]
    )
    assert _pairs(_kpis(text)) == [("开展农村实用技术培训覆盖", "≥20期"), ("培训合格率", "≥95%")]


# -- one cell per line: the empty cells are lost -------------------------------------------

ONE_CELL_PER_LINE = """某县2024年项目支出绩效目标表
项目名称
社区食堂运营补助
实施单位
某县民政局
年度资金总额
500,000
一级指标
二级指标
三级指标
指标性质
指标值
度量单位
权重（%）
产出指标
数量指标
补助社区食堂数量
≥
15
个
30
效益指标
社会效益指标
老年人就餐便利程度
定性
有效提升
40
满意度指标
服务对象满意度指标
就餐老人满意度
≥
90
%
30
"""


def test_one_cell_per_line_fills_the_columns_it_can() -> None:
    lines, _ = load_lines(ONE_CELL_PER_LINE)
    tables = read_tables(lines)
    tables = sorted([*tables, *single_cell_tables(lines, tables)], key=lambda t: t.rows[0].line)
    (table,) = read_performance(tables, Report(doc="synthetic.txt")).tables
    assert _pairs(table.kpis) == [
        ("补助社区食堂数量", "≥15个"),
        ("老年人就餐便利程度", "有效提升"),
        ("就餐老人满意度", "≥90%"),
    ]
    assert [k.level2 for k in table.kpis] == ["数量指标", "社会效益", "服务对象满意度"]


# -- composing a value from its cells --------------------------------------------------------


def test_comparator_cells() -> None:
    assert comparator_cell("≤") == (True, "≤")
    assert comparator_cell("大于等于") == (True, "≥")
    assert comparator_cell("正向") == (True, None)
    assert comparator_cell("达")[0] is False  # one-character words are too loose on their own
    assert comparator_cell("95%") == (False, None)


@given(
    comparator=st.sampled_from(["≥", "≤", ">", "<", "＝", "="]),
    number=st.integers(min_value=0, max_value=10**6) | st.decimals(min_value=0, max_value=10**4, places=2),
    unit=st.sampled_from(["%", "个", "人次", "万元", "天", "公里", ""]),
)
def test_composed_values_parse_to_their_cells(comparator: str, number: object, unit: str) -> None:
    written = str(number)
    v = compose_kpi_value(comparator, written, unit)
    symbol = "=" if comparator in ("＝", "=") else comparator
    assert v.comparator == symbol
    assert v.number == float(written)
    assert v.unit == (unit or None)
    assert v.raw == ("" if symbol == "=" else comparator) + written + unit


@given(
    word=st.sampled_from(["逐步改善", "较上年提高", "有效保障", "按时"]),
    unit=st.sampled_from(["", "%", "次"]),
)
def test_qualitative_targets_keep_their_words_only(word: str, unit: str) -> None:
    v = compose_kpi_value("定性", word, unit)
    assert (v.raw, v.qualitative, v.number) == (word, word, None)
