"""Projects and KPIs written as sentences (the prose layout), read from joined paragraphs.

A project is a quoted name introduced as one (“网上信访工作经费”主要内容是…), or a
numbered heading followed by a sentence about it (（一）法律援助经费 / 该项目由…实施…,
1.XX经费。该项目由…); its block runs to the next project or heading. Its implementing
unit, period, 立项依据 and 保障措施 (with their citations) are read from the block. Its amount is the 万元 figure listed beside
its name anywhere in the text (信访解难资金 10 万元), spelled as the quote or nearly
(a dropped 项目, a 、 more or less: those spellings become alt_names), else the
amount stated in its own block (预算安排 10 万元). KPI sentences open with a level
label (产出指标：完成上级交办案件大于 110件，… / 产出指标中，数量指标为A不少于5件、B≥95%；…);
each clause is split at its target
into name and value; list numbering before the label (1． （一） (1) ①) is skipped.
KPI sentences outside project blocks are department KPIs. Beside project tables, the
department's KPIs are the sentences of its goal section (部门整体绩效目标), unless a
KPI table there gives them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .citations import find_citations
from .cleaning import label_key, name_key
from .document import document_labels
from .kpi_rows import column_role
from .kpi_values import parse_kpi_value, vocabulary
from .labels import labels
from .lines import Line
from .paragraphs import Paragraph, paragraphs
from .records import Citation, Column, Kpi, Project, Report, Span

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


def bullet(text: str, at: int = 0) -> int | None:
    """Offset after a list item's bullet (● • ◆ -) at ``at`` (spaces before it skipped), else None.

    >>> bullet("●产出指标："), bullet("  • 满意度≥90%"), bullet("-5%") is None, bullet("产出") is None
    (1, 4, True, True)
    """
    k = at
    while k < len(text) and text[k].isspace():
        k += 1
    if k >= len(text) or text[k] not in _bullets():
        return None
    if k + 1 < len(text) and text[k + 1].isdigit():
        return None  # a sign (-5%), not a bullet
    k += 1
    while k < len(text) and text[k].isspace():
        k += 1
    return k


def _bullets() -> frozenset[str]:
    return frozenset(document_labels()["prose_bullets"])


def item_mark(text: str, at: int = 0) -> int | None:
    """Offset after a list item's mark at ``at``: a bullet, list numbering or both (● 1．), else None.

    >>> item_mark("●城乡低保保障人数"), item_mark("（2）特困人员"), item_mark("城乡低保") is None
    (1, 3, True)
    """
    k = bullet(text, at)
    start = at if k is None else k
    found = numbering(text[start:])
    if found is None:
        return k
    return start + found[1]


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
    rank: int | None = None  # numbering rank of a heading-introduced project


def _quote_pattern() -> re.Pattern[str]:
    words = document_labels()
    quotes = "|".join(
        f"{re.escape(o)}(?P<q{i}>[^{re.escape(c)}\n]{{2,40}}){re.escape(c)}"
        for i, (o, c) in enumerate(words["prose_project_quotes"])
    )
    intro = "|".join(re.escape(w) for w in words["prose_project_intro"])
    budget = "|".join(re.escape(w) for w in words["prose_project_budget"])
    # “X”项目主要内容是… ; a 决算's “X”项目全年预算数68.00万元 (项目 written, so any name)
    return re.compile(
        rf"(?:{quotes})\s*(?:(?:项目)?\s*[的，,：:]?\s*(?:{intro})|(?P<budget>项目\s*[的，,：:]?\s*(?:{budget})))"
    )


def _opens_project(text: str) -> bool:
    """Text that starts describing a project (该项目由…实施…)."""
    return text.lstrip().startswith(tuple(document_labels()["prose_project_opening"]))


def _heading_project(paras: Sequence[Paragraph], i: int) -> tuple[str, int] | None:
    """(name, rank) of a project introduced by a numbered heading.

    Either a heading line followed by a paragraph about it (（一）法律援助经费 / 该项目由…),
    or a numbered sentence naming it (1.XX经费。该项目由…).
    """
    text = paras[i].text
    found = numbering(text)
    if found is None or found[0] == 0:
        return None
    rest = text[found[1] :]
    m = re.match(r"\s*([^，,。；;：:\d][^，,。；;：:]{1,40}?)\s*[。：:]\s*", rest)
    if m and _opens_project(rest[m.end() :]):
        return re.sub(r"\s+", "", m.group(1)), found[0]
    if _heading_like(rest) and i + 1 < len(paras) and _opens_project(paras[i + 1].text):
        name = re.sub(r"\s+", "", rest)
        return (name, found[0]) if len(name) >= 2 else None
    return None


def _project_blocks(paras: Sequence[Paragraph]) -> list[_Block]:
    pattern = _quote_pattern()
    kinds = tuple(document_labels()["prose_project_kinds"])
    starts: list[tuple[int, str, int | None]] = []
    for i, p in enumerate(paras):
        heading = _heading_project(paras, i)
        if heading:
            starts.append((i, heading[0], heading[1]))
            continue
        m = pattern.search(p.text)
        if not m:
            continue
        name = next(v for k, v in m.groupdict().items() if v and k != "budget")
        name = re.sub(r"\s+", "", name)
        if name.endswith(kinds) or m.group("budget"):
            starts.append((i, name, None))
    blocks = []
    for n, (i, name, rank) in enumerate(starts):
        limit = starts[n + 1][0] if n + 1 < len(starts) else len(paras)
        end = i + 1
        while (
            end < limit
            and not _HEADING.match(paras[end].text)
            and not _ends_rank(paras[end].text, rank)
            and not _opens_department(paras[end].text)
        ):
            end += 1
        blocks.append(_Block(name, i, end, paras[i].span.union(paras[end - 1].span), rank))
    return blocks


def _opens_department(text: str) -> bool:
    """A paragraph that turns to the department's overall targets (部门整体支出绩效方面，…)."""
    at = item_mark(text) or 0
    key = label_key(text[at : at + 20])
    return any(key.startswith(label_key(w)) for w in document_labels()["prose_department_heading"])


