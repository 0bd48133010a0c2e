"""Projects and KPIs written as sentences (the prose layout), read from joined paragraphs.

A project is a quoted name introduced as one (“网上信访工作经费”主要内容是…); its
block runs to the next project or heading. Its amount is the 万元 figure listed beside
its name anywhere in the text (信访解难资金 10 万元), spelled as the quote or nearly
(a dropped 项目, a 、 more or less: those spellings become alt_names), else the
amount stated in its own block (预算安排 10 万元). KPI sentences open with a level
label (产出指标：完成上级交办案件大于 110件，…); each clause is split at its target
into name and value; list numbering before the label (1． （一） (1) ①) is skipped.
KPI sentences outside project blocks are department KPIs. Beside project tables, the
department's KPIs are the sentences of its goal section (部门整体绩效目标), unless a
KPI table there gives them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .cleaning import label_key, name_key
from .document import document_labels
from .kpi_values import parse_kpi_value, vocabulary
from .labels import labels
from .lines import Line
from .paragraphs import Paragraph, paragraphs
from .records import Kpi, Project, Report, Span

_HEADING = re.compile(r"^\s*(?:第[一二三四五六七八九十\d]+部分|[一二三四五六七八九十]+\s*、)")
_CLAUSE = re.compile(r"[，,；;。]")
_CN_NUM = "一二三四五六七八九十百"
# list numbering, by rank (a heading ends the sections of its own rank and below):
# 第一部分 > 一、 > （一） > 1． 1、 1. > （1） (1) 1） > ① ⑴
_NUMBERING: tuple[re.Pattern[str], ...] = (
    re.compile(r"^\s*第[一二三四五六七八九十\d]+部分\s*"),
    re.compile(rf"^\s*[{_CN_NUM}]+\s*[、.．]\s*"),
    re.compile(rf"^\s*[（(]\s*[{_CN_NUM}]+\s*[）)]\s*"),
    re.compile(r"^\s*\d{1,2}\s*(?:[、．]|\.(?!\d))\s*"),
    re.compile(r"^\s*(?:[（(]\s*\d{1,2}\s*[）)]|\d{1,2}\s*[）)])\s*"),
    re.compile(r"^\s*[\u2460-\u2473\u2474-\u2487\u2776-\u277f]\s*"),
)
_SENTENCE_MARK = re.compile(r"[。；;，,]")


def numbering(text: str) -> tuple[int, int] | None:
    """(rank, length) of the list numbering a line opens with; rank 0 is 第X部分.

    >>> numbering("（一）效益指标："), numbering("1．产出指标："), numbering("①满意度指标")
    ((2, 3), (3, 2), (5, 1))
    >>> numbering("1.5万元") is None
    True
    """
    for rank, pattern in enumerate(_NUMBERING):
        m = pattern.match(text)
        if m:
            return rank, m.end()
    return None


@dataclass
class _Block:
    name: str
    start: int  # index of the paragraph that introduces the project
    end: int  # index after its last paragraph
    span: Span


def _quote_pattern() -> re.Pattern[str]:
    words = document_labels()
    quotes = "|".join(
        f"{re.escape(o)}(?P<q{i}>[^{re.escape(c)}\n]{{2,40}}){re.escape(c)}"
        for i, (o, c) in enumerate(words["prose_project_quotes"])
    )
    intro = "|".join(re.escape(w) for w in words["prose_project_intro"])
    return re.compile(rf"(?:{quotes})\s*(?:项目)?\s*[的，,：:]?\s*(?:{intro})")


def _project_blocks(paras: Sequence[Paragraph]) -> list[_Block]:
    pattern = _quote_pattern()
    kinds = tuple(document_labels()["prose_project_kinds"])
    starts: list[tuple[int, str]] = []
    for i, p in enumerate(paras):
        m = pattern.search(p.text)
        if not m:
            continue
        name = next(v for k, v in m.groupdict().items() if v)
        name = re.sub(r"\s+", "", name)
        if name.endswith(kinds):
            starts.append((i, name))
    blocks = []
    for n, (i, name) in enumerate(starts):
        limit = starts[n + 1][0] if n + 1 < len(starts) else len(paras)
        end = i + 1
        while end < limit and not _HEADING.match(paras[end].text):
            end += 1
        blocks.append(_Block(name, i, end, paras[i].span.union(paras[end - 1].span)))
    return blocks


# -- KPI sentences ----------------------------------------------------------------------------


def _level_label(text: str) -> tuple[str | None, str | None, int] | None:
    """(level1, level2, offset after the label) for a sentence opening with a level label."""
    found_numbering = numbering(text)
    at = found_numbering[1] if found_numbering else 0  # 1．产出指标： （一）效益指标：
    m = re.compile(r"\s*([^：:，,。]{2,12})\s*[：:]").match(text, at)
    if not m:
        return None
    found = labels().level(m.group(1))
    if found is None:
        return None
    level, canon = found
    if level == 1:
        return canon, None, m.end()
    return labels().level1_of_level2.get(canon), canon, m.end()


def _value_start(clause: str) -> int | None:
    """Where the target begins in a clause: at a comparator word before a number, else at its last number."""
    best: int | None = None
    for word, _symbol in vocabulary().prefixes:
        for m in re.finditer(re.escape(word) + r"\s*\d", clause):
            if m.start() > 0 and (best is None or m.start() < best):
                best = m.start()
    # a verb that leads a target (保持前20位, 提高到95%) belongs to the value
    for word in document_labels()["prose_kpi_value_lead"]:
        for m in re.finditer(re.escape(word) + r"\s*[前在为]?\s*\d", clause):
            if m.start() > 0 and (best is None or m.start() < best):
                best = m.start()
    if best is not None:
        return best
    numbers = list(re.finditer(r"\d+(?:[.,]\d+)*", clause))
    if numbers and numbers[-1].start() > 0:
        return numbers[-1].start()
    return None


def split_kpi_clause(clause: str) -> tuple[str, str] | None:
    """A KPI clause split into name and target (spaces from line wraps removed).

    >>> split_kpi_clause("完成上级交办案件大于 110件")
    ('完成上级交办案件', '大于110件')
    >>> split_kpi_clause("解决信访积案 30件")
    ('解决信访积案', '30件')
    >>> split_kpi_clause("回复网上来信率达到 100%")
    ('回复网上来信率', '达到100%')
    >>> split_kpi_clause("指标设立依据是历史标准") is None
    True
    """
    s = re.sub(r"\s+", "", clause)
    for stop in document_labels()["prose_kpi_stop"]:
        k = s.find(stop)
        if k >= 0:
            s = s[:k]
    at = _value_start(s)
    if at is None:
        return None
    name, value = s[:at].strip(), s[at:].strip()
    if len(name) < 2 or not value:
        return None
    return name, value


def kpis_of_paragraph(p: Paragraph, report: Report) -> list[Kpi]:
    """The KPIs of one sentence that opens with a level label; [] for any other paragraph."""
    found = _level_label(p.text)
    if found is None:
        return []
    level1, level2, offset = found
    out: list[Kpi] = []
    pos = offset
    for piece in _CLAUSE.split(p.text[offset:]):
        start, pos = pos, pos + len(piece) + 1
        if not piece.strip():
            continue
        parts = split_kpi_clause(piece)
        if parts is None:
            if not any(w in piece for w in document_labels()["prose_kpi_stop"]):
                report.add("unparsed", f"KPI clause without a target: {piece.strip()}", p.span_of(start, pos))
            continue
        name, value = parts
        out.append(
            Kpi(level1, level2, name, parse_kpi_value(value), None, p.span_of(start, start + len(piece)))
        )
    return out


# -- projects ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Listed:
    name: str  # as written
    amount: float
    span: Span
    para: int  # index of its paragraph


def _listed_amounts(paras: Sequence[Paragraph]) -> list[_Listed]:
    """Every 'name amount 万元' clause of the text."""
    out = []
    pattern = re.compile(r"^\s*(?:其中\s*)?(?P<name>[^\d\s（(][^\d]{1,40}?)\s*(?P<n>\d+(?:\.\d+)?)\s*万元?")
    for i, p in enumerate(paras):
        pos = 0
        for piece in re.split(r"[，,；;。：:（）()]", p.text):
            m = pattern.match(piece)
            if m:
                span = p.span_of(pos, pos + len(piece))
                out.append(_Listed(m.group("name").strip(), float(m.group("n")), span, i))
            pos += len(piece) + 1
    return out


def _same_project(listed: str, name: str) -> bool:
    kinds = tuple(document_labels()["prose_project_kinds"])
    a, b = name_key(listed), name_key(name)
    if a == b:
        return True
    # 信访解难资金 for 信访解难资金项目
    return any(b.endswith(kind) and b[: -len(kind)] == a and len(a) >= 4 for kind in kinds)


def _respelled(block: _Block, listed: Sequence[_Listed], matched: set[int]) -> list[_Listed]:
    """The listing item a project is spelled differently in (劝返、维稳经费 for 劝返安全生产经费).

    Only an item no project's name matches, in a listing that names other projects, that
    shares the project's first four characters and its kind word (经费, 资金…), and only
    when it is the one such item.
    """
    kinds = tuple(document_labels()["prose_project_kinds"])
    listings = {listed[i].para + d for i in matched for d in (-1, 0, 1)}  # a listing may span lines
    key = name_key(block.name)
    kind = next((k for k in kinds if key.endswith(k)), None)
    found = [
        c
        for i, c in enumerate(listed)
        if i not in matched
        and c.para in listings
        and kind is not None
        and name_key(c.name).endswith(kind)
        and name_key(c.name)[:4] == key[:4]
    ]
    return found if len(found) == 1 else []


def _block_amount(paras: Sequence[Paragraph]) -> float | None:
    for p in paras:
        m = re.search(r"安排\s*(\d+(?:\.\d+)?)\s*万元", p.text)
        if m:
            return float(m.group(1))
    return None


def read_prose_projects(lines: list[Line], report: Report) -> list[Project]:
    """Projects named in sentences; [] when the document introduces none that way."""
    paras = paragraphs(lines)
    blocks = _project_blocks(paras)
    if not blocks:
        return []
    listed = _listed_amounts(paras)
    attributes = document_labels()["prose_project_attributes"]
    projects = []
    matched = {i for i, c in enumerate(listed) for b in blocks if _same_project(c.name, b.name)}
    for b in blocks:
        own = paras[b.start : b.end]
        alt: list[str] = []
        amount: float | None = None
        for clause in [c for c in listed if _same_project(c.name, b.name)] or _respelled(b, listed, matched):
            if clause.name != b.name and clause.name not in alt:
                alt.append(clause.name)
            if not _same_project(clause.name, b.name):
                report.add(
                    "reconciliation",
                    f"prose project {b.name}: amount taken from {clause.name!r}, the one unmatched"
                    " item of the listing that names the other projects",
                    clause.span,
                )
            if amount is None:
                amount = clause.amount
            elif amount != clause.amount:
                report.add(
                    "warning", f"{b.name}: amounts {amount} and {clause.amount} 万元 both stated", b.span
                )
        stated = _block_amount(own)
        if amount is None:
            amount = stated
        elif stated is not None and stated != amount:
            report.add(
                "warning", f"{b.name}: listed {amount} 万元 but its section says {stated} 万元", b.span
            )
        if amount is None:
            report.add("warning", f"prose project {b.name} has no amount", b.span)
        attribute = next((a for p in own for a in attributes if a in p.text), None)
        kpis = [k for p in own for k in kpis_of_paragraph(p, report)]
        projects.append(
            Project(
                name=b.name,
                span=b.span,
                alt_names=tuple(alt),
                amount_wan=amount,
                attribute=attribute,
                overview=_overview(own[0].text),
                kpis=tuple(kpis),
            )
        )
    return projects


def _overview(text: str) -> str | None:
    m = re.search(r"(?:主要内容是|主要内容为)\s*[：:]?\s*(.+)", text)
    return m.group(1).strip() if m else None


def _heading_like(text: str) -> bool:
    """A short line without sentence punctuation: a heading or a table title."""
    compact = re.sub(r"\s+", "", text)
    return 0 < len(compact) <= 40 and not _SENTENCE_MARK.search(compact)


def _project_mark(text: str) -> bool:
    """A project's performance table begins: a 项目名称 line or a 项目支出绩效目标表 title."""
    key = label_key(text)
    if any(key.startswith(w) for w in labels().project_list_header):
        return True
    return _heading_like(text) and any(w in key for w in labels().performance_title)


