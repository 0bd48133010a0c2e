"""Prose projects under numbered headings, their fields and KPIs, and prose joined to table projects."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from budgetkg.ingest.extract import extract_bytes
from budgetkg.ingest.lines import load_lines
from budgetkg.ingest.paragraphs import Paragraph
from budgetkg.ingest.prose import kpis_of_paragraph, read_prose_projects
from budgetkg.ingest.records import Report

HEADED = "\n".join(
    [
        "二、项目支出绩效目标",
        "（一）档案数字化经费",
        "该项目由某县档案馆实施，为经常性项目，项目期2年，2025年预算安排36.40万元。立项依据：《中华人民共和国档案法》和"
        "《某省档案管理办法》（某档发〔2021〕8号）。保障措施：按照《某县政府采购管理办法》组织采购，分期验收。"
        "绩效目标：产出指标中，数量指标为数字化档案不少于12000卷、修复破损档案≥300卷；质量指标为数字化合格率≥98%。"
        "效益指标中，社会效益指标为档案查阅等候时间缩短30%。满意度指标中，服务对象满意度指标为查档群众满意度不低于90%。",
        "（二）老干部活动经费",
        "该项目由县委老干部局实施，2025年预算安排8.00万元。绩效目标：产出指标：组织活动不少于6次。",
        "三、名词解释",
    ]
)


def _projects(text: str):  # type: ignore[no-untyped-def]
    lines, _ = load_lines(text)
    return read_prose_projects(lines, Report(doc="synthetic.txt"))


def test_numbered_headings_introduce_prose_projects_with_their_fields() -> None:
    first, second = _projects(HEADED)
    assert (first.name, first.amount_wan, second.name, second.amount_wan) == (
        "档案数字化经费",
        36.4,
        "老干部活动经费",
        8.0,
    )
    assert (first.implementing_unit, first.attribute, first.period) == ("某县档案馆", "经常性项目", "2年")
    assert first.legal_basis_text == "《中华人民共和国档案法》和《某省档案管理办法》（某档发〔2021〕8号）。"
    assert first.measures_text == "按照《某县政府采购管理办法》组织采购，分期验收。"
    assert [(c.title, c.doc_number, c.field) for c in first.citations] == [
        ("中华人民共和国档案法", None, "legal_basis"),
        ("某省档案管理办法", "某档发〔2021〕8号", "legal_basis"),
        ("某县政府采购管理办法", None, "measures"),
    ]
    assert second.measures_text is None and second.legal_basis_text is None


def test_kpis_in_level_sentences() -> None:
    first, second = _projects(HEADED)
    assert [(k.level1, k.level2, k.name, k.value.raw, k.column) for k in first.kpis] == [
        ("产出指标", "数量指标", "数字化档案", "不少于12000卷", None),
        ("产出指标", "数量指标", "修复破损档案", "≥300卷", None),
        ("产出指标", "质量指标", "数字化合格率", "≥98%", None),
        ("效益指标", "社会效益", "档案查阅等候时间缩短", "30%", None),
        ("满意度指标", "服务对象满意度", "查档群众满意度", "不低于90%", None),
    ]
    assert [(k.level1, k.level2, k.name, k.value.raw) for k in second.kpis] == [
        ("产出指标", None, "组织活动", "不少于6次")
    ]


def test_numbered_sentence_project_broken_over_lines() -> None:
    text = "\n\n".join(
        [
            "（三）其他项目绩效目标说明",
            "1.乡村文化站补助经费。该项目由某市文化馆实施，2025年预算安排45万",
            "元，主要用于乡镇文化站免费开放，依据《某省公共文化服务条例》设立。绩效指标：产出指标：",
            "乡镇、村文化站开放率达到100%，组织培训不少于20场；满意度指标：群",
            "众满意度95%以上。",
            "第四部分 名词解释",
        ]
    )
    (project,) = _projects(text)
    assert (project.name, project.amount_wan, project.implementing_unit) == (
        "乡村文化站补助经费",
        45.0,
        "某市文化馆",
    )
    assert project.legal_basis_text is None
    assert [(c.title, c.field) for c in project.citations] == [("某省公共文化服务条例", "legal_basis")]
    assert [(k.level1, k.name, k.value.raw) for k in project.kpis] == [
        ("产出指标", "乡镇、村文化站开放率", "达到100%"),
        ("产出指标", "组织培训", "不少于20场"),
        ("满意度指标", "群众满意度", "95%以上"),
    ]


def test_a_numbered_line_without_a_project_sentence_is_no_project() -> None:
    text = "\n".join(["（一）部门职责", "负责全县档案工作。", "（二）机构设置", "本部门内设3个科室。"])
    assert _projects(text) == []


TABLE_AND_PROSE = "\n".join(
    [
        "某市档案局2025年部门预算",
        "一、收支预算总体情况",
        "收入总计300.00万元，支出总计300.00万元，其中基本支出250.00万元，项目支出50.00万元。",
        "项目支出表",
        "单位：万元",
        "项目名称\t合计",
        "合计\t50.00",
        "档案征集经费\t30.00",
        "档案展览经费\t20.00",
        "项目支出绩效目标表",
        "项目名称\t档案征集经费",
        "实施单位\t某市档案局",
        "项目资金（万元）\t年度资金总额\t30.00",
        "立项依据\t《某市档案征集办法》",
        "一级指标\t二级指标\t三级指标\t指标值",
        "产出指标\t数量指标\t征集档案数量\t≥500件",
        "二、其他项目说明",
        "1.档案展览经费。该项目由某市档案馆实施，2025年预算安排20.00万元。立项依据：《某市档案展览管理规定》。"
        "绩效目标：产出指标：举办展览不少于4场。",
        "2.档案征集经费。该项目由某市档案局实施，预算安排30.00万元。绩效目标：产出指标：征集档案不少于400件。",
    ]
)


def test_prose_details_join_listed_projects_without_a_table() -> None:
    disclosure, report = extract_bytes(TABLE_AND_PROSE.encode(), "synthetic.txt")
    assert disclosure is not None, report.error
    by_name = {p.name: p for p in disclosure.projects}
    assert sorted(by_name) == ["档案展览经费", "档案征集经费"]
    shown = by_name["档案展览经费"]
    assert (shown.amount_wan, shown.implementing_unit) == (20.0, "某市档案馆")
    assert shown.legal_basis_text == "《某市档案展览管理规定》。"
    assert [c.title for c in shown.citations] == ["某市档案展览管理规定"]
    assert [(k.name, k.value.raw) for k in shown.kpis] == [("举办展览", "不少于4场")]
    # the project with a performance table keeps the table's KPIs, not the prose ones
    assert [(k.name, k.value.raw) for k in by_name["档案征集经费"].kpis] == [("征集档案数量", "≥500件")]


_NAMES = st.text(alphabet="档案数字化修复查阅服务", min_size=3, max_size=8)


@given(
    names=st.lists(_NAMES, min_size=1, max_size=4, unique=True),
    numbers=st.lists(st.integers(1, 9999), min_size=4),
)
def test_enumerated_kpis_split_at_the_enumeration_mark(names: list[str], numbers: list[int]) -> None:
    """Any list 'A不少于N件、B不少于M件' under a level-2 label gives one KPI per item."""
    items = [f"{n}不少于{v}件" for n, v in zip(names, numbers, strict=False)]
    text = "产出指标中，数量指标为" + "、".join(items) + "。"
    kpis = kpis_of_paragraph(Paragraph(text, (1,), (0,)), Report(doc="x"))
    assert [(k.level2, k.name, k.value.raw) for k in kpis] == [
        ("数量指标", n, f"不少于{v}件") for n, v in zip(names, numbers, strict=False)
    ]
