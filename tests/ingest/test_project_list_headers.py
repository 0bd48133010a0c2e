"""Project lists found by their header words, wherever the columns stand; watermark lines blanked.

Lists name their columns in many ways (单位名称 | 项目名称 | 项目类型 | 合计, 序号 | 单位编码 |
… | 金额, 预算数, 本年预算); the reader locates the name, unit, amount and text columns by
those words in every layout. Unknown watermark text that a PDF export repeats over its pages
is blanked (and reported) before it can stick to a cell.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ingest_snippets import listed_projects

from budgetkg.ingest import extract_bytes
from budgetkg.ingest.lines import is_watermark, load_lines, read_lines, repeated_watermarks, report_blanked
from budgetkg.ingest.project_list import (
    ListedProject,
    columns,
    header_key,
)
from budgetkg.ingest.records import Report
from budgetkg.ingest.tables import read_tables


def _rows(projects: list[ListedProject]) -> list[tuple[str, float | None, str | None, bool]]:
    return [(p.name, p.amount_wan, p.budget_unit, p.carry_over) for p in projects]


# -- header words anywhere in the header row ------------------------------------------------------

UNIT_FIRST_PIPE = """表九
2025年项目支出预算表（本年预算）
部门名称：某某县水利局
单位：万元

| 单位名称 | 项目名称 | 项目类型 | 合计 | 一般公共预算 | 政府性基金预算 |
|------|------|------|------|------|------|
| 合计 | | | 330.00 | 330.00 | |
| 某某县水利局机关 | 河道堤防 维修养护经费 | 特定目标类 | 210.00 | 210.00 | |
| 某某县水文站 | 水文测报运行经费 | 其他运转类 | 120.00 | 120.00 | |

表十
2025年项目支出预算表（上年结转）
单位：万元

