"""Totals that must not be invented (目录 lines, empty cells), column groups of the 三公 table,
shifted total rows, and issuer codes cut out of running text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetkg.ingest.budget_cells import single_cell_label_tables
from budgetkg.ingest.budget_tables import BudgetTotals, is_toc, read_totals
from budgetkg.ingest.citations import _issuer_chars, find_doc_numbers, parse_doc_number
from budgetkg.ingest.lines import load_lines
from budgetkg.ingest.records import Report
from budgetkg.ingest.tables import read_tables


def _totals(text: str, kind: str | None = None) -> tuple[BudgetTotals, Report]:
    lines = load_lines(text)[0]
    tables = read_tables(lines)
    found = sorted([*tables, *single_cell_label_tables(lines, tables)], key=lambda t: t.rows[0].line)
    report = Report(doc="t")
    return read_totals(found, report, kind, lines), report


# -- 目录 lines are not a 三公 table -------------------------------------------------------------

TOC = (
    "某县林业局2024年度部门决算\n\n目    录\n\n"
    "第一部分  某县林业局概况\n"
    "第二部分  某县林业局2024年度部门决算表\n"
    "一、收入支出决算总表\n"
    "二、一般公共预算财政拨款“三公”经费支出决算表\n"
    "第三部分  某县林业局2024年度部门决算情况说明\n"
    "第四部分  名词解释\n\n"
)


def test_table_of_contents_gives_no_three_public_total() -> None:
    totals, _ = _totals(TOC)
    assert totals.three_public_wan is None  # not 0.0


def test_the_real_three_public_table_after_the_contents_is_read() -> None:
    table = "一般公共预算财政拨款“三公”经费支出决算表\n合计\t因公出国（境）费\t公务用车购置及运行费\t公务接待费\n6.30\t0.00\t4.10\t2.20\n"
    totals, _ = _totals(TOC + "\n" + table)
    assert totals.three_public_wan == 6.3


def test_contents_with_dot_leaders_is_a_toc() -> None:
    lines = load_lines("一、部门收支总表……………\t3\n二、“三公”经费支出表……………\t9\n")[0]
    tables = read_tables(lines)
    assert tables and all(is_toc(t) for t in tables)
    assert _totals("一、部门收支总表……………\t3\n二、“三公”经费支出表……………\t9\n")[0].three_public_wan is None


def test_an_empty_three_public_table_is_zero_only_where_it_says_so() -> None:
    head = (
        "2025年“三公”经费支出预算表\n合计\t因公出国（境）费\t公务用车购置及运行费\t公务接待费\n合计\t\t\t\n"
    )
    silent, _ = _totals(head + "\n第四部分  其他说明\n")
    noted, _ = _totals(head + "注：本表无数据\n")
    assert (silent.three_public_wan, noted.three_public_wan) == (None, 0.0)


# -- column groups: 预算数 | 决算数, 上年 | 本年 -----------------------------------------------------

GROUPS = (
    "一般公共预算财政拨款“三公”经费支出决算表\n"
    "单位：万元\n"
    "预算数\t\t\t\t决算数\t\t\t\n"
    "合计\t因公出国（境）费\t公务用车购置及运行费\t公务接待费\t合计\t因公出国（境）费\t公务用车购置及运行费\t公务接待费\n"
    "20.00\t0.00\t15.00\t5.00\t17.45\t0.00\t13.25\t4.20\n"
)


def test_a_final_account_takes_the_final_column_group() -> None:
    assert _totals(GROUPS, "决算")[0].three_public_wan == 17.45
    assert _totals(GROUPS)[0].three_public_wan == 17.45  # the title says 决算
    assert _totals(GROUPS, "预算")[0].three_public_wan == 20.0


def test_this_year_beats_last_year_and_the_change_column() -> None:
    text = (
        "2025年“三公”经费预算表\n"
        "项目\t上年预算数\t本年预算数\t增减\n"
        "合计\t9.80\t8.60\t-1.20\n"
        "公务接待费\t3.00\t2.50\t-0.50\n"
    )
    assert _totals(text, "预算")[0].three_public_wan == 8.6
    years = "2025年“三公”经费预算表\n合计\t2024年\t2025年\n\t7.00\t6.40\n"
    assert _totals(years, "预算")[0].three_public_wan == 6.4


# -- the expenditure table's total row ------------------------------------------------------------

HEAD = "三、部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"


def test_a_total_row_with_merged_label_cells_is_shifted_under_its_columns() -> None:
    totals, report = _totals(
        HEAD + "合计\t1,520.40\t860.10\t660.30\n201\t一般公共服务支出\t1,520.40\t860.10\t660.30\n"
    )
    assert (totals.basic_expenditure_wan, totals.project_expenditure_wan) == (860.1, 660.3)
    assert not [f for f in report.findings if "add up" in f.message]


def test_a_missing_cell_is_none_never_zero() -> None:
    totals, _ = _totals(HEAD + "合计\t\t300.00\t300.00\n")
    assert totals.basic_expenditure_wan == 300.0
    assert totals.project_expenditure_wan is None


def test_a_total_row_that_does_not_add_up_is_reported() -> None:
    totals, report = _totals(HEAD + "合计\t\t1,000.00\t600.00\t300.00\n")
    assert (totals.basic_expenditure_wan, totals.project_expenditure_wan) == (600.0, 300.0)
    assert any("add up" in f.message for f in report.findings)


def test_a_total_label_in_the_name_column_is_read() -> None:
    text = (
        "支出决算表\n项目\t\t本年支出合计\t基本支出\t项目支出\n功能分类科目编码\t科目名称\n"
        "\t合计\t950.00\t410.00\t540.00\n"
    )
    totals, _ = _totals(text, "决算")
    assert (totals.basic_expenditure_wan, totals.project_expenditure_wan) == (410.0, 540.0)


# -- issuer codes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        ("药品招标采购执行湘财购〔2024〕2号文件", "湘财购"),
        ("资金拨付依照川财预〔2023〕15号", "川财预"),
        ("设备集中采购湘财购〔2024〕2号", "湘财购"),
        ("经费使用管理严格执行晋市财行〔2025〕103号文件", "晋市财行"),
        ("对照国办发〔2017〕47号要求", "国办发"),
        ("统一组织宜政办发〔2023〕12号", "宜政办发"),
        ("忻深改办发〔2020〕3号", "忻深改办发"),
        ("国卫办规划发〔2019〕2号", "国卫办规划发"),
    ],
)
def test_issuer_is_the_code_not_the_running_text(text: str, issuer: str) -> None:
    n = parse_doc_number(text)
    assert n is not None and n.issuer == issuer


def test_two_numbers_in_one_sentence_keep_their_own_issuers() -> None:
    text = "严格落实中办发〔2021〕55号和苏办发〔2022〕4号文件精神"
    assert [n.issuer for n, _, _ in find_doc_numbers(text)] == ["中办发", "苏办发"]


_REGIONS = "湘川苏晋黔赣"
_ORGANS = "财办发政府函预行购卫"
_TEXT = "疫苗器械洗涤清扫"  # running text: none of these belongs to an issuer code


def test_running_text_alphabet_is_no_issuer_alphabet() -> None:
    _, known = _issuer_chars()
    assert not set(_TEXT) & known and set(_REGIONS + _ORGANS) <= known


@given(
    prefix=st.text(alphabet=_TEXT, min_size=6, max_size=8),
    region=st.sampled_from(_REGIONS),
    organ=st.text(alphabet=_ORGANS, min_size=1, max_size=4),
    year=st.integers(min_value=1990, max_value=2099),
    serial=st.integers(min_value=1, max_value=999),
)
def test_a_region_led_code_is_cut_out_of_running_text(
    prefix: str, region: str, organ: str, year: int, serial: int
) -> None:
    n = parse_doc_number(f"{prefix}{region}{organ}〔{year}〕{serial}号")
    assert n is not None and (n.issuer, n.year, n.serial) == (region + organ, year, serial)


@given(
    lead=st.sampled_from(["根据", "按照", "严格执行", "认真落实", "参照", "对照"]),
    issuer=st.text(alphabet="宜绵锡" + _REGIONS + _ORGANS, min_size=2, max_size=6),
    year=st.integers(min_value=1990, max_value=2099),
    serial=st.integers(min_value=1, max_value=999),
)
def test_a_code_after_a_stop_word_is_kept_whole(lead: str, issuer: str, year: int, serial: int) -> None:
    n = parse_doc_number(f"{lead}{issuer}〔{year}〕{serial}号文件")
    assert n is not None and n.issuer == issuer
