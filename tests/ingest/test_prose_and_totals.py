"""Department KPIs written as sentences beside project tables; 收入总计 and 三公经费 in every layout."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from budgetkg.ingest.budget_cells import single_cell_label_tables
from budgetkg.ingest.budget_tables import BudgetTotals, read_totals
from budgetkg.ingest.document import read_document_facts
from budgetkg.ingest.extract import extract_bytes
from budgetkg.ingest.lines import Line, load_lines
from budgetkg.ingest.paragraphs import paragraphs
from budgetkg.ingest.prose import kpis_of_paragraph, numbering, read_section_department_kpis
from budgetkg.ingest.records import Kpi, Report, Span
from budgetkg.ingest.tables import read_tables


def _lines(text: str) -> list[Line]:
    return load_lines(text)[0]


def _totals(text: str) -> BudgetTotals:
    lines = _lines(text)
    tables = read_tables(lines)
    found = sorted([*tables, *single_cell_label_tables(lines, tables)], key=lambda t: t.rows[0].line)
    return read_totals(found, Report(doc="t"))


def _kpis(text: str) -> list[tuple[str | None, str | None, str, str]]:
    out = []
    for p in paragraphs(_lines(text)):
        out.extend((k.level1, k.level2, k.name, k.value.raw) for k in kpis_of_paragraph(p, Report(doc="t")))
    return out


# -- KPI sentences behind list numbering -------------------------------------------------------


def test_numbering_styles_have_ranks() -> None:
    assert numbering("第三部分 绩效目标") == (0, 5)
    assert numbering("二、项目支出绩效目标") == (1, 2)
    assert numbering("（二）效益指标：") == (2, 3)
    assert [numbering(t)[0] for t in ("3．产出", "3、产出", "3. 产出")] == [3, 3, 3]  # type: ignore[index]
    assert [numbering(t)[0] for t in ("（2）数量", "(2)数量", "2）数量")] == [4, 4, 4]  # type: ignore[index]
    assert numbering("②满意度指标") == (5, 1)
    assert numbering("2.5万元用于") is None
    assert numbering("产出指标：") is None


def test_kpi_sentences_are_read_behind_every_numbering_style() -> None:
    text = "\n\n".join(
        [
            "1．产出指标：全年开展督导检查不少于24次。",
            "2、效益指标：群众知晓率达到95%。",
            "（一）满意度指标：办事群众满意度不低于90%。",
            "(1)数量指标:培训基层干部大于300人次。",
            "①质量指标：档案归档合格率100%。",
            "三、时效指标：资金拨付及时率100%。",
            "4. 成本指标：人均培训成本不超过800元。",
        ]
    )
    assert _kpis(text) == [
        ("产出指标", None, "全年开展督导检查", "不少于24次"),
        ("效益指标", None, "群众知晓率", "达到95%"),
        ("满意度指标", None, "办事群众满意度", "不低于90%"),
        ("产出指标", "数量指标", "培训基层干部", "大于300人次"),
        ("产出指标", "质量指标", "档案归档合格率", "100%"),
        ("产出指标", "时效指标", "资金拨付及时率", "100%"),
        ("产出指标", "成本指标", "人均培训成本", "不超过800元"),
    ]


def test_a_verb_leading_the_target_stays_with_the_value() -> None:
    assert _kpis("2．效益指标：全市文明指数排名保持前10位，森林覆盖率提高到62%。") == [
        ("效益指标", None, "全市文明指数排名", "保持前10位"),
        ("效益指标", None, "森林覆盖率", "提高到62%"),
    ]


def test_a_numbered_sentence_without_a_level_label_is_no_kpi() -> None:
    assert _kpis("1．围绕年度重点工作，全面提升服务水平。\n\n（二）产出指标") == []


# -- department KPIs of a goal section ---------------------------------------------------------

_SECTION_DOC = """第四部分 绩效目标

一、部门整体绩效目标

2024年，本局围绕中心工作，全面完成各项任务，部门整体绩效指标如下：

1．产出指标：开展安全生产检查不少于120次，组织应急演练大于8场。

2．效益指标：较大以上事故发生起数0起。

3．满意度指标：企业满意度不低于90%。

二、项目支出绩效目标

