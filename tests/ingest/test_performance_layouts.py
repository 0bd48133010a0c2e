"""Performance tables in more layouts: other label words, tables without footers, 'label：value' lines."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from budgetkg.ingest.cleaning import label_key
from budgetkg.ingest.labels import labels
from budgetkg.ingest.lines import load_lines
from budgetkg.ingest.performance import (
    PerformanceReading,
    ends_table,
    read_performance,
    single_cell_tables,
    split_labelled,
)
from budgetkg.ingest.records import Report
from budgetkg.ingest.tables import Cell, read_tables, single_cell_table


def _read(text: str) -> PerformanceReading:
    lines, _ = load_lines(text)
    tables = read_tables(lines)
    tables = sorted([*tables, *single_cell_tables(lines, tables)], key=lambda t: t.rows[0].line)
    return read_performance(tables, Report(doc="synthetic.txt"))


def _pairs(kpis) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(k.name, k.value.raw) for k in kpis]


# -- other names for the fields -------------------------------------------------------

OTHER_LABELS = "\n".join(
    [
        "某县2025年项目支出绩效目标表",
        "项目名称\t乡村道路养护经费\t",
        "项目实施单位\t某县交通运输局\t",
        "项目类型\t经常性项目\t",
        "实施期限\t1年\t",
        "预算金额\t360,000\t",
        "政策依据\t《公路安全保护条例》（国务院令第593号）\t",
        "项目简介\t对全县农村公路开展日常养护。\t",
        "保障措施\t执行《某县农村公路养护资金管理办法》（某交〔2023〕5号）。\t",
        "年度绩效目标\t完成农村公路日常养护300公里。\t",
        "一级指标\t二级指标\t三级指标\t指标值",
        "产出指标\t数量指标\t养护里程\t≥300公里",
        "满意度指标\t服务对象满意度指标\t沿线群众满意度\t≥90%",
    ]
)


def test_other_names_of_the_fields_are_read() -> None:
    (t,) = _read(OTHER_LABELS).tables
    assert t.name == "乡村道路养护经费"
    assert t.fields["implementing_unit"] == "某县交通运输局"
    assert (t.fields["attribute"], t.fields["period"], t.amount_yuan) == ("经常性项目", "1年", 360000)
    assert t.fields["legal_basis"] == "《公路安全保护条例》（国务院令第593号）"
    assert t.fields["overview"] == "对全县农村公路开展日常养护。"
    assert t.fields["measures"].startswith("执行《某县农村公路养护资金管理办法》")
    assert t.fields["goals"] == "完成农村公路日常养护300公里。"
    assert _pairs(t.kpis) == [("养护里程", "≥300公里"), ("沿线群众满意度", "≥90%")]


def test_every_field_word_is_one_field_only() -> None:
    data = labels()
    fields = data.performance_fields
    assert not set(fields) & data.performance_ignored
    assert {"保障措施", "实施措施", "项目实施保障措施", "制度措施"} <= {
        k for k, v in fields.items() if v == "measures"
    }
    assert {fields[label_key(w)] for w in ("立项依据", "政策依据", "项目依据", "设立依据")} == {"legal_basis"}
    assert {fields[label_key(w)] for w in ("年度目标", "年度绩效目标", "总体目标")} == {"goals"}
    assert {fields[label_key(w)] for w in ("年度资金总额", "项目资金（元）", "预算金额")} == {"annual_total"}


# -- one cell per line, no footers ------------------------------------------------------

NO_FOOTERS = """某区2024年项目支出绩效目标表
项目名称
低保资金
实施单位
某区民政局
年度资金总额
1,000,000
立项依据
《社会救助暂行办法》
一级指标
二级指标
三级指标
指标值
产出指标
数量指标
保障人数
≥1200人

第 11 页

满意度指标
服务对象满意度指标
低保对象满意度
≥95%

