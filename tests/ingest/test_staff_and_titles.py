"""Head counts stated as a total beside its parts, and the year of pages without a 部门预算 title."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetkg.ingest.document import DocumentFacts, read_document_facts
from budgetkg.ingest.lines import load_lines
from budgetkg.ingest.records import Report, Staff
from budgetkg.ingest.tables import read_tables


def _facts(text: str, report: Report | None = None) -> DocumentFacts:
    lines = load_lines(text)[0]
    return read_document_facts(lines, report or Report(doc="t"), read_tables(lines))


def _org(sentence: str) -> str:
    return "\n".join(
        [
            "某某区住房和城乡建设局",
            "2025年部门预算",
            "",
            "第一部分  部门概况",
            "",
            "一、机构设置",
            "",
            "本局内设办公室、规划建设科、质量安全科3个科室。",
            sentence,
            "",
            "第二部分  2025年部门预算表",
            "",
        ]
    )


# -- head counts: the stated total wins over its parts -------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "staff"),
    [
        ("本部门行政编制30名，事业编制25名，合计编制55名；实有人员50人。", Staff(55, 50)),
        ("本部门编制总数72名，实有人员68名。", Staff(72, 68)),
        ("本局核定编制总数为 40 名，其中行政编制15名。在职人员总数37人。", Staff(40, 37)),
        ("本局共有编制218名，实有在职人员203人。", Staff(218, 203)),
        # parts alone add up to the whole; a total after them wins over their sum
        ("本部门行政编制12名、事业编制9名，实有人数20人。", Staff(21, 20)),
        ("本部门行政编制12名，事业编制9名，合计22名；实有人数20人。", Staff(22, 20)),
        # a lone part is the whole; the breakdown of a part (其中…) is not added again
        ("本部门行政编制126名，实有人数119人。", Staff(126, 119)),
        ("本单位核定事业编制64名（其中专项编制4名），实有在编人员60人。", Staff(64, 60)),
        ("本部门行政编制20名，事业编制30名，其中工勤编制5名；实有人员48人。", Staff(50, 48)),
        # actual staff by its totals
        ("核定编制80名。实有人员：行政人员30人、事业人员44人，实有人员合计74人。", Staff(80, 74)),
    ],
)
def test_staff_total_and_parts(sentence: str, staff: Staff) -> None:
    assert _facts(_org(sentence)).staff == staff


@given(
    parts=st.lists(st.integers(1, 900), min_size=1, max_size=3),
    stated=st.booleans(),
    unit=st.sampled_from(["人", "名"]),
    sep=st.sampled_from(["，", "、"]),
)
def test_parts_add_up_unless_a_total_is_stated(parts: list[int], stated: bool, unit: str, sep: str) -> None:
    names = ["行政编制", "事业编制", "工勤编制"]
    text = sep.join(f"{n}{c}{unit}" for n, c in zip(names, parts, strict=False))
    total = sum(parts) + 1  # a stated total differs from the sum, so the test can tell which was read
    if stated:
        text += f"，合计编制{total}{unit}"
    staff = _facts(_org(f"本部门{text}；实有人员3人。")).staff
    assert staff == Staff(total if stated else sum(parts), 3)


# -- year and kind of a page publishing only performance tables ----------------------------------

_TABLE = [
    "",
    "项目支出绩效目标表",
    "（2025年度）",
    "单位名称：某某市交通运输局",
    "项目名称\t农村公路养护经费\t",
    "主管部门\t某某市交通运输局\t",
    "绩效指标\t一级指标\t二级指标\t三级指标\t指标值",
    "\t产出指标\t数量指标\t养护里程\t≥300公里",
    "",
]


def test_year_and_kind_from_a_title_naming_a_table() -> None:
    report = Report(doc="t")
    facts = _facts("\n".join(["某某市交通运输局2025年项目支出绩效目标表", "", *_TABLE]), report)
    assert (facts.agency, facts.year, facts.kind) == ("某某市交通运输局", 2025, "预算")
    assert any("title line" in f.message for f in report.findings)


def test_year_from_the_subtitles_when_there_is_no_title() -> None:
    report = Report(doc="t")
    text = "\n".join(["发布日期：2025-02-14", *_TABLE, *_TABLE, *_TABLE[:2], "（2024年度）", *_TABLE[3:]])
    facts = _facts(text, report)
    assert (facts.agency, facts.year, facts.kind) == ("某某市交通运输局", 2025, "预算")
    assert any("2 of 3" in f.message for f in report.findings)


def test_a_sentence_naming_a_year_is_no_title() -> None:
    text = "\n".join(["截至2024年底本部门项目支出绩效目标表已全部公开", *_TABLE[:2], *_TABLE[3:]])
    assert _facts(text).year is None


def test_a_decision_title_gives_its_kind() -> None:
    facts = _facts("\n".join(["# 某某县财政局 2023年度 决算", "", *_TABLE[:2], *_TABLE[3:]]))
    assert (facts.agency, facts.year, facts.kind) == ("某某县财政局", 2023, "决算")
