"""Damaged documents: cut short, tables split over pages, two project lists, unreadable blocks.

Nothing raises, and what cannot be read is a finding with its line span.
"""

from __future__ import annotations

import pytest
from ingest_corpus import MANY_PROJECTS_DOC, PIPE_DOC, TAB_HEADINGS_DOC, WATERMARK_DOC
from ingest_variants import Variant, extract_variant, gold_of, page_breaks, to_spaces

from budgetkg.ingest import Report, extract_bytes, to_gold_json

CUT_POINTS = (0.15, 0.35, 0.5, 0.62, 0.8, 0.93)


def _extract(text: str, name: str = "variant.txt") -> tuple[dict, Report]:  # type: ignore[type-arg]
    d, report = extract_bytes(text.encode("utf-8"), name)
    assert d is not None, report.error
    return to_gold_json(d), report


def _unparsed(report: Report) -> list[tuple[str, int, int]]:
    return [
        (f.message, f.span.start, f.span.end) for f in report.findings if f.severity == "unparsed" and f.span
    ]


@pytest.mark.parametrize(
    "doc", [PIPE_DOC, TAB_HEADINGS_DOC, WATERMARK_DOC, MANY_PROJECTS_DOC], ids=lambda d: d.stem[:3]
)
@pytest.mark.parametrize("cut", CUT_POINTS)
def test_document_cut_anywhere_extracts_what_is_there(doc: object, cut: float) -> None:
    lines = doc.read_text(encoding="utf-8").splitlines()  # type: ignore[attr-defined]
    kept = lines[: int(len(lines) * cut)]
    d, report = extract_bytes("\n".join(kept).encode("utf-8"), "cut.txt")
    assert report.error is None or not report.error.startswith("internal error"), report.error
    if d is None:  # cut before any budget word: a clear one-line error
        assert report.error and "\n" not in report.error
        return
    gold = gold_of(doc)  # type: ignore[arg-type]
    assert len(d.projects) <= len(gold["projects"]) + 1
    assert all(p.span.end <= len(kept) for p in d.projects)


def test_performance_table_cut_mid_kpis_is_reported() -> None:
    lines = PIPE_DOC.read_text(encoding="utf-8").splitlines()
    cut = 598  # inside the KPI rows of the first performance table (its header is line 592)
    pred, report = _extract("\n".join(lines[:cut]))
    assert len(pred["projects"]) == 17  # the whole project list is above the cut
    p = next(p for p in pred["projects"] if p["name"] == "J残疾人就业保障金")
    assert p["amount_yuan"] == 42157 and 0 < len(p["kpis"]) < 14
    cut_short = [f for f in report.findings if "cut short" in f.message]
    assert len(cut_short) == 1 and cut_short[0].span is not None and cut_short[0].span.end == cut


def test_table_split_across_pages_with_repeated_headers() -> None:
    text = page_breaks(MANY_PROJECTS_DOC.read_text(encoding="utf-8"), every=5)
    assert text.count("页 共 60 页") > 20  # many page breaks, each repeating its table's header
    pred, _ = _extract(text)
    gold = gold_of(MANY_PROJECTS_DOC)
    assert [p["name"] for p in pred["projects"]] == [p["name"] for p in gold["projects"]]
    assert [p["amount_wan"] for p in pred["projects"]] == [p["amount_wan"] for p in gold["projects"]]
    whole, _ = _extract(MANY_PROJECTS_DOC.read_text(encoding="utf-8"))
    kpis = [[(k["name"], k["value"], k["column"]) for k in p["kpis"]] for p in pred["projects"]]
    assert kpis == [[(k["name"], k["value"], k["column"]) for k in p["kpis"]] for p in whole["projects"]]
    assert sum(map(len, kpis)) >= 130


def test_two_project_lists_of_different_layouts_in_one_document() -> None:
    pipe = PIPE_DOC.read_text(encoding="utf-8").splitlines()
    tab = TAB_HEADINGS_DOC.read_text(encoding="utf-8").splitlines()
    second_list = tab[373:396]  # 2024年项目支出预算表（本年预算）, tab-separated, another unit
    text = "\n".join([*pipe[:429], "", *second_list, "", *pipe[429:]])
    pred, _ = _extract(text)
    names = [p["name"] for p in pred["projects"]]
    assert len(names) == 17 + 10
    assert set(names[17:]) == {p["name"] for p in gold_of(TAB_HEADINGS_DOC)["projects"]}
    units = {p["name"]: p["budget_unit"] for p in pred["projects"]}
    assert units["驻村干部补助经费"] == "忻州市信访局"
    assert units["Z律师服务费"] == "大同市信访服务中心"
    # the performance tables of the first document still join their own list
    assert sum(1 for p in pred["projects"] if p["kpis"]) == 17


def test_kpi_cells_without_a_partner_are_reported_with_their_line() -> None:
    lines = PIPE_DOC.read_text(encoding="utf-8").splitlines()
    stray = "| | | | ≥77% | | | | |"  # a target whose indicator name the export lost
    lines.insert(603, stray)  # line 604, inside the first performance table's KPI rows
    pred, report = _extract("\n".join(lines))
    assert any("≥77%" in m and start == end == 604 for m, start, end in _unparsed(report))
    assert all(k["value"] != "≥77%" for p in pred["projects"] for k in p["kpis"])


def test_project_list_row_without_amount_is_reported() -> None:
    lines = PIPE_DOC.read_text(encoding="utf-8").splitlines()
    lines.insert(408, "| 某某专项工作经费 | | | | | | |")  # line 409, in the project list
    last = lines.index("| J残疾人保障金 | 0.95 | 0.95 | | | | |") + 1
    lines.insert(last, "| 某某专项工作经费 | | | | | | |")  # the list's last row
    pred, report = _extract("\n".join(lines))
    assert len(pred["projects"]) == 17
    # read as the first part of a name wrapped onto the next row: said so, with both lines
    joined = [f for f in report.findings if "alone on its line" in f.message]
    assert [(f.span.start, f.span.end) for f in joined if f.span] == [(409, 410)]
    assert pred["projects"][0]["name"] == "某某专项工作经费J网络使用维护费"
    # with no row after it, it stays a row without an amount
    assert any("某某专项工作经费" in m and start == last + 1 for m, start, _ in _unparsed(report))


def test_table_no_reader_knows_is_reported_with_its_span() -> None:
    lines = PIPE_DOC.read_text(encoding="utf-8").splitlines()
    block = [
        "",
        "车辆购置情况",
        "",
        "| 车辆类型 | 数量 | 金额 |",
        "|--|--|--|",
        "| 执法执勤用车 | 2 | 36.00 |",
        "",
    ]
    at = lines.index("第三部分 2026年度部门预算情况说明")
    lines[at:at] = block
    _pred, report = _extract("\n".join(lines))
    assert ("table of 2 row(s) not read: '车辆类型 | 数量 | 金额'", at + 4, at + 6) in _unparsed(report)


def test_damaged_rows_in_space_aligned_layout_are_reported_not_dropped() -> None:
    pred, report = extract_variant(WATERMARK_DOC, Variant("space-aligned", to_spaces))
    assert pred is not None
    # the export lost the annual target of 上访案件办理合格率 in the source; it stays a finding
    assert any("上访案件办理合格率" in m for m, _s, _e in _unparsed(report))
