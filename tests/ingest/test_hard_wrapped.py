"""Texts exported hard-wrapped at a fixed width: table rows rejoined, prose paragraphs joined, others untouched."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from budgetkg.ingest.lines import HardWrap, hard_wrap, load_lines, rejoin_rows
from budgetkg.ingest.paragraphs import paragraphs
from budgetkg.ingest.tables import read_tables


def _wrap(text: str, width: int) -> str:
    """Every line cut into pieces of ``width`` characters, as a fixed-width export does."""
    out: list[str] = []
    for line in text.split("\n"):
        out += [line[k : k + width] for k in range(0, len(line), width)] or [""]
    return "\n".join(out)


DOC = "\n".join(
    [
        "某县农业农村局2025年部门预算",
        "",
        "某县农业农村局内设办公室、计划财务股、农村经营管理股、种植业管理股、畜牧兽医股等五个股室，"
        "下属预算单位两个：某县农业技术推广中心、某县动物疾病预防控制中心。",
        "",
        "表4 项目支出预算表",
        "单位：万元",
        "| 项目单位 | 项目名称 | 项目类别 | 预算金额 | 备注 |",
        "|---|---|---|---|---|",
        "| 合计 |  |  | 1,583.40 |  |",
        "| 某县农业技术推广中心 | 高标准农田建设管护经费 | 专项业务类 | 1,204.60 |  |",
        "| 某县动物疾病预防控制中心 | 重大动物疫病强制免疫补助经费 | 专项业务类 | 318.80 |  |",
        "| 某县农业农村局 | 农村人居环境整治督导经费 | 专项业务类 | 60.00 |  |",
        "",
        "| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |",
        "|  | 产出指标 | 数量指标 | 高标准农田建设管护面积 | ≥12000亩 |",
        "|  | 满意度指标 | 服务对象满意度指标 | 项目区农户对农田管护工作满意度 | ≥90% |",
    ]
)


def test_pipe_rows_cut_mid_cell_and_mid_number_are_rejoined() -> None:
    wrapped = _wrap(DOC, 30)
    assert "| 专\n项业务类 | 1,204.60" in wrapped and "\n | ≥12000亩 |" in wrapped  # the export cut rows
    lines, _ = load_lines(wrapped)
    rows = [r for t in read_tables(lines) for r in t.rows if r.cells]
    texts = [r.texts for r in rows]
    assert ["某县农业技术推广中心", "高标准农田建设管护经费", "专项业务类", "1,204.60", ""] in texts
    assert ["", "满意度指标", "服务对象满意度指标", "项目区农户对农田管护工作满意度", "≥90%"] in texts
    assert all(len(t) == 5 for t in texts if t)
    # a rejoined row stands on its first line and is read through its last one
    row = next(r for r in rows if r.first == "某县动物疾病预防控制中心")
    assert row.through is not None and row.through > row.line
    assert all(ln.blank for ln in lines if row.line < ln.no <= row.through)
    # each cell keeps the line its text starts on (provenance of a value read below the row's first line)
    farm = next(r for r in rows if r.first == "某县农业技术推广中心")
    assert [c.line - farm.line for c in farm.cells[:4]] == [0, 0, 0, 1]


def test_prose_cut_mid_word_joins_into_one_paragraph() -> None:
    lines, _ = load_lines(_wrap(DOC, 30))
    para = next(p for p in paragraphs(lines) if p.text.startswith("某县农业农村局内设"))
    assert "计划财务股" in para.text and para.text.endswith("某县动物疾病预防控制中心。")
    assert para.span.end - para.span.start >= 2  # the paragraph's lines, each of them


def test_an_unwrapped_text_is_read_line_for_line() -> None:
    lines, _ = load_lines(DOC)
    assert hard_wrap(DOC.split("\n")) is None
    assert [ln.text for ln in lines] == DOC.split("\n")
    assert not any(ln.cut or ln.through for ln in lines)


def test_a_row_cut_in_an_empty_cells_padding_takes_its_closing_pipe() -> None:
    wrap = HardWrap(16, "char")
    raw = ["| 名称 | 说明 |  |", "| 某某经费 | 已下达 |  ", "|", "| 合计 | 1.00 |  |"]
    out, through = rejoin_rows(raw, wrap)
    assert out == ["| 名称 | 说明 |  |", "| 某某经费 | 已下达 |  |", "", "| 合计 | 1.00 |  |"]
    assert through == {1: 2}


def test_tab_rows_short_of_the_header_go_on_below() -> None:
    wrap = HardWrap(19, "char")
    header = "项目名称\t项目类别\t预算金额"
    raw = [header, "农村公路养护经费补助资金项目\t专项业务", "类\t56.00", "合计\t\t56.00"]
    out, through = rejoin_rows(raw, wrap)
    assert out[1] == "农村公路养护经费补助资金项目\t专项业务类\t56.00" and through == {1: 2}
    assert out[3] == "合计\t\t56.00"


_CELL = st.text(alphabet="某县农业技术推广中心经费项目专项0123456789,.%≥", min_size=1, max_size=14)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(_CELL, min_size=4, max_size=4), min_size=12, max_size=20),
    st.integers(min_value=24, max_value=44),
)
def test_any_wrapped_pipe_table_reads_as_the_unwrapped_one(cells: list[list[str]], width: int) -> None:
    rows = [
        "| 名称 | 类别 | 金额 | 备注 |",
        "|---|---|---|---|",
        *("| " + " | ".join(r) + " |" for r in cells),
    ]
    text = "\n".join(rows)
    wrapped = _wrap(text, width)
    assume(hard_wrap(wrapped.split("\n")) is not None)
    plain = [r.texts for t in read_tables(load_lines(text)[0]) for r in t.rows]
    again = [r.texts for t in read_tables(load_lines(wrapped)[0]) for r in t.rows]
    assert again == plain


def _wrap_columns(text: str, width: int) -> str:
    """Every line cut at ``width`` display columns (a wide character that does not fit goes below)."""
    out: list[str] = []
    for line in text.split("\n"):
        piece, used = "", 0
        for ch in line:
            w = 2 if "\u2e80" <= ch <= "\uffef" else 1
            if used + w > width:
                out.append(piece)
                piece, used = "", 0
            piece, used = piece + ch, used + w
        out.append(piece)
    return "\n".join(out)


def test_a_wrap_at_display_columns_is_found_and_rows_rejoined() -> None:
    wrapped = _wrap_columns(DOC, 50)
    wrap = hard_wrap(wrapped.split("\n"))
    assert wrap is not None and (wrap.width, wrap.metric) == (50, "display")
    lines, _ = load_lines(wrapped)
    texts = [r.texts for t in read_tables(lines) for r in t.rows if r.cells]
    assert ["某县农业农村局", "农村人居环境整治督导经费", "专项业务类", "60.00", ""] in texts
