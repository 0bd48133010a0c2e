"""Sections of the 概况 part: tables of contents, budget units, internal departments, head counts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetkg.ingest.document import DocumentFacts, read_document_facts
from budgetkg.ingest.lines import Line, load_lines
from budgetkg.ingest.paragraphs import entry_key, heading_label, paragraphs, toc_lines, wrap_width
from budgetkg.ingest.records import Report, Staff
from budgetkg.ingest.tables import read_tables

_DUTIES = [
    "（一）贯彻执行国家和省有关水利工作的法律法规，拟订全市水利发展规划并组织实施。",
    "（二）负责全市水资源的统一监督管理，组织实施取水许可和水资源论证制度。",
    "（三）负责全市水旱灾害防御工作，组织编制洪水干旱防治规划和防护标准。",
    "（四）完成市委、市政府交办的其他任务。",
]


def _facts(text: str) -> DocumentFacts:
    lines = load_lines(text)[0]
    return read_document_facts(lines, Report(doc="t"), read_tables(lines))


def _doc(*org: str, toc: list[str] | None = None, heading: str = "二、机构设置及预算单位构成") -> str:
    """A 概况 part with duties and an organisation section, an optional table of contents first."""
    head = ["某某市水利局", "2024年部门预算", ""]
    if toc is not None:
        head += ["目  录", *toc, ""]
    body = ["第一部分  部门概况", "", "一、部门主要职责", "", *_DUTIES, "", heading, "", *org, ""]
    return "\n".join([*head, *body, "第二部分  2024年部门预算表", ""])


_PLAIN_TOC = [
    "第一部分  部门概况",
    "    一、部门主要职责",
    "    二、机构设置及预算单位构成",
    "第二部分  2024年部门预算表",
    "第三部分  2024年部门预算情况说明",
]
_ORG = "某某市水利局内设办公室、水资源科、河湖管理科、水旱灾害防御科4个科室。"


# -- tables of contents -------------------------------------------------------------------------


def test_a_toc_without_leaders_or_page_numbers_does_not_hide_the_duties() -> None:
    f = _facts(_doc(_ORG, toc=_PLAIN_TOC))
    assert len(f.duties) == 4 and f.duties[0].startswith("贯彻执行国家和省有关水利工作")
    assert f.internal_departments == ("办公室", "水资源科", "河湖管理科", "水旱灾害防御科")


def test_an_indented_toc_without_a_title_is_passed_over_by_its_empty_sections() -> None:
    f = _facts(_doc(_ORG).replace("2024年部门预算\n", "2024年部门预算\n\n" + "\n".join(_PLAIN_TOC) + "\n"))
    assert len(f.duties) == 4 and f.duties[-1] == "完成市委、市政府交办的其他任务。"


def test_a_toc_whose_entries_differ_from_the_headings_ends_at_the_repeated_numbering() -> None:
    toc = ["第一部分 概况", "一、职责", "二、机构", "第二部分 预算表"]
    lines = load_lines(_doc(_ORG, toc=toc))[0]
    found = toc_lines(lines, ["目录"])
    assert {ln.text for ln in lines if ln.no in found} == {"目  录", *toc}
    assert len(_facts(_doc(_ORG, toc=toc)).duties) == 4


def test_a_toc_title_with_no_entries_after_it_hides_nothing() -> None:
    text = _doc(_ORG).replace("第一部分  部门概况", "目录\n第一部分  部门概况", 1)
    f = _facts(text)
    assert len(f.duties) == 4 and len(f.internal_departments) == 4


def test_toc_lines_of_a_tab_and_dot_leader_toc() -> None:
    lines = [
        Line(1, "目 录"),
        Line(2, "第一部分 概况\t1"),
        Line(3, "一、本部门职责.....\t1"),
        Line(4, "第二部分 部门预算报表\t3"),
        Line(5, ""),
        Line(6, "第一部分 概况"),
        Line(7, "一、本部门职责"),
    ]
    assert sorted(toc_lines(lines, ["目录"])) == [1, 2, 3, 4]


def test_heading_label_and_entry_key() -> None:
    assert heading_label("第十二部分 附件") == (1, "十二")
    assert heading_label("### 三、机构设置") == (2, "三")
    assert heading_label("(二)预算单位构成") == (3, "二")
    assert heading_label("表一 收支总表") is None
    assert (
        entry_key("<b>第一部分 概况</b> .....\t<b>1</b>") == entry_key("# 第一部分  概况") == "第一部分概况"
    )


def test_short_headings_of_one_width_are_no_wrap_width() -> None:
    """Unwrapped prose lines run far past the headings' width: a heading never swallows the next line."""
    text = _doc(_ORG, toc=_PLAIN_TOC)
    lines = load_lines(text)[0]
    assert wrap_width(lines) is None
    assert "二、机构设置及预算单位构成" in [p.text for p in paragraphs(lines)]


