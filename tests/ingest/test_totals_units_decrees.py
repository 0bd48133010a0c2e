"""Budget tables in 元 (converted to 万元), 决算 tables read like 预算 ones, decree numbers in
Chinese numerals, and budget unit lists (a summary before the list, no units below the agency)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from budgetkg.ingest.budget_cells import single_cell_label_tables
from budgetkg.ingest.budget_tables import BudgetTotals, read_budget_lines, read_totals, stated_unit, to_wan
from budgetkg.ingest.citations import chinese_number, find_citations, find_doc_numbers
from budgetkg.ingest.document import read_document_facts
from budgetkg.ingest.lines import load_lines
from budgetkg.ingest.records import Report, Span
from budgetkg.ingest.tables import read_tables


def _totals(text: str, kind: str | None = None) -> tuple[BudgetTotals, Report]:
    lines = load_lines(text)[0]
    tables = read_tables(lines)
    found = sorted([*tables, *single_cell_label_tables(lines, tables)], key=lambda t: t.rows[0].line)
    report = Report(doc="t")
    return read_totals(found, report, kind, lines), report


# -- tables in 元 -----------------------------------------------------------------------------

IN_YUAN = "\n".join(
    [
        "某市疾病预防控制中心2025年单位预算",
        "",
        "表1  收支预算总表",
        "单位：某市疾病预防控制中心\t\t\t金额单位：元",
        "项目\t预算数\t项目\t预算数",
        "一、财政拨款收入\t52 400 000.00\t一、卫生健康支出\t60 512 345.67",
        "二、事业收入\t8 112 345.67\t",
        "收入总计\t60 512 345.67\t支出总计\t60 512 345.67",
        "",
        "表2  支出预算总表",
        "单位：某市疾病预防控制中心\t\t\t\t金额单位：元",
        "科目编码\t科目名称\t合计\t基本支出\t项目支出",
        "\t合计\t60 512 345.67\t48 000 000.00\t12 512 345.67",
        "210\t卫生健康支出\t60 512 345.67\t48 000 000.00\t12 512 345.67",
        "21004\t公共卫生\t60 512 345.67\t48 000 000.00\t12 512 345.67",
        "",
        "表3  “三公”经费支出预算表",
        "单位：某市疾病预防控制中心\t\t\t金额单位：元",
        "项目\t2024年预算数\t2025年预算数\t比上年增减",
        "合计\t210 000.00\t195 000.00\t（15 000.00）",
        "公务接待费\t70 000.00\t65 000.00\t（5 000.00）",
    ]
)


def test_tables_in_yuan_give_totals_in_wan_and_say_so() -> None:
    totals, report = _totals(IN_YUAN)
    assert totals.budget_total_wan == 6051.234567
    assert (totals.basic_expenditure_wan, totals.project_expenditure_wan) == (4800.0, 1251.234567)
    assert totals.three_public_wan == 19.5
    converted = [f.message for f in report.findings if "converted to 万元" in f.message]
    assert len(converted) == 3 and all("元" in m for m in converted)


def test_budget_lines_of_a_table_in_yuan_are_in_wan() -> None:
    lines = load_lines(IN_YUAN)[0]
    report = Report(doc="t")
    rows = {b.code: dict(b.amounts) for b in read_budget_lines(read_tables(lines), report, lines)}
    assert rows["21004"] == {"合计": 6051.234567, "基本支出": 4800.0, "项目支出": 1251.234567}


def test_a_header_in_yuan_converts_and_a_table_in_wan_does_not() -> None:
    header = "\n".join(
        [
            "支出预算总表",
            "科目编码\t科目名称\t合计（元）\t基本支出（元）\t项目支出（元）",
            "\t合计\t1,250,000.00\t1,000,000.00\t250,000.00",
        ]
    )
    totals, _ = _totals(header)
    assert (totals.basic_expenditure_wan, totals.project_expenditure_wan) == (100.0, 25.0)
    wan = header.replace("（元）", "").replace("支出预算总表", "支出预算总表\n单位：万元")
    totals, report = _totals(wan)
    assert totals.basic_expenditure_wan == 1000000.0  # as written: the table says 万元
    assert not [f for f in report.findings if "converted" in f.message]


def test_a_statement_for_the_tables_below_sets_their_unit() -> None:
    text = "\n".join(
        [
            "第二部分  部门预算表（以下金额单位均为元）",
            "",
            "收支预算总表",
            "项目\t预算数\t项目\t预算数",
            "收入总计\t3 450 000.00\t支出总计\t3 450 000.00",
        ]
    )
    assert _totals(text)[0].budget_total_wan == 345.0


def test_a_single_cell_table_in_yuan_with_spaced_thousands() -> None:
    text = "\n".join(
        [
            "某县卫生院2025年单位预算",
            "",
            "收支预算总表",
            "金额单位：元",
            "收入总计 2 345 678.90",
            "支出总计 2 345 678.90",
        ]
    )
    assert _totals(text)[0].budget_total_wan == 234.56789


def test_stated_units() -> None:
    assert stated_unit("编制单位：某县财政局　　金额单位：万元") == ("万元", 1)
    assert stated_unit("（单位：元）") == ("元", 0.0001)
    assert stated_unit("单位：某某元宝山区分局") is None  # a name, not a unit
    assert stated_unit("慰问金标准（元/人）") is None


@given(st.integers(min_value=0, max_value=10**11))
def test_yuan_to_wan_keeps_every_fen(fen: int) -> None:
    yuan = fen / 100
    assert abs(to_wan(yuan, 0.0001) * 10000 - yuan) < 0.005  # type: ignore[operator]
    assert to_wan(yuan, 1) == yuan


# -- 决算 tables ---------------------------------------------------------------------------------

FINAL = "\n".join(
    [
        "某区园林绿化局2024年度部门决算",
        "",
        "收入支出决算总表",
        "部门：某区园林绿化局\t\t\t金额单位：万元",
        "收入\t\t支出\t",
        "项目\t决算数\t项目\t决算数",
        "一、一般公共预算财政拨款收入\t9,623.45\t一、城乡社区支出\t3,852.65",
        "本年收入合计\t9,846.23\t本年支出合计\t9,902.47",
        "年初结转和结余\t412.58\t年末结转和结余\t356.34",
        "总计\t10,258.81\t总计\t10,258.81",
        "",
        "一般公共预算财政拨款支出决算表",
        "科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出",
        "\t合计\t9,902.47\t3,104.35\t6,798.12",
        "212\t城乡社区支出\t3,852.65\t1,052.39\t2,800.26",
    ]
)


def test_a_final_account_reads_like_a_budget() -> None:
    totals, _ = _totals(FINAL, "决算")
    assert totals.budget_total_wan == 10258.81  # 总计 of the 收入支出决算总表
    assert (totals.basic_expenditure_wan, totals.project_expenditure_wan) == (3104.35, 6798.12)
    lines = load_lines(FINAL)[0]
    found = read_budget_lines(read_tables(lines), Report(doc="t"), lines)
    assert [(b.code, dict(b.amounts)["项目支出"]) for b in found] == [("212", 2800.26)]


def test_total_alone_counts_only_in_an_income_table() -> None:
    text = "\n".join(["项目支出绩效目标表", "项目\t金额", "总计\t120.00", "其中：财政拨款\t100.00"])
    assert _totals(text)[0].budget_total_wan is None


# -- decree numbers in Chinese numerals --------------------------------------------------------


def _numbers(text: str) -> list[tuple[str, str, int]]:
    return [(n.text, n.issuer, n.serial) for n, _, _ in find_doc_numbers(text)]


def test_decree_numbers_in_chinese_numerals() -> None:
    assert _numbers("《中华人民共和国种子法》（主席令第十二号）") == [("主席令第十二号", "主席", 12)]
    assert _numbers("依据国务院令第七百一十号") == [("国务院令第七百一十号", "国务院", 710)]
    assert _numbers("经中华人民共和国主席令（第六十八号）公布") == [
        ("中华人民共和国主席令（第六十八号）", "中华人民共和国主席", 68)
    ]
    assert _numbers("自治区人民政府令第 15 号") == [("自治区人民政府令第15号", "自治区人民政府", 15)]
    cited = find_citations("《中华人民共和国动物防疫法》（主席令第六十九号）", "legal_basis", Span(1, 1))
    assert [(c.title, c.doc_number) for c in cited] == [("中华人民共和国动物防疫法", "主席令第六十九号")]


_DIGITS = "零一二三四五六七八九"


def _chinese(n: int) -> str:
    """The usual way of writing 1..9999 (一千零五, 六十八, 十二), written independently of the parser."""
    out, zero = "", False
    for power, word in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // power % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += ("" if (power == 10 and not out and d == 1) else _DIGITS[d]) + word
    return out


@given(st.integers(min_value=1, max_value=9999))
def test_chinese_numerals_round_trip(n: int) -> None:
    assert chinese_number(_chinese(n)) == n
    assert chinese_number("".join(_DIGITS[int(c)] for c in str(n))) == n  # positional: 一〇五 style


@given(st.text(alphabet="一二三四五六七八九十百千零〇两号第令", max_size=10))
def test_chinese_number_never_fails(text: str) -> None:
    value = chinese_number(text)
    assert value is None or value >= 0


# -- budget units ------------------------------------------------------------------------------


def _units(body: str) -> tuple[str, ...]:
    lines = load_lines(body)[0]
    return read_document_facts(lines, Report(doc="t"), read_tables(lines)).budget_units


def test_a_summary_before_the_list_proper_is_no_unit() -> None:
    body = "\n".join(
        [
            "上海市某区某街道办事处2025年部门预算",
            "",
            "三、预算单位构成",
            "某街道2025年部门预算单位包括街道办事处本级和所属事业单位，具体包括：上海市某区某街道办事处（本级）、"
            "上海市某区某街道社区事务受理服务中心、上海市某区某街道城市运行管理中心。",
        ]
    )
    assert _units(body) == (
        "上海市某区某街道办事处",
        "上海市某区某街道社区事务受理服务中心",
        "上海市某区某街道城市运行管理中心",
    )


def test_no_unit_below_the_agency_makes_it_the_only_one() -> None:
    for sentence in ("本单位为独立核算的预算单位，无下属单位。", "本单位没有下属预算单位。"):
        body = "\n".join(["某省疾病预防控制中心2025年单位预算", "", "一、单位构成", sentence])
        assert _units(body) == ("某省疾病预防控制中心",)


def test_prose_totals_in_yuan() -> None:
    body = "\n".join(
        [
            "某省疾病预防控制中心2025年单位预算",
            "",
            "2025年本单位收入预算113 368 412.58元，其中财政拨款收入86 218 412.58元。",
        ]
    )
    lines = load_lines(body)[0]
    assert read_document_facts(lines, Report(doc="t")).budget_total_wan == 11336.841258
