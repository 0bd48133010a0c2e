"""Layout, naming and encoding variants of the sample corpus, as pure text (and gold) transforms.

Each variant rewrites a corpus document the way another agency's PDF export or another
province's template would have written it, and rewrites the gold records to match where
the facts change (names). The extraction of a variant is then scored against the
rewritten gold with the project's own evaluation (``budgetkg.ingest.score_document``).

A table row of the corpus is a markdown pipe line (``| a | b |``) or a tab-separated
line; :func:`table_blocks` finds runs of them (blank lines inside a run are kept).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest_corpus import ROOT

from budgetkg.ingest import extract_bytes, score_document, to_gold_json

GOLD_DIR = ROOT / "tests" / "data" / "gold"
_PIPE_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-*:?\s*)*\|?\s*$")

TextTransform = Callable[[str], str]
GoldTransform = Callable[[dict[str, Any]], dict[str, Any]]


def gold_of(doc: Path) -> dict[str, Any]:
    """The hand-checked gold record of a corpus document."""
    data: dict[str, Any] = json.loads((GOLD_DIR / f"{doc.stem}.json").read_text(encoding="utf-8"))
    return data


# -- rows ---------------------------------------------------------------------------------------


def row_cells(line: str) -> list[str] | None:
    """The cells of a pipe or tab table line; [] for a markdown separator; None for text.

    >>> row_cells("| 项目名称 | | 某某专项工作经费 |")
    ['项目名称', '', '某某专项工作经费']
    >>> row_cells("遗属补助\\t3.45\\t"), row_cells("|--|---|"), row_cells("第一部分 概况")
    (['遗属补助', '3.45', ''], [], None)
    """
    stripped = line.strip()
    if stripped.startswith("|") and stripped.count("|") >= 2:
        if _PIPE_SEPARATOR.match(stripped):
            return []
        inner = stripped[1:-1] if stripped.endswith("|") else stripped[1:]
        return [c.strip() for c in inner.split("|")]
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    return None


def table_blocks(lines: list[str]) -> Iterator[tuple[int, int]]:
    """(start, end) index ranges of runs of table lines; blank lines inside a run belong to it."""
    i = 0
    while i < len(lines):
        if row_cells(lines[i]) is None:
            i += 1
            continue
        start = end = i
        j = i
        while j < len(lines) and (row_cells(lines[j]) is not None or not lines[j].strip()):
            if row_cells(lines[j]) is not None:
                end = j
            j += 1
        yield start, end + 1
        i = end + 1


def _map_rows(text: str, render: Callable[[list[list[str]]], list[str]]) -> str:
    """Re-render every table block; ``render`` gets the rows (separators dropped) of one block."""
    lines = text.splitlines()
    out: list[str] = []
    previous = 0
    for start, end in table_blocks(lines):
        out.extend(lines[previous:start])
        rows = [cells for cells in (row_cells(ln) for ln in lines[start:end]) if cells]
        out.extend(render(rows))
        previous = end
    out.extend(lines[previous:])
    return "\n".join(out) + "\n"


# -- layout transforms --------------------------------------------------------------------------


def to_tabs(text: str) -> str:
    """Every table as tab-separated lines (markdown separators dropped).

    >>> to_tabs("标题\\n| 项目名称 | 合计 |\\n|--|--|\\n| 某某经费 | 5.60 |\\n")
    '标题\\n项目名称\\t合计\\n某某经费\\t5.60\\n'
    """
    return _map_rows(text, lambda rows: ["\t".join(r) for r in rows])


def to_pipes(text: str) -> str:
    """Every table as a markdown pipe table, a separator under its first row.

    >>> to_pipes("项目名称\\t合计\\n某某经费\\t5.60\\n")
    '| 项目名称 | 合计 |\\n|---|---|\\n| 某某经费 | 5.60 |\\n'
    """

    def render(rows: list[list[str]]) -> list[str]:
        out = ["| " + " | ".join(r) + " |" for r in rows]
        return [out[0], "|" + "---|" * len(rows[0]), *out[1:]] if out else out

    return _map_rows(text, render)


def to_single_cells(text: str) -> str:
    """Every non-empty table cell on a line of its own (empty cells vanish, as in such exports).

    >>> to_single_cells("| 项目名称 | | 某某经费 |\\n")
    '项目名称\\n某某经费\\n'
    """
    return _map_rows(text, lambda rows: [c for r in rows for c in r if c])


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def to_spaces(text: str) -> str:
    """Every table as space-aligned columns (``pdftotext -layout``): cells padded to column width.

    Such exports carry no markup, so emphasis tags (``<b>``) are dropped from the cells.

    >>> to_spaces("| 项目名称 | 合计 |\\n| 某某专项经费 | 5.60 |\\n")
    '项目名称      合计\\n某某专项经费  5.60\\n'
    """

    def render(rows: list[list[str]]) -> list[str]:
        rows = [[re.sub(r"</?b>", "", c) for c in r] for r in rows]
        widths: dict[int, int] = {}
        for r in rows:
            for i, c in enumerate(r):
                widths[i] = max(widths.get(i, 0), _width(c))
        return [
            "".join(c + " " * (widths[i] - _width(c) + 2) for i, c in enumerate(r)).rstrip() for r in rows
        ]

    return _map_rows(text, render)


def performance_pages(text: str) -> str:
    """Only the project performance-table pages: each from its title lines to its footer.

    A page starts at the text lines above a row whose first cell is 项目名称 and whose
    next filled cell is not 合计 (that would be a project list), and ends at the row
    holding 填报日期.
    """
    lines = text.splitlines()
    pages: list[str] = []
    i = 0
    while i < len(lines):
        cells = [c for c in row_cells(lines[i]) or [] if c]
        if len(cells) >= 2 and cells[0] == "项目名称" and cells[1] not in ("合计", "总计"):
            start = i
            titles = 0
            while start > 0 and titles < 2:
                start -= 1
                if lines[start].strip():
                    if row_cells(lines[start]) is not None:
                        start += 1
                        break
                    titles += 1
            end = i
            while end < len(lines) and "填报日期" not in lines[end]:
                end += 1
            pages.extend([*lines[start : end + 1], ""])
            i = end + 1
        else:
            i += 1
    return "\n".join(pages) + "\n"


def page_breaks(text: str, every: int = 9) -> str:
    """A page break inside every long table: blank lines, a page-number line, the header repeated.

    The repeated header is the block's last row so far that names its columns (项目名称 …
    合计, or the KPI header 一级指标 …), as PDF exports repeat table headers on each page.
    """
    lines = text.splitlines()
    out: list[str] = []
    previous = 0
    page = 1
    for start, end in table_blocks(lines):
        out.extend(lines[previous:start])
        header: str | None = None
        for count, ln in enumerate(lines[start:end], start=1):
            cells = [c for c in row_cells(ln) or [] if c]
            if cells[:2] in (["项目名称", "合计"],) or "一级指标" in cells:
                header = ln
            out.append(ln)
            if count % every == 0 and header is not None and ln != header:
                page += 1
                out.extend(["", "", f"第 {page} 页 共 60 页", "", header])
        previous = end
    out.extend(lines[previous:])
    return "\n".join(out) + "\n"


def extra_blank_lines(text: str) -> str:
    """Two blank lines after every line (PDF exports that space out each row and paragraph)."""
    return "".join(line + "\n\n\n" for line in text.splitlines())


def crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


_TO_FULL = {"(": "（", ")": "）", ":": "：", ";": "；", "%": "％", "[": "［", "]": "］"}
_TO_HALF = {v: k for k, v in _TO_FULL.items()} | {"【": "[", "】": "]", "，": ","}


def swap_punctuation_width(text: str) -> str:
    """Half-width punctuation made full-width and full-width made half-width (commas in numbers kept).

    >>> swap_punctuation_width("项目资金 (元)：≥95% 晋财行【2020】1号，是")
    '项目资金 （元）:≥95％ 晋财行[2020]1号,是'
    """
    return "".join(_TO_FULL.get(ch) or _TO_HALF.get(ch) or ch for ch in text)


# -- renaming (text and gold alike) ---------------------------------------------------------------


def replacer(pairs: dict[str, str]) -> TextTransform:
    """A consistent rename of every occurrence, longest word first.

    A word the PDF export broke across lines (维⏎⏎稳) is renamed too: the new word takes
    the place of the first part and the line break stays after it, so line numbers hold.

    >>> replacer({"太原市": "南宁市", "太原": "南宁"})("太原市民政局在太原")
    '南宁市民政局在南宁'
    >>> replacer({"维稳": "安全生产"})("劝返、维\\n\\n稳经费")
    '劝返、安全生产\\n\\n经费'
    """
    words = sorted(pairs, key=len, reverse=True)
    broken = r"(?:[ \t]*\n\s*)?"
    pattern = re.compile("|".join(broken.join(re.escape(ch) for ch in word) for word in words))

    def rename(m: re.Match[str]) -> str:
        written = m.group(0)
        word = re.sub(r"\s+", "", written)
        gap = re.search(r"[ \t]*\n\s*", written)
        return pairs[word] + (gap.group(0) if gap else "")

    return lambda text: pattern.sub(rename, text)


def map_strings(value: Any, fn: TextTransform) -> Any:
    """Apply ``fn`` to every string inside a JSON value."""
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, list):
        return [map_strings(v, fn) for v in value]
    if isinstance(value, dict):
        return {k: map_strings(v, fn) for k, v in value.items()}
    return value


def performance_only_gold(gold: dict[str, Any]) -> dict[str, Any]:
    """What performance pages alone can give: projects that have a table, their 元 and KPIs."""
    projects = []
    for p in gold.get("projects") or []:
        if p.get("amount_yuan") is not None or p.get("kpis"):
            projects.append({k: v for k, v in p.items() if k != "amount_wan"})
    return {"projects": projects, "department_kpis": [], "duties": []}


# -- running and scoring ------------------------------------------------------------------------


@dataclass(frozen=True)
class Variant:
    """A named rewrite of a document (text) and of its gold (facts that change with it)."""

    name: str
    text: TextTransform
    gold: GoldTransform = field(default=lambda g: g)
    encoding: str = "utf-8"


def extract_variant(doc: Path, variant: Variant) -> tuple[dict[str, Any] | None, Any]:
    """The gold-schema JSON of the variant's extraction, and its report."""
    text = variant.text(doc.read_text(encoding="utf-8"))
    disclosure, report = extract_bytes(text.encode(variant.encoding), f"{doc.stem}.txt")
    return (to_gold_json(disclosure) if disclosure is not None else None), report


def figures(gold: dict[str, Any], pred: dict[str, Any] | None) -> dict[str, tuple[float, float]]:
    """(recall, precision) per figure of one document."""
    return {m: (t.recall, t.precision) for m, t in score_document(gold, pred).items()}


def below(scores: dict[str, tuple[float, float]], floors: dict[str, float]) -> list[str]:
    """The floors a score misses, as ``metric=recall/precision<floor``."""
    return [
        f"{m}={scores[m][0]:.2f}/{scores[m][1]:.2f}<{floor}"
        for m, floor in floors.items()
        if min(scores[m]) < floor
    ]