某区2024年项目支出绩效目标表
项目名称
养老服务补贴
实施单位
某区民政局
立项依据
《老年人权益保障法》
一级指标
二级指标
三级指标
指标值
产出指标
时效指标
补贴发放及时率
100%

四、部门整体绩效目标

某区民政局2024年部门整体支出绩效目标表
部门名称
某区民政局
年度绩效指标
一级指标
二级指标
三级指标
指标值
产出指标
数量指标
救助人数
≥1500人
满意度指标
服务对象满意度指标
服务对象满意度
≥90%

第四部分 名词解释

一、基本支出：指为保障机构正常运转而发生的支出。
"""


def test_one_cell_tables_end_at_the_next_title_and_skip_page_numbers() -> None:
    reading = _read(NO_FOOTERS)
    first, second = reading.tables
    assert _pairs(first.kpis) == [("保障人数", "≥1200人"), ("低保对象满意度", "≥95%")]
    assert _pairs(second.kpis) == [("补贴发放及时率", "100%")]
    assert second.span.end < 50  # stops before 四、部门整体绩效目标


def test_department_block_after_the_last_project_table_is_the_departments() -> None:
    kpis = _read(NO_FOOTERS).department_kpis
    assert _pairs(kpis) == [("救助人数", "≥1500人"), ("服务对象满意度", "≥90%")]
    assert (kpis[1].level1, kpis[1].level2) == ("满意度指标", "服务对象满意度")


def test_single_cell_table_skips_page_markers() -> None:
    lines, _ = load_lines("指标值\n- 12 -\n保障人数\n11/40\n－ 9 －\n≥1200人\n")
    table = single_cell_table(lines, 0, len(lines))
    assert [r.first for r in table.rows] == ["指标值", "保障人数", "≥1200人"]


@given(
    st.sampled_from(
        [
            "某市2025年项目支出绩效目标表",
            "市级预算部门（单位）项目支出绩效目标申报表",
            "第三部分 2025年部门预算表",
            "第四部分 名词解释",
            "三、部门整体绩效目标",
            "（二）项目支出绩效目标",
            "某局2025年部门整体支出绩效目标表",
        ]
    ),
    st.sampled_from(["", " ", "  "]),
)
def test_titles_end_tables_however_spaced(title: str, pad: str) -> None:
    assert ends_table(pad + title.replace("年", "年" + pad, 1))


def test_cells_and_sentences_do_not_end_tables() -> None:
    for text in [
        "≥90%",
        "低保对象满意度",
        "2024年12月31日前",
        "一、严格执行资金管理办法，确保专款专用。",
        "某市2025年项目支出绩效目标表（续表）",
        "详见2025年项目支出预算表。",
    ]:
        assert not ends_table(text), text


# -- 'label：value' lines ---------------------------------------------------------------

KEY_VALUE = """二、项目支出绩效目标

                      2025年省级项目支出绩效目标表
项目名称：乡村文化广场建设补助
主管部门：某省文化厅                   实施单位：某省文化馆
项目属性：一次性项目                   项目期：1年
项目资金（元）：年度资金总额  4,500,000     其中：财政拨款  4,500,000     其他资金  0
立项依据：《公共文化服务保障法》；《某省公共文化服务体系建设实施方案》
（某政发〔2021〕8号）
项目概况：支持各县新建乡村文化广场。
保障措施：执行《某省文化专项资金管理办法》（某财教[2022]3号）。
年度目标：新建乡村文化广场90个。
一级指标      二级指标          三级指标                         指标值
产出指标      数量指标          新建文化广场数量                 ≥90个
              质量指标          广场验收合格率                   100%
效益指标      社会效益指标      群众文化活动参与人次覆盖         持续提高
                                范围
满意度指标    服务对象满意度    群众满意度                       ≥90%

                                     — 21 —

                      2025年省级项目支出绩效目标表
