"""Money amounts as written in disclosures: thousands separators, full-width digits, units.

Amounts in budget tables are 万元 (ten thousand yuan); performance tables give 元.
Parsing never guesses a unit: :func:`parse_amount` returns the number as written
(a trailing 万元 or 元 is dropped, not converted); convert with :func:`wan_to_yuan`
and :func:`yuan_to_wan` where the caller knows the unit.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# A number with optional sign, thousands separators and decimals, after NFKC folding.
_NUMBER = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+")
# Text that may trail an amount: units and currency words.
_UNIT_TAIL = re.compile(r"\s*(?:万元|千元|亿元|元|万)?\s*$")
# Placeholders that mean "no amount": dashes, dots, slashes.
_EMPTY = re.compile(r"^[\s\-—–―−一/\\.…·*]*$")
# OCR letter slips for digits: O/o/〇 read for 0, l/I/| for 1, Z for 2. A slip is repaired
# only inside a token that is otherwise a well-formed amount (see :func:`read_amount`).
_SLIPS = str.maketrans("Oo〇lI|Z", "0001112")
# | is a cell border and Z a code letter (Z12345, 2023Z001): those only between digits of a
# token with decimals or thousands groups; the others also at its edge in such a token.
_EDGE_SLIPS = frozenset("Oo〇lI")
_SHAPED = re.compile(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-+]?\d+\.\d+")  # grouping or decimals


@dataclass(frozen=True)
class Amount:
    """A parsed amount and whether an OCR letter slip (1,2O0.00) was repaired to read it."""

    value: float
    repaired: bool = False


def _fold(text: str) -> str:
    """NFKC-fold (full-width digits and commas), drop spaces, unify minus signs."""
    s = unicodedata.normalize("NFKC", text)
    s = s.replace("−", "-").replace("，", ",")
    return re.sub(r"\s+", "", s)


def parse_amount(text: str | None) -> float | None:
    """The number an amount cell holds, or None when it holds none.

    Thousands separators, full-width digits, a leading sign and a trailing unit word
    (万元, 元) are accepted; the unit is not applied. Placeholders (``-``, ``—``, empty)
    and text that is not a single number give None. OCR letter slips inside an otherwise
    well-formed amount are repaired (:func:`read_amount` tells whether one was).

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
    >>> parse_amount("1,2O0.00"), parse_amount("4l2.80")
    (1200.0, 412.8)
    """
    amount = read_amount(text)
    return amount.value if amount is not None else None


def read_amount(text: str | None) -> Amount | None:
    """Like :func:`parse_amount`, with whether an OCR letter slip was repaired.

    A slip is a letter read for a digit (O, o, 〇 for 0; l, I, | for 1; Z for 2). It is
    repaired only where the token is otherwise an amount: some real digit, no more slips
    than digits, and a slip at the token's edge only when the token has decimals or
    thousands groups (so codes such as ``Z12345`` or ``I2`` stay text); ``|`` and ``Z``
    only between digits of such a token.

    >>> read_amount("l,280.00"), read_amount("35.8O万元")
    (Amount(value=1280.0, repaired=True), Amount(value=35.8, repaired=True))
    >>> read_amount("12.00"), read_amount("Z12345"), read_amount("lO"), read_amount("二〇二四")
    (Amount(value=12.0, repaired=False), None, None, None)
    """
    if text is None:
        return None
    s = _fold(text)
    if _EMPTY.match(s):
        return None
    s = _UNIT_TAIL.sub("", s)
    if s.startswith("(") and s.endswith(")"):  # accounting negative: (12.50)
        s = "-" + s[1:-1]
    if _NUMBER.fullmatch(s):
        return Amount(float(s.replace(",", "")))
    repaired = _repair_slips(s)
    return Amount(float(repaired.replace(",", "")), True) if repaired is not None else None


def _repair_slips(s: str) -> str | None:
    """The token with its OCR letter slips read as digits, or None when it is no slipped amount."""
    digits = sum(c.isdigit() for c in s)
    slips = [i for i, c in enumerate(s) if c in "Oo〇lI|Z"]
    if not slips or digits == 0 or len(slips) > digits:
        return None
    fixed = s.translate(_SLIPS)
    if not _NUMBER.fullmatch(fixed):
        return None
    for i in slips:
        inner = 0 < i < len(s) - 1 and s[i - 1] not in "+-" and _digitish(s[i - 1]) and _digitish(s[i + 1])
        if s[i] in _EDGE_SLIPS and (inner or _SHAPED.fullmatch(fixed)):
            continue
        if not (inner and _SHAPED.fullmatch(fixed)):
            return None
    return fixed


def _digitish(c: str) -> bool:
    """A digit, a separator or another slip: what stands on both sides of a slip inside a number."""
    return c.isdigit() or c in ",.Oo〇lI|Z"


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
