"""Cell text normalizers: PDF line-wrap spaces, label folding, name keys for matching."""

from __future__ import annotations

import re
import unicodedata

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_WRAP_SPACE = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")
_LABEL_JUNK = re.compile(r"[\s:：()（）\[\]【】*]+")
_KEY_JUNK = re.compile(r"[\s\"'“”‘’《》〈〉<>「」()（）\[\]【】〔〕、,，.。·\-—_:：;；]+")


def join_wrapped(text: str) -> str:
    """Drop the spaces a PDF export leaves where a cell's text wrapped between Chinese characters.

    >>> join_wrapped("社区矫正对象帮扶工作 经费")
    '社区矫正对象帮扶工作经费'
    >>> join_wrapped("关于下达2025年农村公路养护补助 资金的通知")
    '关于下达2025年农村公路养护补助资金的通知'
    >>> join_wrapped("  Z12345 hotline ")
    'Z12345 hotline'
    """
    return _WRAP_SPACE.sub("", text).strip()


def clean_cell(text: str) -> str:
    """A cell's text trimmed, with HTML paragraph tags removed and inner runs of whitespace single.

    >>> clean_cell(" <p>保障 防汛工作</p> ")
    '保障 防汛工作'
    """
    text = re.sub(r"</?p>", "", text)
    return re.sub(r"\s+", " ", text).strip()


def label_key(text: str) -> str:
    """A header or label cell folded for comparison: NFKC, no spaces, colons or brackets.

    >>> label_key("项目资金 （元）："), label_key("绩效 指标")
    ('项目资金元', '绩效指标')
    """
    return _LABEL_JUNK.sub("", unicodedata.normalize("NFKC", text))


def name_key(text: str) -> str:
    """A project name folded for matching: NFKC, no whitespace, quotes, brackets or punctuation.

    >>> name_key("Z市“智慧城管”平台（二期）运维经费")
    'Z市智慧城管平台二期运维经费'
    >>> name_key("防汛抗旱、应急救灾经费") == name_key("防汛抗旱应急救灾经费")
    True
    """
    return _KEY_JUNK.sub("", unicodedata.normalize("NFKC", text)).upper()


OPENERS = "（(〔[［【《“「"
CLOSERS = "）)〕]］】》”」"


def open_brackets(text: str) -> int:
    """Brackets a text opens and does not close (negative: more closed than opened); a wrapped
    cell or name goes on on the next line while this is positive.

    >>> open_brackets("《某市市容"), open_brackets("《某法》（2021年）"), open_brackets("环境卫生条例》")
    (1, 0, -1)
    """
    return sum(text.count(c) for c in OPENERS) - sum(text.count(c) for c in CLOSERS)
