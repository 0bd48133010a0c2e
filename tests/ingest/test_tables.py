"""The generic table reader: pipe, tab, space and one-cell-per-line layouts, block by block."""

from __future__ import annotations

from ingest_corpus import PIPE_DOC, WATERMARK_DOC

from budgetkg.ingest.cleaning import join_wrapped, label_key
from budgetkg.ingest.lines import load_lines
from budgetkg.ingest.tables import cell_stream, read_tables, split_row


def _lines(text: str):  # type: ignore[no-untyped-def]
    return load_lines(text)[0]


def test_layouts_are_decided_per_block_in_one_document() -> None:
    text = "\n".join(
        [
            "表一 收支总表",
            "| 项目 | 金额 |",
            "|--|--|",
            "| 收入总计 | 10.00 |",
            "",
            "表二 项目支出预算表",
            "项目名称\t合计",
            "遗属补助\t3.45",
            "",
            "表三 指标",
            "一级指标    二级指标    指标值",
            "产出指标    数量指标    ≥3次",
        ]
    )
    tables = read_tables(_lines(text))
    assert [t.rows[0].layout for t in tables] == ["pipe", "tab", "space"]
    assert [t.title for t in tables] == ["表一 收支总表", "表二 项目支出预算表", "表三 指标"]
    assert tables[0].rows[-1].texts == ["收入总计", "10.00"]
    assert tables[0].rows[-1].line == 4
    assert tables[1].rows[1].filled[1].text == "3.45"


def test_a_table_split_by_a_page_break_is_one_table() -> None:
    text = "标题\n项目名称\t合计\nA\t1.00\n\n\nB\t2.00\n下一段文字说明。"
    (table,) = read_tables(_lines(text))
    assert [r.first for r in table.rows] == ["项目名称", "A", "B"]
    assert table.span.start == 2 and table.span.end == 6


def test_cell_stream_reads_one_cell_per_line() -> None:
    cells = list(cell_stream(_lines("项目名称\n信访工作经费\n\n项目属性\t经常性项目")))
    assert [(c.text, c.line) for c in cells] == [
        ("项目名称", 1),
        ("信访工作经费", 2),
        ("项目属性", 4),
        ("经常性项目", 4),
    ]


def test_prose_is_not_a_table() -> None:
    assert split_row("2026年度大同市信访局[部门]预算收入总计1,156.95万元，其中：本年收入1,156.95万元") is None


def test_corpus_pipe_tables_keep_source_line_numbers() -> None:
    lines, _ = load_lines(PIPE_DOC.read_text(encoding="utf-8"))
    tables = read_tables(lines)
    lists = [t for t in tables if "项目支出预算表（本年预算）" in t.title]
    assert len(lists) == 1
    row = next(r for r in lists[0].rows if r.first == "Z信访工作经费")
    assert row.line == 413
    assert row.filled[1].text == "110.20"


def test_watermark_lines_do_not_split_tables() -> None:
    lines, removed = load_lines(WATERMARK_DOC.read_text(encoding="utf-8"))
    assert removed == 14
    tables = read_tables(lines)
    kpi_blocks = [
        t for t in tables if any(label_key(c.text) == "年度绩效指标" for r in t.rows for c in r.cells)
    ]
    assert len(kpi_blocks) == 1
    # the department KPI block runs from its header to the last satisfaction row
    assert kpi_blocks[0].rows[-1].filled[-1].text == "≥90%"


def test_line_wrap_spaces_are_removed_from_names() -> None:
    assert join_wrapped("县访调对接人民调解委员会工作经 费") == "县访调对接人民调解委员会工作经费"
