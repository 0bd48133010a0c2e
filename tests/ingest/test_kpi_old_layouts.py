"""KPI layouts of 2019-2021 申报表 (指标N：名称：值 cells, 序号 columns), wrapped values, 约 targets,
and 成本指标 as a 一级指标."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from budgetkg.ingest.kpi_rows import continues_value, kpi_layout, read_kpi_rows, split_item
from budgetkg.ingest.kpi_values import parse_kpi_value
from budgetkg.ingest.lines import load_lines
from budgetkg.ingest.performance import PerformanceReading, read_performance, single_cell_tables
from budgetkg.ingest.records import Report
from budgetkg.ingest.tables import Cell, Row, read_tables


def _read(text: str) -> PerformanceReading:
    lines, _ = load_lines(text)
    tables = read_tables(lines)
    tables = sorted([*tables, *single_cell_tables(lines, tables)], key=lambda t: t.rows[0].line)
    return read_performance(tables, Report(doc="synthetic.txt"))


def _kpis(text: str) -> list[tuple[str | None, str | None, str, str]]:
    tables = _read(text).tables
    return [(k.level1, k.level2, k.name, k.value.raw) for t in tables for k in t.kpis]


def _head(name: str) -> list[str]:
    return [
        "2020年项目支出绩效目标申报表",
        f"项目名称\t{name}",
        "主管部门\t某县文化和旅游局\t实施单位\t某县图书馆",
        "项目属性\t经常性项目\t项目期\t1年",
    ]


ITEMS_IN_CELL = "\n".join(
    [
        *_head("图书馆免费开放经费"),
        "年度绩效指标\t一级指标\t二级指标\t指标内容",
        "\t产出指标\t数量指标\t指标1：新增馆藏图书：8000册；指标2：举办读书活动：≥40场次",
        "\t\t时效指标\t指标1：资金拨付时间：2020年6月底前",
        "\t满意度指标\t服务对象满意度指标\t指标1：读者满意度：≥92%",
        "",
    ]
)


def test_numbered_items_in_one_cell_keep_their_levels() -> None:
    assert _kpis(ITEMS_IN_CELL) == [
        ("产出指标", "数量指标", "新增馆藏图书", "8000册"),
        ("产出指标", "数量指标", "举办读书活动", "≥40场次"),
        ("产出指标", "时效指标", "资金拨付时间", "2020年6月底前"),
        ("满意度指标", "服务对象满意度", "读者满意度", "≥92%"),
    ]


ORDINAL_COLUMN = "\n".join(
    [
        *_head("非遗保护传承经费"),
        "年度绩效指标\t一级指标\t二级指标\t序号\t指标名称\t指标值",
        "\t产出指标\t数量指标\t指标1\t开展非遗展演\t≥12场",
        "\t\t\t指标2\t培训传承人\t≥50人",
        "\t效益指标\t社会效益指标\t指标1\t非遗保护意识\t明显增强",
        "",
    ]
)


def test_ordinal_column_is_ignored() -> None:
    assert _kpis(ORDINAL_COLUMN) == [
        ("产出指标", "数量指标", "开展非遗展演", "≥12场"),
        ("产出指标", "数量指标", "培训传承人", "≥50人"),
        ("效益指标", "社会效益", "非遗保护意识", "明显增强"),
    ]


WHOLE_GRID_CELL = "\n".join(
    [
        *_head("数字文化平台运维费"),
        "年度绩效指标\t指标1：平台在线率：≥99%；指标2：年访问量：≥20万次；指标3：用户满意度：≥90%",
        "",
    ]
)


def test_block_label_row_holding_items_without_levels() -> None:
    assert _kpis(WHOLE_GRID_CELL) == [
        (None, None, "平台在线率", "≥99%"),
        (None, None, "年访问量", "≥20万次"),
        (None, None, "用户满意度", "≥90%"),
    ]


WRAPPED_TAB_VALUES = "\n".join(
    [
        *_head("农机购置补贴经费"),
        "一级指标\t二级指标\t三级指标\t指标值",
        "产出指标\t时效指标\t补贴资金兑付时限\t申请后15个工作日",
        "以内",
        "\t\t项目完成时间\t2025年11月",
        "30日前",
        "效益指标\t经济效益\t农机作业效率\t较上年提高",
        "8%以上",
        "满意度指标\t服务对象满意度\t购机农户满意度\t≥90%",
        "",
    ]
)


def test_values_wrapped_onto_their_own_line_are_joined() -> None:
    assert [(n, v) for _l1, _l2, n, v in _kpis(WRAPPED_TAB_VALUES)] == [
        ("补贴资金兑付时限", "申请后15个工作日以内"),
        ("项目完成时间", "2025年11月30日前"),
        ("农机作业效率", "较上年提高8%以上"),
        ("购机农户满意度", "≥90%"),
    ]


def _single(texts: list[str]) -> list[Row]:
    return [Row(i + 1, (Cell(t, i + 1, 0),), "single") for i, t in enumerate(texts)]


def test_one_cell_reader_wrapped_value_and_year_named_indicator() -> None:
    header = Row(
        0, tuple(Cell(t, 0, i) for i, t in enumerate(["一级指标", "二级指标", "三级指标", "指标值"])), "tab"
    )
    rows = _single(
        [
            "产出指标",
            "数量指标",
            "2025年度送教上门学生人次",
            "约1200人次",
            "时效指标",
            "补助发放时限",
            "每学期开学后",
            "20日以内",
            "满意度指标",
            "服务对象满意度",
            "≥95%",
        ]
    )
    kpis = read_kpi_rows(rows, kpi_layout(header), Report(doc="x"))
    assert [(k.level2, k.name, k.value.raw) for k in kpis] == [
        ("数量指标", "2025年度送教上门学生人次", "约1200人次"),
        ("时效指标", "补助发放时限", "每学期开学后20日以内"),
        ("服务对象满意度", "服务对象满意度", "≥95%"),
    ]
    assert kpis[0].value.number == 1200.0 and kpis[0].value.comparator is None


COST_AS_LEVEL1 = "\n".join(
    [
        "2021年项目支出绩效目标表",
        "| 项目名称 | 青少年科普活动经费 | | |",
        "| --- | --- | --- | --- |",
        "| 主管部门 | 某市科学技术协会 | 实施单位 | 某市青少年科技中心 |",
        "| 项目属性 | 经常性项目 | 项目期 | 1年 |",
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 |",
        "| 产出指标 | 数量指标 | 举办科普讲座 | ≥24场 |",
        "| 产出指标 | 时效指标 | 活动完成时间 | 11月30日前 |",
        "| 成本指标 | 经济成本指标 | 人均活动成本 | ≤150元 |",
        "| 效益指标 | 社会效益指标 | 参与青少年人次 | ≥3000人次 |",
        "| 满意度指标 | 服务对象满意度指标 | 家长满意度 | ≥95% |",
        "",
    ]
)


def test_cost_level1_row_does_not_shift_levels() -> None:
    assert [(l1, l2, n) for l1, l2, n, _v in _kpis(COST_AS_LEVEL1)] == [
        ("产出指标", "数量指标", "举办科普讲座"),
        ("产出指标", "时效指标", "活动完成时间"),
        ("成本指标", "经济成本指标", "人均活动成本"),
        ("效益指标", "社会效益", "参与青少年人次"),
        ("满意度指标", "服务对象满意度", "家长满意度"),
    ]


def test_approximate_values_keep_raw_and_number() -> None:
    v = parse_kpi_value("约6%")
    assert (v.raw, v.comparator, v.number, v.unit) == ("约6%", None, 6.0, "%")
    assert parse_kpi_value("约束机制健全").qualitative == "约束机制健全"


def test_continuation_needs_a_value_above() -> None:
    assert not continues_value("", "以上")
    assert not continues_value("≥98%", "群众知晓率")
    assert continues_value("2025年12月", "31日前")


_NAMES = st.text(alphabet="图书活动开展举办服务平台读者培训人员", min_size=1, max_size=10)
_VALUES = st.builds(
    lambda c, n, u: f"{c}{n}{u}",
    st.sampled_from(["", "≥", "≤", "不低于"]),
    st.integers(min_value=1, max_value=99999),
    st.sampled_from(["%", "人次", "场", "册", "个"]),
)


@given(st.integers(min_value=1, max_value=9), _NAMES, _VALUES, st.booleans())
def test_split_item_roundtrip(n: int, name: str, value: str, colon: bool) -> None:
    sep = "：" if colon else ""
    assert split_item(f"指标{n}：{name}{sep}{value}") == (name, value)
