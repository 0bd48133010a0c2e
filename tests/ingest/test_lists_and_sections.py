"""Project lists with one name column for units and projects, 续表 continuations, duties under
a sub-heading closed by 。, head counts with thousands separators, and department lists read
from more suffixes or back from their count.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from budgetkg.ingest.budget_units import unit_name
from budgetkg.ingest.document import DocumentFacts, read_document_facts
from budgetkg.ingest.lines import load_lines
from budgetkg.ingest.paragraphs import Paragraph
from budgetkg.ingest.project_list import ListedProject, read_project_lists, split_unit_code
from budgetkg.ingest.records import Report
from budgetkg.ingest.staff import count_in_prose
from budgetkg.ingest.tables import read_tables


def _listed(text: str) -> list[ListedProject]:
    lines, _ = load_lines(text)
    return read_project_lists(read_tables(lines), Report(doc="synthetic.txt"))


def _rows(projects: list[ListedProject]) -> list[tuple[str, float | None, str | None]]:
    return [(p.name, p.amount_wan, p.budget_unit) for p in projects]


def _facts(text: str) -> DocumentFacts:
    lines = load_lines(text)[0]
    return read_document_facts(lines, Report(doc="t"), read_tables(lines))


# -- one name column for units and projects -------------------------------------------------------

COMBINED = "\n".join(
    [
        "表6",
        "项目支出预算表",
        "部门：某某市司法局\t单位：元",
        "单位名称（项目名称）\t项目类别\t合计\t一般公共预算拨款\t其他收入",
        "合计\t\t5,300,000.00\t5,300,000.00\t",
        "某某市司法局\t\t4,100,000.00\t4,100,000.00\t",
        "人民调解工作经费\t其他运转类\t1,600,000.00\t1,600,000.00\t",
        "法律援助办案补贴\t特定目标类\t2,500,000.00\t2,500,000.00\t",
        "某某市公证处\t\t1,200,000.00\t1,200,000.00\t",
        "公证业务信息系统运维费\t其他运转类\t1,200,000.00\t1,200,000.00\t",
    ]
)


def test_unit_rows_of_a_combined_name_column_set_the_unit_and_are_no_projects() -> None:
    assert _rows(_listed(COMBINED)) == [
        ("人民调解工作经费", 160.0, "某某市司法局"),
        ("法律援助办案补贴", 250.0, "某某市司法局"),
        ("公证业务信息系统运维费", 120.0, "某某市公证处"),
    ]
    assert [p.list_type for p in _listed(COMBINED)][:2] == ["其他运转类", "特定目标类"]


def test_combined_header_variants_and_unit_codes_before_the_name() -> None:
    text = "\n".join(
        [
            "项目支出预算表",
            "| 项目（单位）名称 | 合计 | 财政拨款 |",
            "|--|--|--|",
            "| [402001]某某县农业农村局 | 30.00 | 30.00 |",
            "| 耕地地力保护补贴 | 20.00 | 20.00 |",
            "| 402002 某某县农机推广站 | | |",
            "| 农机安全监理经费 | 10.00 | 10.00 |",
        ]
    )
    assert _rows(_listed(text)) == [
        ("耕地地力保护补贴", 20.0, "某某县农业农村局"),
        ("农机安全监理经费", 10.0, "某某县农机推广站"),
    ]


def test_classification_rows_of_a_subject_and_project_column_are_skipped() -> None:
    text = "\n".join(
        [
            "项目支出预算表",
            "科目名称（项目名称）\t金额",
            "201 一般公共服务支出\t45.00",
            "20101 人大事务\t45.00",
            "人大代表履职经费\t45.00",
            "213 农林水支出\t12.00",
            "防汛物资储备经费\t12.00",
        ]
    )
    assert _rows(_listed(text)) == [("人大代表履职经费", 45.0, None), ("防汛物资储备经费", 12.0, None)]


def test_party_schools_read_as_budget_units() -> None:
    assert unit_name("中共某某县委党校") == "中共某某县委党校"
    assert unit_name("干部教育培训经费") is None


@given(code=st.integers(min_value=100, max_value=999_999_999), bracketed=st.booleans())
def test_a_unit_code_is_split_off_whatever_its_length(code: int, bracketed: bool) -> None:
    text = f"[{code}]某某县财政局" if bracketed else f"{code} 某某县财政局"
    assert split_unit_code(text) == (str(code), "某某县财政局")


# -- 续表 ---------------------------------------------------------------------------------------------


def test_a_list_continued_under_a_plain_continuation_title_keeps_its_columns_scale_and_unit() -> None:
    without_header = COMBINED + "\n\n续表\n\n某某市法律援助中心\t\t300,000.00\t300,000.00\t\n"
    without_header += "援助案件办理经费\t特定目标类\t300,000.00\t300,000.00\t\n"
    assert _rows(_listed(without_header))[-1] == ("援助案件办理经费", 30.0, "某某市法律援助中心")
    with_header = COMBINED + "\n\n续表\n单位名称（项目名称）\t项目类别\t合计\t一般公共预算拨款\t其他收入\n"
    with_header += "社区矫正工作经费\t其他运转类\t450,000.00\t450,000.00\t\n"
    assert _rows(_listed(with_header))[-1] == ("社区矫正工作经费", 45.0, "某某市公证处")


def test_a_continuation_after_another_table_is_no_project_list() -> None:
    text = "部门收支总表\n项目\t预算数\n一般公共预算拨款收入\t10.00\n\n续表\n\n公务接待费\t2.00\n"
    assert _listed(text) == []


# -- duties under a sub-heading closed by 。 -------------------------------------------------------

DUTIES_DOC = "\n".join(
    [
        "某某市司法局",
        "2024年部门预算",
        "",
        "第一部分  部门概况",
        "",
        "一、基本职能及主要工作",
        "",
        "（一）主要职能。",
        "",
        "1．贯彻执行国家有关司法行政工作的法律法规，拟订全市司法行政工作规划。",
        "2．负责全市人民调解、社区矫正和法律援助工作。",
        "3．完成市委、市政府交办的其他任务。",
        "",
        "（二）2024年重点工作。",
        "",
        "2024年，本局将持续推进公共法律服务体系建设。",
        "",
        "二、机构设置",
        "",
        "本局机关设办公室、政策法规科、法律援助科3个科室。本局核定编制1,086名，实有在职人员1，013人。",
        "",
        "第二部分  2024年部门预算情况说明",
    ]
)


def test_duties_are_the_items_of_the_sub_heading_and_end_at_its_sibling() -> None:
    facts = _facts(DUTIES_DOC)
    assert facts.duties == (
        "贯彻执行国家有关司法行政工作的法律法规，拟订全市司法行政工作规划。",
        "负责全市人民调解、社区矫正和法律援助工作。",
        "完成市委、市政府交办的其他任务。",
    )


def test_departments_read_back_from_their_count_and_counts_with_separators() -> None:
    facts = _facts(DUTIES_DOC)
    assert facts.internal_departments == ("办公室", "政策法规科", "法律援助科")
    assert (facts.staff.authorized, facts.staff.actual) == (1086, 1013)


def test_departments_named_bureau_or_party_committee_are_kept() -> None:
    org = "本厅内设机构包括：办公室、法规处、畜牧兽医局、机关党委共4个处室。"
    facts = _facts(DUTIES_DOC.replace(DUTIES_DOC.split("\n")[19], org))
    assert facts.internal_departments == ("办公室", "法规处", "畜牧兽医局", "机关党委")


def test_a_department_without_units_below_it_is_its_own_unit() -> None:
    org = "本部门预算为机关本级预算，无下属预算单位。"
    facts = _facts(DUTIES_DOC.replace(DUTIES_DOC.split("\n")[19], org))
    assert facts.budget_units == ("某某市司法局",)


@given(
    n=st.integers(min_value=0, max_value=99_999),
    sep=st.sampled_from([",", "，"]),
    gap=st.sampled_from(["", "为", "共 "]),
)
def test_the_first_count_after_the_label_wins_with_or_without_separators(n: int, sep: str, gap: str) -> None:
    written = f"{n:,}".replace(",", sep)
    text = f"本局核定编制{gap}{written}名（其中行政编制7名），实有在职人员6人。"
    assert count_in_prose([Paragraph(text, (1,), (0,))], "核定编制", ["人", "名"], ["为", "共"]) == n
