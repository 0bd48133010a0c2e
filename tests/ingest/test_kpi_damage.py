"""PDF-export damage around KPI tables: multi-sentence cells, clipped names, shared lines, captions."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from budgetkg.ingest.kpi_rows import (
    KpiLayout,
    clipped_stem,
    read_kpi_rows,
    restore_clipped,
    split_shared_line,
)
from budgetkg.ingest.kpi_values import parse_kpi_value
from budgetkg.ingest.lines import load_lines
from budgetkg.ingest.records import Kpi, Report, Span
from budgetkg.ingest.tables import Cell, Row, is_caption, read_tables

# -- a text cell of several sentences in a space-aligned table ------------------------

GOALS = "\n".join(
    [
        "  项目名称      农村公路养护补助经费",
        "  主管部门      某县交通运输局                          实施单位      某县公路事务中心",
        "  立项依据      《公路安全保护条例》（国务院令第593号）；《某省农村公路条例》",
        "  总体目标      实施期目标：建成覆盖全县的农村公路养护体系。",
        "                年度目标：完成县乡道日常养护420公里，优良路率达到80%以上。",
        "  绩效指标  一级指标    二级指标            三级指标                    指标值",
        "            产出指标    数量指标            县乡道养护里程              ≥420公里",
    ]
)


def test_a_second_sentence_at_the_cell_offset_continues_the_cell() -> None:
    lines, _ = load_lines(GOALS)
    (table,) = read_tables(lines)
    goal = next(r for r in table.rows if r.first == "总体目标")
    assert goal.texts[1] == (
        "实施期目标：建成覆盖全县的农村公路养护体系。年度目标：完成县乡道日常养护420公里，优良路率达到80%以上。"
    )
    assert list(goal.lines) == [4, 5]
    assert any(r.first == "绩效指标" for r in table.rows)  # the KPI grid stays in the same table


def test_a_line_at_the_label_column_starts_a_row_even_after_a_sentence() -> None:
    text = "\n".join(
        [
            "  保障措施      执行《某县农村公路养护资金管理办法》，按季度考核。",
            "  总体目标      完成县乡道日常养护420公里。",
        ]
    )
    lines, _ = load_lines(text)
    (table,) = read_tables(lines)
    assert [r.first for r in table.rows] == ["保障措施", "总体目标"]


# -- clipped names ------------------------------------------------------------------------


def _kpi(name: str, value: str, column: str, line: int = 1) -> Kpi:
    return Kpi("产出指标", "数量指标", name, parse_kpi_value(value), column, Span(line, line))  # type: ignore[arg-type]


def test_a_clipped_annual_name_is_completed_from_its_twin() -> None:
    report = Report(doc="synthetic.txt")
    out = restore_clipped(
        [
            _kpi("乡镇卫生院医生培训人数", "≥300人", "implementation"),
            _kpi("乡镇卫生院医生培…", "≥300人", "annual"),
        ],
        report,
    )
    assert [(k.name, k.name_as_written) for k in out] == [
        ("乡镇卫生院医生培训人数", None),
        ("乡镇卫生院医生培训人数", "乡镇卫生院医生培…"),
    ]
    assert any("completed" in f.message for f in report.findings)


def test_a_clipped_implementation_name_and_one_from_another_row() -> None:
    out = restore_clipped(
        [
            _kpi("监测数据上传及...", "100%", "implementation", 1),
            _kpi("设备完好率", "≥95%", "implementation", 2),
            _kpi("设备完好率", "≥95%", "annual", 2),
            _kpi("监测数据上传及时率", "100%", "annual", 3),
        ],
        Report(doc="synthetic.txt"),
    )
    assert (out[0].name, out[0].name_as_written) == ("监测数据上传及时率", "监测数据上传及...")


def test_a_clipped_name_without_a_whole_form_loses_its_ellipsis() -> None:
    report = Report(doc="synthetic.txt")
    (k,) = restore_clipped([_kpi("病媒生物密度控制⋯", "达标", "annual")], report)
    assert (k.name, k.name_as_written, k.name_truncated) == ("病媒生物密度控制", "病媒生物密度控制⋯", True)
    assert any(f.severity == "warning" for f in report.findings)


def test_two_different_names_with_the_prefix_leave_the_clip_unresolved() -> None:
    out = restore_clipped(
        [
            _kpi("培训合格率", "≥90%", "implementation"),
            _kpi("培训覆盖率", "≥90%", "implementation"),
            _kpi("培训…", "≥90%", "annual"),
        ],
        Report(doc="synthetic.txt"),
    )
    assert (out[2].name, out[2].name_truncated) == ("培训", True)


def test_clipped_names_in_a_pipe_table() -> None:
    rows_text = [
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 | 二级指标 | 三级指标 | 指标值 |",
        "| 产出指标 | 数量指标 | 城乡居民医保参保人数 | ≥52万人 | 数量指标 | 城乡居民医保参… | ≥52万人 |",
        "| | 质量指标 | 异地就医直接结算… | ≥98% | 质量指标 | 异地就医直接结算率 | ≥98% |",
    ]
    lines, _ = load_lines("\n".join(rows_text))
    (table,) = read_tables(lines)
    kpis = read_kpi_rows(table.rows[1:], KpiLayout(two=True), Report(doc="synthetic.txt"))
    assert sorted({(k.name, k.value.raw) for k in kpis}) == [
        ("城乡居民医保参保人数", "≥52万人"),
        ("异地就医直接结算率", "≥98%"),
    ]
    assert {k.name_as_written for k in kpis} == {None, "城乡居民医保参…", "异地就医直接结算…"}


@given(
    st.text(alphabet="监测数据培训率人次覆盖", min_size=2, max_size=12),
    st.sampled_from(["…", "……", "...", "⋯"]),
)
def test_clipped_stem_strips_only_the_ellipsis(name: str, mark: str) -> None:
    assert clipped_stem(name + mark) == name
    assert clipped_stem(name) is None


# -- two cells on one line in a one-cell-per-line table -------------------------------


def _single(texts: list[str]) -> list[Row]:
    return [Row(i + 1, (Cell(t, i + 1, 0),), "single") for i, t in enumerate(texts)]


def test_a_level_word_and_a_name_on_one_line_are_two_cells() -> None:
    rows = _single(
        [
            "产出指标",
            "数量指标",
            "河道保洁长度",
            "≥35公里",
            "质量指标 水面漂浮物清理达标率",
            "≥95%",
            "时效指标",
            "汛期巡查频次",
            "≥2次/周 巡查问题整改率",
            "100%",
        ]
    )
    kpis = read_kpi_rows(rows, KpiLayout(columns=("annual",)), Report(doc="synthetic.txt"))
    assert [(k.level2, k.name, k.value.raw) for k in kpis] == [
        ("数量指标", "河道保洁长度", "≥35公里"),
        ("质量指标", "水面漂浮物清理达标率", "≥95%"),
        ("时效指标", "汛期巡查频次", "≥2次/周"),
        ("时效指标", "巡查问题整改率", "100%"),
    ]


def test_a_value_written_with_a_space_stays_whole() -> None:
    kpis = read_kpi_rows(
        _single(["产出指标", "数量指标", "新增绿地面积", "≥ 4.2%", "城区绿化覆盖率", "≥ 40%"]),
        KpiLayout(columns=("annual",)),
        Report(doc="synthetic.txt"),
    )
    assert [(k.name, k.value.raw) for k in kpis] == [("新增绿地面积", "≥ 4.2%"), ("城区绿化覆盖率", "≥ 40%")]


@given(
    st.sampled_from(["≥95%", "100%", "≤48万元", "≥1500件", "2025年12月底前"]),
    st.text(alphabet="河道保洁巡查整改覆盖处置", min_size=3, max_size=10),
)
def test_a_value_and_the_next_name_split_only_after_a_name(value: str, name: str) -> None:
    cell = Cell(f"{value} {name}", 7, 0)
    assert [c.text for c in split_shared_line(cell, after_name=True)] == [value, name]
    assert [c.text for c in split_shared_line(Cell(f"质量指标 {name}", 7, 0))] == ["质量指标", name]


# -- a caption line padded with ideographic spaces ------------------------------------

CAPTION = "\n".join(
    [
        "### 财政拨款“三公”经费支出决算表",
        "",
        "部门：某某区水务局\u3000\u3000\u3000\u3000金额单位：万元",
        "",
        "| 项目 | 预算数 | 决算数 |",
        "| --- | --- | --- |",
        "| 合计 | 8.00 | 7.25 |",
    ]
)


def test_a_padded_caption_is_context_and_the_title_reaches_the_table() -> None:
    lines, _ = load_lines(CAPTION)
    (table,) = read_tables(lines)
    assert table.rows[0].texts == ["项目", "预算数", "决算数"]
    assert [ln.no for ln in table.context] == [1, 3]
    assert table.title.startswith("财政拨款“三公”经费支出决算表")


def test_caption_lines() -> None:
    assert is_caption("编制单位：某某局        单位：元")
    assert not is_caption("项目名称        合计")