项目名称：应急物资储备经费
产出指标：储备帐篷数量不少于500顶。
"""


def test_department_section_kpis_are_read_and_project_sentences_are_not() -> None:
    kpis = read_section_department_kpis(_lines(_SECTION_DOC), Report(doc="t"), [])
    assert [(k.level1, k.name, k.value.raw) for k in kpis] == [
        ("产出指标", "开展安全生产检查", "不少于120次"),
        ("产出指标", "组织应急演练", "大于8场"),
        ("效益指标", "较大以上事故发生起数", "0起"),
        ("满意度指标", "企业满意度", "不低于90%"),
    ]
    assert kpis[0].span == Span(7, 7)


def test_a_subheading_does_not_end_the_department_section() -> None:
    text = "三、部门整体支出绩效目标\n\n（一）年度总体目标\n\n保障机关正常运转。\n\n（二）年度绩效指标\n\n1．产出指标：办理提案建议100件。\n"
    kpis = read_section_department_kpis(_lines(text), Report(doc="t"), [])
    assert [(k.name, k.value.raw) for k in kpis] == [("办理提案建议", "100件")]


def test_a_section_with_a_department_kpi_table_is_left_to_the_table() -> None:
    lines = _lines(_SECTION_DOC)
    from_table = Kpi("产出指标", "数量指标", "开展安全生产检查", None, None, Span(9, 9))
    assert read_section_department_kpis(lines, Report(doc="t"), [from_table]) == []
    elsewhere = Kpi("产出指标", "数量指标", "开展安全生产检查", None, None, Span(40, 40))
    names = [k.name for k in read_section_department_kpis(lines, Report(doc="t"), [elsewhere])]
    assert names == ["组织应急演练", "较大以上事故发生起数", "企业满意度"]  # no name given twice


_TABLE_DOC = """某某县应急管理局2024年部门预算公开

一、收支预算总体情况

2024年收入总计300.00万元，支出总计300.00万元，其中基本支出200.00万元，项目支出100.00万元。

2024年项目支出预算表
| 项目名称 | 合计 |
|--|--|
| 应急物资储备经费 | 100.00 |

二、部门整体绩效目标

（一）产出指标：开展安全生产检查不少于120次。

（二）满意度指标：企业满意度不低于90%。

三、项目支出绩效目标