# -- budget units -------------------------------------------------------------------------------

_UNITS = ("某某市水利局", "某某市水文站", "某某市河道管理所")


@pytest.mark.parametrize(
    "sentence",
    [
        "纳入本部门2024年部门预算编制范围的单位包括：某某市水利局（本级）、某某市水文站、某某市河道管理所，共3个预算单位。",
        "纳入2024年部门预算编制范围的预算单位共3个，包括：某某市水利局机关、某某市水文站、某某市河道管理所。",
        "从预算单位构成看，纳入本部门预算编制范围的单位共3家，分别是：某某市水利局本级、某某市水文站和某某市河道管理所。",
        "纳入本部门2024年部门预算编制范围的单位共3个：某某市水利局、某某市水文站、某某市河道管理所。",
        "本部门预算单位包括：（1）某某市水利局本级；（2）某某市水文站；（3）某某市河道管理所。",
        "2024年部门预算由某某市水利局本级、某某市水文站及某某市河道管理所3个预算单位的预算组成。",
    ],
)
def test_budget_units_by_the_grammar_of_the_listing_sentence(sentence: str) -> None:
    assert _facts(_doc(_ORG, sentence)).budget_units == _UNITS


def test_budget_units_listed_one_to_a_line_after_the_trigger() -> None:
    org = [
        "纳入2024年部门预算编制范围的单位包括：",
        "1．某某市水利局本级；",
        "2．某某市水文站；",
        "（3）某某市河道管理所。",
    ]
    assert _facts(_doc(_ORG, *org)).budget_units == _UNITS


def test_budget_units_from_a_unit_name_table_in_the_section() -> None:
    org = ["本部门预算单位构成如下表。", "| 序号 | 单位名称 | 单位性质 |", "|--|--|--|"]
    org += [f"| {i} | {name} | 行政 |" for i, name in enumerate(["某某市水利局本级", *_UNITS[1:]], start=1)]
    assert _facts(_doc(*org, heading="三、部门预算单位构成")).budget_units == _UNITS


def test_a_unit_name_with_he_inside_is_not_split() -> None:
    sentence = "纳入本部门预算编制范围的单位包括：某某县人力资源和社会保障局、某某县就业服务中心。"
    assert _facts(_doc(_ORG, sentence)).budget_units == ("某某县人力资源和社会保障局", "某某县就业服务中心")


def test_the_gong_of_zhonggong_and_the_deng_of_gaodeng_close_no_list() -> None:
    sentence = (
        "纳入本部门预算编制范围的单位包括：中共某某市委机构编制委员会办公室、某某市高等专科学校等2个单位。"
    )
    assert _facts(_doc(_ORG, sentence)).budget_units == (
        "中共某某市委机构编制委员会办公室",
        "某某市高等专科学校",
    )


def test_a_unit_colon_outside_a_budget_sentence_lists_nothing() -> None:
    assert _facts(_doc(_ORG, "本单位：办公地点位于某某路某某号。")).budget_units == ()


