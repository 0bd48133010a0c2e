"""A strict check of query syntax, run before whoosh's forgiving parser.

whoosh silently drops what it cannot parse; a researcher who typed an unclosed quote or
``AND`` with nothing after it deserves to be told. :func:`check_syntax` raises
:class:`~budgetkg.errors.SearchSyntaxError` naming the problem and its column.

The accepted language: words, ``"quoted phrases"``, ``AND`` ``OR`` ``NOT`` ``ANDNOT``
``ANDMAYBE`` (upper case), parentheses, ``field:value`` / ``field:(...)`` /
``field:"..."``, ranges ``field:[a TO b]`` (``{}`` for exclusive ends), ``*`` and ``?``
wildcards, and ``^2`` boosts. Field names are ASCII.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

from budgetkg.errors import SearchSyntaxError

_BINARY = frozenset({"AND", "OR", "ANDNOT", "ANDMAYBE"})
_TOKEN = re.compile(
    r'(?P<space>\s+)|(?P<quote>"[^"]*("|$))|(?P<open>\()|(?P<close>\))'
    r"|(?P<range>[\[{][^\]}]*([\]}]|$))|(?P<field>[A-Za-z_]+:)|(?P<word>[^\s()\"]+)"
)


def _tokens(text: str) -> Iterator[tuple[str, str, int]]:
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "word"
        if kind != "space":
            yield kind, match.group(), match.start() + 1


def rewrite_prefixes(text: str) -> str:
    """Turn web-search prefixes into operators: ``-word`` into ``NOT word``, ``+word`` into ``word``.

    Only at the start of a word, so the hyphen of 维稳工作经费-1 stays.

    >>> rewrite_prefixes('维稳 -劝返 +经费 维稳工作经费-1 "-x"')
    '维稳 NOT 劝返 经费 维稳工作经费-1 "-x"'
    """
    out: list[str] = []
    last = 0
    for match in _TOKEN.finditer(text):
        value = match.group()
        if (
            match.lastgroup in ("word", "field")
            and len(value) > 1
            and value[0] in "+-"
            and value[1] not in "+-"
        ):
            out.append(text[last : match.start()])
            out.append(("NOT " if value[0] == "-" else "") + value[1:])
            last = match.end()
    out.append(text[last:])
    return "".join(out)


def _fail(message: str, column: int, text: str) -> SearchSyntaxError:
    return SearchSyntaxError(f"{message} at column {column} of query {text!r}")


def check_syntax(text: str, fields: Collection[str], numeric: Collection[str] = ()) -> None:
    """Raise SearchSyntaxError when ``text`` is not a well-formed query.

    >>> check_syntax('维稳经费 AND agency:"大同市信访局"', fields=["agency"])
    >>> check_syntax('维稳 AND', fields=[])
    Traceback (most recent call last):
    budgetkg.errors.SearchSyntaxError: AND needs a term after it at column 4 of query '维稳 AND'
    >>> check_syntax('"维稳经费', fields=[])
    Traceback (most recent call last):
    budgetkg.errors.SearchSyntaxError: unclosed quote at column 1 of query '"维稳经费'
    """
    depth: list[int] = []
    need_operand: tuple[str, int] | None = None  # the operator still waiting for its right side
    have_operand = False  # something a binary operator can bind to on its left
    for kind, value, column in _tokens(text):
        if kind == "quote" and (len(value) < 2 or not value.endswith('"')):
            raise _fail("unclosed quote", column, text)
        if kind == "range" and value[-1] not in "]}":
            raise _fail("unclosed range", column, text)
        if kind == "range" and " TO " not in f" {value[1:-1]} ":
            raise _fail("a range needs the form [low TO high]", column, text)
        if kind == "open":
            depth.append(column)
            have_operand = False
            continue
        if kind == "close":
            if not depth:
                raise _fail("unmatched ')'", column, text)
            if need_operand:
                raise _fail(f"{need_operand[0]} needs a term after it", need_operand[1], text)
            if not have_operand:
                raise _fail("empty parentheses", column, text)
            depth.pop()
            continue
        if kind == "field":
            name = value[:-1]
            if name not in fields:
                known = ", ".join(sorted(fields))
                raise _fail(f"unknown field {name!r} (fields: {known})", column, text)
            end = column - 1 + len(value)
            if end >= len(text) or text[end].isspace():
                raise _fail(f"field {name!r} needs a value", column, text)
            if name in numeric:
                _check_number(text, end, name, column)
            continue
        if kind == "word" and value in _BINARY:
            if not have_operand or need_operand:
                raise _fail(f"{value} needs a term before it", column, text)
            need_operand = (value, column)
            have_operand = False
            continue
        if kind == "word" and value == "NOT":
            if need_operand and need_operand[0] == "NOT":
                raise _fail("NOT NOT", column, text)
            need_operand = ("NOT", column)
            continue
        need_operand = None
        have_operand = True
    if need_operand:
        raise _fail(f"{need_operand[0]} needs a term after it", need_operand[1], text)
    if depth:
        raise _fail("unclosed '('", depth[-1], text)


_NUMBER_VALUE = re.compile(r"-?\d+(\.\d+)?|[\[{]\s*(-?\d+(\.\d+)?)?\s+TO\s+(-?\d+(\.\d+)?)?\s*[\]}]")


def _check_number(text: str, end: int, name: str, column: int) -> None:
    rest = text[end:]
    match = _NUMBER_VALUE.match(rest)
    if not match or (
        match.end() < len(rest) and not (rest[match.end()].isspace() or rest[match.end()] in ")")
    ):
        raise _fail(f"field {name!r} takes a number or a range [low TO high]", column, text)
