"""Cells continued on later lines: wraps inside space-aligned columns, numbered items, headings."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from budgetkg.ingest.lines import load_lines
from budgetkg.ingest.tables import continues_enumeration, is_heading_line, read_tables


def _tables(text: str):  # type: ignore[no-untyped-def]
    return read_tables(load_lines(text)[0])


def _put(cells: list[tuple[int, str]]) -> str:
    """A line with each cell starting at a character offset (pdftotext -layout)."""
    out = ""
    for at, text in cells:
        out = out.ljust(at) if len(out) < at else out + "  "
        out += text
    return out.rstrip()


def test_a_project_name_wrapped_in_its_column_is_joined_and_the_table_goes_on() -> None:
    lines = [
        _put([(2, "序号"), (8, "项目名称"), (48, "单位名称"), (76, "合计")]),
        _put([(2, "1"), (8, "城乡供水设施日常维护补助资金"), (48, "某县水务局本级"), (76, "300.00")]),
        _put([(2, "2"), (8, "小型水库除险加固及雨水情测报设施"), (48, "某县水库管理站"), (76, "1,250.00")]),
        _put([(8, "建设经费")]),
        _put([(2, "3"), (8, "河道保洁服务经费"), (48, "某县水务局本级"), (76, "86.50")]),
    ]
    (table,) = _tables("项目支出预算表\n" + "\n".join(lines))
    assert [r.filled[1].text for r in table.rows[1:]] == [
        "城乡供水设施日常维护补助资金",
        "小型水库除险加固及雨水情测报设施建设经费",
        "河道保洁服务经费",
    ]
    assert table.rows[2].lines == range(4, 6)
    assert [r.filled[-1].text for r in table.rows[1:]] == ["300.00", "1,250.00", "86.50"]


def test_a_wrapped_kpi_name_takes_the_label_set_beside_its_rest() -> None:
    lines = [
        _put([(4, "一级指标"), (18, "二级指标"), (34, "三级指标"), (70, "指标值")]),
        _put([(4, "产出指标"), (18, "数量指标"), (34, "巡查河道长度"), (70, "≥120公里")]),
        _put([(18, "时效指标"), (34, "问题整改完成时间"), (70, "2025年底前")]),
        _put([(34, "汛前隐患排查群众转移安置及时"), (70, "100%")]),
        _put([(4, "效益指标"), (18, "社会效益"), (34, "率")]),
        _put([(18, "生态效益"), (34, "河道水质达标率"), (70, "≥90%")]),
    ]
    (table,) = _tables("\n".join(lines))
    assert len(table.rows) == 5
    wrapped = table.rows[3]
    assert wrapped.texts == ["效益指标", "社会效益", "汛前隐患排查群众转移安置及时率", "100%"]
    assert [c.line for c in wrapped.cells] == [5, 5, 4, 4]  # the labels stand on the wrapped line


def test_display_width_columns_wrap_too() -> None:
    # CJK counted twice: the wrapped rest starts at display column 16, character 16 too
    text = "\n".join(
        [
            "项目名称        水土保持监测站点运行维护及数据    主管部门    某市水利局",
            "                整编经费",
            "实施单位        某市水土保持监测站                项目属性    经常性项目",
        ]
    )
    (table,) = _tables(text)
    assert table.rows[0].filled[1].text == "水土保持监测站点运行维护及数据整编经费"
    assert table.rows[1].first == "实施单位"


def test_a_long_basis_cell_wraps_over_several_lines() -> None:
    text = "\n".join(
        [
            _put([(2, "项目名称"), (18, "林业有害生物防治经费")]),
            _put([(2, "立项依据"), (18, "《森林法》；《森林病虫害防治条例》（国务院令第46号）；《某省林业")]),
            _put([(18, "有害生物防治办法》（某政办〔2022〕12号）；《某市松材线虫病防控五")]),
            _put([(18, "年攻坚行动方案》")]),
            _put([(2, "项目概况"), (18, "开展松材线虫病疫木除治。")]),
        ]
    )
    (table,) = _tables(text)
    assert table.rows[1].filled[1].text == (
        "《森林法》；《森林病虫害防治条例》（国务院令第46号）；《某省林业有害生物防治办法》"
        "（某政办〔2022〕12号）；《某市松材线虫病防控五年攻坚行动方案》"
    )
    assert table.rows[2].first == "项目概况"


def test_a_two_line_header_over_amounts_is_not_a_wrap() -> None:
    text = "\n".join(
        [
            "经济科目名称                  2025年预算数",
            "                              合计          人员经费  公用经费",
            "合计                          711.58        645.34    66.24",
            "工资福利支出                  603.92        603.92",
        ]
    )
    (table,) = _tables(text)
    assert [r.filled[-1].text for r in table.rows[:2]] == ["2025年预算数", "公用经费"]


def test_a_row_below_a_wide_name_is_its_own_row() -> None:
    # the name column holds wider names further down: 新增造林面积 filled no column
    lines = [
        _put([(4, "一级指标"), (18, "二级指标"), (34, "三级指标"), (70, "指标值")]),
        _put([(18, "数量指标"), (34, "新增造林面积"), (70, "≥5000亩")]),
        _put([(34, "森林抚育面积"), (70, "≥3000亩")]),
        _put([(4, "产出指标"), (18, "质量指标"), (34, "造林苗木成活率及当年补植完成率"), (70, "≥85%")]),
    ]
    (table,) = _tables("\n".join(lines))
    assert [r.filled[-2].text for r in table.rows[1:]] == [
        "新增造林面积",
        "森林抚育面积",
        "造林苗木成活率及当年补植完成率",
    ]


def test_numbered_items_continue_the_cell_they_begin() -> None:
    text = "\n".join(
        [
            "项目名称\t市场主体信用监管经费",
            "立项依据\t（1）《企业信息公示暂行条例》；",
            "（2）《市场监督管理严重违法失信名单管理办法》（国家市场监督管理总局令第44号）；",
            "（3）某财行〔2023〕21号",
            "保障措施\t1.《某州信用监管工作方案》",
            "2.《某州双随机抽查细则》",
            "年度绩效目标\t完成年报公示率90%以上。",
        ]
    )
    (table,) = _tables(text)
    assert [r.first for r in table.rows] == ["项目名称", "立项依据", "保障措施", "年度绩效目标"]
    assert table.rows[1].filled[1].text == (
        "（1）《企业信息公示暂行条例》；（2）《市场监督管理严重违法失信名单管理办法》"
        "（国家市场监督管理总局令第44号）；（3）某财行〔2023〕21号"
    )
    assert table.rows[2].filled[1].text == "1.《某州信用监管工作方案》2.《某州双随机抽查细则》"


def test_a_numbered_heading_of_another_style_ends_the_table() -> None:
    text = "立项依据\t（1）《档案法》；\n保障措施\t（1）《档案管理办法》\n2.其他说明事项"
    (table,) = _tables(text)
    assert table.rows[-1].filled[1].text == "（1）《档案管理办法》"
    assert table.span.end == 2


def test_double_spaced_headings_are_no_rows_and_title_the_tab_table_below() -> None:
    text = "\n".join(
        [
            "第二部分  2025年部门预算表",
            "表1  收支总表",
            "编制单位：某州档案局\t\t\t单位：万元",
            "项目\t预算数\t项目\t预算数",
            "一、一般公共预算拨款收入\t512.30\t一、一般公共服务支出\t512.30",
            "",
            "第四部分  名词解释",
        ]
    )
    (table,) = _tables(text)
    assert [r.layout for r in table.rows] == ["tab", "tab", "tab"]
    assert table.title == "第二部分  2025年部门预算表 表1  收支总表"
    assert table.span.end == 5
    assert is_heading_line("一、“三公”经费支出情况说明") and not is_heading_line("第一部分  概况  ……  3")


def test_a_space_split_row_never_joins_a_tab_table() -> None:
    text = "项目名称\t合计\n某某经费\t3.00\n\n合计  3.00\n小计  3.00\n"
    first, second = _tables(text)
    assert [r.layout for r in first.rows] == ["tab", "tab"]
    assert [r.layout for r in second.rows] == ["space", "space"]


_CJK = st.text(
    alphabet=st.sampled_from("水利工程维修养护补助资金监测预警平台升级改造"), min_size=1, max_size=40
)


@settings(max_examples=60, deadline=None)
@given(names=st.lists(_CJK, min_size=2, max_size=6), width=st.integers(min_value=6, max_value=16))
def test_names_wrapped_at_any_column_width_are_read_whole(names: list[str], width: int) -> None:
    # pdftotext -layout: the name column starts at character 6 and wraps every `width`
    # characters; the amount column starts past the widest piece
    amount_at = 6 + 2 * width + 4
    lines = [_put([(0, "序号"), (6, "项目名称"), (amount_at, "合计")])]
    for n, name in enumerate(names, 1):
        parts = [name[k : k + width] for k in range(0, len(name), width)]
        lines.append(_put([(0, str(n)), (6, parts[0]), (amount_at, f"{n}.00")]))
        lines += [_put([(6, part)]) for part in parts[1:]]
    (table,) = _tables("\n".join(lines))
    assert [(r.filled[1].text, r.filled[-1].text) for r in table.rows[1:]] == [
        (name, f"{n}.00") for n, name in enumerate(names, 1)
    ]


@given(style=st.sampled_from(["（{}）", "{}.", "{}、"]), count=st.integers(min_value=2, max_value=12))
def test_every_next_item_continues_the_list(style: str, count: int) -> None:
    cell = style.format(1) + "《某某办法》；"
    for n in range(2, count + 1):
        line = style.format(n) + "《某某规定》；"
        assert continues_enumeration(cell, line)
        assert not continues_enumeration(cell, style.format(n + 1) + "《跳号》")
        cell += line
