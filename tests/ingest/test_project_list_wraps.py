"""Project lists: wrapped name and unit cells joined to the right row, lists over page breaks,
zero and negative rows, and list names that differ from their performance table's title."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from budgetkg.ingest.budget_units import unit_name
from budgetkg.ingest.lines import Line
from budgetkg.ingest.performance import PerformanceTable
from budgetkg.ingest.project_list import ListedProject, name_finished, read_project_lists
from budgetkg.ingest.reconcile import reconcile, shared_core
from budgetkg.ingest.records import Report, Span
from budgetkg.ingest.tables import Cell, Row, Table


def _row(no: int, *cells: str) -> Row:
    return Row(no, tuple(Cell(t, no, k) for k, t in enumerate(cells)), "space")


def _table(title: str, rows: list[list[str]], first: int = 10) -> Table:
    """A table of rows as a space-aligned export splits them (empty cells lost, cells from col 0)."""
    return Table([_row(first + i, *r) for i, r in enumerate(rows)], [Line(first - 1, title)])


def _read(*tables: Table) -> tuple[list[ListedProject], Report]:
    report = Report(doc="synthetic.txt")
    return read_project_lists(list(tables), report), report


def _names(listed: list[ListedProject]) -> list[tuple[str, float | None]]:
    return [(p.name, p.amount_wan) for p in listed]


# -- a wrapped name belongs to the row above -----------------------------------------

PLAIN_HEADER = ["项目名称", "项目类型", "合计", "财政拨款"]


def test_wrapped_tail_joins_the_row_above_not_the_next() -> None:
    listed, report = _read(
        _table(
            "某县2025年项目支出预算表",
            [
                PLAIN_HEADER,
                ["合计", "1,030.00", "1,030.00"],
                ["某某学校公用经费保障机制县级配", "特定目标类", "600.00", "600.00"],
                ["套资金"],
                ["某某发展专项资金（普惠性幼儿园生均", "特定目标类", "400.00", "400.00"],
                ["公用经费补助）"],
                ["教师全员培训经费", "其他运转类", "30.00", "30.00"],
            ],
        )
    )
    assert _names(listed) == [
        ("某某学校公用经费保障机制县级配套资金", 600.0),
        ("某某发展专项资金（普惠性幼儿园生均公用经费补助）", 400.0),
        ("教师全员培训经费", 30.0),
    ]
    assert listed[0].span == Span(12, 13)
    joined = [f for f in report.findings if "continues the row above" in f.message]
    assert [(f.span.start, f.span.end) for f in joined if f.span] == [(12, 13), (14, 15)]


def test_a_one_character_tail_completes_the_name_above() -> None:
    listed, _ = _read(
        _table(
            "项目支出预算表",
            [
                PLAIN_HEADER,
                ["全县水资源监测能力建设及取用水管理专", "一般项目", "120.00", "120.00"],
                ["项"],
                ["木兰溪流域系统治理补助资金", "一般项目", "80.00", "80.00"],
            ],
        )
    )
    assert _names(listed) == [
        ("全县水资源监测能力建设及取用水管理专项", 120.0),
        ("木兰溪流域系统治理补助资金", 80.0),
    ]


def test_name_above_a_row_without_a_name_begins_that_row() -> None:
    # the amounts on a line of their own below the name (the name cell empty there)
    listed, report = _read(
        _table(
            "项目支出预算表",
            [
                PLAIN_HEADER,
                ["某某中心运行", "一般项目", "50.00", "50.00"],
                ["某某大型仪器设备"],
                ["", "一般项目", "75.00", "75.00"],
            ],
        )
    )
    # 某某中心运行 is unfinished, yet the row below has no name: the line is that row's
    assert _names(listed) == [("某某中心运行", 50.0), ("某某大型仪器设备", 75.0)]
    assert listed[1].span == Span(12, 13)
    assert any("above a row without a name" in f.message for f in report.findings)


def test_first_line_before_a_row_with_the_tail_begins_that_row() -> None:
    # a complete row above, the name's first part alone, then its tail with the amounts
    listed, report = _read(
        _table(
            "项目支出预算表",
            [
                PLAIN_HEADER,
                ["某某中心运行经费", "一般项目", "50.00", "50.00"],
                ["某某镇农村人居环境整治"],
                ["提升奖补资金", "一般项目", "75.00", "75.00"],
            ],
        )
    )
    assert _names(listed) == [("某某中心运行经费", 50.0), ("某某镇农村人居环境整治提升奖补资金", 75.0)]
    assert any("alone on its line joined to the next row" in f.message for f in report.findings)


def test_complete_name_alone_after_the_last_row_stays_a_row_without_amount() -> None:
    listed, report = _read(
        _table(
            "项目支出预算表",
            [PLAIN_HEADER, ["某某信息系统运维经费", "一般项目", "20.00", "20.00"], ["某某专项工作经费"]],
        )
    )
    assert _names(listed) == [("某某信息系统运维经费", 20.0)]
    assert any(f.severity == "unparsed" and "某某专项工作经费" in f.message for f in report.findings)


UNIT_HEADER = ["序号", "项目名称", "单位名称", "合计", "一般公共预算"]


def test_wrapped_unit_cell_joins_the_unit_above_and_sets_later_rows() -> None:
    listed, report = _read(
        _table(
            "项目支出预算表",
            [
                UNIT_HEADER,
                ["1", "水利工程质量安全监督检测经费", "某省水利工程建设质量与", "965.75", "965.75"],
                ["安全监督中心"],  # split from the unit column: no empty cells before it
                ["2", "监督执法装备购置", "", "30.00", "30.00"],
                ["3", "山洪灾害防治非工程措施运行维护及监测", "某省水旱灾害防御中心", "1,850.00", "1,850.00"],
                ["预警平台升级改造"],
            ],
        )
    )
    assert [(p.name, p.budget_unit) for p in listed] == [
        ("水利工程质量安全监督检测经费", "某省水利工程建设质量与安全监督中心"),
        ("监督执法装备购置", "某省水利工程建设质量与安全监督中心"),
        ("山洪灾害防治非工程措施运行维护及监测预警平台升级改造", "某省水旱灾害防御中心"),
    ]
    assert not [f for f in report.findings if f.severity == "unparsed"]


def test_unit_rows_of_a_combined_column_take_no_wrapped_line() -> None:
    listed, _ = _read(
        _table(
            "2025年部门项目支出预算表",
            [
                ["单位名称（项目名称）", "项目类别", "合计", "一般公共预算"],
                ["某县第一中学", "553.00", "553.00"],
                ["高中教学仪器设备"],
                ["购置", "特定目标类", "553.00", "553.00"],
            ],
        )
    )
    assert [(p.name, p.amount_wan, p.budget_unit) for p in listed] == [
        ("高中教学仪器设备购置", 553.0, "某县第一中学")
    ]


# -- property: any name wrapped after an unfinished first part is joined back -------------

_CORE = st.text(alphabet="城乡义务教育学校公用保障机制县级配套农村营养改善计划", min_size=6, max_size=18)
_FINAL = st.sampled_from(["经费", "资金", "补助", "工程", "项目", "购置费"])


@given(st.lists(st.tuples(_CORE, _FINAL, st.integers(2, 30)), min_size=1, max_size=6))
def test_names_wrapped_anywhere_inside_are_joined_to_their_own_row(
    parts: list[tuple[str, str, int]],
) -> None:
    rows: list[list[str]] = [PLAIN_HEADER]
    expected: list[tuple[str, float]] = []
    for k, (core, final, cut) in enumerate(parts):
        name = core + final
        cut = min(cut, len(core))  # the first line ends inside the core: no name-final word
        head, tail = name[:cut], name[cut:]
        amount = float(10 * (k + 1))
        if name_finished(head) or unit_name(head):  # a complete name, or one read as a unit's
            rows.append([name, "一般项目", f"{amount:.2f}", f"{amount:.2f}"])
        else:
            rows += [[head, "一般项目", f"{amount:.2f}", f"{amount:.2f}"], [tail]]
        expected.append((name, amount))
    listed, _ = _read(_table("项目支出预算表", rows))
    assert _names(listed) == expected


# -- a list split by a page break --------------------------------------------------------


def test_list_continues_after_a_page_break_with_its_header_repeated() -> None:
    header = ["单位名称（项目名称）", "项目类别", "合计", "一般公共预算"]
    first = _table(
        "2025年部门项目支出预算表",
        [
            ["部门：某县教育和体育局", "单位：万元"],
            header,
            ["合计", "330.00", "330.00"],
            ["某县第一中学", "300.00", "300.00"],
            ["校园网络升级改造", "特定目标类", "300.00", "300.00"],
        ],
    )
    # the running header stayed in the text: the rest of the list is a table of its own
    second = Table(
        [
            _row(40, "部门：某县教育和体育局", "单位：万元"),
            _row(41, *header),
            _row(42, "某县实验中学", "30.00", "30.00"),
            _row(43, "图书购置", "其他运转类", "30.00", "30.00"),
        ],
        [Line(37, "某县教育和体育局2025年部门预算")],
    )
    listed, report = _read(first, second)
    assert [(p.name, p.budget_unit) for p in listed] == [
        ("校园网络升级改造", "某县第一中学"),
        ("图书购置", "某县实验中学"),
    ]
    # the running header blanked: one table with the page's lines in it
    one = _table("2025年部门项目支出预算表", [[c.text for c in r.cells] for r in first.rows + second.rows])
    listed_one, report_one = _read(one)
    assert [(p.name, p.budget_unit) for p in listed_one] == [
        ("校园网络升级改造", "某县第一中学"),
        ("图书购置", "某县实验中学"),
    ]
    assert not [f for f in [*report.findings, *report_one.findings] if f.severity == "unparsed"]


def test_table_with_the_same_header_under_a_title_of_its_own_is_another_list() -> None:
    header = ["项目名称", "合计"]
    first = _table("2025年项目支出预算表", [header, ["某某运维经费", "10.00"]])
    other = Table([_row(40, *header), _row(41, "某某结转经费", "5.00")], [Line(39, "上年结转项目支出表")])
    listed, _ = _read(first, other)
    assert [(p.name, p.carry_over) for p in listed] == [("某某运维经费", False), ("某某结转经费", True)]


# -- zero, negative and total rows --------------------------------------------------------


def test_zero_and_negative_rows_are_projects_and_findings_totals_never() -> None:
    listed, report = _read(
        _table(
            "项目支出预算表",
            [
                ["项目名称", "合计"],
                ["合 计", "65.00"],
                ["某某运维经费", "100.00"],
                ["某某预留经费", "0.00"],
                ["某某会议经费调减", "-35.00"],
                ["本级小计", "65.00"],
            ],
        )
    )
    assert _names(listed) == [("某某运维经费", 100.0), ("某某预留经费", 0.0), ("某某会议经费调减", -35.0)]
    said = {f.severity: f.message for f in report.findings if "has amount" in f.message}
    assert "-35" in said["warning"] and "某某预留经费" in said["info"]


# -- a list name and a performance table title that differ -------------------------------


def _listed(name: str, wan: float) -> ListedProject:
    return ListedProject(name, name, wan, "某市妇幼保健院", False, Span(5, 5))


def _perf(name: str, yuan: float) -> PerformanceTable:
    return PerformanceTable(name, name, Span(50, 60), amount_yuan=yuan, amount_unit="元")


def test_names_sharing_a_core_join_when_the_amounts_agree() -> None:
    listed = [
        _listed("两癌筛查（农村妇女宫颈癌和乳腺癌检查）项目", 860.0),
        _listed("妇幼信息平台升级改造", 740.0),
    ]
    report = Report(doc="synthetic.txt")
    joined = reconcile(listed, [_perf("农村适龄妇女“两癌”筛查项目", 8_600_000)], report)
    assert joined[0].table is not None and joined[0].rule == "amount and shared core"
    assert len(joined) == 2
    assert any("shared core" in f.message for f in report.findings if f.severity == "reconciliation")


def test_a_shared_core_with_another_amount_joins_nothing() -> None:
    listed = [_listed("两癌筛查（农村妇女宫颈癌和乳腺癌检查）项目", 860.0)]
    joined = reconcile(listed, [_perf("农村适龄妇女“两癌”筛查项目", 5_000_000)], Report(doc="synthetic.txt"))
    assert joined[0].table is None and len(joined) == 2


def test_shared_core_leaves_out_generic_words() -> None:
    assert shared_core("某县专项经费", "某县专项资金") == "某县"
    assert shared_core("适龄妇女两癌筛查", "两癌筛查项目") == "两癌筛查"
