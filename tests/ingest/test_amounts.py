"""Amount normalizer: separators, full-width digits, units, placeholders."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetkg.ingest.amounts import find_amounts, parse_amount, same_amount, wan_to_yuan, yuan_to_wan

_FULL_WIDTH = str.maketrans("0123456789,.", "０１２３４５６７８９，．")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("42,157", 42157.0),
        ("1156.95", 1156.95),
        ("1,156.95万元", 1156.95),
        ("9,548.78", 9548.78),
        ("１１５６．９５", 1156.95),
        (" 445.36 ", 445.36),
        ("0.26", 0.26),
        ("-3.5", -3.5),
        ("(12.50)", -12.5),
        ("120000元", 120000.0),
    ],
)
def test_amounts_as_written_in_budget_tables(text: str, expected: float) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["", "-", "—", "——", " ", "合计", "1,2,3", "12万元以上", None])
def test_placeholders_and_words_are_no_amount(text: str | None) -> None:
    assert parse_amount(text) is None


def test_amounts_in_a_prose_sentence() -> None:
    sentence = "其中：信访解难资金 10 万元，网上信访工作经费 10 万元，信访劝返、维稳经费 100 万元"
    assert find_amounts(sentence) == [10.0, 10.0, 100.0]


def test_wan_and_yuan_of_a_project_agree() -> None:
    # 大同市信访局: a project of 19.58 万元 in the list is 195,800 元 in its performance table
    assert wan_to_yuan(19.58) == 195800.0
    assert yuan_to_wan(195800) == 19.58
    assert same_amount(19.58, 195800)
    assert not same_amount(19.58, 19580)


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_a_formatted_amount_parses_back(value) -> None:  # type: ignore[no-untyped-def]
    number = float(value)
    for text in (
        f"{number:,.2f}",
        f"{number:.2f}",
        f"{number:,.2f}万元",
        f"{number:,.2f}".translate(_FULL_WIDTH),
    ):
        assert parse_amount(text) == pytest.approx(number, abs=1e-9), text


@given(st.floats(min_value=0, max_value=1e8, allow_nan=False).map(lambda x: round(x, 2)))
def test_wan_to_yuan_and_back(wan: float) -> None:
    assert yuan_to_wan(wan_to_yuan(wan)) == pytest.approx(wan, abs=1e-6)
