"""Chinese word segmentation: jieba with the project's domain dictionary, loaded once per process.

Nothing happens at import time. The first call to :func:`get_segmenter` (or an explicit
:func:`warm_up`, which servers call before forking workers) builds jieba's prefix
dictionary -- about a second from jieba's cache, a few seconds without -- and adds the
domain words of ``search/data/userdict.txt``. jieba's cache goes to the directory given
to :func:`warm_up` (the data directory's ``cache/``) or the system temp directory, and
its logging is silenced.

Segmentation runs without jieba's HMM new-word guessing: the HMM names different words
for the same characters depending on context, which would make query and index disagree.
"""

from __future__ import annotations

import logging
import re
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ._normalize import fold

# A token is kept when it holds a Han character, a letter or a digit; punctuation goes.
_MEANINGFUL = re.compile(r"[\w\u3400-\u9fff]")
# Letters glued to digits (the z of z12345 in a project code) are also indexed apart.
_ALNUM_RUNS = re.compile(r"[a-z]+|[0-9]+(?:\.[0-9]+)?")
_MIXED = re.compile(r"^(?=.*[a-z])(?=.*[0-9])[a-z0-9.]+$")


@dataclass(frozen=True)
class Piece:
    """A word of folded text: its characters ``start:end`` and its word position.

    Sub-words emitted in search mode share the position of the word they are part of,
    so a phrase segmented on the query side still lines up with the index.
    """

    text: str
    start: int
    end: int
    pos: int


def _data_lines(name: str) -> list[str]:
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


class Segmenter:
    """jieba segmentation in two modes: ``search`` (index: words and their sub-words) and plain (query)."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        import jieba  # deferred: importing jieba compiles regexes and emits warnings

        logging.getLogger("jieba").setLevel(logging.WARNING)
        directory = Path(cache_dir) if cache_dir else Path(tempfile.gettempdir()) / "budgetkg-jieba"
        directory.mkdir(parents=True, exist_ok=True)
        self._jieba = jieba.Tokenizer()
        self._jieba.tmp_dir = str(directory)
        self._jieba.initialize()
        for line in _data_lines("userdict.txt"):
            word, _, freq = line.partition(" ")
            self._jieba.add_word(fold(word), int(freq) if freq.strip() else None)
        self.stopwords = frozenset(fold(word) for word in _data_lines("stopwords.txt"))

    def is_word(self, text: str) -> bool:
        """Whether ``text`` is in the dictionary (with a non-zero frequency)."""
        return bool(self._jieba.FREQ.get(text))

    def pieces(self, folded: str, search: bool = False) -> Iterator[Piece]:
        """Segment already folded text into meaningful words.

        With ``search``, each word is followed by every dictionary word inside it
        (at the same position), so 维稳工作经费 also yields 维稳 and 经费 when the
        accurate cut keeps a longer word.
        """
        pos = 0
        start = 0
        for word in self._jieba.cut(folded, HMM=False):
            end = start + len(word)
            if _MEANINGFUL.search(word) and word not in self.stopwords:
                yield Piece(word, start, end, pos)
                if search and _MIXED.match(word):
                    for run in _ALNUM_RUNS.finditer(word):
                        yield Piece(run.group(), start + run.start(), start + run.end(), pos)
                elif search and len(word) > 2:
                    yield from self._subwords(word, start, pos)
                pos += 1
            start = end

    def parts(self, word: str) -> list[str]:
        """Split a dictionary compound into shorter dictionary words, greedily from the left.

        Returns ``[]`` unless every part is a word of two or more characters (or a run of
        letters or digits): 12345热线 -> [12345, 热线]; 接诉即办 -> [].
        """
        parts: list[str] = []
        i = 0
        while i < len(word):
            run = _ALNUM_RUNS.match(word, i)
            if run:
                parts.append(run.group())
                i = run.end()
                continue
            for j in range(len(word) - (1 if i == 0 else 0), i + 1, -1):
                if self.is_word(word[i:j]):
                    parts.append(word[i:j])
                    i = j
                    break
            else:
                return []
        return parts if len(parts) > 1 else []

    def _subwords(self, word: str, offset: int, pos: int) -> Iterator[Piece]:
        n = len(word)
        for i in range(n):
            for j in range(i + 2, n + 1):
                if (i, j) != (0, n) and self.is_word(word[i:j]):
                    yield Piece(word[i:j], offset + i, offset + j, pos)


_lock = threading.Lock()
_instance: Segmenter | None = None


def warm_up(cache_dir: Path | None = None) -> Segmenter:
    """Load the dictionary now (idempotent). Call before forking workers."""
    global _instance
    with _lock:
        if _instance is None:
            _instance = Segmenter(cache_dir)
        return _instance


def get_segmenter() -> Segmenter:
    """The process's segmenter, loaded on first use."""
    return _instance if _instance is not None else warm_up()
