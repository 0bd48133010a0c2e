"""KPI tables with columns after 指标值 (指标值说明, 评（扣）分标准, 备注) and summary tables of projects."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from budgetkg.ingest.kpi_rows import is_column_word, kpi_layout, read_kpi_rows
from budgetkg.ingest.lines import load_lines
from budgetkg.ingest.performance import PerformanceReading, read_performance, single_cell_tables
from budgetkg.ingest.records import Report
from budgetkg.ingest.tables import Cell, Row, read_tables


def _read(text: str) -> PerformanceReading:
    lines, _ = load_lines(text)
    tables = read_tables(lines)
    tables = sorted([*tables, *single_cell_tables(lines, tables)], key=lambda t: t.rows[0].line)
    return read_performance(tables, Report(doc="synthetic.txt"))


def _triples(kpis) -> list[tuple[str | None, str, str]]:  # type: ignore[no-untyped-def]
    return [(k.level2, k.name, k.value.raw) for k in kpis]


HEAD = [
    "项目支出绩效目标表",
    "项目名称",
    "农村饮水安全维修养护经费",
    "实施单位",
    "某县水利局",
    "项目属性",
    "经常性项目",
    "年度资金总额",
    "1,250,000",
    "年度绩效目标",
    "完成农村供水工程维修养护。",
]

ONE_CELL = "\n".join(
    [
        *HEAD,
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "指标值说明",
        "评（扣）分标准",
        "产出指标",
        "数量指标",
        "12处集中供水工程维修数量",  # a name that starts with a number
        "≥12处",
        "以2024年10处为基数",
        "完成得10分，每少1处扣1分",
        "供水管网维修长度",
        "≥30公里",
        "30公里以上",  # a note that reads as a value
        "≥30公里得10分",
        "质量指标",
        "水质检测合格率",
        "≥95%",
        "合格次数/检测次数",
        "低于95%不得分",
        "满意度指标",
        "服务对象满意度",
        "≥90%",  # the 二级指标 word is the indicator's name
        "问卷调查",
        "每低1%扣1分",
    ]
)


def test_one_cell_rows_are_cut_at_the_header_width() -> None:
    (t,) = _read(ONE_CELL).tables
    assert t.name == "农村饮水安全维修养护经费"
    assert _triples(t.kpis) == [
        ("数量指标", "12处集中供水工程维修数量", "≥12处"),
        ("数量指标", "供水管网维修长度", "≥30公里"),
        ("质量指标", "水质检测合格率", "≥95%"),
        ("服务对象满意度", "服务对象满意度", "≥90%"),
    ]
    assert t.kpis[0].level1 == "产出指标" and t.kpis[-1].level1 == "满意度指标"


def test_a_note_column_left_empty_throughout_does_not_merge_rows() -> None:
    text = "\n".join(
        [
            *HEAD,
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "备注",
            "产出指标",
            "数量指标",
            "维修工程数量",
            "≥12处",
            "管网维修长度",
            "≥30公里",
            "巡查次数",
            "≥24次",
            "效益指标",
            "社会效益",
            "农村供水保障水平",
            "有效提升",
        ]
    )
    (t,) = _read(text).tables
    assert [(k.name, k.value.raw) for k in t.kpis] == [
        ("维修工程数量", "≥12处"),
        ("管网维修长度", "≥30公里"),
        ("巡查次数", "≥24次"),
        ("农村供水保障水平", "有效提升"),
    ]


def test_a_row_that_lost_one_note_still_pairs_names_and_values() -> None:
    text = ONE_CELL.replace("合格次数/检测次数\n", "")  # the merged-away empty 指标值说明 cell
    (t,) = _read(text).tables
    assert [(k.name, k.value.raw) for k in t.kpis] == [
        ("12处集中供水工程维修数量", "≥12处"),
        ("供水管网维修长度", "≥30公里"),
        ("水质检测合格率", "≥95%"),
        ("服务对象满意度", "≥90%"),
    ]


def test_pipe_and_tab_rows_ignore_the_extra_columns() -> None:
    rows = [
        ["一级指标", "二级指标", "三级指标", "指标值", "指标值说明", "评（扣）分标准"],
        ["产出指标", "数量指标", "维修工程数量", "≥12处", "以2024年为基数", "每少1处扣1分"],
        ["", "", "管网维修长度", "≥30公里", "", "≥30公里得10分"],
        ["满意度指标", "服务对象满意度", "受益群众满意度", "≥90%", "问卷调查", "每低1%扣1分"],
    ]
    expected = [
        ("数量指标", "维修工程数量", "≥12处"),
        ("数量指标", "管网维修长度", "≥30公里"),
        ("服务对象满意度", "受益群众满意度", "≥90%"),
    ]
    head = [[a, b, "", "", "", ""] for a, b in zip(HEAD[1::2], HEAD[2::2], strict=False)]
    pipe = "\n".join("| " + " | ".join(r) + " |" for r in [*head, *rows])
    tab = "\n".join("\t".join(r) for r in [*head, *rows])
    for grid in (pipe, tab):
        (t,) = _read(grid).tables
        assert t.name == "农村饮水安全维修养护经费"
        assert _triples(t.kpis) == expected, grid


def test_column_words_are_whole_cells_for_free_text_columns() -> None:
    assert is_column_word("评（扣）分标准") and is_column_word("指标值说明") and is_column_word("权重（%）")
    assert not is_column_word("说明书印制数量") and not is_column_word("备注栏更新次数")


SUMMARY = [
    "项目支出绩效目标汇总表",
    "单位：万元",
    "项目名称",
    "项目单位",
    "年度绩效目标",
    "金额",
    "农村饮水安全维修养护经费",
    "某县水利局",
    "完成农村供水工程维修养护",
    "125.00",
    "河道保洁经费",
    "某县水利局",
    "完成河道日常保洁",
    "48.00",
    "",
]


def test_a_summary_table_of_projects_is_no_performance_table() -> None:
    reading = _read("\n".join([*SUMMARY, ONE_CELL]))
    assert [t.name for t in reading.tables] == ["农村饮水安全维修养护经费"]
    assert reading.tables[0].amount_yuan == 1250000


def test_a_tab_summary_table_is_no_performance_table() -> None:
    rows = [
        "项目名称\t项目单位\t年度绩效目标\t金额",
        "农村饮水安全维修养护经费\t某县水利局\t完成农村供水工程维修养护\t125.00",
        "河道保洁经费\t某县水利局\t完成河道日常保洁\t48.00",
    ]
    reading = _read("\n".join(["项目支出绩效目标汇总表", *rows, "", ONE_CELL]))
    assert [t.name for t in reading.tables] == ["农村饮水安全维修养护经费"]


def test_a_table_without_a_readable_name_is_never_a_project() -> None:
    text = "\n".join(
        [
            "项目支出绩效目标表",
            "项目名称",
            "实施单位",
            "某县水利局",
            "项目属性",
            "经常性项目",
            "立项依据",
            "《水法》",
        ]
    )
    report = Report(doc="synthetic.txt")
    lines, _ = load_lines(text)
    tables = read_tables(lines)
    tables = sorted([*tables, *single_cell_tables(lines, tables)], key=lambda t: t.rows[0].line)
    assert read_performance(tables, report).tables == []


# -- property: any one-cell-per-line grid with full note columns reads back -------------

_NAMES = st.sampled_from(
    ["维修工程数量", "65岁以上老人体检人数", "水质检测合格率", "资金拨付及时率", "群众满意度", "巡查频次"]
)
_VALUES = st.sampled_from(["≥12处", "≥95%", "100%", "2025年12月31日前", "有效提升", "≤3%（含）", "每季度1次"])
_NOTES = st.sampled_from(
    ["以上年为基数", "合格数/总数", "≥85%得10分，每低1%扣1分", "完成得10分", "问卷调查", "按季度统计"]
)
_LEVEL2 = st.sampled_from(["数量指标", "质量指标", "时效指标", "社会效益"])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(_LEVEL2, st.lists(st.tuples(_NAMES, _VALUES, _NOTES, _NOTES), min_size=1, max_size=3)),
        min_size=1,
        max_size=4,
    )
)
def test_any_full_one_cell_grid_reads_back(groups) -> None:  # type: ignore[no-untyped-def]
    header = ["一级指标", "二级指标", "三级指标", "指标值", "指标值说明", "评（扣）分标准"]
    header_row = Row(1, tuple(Cell(w, 1, i) for i, w in enumerate(header)), "single")
    texts = ["产出指标"]
    expected = []
    for level2, kpis in groups:
        texts.append(level2)
        for name, value, note, rule in kpis:
            texts += [name, value, note, rule]
            expected.append((level2, name, value))
    rows = [Row(n + 2, (Cell(t, n + 2, 0),), "single") for n, t in enumerate(texts)]
    kpis = read_kpi_rows(rows, kpi_layout(header_row), Report(doc="synthetic.txt"))
    assert _triples(kpis) == expected
