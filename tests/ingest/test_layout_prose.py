"""Prose of ``pdftotext -layout`` exports: wrapped lines rejoined beside space-aligned tables,
page furniture stepped over, years in Chinese numerals, unit budgets, regions of districts."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from budgetkg.ingest.document import arabic_years, clean_agency, read_document_facts
from budgetkg.ingest.lines import Line, load_lines
from budgetkg.ingest.paragraphs import display_width, paragraphs, wrap_width
from budgetkg.ingest.records import Report
from budgetkg.ingest.regions import resolve_region


def _wrap(text: str, width: int, first: int = 6, rest: int = 2) -> list[str]:
    """Lay ``text`` out as pdftotext -layout does: an indented first line, every line cut at
    ``width``, numbers never split."""
    out: list[str] = []
    line = " " * first
    for token in re.findall(r"[\d.,%]+|.", text):
        if display_width(line + token) > width:
            out.append(line)
            line = " " * rest
        line += token
    out.append(line)
    return out


HEADER = " " * 50 + "某某市某某区民政局二〇二四年部门预算"

PARAGRAPHS = [
    "负责拟订全区社会救助、养老服务、儿童福利、社会事务和社区治理政策并组织实施，"
    "统筹推进城乡社会救助体系建设，指导乡镇街道做好低保、特困供养和临时救助等工作，"
    "承担全区困难群众基本生活保障的兜底责任。",
    "区民政局机关内设办公室、社会救助科、养老服务科、儿童福利科、社会事务科、"
    "基层政权和社区建设科、社会组织管理科、财务审计科8个科室。全局核定编制"
    "86名，其中行政编制40名、事业编制46名；截至2023年底实有在职人员81人。",
    "按照全口径预算编制要求，区民政局二〇二四年收入预算总计12,345.67万元，"
    "其中一般公共预算拨款收入11,845.67万元，上年结转500.00万元，支出预算与收入预算相等，"
    "主要用于社会救助、养老服务和儿童福利等民生保障支出。",
    "二〇二四年区民政局“三公”经费预算合计18.60万元，其中公务接待费3.60万元，"
    "公务用车运行维护费15.00万元，因公出国（境）费和公务用车购置费均未安排，"
    "较上年减少2.40万元，主要是严格执行公务接待和公务用车管理规定。",
]

TABLE = [
    "  收          入                             预算数    支          出                  预算数",
    "  一、一般公共预算拨款收入                11,845.67    一、社会保障和就业支出          12,345.67",
    "  二、上年结转                               500.00",
    "  收  入  总  计                          12,345.67    支  出  总  计                  12,345.67",
]


def _layout(width: int) -> list[str]:
    """A layout document: cover, running headers and footers, wrapped prose, an aligned table."""
    lines = ["", " " * 36 + "某某市某某区民政局", "", " " * 34 + "二〇二四年部门预算", "", "\f" + HEADER, ""]
    lines += ["  一、主要职责", "", *_wrap(PARAGRAPHS[0], width), ""]
    lines += ["  二、机构设置和人员情况", "", *_wrap(PARAGRAPHS[1], width), ""]
    lines += ["                                 第 1 页", "\f" + HEADER, ""]
    lines += [*TABLE, "", "  三、收支预算情况", "", *_wrap(PARAGRAPHS[2], width), ""]
    lines += ["  四、“三公”经费预算情况", "", *_wrap(PARAGRAPHS[3], width), ""]
    lines += ["                                 第 2 页"]
    return lines


def _joined(width: int) -> list[str]:
    lines, _ = load_lines("\n".join(_layout(width)))
    return [p.text for p in paragraphs(lines)]


def test_wrap_width_is_read_from_prose_lines_not_aligned_tables() -> None:
    lines, _ = load_lines("\n".join(_layout(96)))
    assert wrap_width(lines) is not None
    assert 90 <= (wrap_width(lines) or 0) <= 96


def test_wrapped_prose_beside_a_layout_table_is_rejoined() -> None:
    texts = _joined(96)
    for para in PARAGRAPHS:
        assert para in texts
    assert not any("科室。全局核定编制" in t and not t.endswith("81人。") for t in texts)


def test_aligned_table_rows_stay_rows() -> None:
    texts = _joined(96)
    assert any(t.startswith("一、一般公共预算拨款收入") and t.endswith("12,345.67") for t in texts)


def _cut_at_sentence_end(para: str, width: int) -> bool:
    """True when a line of the laid-out paragraph ends with 。；： (where a paragraph may end too)."""
    return any(ln.rstrip().endswith(("。", "；", "：")) for ln in _wrap(para, width)[:-1])


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=56, max_value=104))  # four paragraphs wrap often enough up to here
def test_rejoined_at_any_width(width: int) -> None:
    texts = _joined(width)
    for para in PARAGRAPHS:
        assert para in texts or _cut_at_sentence_end(para, width)


def test_sentence_broken_by_a_page_break_is_rejoined() -> None:
    body = _wrap(PARAGRAPHS[0] + PARAGRAPHS[2], 80)
    cut = len(body) // 2
    layout = [*body[:cut], "", "   - 3 -", "", "\f" + HEADER, "", *body[cut:]]
    layout += ["", "   - 4 -", "", "\f" + HEADER, "", *_wrap(PARAGRAPHS[3], 80), "", "   - 5 -", "", HEADER]
    lines, _ = load_lines("\n".join(layout))
    texts = [p.text for p in paragraphs(lines)]
    assert PARAGRAPHS[0] + PARAGRAPHS[2] in texts


def test_unwrapped_text_is_not_joined() -> None:
    lines = [Line(i + 1, t) for i, t in enumerate([*PARAGRAPHS, "（一）某某经费", *PARAGRAPHS])]
    assert wrap_width(lines) is None
    assert [p.text for p in paragraphs(lines)][:4] == PARAGRAPHS


def test_layout_document_facts() -> None:
    lines, _ = load_lines("\n".join(_layout(96)))
    facts = read_document_facts(lines, Report(doc="layout.txt"))
    assert (facts.agency, facts.year, facts.kind) == ("某某市某某区民政局", 2024, "预算")
    assert (facts.staff.authorized, facts.staff.actual) == (86, 81)
    assert facts.internal_departments == (
        "办公室",
        "社会救助科",
        "养老服务科",
        "儿童福利科",
        "社会事务科",
        "基层政权和社区建设科",
        "社会组织管理科",
        "财务审计科",
    )


# -- title page ---------------------------------------------------------------------------------


def test_years_in_chinese_numerals() -> None:
    assert arabic_years("二〇二四年部门预算") == "2024年部门预算"
    assert arabic_years("二○二五年度部门决算") == "2025年度部门决算"
    assert arabic_years("二零二三年单位预算") == "2023年单位预算"
    assert arabic_years("十二年") == "十二年"


def _facts(text: str):  # type: ignore[no-untyped-def]
    lines, _ = load_lines(text)
    return read_document_facts(lines, Report(doc="title.txt"))


def test_cover_with_a_chinese_numeral_year_wins_over_a_prose_sentence() -> None:
    facts = _facts(
        "杭州市西湖区卫生健康局\n二○二五年部门决算\n\n一、部门职责\n"
        "纳入杭州市西湖区卫生健康局2025年部门决算编制范围的单位共3个。\n"
    )
    assert (facts.agency, facts.year, facts.kind) == ("杭州市西湖区卫生健康局", 2025, "决算")
    assert facts.region.label == "浙江省杭州市西湖区"


def test_agency_is_never_a_verb_phrase() -> None:
    assert clean_agency("纳入杭州市西湖区卫生健康局") == "杭州市西湖区卫生健康局"
    assert clean_agency("按照杭州市财政局") == "杭州市财政局"
    facts = _facts("一、基本情况\n纳入南通市审计局2024年部门预算编制范围的单位共1个。\n")
    assert facts.agency == "南通市审计局"


def test_unit_budget_of_a_hospital() -> None:
    facts = _facts(
        "无锡市儿童医院\n二零二四年度单位预算\n\n第一部分 单位概况\n一、机构设置\n"
        "本院为公益二类事业单位，本单位预算即为单位本级预算，无下属预算单位。\n"
    )
    assert (facts.agency, facts.year, facts.kind) == ("无锡市儿童医院", 2024, "预算")
    assert facts.region.label == "江苏省无锡市"
    assert facts.budget_units == ("无锡市儿童医院",)


def test_budget_disclosure_title_without_department_word() -> None:
    facts = _facts("扬州市妇幼保健院2024年预算公开\n\n一、单位职责\n")
    assert (facts.agency, facts.year, facts.kind) == ("扬州市妇幼保健院", 2024, "预算")


# -- regions ------------------------------------------------------------------------------------


def test_district_agency_regions() -> None:
    assert resolve_region("呼和浩特市赛罕区司法局").label == "内蒙古自治区呼和浩特市赛罕区"
    assert resolve_region("赛罕区司法局").label == "内蒙古自治区呼和浩特市赛罕区"
    assert resolve_region("准格尔旗教育局").label == "内蒙古自治区鄂尔多斯市准格尔旗"


def test_autonomous_prefecture_short_names() -> None:
    assert resolve_region("恩施州财政局").label == "湖北省恩施土家族苗族自治州"
    assert resolve_region("延边州教育局").label == "吉林省延边朝鲜族自治州"
    assert resolve_region("红河州蒙自市民政局").label == "云南省红河哈尼族彝族自治州蒙自市"
    assert resolve_region("海南州财政局").label == "青海省海南藏族自治州"
