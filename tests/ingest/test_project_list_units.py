"""Project lists with budget units: a unit column on every row, a title row inside a tab
table, a unit's own list after the department's, and a 上年结转 funding column.

A tab export writes a table title as ``表3<TAB>某某表``, a row of the table above; the
title still names the list below. A 项目单位 column written on every row with a 小计 row
per unit gives each project its unit (one name under two units: two projects). After the
department's list grouped by unit, each unit's own list (captioned 单位：某某院) repeats its
projects: one project each, read from the first list.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from budgetkg.ingest import extract_bytes
from budgetkg.ingest.lines import load_lines
from budgetkg.ingest.project_list import ListedProject, caption_unit, read_project_lists, untitled
from budgetkg.ingest.records import Report
from budgetkg.ingest.tables import read_tables


def _listed(text: str, report: Report | None = None) -> list[ListedProject]:
    lines, _ = load_lines(text)
    return read_project_lists(read_tables(lines), report or Report(doc="synthetic.txt"))


def _rows(projects: list[ListedProject]) -> list[tuple[str, float | None, str | None, bool]]:
    return [(p.name, p.amount_wan, p.budget_unit, p.carry_over) for p in projects]


# -- a tab list with its unit written on every row ----------------------------------------------

_TAB_LIST = "\n".join(
    [
        "科目编码\t科目名称\t合计\t基本支出\t项目支出",
        "\t合计\t900.00\t500.00\t400.00",
        "205\t教育支出\t900.00\t500.00\t400.00",
        "",
        "表3\t2025年部门项目支出预算表",
        "单位：万元",
        "项目单位\t项目名称\t项目类型\t合计\t一般公共预算\t政府性基金预算",
        "合计\t\t\t400.00\t380.00\t20.00",
        "某某区卫生局\t小计\t\t250.00\t\t",
        "某某区卫生局\t社区义诊活动经费\t特定目标类\t150.00\t150.00\t",
        "某某区卫生局\t卫生信息系统运维经费\t其他运转类\t100.00\t80.00\t20.00",
        "某某区急救中心\t小计\t\t150.00\t\t",
        "某某区急救中心\t卫生信息系统运维经费\t其他运转类\t60.00\t60.00\t",
        "某某区急救中心\t急救车辆运行经费\t其他运转类\t90.00\t90.00\t",
        "",
        "表4\t2025年上年结转项目支出预算表",
        "单位：万元",
        "项目单位\t项目名称\t项目类型\t上年结转",
        "合计\t\t\t12.50",
        "某某区急救中心\t急救站点改造工程\t特定目标类\t12.50",
        "",
        "表5\t2025年政府采购预算表",
        "单位：万元",
        "项目名称\t采购品目\t采购方式\t金额",
        "社区义诊活动经费\t医疗服务\t公开招标\t40.00",
    ]
)


def test_tab_title_row_names_the_list_below_and_units_come_from_every_row() -> None:
    assert _rows(_listed(_TAB_LIST)) == [
        ("社区义诊活动经费", 150.0, "某某区卫生局", False),
        ("卫生信息系统运维经费", 100.0, "某某区卫生局", False),
        ("卫生信息系统运维经费", 60.0, "某某区急救中心", False),
        ("急救车辆运行经费", 90.0, "某某区急救中心", False),
        ("急救站点改造工程", 12.5, "某某区急救中心", True),
    ]  # 小计 rows are subtotals; the 政府采购 table under its own title is no list


def test_title_row_leaves_the_table_it_was_read_into() -> None:
    lines, _ = load_lines(_TAB_LIST)
    tables = untitled(read_tables(lines))
    titles = [t.title for t in tables]
    assert any(t.startswith("表3") and "项目支出预算表" in t for t in titles)
    assert any(t.startswith("表4") and "上年结转" in t for t in titles)
    assert not any(r.texts[0].startswith("表") for t in tables for r in t.rows)


def test_tab_list_in_a_whole_document() -> None:
    text = "某某区卫生局2025年部门预算\n\n一、部门预算表\n\n" + _TAB_LIST + "\n"
    disclosure, _ = extract_bytes(text.encode("utf-8"), "synthetic.txt")
    assert disclosure is not None
    got = {(p.name, p.amount_wan, p.budget_unit) for p in disclosure.projects}
    assert ("卫生信息系统运维经费", 100.0, "某某区卫生局") in got
    assert ("卫生信息系统运维经费", 60.0, "某某区急救中心") in got
    assert len(disclosure.projects) == 5


# -- a unit's own list after the department's ------------------------------------------------------

_UNIT_LISTS = """表四 项目支出预算表
部门：某某市民政局 单位：万元
| 单位名称 | 项目名称 | 项目类型 | 合计 | 一般公共预算拨款 |
|---|---|---|---|---|
| 合计 |  |  | 700.00 | 700.00 |
| 某某市民政局 |  |  | 400.00 | 400.00 |
|  | 低保对象救助资金 | 其他运转类 | 400.00 | 400.00 |
| 某某市福利院 |  |  | 200.00 | 200.00 |
|  | 儿童养育经费 | 其他运转类 | 120.00 | 120.00 |
|  | 院舍维修项目 | 特定目标类 | 80.00 | 80.00 |
| 某某市救助站 |  |  | 100.00 | 100.00 |
|  | 救助管理经费 | 其他运转类 | 100.00 | 100.00 |