_PLACES = st.sampled_from(["某某市", "某某县", "某某区", "甲乙市"])
_STEMS = st.text(alphabet="水文河道农业技术推广信息档案", min_size=2, max_size=6)
_KINDS = st.sampled_from(["中心", "站", "所", "院", "队", "馆"])
_TEMPLATES = [
    "纳入2024年部门预算编制范围的单位包括：{names}。",
    "预算单位共{n}个，包括：{names}。",
    "纳入本部门部门预算编制范围的单位共{n}家，分别是：{names}。",
    "纳入部门预算的单位共{n}个：{names}，共{n}个预算单位。",
]


@given(
    stems=st.lists(st.tuples(_PLACES, _STEMS, _KINDS), min_size=1, max_size=5, unique_by=lambda t: t[1]),
    template=st.sampled_from(_TEMPLATES),
    sep=st.sampled_from(["、", "，", "；"]),
)
def test_budget_units_property(stems: list[tuple[str, str, str]], template: str, sep: str) -> None:
    names = ["某某市水利局", *("".join(t) for t in stems)]
    sentence = template.format(n=len(names), names=sep.join(names))
    assert _facts(_doc(_ORG, sentence)).budget_units == tuple(names)


# -- internal departments -----------------------------------------------------------------------


def test_a_listing_about_budget_units_is_no_list_of_internal_departments() -> None:
    org = [
        "某某市水利局为市政府工作部门，设办公室等职能机构。",
        "纳入本部门预算编制范围的单位共2家，分别是：某某市水利局本级、某某市水文站。",
        "局机关内设机构4个，分别为：办公室、水资源科、河湖管理科、水旱灾害防御科。",
    ]
    f = _facts(_doc(*org))
    assert f.internal_departments == ("办公室", "水资源科", "河湖管理科", "水旱灾害防御科")
    assert f.budget_units == _UNITS[:2]


@pytest.mark.parametrize(
    "sentence",
    [
        "本部门内设办公室、水资源科、河湖管理科、水旱灾害防御科共4个科室。",
        "本局机关内设办公室、水资源科、河湖管理科、水旱灾害防御科等4个职能科室。",
        "本局内设办公室、水资源科、河湖管理科、水旱灾害防御科等科室。",
        "本局设4个内设机构（科室），分别是办公室、水资源科、河湖管理科和水旱灾害防御科。",
    ],
)
def test_the_count_closing_a_list_of_departments_is_no_name(sentence: str) -> None:
    assert _facts(_doc(sentence)).internal_departments == (
        "办公室",
        "水资源科",
        "河湖管理科",
        "水旱灾害防御科",
    )


# -- head counts --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "staff"),
    [
        ("本部门编制人数62人，实有人数58人。", Staff(62, 58)),
        ("本局核定编制为：45名，其中行政编制22名；实有在职人员共41人。", Staff(45, 41)),
        ("本部门编制数为３０名，在职人数计２８人。", Staff(30, 28)),
        ("本局核定编制人数是 12 名，实有人员合计 11 人。", Staff(12, 11)),
    ],
)
def test_staff_counts_in_prose(sentence: str, staff: Staff) -> None:
    assert _facts(_doc(_ORG, sentence)).staff == staff


@given(
    authorized=st.integers(1, 999),
    actual=st.integers(0, 999),
    filler=st.sampled_from(["", "为", "是", "共", "计", "：", "为：", " "]),
    unit=st.sampled_from(["人", "名"]),
    full_width=st.booleans(),
)
def test_staff_property(authorized: int, actual: int, filler: str, unit: str, full_width: bool) -> None:
    def num(n: int) -> str:
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n)) if full_width else str(n)

    sentence = f"本部门编制人数{filler}{num(authorized)}{unit}，实有人数{filler}{num(actual)}人。"
    assert _facts(_doc(_ORG, sentence)).staff == Staff(authorized, actual)