def _ends_rank(text: str, rank: int | None) -> bool:
    """A heading of the project's own numbering rank or a higher one ends a heading-introduced project."""
    found = numbering(text)
    return rank is not None and found is not None and found[0] <= rank and _heading_like(text)


# -- KPI sentences ----------------------------------------------------------------------------


_LABEL = re.compile(r"([^：:，,。；;、\d]{2,14}?)\s*(?:[：:]|中\s*[，,：:]|为\s*[：:]?)")
_LABEL_SITE = re.compile(r"[：:；;。，,]")


def _level_label(text: str, at: int = 0) -> tuple[str | None, str | None, int] | None:
    """(level1, level2, offset after the label) for a level label at ``at``: 产出指标： 产出指标中，
    数量指标为 (list numbering before it skipped: 1．产出指标： （一）效益指标：).

    >>> _level_label("产出指标中，数量指标为A不少于5件")
    ('产出指标', None, 6)
    >>> _level_label("服务对象满意度指标为群众满意度≥90%")
    ('满意度指标', '服务对象满意度', 10)
    >>> _level_label("群众满意度为95%") is None
    True
    """
    while at < len(text) and text[at].isspace():
        at += 1
    at = bullet(text, at) or at
    found_numbering = numbering(text[at:])
    at += found_numbering[1] if found_numbering else 0
    m = _LABEL.match(text, at)
    if not m:
        return None
    found = labels().level(m.group(1))
    if found is None:
        # a label of no level opening KPI clauses all the same (年度指标为：)
        runs = {label_key(w) for w in document_labels()["prose_kpi_run"]}
        return (None, None, m.end()) if label_key(m.group(1)) in runs else None
    level, canon = found
    if level == 1:
        return canon, None, m.end()
    return labels().level1_of_level2.get(canon), canon, m.end()