一、某某市福利院2024年单位预算

单位项目支出预算表
单位：某某市福利院 金额单位：万元
| 项目名称 | 项目类型 | 合计 | 一般公共预算拨款 |
|---|---|---|---|
| 合计 |  | 200.00 | 200.00 |
| 儿童养育经费 | 其他运转类 | 120.00 | 120.00 |
| 院舍维修项目 | 特定目标类 | {repair} | {repair} |

二、某某市救助站2024年单位预算

单位项目支出预算表
单位：某某市救助站 金额单位：万元
| 项目名称 | 项目类型 | 合计 | 一般公共预算拨款 |
|---|---|---|---|
| 合计 |  | 100.00 | 100.00 |
| 救助管理经费 | 其他运转类 | 100.00 | 100.00 |
"""


def test_unit_lists_repeat_the_department_list_once() -> None:
    report = Report(doc="synthetic.txt")
    got = _rows(_listed(_UNIT_LISTS.format(repair="80.00"), report))
    assert got == [
        ("低保对象救助资金", 400.0, "某某市民政局", False),
        ("儿童养育经费", 120.0, "某某市福利院", False),
        ("院舍维修项目", 80.0, "某某市福利院", False),
        ("救助管理经费", 100.0, "某某市救助站", False),
    ]
    repeats = [f for f in report.findings if "repeats the row of an earlier list" in f.message]
    assert len(repeats) == 3 and all(f.severity == "reconciliation" for f in repeats)


def test_a_repeat_with_another_amount_keeps_the_first_and_warns() -> None:
    report = Report(doc="synthetic.txt")
    got = _rows(_listed(_UNIT_LISTS.format(repair="85.00"), report))
    assert ("院舍维修项目", 80.0, "某某市福利院", False) in got
    assert len(got) == 4
    warned = [f for f in report.findings if f.severity == "warning" and "院舍维修项目" in f.message]
    assert warned and "85" in warned[0].message


def test_a_unit_list_without_the_department_list_takes_its_caption_unit() -> None:
    own = _UNIT_LISTS.split("一、", 1)[1].format(repair="80.00")
    assert _rows(_listed(own)) == [
        ("儿童养育经费", 120.0, "某某市福利院", False),
        ("院舍维修项目", 80.0, "某某市福利院", False),
        ("救助管理经费", 100.0, "某某市救助站", False),
    ]  # the unit resets per list: the second list does not inherit the first's


@settings(max_examples=40, deadline=None)
@given(
    unit=st.text(alphabet="甲乙丙丁戊己庚辛", min_size=2, max_size=6).map(lambda s: f"某某市{s}院"),
    gap=st.sampled_from([" ", "  ", "\u3000", ""]),
    colon=st.sampled_from(["：", ":"]),
)
def test_caption_unit_reads_the_unit_whatever_the_spacing(unit: str, gap: str, colon: str) -> None:
    assert caption_unit([f"单位{colon}{unit}{gap}金额单位{colon}万元"]) == unit
    assert caption_unit([f"部门{colon}{unit}{gap}单位{colon}万元"]) is None


# -- a 上年结转 funding column beside 合计 --------------------------------------------------------


def test_a_row_funded_whole_by_carry_over_is_a_carry_over_project() -> None:
    text = """项目支出预算表
单位：万元
| 项目名称 | 项目类别 | 合计 | 本年拨款 | 上年结转 |
|---|---|---|---|---|
| 合计 |  | 300.00 | 250.00 | 50.00 |
| 道路保洁服务经费 | 其他运转类 | 200.00 | 200.00 |  |
| 公园设施维护经费 | 其他运转类 | 60.00 | 50.00 | 10.00 |
| 步道提升工程 | 特定目标类 | 40.00 |  | 40.00 |
"""
    assert [(n, c) for n, _, _, c in _rows(_listed(text))] == [
        ("道路保洁服务经费", False),
        ("公园设施维护经费", False),
        ("步道提升工程", True),
    ]
