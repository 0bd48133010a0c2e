"""Project lists a PDF export damaged, and list headers of other templates.

Rows whose cells moved as a block (an empty cell dropped or doubled), a row broken at a cell
boundary over two lines, two rows written on one line, one-cell-per-line lists with two cells
on a line or a name wrapped mid-word; lists whose only amount column is 上年结转 and lists
naming the project in a 二级项目 column under 一级项目 groups.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from ingest_snippets import listed_projects

from budgetkg.ingest.lines import Line
from budgetkg.ingest.project_list import (
    ListedProject,
    split_mixed_line,
)
from budgetkg.ingest.records import Report


def _rows(projects: list[ListedProject]) -> list[tuple[str, float | None, str | None]]:
    return [(p.name, p.amount_wan, p.budget_unit) for p in projects]


def _messages(report: Report) -> list[str]:
    return [f.message for f in report.findings if f.severity == "reconciliation"]


# -- 上年结转 as the only amount column; 二级项目 as the name column ---------------------------

CARRY_ONLY = """2025年上年结转项目支出表
编制部门：某某区某某街道办事处\t\t\t单位：万元
单位名称/项目名称\t项目类别\t上年结转
合计\t\t85.00
某某区某某街道办事处\t\t85.00
老旧小区加装电梯补助\t特定目标类\t85.00
"""

CODE_CARRY_ONLY = """表5  上年结转项目支出表
单位：某某市疾病预防控制中心\t\t\t金额单位：元
项目代码\t项目名称\t项目类别\t上年结转
\t合计\t\t420 000.00
33000024T000000123456\t实验室质量控制能力提升\t特定目标类\t420 000.00
"""


def test_carry_over_column_is_the_amount_when_no_total_column() -> None:
    listed = listed_projects(CARRY_ONLY)
    assert _rows(listed) == [("老旧小区加装电梯补助", 85.0, "某某区某某街道办事处")]
    assert listed[0].carry_over


def test_carry_over_column_beside_a_project_code_in_yuan() -> None:
    listed = listed_projects(CODE_CARRY_ONLY)
    assert [(p.name, p.amount_wan, p.carry_over) for p in listed] == [("实验室质量控制能力提升", 42.0, True)]


def test_carry_over_is_a_funding_column_when_a_total_column_exists() -> None:
    text = """2025年项目支出预算表
项目名称\t项目类别\t合计\t本年预算\t上年结转
某某设备购置\t特定目标类\t130.00\t100.00\t30.00
"""
    listed = listed_projects(text)
    assert [(p.name, p.amount_wan, p.carry_over) for p in listed] == [("某某设备购置", 130.0, False)]


TWO_LEVEL = """表三
2025年项目支出预算表
部门：某某区园林绿化局\t\t\t\t\t\t单位：元
项目代码\t一级项目\t二级项目\t项目类别\t合计\t财政拨款\t其他资金
\t合计\t\t\t3 520 000.00\t3 400 000.00\t120 000.00
11010525T000000300001\t绿地养护管理\t公园绿地日常养护\t其他运转类\t2 300 000.00\t2 300 000.00\t
11010525T000000300002\t\t行道树修剪补植\t特定目标类\t1 100 000.00\t1 100 000.00\t
11010525T000000300003\t林业有害生物防治\t美国白蛾防控药剂采购\t特定目标类\t120 000.00\t\t120 000.00
"""


def test_second_level_project_column_names_the_project() -> None:
    assert [(p.name, p.amount_wan) for p in listed_projects(TWO_LEVEL)] == [
        ("公园绿地日常养护", 230.0),
        ("行道树修剪补植", 110.0),
        ("美国白蛾防控药剂采购", 12.0),
    ]


# -- cells moved as a block: an empty cell dropped or doubled ---------------------------------

SHIFTED_PIPE = """2025年项目支出预算表
单位：万元

| 单位名称 | 项目名称 | 项目类别 | 合计 | 一般公共预算 | 政府性基金预算 |
|------|------|------|------|------|------|
| 某某县档案馆 | | | 300.00 | 300.00 | |
| | 档案数字化加工经费 | 特定目标类 | 120.00 | 120.00 | |
| | | 档案库房设备运维经费 | 其他运转类 | 80.00 | 80.00 |
| 馆藏档案抢救修复经费 | 特定目标类 | 100.00 | 100.00 | |
| 合计 | | | 300.00 | 300.00 | |
"""


def test_shifted_rows_are_realigned_by_content() -> None:
    report = Report(doc="synthetic.txt")
    listed = listed_projects(SHIFTED_PIPE, report)
    assert _rows(listed) == [
        ("档案数字化加工经费", 120.0, "某某县档案馆"),
        ("档案库房设备运维经费", 80.0, "某某县档案馆"),
        ("馆藏档案抢救修复经费", 100.0, "某某县档案馆"),
    ]
    assert [p.list_type for p in listed] == ["特定目标类", "其他运转类", "特定目标类"]
    assert sum("realigned" in m for m in _messages(report)) == 2


def test_shifted_row_without_a_type_column() -> None:
    text = """2025年项目支出预算表
单位名称\t项目名称\t合计\t财政拨款
某某镇人民政府\t\t50.00\t50.00
\t村级组织运转补助经费\t30.00\t30.00
农村人居环境整治经费\t20.00\t20.00
"""
    assert _rows(listed_projects(text)) == [
        ("村级组织运转补助经费", 30.0, "某某镇人民政府"),
        ("农村人居环境整治经费", 20.0, "某某镇人民政府"),
    ]


def test_total_and_unit_rows_are_not_realigned() -> None:
    text = """2025年项目支出预算表
