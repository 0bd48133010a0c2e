"""The prose layout: paragraphs rejoined, projects and KPIs read from sentences."""

from __future__ import annotations

from ingest_corpus import PIPE_DOC, PROSE_DOC, WATERMARK_DOC

from budgetkg.ingest.lines import Line, load_lines
from budgetkg.ingest.paragraphs import paragraphs, wrap_width
from budgetkg.ingest.prose import read_prose_department_kpis, read_prose_projects, split_kpi_clause
from budgetkg.ingest.records import Report, Span


def lines_of(path):  # type: ignore[no-untyped-def]
    return load_lines(path.read_text(encoding="utf-8"))[0]


def test_wrapped_documents_are_told_from_unwrapped_ones() -> None:
    assert wrap_width(lines_of(PROSE_DOC)) is not None
    assert wrap_width(lines_of(PIPE_DOC)) is None
    assert wrap_width(lines_of(WATERMARK_DOC)) is None


def test_paragraphs_keep_their_source_lines() -> None:
    paras = paragraphs(lines_of(PROSE_DOC))
    staff = next(p for p in paras if p.text.startswith("目前，区信访局实有在职人员"))
    assert staff.text.endswith("退休人员 4人。")
    assert staff.span == Span(33, 37)
    at = staff.text.index("行政人员")
    assert staff.span_of(at, at + 4) == Span(33, 33)
    at = staff.text.index("退休人员")  # 退休人 | blank line | 员 4人。
    assert staff.span_of(at, at + 4) == Span(35, 37)


def test_prose_projects_with_amounts_and_alternative_spellings() -> None:
    report = Report(doc=PROSE_DOC.name)
    projects = read_prose_projects(lines_of(PROSE_DOC), report)
    assert [(p.name, p.alt_names, p.amount_wan) for p in projects] == [
        ("信访解难资金项目", ("信访解难资金",), 10.0),
        ("网上信访工作经费", (), 10.0),
        ("信访劝返维稳经费", ("信访劝返、维稳经费",), 100.0),
        ("接访中心工作经费", (), 10.0),
    ]
    assert sum(p.amount_wan or 0 for p in projects) == 130.0  # = 项目支出 130 万元
    assert projects[1].attribute == "常年性项目"
    assert projects[3].overview == "接访中心日常办公费 。"
    assert not [f for f in report.findings if f.severity == "warning"]


def test_prose_project_kpis() -> None:
    projects = read_prose_projects(lines_of(PROSE_DOC), Report(doc=PROSE_DOC.name))
    kpis = projects[2].kpis  # 驻汉/驻京值守 set, under a copy-pasted heading
    assert [(k.level1, k.name, k.value.raw) for k in kpis] == [
        ("产出指标", "驻汉值守天数", "大于300天"),
        ("产出指标", "驻京值守天数", "大于350天"),
        ("产出指标", "防止进京上访人数", "大于20人次"),
        ("效益指标", "驻汉值守天数", "大于300天"),
        ("效益指标", "驻京值守天数", "大于350天"),
        ("效益指标", "防止进京上访人数", "大于20人次"),
        ("满意度指标", "接待群众来访满意度", "大于90%"),
    ]
    assert all(k.column is None and k.level2 is None for k in kpis)
    assert (kpis[0].value.comparator, kpis[0].value.number, kpis[0].value.unit) == (">", 300.0, "天")
    assert kpis[2].span.start >= projects[2].span.start and kpis[-1].span.end <= projects[2].span.end


def test_prose_department_kpis() -> None:
    kpis = read_prose_department_kpis(lines_of(PROSE_DOC), Report(doc=PROSE_DOC.name))
    assert len(kpis) == 46  # 长期目标1-4 and 年度目标1-4, every statement
    assert len({(k.name, k.value.raw) for k in kpis}) == 13
    first = kpis[0]
    assert (first.level1, first.name, first.value.raw, first.span) == (
        "产出指标",
        "完成上级交办案件",
        "大于110件",
        Span(239, 239),
    )
    assert ("回复网上来信率", "达到100%") in {(k.name, k.value.raw) for k in kpis}


def test_documents_without_prose_projects_give_nothing() -> None:
    report = Report(doc=PIPE_DOC.name)
    assert read_prose_projects(lines_of(PIPE_DOC), report) == []
    assert read_prose_department_kpis(lines_of(PIPE_DOC), report) == []


def test_kpi_sentence_split_and_unparsed_clause_reported() -> None:
    assert split_kpi_clause("接待群众来访满意度大于 90%指标设立依据是行业标准") == (
        "接待群众来访满意度",
        "大于90%",
    )
    lines = [
        Line(1, "一、绩效目标"),
        Line(2, "1、“宣传经费”主要内容是：印发资料。"),
        Line(3, "产出指标：印发资料不少于 500份，资料质量良好。"),
    ]
    report = Report(doc="x.txt")
    (project,) = read_prose_projects(lines, report)
    assert [(k.name, k.value.raw, k.value.comparator) for k in project.kpis] == [
        ("印发资料", "不少于500份", "≥")
    ]
    assert [f.severity for f in report.findings if "资料质量良好" in f.message] == ["unparsed"]


def test_a_project_sentence_in_another_wording() -> None:
    lines = [
        Line(1, "二、重点项目情况"),
        Line(2, "（一）“法律顾问专项经费”项目，主要用于聘请法律顾问，2025年预算安排 3.5 万元。"),
        Line(3, "数量指标：聘请律师不少于 2人。"),
        Line(4, "三、其他"),
        Line(5, "“三公”经费主要用于公务接待。"),
    ]
    (project,) = read_prose_projects(lines, Report(doc="x.txt"))
    assert (project.name, project.amount_wan, project.span) == ("法律顾问专项经费", 3.5, Span(2, 3))
    (kpi,) = project.kpis
    assert (kpi.level1, kpi.level2, kpi.name, kpi.value.raw) == (
        "产出指标",
        "数量指标",
        "聘请律师",
        "不少于2人",
    )


# the listing spells one project differently from its own heading, as real disclosures do
RESPELLED_PROSE = """其他支出 30 万元。（主要是项目支出，其中：某某调解经费 10 万元，
某某劝返、维稳经费 20 万元）。
1、“某某调解经费”主要内容是：用于调解工作。
2、“某某劝返安全生产经费”主要内容是：用于劝返工作。
3、“某某培训经费”主要内容是：用于培训。
"""


def test_project_spelled_differently_in_the_listing_takes_its_amount_with_a_reconciliation() -> None:
    report = Report(doc="synthetic.txt")
    projects = read_prose_projects(load_lines(RESPELLED_PROSE)[0], report)
    assert [(p.name, p.amount_wan, p.alt_names) for p in projects] == [
        ("某某调解经费", 10.0, ()),
        ("某某劝返安全生产经费", 20.0, ("某某劝返、维稳经费",)),
        ("某某培训经费", None, ()),  # nothing in the listing is left for it
    ]
    assert [f.severity for f in report.findings if "某某劝返" in f.message] == ["reconciliation"]
    assert any(f.severity == "warning" and "某某培训经费 has no amount" in f.message for f in report.findings)
