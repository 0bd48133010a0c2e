"""Head counts (编制数, 实有人数) by their label words, whatever the layout.

A count is read where a label stands as a cell of its own (a table cell, or a line
of its own in a one-cell-per-line export) and the next cell holds a count (48人), or
where a sentence of prose states it (现有在职人员19人). Lines that belong to a table
are read only as cells, so a KPI row such as ``发放工资在职职工 | 18人`` never passes
for a head count; prose is read from paragraphs, so a count wrapped onto the next line
is still found.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from .cleaning import label_key
from .lines import Line
from .paragraphs import Paragraph, is_table_line
from .tables import Table, split_row

# a head count: 48, or 1,286 with thousands separators (full-width ones fold to "," under NFKC)
_COUNT = r"(\d{1,3}(?:,\d{3})+(?!\d)|\d+)"


def _count(text: str) -> int:
    return int(text.replace(",", ""))


def cells_in_order(lines: Sequence[Line], tables: Sequence[Table]) -> list[str]:
    """Every non-empty cell in reading order: the cells of table rows, a text line as one cell.

    >>> lines = [Line(1, "核定编制"), Line(2, "20人"), Line(3, "| 实有人数 | 19人 |")]
    >>> cells_in_order(lines, [])
    ['核定编制', '20人', '实有人数', '19人']
    """
    rows = {r.line: r for t in tables for r in t.rows}
    out: list[str] = []
    for line in lines:
        if line.blank:
            continue
        row = rows.get(line.no)
        if row is not None:
            out.extend(c.text for c in row.filled)
            continue
        split = split_row(line.text) if is_table_line(line.text) else None
        out.extend(c for c in split[0] if c) if split else out.append(line.text.strip())
    return out


def count_after_label(cells: Sequence[str], label: str, units: Sequence[str]) -> int | None:
    """The count in the cell right after the first cell that is exactly ``label``.

    >>> count_after_label(["核定的人员编制数", "48人", "实际在职人员总数", "44人"], "实际在职人员总数", ["人"])
    44
    >>> count_after_label(["发放工资在职职工", "18人"], "在职职工", ["人"]) is None
    True
    >>> count_after_label(["核定编制", "1,286人"], "核定编制", ["人"])
    1286
    """
    count = re.compile(rf"{_COUNT}\s*(?:{_alternation(units)})?")
    key = label_key(label)
    for i, cell in enumerate(cells[:-1]):
        if label_key(cell) == key:
            m = count.fullmatch(unicodedata.normalize("NFKC", cells[i + 1]).strip())
            if m:
                return _count(m.group(1))
    return None


def count_in_prose(
    paras: Iterable[Paragraph],
    label: str,
    units: Sequence[str],
    fillers: Sequence[str] = (),
    parts: Sequence[str] = (),
) -> int | None:
    """A count a sentence states after the label (``fillers`` such as 为 共 计, spaces and colons between).

    Full-width digits, colons and commas count as their ASCII forms; a count may carry
    thousands separators (1,286 / 1，286), and the first count after the label wins.
    A match that is the tail of one of ``parts`` (编制 in 行政编制) is no reading of the label.

    >>> para = Paragraph("本局为行政单位，现有在职人员 19人：其中行政人员6人。", (1,), (0,))
    >>> count_in_prose([para], "在职人员", ["人"])
    19
    >>> count_in_prose([Paragraph("本部门编制人数为：６２名。", (1,), (0,))], "编制人数", ["人", "名"], ["为"])
    62
    >>> text = "核定编制1，286名（其中专项编制1,240名，事业编制46名），实有在职人员1,213人。"
    >>> count_in_prose([Paragraph(text, (1,), (0,))], "核定编制", ["人", "名"])
    1286
    >>> parts = ["行政编制", "事业编制"]
    >>> count_in_prose([Paragraph("行政编制48名，事业编制62名。", (1,), (0,))], "编制", ["名"], [], parts) is None
    True
    """
    pattern = re.compile(re.escape(label) + rf"(?:{_gap(fillers)})*{_COUNT}\s*(?:{_alternation(units)})")
    longer = [w for w in parts if w != label and w.endswith(label)]
    for p in paras:
        text = unicodedata.normalize("NFKC", p.text)
        for m in pattern.finditer(text):
            # the 编制 of 行政编制48名 is one part of the establishment, not the whole
            if not any(text[: m.start() + len(label)].endswith(w) for w in longer):
                return _count(m.group(1))
    return None


def count_of_parts(
    cells: Sequence[str],
    paras: Iterable[Paragraph],
    parts: Sequence[str],
    units: Sequence[str],
    sum_words: Sequence[str],
) -> int | None:
    """The whole of a count stated only by its parts (行政编制48名，事业编制62名 -> 110).

    A total the same sentence states after the parts (合计110名) wins over their sum; a
    part named twice counts once; a lone part is the whole (行政编制126名).

    >>> para = Paragraph("本部门行政编制48名、事业编制62名，实有人员103人。", (1,), (0,))
    >>> count_of_parts([], [para], ["行政编制", "事业编制"], ["人", "名"], ["合计"])
    110
    >>> para = Paragraph("行政编制30名，事业编制20名，合计52名。", (1,), (0,))
    >>> count_of_parts([], [para], ["行政编制", "事业编制"], ["人", "名"], ["合计"])
    52
    >>> count_of_parts(["行政编制", "8人", "事业编制", "4人"], [], ["行政编制", "事业编制"], ["人"], [])
    12
    """
    found = {w: n for w in parts if (n := count_after_label(cells, w, units)) is not None}
    if found:
        return sum(found.values())
    unit = _alternation(units)
    part = re.compile(rf"({_alternation(parts)})(?:[:：\s])*{_COUNT}\s*(?:{unit})")
    total = (
        re.compile(rf"^\W*(?:{_alternation(sum_words)})(?:[:：\s])*{_COUNT}\s*(?:{unit})")
        if sum_words
        else None
    )
    for p in paras:
        text = re.sub(r"\([^()]*\)", "", unicodedata.normalize("NFKC", p.text))  # (其中…) breaks a part down
        for sentence in re.findall(r"[^。；;]+", text):
            first = part.search(sentence)
            if first is None:
                continue
            # after 其中 the parts are those of the part just stated (事业编制62名，其中全额…)
            sentence = sentence[: first.end()] + re.split("其中", sentence[first.end() :], maxsplit=1)[0]
            counts: dict[str, int] = {}
            end = 0
            for m in part.finditer(sentence):
                counts.setdefault(m.group(1), _count(m.group(2)))
                end = m.end()
            stated = total.search(sentence[end:]) if total else None
            return _count(stated.group(1)) if stated else sum(counts.values())
    return None


def read_count(
    cells: Sequence[str],
    paras: Sequence[Paragraph],
    label_words: Sequence[str],
    units: Sequence[str],
    fillers: Sequence[str] = (),
    parts: Sequence[str] = (),
    sum_words: Sequence[str] = (),
) -> int | None:
    """The head count of the most specific label found (labels in order of preference, totals
    first); else the whole of the ``parts`` the text states (行政编制 + 事业编制).

    >>> paras = [Paragraph("本部门行政编制48名，事业编制62名，合计编制110名。", (1,), (0,))]
    >>> read_count([], paras, ["合计编制", "编制"], ["名"], [], ["行政编制", "事业编制"])
    110
    >>> paras = [Paragraph("本部门行政编制48名，事业编制62名。", (1,), (0,))]
    >>> read_count([], paras, ["合计编制", "编制"], ["名"], [], ["行政编制", "事业编制"], ["合计"])
    110
    """
    for word in label_words:
        found = count_after_label(cells, word, units)
        if found is None:
            found = count_in_prose(paras, word, units, fillers, parts)
        if found is not None:
            return found
    return count_of_parts(cells, paras, parts, units, sum_words) if parts else None


def _gap(fillers: Sequence[str]) -> str:
    """What may stand between a label and its count: spaces, colons and the filler words."""
    return "|".join([r"\s", "[:：]", *(re.escape(f) for f in sorted(fillers, key=len, reverse=True))])


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
