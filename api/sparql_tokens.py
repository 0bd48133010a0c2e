"""A SPARQL tokenizer that keeps positions, for small rewrites of query text.

Only what a rewrite needs: strings, IRIs, comments and variables are single tokens (so a
``text:query`` inside a string or a comment is never touched), prefixed names, numbers and
punctuation. The query is checked by rdflib's real parser before and after any rewrite.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
              |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)
  | (?P<number>[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?))
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<dtype>\^\^)
  | (?P<pname>(?:[^\W\d][\w.\-]*)?:(?:[\w\-:%.]*[\w\-:%])?)
  | (?P<word>[^\W\d]\w*)
  | (?P<punct>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    kind: str  # ws, comment, string, iri, var, number, lang, dtype, pname, word, punct
    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Every token of ``text`` except whitespace and comments, with its offsets.

    >>> [(t.kind, t.text) for t in tokenize('SELECT ?s { ?s text:query "a # b" . } # c')]
    [('word', 'SELECT'), ('var', '?s'), ('punct', '{'), ('var', '?s'), ('pname', 'text:query'), ('string', '"a # b"'), ('punct', '.'), ('punct', '}')]
    """
    tokens = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "punct"
        if kind not in ("ws", "comment"):
            tokens.append(Token(kind, match.group(), match.start(), match.end()))
    return tokens


def prefixes(tokens: list[Token]) -> dict[str, str]:
    """The ``PREFIX p: <iri>`` declarations of a token list.

    >>> prefixes(tokenize("PREFIX text: <http://jena.apache.org/text#> SELECT * {}"))
    {'text': 'http://jena.apache.org/text#'}
    """
    found = {}
    for i, token in enumerate(tokens[:-2]):
        if token.kind == "word" and token.text.upper() == "PREFIX":
            name, iri = tokens[i + 1], tokens[i + 2]
            if name.kind == "pname" and name.text.endswith(":") and iri.kind == "iri":
                found[name.text[:-1]] = iri.text[1:-1]
    return found


def string_value(token: Token) -> str:
    """The value of a string token, escapes resolved.

    >>> string_value(Token("string", r'"维稳\\"经费"', 0, 0))
    '维稳"经费'
    """
    quote = 3 if token.text[:3] in ('"""', "'''") else 1
    body = token.text[quote:-quote]
    escapes = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(0)), body)


def matching_close(tokens: list[Token], index: int) -> int:
    """The index of the token closing the bracket at ``index`` (-1 when unbalanced)."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    opening = tokens[index].text
    depth = 0
    for j in range(index, len(tokens)):
        if tokens[j].kind != "punct":
            continue
        if tokens[j].text == opening:
            depth += 1
        elif tokens[j].text == pairs[opening]:
            depth -= 1
            if depth == 0:
                return j
    return -1


def matching_open(tokens: list[Token], index: int) -> int:
    """The index of the token opening the bracket closed at ``index`` (-1 when unbalanced)."""
    pairs = {")": "(", "]": "[", "}": "{"}
    closing = tokens[index].text
    depth = 0
    for j in range(index, -1, -1):
        if tokens[j].kind != "punct":
            continue
        if tokens[j].text == closing:
            depth += 1
        elif tokens[j].text == pairs[closing]:
            depth -= 1
            if depth == 0:
                return j
    return -1