项目名称:非遗保护传承经费
主管部门:某省文化厅                    实施单位:某省非遗保护中心
项目属性:经常性项目                    项目期:1年
年度资金总额:800,000
立项依据:《非物质文化遗产法》
一级指标      二级指标          三级指标                         指标值
产出指标      数量指标          传承人补助人数                   =120人
满意度指标    服务对象满意度    传承人满意度                     ≥95%
"""


def test_key_value_lines_are_label_and_value() -> None:
    first, second = _read(KEY_VALUE).tables
    assert (first.name, first.amount_yuan) == ("乡村文化广场建设补助", 4500000)
    assert (first.fields["implementing_unit"], first.fields["attribute"]) == ("某省文化馆", "一次性项目")
    assert first.fields["period"] == "1年"
    assert first.fields["legal_basis"] == (
        "《公共文化服务保障法》；《某省公共文化服务体系建设实施方案》（某政发〔2021〕8号）"
    )
    assert first.fields["measures"] == "执行《某省文化专项资金管理办法》（某财教[2022]3号）。"
    assert first.fields["goals"] == "新建乡村文化广场90个。"
    assert (second.name, second.amount_yuan, second.fields["implementing_unit"]) == (
        "非遗保护传承经费",
        800000,
        "某省非遗保护中心",
    )


def test_kpi_grid_under_key_value_lines_is_the_projects_not_the_departments() -> None:
    reading = _read(KEY_VALUE)
    first, second = reading.tables
    assert reading.department_kpis == []
    assert _pairs(first.kpis) == [
        ("新建文化广场数量", "≥90个"),
        ("广场验收合格率", "100%"),
        ("群众文化活动参与人次覆盖范围", "持续提高"),  # the name wrapped onto a row of its own
        ("群众满意度", "≥90%"),
    ]
    assert _pairs(second.kpis) == [("传承人补助人数", "=120人"), ("传承人满意度", "≥95%")]


def test_label_value_cells_inside_a_pipe_table() -> None:
    text = "\n".join(
        [
            "项目支出绩效目标表",
            "| 项目名称：档案数字化经费 | |",
            "| 实施单位：某市档案馆 | 项目属性：一次性项目 |",
            "| 立项依据：《档案法》 | |",
            "| 一级指标 | 二级指标 | 三级指标 | 指标值 |",
            "| 产出指标 | 数量指标 | 数字化档案卷数 | ≥5000卷 |",
        ]
    )
    reading = _read(text)
    (t,) = reading.tables
    assert (t.name, t.fields["implementing_unit"], t.fields["legal_basis"]) == (
        "档案数字化经费",
        "某市档案馆",
        "《档案法》",
    )
    assert _pairs(t.kpis) == [("数字化档案卷数", "≥5000卷")]
    assert reading.department_kpis == []


def test_a_stray_name_line_without_other_fields_starts_no_table() -> None:
    text = "项目名称：某某工程\n本项目已于上年完工。\n一级指标\n二级指标\n三级指标\n指标值\n产出指标\n数量指标\n完工数\n=1个\n"
    reading = _read(text)
    assert reading.tables == []
    assert _pairs(reading.department_kpis) == [("完工数", "=1个")]


_FIELD_WORDS = sorted({w for w in labels().performance_fields if w})


@given(
    st.sampled_from(_FIELD_WORDS),
    st.sampled_from(["：", ":"]),
    st.text(alphabet="某市县局经费保障资金年度《》（）〔〕0123456789号、", min_size=1, max_size=30),
)
def test_split_labelled_gives_the_label_and_the_value(label: str, colon: str, value: str) -> None:
    cells = split_labelled(Cell(f"{label}{colon}{value}", 7, 2))
    assert [c.text for c in cells] == [label, value]
    assert {(c.line, c.col) for c in cells} == {(7, 2)}


@given(st.text(alphabet="某市县局经费保障资金年度《》0123456789，。 ", max_size=40))
def test_text_without_a_field_label_is_not_split(text: str) -> None:
    cell = Cell(text.strip(), 1, 0)
    assert split_labelled(cell) == [cell] or not cell.text