def _department_sections(paras: Sequence[Paragraph]) -> list[tuple[int, int]]:
    """Paragraph ranges [start, end) of the department-goal sections (部门整体绩效目标…).

    A section opens at a heading or title naming the department's overall goals and
    runs to the next heading of its own numbering rank or a higher one (an unnumbered
    title counts as an （一） heading), or to a project performance table; numbered KPI
    sentences (1．产出指标：…) never end it.
    """
    words = [label_key(w) for w in document_labels()["prose_department_heading"]]
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(paras):
        text = paras[i].text
        if not (_heading_like(text) and any(w in label_key(text) for w in words)):
            i += 1
            continue
        found = numbering(text)
        rank = found[0] if found else 2
        end = i + 1
        while end < len(paras):
            nxt = paras[end].text
            if _project_mark(nxt):
                break
            mark = numbering(nxt)
            if mark and mark[0] <= rank and _heading_like(nxt) and _level_label(nxt) is None:
                break
            end += 1
        out.append((i, end))
        i = end
    return out


def read_section_department_kpis(lines: list[Line], report: Report, table_kpis: Sequence[Kpi]) -> list[Kpi]:
    """KPI sentences of the department-goal sections that hold no department KPI table.

    Documents whose projects come as tables often state the department's overall
    targets as sentences (1．产出指标：…). A section with a KPI table of its own is left
    to the table, and a sentence KPI a table already gives (same name) is not repeated.
    """
    paras = paragraphs(lines)
    inside = {k for b in _project_blocks(paras) for k in range(b.start, b.end)}
    taken = {name_key(k.name) for k in table_kpis}
    last = lines[-1].no if lines else 0
    out: list[Kpi] = []
    for start, end in _department_sections(paras):
        first = paras[start].nos[0]
        stop = paras[end].nos[0] - 1 if end < len(paras) else last
        if any(k.span.start <= stop and first <= k.span.end for k in table_kpis):
            continue
        for i in range(start, end):
            if i in inside:
                continue
            for kpi in kpis_of_paragraph(paras[i], report):
                if name_key(kpi.name) not in taken:
                    taken.add(name_key(kpi.name))
                    out.append(kpi)
    return out


def read_prose_department_kpis(lines: list[Line], report: Report) -> list[Kpi]:
    """KPI sentences that belong to no project block: the department's own targets."""
    paras = paragraphs(lines)
    inside: set[int] = set()
    for b in _project_blocks(paras):
        inside.update(range(b.start, b.end))
    return [k for i, p in enumerate(paras) if i not in inside for k in kpis_of_paragraph(p, report)]