| 单位名称 | 项目名称 | 项目类型 | 合计 | 一般公共预算 | 政府性基金预算 |
|------|------|------|------|------|------|
| 合计 | | | 45.50 | 45.50 | |
| 某某县水利局机关 | 小型水库除险加固补助 | 特定目标类 | 45.50 | 45.50 | |
"""


def test_unit_column_before_the_name_gives_units_and_carry_over_is_kept() -> None:
    projects = listed_projects(UNIT_FIRST_PIPE)
    assert _rows(projects) == [
        ("河道堤防维修养护经费", 210.0, "某某县水利局", False),
        ("水文测报运行经费", 120.0, "某某县水文站", False),
        ("小型水库除险加固补助", 45.5, "某某县水利局", True),
    ]
    assert [p.list_type for p in projects] == ["特定目标类", "其他运转类", "特定目标类"]


SEQUENCE_AND_CODES_TAB = (
    "2025年部门项目支出预算表\n"
    "单位：万元\n"
    "序号\t单位编码\t单位名称\t项目名称\t项目属性\t金额\n"
    "1\t301001\t某某市民政局本级\t困难群众临时救助资金\t延续项目\t86.40\n"
    "2\t301001\t\t社会组织评估经费\t新增项目\t12.00\n"
    "3\t301002\t某某市救助管理站\t流浪乞讨人员救助经费\t延续项目\t33.25\n"
)


def test_sequence_and_code_columns_are_never_amounts_and_a_merged_unit_cell_carries_down() -> None:
    assert _rows(listed_projects(SEQUENCE_AND_CODES_TAB)) == [
        ("困难群众临时救助资金", 86.4, "某某市民政局", False),
        ("社会组织评估经费", 12.0, "某某市民政局", False),
        ("流浪乞讨人员救助经费", 33.25, "某某市救助管理站", False),
    ]


@pytest.mark.parametrize("amount_word", ["合计", "金额", "预算数", "本年预算", "金额（万元）", "预算金额"])
def test_amount_column_by_any_of_its_names(amount_word: str) -> None:
    text = f"项目支出预算表\n项目名称\t功能科目\t{amount_word}\n网格化管理经费\t2010301\t18.60\n"
    projects = listed_projects(text)
    assert [(p.name, p.amount_wan, p.functional_code) for p in projects] == [
        ("网格化管理经费", 18.6, "2010301")
    ]


def test_amounts_in_yuan_are_converted_to_wan() -> None:
    in_header = "项目支出预算表\n单位名称\t项目名称\t金额（元）\n某某县文化馆\t非遗保护经费\t125,000.00\n"
    in_title = "项目支出预算表\n单位：元\n项目名称\t合计\n非遗保护经费\t125000\n"
    assert [p.amount_wan for p in listed_projects(in_header)] == [12.5]
    assert [p.amount_wan for p in listed_projects(in_title)] == [12.5]


def test_unit_subtotal_rows_without_a_name_set_the_unit_and_are_no_projects() -> None:
    text = (
        "项目支出预算表\n"
        "| 预算单位 | 项目名称 | 本年预算 |\n"
        "|---|---|---|\n"
        "| 某某区卫生健康局 | | 70.00 |\n"
        "| | 家庭医生签约服务补助 | 50.00 |\n"
        "| | 基本公共卫生服务经费 | 20.00 |\n"
        "| 某某区疾病预防控制中心 | | 9.00 |\n"
        "| | 免疫规划 经费 | 9.00 |\n"
    )
    assert _rows(listed_projects(text)) == [
        ("家庭医生签约服务补助", 50.0, "某某区卫生健康局", False),
        ("基本公共卫生服务经费", 20.0, "某某区卫生健康局", False),
        ("免疫规划经费", 9.0, "某某区疾病预防控制中心", False),
    ]


def test_a_list_split_over_pages_skips_its_repeated_header() -> None:
    text = (
        "2024年项目支出预算表\n"
        "| 单位名称 | 项目名称 | 合计 |\n|--|--|--|\n"
        "| 某某镇人民政府 | 村级组织运转补助 | 64.00 |\n"
        "\n－ 9 －\n\n"
        "| 单位名称 | 项目名称 | 合计 |\n|--|--|--|\n"
        "| 某某镇人民政府 | 农村人居环境整治经费 | 31.80 |\n"
    )
    assert [(p.name, p.amount_wan) for p in listed_projects(text)] == [
        ("村级组织运转补助", 64.0),
        ("农村人居环境整治经费", 31.8),
    ]


def test_a_merged_unit_cell_carries_over_to_the_next_pages_table() -> None:
    text = (
        "2024年项目支出预算表\n"
        "预算单位\t项目名称\t金额\n"
        "某某县疾病预防控制中心\t重大传染病防控经费\t26.00\n"
        "2024年项目支出预算表（续）\n"
        "预算单位\t项目名称\t金额\n"
        "\t慢性病监测经费\t8.40\n"
        "某某县妇幼保健院\t孕产妇健康管理经费\t11.00\n"
    )
    assert [(p.name, p.budget_unit) for p in listed_projects(text)] == [
        ("重大传染病防控经费", "某某县疾病预防控制中心"),
        ("慢性病监测经费", "某某县疾病预防控制中心"),
        ("孕产妇健康管理经费", "某某县妇幼保健院"),
    ]


def test_space_aligned_list_with_a_unit_column() -> None:
    text = (
        "项目支出预算表\n"
        "单位名称          项目名称              项目类型      合计\n"
        "某某县图书馆      图书采购经费          特定目标类    40.00\n"
        "                  古籍数字化保护经费                  15.00\n"
    )
    assert _rows(listed_projects(text)) == [
        ("图书采购经费", 40.0, "某某县图书馆", False),
        ("古籍数字化保护经费", 15.0, "某某县图书馆", False),
    ]


def test_one_cell_per_line_list_with_unit_and_type_columns() -> None:
    text = "\n".join(
        [
            "2025年项目支出预算表",
            "单位：万元",
            "单位名称",
            "项目名称",
            "项目类型",
            "合计",
            "一般公共预算",
            "合计",
            "300.00",
            "300.00",
            "某县农业农村局",
            "高标准农田 建设补助",
            "特定目标类",
            "120.00",
            "120.00",
            "动物防疫经费",
            "其他运转类",
            "80.00",
            "80.00",
            "某县农业技术推广中心",
            "农技推广服务经费",
            "特定目标类",
            "100.00",
            "100.00",
            "",
            "第三部分 情况说明",
        ]
    )
    report = Report(doc="synthetic.txt")
    projects = listed_projects(text, report)
    assert [(p.name, p.amount_wan, p.budget_unit, p.list_type) for p in projects] == [
        ("高标准农田建设补助", 120.0, "某县农业农村局", "特定目标类"),
        ("动物防疫经费", 80.0, "某县农业农村局", "其他运转类"),
        ("农技推广服务经费", 100.0, "某县农业技术推广中心", "特定目标类"),
    ]
    assert not [f for f in report.findings if f.severity == "unparsed"]


def test_performance_tables_and_other_tables_naming_projects_are_no_lists() -> None:
    perf = "项目支出预算表\n项目名称\t网格化管理经费\t实施单位\t某某街道办事处\n年度资金总额\t50000\t\t\n"
    numbers_in_header = "项目支出预算表\n项目名称\t网格化管理经费\t预算金额\t5.00\n"
    assert listed_projects(perf) == [] and listed_projects(numbers_in_header) == []
    lines, _ = load_lines("2025年政府采购预算表\n项目名称\t采购品目\t金额\n办公设备购置\t台式计算机\t3.20\n")
    assert listed_projects("\n".join(ln.text for ln in lines)) == []


def test_header_key_drops_a_money_unit_but_not_a_unit_line() -> None:
    assert header_key("预算数（万元）") == "预算数"
    assert header_key("单位：元") == "单位元"
    (table,) = read_tables(load_lines("项目名称\t项目单位\t预算数（元）\nA\tB\t1\n")[0])
    cols = columns(table)
    assert cols is not None and (cols.name, cols.unit, cols.amount, cols.scale) == (0, 1, 2, 0.0001)


_NAME = st.text(alphabet="保障经费专项补助建设运行维护管理服务信息化平台", min_size=3, max_size=12)
_UNIT = st.sampled_from(["某某县财政局", "某某县国库支付中心", "某某县预算编审中心"])
_ROLES = ["单位名称", "项目名称", "项目类型", "合计"]


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.tuples(_UNIT, _NAME, st.integers(min_value=1, max_value=9_999_999)),
        min_size=1,
        max_size=6,
        unique_by=lambda r: r[1],
    ),
    order=st.permutations(_ROLES),
    layout=st.sampled_from(["tab", "pipe"]),
)
def test_any_column_order_reads_back_every_row(
    rows: list[tuple[str, str, int]], order: list[str], layout: str
) -> None:
    def line(cells: list[str]) -> str:
        return "\t".join(cells) if layout == "tab" else "| " + " | ".join(cells) + " |"

    values = {"单位名称": 0, "项目名称": 1, "项目类型": None, "合计": 2}
    body = []
    for row in rows:
        cell = {
            w: (f"{row[2] / 100:.2f}" if w == "合计" else row[i] if i is not None else "特定目标类")
            for w, i in values.items()
        }
        body.append(line([cell[w] for w in order]))
    text = "\n".join(["2025年项目支出预算表", line(order), *body]) + "\n"
    assert _rows(listed_projects(text)) == [(name, cents / 100, unit, False) for unit, name, cents in rows]


# -- watermarks -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    ["某某市财政局审核专用", "内部资料 注意保存", "仅供参考", "某某县财政局预算审核专用章", "仅供内部使用"],
)
def test_watermark_phrases_and_patterns(line: str) -> None:
    assert is_watermark(line)


@pytest.mark.parametrize(
    "line",
    [
        "本表数据仅供参考。",
        "仅供参考\t12.00",
        "| 内部资料 | 3.00 |",
        "内部控制制度建设经费",
        "审核专用设备购置",
    ],
)
def test_sentences_rows_and_project_names_are_no_watermarks(line: str) -> None:
    assert not is_watermark(line)


def _page(n: int, mark: str) -> list[str]:
    """One page of a disclosure with an unknown watermark once in prose and once inside a table."""
    return [
        f"第{n}部分 情况说明",
        mark,
        "本部门预算收支情况说明如下。",
        "",
        f"表{n} 项目支出预算表",
        "单位名称\t项目名称\t合计",
        f"某某县档案馆\t档案数字化加工经费{n}\t1{n}.00",
        mark,
        f"某某县档案馆\t档案库房维护经费{n}\t2{n}.00",
        "满意度\t≥90%",
        "",
    ]


def test_an_unknown_repeated_watermark_is_blanked_and_reported() -> None:
    text = "\n".join(
        ["2025年项目支出预算表", *(ln for n in range(1, 4) for ln in _page(n, "某某档案馆存档副本"))]
    )
    lines, blanked = read_lines(text)
    assert {(b.text, b.rule) for b in blanked} == {("某某档案馆存档副本", "repeated")}
    assert len(blanked) == 6 and all(lines[b.no - 1].text == "" for b in blanked)
    assert sum(1 for ln in lines if ln.text == "满意度\t≥90%") == 3  # KPI rows repeat legitimately
    report = Report(doc="synthetic.txt")
    report_blanked(blanked, report)
    (finding,) = report.findings
    assert finding.severity == "warning" and "某某档案馆存档副本" in finding.message
    assert (finding.span.start, finding.span.end) == (blanked[0].no, blanked[-1].no)  # type: ignore[union-attr]


def test_a_blanked_watermark_does_not_stick_to_the_next_name() -> None:
    text = "\n".join(
        ["2025年项目支出预算表", *(ln for n in range(1, 4) for ln in _page(n, "某某档案馆存档副本"))]
    )
    names = [p.name for p in listed_projects(text)]
    assert names == [f"档案{w}{n}" for n in range(1, 4) for w in ("数字化加工经费", "库房维护经费")]


def test_lines_repeated_only_inside_tables_or_as_titles_are_kept() -> None:
    wrapped = [
        "2025年项目支出绩效目标表",
        "项目名称\t某某经费",
        "三级指标\t指标值",
        "服务对象\t≥90%",
        "群众满意度",
        "时效\t及时",
    ]
    prose = ["第二部分 说明", "正文。", ""]
    texts = [ln for _ in range(4) for ln in [*prose, *wrapped, ""]]
    assert repeated_watermarks(texts) == frozenset()  # a wrapped cell's tail and a repeated title


def test_a_tiled_watermark_on_the_title_page_is_blanked() -> None:
    marks = ["某某预算公开平台", ""] * 3
    text = "\n".join(["", *marks, "某某县档案局2025年部门预算", "", *marks, "第一部分 概况", "正文。"])
    _, blanked = read_lines(text)
    assert [b.no for b in blanked] == [2, 4, 6, 10, 12, 14]


def test_extraction_reports_every_blanked_line() -> None:
    text = "\n".join(
        [
            "某某县档案局2025年部门预算",
            "第一部分 概况",
            "2025年收入总计106.00万元，支出总计106.00万元，全部为项目支出。",
            "某某县档案局负责全县档案工作。",
            *(ln for n in range(1, 4) for ln in _page(n, "某某档案馆存档副本")),
        ]
    )
    d, report = extract_bytes(text.encode("utf-8"), "synthetic.txt")
    assert d is not None, report.error
    assert all("存档副本" not in p.name for p in d.projects)
    assert any("watermark" in f.message for f in report.findings)
