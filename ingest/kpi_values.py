"""KPI targets (指标值): comparator, number and unit, or a qualitative target.

The words are data: ``data/kpi_comparators.tsv`` (大于, 不低于, 达到 ... -> > ≥ ...),
``data/kpi_units.txt`` (%, 万元, 人次 ...) and ``data/kpi_qualitative.txt``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
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
    approximate: tuple[tuple[str, str], ...] = ()  # (word, prefix|suffix): 约, 左右; longest first


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
    approximate = [(w, pos) for w, pos in (line.split("\t") for line in _data_lines("kpi_approximate.txt"))]
    return _Vocabulary(
        tuple(sorted(prefixes, key=by_len)),
        tuple(sorted(suffixes, key=by_len)),
        tuple(units),
        qualitative,
        tuple(sorted(approximate, key=by_len)),
    )


def _fold(raw: str) -> str:
    s = unicodedata.normalize("NFKC", raw)
    s = s.replace("≧", "≥").replace("≦", "≤").replace("＝", "=")
    return re.sub(r"\s+", "", s)


@cache
def _markers() -> frozenset[str]:
    return frozenset(_fold(w) for w in _data_lines("kpi_markers.txt"))


def comparator_cell(text: str) -> tuple[bool, str | None]:
    """Whether a cell holds only a comparator (or a 定性/正向 marker), and its symbol.

    Tables with a separate 指标性质 / 计算符号 column write the comparator on its own.

    >>> comparator_cell("≥"), comparator_cell("＝"), comparator_cell("不低于"), comparator_cell("定性")
    ((True, '≥'), (True, '='), (True, '≥'), (True, None))
    >>> comparator_cell("98"), comparator_cell("达标")
    ((False, None), (False, None))
    """
    s = _fold(text)
    if not s:
        return False, None
    if s in _markers():
        return True, None
    symbol = next((sym for word, sym in vocabulary().prefixes if s == word), None)
    # single-character words (达, 为) are too loose to stand alone as a comparator cell
    return (symbol is not None and (len(s) > 1 or not s.isalpha()), symbol if symbol else None)


def compose_kpi_value(comparator: str, value: str, unit: str) -> KpiValue:
    """A target written in separate comparator, value and unit cells, joined as one value.

    The raw value joins the cells without spaces (≥ + 98 + % -> '≥98%'). A marker
    (定性, 正向) and the sign '=' are left out of the raw text, as such tables write
    '＝' for every exact target; '=' stays the parsed comparator. The unit is only
    added to a value with a number that does not already end with it.

    >>> v = compose_kpi_value("≥", "98", "%"); (v.raw, v.comparator, v.number, v.unit)
    ('≥98%', '≥', 98.0, '%')
    >>> v = compose_kpi_value("＝", "0", "起"); (v.raw, v.comparator, v.number)
    ('0起', '=', 0.0)
    >>> compose_kpi_value("定性", "逐步改善", "").raw, compose_kpi_value("", "≥95%", "%").raw
    ('逐步改善', '≥95%')
    """
    is_comparator, symbol = comparator_cell(comparator)
    comp, val, u = comparator.strip(), value.strip(), unit.strip()
    if not val:
        return KpiValue(raw="")
    written = comp if is_comparator and symbol not in (None, "=") else ""
    if written and parse_kpi_value(val).comparator is not None:
        written = ""  # the value cell repeats its comparator (≥ | ≥95)
    folded = _fold(val)
    if u and _NUMBER.search(folded) and not folded.endswith(_fold(u)):
        val += u
    parsed = parse_kpi_value(written + val)
    if symbol and parsed.comparator is None and parsed.number is not None:
        parsed = replace(parsed, comparator=symbol)
    return parsed


def is_unit(text: str) -> bool:
    """True for a cell that reads as a unit alone: a known unit, or one per something.

    >>> is_unit("公里"), is_unit("次/年"), is_unit("元/人·天"), is_unit("人均补助标准"), is_unit("95")
    (True, True, True, False, False)
    """
    s = _fold(text)
    units = vocabulary().units
    return s in units or any(s.startswith(u) and s[len(u) : len(u) + 1] in ("/", "·", "每") for u in units)


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

    An approximate target (约4.5万人次, 3000人左右) keeps its number, with no comparator:

    >>> v = parse_kpi_value("约4.5万人次"); (v.raw, v.comparator, v.number)
    ('约4.5万人次', None, 4.5)
    >>> v = parse_kpi_value("3000人左右"); (v.comparator, v.number, v.unit)
    (None, 3000.0, '人')
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
    approximate = False
    if comparator is None:
        word = next((w for w, pos in voc.approximate if pos == "prefix" and body.startswith(w)), "")
        if word and _NUMBER.match(body[len(word) :]):
            body, approximate = body[len(word) :], True
    m = _NUMBER.match(body)
    if m is None or _YEAR_PERIOD.match(body):
        return KpiValue(raw=text, qualitative=text.strip())
    number = float(m.group().replace(",", ""))
    rest = body[m.end() :]
    word = next((w for w, pos in voc.approximate if pos == "suffix" and rest.endswith(w)), "")
    if word:
        rest, approximate = rest[: -len(word)], True
    for word, symbol in () if approximate else voc.suffixes:
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