序号\t项目名称\t单位名称\t合计\t一般公共预算
合计\t70.00\t70.00
1\t防汛物资储备经费\t某某县水利局\t70.00\t70.00
"""
    report = Report(doc="synthetic.txt")
    assert _rows(listed_projects(text, report)) == [("防汛物资储备经费", 70.0, "某某县水利局")]
    assert not any("realigned" in m for m in _messages(report))


# -- a row split at a cell boundary; two rows on one line --------------------------------------

SPLIT_TAB = """2025年项目支出预算表
单位名称\t项目名称\t项目类别\t合计\t一般公共预算\t政府性基金预算
某某县气象局\t\t\t90.00\t90.00\t
\t人工影响天气作业经费
特定目标类\t60.00\t60.00\t
\t气象观测站运维经费\t其他运转类\t30.00\t30.00\t
"""

SPLIT_PIPE = """2025年项目支出预算表

| 单位名称 | 项目名称 | 项目类别 | 合计 | 一般公共预算 | 政府性基金预算 |
|------|------|------|------|------|------|
| 某某县气象局 | | | 90.00 | 90.00 | |
| | 人工影响天气作业经费 | 特定目标类 |
| 60.00 | 60.00 | |
| | 气象观测站运维经费 | 其他运转类 | 30.00 | 30.00 | |
"""


def test_row_split_over_two_lines_is_joined() -> None:
    for text in (SPLIT_TAB, SPLIT_PIPE):
        report = Report(doc="synthetic.txt")
        listed = listed_projects(text, report)
        assert _rows(listed) == [
            ("人工影响天气作业经费", 60.0, "某某县气象局"),
            ("气象观测站运维经费", 30.0, "某某县气象局"),
        ], text
        assert [p.list_type for p in listed] == ["特定目标类", "其他运转类"]
        assert any("split over two lines" in m for m in _messages(report))


MERGED_PIPE = """2025年项目支出预算表

| 单位名称 | 项目名称 | 项目类别 | 合计 | 一般公共预算 | 政府性基金预算 |
|------|------|------|------|------|------|
| 某某市民政局 | | | 70.00 | 70.00 | |
| | 养老服务补贴经费 | 特定目标类 | 40.00 | 40.00 | | | 社会救助核查经费 | 其他运转类 | 30.00 | 30.00 | |
"""

MERGED_TAB = """2025年项目支出预算表
单位名称\t项目名称\t项目类别\t合计\t一般公共预算\t政府性基金预算
某某市民政局\t\t\t70.00\t70.00\t
\t养老服务补贴经费\t特定目标类\t40.00\t40.00\t\t\t社会救助核查经费\t其他运转类\t30.00\t30.00\t
"""


def test_two_rows_on_one_line_are_split() -> None:
    for text in (MERGED_PIPE, MERGED_TAB):
        report = Report(doc="synthetic.txt")
        listed = listed_projects(text, report)
        assert _rows(listed) == [
            ("养老服务补贴经费", 40.0, "某某市民政局"),
            ("社会救助核查经费", 30.0, "某某市民政局"),
        ], text
        assert any("two rows" in m for m in _messages(report))


def test_wide_amount_rows_are_not_split() -> None:
    """Rows with more amount cells than the header has columns hold one project."""
    text = """2025年项目支出预算表
项目名称\t合计\t财政拨款
某某系统运维经费\t10.00\t10.00\t0.00\t0.00\t0.00\t0.00
"""
    assert _rows(listed_projects(text)) == [("某某系统运维经费", 10.0, None)]


# -- one cell per line ----------------------------------------------------------------------

SINGLE = """2025年项目支出预算表（本年预算）
单位：万元
单位名称
项目名称
项目类别
合计
一般公共预算
合计
1,280.00
1,280.00
某某区市政管理局
1,280.00
1,280.00
城市照明设施维护经费
其他运转类 180.00
180.00
桥梁定期检测服务经费
其他运转类
100.00
100.00 违法户外广告整治专项经费
特定目标类
200.00
200.00
城市道路机械化清扫保洁服
务经费
其他运转类
800.00
800.00
"""


def test_single_cell_list_with_two_cells_on_a_line_and_a_wrapped_name() -> None:
    listed = listed_projects(SINGLE)
    assert _rows(listed) == [
        ("城市照明设施维护经费", 180.0, "某某区市政管理局"),
        ("桥梁定期检测服务经费", 100.0, "某某区市政管理局"),
        ("违法户外广告整治专项经费", 200.0, "某某区市政管理局"),
        ("城市道路机械化清扫保洁服务经费", 800.0, "某某区市政管理局"),
    ]
    assert [p.list_type for p in listed] == ["其他运转类"] * 2 + ["特定目标类", "其他运转类"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from("某市县区城乡道路清扫保洁服务运维经费资金2024年"), min_size=1, max_size=12),
    st.integers(min_value=0, max_value=99999),
    st.booleans(),
)
def test_split_mixed_line_keeps_text_and_money_apart(chars: list[str], cents: int, before: bool) -> None:
    name = "".join(chars)
    money = f"{cents / 100:,.2f}"
    text = f"{money} {name}" if before else f"{name} {money}"
    parts = [p.text for p in split_mixed_line(Line(3, text))]
    assert parts == ([money, name] if before else [name, money])
    assert [p.text for p in split_mixed_line(Line(3, name))] == [name]  # no money: one cell
