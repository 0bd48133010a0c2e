"""Text folding shared by indexing and querying, with a map back to the original text.

Folding is NFKC (full-width letters, digits and brackets to their ASCII forms),
lower case, and the removal of quotation marks, which Chinese writing puts inside
words (“三公”经费). Each folded character remembers the offset of the original
character it came from, so highlights land on the stored text.
"""

from __future__ import annotations

import unicodedata

# Quotation marks are dropped so that “三公”经费 segments like 三公经费.
_DROPPED = frozenset("\"'“”‘’「」『』〝〞")
# Bracket forms used in document numbers (〔2025〕, 【2017】, [2019]) fold to one.
_BRACKETS = str.maketrans({"〔": "[", "〕": "]", "【": "[", "】": "]", "［": "[", "］": "]"})


def fold(text: str) -> str:
    """Fold ``text`` the way the index does.

    >>> fold("ＱＴ维稳工作经费－１")
    'qt维稳工作经费-1'
    >>> fold("“三公”经费（晋市财行〔2025〕103号）")
    '三公经费(晋市财行[2025]103号)'
    """
    return fold_with_offsets(text)[0]


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` and return, for each folded character, its offset in ``text``.

    A character whose NFKC form is several characters maps each of them to its
    own offset; dropped characters leave no trace.

    >>> folded, offsets = fold_with_offsets("“维稳”①")
    >>> folded, offsets
    ('维稳1', [1, 2, 4])
    """
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        if ch in _DROPPED:
            continue
        folded = unicodedata.normalize("NFKC", ch).translate(_BRACKETS).lower()
        for piece in folded:
            if piece in _DROPPED:
                continue
            out.append(piece)
            offsets.append(i)
    return "".join(out), offsets
