"""Document-level facts read from the sample corpus: title page, 概况, 情况说明."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_corpus import MANY_PROJECTS_DOC, PIPE_DOC, PROSE_DOC, TAB_HEADINGS_DOC, WATERMARK_DOC

from budgetkg.ingest.document import DocumentFacts, clean_agency, read_document_facts
from budgetkg.ingest.lines import load_lines
from budgetkg.ingest.records import Region, Report, Span, Staff
from budgetkg.ingest.regions import resolve_region


def facts(path: Path) -> DocumentFacts:
    lines, _ = load_lines(path.read_text(encoding="utf-8"))
    return read_document_facts(lines, Report(doc=path.name))


@pytest.mark.parametrize(
    ("path", "agency", "region", "year"),
    [
        (PIPE_DOC, "大同市信访局", Region("山西省", "大同市", None), 2026),
        (TAB_HEADINGS_DOC, "忻州市信访局", Region("山西省", "忻州市", None), 2024),
        (WATERMARK_DOC, "泽州县信访局", Region("山西省", "晋城市", "泽州县"), 2026),
        (MANY_PROJECTS_DOC, "大同市人民政府办公室", Region("山西省", "大同市", None), 2024),
        (PROSE_DOC, "曾都区信访局", Region("湖北省", "随州市", "曾都区"), 2025),
    ],
)
def test_agency_region_year_kind(path: Path, agency: str, region: Region, year: int) -> None:
    f = facts(path)
    assert (f.agency, f.region, f.year, f.kind) == (agency, region, year, "预算")
    assert f.agency_span is not None


def test_totals_from_prose_and_tables() -> None:
    f = facts(PIPE_DOC)
    assert (f.budget_total_wan, f.basic_expenditure_wan, f.project_expenditure_wan, f.three_public_wan) == (
        1156.95,
        711.58,
        445.36,
        3.5,
    )
    f = facts(PROSE_DOC)  # 收入总计 425.23 万元 … 基本支出 295.23 万元 … 项目支出 130 万元
    assert (f.budget_total_wan, f.basic_expenditure_wan, f.project_expenditure_wan, f.three_public_wan) == (
        425.23,
        295.23,
        130.0,
        0.4,
    )


def test_no_three_public_budget_reads_as_zero() -> None:
    assert facts(WATERMARK_DOC).three_public_wan == 0.0  # 本部门无“三公”经费预算


@pytest.mark.parametrize(
    ("path", "staff"),
    [
        (PIPE_DOC, Staff(48, 44)),  # 核定的人员编制数 48人 | 实际在职人员总数 44人 (table)
        (TAB_HEADINGS_DOC, Staff(23, 20)),
        (WATERMARK_DOC, Staff(20, 19)),
        (MANY_PROJECTS_DOC, Staff(101, None)),  # 行政编制101名; a KPI row's 在职职工 18人 is no head count
        (PROSE_DOC, Staff(None, 14)),  # 实有在职人员 14人
    ],
)
def test_staff(path: Path, staff: Staff) -> None:
    assert facts(path).staff == staff


def test_duties_are_numbered_items_with_numbering_stripped() -> None:
    duties = facts(PIPE_DOC).duties
    assert len(duties) == 10
    assert (
        duties[0]
        == "全面贯彻《信访工作条例》及有关法律、法规。落实中央、国家领导人关于信访工作的批示、指示。"
    )
    assert duties[-1] == "完成市委市政府交办的其他任务。"
    assert len(facts(TAB_HEADINGS_DOC).duties) == 10  # "- 1、" markdown bullets
    many = facts(MANY_PROJECTS_DOC).duties  # lead-in "…职能如下:" is no duty
    assert len(many) == 12 and many[0] == "负责市政府各类会议的组织实施工作。"


def test_an_unnumbered_duties_paragraph_is_one_duty() -> None:
    (duty,) = facts(WATERMARK_DOC).duties
    assert duty.startswith("贯彻落实上级党委、政府和县委、县政府关于信访工作的方针") and duty.endswith(
        "批示交办的信访事项。"
    )


def test_duties_broken_mid_sentence_are_joined() -> None:
    f = facts(PROSE_DOC)
    assert len(f.duties) == 7
    assert (
        f.duties[0]
        == "贯彻中央、省、市、区关于群众工作、信访工作的决策部署，积极做好群众来访接待工作，热情为群众服务。"
    )
    assert f.duties_span == Span(5, 27)


def test_internal_departments_and_budget_units() -> None:
    f = facts(PIPE_DOC)
    assert f.internal_departments == (
        "办公室（党组办公室）",
        "综合科",
        "督查科",
        "接待来访群众科",
        "办理群众来信科",
        "处突科",
        "复查复核科",
    )
    assert f.budget_units == ("大同市信访局", "大同市信访服务中心")  # 本级 dropped
    assert facts(WATERMARK_DOC).internal_departments[-1] == "信访接待科"  # "…登记受理科和信访接待科"
    many = facts(MANY_PROJECTS_DOC)
    assert len(many.internal_departments) == 24 and many.internal_departments[-1] == "离退休人员工作科"
    assert many.budget_units == ("大同市人民政府办公室", "大同市人民政府信息化中心")
    # the 内设机构 inside a cited title (《…职能配置、内设机构和人员编制规定》) is not the list
    assert facts(TAB_HEADINGS_DOC).internal_departments == (
        "办公室",
        "案件督办科",
        "复查复核科",
        "网络投诉来信办理科",
    )
    assert facts(PROSE_DOC).internal_departments == ()
    # no unit named, but 机关及下属预算单位1个: the agency is the one unit
    assert facts(WATERMARK_DOC).budget_units == ("泽州县信访局",)
    assert facts(TAB_HEADINGS_DOC).budget_units == ("忻州市信访局",)
    assert facts(PROSE_DOC).budget_units == ()


def test_stated_project_count_and_mentions() -> None:
    f = facts(PIPE_DOC)
    assert f.stated_project_count == 17
    assert ("信访工作条例", None) in [(c.title, c.doc_number) for c in f.mentions]
    assert all(c.field == "mention" for c in f.mentions)
    (m,) = [c for c in facts(TAB_HEADINGS_DOC).mentions if c.doc_number]
    assert (m.doc_number, m.span) == ("忻办字[2019]73号", Span(61, 61))
    assert facts(PROSE_DOC).stated_project_count is None


def test_missing_title_is_reported() -> None:
    lines, _ = load_lines("一些文字\n没有标题页\n")
    report = Report(doc="x.txt")
    f = read_document_facts(lines, report)
    assert (f.agency, f.year) == (None, None)
    assert {x.message for x in report.findings} >= {
        "agency name not found on the title page or in headings",
        "budget year not found in the title",
    }


def test_clean_agency() -> None:
    assert clean_agency("大同市人民政府办公室[部门]") == "大同市人民政府办公室"
    assert clean_agency("第一部分 曾都区信访局") == "曾都区信访局"
    assert clean_agency("2026年度部门预算公开") is None


def test_region_inference_from_the_division_table() -> None:
    assert resolve_region("鼓楼区财政局", "福州市鼓楼区").label == "福建省福州市鼓楼区"
    assert resolve_region("鼓楼区财政局", "南京市鼓楼区").label == "江苏省南京市鼓楼区"
    # four 鼓楼区 and nothing names a city: the county alone, never a guessed city
    assert resolve_region("鼓楼区财政局") == Region(None, None, "鼓楼区")
    assert resolve_region("鼓楼区财政局", "江苏省财政厅").label == "江苏省鼓楼区"  # two of them in 江苏
    assert resolve_region("鼓楼区财政局", "", ["豫财预"]).label == "河南省开封市鼓楼区"
    assert resolve_region("吉林市财政局").label == "吉林省吉林市"
    assert resolve_region("湖北省财政厅").label == "湖北省"
    assert resolve_region("市信访局", "", ["鄂财预发", "鄂政办"]).label == "湖北省"