2024年项目支出绩效目标表
| 项目名称 | 应急物资储备经费 |
| 主管部门 | 某某县应急管理局 |
| 实施单位 | 某某县应急管理局 |
| 项目属性 | 经常性项目 |
| 项目资金（元） | 年度资金总额 | 1,000,000 |
| 一级指标 | 二级指标 | 三级指标 | 指标值 |
| 产出指标 | 数量指标 | 储备帐篷数量 | ≥500顶 |
| 满意度指标 | 服务对象满意度 | 受灾群众满意度 | ≥90% |
"""


def test_prose_department_kpis_beside_project_tables() -> None:
    disclosure, report = extract_bytes(_TABLE_DOC.encode("utf-8"), "t.txt")
    assert disclosure is not None, report.error
    assert [p.name for p in disclosure.projects] == ["应急物资储备经费"]
    assert [(k.name, k.value.raw) for k in disclosure.projects[0].kpis] == [
        ("储备帐篷数量", "≥500顶"),
        ("受灾群众满意度", "≥90%"),
    ]
    assert [(k.level1, k.name, k.value.raw) for k in disclosure.department_kpis] == [
        ("产出指标", "开展安全生产检查", "不少于120次"),
        ("满意度指标", "企业满意度", "不低于90%"),
    ]


# -- 收入总计 ----------------------------------------------------------------------------------


def test_income_total_beside_its_label_in_pipe_tab_and_space_layouts() -> None:
    pipe = "2024年部门收支预算总表\n| 项目 | 预算数 | 项目 | 预算数 |\n|--|--|--|--|\n| 收入总计 | 1,234.50 | 支出总计 | 1,234.50 |\n"
    tab = "2024年部门收支总表\n项目\t预算数\t项目\t预算数\n收入总计\t1,234.50\t支出总计\t1,234.50\n"
    space = (
        "2024年部门收支总表\n"
        "项目              预算数      项目          预算数\n"
        "本年收入合计    1,200.00      本年支出合计  1,234.50\n"
        "上年结转           34.50      年终结转结余\n"
        "收入总计        1,234.50      支出总计      1,234.50\n"
    )
    assert [_totals(t).budget_total_wan for t in (pipe, tab, space)] == [1234.5, 1234.5, 1234.5]


def test_income_total_one_cell_per_line() -> None:
    text = "\n".join(
        [
            "2024年部门收支预算总表",
            "单位：万元",
            "收入",
            "支出",
            "项目",
            "预算数",
            "一、一般公共预算拨款",
            "1,200.00",
            "一、一般公共服务支出",
            "1,234.50",
            "上年结转",
            "34.50",
            "年末结转结余",
            "收入总计",
            "1,234.50",
            "支出总计",
            "1,234.50",
        ]
    )
    assert _totals(text).budget_total_wan == 1234.5


def test_income_total_on_single_spaced_lines() -> None:
    text = "2024年收入预算总表\n本年收入合计 1,200.00\n上年结转 34.50\n收入总计：1,234.50 支出总计 1,234.50\n"
    assert _totals(text).budget_total_wan == 1234.5


def test_income_total_as_a_column_header() -> None:
    text = "2024年部门收入总表\n| 科目编码 | 科目名称 | 收入总计 | 上年结转 |\n| | 合计 | 880.00 | 20.00 |\n"
    assert _totals(text).budget_total_wan == 880.0


def _facts(text: str):  # type: ignore[no-untyped-def]
    lines = _lines(text)
    return read_document_facts(lines, Report(doc="t"), read_tables(lines))


def test_income_total_from_prose() -> None:
    said = [
        "2024年部门收入预算18,642.50万元，支出预算18,642.50万元。",
        "2024年收支总预算18,642.50万元。",
        "本部门2024年收入预算总计18,642.50万元。",
        "2024年部门预算总额为18,642.50万元。",
    ]
    assert [_facts(s).budget_total_wan for s in said] == [18642.5] * 4


# -- 三公经费 ----------------------------------------------------------------------------------


def test_three_public_total_as_a_column_header_in_every_layout() -> None:
    pipe = (
        "2024年一般公共预算“三公”经费支出表\n"
        "| 合计 | 因公出国（境）费 | 公务用车购置及运行费 | | | 公务接待费 |\n"
        "|--|--|--|--|--|--|\n"
        "| | | 小计 | 公务用车购置费 | 公务用车运行费 | |\n"
        "| 7.20 | 0.00 | 5.00 | 0.00 | 5.00 | 2.20 |\n"
    )
    tab = "2024年“三公”经费财政拨款预算表\n合计\t因公出国（境）费\t公务用车购置及运行费\t公务接待费\n7.20\t0.00\t5.00\t2.20\n"
    space = (
        "2024年“三公”经费预算表\n"
        "合计      因公出国（境）费    公务用车购置及运行费    公务接待费\n"
        "7.20                  0.00                    5.00          2.20\n"
    )
    single = "2024年“三公”经费预算表\n单位：万元\n合计\n因公出国（境）费\n公务用车购置及运行费\n公务接待费\n7.20\n0.00\n5.00\n2.20\n"
    assert [_totals(t).three_public_wan for t in (pipe, tab, space, single)] == [7.2] * 4


def test_three_public_total_as_a_row_label_and_an_empty_table() -> None:
    row = "2024年“三公”经费支出表\n| 项目 | 预算数 |\n|--|--|\n| 合计 | 3.40 |\n| 公务接待费 | 3.40 |\n"
    empty = (
        "2024年“三公”经费支出表\n| 合计 | 因公出国（境）费 | 公务接待费 |\n|--|--|--|\n| 本表无数据 | | |\n"
    )
    assert [_totals(row).three_public_wan, _totals(empty).three_public_wan] == [3.4, 0.0]


def test_a_sentence_mentioning_three_public_does_not_title_a_table() -> None:
    text = "2024年“三公”经费预算为4.50万元，比上年减少。\n| 项目 | 金额 |\n|--|--|\n| 合计 | 99.00 |\n"
    assert _totals(text).three_public_wan is None


def test_three_public_from_prose_with_fillers() -> None:
    said = [
        "2024年“三公”经费财政拨款支出预算为4.50万元，比2023年减少0.50万元。",
        "2025年“三公”经费财政拨款预算4.50万元，其中：因公出国（境）费0万元。",
        "2024年一般公共预算“三公”经费支出预算4.50万元。",
    ]
    assert [_facts(s).three_public_wan for s in said] == [4.5] * 3


# -- properties --------------------------------------------------------------------------------

_AMOUNT = st.decimals(min_value=0, max_value=999999, places=2, allow_nan=False, allow_infinity=False)


def _render(rows: list[list[str]], layout: str) -> list[str]:
    if layout == "pipe":
        return (
            ["| " + " | ".join(r) + " |" for r in rows[:1]]
            + ["|--" * len(rows[0]) + "|"]
            + ["| " + " | ".join(r) + " |" for r in rows[1:]]
        )
    if layout == "tab":
        return ["\t".join(r) for r in rows]
    if layout == "space":
        width = max(len(c) for r in rows for c in r) * 2 + 4
        return ["".join(c.ljust(width - len(c)) for c in r).rstrip() for r in rows]
    return [c for r in rows for c in r if c]


@settings(max_examples=60, deadline=None)
@given(
    income=_AMOUNT,
    carried=_AMOUNT,
    three=st.lists(_AMOUNT, min_size=3, max_size=3),
    layout=st.sampled_from(["pipe", "tab", "space", "single"]),
)
def test_totals_are_read_whatever_the_layout(income, carried, three, layout) -> None:  # type: ignore[no-untyped-def]
    total = income + carried
    overview = [
        ["项目", "预算数", "项目", "预算数"],
        ["本年收入合计", f"{income:,.2f}", "本年支出合计", f"{total:,.2f}"],
        ["上年结转", f"{carried:,.2f}", "年末结转结余", "0.00"],
        ["收入总计", f"{total:,.2f}", "支出总计", f"{total:,.2f}"],
    ]
    public = [
        ["合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"],
        [f"{sum(three):,.2f}", *(f"{v:,.2f}" for v in three)],
    ]
    text = "\n".join(
        [
            "2024年部门收支总表",
            *_render(overview, layout),
            "",
            "2024年“三公”经费预算表",
            *_render(public, layout),
        ]
    )
    totals = _totals(text)
    assert totals.budget_total_wan == float(total)
    assert totals.three_public_wan == float(sum(three))
