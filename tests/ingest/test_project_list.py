"""Project lists: unit grouping, subtotal rows, carry-over lists, names joined over wraps."""

from __future__ import annotations

from ingest_corpus import MANY_PROJECTS_DOC, PIPE_DOC, TAB_HEADINGS_DOC, WATERMARK_DOC

from budgetkg.ingest import extract_bytes
from budgetkg.ingest.lines import load_lines
from budgetkg.ingest.project_list import ListedProject, read_project_lists
from budgetkg.ingest.records import Report
from budgetkg.ingest.tables import read_tables


def _listed(path) -> list[ListedProject]:  # type: ignore[no-untyped-def]
    lines, _ = load_lines(path.read_text(encoding="utf-8"))
    return read_project_lists(read_tables(lines), Report(doc=path.name))


def test_pipe_list_groups_projects_under_two_budget_units() -> None:
    projects = _listed(PIPE_DOC)
    assert len(projects) == 17
    units = {p.budget_unit for p in projects}
    assert units == {"大同市信访局", "大同市信访服务中心"}
    assert (
        round(sum(p.amount_wan or 0 for p in projects if p.budget_unit == "大同市信访服务中心"), 2) == 51.36
    )
    assert round(sum(p.amount_wan or 0 for p in projects), 2) == 445.36
    assert projects[4].name == "Z信访工作经费" and projects[4].span.start == 413


def test_subtotal_rows_with_the_same_name_as_the_unit_are_not_projects() -> None:
    projects = _listed(TAB_HEADINGS_DOC)
    assert len(projects) == 10
    assert "忻州市信访局" not in {p.name for p in projects}
    assert "访调对接人民调解委员会工作经费" in {p.name for p in projects}
    assert round(sum(p.amount_wan or 0 for p in projects), 2) == 396.13


def test_carry_over_list_is_read_and_marked() -> None:
    projects = _listed(WATERMARK_DOC)
    assert len(projects) == 7
    carry = [p for p in projects if p.carry_over]
    assert [(p.name, p.amount_wan) for p in carry] == [("2025年市级解决特殊疑难信访问题资金预算的通知", 0.26)]
    assert projects[0].name == "关于提前下达2026年中央解决特殊疑难信访问题资金"


def test_same_name_under_two_units_stays_two_projects() -> None:
    projects = _listed(MANY_PROJECTS_DOC)
    assert len(projects) == 45
    twins = [(p.budget_unit, p.amount_wan) for p in projects if p.name == "J残疾人保障金"]
    assert twins == [("大同市人民政府信息化中心", 2.2), ("大同市国际文化交流中心", 0.56)]
    assert round(sum(p.amount_wan or 0 for p in projects), 2) == 2796.68


CODE_COLUMN_LIST = "2025年项目支出预算表\n项目名称\t科目编码\t合计\n某县农业局\t\t30.00\nA项目\t2130101\t10.00\nB项目\t2130199\t20.00\n"


def test_amount_comes_from_the_total_column_not_a_code_column() -> None:
    lines, _ = load_lines(CODE_COLUMN_LIST)
    projects = read_project_lists(read_tables(lines), Report(doc="synthetic.txt"))
    assert [(p.name, p.amount_wan, p.budget_unit) for p in projects] == [
        ("A项目", 10.0, "某县农业局"),
        ("B项目", 20.0, "某县农业局"),
    ]


def test_code_column_fills_each_projects_functional_code() -> None:
    lines, _ = load_lines(CODE_COLUMN_LIST)
    projects = read_project_lists(read_tables(lines), Report(doc="synthetic.txt"))
    assert [(p.name, p.functional_code) for p in projects] == [("A项目", "2130101"), ("B项目", "2130199")]


# a whole (small) disclosure: prose naming one unit 本级, a list grouping projects under two units,
# a 功能科目 column before 合计, one project with a performance table naming its 功能科目
FUNCTIONAL_CODE_DOC = """某县农业局2025年部门预算公开

第一部分 某县农业局概况
纳入某县农业局部门预算的单位具体为：某县农业局本级。

2025年项目支出预算表
部门名称：某县农业局[部门]
单位：万元
项目名称\t功能科目\t合计\t一般公共预算
某县农业局[部门]\t\t45.00\t45.00
某县农业局本级\t\t30.00\t30.00
种子站运行经费\t[2130104]事业运行\t10.00\t10.00
耕地保护经费\t2130153 耕地建设与利用\t20.00\t20.00
某县农业技术推广站\t\t15.00\t15.00
农技推广服务经费\t2130106\t15.00\t15.00

项目支出绩效目标表
项目名称\t秸秆利用补助\t实施单位\t某县农业局
功能科目\t2130122 农业生产发展\t项目属性\t延续性项目
年度资金总额\t50000
"""


def test_extracted_projects_carry_functional_codes_and_list_units() -> None:
    d, report = extract_bytes(FUNCTIONAL_CODE_DOC.encode(), "synthetic.txt")
    assert d is not None, report.error
    assert [(p.name, p.functional_code) for p in d.projects] == [
        ("种子站运行经费", "2130104"),
        ("耕地保护经费", "2130153"),
        ("农技推广服务经费", "2130106"),
        ("秸秆利用补助", "2130122"),
    ]
    assert [p.budget_unit for p in d.projects[:3]] == ["某县农业局", "某县农业局", "某县农业技术推广站"]
    # the prose's 某县农业局本级 and the list's 某县农业局[部门]/本级 are one unit; list units follow
    assert d.budget_units == ("某县农业局", "某县农业技术推广站")
