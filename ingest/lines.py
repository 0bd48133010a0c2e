"""The line model every reader works on: source line numbers kept, export noise removed.

Cleaning is per line and never joins or drops lines silently: a watermark line
becomes an empty :class:`Line` (so numbering stays that of the source file) and is
counted, so the report can say what was removed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

_TAG = re.compile(r"</?(?:b|i|u|strong|em|span|font|br|sup|sub)\b[^>]*>", re.IGNORECASE)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")


@dataclass(frozen=True)
class Line:
    """One source line: its 1-based number and its cleaned text."""

    no: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@cache
def watermarks() -> tuple[str, ...]:
    """Watermark phrases PDF exports leave on their own lines (data/watermarks.txt)."""
    raw = resources.files("budgetkg.ingest").joinpath("data/watermarks.txt").read_text(encoding="utf-8")
    return tuple(w.strip() for w in raw.splitlines() if w.strip() and not w.startswith("#"))


def clean_line(text: str) -> str:
    """Strip HTML emphasis tags, markdown heading marks, NBSP/ideographic spaces and a BOM.

    >>> clean_line("## <b>第一部分 概况</b>")
    '第一部分 概况'
    """
    text = text.replace("\ufeff", "").replace("\u00a0", " ").replace("\u3000", " ")
    text = _TAG.sub("", text)
    text = _HEADING.sub("", text)
    return text.rstrip()


def is_watermark(text: str) -> bool:
    """True for a line that holds only a watermark phrase.

    >>> is_watermark("  仅供内部审核 ")
    True
    """
    s = unicodedata.normalize("NFKC", text).strip()
    return bool(s) and s in watermarks()


def load_lines(text: str) -> tuple[list[Line], int]:
    """Split text into cleaned lines; returns the lines and the count of watermark lines blanked."""
    out: list[Line] = []
    removed = 0
    for no, raw in enumerate(text.splitlines(), start=1):
        cleaned = clean_line(raw)
        if is_watermark(cleaned):
            removed += 1
            cleaned = ""
        out.append(Line(no, cleaned))
    return out, removed
