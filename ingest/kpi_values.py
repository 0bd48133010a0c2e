"""KPI targets (指标值): comparator, number and unit, or a qualitative target.

The words are data: ``data/kpi_comparators.tsv`` (大于, 不低于, 达到 ... -> > ≥ ...),
``data/kpi_units.txt`` (%, 万元, 人次 ...) and ``data/kpi_qualitative.txt``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .records import KpiValue

COMPARATORS = ("≥", "≤", "=", ">", "<")
_NUMBER = re.compile(r"[-+]?\d+(?:,\d{3})*(?:\.\d+)?")
_YEAR_PERIOD = re.compile(r"^(?:19|20)\d{2}(?:年|一年|全年)")


@dataclass(frozen=True)
class _Vocabulary:
    prefixes: tuple[tuple[str, str], ...]  # (word, symbol), longest word first
    suffixes: tuple[tuple[str, str], ...]
    units: tuple[str, ...]  # longest first
    qualitative: tuple[str, ...]


def _data_lines(name: str) -> list[str]:
    raw = resources.files("budgetkg.ingest").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [line for line in raw.splitlines() if line.strip() and not line.startswith("#")]


@cache
def vocabulary() -> _Vocabulary:
    """The comparator words, units and qualitative words of the data files."""
    prefixes: list[tuple[str, str]] = []
    suffixes: list[tuple[str, str]] = []
    for line in _data_lines("kpi_comparators.tsv"):
        word, symbol, position = line.split("\t")
        if symbol not in COMPARATORS:
            raise ValueError(f"kpi_comparators.tsv: unknown symbol {symbol!r}")
        (suffixes if position == "suffix" else prefixes).append((word, symbol))
    by_len = lambda pair: -len(pair[0])  # noqa: E731
    units = sorted({u.strip() for u in _data_lines("kpi_units.txt")}, key=len, reverse=True)
    qualitative = tuple(
        sorted({q.strip() for q in _data_lines("kpi_qualitative.txt")}, key=len, reverse=True)
    )
    return _Vocabulary(
        tuple(sorted(prefixes, key=by_len)), tuple(sorted(suffixes, key=by_len)), tuple(units), qualitative
    )


def _fold(raw: str) -> str:
    s = unicodedata.normalize("NFKC", raw)
    s = s.replace("≧", "≥").replace("≦", "≤").replace("＝", "=")
    return re.sub(r"\s+", "", s)


def split_unit(rest: str) -> str | None:
    """The unit at the start of the text after a number: a known unit, else the text itself.

    >>> split_unit("万元"), split_unit("人次/年"), split_unit("元/每人每月"), split_unit("")
    ('万元', '人次', '元/每人每月', None)
    """
    if not rest:
        return None
    for unit in vocabulary().units:
        if rest.startswith(unit):
            tail = rest[len(unit) :]
            # a rate such as 元/每人每月 or 元每人每年 keeps its denominator; 人次/年 keeps the count unit
            if tail[:1] in ("/", "每") and unit in ("元", "万元"):
                return rest
            return unit
    return rest


def parse_kpi_value(raw: str | None) -> KpiValue:
    """Read a KPI target into comparator, number and unit, or keep it as qualitative.

    A target with no number (达标, 有效提升), or whose number is a year (2026年全年),
    is qualitative. Comparator words may precede the number (不低于95%) or follow it
    (95%以上). ``raw`` is the text as written.

    >>> parse_kpi_value("≥95%")
    KpiValue(raw='≥95%', comparator='≥', number=95.0, unit='%', qualitative=None)
    >>> parse_kpi_value("大于 110件")
    KpiValue(raw='大于 110件', comparator='>', number=110.0, unit='件', qualitative=None)
    >>> v = parse_kpi_value("不超过12.6万元"); (v.comparator, v.number, v.unit)
    ('≤', 12.6, '万元')
    >>> v = parse_kpi_value("95%以上"); (v.comparator, v.number, v.unit)
    ('≥', 95.0, '%')
    >>> parse_kpi_value("有效提升").qualitative
    '有效提升'
    >>> parse_kpi_value("30件").comparator is None
    True
    """
    text = "" if raw is None else str(raw)
    s = _fold(text)
    if not s:
        return KpiValue(raw=text)
    voc = vocabulary()
    comparator: str | None = None
    body = s
    for word, symbol in voc.prefixes:
        if body.startswith(word) and _NUMBER.match(body[len(word) :]):
            comparator, body = symbol, body[len(word) :]
            break
    m = _NUMBER.match(body)
    if m is None or _YEAR_PERIOD.match(body):
        return KpiValue(raw=text, qualitative=text.strip())
    number = float(m.group().replace(",", ""))
    rest = body[m.end() :]
    for word, symbol in voc.suffixes:
        if rest.endswith(word):
            rest = rest[: -len(word)]
            comparator = comparator or symbol
            break
    return KpiValue(raw=text, comparator=comparator, number=number, unit=split_unit(rest))


def format_kpi_value(value: KpiValue) -> str:
    """The canonical written form of a parsed target (comparator, number, unit).

    >>> format_kpi_value(parse_kpi_value("不低于 95 %"))
    '≥95%'
    >>> format_kpi_value(parse_kpi_value("≤1000000元"))
    '≤1000000元'
    >>> format_kpi_value(parse_kpi_value("及时"))
    '及时'
    """
    if value.number is None:
        return (value.qualitative or value.raw).strip()
    n = value.number
    number = str(int(n)) if n.is_integer() else f"{n:.10f}".rstrip("0").rstrip(".")
    return f"{value.comparator or ''}{number}{value.unit or ''}"
