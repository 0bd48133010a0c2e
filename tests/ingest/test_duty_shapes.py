"""Duties in other shapes (一是… inline, ；-clauses after 主要职责是：, a 职责内容 table),
ministry 司局, counted unit lists and regions with a party prefix or a 兵团 division."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from budgetkg.ingest.document import DocumentFacts, inline_duties, read_document_facts, unnumbered_duties
from budgetkg.ingest.lines import load_lines
from budgetkg.ingest.records import Report
from budgetkg.ingest.regions import resolve_region
from budgetkg.ingest.tables import read_tables


def _facts(*body: str, agency: str = "某某县水利局") -> DocumentFacts:
    text = "\n".join(
        [f"{agency}2024年部门预算", "", "第一部分  部门概况", "", *body, "", "第二部分  预算表", ""]
    )
    lines = load_lines(text)[0]
    return read_document_facts(lines, Report(doc="t"), read_tables(lines))


def test_inline_ordinals_drop_the_lead_in_and_the_marks() -> None:
    f = _facts(
        "一、主要职能",
        "某某县水利局的主要职能：一是贯彻执行水利工作的方针政策，拟订全县水利发展规划；"
        "二是负责全县水资源的统一监督管理；三是负责农村饮水安全工程的建设管理；四是完成县委、县政府交办的其他任务。",
        "二、机构设置",
        "本局内设办公室、水政股、工程股3个股室。",
    )
    assert f.duties == (
        "贯彻执行水利工作的方针政策，拟订全县水利发展规划",
        "负责全县水资源的统一监督管理",
        "负责农村饮水安全工程的建设管理",
        "完成县委、县政府交办的其他任务。",
    )
    assert f.internal_departments == ("办公室", "水政股", "工程股")


def test_parallel_clauses_after_a_lead_are_items() -> None:
    f = _facts(
        "一、部门职责",
        "某某部贯彻落实党中央关于本领域工作的方针政策，在履行职责过程中坚持党的集中统一领导。主要职责是："
        "负责拟订全国发展战略和政策；组织编制重大规划并监督实施；指导行业安全生产工作；"
        "负责有关统计和信息发布；完成党中央、国务院交办的其他任务。",
        "二、机构设置",
        "本部机关内设办公厅、规划司、政策法规司、财务司、离退休干部局5个司局。",
        agency="某某部",
    )
    assert f.duties == (
        "负责拟订全国发展战略和政策",
        "组织编制重大规划并监督实施",
        "指导行业安全生产工作",
        "负责有关统计和信息发布",
        "完成党中央、国务院交办的其他任务。",
    )
    assert f.internal_departments == ("办公厅", "规划司", "政策法规司", "财务司", "离退休干部局")


def test_a_lone_duty_with_clauses_of_no_common_shape_stays_whole() -> None:
    text = "本局是县政府工作部门；机关设在城关镇；主要承担水利管理工作。"
    assert unnumbered_duties([text]) == [text]


def test_marks_at_paragraph_starts_and_a_colon_lead_in() -> None:
    f = _facts(
        "一、部门职责",
        "本局主要职责如下：",
        "第一，负责全县水资源管理工作。",
        "第二，负责全县水土保持工作。",
        "第三，完成县政府交办的其他任务。",
    )
    assert f.duties == ("负责全县水资源管理工作。", "负责全县水土保持工作。", "完成县政府交办的其他任务。")


def test_duties_in_a_table_under_the_heading() -> None:
    f = _facts(
        "一、主要职责",
        "",
        "| 序号 | 职责内容 |",
        "| --- | --- |",
        "| 1 | 负责全县水资源的统一管理和保护。 |",
        "| 2 | 负责全县水利工程的建设与管理。 |",
        "| 3 | 完成县委、县政府交办的其他任务。 |",
        "",
        "二、机构设置",
        "本部门预算编制范围的单位共2个，包括：某某县水利局（本级）、某某县水利工程少年宫。",
    )
    assert f.duties == (
        "负责全县水资源的统一管理和保护。",
        "负责全县水利工程的建设与管理。",
        "完成县委、县政府交办的其他任务。",
    )
    assert f.budget_units == ("某某县水利局", "某某县水利工程少年宫")


def test_marks_must_count_up_at_clause_boundaries() -> None:
    assert inline_duties("坚持统一是前提，二是关键，三是保障。") == []
    assert inline_duties("主要职责：（1）负责甲工作；（2）负责乙工作；（3）完成其他任务。") == [
        "负责甲工作",
        "负责乙工作",
        "完成其他任务。",
    ]


_ORDINALS = "一二三四五六七八九"
_CLAUSE = st.text(alphabet="水利工作管理建设规划监督全县负责组织", min_size=2, max_size=20)


@given(st.lists(_CLAUSE, min_size=2, max_size=9))
def test_any_ordinal_enumeration_gives_its_items_back(items: list[str]) -> None:
    text = "本局主要职能：" + "；".join(f"{_ORDINALS[i]}是{item}" for i, item in enumerate(items)) + "。"
    got = inline_duties(text)
    assert [g.rstrip("。") for g in got] == items


def test_regions_behind_a_party_prefix_and_of_bingtuan_divisions() -> None:
    assert resolve_region("中共长阳土家族自治县委宣传部").label == "湖北省宜昌市长阳土家族自治县"
    assert resolve_region("共青团第八师石河子市委员会").label == "新疆生产建设兵团第八师石河子市"
    assert resolve_region("第十三师财政局").label == "新疆生产建设兵团第十三师新星市"
    assert resolve_region("伊金霍洛旗财政局").label == "内蒙古自治区鄂尔多斯市伊金霍洛旗"
    assert resolve_region("神农架林区民政局").label == "湖北省神农架林区"
    assert resolve_region("石河子市财政局").label == "新疆维吾尔自治区石河子市"
