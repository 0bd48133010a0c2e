"""Prose 决算 projects and KPIs, bulleted department KPIs, a department table with a 年度目标
column, KPI values that open with 约 or a date, and a 三公 total stated in a sentence."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from budgetkg.ingest.budget_tables import prose_three_public
from budgetkg.ingest.extract import extract_bytes
from budgetkg.ingest.lines import load_lines
from budgetkg.ingest.paragraphs import Paragraph
from budgetkg.ingest.performance import read_performance, single_cell_tables
from budgetkg.ingest.prose import (
    is_actual_clause,
    item_kpis,
    kpis_of_paragraph,
    read_prose_department_kpis,
    read_prose_projects,
    read_section_department_kpis,
    split_kpi_clause,
)
from budgetkg.ingest.records import Report
from budgetkg.ingest.tables import read_tables


def _pairs(kpis) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(k.name, k.value.raw) for k in kpis]


def _report() -> Report:
    return Report(doc="synthetic.txt")


# -- a prose-only 决算 ---------------------------------------------------------------------

FINAL = "\n".join(
    [
        "某县残疾人联合会2023年度部门决算",
        "第二部分 2023年度部门决算情况说明",
        "三、“三公”经费财政拨款支出决算情况说明",
        "2023年度“三公”经费财政拨款支出决算为2.35万元，其中公务接待费2.35万元。",
        "四、预算绩效情况说明",
        "“残疾人康复救助”项目全年预算数52.00万元，全年执行数50.10万元。绩效指标完成情况：产出指标中，"
        "康复救助人数年度指标值为≥300人，实际完成326人；辅具适配率年度指标值为100%，实际完成100%；"
        "满意度指标中，受助对象满意度年度指标值为≥92%，实际完成95%。",
        "“盲人按摩培训”项目年初预算数18.50万元，全年执行数18.00万元。绩效指标完成情况：产出指标中，"
        "培训人数年度指标值为≥60人，实际完成64人。",
        "部门整体支出绩效方面，年度指标为：开展“助残日”宣传活动≥12场次，实际完成15场次；"
        "残疾人证办理时限5个工作日以内，实际完成4个工作日。",
    ]
)


def test_final_account_projects_are_read_from_their_budget_sentences() -> None:
    lines, _ = load_lines(FINAL)
    first, second = read_prose_projects(lines, _report())
    assert (first.name, first.amount_wan, second.name, second.amount_wan) == (
        "残疾人康复救助",
        52.0,
        "盲人按摩培训",
        18.5,
    )
    assert _pairs(first.kpis) == [
        ("康复救助人数", "≥300人"),
        ("辅具适配率", "100%"),
        ("受助对象满意度", "≥92%"),
    ]
    assert [(k.level1, k.column) for k in first.kpis] == [
        ("产出指标", "annual"),
        ("产出指标", "annual"),
        ("满意度指标", "annual"),
    ]
    assert _pairs(second.kpis) == [("培训人数", "≥60人")]


def test_final_account_department_targets_stay_the_departments() -> None:
    lines, _ = load_lines(FINAL)
    kpis = read_prose_department_kpis(lines, _report())
    assert _pairs(kpis) == [("开展“助残日”宣传活动", "≥12场次"), ("残疾人证办理时限", "5个工作日以内")]


def test_a_prose_final_account_extracts_end_to_end() -> None:
    disclosure, _ = extract_bytes(FINAL.encode("utf-8"), "synthetic.txt")
    assert disclosure is not None
    assert disclosure.three_public_wan == 2.35
    assert [p.name for p in disclosure.projects] == ["残疾人康复救助", "盲人按摩培训"]
    assert not any(
        "实际完成" in k.name or k.name.endswith("年度指标值为") for k in disclosure.department_kpis
    )


def test_three_public_sentence_in_yuan_and_without_amount() -> None:
    lines, _ = load_lines("本年度“三公”经费支出决算数为 12,600.00元。")
    assert prose_three_public(lines) == 1.26
    lines, _ = load_lines("“三公”经费增减变化原因说明。")
    assert prose_three_public(lines) is None


@given(st.integers(min_value=1, max_value=99999), st.integers(min_value=0, max_value=99))
def test_three_public_sentence_reads_any_amount(whole: int, cents: int) -> None:
    lines, _ = load_lines(f"2022年度“三公”经费财政拨款支出决算为{whole}.{cents:02d}万元。")
    assert prose_three_public(lines) == float(f"{whole}.{cents:02d}")


def test_actual_clauses_are_results_not_targets() -> None:
    assert is_actual_clause("实际完成58场次") and is_actual_clause("完成值为100%")
    assert not is_actual_clause("实际完成率达到100%") and not is_actual_clause("培训人数≥60人")


# -- KPI clause splitting ----------------------------------------------------------------------


def test_approximate_and_date_targets_keep_their_lead() -> None:
    assert split_kpi_clause("探访关爱老人约3000人") == ("探访关爱老人", "约3000人")
    assert split_kpi_clause("工程竣工时间2026年6月30日前") == ("工程竣工时间", "2026年6月30日前")
    assert split_kpi_clause("补贴发放时间每季度结束后30日内") == ("补贴发放时间", "每季度结束后30日内")
    assert split_kpi_clause("每万人拥有养老床位数35张") == ("每万人拥有养老床位数", "35张")


@given(st.integers(min_value=2000, max_value=2099), st.integers(min_value=1, max_value=12))
def test_a_date_target_starts_at_its_year(year: int, month: int) -> None:
    assert split_kpi_clause(f"验收完成时间{year}年{month}月底前") == (
        "验收完成时间",
        f"{year}年{month}月底前",
    )


@given(st.integers(min_value=1, max_value=99999))
def test_stated_target_word_splits_name_and_value(n: int) -> None:
    assert split_kpi_clause(f"入户走访次数年度指标值为≥{n}次") == ("入户走访次数", f"≥{n}次")


# -- bulleted department KPIs ------------------------------------------------------------------

BULLETS = "\n".join(
    [
        "第三部分 部门整体绩效目标",
        "2025年度部门整体绩效指标如下：",
        "●产出指标：林木种苗供应量不少于50万株；森林防火巡查≥300次。",
        "●满意度指标：林农满意度不低于90%。",
        "第四部分 项目支出绩效目标表",
        "项目名称\t森林防火经费",
        "实施单位\t某县林业局",
        "项目属性\t经常性项目",
        "一级指标\t二级指标\t三级指标\t指标值",
        "产出指标\t数量指标\t巡查次数\t≥300次",
    ]
)


def test_bulleted_level_labels_open_kpi_runs() -> None:
    lines, _ = load_lines(BULLETS)
    kpis = read_section_department_kpis(lines, _report(), [])
    assert _pairs(kpis) == [
        ("林木种苗供应量", "不少于50万株"),
        ("森林防火巡查", "≥300次"),
        ("林农满意度", "不低于90%"),
    ]
    assert [k.level1 for k in kpis] == ["产出指标", "产出指标", "满意度指标"]


UNLABELLED = "\n".join(
    [
        "某区退役军人事务局2025年部门预算",
        "第三部分 部门整体绩效目标",
        "2025年部门整体绩效指标：",
        "●走访慰问退役军人不少于1500人次；",
        "•优抚资金发放准确率达到100%；",
        "◆来访接待办结时限7个工作日以内；",
        "●服务对象满意度≥90%。",
        "第四部分 项目支出绩效目标",
    ]
)


def test_unlabelled_bullets_of_a_department_section_are_kpis() -> None:
    lines, _ = load_lines(UNLABELLED)
    kpis = read_prose_department_kpis(lines, _report())
    assert _pairs(kpis) == [
        ("走访慰问退役军人", "不少于1500人次"),
        ("优抚资金发放准确率", "达到100%"),
        ("来访接待办结时限", "7个工作日以内"),
        ("服务对象满意度", "≥90%"),
    ]
    assert all(k.level1 is None for k in kpis)


def test_numbered_items_read_as_kpis_but_numbered_goals_do_not() -> None:
    p = Paragraph("1．城乡低保保障人数不少于1.2万人；", (1,), (0,))
    assert _pairs(item_kpis(p, _report())) == [("城乡低保保障人数", "不少于1.2万人")]
    goal = Paragraph("2、长期目标 1：接待群众来访，具体指标设置为：", (1,), (0,))
    assert item_kpis(goal, _report()) == []


def test_bullets_outside_a_department_section_are_not_kpis() -> None:
    lines, _ = load_lines("第一部分 概况\n●本局共有在职人员35人。\n第二部分 收支情况")
    assert read_prose_department_kpis(lines, _report()) == []


def test_a_bullet_ends_the_run_of_the_label_before_it() -> None:
    text = "●产出指标：植树面积≥500亩 ●群众满意度≥90%"
    p = Paragraph(text, (1, 2), (0, text.index("●群")))
    assert _pairs(kpis_of_paragraph(p, _report())) == [("植树面积", "≥500亩")]


# -- a department KPI table with a leading 年度目标 column ----------------------------------------


def _department(text: str):  # type: ignore[no-untyped-def]
    lines, _ = load_lines(text)
    tables = read_tables(lines)
    tables = sorted([*tables, *single_cell_tables(lines, tables)], key=lambda t: t.rows[0].line)
    return read_performance(tables, _report()).department_kpis


GOAL_PIPE = "\n".join(
    [
        "### 一、部门整体支出绩效目标表",
        "",
        "| 年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |",
        "|------|------|------|------|------|",
        "| 完善公共文化服务体系，群众满意度保持在90%以上。 | 产出指标 | 数量指标 | 送戏下乡场次 | ≥120场 |",
        "|  |  | 质量指标 | 图书馆免费开放率 | 100% |",
        "|  | 满意度指标 | 服务对象满意度 | 群众满意度 | ≥90% |",
    ]
)

GOAL_LINES = "\n".join(
    [
        "四、部门整体支出绩效目标表",
        "年度目标",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "完善公共文化服务体系，群众满意度保持在90%以上。",
        "产出指标",
        "数量指标",
        "送戏下乡场次",
        "≥120场",
        "质量指标",
        "图书馆免费开放率",
        "100%",
        "满意度指标",
        "服务对象满意度",
        "群众满意度",
        "≥90%",
        "五、项目支出绩效目标表",
    ]
)


def test_goal_column_of_a_pipe_department_table_is_text() -> None:
    kpis = _department(GOAL_PIPE)
    assert _pairs(kpis) == [("送戏下乡场次", "≥120场"), ("图书馆免费开放率", "100%"), ("群众满意度", "≥90%")]
    assert [k.level1 for k in kpis] == ["产出指标", "产出指标", "满意度指标"]


def test_goal_column_of_a_one_cell_per_line_department_table_is_text() -> None:
    kpis = _department(GOAL_LINES)
    assert _pairs(kpis) == [("送戏下乡场次", "≥120场"), ("图书馆免费开放率", "100%"), ("群众满意度", "≥90%")]
    assert [k.level2 for k in kpis] == ["数量指标", "质量指标", "服务对象满意度"]