def _label_sites(p: Paragraph) -> list[tuple[int, tuple[str | None, str | None, int]]]:
    """Every level label of a text: at its start, a line start or after a punctuation mark."""
    sites = sorted({0, *p.starts, *(m.end() for m in _LABEL_SITE.finditer(p.text))})
    out: list[tuple[int, tuple[str | None, str | None, int]]] = []
    for at in sites:
        if out and at < out[-1][1][2]:
            continue  # inside the label just read (产出指标中，数量指标为)
        found = _level_label(p.text, at)
        if found is not None:
            out.append((at, found))
    return out


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
        at = numbers[-1].start()
        # a date target starts at its year (2025年12月底前), a deadline at its period (每季度结束后30日内)
        for pattern in document_labels()["prose_kpi_value_phrase"]:
            m = re.search(pattern, clause[:at])
            if m and m.start() >= 2:
                return m.start()
        return at
    return None


def _stated_target(s: str) -> tuple[str, str] | None:
    """Name and target around a target word (咨询场次年度指标值为≥200场次), else None."""
    words = sorted(document_labels()["prose_kpi_target"], key=len, reverse=True)
    for word in words:
        k = s.find(word)
        if k < 2:
            continue
        m = re.match(r"(?:为|是|[：:])?", s[k + len(word) :])
        value = s[k + len(word) + (m.end() if m else 0) :]
        if value:
            return s[:k], value
    return None


def _target_column(clause: str) -> Column | None:
    """The column a clause's target word names (年度指标值为… -> annual), else None."""
    s = re.sub(r"\s+", "", clause)
    words = sorted(document_labels()["prose_kpi_target"], key=len, reverse=True)
    word = next((w for w in words if s.find(w) >= 2), None)
    role = column_role(word) if word else None
    return role[1] if role and role[0] == "target" else None


def is_actual_clause(clause: str) -> bool:
    """A clause reporting a result, not a target (实际完成236场次, 完成值为100%).

    >>> is_actual_clause("实际完成236场次"), is_actual_clause("实际完成率达到100%")
    (True, False)
    """
    words = "|".join(sorted(map(re.escape, document_labels()["prose_kpi_actual"]), key=len, reverse=True))
    return re.match(rf"\s*(?:{words})\s*(?:为|是|[：:])?\s*(?:[≥≤<>＞＜约]|\d)", clause) is not None


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
    >>> split_kpi_clause("临时救助人次约8000人次"), split_kpi_clause("建设完成时间2025年12月底前")
    (('临时救助人次', '约8000人次'), ('建设完成时间', '2025年12月底前'))
    >>> split_kpi_clause("咨询场次年度指标值为≥200场次")
    ('咨询场次', '≥200场次')
    """
    s = re.sub(r"\s+", "", clause)
    for stop in document_labels()["prose_kpi_stop"]:
        k = s.find(stop)
        if k >= 0:
            s = s[:k]
    stated = _stated_target(s)
    if stated is not None:
        return stated
    at = _value_start(s)
    if at is None:
        return None
    name, value = s[:at].strip(), s[at:].strip()
    if len(name) < 2 or not value:
        return None
    return name, value


def _kpi_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause ranges of ``text[start:end]``: split at ，；, and at 、 where the part before is a
    whole KPI (A不少于5件、B≥95%) but not inside a name (图书馆、文化馆免费开放率达到100%)."""
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"[^，,；;。]+", text[start:end]):
        s, e = start + m.start(), start + m.end()
        at = s
        for d in re.finditer("、", text[s:e]):
            cut = s + d.start()
            if split_kpi_clause(text[at:cut]) is not None:
                out.append((at, cut))
                at = cut + 1
        out.append((at, e))
    return out


def kpis_of_paragraph(p: Paragraph, report: Report) -> list[Kpi]:
    """The KPIs of the level-labelled sentences of a paragraph; [] for a paragraph without any.

    A label (产出指标： 产出指标中， 数量指标为) opens a run of KPI clauses that ends at the
    next label or at the end of its sentence. A level-2 label keeps the level 1 it belongs
    to; a level-1 label clears level 2.
    """
    sites = _label_sites(p)
    level1: str | None = None
    level2: str | None = None
    out: list[Kpi] = []
    stops = document_labels()["prose_kpi_stop"]
    for n, (_at, (one, two, offset)) in enumerate(sites):
        if two is None:
            level1, level2 = one, None
        else:
            level1, level2 = one or level1, two
        limit = sites[n + 1][0] if n + 1 < len(sites) else len(p.text)
        period = p.text.find("。", offset)
        if 0 <= period < limit:
            limit = period
        # the next bulleted item (●…) ends the run too
        limit = next((s for s in _bullet_starts(p) if offset < s < limit), limit)
        for start, end in _kpi_clauses(p.text, offset, limit):
            piece = p.text[start:end]
            if not piece.strip() or is_actual_clause(piece):
                continue
            parts = split_kpi_clause(piece)
            if parts is None:
                if not any(w in piece for w in stops):
                    report.add(
                        "unparsed", f"KPI clause without a target: {piece.strip()}", p.span_of(start, end)
                    )
                continue
            name, value = parts
            column = _target_column(piece)
            out.append(Kpi(level1, level2, name, parse_kpi_value(value), column, p.span_of(start, end)))
    return out


