"""The whoosh analyzer: fold, segment with jieba, keep every meaningful token.

Unlike jieba's own ``ChineseAnalyzer`` this keeps one-character tokens that are not Han
(the ``1`` of 维稳工作经费-1), applies no English stemming, and reports character
offsets in the *original* text so highlights land where the words are.

In ``index`` mode a word is followed by the dictionary words inside it (search-mode
segmentation), all at the word's position; in ``query`` mode only the accurate cut is
produced, so a query word matches the same word in the index and a quoted phrase
matches consecutive words.

    >>> tokens = JiebaTokenizer()("Z维稳工作经费-1", mode="index", positions=True)
    >>> [(t.text, t.pos) for t in tokens]
    [('z', 0), ('维稳', 1), ('工作', 2), ('经费', 3), ('1', 4)]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh.analysis import Token, Tokenizer

from ._normalize import fold_with_offsets
from ._segmenter import get_segmenter


class JiebaTokenizer(Tokenizer):  # type: ignore[misc]
    """A whoosh tokenizer over :mod:`._segmenter`; stateless, so it pickles with the schema."""

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        folded, offsets = fold_with_offsets(value)
        if not tokenize:
            pieces = [(folded, 0, len(folded), 0)] if folded else []
        else:
            search = mode == "index"
            pieces = [(p.text, p.start, p.end, p.pos) for p in get_segmenter().pieces(folded, search=search)]
        for text, start, end, pos in pieces:
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = text
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + offsets[start]
                token.endchar = start_char + offsets[end - 1] + 1
            yield token


def query_words(text: str) -> list[str]:
    """The words a query string segments into (accurate cut, folded).

    >>> query_words("维稳经费")
    ['维稳', '经费']
    """
    folded, _ = fold_with_offsets(text)
    return [p.text for p in get_segmenter().pieces(folded)]
