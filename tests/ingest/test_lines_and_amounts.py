"""Line cleaning and amounts: running page headers, ideographic-space columns, <br> clause
breaks, OCR letter slips in amounts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetkg.ingest.amounts import parse_amount, read_amount
from budgetkg.ingest.lines import clean_line, read_lines
from budgetkg.ingest.paragraphs import display_width

_PAGE = """\
                    某县农业农村局2025年部门预算
{body}
                          第 {n} 页 共 3 页
"""


def _document() -> str:
    cover = "\n      某县农业农村局\n\n      2025年部门预算\n"
    bodies = [
        "第一部分  部门概况\n\n  一、主要职能\n  负责全县农业农村工作。\n",
        "  项目名称            合计       财政拨款\n  农田水利维护经费    120.00     120.00\n",
        "  耕地保护补助经费    80.00      80.00\n  合计                200.00     200.00\n",
    ]
    pages = [_PAGE.format(body=b, n=n) for n, b in enumerate(bodies, 1)]
    return cover + "\f" + "\f".join(pages)


def test_a_running_header_is_blanked_after_its_first_copy() -> None:
    lines, blanked = read_lines(_document())
    headers = [b for b in blanked if b.rule == "header"]
    assert [b.text for b in headers] == ["某县农业农村局2025年部门预算"] * 2
    texts = [ln.text.strip() for ln in lines]
    assert texts.count("某县农业农村局2025年部门预算") == 1  # the first copy, before any table
    assert "农田水利维护经费    120.00     120.00" in texts
    # a form feed starts a line but makes none: numbers stay those of the file
    assert len(lines) == _document().count("\n")


def test_a_heading_repeated_at_page_tops_is_kept() -> None:
    page = "\f第二部分  收支预算表\n\n  项目  金额\n  甲    1.00\n  乙    2.00\n\n第 {} 页\n"
    text = "".join(page.format(n) for n in range(1, 5))
    _, blanked = read_lines(text)
    assert not [b for b in blanked if b.rule == "header"]


def test_a_title_repeated_without_page_breaks_is_kept() -> None:
    text = "\n".join(["某县农业农村局2025年部门预算", "正文一段。", "", "", "", "", "正文二段。"] * 3)
    _, blanked = read_lines(text)
    assert blanked == []


def test_a_single_ideographic_space_between_cells_is_a_column_gap() -> None:
    assert clean_line("序号\u3000项目名称\u3000\u3000\u3000合计") == "序号  项目名称      合计"
    assert clean_line("项目资金（万元）\u300012.50\u3000\u3000其他资金\u30000.00").split("  ") == [
        "项目资金（万元）",
        "12.50",
        "",
        "其他资金",
        "0.00",
    ]


def test_an_ideographic_space_in_prose_is_one_space() -> None:
    assert clean_line("第一部分\u3000部门概况") == "第一部分 部门概况"
    assert clean_line("\u3000\u3000本部门\u3000负责全县农业工作。") == "  本部门 负责全县农业工作。"


def test_a_wrapped_cell_under_ideographic_rows_keeps_its_column() -> None:
    text = "立项依据\u3000\u3000\u3000《甲办法》；《乙条例》\n\u3000\u3000\u3000\u3000\u3000\u3000\u3000（某财〔2024〕3号）\n"
    lines, _ = read_lines(text)
    first, second = lines[0].text, lines[1].text
    assert display_width(first[: first.index("《")]) == display_width(second[: second.index("（")]) == 14


def test_a_br_inside_text_is_a_clause_break() -> None:
    assert clean_line("| 立项依据 | 《某某补贴办法》<br>某财社〔2022〕12号 |") == (
        "| 立项依据 | 《某某补贴办法》；某财社〔2022〕12号 |"
    )
    assert clean_line("（1）《甲条例》；<br/>（2）《乙办法》") == "（1）《甲条例》；（2）《乙办法》"
    assert clean_line("| <br> | 1.00 |") == "|  | 1.00 |"


@pytest.mark.parametrize(
    ("text", "value"),
    [("1,2O0.00", 1200.0), ("l,280.00", 1280.0), ("4l2.80", 412.8), ("1O0.00", 100.0), ("1〇5.50", 105.5),
     ("35.8O万元", 35.8), ("96,835.4O", 96835.4), ("3Z1.00", 321.0)],
)  # fmt: skip
def test_ocr_letter_slips_in_an_amount_are_repaired(text: str, value: float) -> None:
    amount = read_amount(text)
    assert amount is not None and amount.value == value and amount.repaired
    assert parse_amount(text) == value


@pytest.mark.parametrize(
    "text", ["Z12345", "2023Z001", "I2", "lO", "O", "〇", "10O", "12.00|", "二〇二四", "l号"]
)
def test_codes_and_words_are_no_slipped_amount(text: str) -> None:
    assert parse_amount(text) is None


def test_a_clean_amount_is_not_marked_repaired() -> None:
    assert read_amount("1,200.00") == read_amount("1200.00")
    amount = read_amount("1,200.00")
    assert amount is not None and not amount.repaired


_SLIP_FOR = {"0": "O〇o", "1": "lI"}


@given(
    st.decimals(min_value=1, max_value=10**8, places=2, allow_nan=False, allow_infinity=False),
    st.data(),
)
def test_a_formatted_amount_with_letter_slips_parses_back(value, data) -> None:  # type: ignore[no-untyped-def]
    text = f"{float(value):,.2f}"
    chars = list(text)
    slippable = [i for i, c in enumerate(chars) if c in _SLIP_FOR]
    if slippable:
        for i in data.draw(st.sets(st.sampled_from(slippable), max_size=2)):
            chars[i] = data.draw(st.sampled_from(_SLIP_FOR[chars[i]]))
    slipped = "".join(chars)
    digits, slips = sum(c.isdigit() for c in slipped), sum(c in "O〇olI" for c in slipped)
    if slips > digits:
        return  # more letters than digits: too little left to call it a number
    assert parse_amount(slipped) == pytest.approx(float(value), abs=1e-9), slipped


@given(st.text(alphabet="OolI|Z〇项目合计经费", min_size=1, max_size=8))
def test_letters_alone_are_no_amount(text: str) -> None:
    assert parse_amount(text) is None
