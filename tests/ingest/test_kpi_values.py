"""KPI targets: comparator words and signs, numbers, units, qualitative targets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetkg.ingest.kpi_values import COMPARATORS, format_kpi_value, parse_kpi_value, vocabulary


@pytest.mark.parametrize(
    ("raw", "comparator", "number", "unit"),
    [
        ("≥95%", "≥", 95.0, "%"),
        ("≤445.36万元", "≤", 445.36, "万元"),
        ("大于 110件", ">", 110.0, "件"),
        ("大于1850人次", ">", 1850.0, "人次"),
        ("达到100%", "≥", 100.0, "%"),
        ("不低于90%", "≥", 90.0, "%"),
        ("不少于3次", "≥", 3.0, "次"),
        ("大于等于5个", "≥", 5.0, "个"),
        ("不高于10万元", "≤", 10.0, "万元"),
        ("不超过15天", "≤", 15.0, "天"),
        ("小于等于2小时", "≤", 2.0, "小时"),
        ("小于1天", "<", 1.0, "天"),
        ("低于5%", "<", 5.0, "%"),
        ("等于100%", "=", 100.0, "%"),
        ("=100%", "=", 100.0, "%"),
        ("<15分钟", "<", 15.0, "分钟"),
        (">99%", ">", 99.0, "%"),
        (">=80%", "≥", 80.0, "%"),
        ("≧85%", "≥", 85.0, "%"),
        ("95%以上", "≥", 95.0, "%"),
        ("30件", None, 30.0, "件"),
        ("≤5", "≤", 5.0, None),
        ("≥180批次/年", "≥", 180.0, "批次"),
        ("100元/每人每月", None, 100.0, "元/每人每月"),
        ("≤12.6万", "≤", 12.6, "万"),
        ("１００％", None, 100.0, "%"),
    ],
)
def test_targets_from_the_corpus(raw: str, comparator: str | None, number: float, unit: str | None) -> None:
    v = parse_kpi_value(raw)
    assert (v.raw, v.comparator, v.number, v.unit, v.qualitative) == (raw, comparator, number, unit, None)


@pytest.mark.parametrize(
    "raw",
    [
        "达标",
        "有效",
        "保障",
        "良好",
        "明显提升",
        "及时",
        "不超过法定期限",
        "达到叙时进度",
        "2026年全年",
        "2026年一年",
    ],
)
def test_qualitative_targets_are_kept_as_written(raw: str) -> None:
    v = parse_kpi_value(raw)
    assert (v.qualitative, v.number, v.comparator) == (raw, None, None)


def test_empty_target() -> None:
    assert parse_kpi_value("") == parse_kpi_value(None) is not None
    assert parse_kpi_value("").qualitative is None


def test_vocabulary_comes_from_the_data_files() -> None:
    voc = vocabulary()
    words = dict(voc.prefixes)
    assert words["不低于"] == "≥" and words["大于"] == ">" and words["小于"] == "<"
    assert {"%", "万元", "元", "次", "人", "天", "件", "个"} <= set(voc.units)
    assert {"达标", "有效", "保障"} <= set(voc.qualitative)


_UNITS = ["%", "万元", "元", "次", "人", "人次", "天", "件", "个", "小时", "批次"]


@given(
    comparator=st.sampled_from([*COMPARATORS, None]),
    number=st.integers(min_value=0, max_value=10**7) | st.decimals(0, 10**6, places=2).map(float),
    unit=st.sampled_from([*_UNITS, None]),
    spaces=st.sampled_from(["", " "]),
)
def test_comparator_number_unit_round_trips(comparator, number, unit, spaces) -> None:  # type: ignore[no-untyped-def]
    raw = f"{comparator or ''}{spaces}{number}{spaces}{unit or ''}"
    v = parse_kpi_value(raw)
    assert (v.comparator, v.number, v.unit) == (comparator, float(number), unit)
    again = parse_kpi_value(format_kpi_value(v))
    assert (again.comparator, again.number, again.unit) == (comparator, float(number), unit)


@given(word=st.sampled_from(sorted({w for w, _ in vocabulary().prefixes if not w.isascii()})))
def test_every_comparator_word_reads_before_a_number(word: str) -> None:
    v = parse_kpi_value(f"{word}95%")
    assert v.comparator == dict(vocabulary().prefixes)[word]
    assert (v.number, v.unit) == (95.0, "%")
