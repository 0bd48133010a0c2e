"""Money amounts as written in disclosures: thousands separators, full-width digits, units.

Amounts in budget tables are 万元 (ten thousand yuan); performance tables give 元.
Parsing never guesses a unit: :func:`parse_amount` returns the number as written
(a trailing 万元 or 元 is dropped, not converted); convert with :func:`wan_to_yuan`
and :func:`yuan_to_wan` where the caller knows the unit.
"""

from __future__ import annotations

import re
import unicodedata

# A number with optional sign, thousands separators and decimals, after NFKC folding.
_NUMBER = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+")
# Text that may trail an amount: units and currency words.
_UNIT_TAIL = re.compile(r"\s*(?:万元|千元|亿元|元|万)?\s*$")
# Placeholders that mean "no amount": dashes, dots, slashes.
_EMPTY = re.compile(r"^[\s\-—–―−一/\\.…·*]*$")


def _fold(text: str) -> str:
    """NFKC-fold (full-width digits and commas), drop spaces, unify minus signs."""
    s = unicodedata.normalize("NFKC", text)
    s = s.replace("−", "-").replace("，", ",")
    return re.sub(r"\s+", "", s)


def parse_amount(text: str | None) -> float | None:
    """The number an amount cell holds, or None when it holds none.

    Thousands separators, full-width digits, a leading sign and a trailing unit word
    (万元, 元) are accepted; the unit is not applied. Placeholders (``-``, ``—``, empty)
    and text that is not a single number give None.

    >>> parse_amount("42,157")
    42157.0
    >>> parse_amount("1,156.95万元")
    1156.95
    >>> parse_amount("９，５４８．７８")
    9548.78
    >>> parse_amount("-12.5")
    -12.5
    >>> parse_amount("—") is None, parse_amount("") is None, parse_amount("合计") is None
    (True, True, True)
    """
    if text is None:
        return None
    s = _fold(text)
    if _EMPTY.match(s):
        return None
    s = _UNIT_TAIL.sub("", s)
    if s.startswith("(") and s.endswith(")"):  # accounting negative: (12.50)
        s = "-" + s[1:-1]
    if not _NUMBER.fullmatch(s):
        return None
    return float(s.replace(",", ""))


def find_amounts(text: str) -> list[float]:
    """Every number in a running text, in order (separators and full-width digits folded).

    >>> find_amounts("信访解难资金 10 万元，补助 1,200.5 元")
    [10.0, 1200.5]
    """
    s = unicodedata.normalize("NFKC", text)
    return [float(m.group().replace(",", "")) for m in _NUMBER.finditer(s)]


def wan_to_yuan(wan: float) -> float:
    """万元 to 元, rounded to the fen (0.01 元).

    >>> wan_to_yuan(1156.95)
    11569500.0
    """
    return round(wan * 10000, 2)


def yuan_to_wan(yuan: float, digits: int = 6) -> float:
    """元 to 万元, rounded to ``digits`` decimals (the default keeps every fen).

    >>> yuan_to_wan(11569500)
    1156.95
    >>> yuan_to_wan(123.45)
    0.012345
    """
    return round(yuan / 10000, digits)


def same_amount(wan: float, yuan: float, tolerance_yuan: float = 1.0) -> bool:
    """Whether an amount in 万元 and one in 元 are the same sum (within ``tolerance_yuan``).

    >>> same_amount(10.5, 105000), same_amount(10.5, 10500)
    (True, False)
    """
    return abs(wan_to_yuan(wan) - yuan) <= tolerance_yuan