def _bullet_starts(p: Paragraph) -> list[int]:
    """Offsets of the paragraph's line starts that open a bulleted item (●…)."""
    return [s for s in sorted({0, *p.starts}) if bullet(p.text, s) is not None]


def item_kpis(p: Paragraph, report: Report) -> list[Kpi]:
    """KPIs of the list items (●城乡低保保障人数不少于1.2万人； 1．…) of a paragraph that have no
    level label: in a department-goal section each such item is a KPI sentence of no level.

    An item runs from its mark to the next item's mark or its sentence end.
    """
    marks = [(s, k) for s in sorted({0, *p.starts}) if (k := item_mark(p.text, s)) is not None]
    out: list[Kpi] = []
    for n, (_start, offset) in enumerate(marks):
        if _level_label(p.text, offset) is not None:
            continue  # a labelled item: read by kpis_of_paragraph
        limit = marks[n + 1][0] if n + 1 < len(marks) else len(p.text)
        period = p.text.find("。", offset)
        if 0 <= period < limit:
            limit = period
        for start, end in _kpi_clauses(p.text, offset, limit):
            piece = p.text[start:end]
            if not piece.strip() or is_actual_clause(piece):
                continue
            parts = split_kpi_clause(piece)
            if parts is None or len(parts[0]) > _ITEM_NAME_MAX or re.search("[：:]", parts[1]):
                continue  # a sentence of the section's text or a numbered goal (目标 1：…), not a target
            value = parse_kpi_value(parts[1])
            if value.number is None:
                continue
            out.append(Kpi(None, None, parts[0], value, None, p.span_of(start, end)))
    return out


_ITEM_NAME_MAX = 30  # a KPI name is short; a longer 'name' is a sentence that happens to hold a number


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


def _block_amount(text: str) -> float | None:
    for pattern in document_labels()["prose_project_amount"]:
        m = re.search(pattern, text)
        if m:
            return float(m.group("n").replace(",", ""))
    return None


def _joined(paras: Sequence[Paragraph]) -> Paragraph:
    """One paragraph of several (a project's description broken by the export), line offsets kept."""
    text, nos, starts = "", [], []
    for p in paras:
        nos.extend(p.nos)
        starts.extend(len(text) + s for s in p.starts)
        text += p.text
    return Paragraph(text, tuple(nos), tuple(starts))


def _first(patterns: Sequence[str], text: str, group: str) -> str | None:
    for pattern in patterns:
        m = re.search(pattern, text)
        if m:
            return re.sub(r"\s+", "", m.group(group))
    return None


def _sentence_end(text: str, start: int, limit: int, marks: str = "。") -> int:
    """Index after the first of ``marks`` in ``text[start:limit]`` outside brackets (《…（…）》), else ``limit``."""
    depth = 0
    for k in range(start, limit):
        c = text[k]
        if c in "《〈（(「“":
            depth += 1
        elif c in "》〉）)」”":
            depth = max(depth - 1, 0)
        elif c in marks and depth == 0:
            return k + 1
    return limit


def _labelled_fields(p: Paragraph) -> dict[str, tuple[str, Span]]:
    """Text after 立项依据： / 保障措施： in a project's sentences, to its sentence end or the next label."""
    words = document_labels()["prose_project_fields"]
    found: list[tuple[int, int, str]] = []  # (label start, text start, field)
    for field, labels_ in words.items():
        for word in labels_:
            for m in re.finditer(re.escape(word) + r"\s*[：:]", p.text):
                found.append((m.start(), m.end(), field))
    found.sort()
    out: dict[str, tuple[str, Span]] = {}
    for n, (_label, start, field) in enumerate(found):
        if field == "other" or field in out:
            continue
        limit = found[n + 1][0] if n + 1 < len(found) else len(p.text)
        end = _sentence_end(p.text, start, limit)
        text = p.text[start:end].strip()
        if text:
            out[field] = (text, p.span_of(start, end))
    return out


def _inline_basis(p: Paragraph) -> tuple[str, Span] | None:
    """The clause naming the regulations a project rests on (依据《…》《…》设立) where no 立项依据 label does."""
    words = "|".join(re.escape(w) for w in document_labels()["prose_project_inline_basis"])
    m = re.search(rf"(?:{words})\s*《", p.text)
    if not m:
        return None
    stop = _sentence_end(p.text, m.start(), len(p.text), "。，,；;")
    return p.text[m.start() : stop], p.span_of(m.start(), stop)


def _citations(p: Paragraph, fields: dict[str, tuple[str, Span]]) -> tuple[Citation, ...]:
    """Citations of the legal basis and measures, parsed as the performance tables' are."""
    out: list[Citation] = []
    basis = fields.get("legal_basis") or _inline_basis(p)
    if basis:
        out.extend(find_citations(basis[0], "legal_basis", basis[1]))
    if "measures" in fields:
        out.extend(find_citations(fields["measures"][0], "measures", fields["measures"][1]))
    return tuple(out)


def read_prose_projects(lines: list[Line], report: Report) -> list[Project]:
    """Projects named in sentences; [] when the document introduces none that way."""
    paras = paragraphs(lines)
    blocks = _project_blocks(paras)
    if not blocks:
        return []
    listed = _listed_amounts(paras)
    words = document_labels()
    attributes = words["prose_project_attributes"]
    projects = []
    matched = {i for i, c in enumerate(listed) for b in blocks if _same_project(c.name, b.name)}
    for b in blocks:
        own = paras[b.start : b.end]
        text = _joined(own)
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
        stated = _block_amount(text.text)
        if amount is None:
            amount = stated
        elif stated is not None and stated != amount:
            report.add(
                "warning", f"{b.name}: listed {amount} 万元 but its section says {stated} 万元", b.span
            )
        if amount is None:
            report.add("warning", f"prose project {b.name} has no amount", b.span)
        attribute = next((a for a in attributes if a in text.text), None)
        fields = _labelled_fields(text)
        kpis = kpis_of_paragraph(text, report)
        projects.append(
            Project(
                name=b.name,
                span=b.span,
                alt_names=tuple(alt),
                amount_wan=amount,
                implementing_unit=_first(words["prose_project_unit"], text.text, "unit"),
                attribute=attribute,
                period=_first(words["prose_project_period"], text.text, "period"),
                overview=_overview(own[0].text),
                legal_basis_text=fields["legal_basis"][0] if "legal_basis" in fields else None,
                measures_text=fields["measures"][0] if "measures" in fields else None,
                citations=_citations(text, fields),
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
            for kpi in _section_kpis(paras[i], report):
                if name_key(kpi.name) not in taken:
                    taken.add(name_key(kpi.name))
                    out.append(kpi)
    return out


def _section_kpis(p: Paragraph, report: Report) -> list[Kpi]:
    """The KPIs of a paragraph of a department-goal section: its labelled sentences and its
    unlabelled list items, in text order."""
    found = kpis_of_paragraph(p, report) + item_kpis(p, report)
    return sorted(found, key=lambda k: (k.span.start, p.text.find(k.name)))


def read_prose_department_kpis(lines: list[Line], report: Report) -> list[Kpi]:
    """KPI sentences that belong to no project block: the department's own targets (in a
    department-goal section, its unlabelled list items too)."""
    paras = paragraphs(lines)
    inside: set[int] = set()
    for b in _project_blocks(paras):
        inside.update(range(b.start, b.end))
    section = {i for start, end in _department_sections(paras) for i in range(start, end)}
    out: list[Kpi] = []
    for i, p in enumerate(paras):
        if i not in inside:
            out.extend(_section_kpis(p, report) if i in section else kpis_of_paragraph(p, report))
    return out
