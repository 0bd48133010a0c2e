"""Document-level facts: agency, region, year, kind, units, departments, duties, staff, totals.

Read from the title page and the prose of the 概况 and 情况说明 parts, by the words of
``data/document_labels.json``; budget tables are another module's business, so the
totals here are the prose's (the orchestrator prefers table figures where it has them).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from .amounts import yuan_to_wan
from .budget_units import merge_units, unit_name
from .citations import chinese_number, find_citations, find_doc_numbers
from .cleaning import label_key
from .document_words import document_labels
from .labels import labels
from .lines import Line
from .paragraphs import (
    ITEM_MARK,
    Paragraph,
    display_width,
    heading_label,
    is_table_line,
    paragraphs,
    toc_lines,
)
from .records import Citation, Region, Report, Span, Staff
from .regions import namesakes, resolve_region
from .staff import cells_in_order, read_count
from .tables import Table

Kind = Literal["预算", "决算"]
_TOC = re.compile(r"\.{3,}|…{2,}|·{3,}")
# an amount with thousands parted by commas or single spaces (113 368 412.58: decimals
# required there, integers parted by a space may be two cells)
_NUMBER = r"(\d{1,3}(?: \d{3})+\.\d+|\d[\d,]*(?:\.\d+)?)"
_COUNT = r"[\d一二两三四五六七八九十百]+"
# numbering inside a run-on list: （1） (2) 3、 4. ①
_INLINE_MARK = re.compile(r"[（(]\s*\d{1,2}\s*[）)]|(?<![\d.])\d{1,2}\s*[、．.](?!\d)|[①-⑳]")


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class DocumentFacts:
    """What the prose of one disclosure says about the agency as a whole."""

    agency: str | None = None
    agency_span: Span | None = None
    region: Region = field(default_factory=Region)
    year: int | None = None
    kind: Kind | None = None
    budget_units: tuple[str, ...] = ()
    internal_departments: tuple[str, ...] = ()
    duties: tuple[str, ...] = ()
    duties_span: Span | None = None
    staff: Staff = field(default_factory=Staff)
    budget_total_wan: float | None = None
    basic_expenditure_wan: float | None = None
    project_expenditure_wan: float | None = None
    three_public_wan: float | None = None
    stated_project_count: int | None = None
    mentions: tuple[Citation, ...] = ()


def read_document_facts(lines: list[Line], report: Report, tables: Sequence[Table] = ()) -> DocumentFacts:
    """Read the document-level facts of a disclosure; what is missing is reported, not guessed.

    ``tables`` are the tables read from ``lines``: their lines are read as cells, never as prose.
    """
    paras = [p for p in paragraphs(lines) if not _TOC.search(p.text)]
    agency, agency_span, year, kind = _title(lines, paras)
    if agency is None:
        report.add("warning", "agency name not found on the title page or in headings")
    if year is None:
        agency, agency_span, year, kind = _other_title(lines, report, agency, agency_span)
    if year is None:
        report.add("warning", "budget year not found in the title")
    text = "\n".join(ln.text for ln in lines)
    issuers = [n.issuer for n, _, _ in find_doc_numbers(text)]
    region = resolve_region(agency, text, issuers) if agency else Region()
    if region.county and region.label not in namesakes(region.county):
        report.add(
            "warning",
            f"region: {region.county} names several places ({'、'.join(namesakes(region.county))});"
            " the text names none of their cities",
            agency_span,
        )
    toc = toc_lines(lines, document_labels()["toc_heading"])
    duties, duties_span = _duties(paras, toc, tables)
    if not duties:
        report.add("info", "no 职责 section with duties found")
    org_sections = _sections(paras, document_labels()["organization_heading"], toc)
    orgs = [list(s.body) for s in org_sections] or [paras[:60]]
    org_tables = [t for t in tables if any(s.holds(t.rows[0].line) for s in org_sections)]
    totals = {key: _total(lines, paras, words) for key, words in document_labels()["totals"].items()}
    return DocumentFacts(
        agency=agency,
        agency_span=agency_span,
        region=region,
        year=year,
        kind=kind,
        budget_units=_with_own_level(_first(_budget_units(org) for org in orgs), orgs, agency)
        or _units_in_tables(org_tables)
        or _single_unit(paras, agency),
        internal_departments=_first(_internal_departments(org) for org in orgs),
        duties=duties,
        duties_span=duties_span,
        staff=_staff(lines, paras, tables),
        budget_total_wan=totals["budget_total_wan"],
        basic_expenditure_wan=totals["basic_expenditure_wan"],
        project_expenditure_wan=totals["project_expenditure_wan"],
        three_public_wan=totals["three_public_wan"],
        stated_project_count=_project_count(paras),
        mentions=_mentions(paras),
    )


# -- title page -------------------------------------------------------------------------------


def clean_agency(text: str) -> str | None:
    """An agency name from a title line: markup and suffixes such as [部门] removed; None if no name.

    >>> clean_agency("大同市信访局[部门]"), clean_agency("# 忻州市信访局"), clean_agency("目 录")
    ('大同市信访局', '忻州市信访局', None)

    A sentence naming the agency after a verb gives the name proper:

    >>> clean_agency("纳入某某省水利厅")
    '某某省水利厅'
    """
    s = re.sub(r"^[#\s]+|\s+$", "", text)
    s = re.sub(r"^第[一二三四五六七八九十]+部分\s*", "", s)
    s = re.sub(rf"^(?:{_alternation(document_labels()['agency_lead_words'])})", "", s)  # 纳入某某局…
    for noise in document_labels()["agency_suffix_noise"]:
        s = s.removesuffix(noise).strip()
    s = re.sub(r"\s+", "", s)
    if not s or len(s) > 40 or not s.endswith(labels().org_suffixes):
        return None
    return s


def arabic_years(text: str) -> str:
    """Years written in Chinese numerals as digits (二〇二四年 -> 2024年); the text keeps its length.

    >>> arabic_years("二〇二四年部门预算"), arabic_years("二○二五年度"), arabic_years("一二三年")
    ('2024年部门预算', '2025年度', '一二三年')
    """
    digits: dict[str, int] = document_labels()["year_digits"]
    numeral = "[" + re.escape("".join(digits)) + "]"
    return re.sub(rf"{numeral}{{4}}(?=\s*年)", lambda m: "".join(str(digits[c]) for c in m.group()), text)


def _title(
    lines: Sequence[Line], paras: Sequence[Paragraph]
) -> tuple[str | None, Span | None, int | None, Kind | None]:
    words = document_labels()
    phrase = re.compile(
        r"(?P<before>.*?)(?P<year>(?:19|20)\d{2})\s*年度?\s*(?:" + _alternation(words["title_phrase"]) + ")"
    )
    kinds: dict[str, Kind] = words["title_kind"]
    head = [ln for ln in lines if not ln.blank and not is_table_line(ln.text) and not _TOC.search(ln.text)]
    for i, ln in enumerate(head[:80]):
        text = arabic_years(ln.text)
        m = phrase.search(text)
        if not m:
            continue
        year = int(m.group("year"))
        kind = next((k for word, k in kinds.items() if word in text[m.end("year") :]), None)
        agency = clean_agency(m.group("before"))
        if agency:
            return agency, Span(ln.no, ln.no), year, kind
        for prev in reversed(head[max(0, i - 3) : i]):
            agency = clean_agency(prev.text)
            if agency:
                return agency, Span(prev.no, prev.no), year, kind
        named = _named_in_tables(lines)
        if named:
            return named[0], named[1], year, kind
        return None, None, year, kind
    named = _named_in_tables(lines)
    for p in paras[:10]:  # 第一部分 曾都区信访局概况
        for suffix in words["overview_heading_suffix"]:
            if p.text.endswith(suffix) and display_width(p.text) <= 60:
                agency = clean_agency(p.text.removesuffix(suffix))
                if agency:
                    return agency, p.span, None, None
    return (named[0], named[1], None, None) if named else (None, None, None, None)


def _other_title(
    lines: Sequence[Line], report: Report, agency: str | None, agency_span: Span | None
) -> tuple[str | None, Span | None, int | None, Kind | None]:
    """Year and kind where no 部门预算 title names them: a page publishing only some tables
    (某局2025年项目支出绩效目标表), else the 年度 the tables' subtitles give (（2025年度）).

    The title line's agency replaces one read elsewhere (a 单位名称 cell may name a unit); the
    evidence used is reported.
    """
    words = document_labels()
    doc_words: dict[str, Kind | None] = words["title_document_words"]
    kinds: dict[str, Kind] = words["title_kind"]
    title = re.compile(
        r"^[#\s]*(?P<before>.*?)\s*(?P<year>(?:19|20)\d{2})\s*年度?\s*(?P<rest>.*?(?:"
        + _alternation(list(doc_words))
        + r").*?)\s*$"
    )
    head = [ln for ln in lines if not ln.blank and not is_table_line(ln.text) and not _TOC.search(ln.text)]
    for ln in head[:80]:
        text = arabic_years(ln.text)
        m = title.match(text)
        if not m or display_width(text) > 80 or re.search(r"[，,。；;：:]", text):
            continue
        before = clean_agency(m.group("before")) if m.group("before") else None
        if m.group("before") and before is None:
            continue  # 截至2024年…: a sentence, not a title
        rest = m.group("rest")
        kind = next((k for w, k in kinds.items() if w in rest), None)
        kind = kind or next((k for w, k in doc_words.items() if w in rest and k), None)
        report.add(
            "info", f"budget year {m.group('year')} from the title line {text.strip()}", Span(ln.no, ln.no)
        )
        if before:
            agency, agency_span = before, Span(ln.no, ln.no)
        return agency, agency_span, int(m.group("year")), kind
    years = [
        int(m.group(1))
        for ln in head
        if (m := re.fullmatch(r"[（(]\s*((?:19|20)\d{2})\s*年度?\s*[)）]", arabic_years(ln.text).strip()))
    ]
    if not years:
        return agency, agency_span, None, None
    year, seen = Counter(years).most_common(1)[0]
    report.add("info", f"budget year {year} from {seen} of {len(years)} （YYYY年度） subtitles")
    doc_kinds = [
        k for ln in head for w, k in doc_words.items() if k and w in ln.text and display_width(ln.text) <= 60
    ]
    return agency, agency_span, year, (Counter(doc_kinds).most_common(1)[0][0] if doc_kinds else None)


def _named_in_tables(lines: Sequence[Line]) -> tuple[str, Span] | None:
    for ln in lines:
        m = re.search(r"(?:部门|单位)名称\s*[:：]\s*(\S+)", ln.text)
        if m:
            agency = clean_agency(m.group(1))
            if agency:
                return agency, Span(ln.no, ln.no)
    return None


# -- sections ---------------------------------------------------------------------------------


_HEADING_BODY_WIDTH = 20  # display columns of a numbered heading's words when it ends in 。 (2024年重点工作)


def _is_heading(p: Paragraph) -> bool:
    """A short line that ends no sentence, or a short numbered title closed by 。 (（一）主要职能。).

    >>> [_is_heading(Paragraph(t, (1,), (0,))) for t in ("二、机构设置", "（一）主要职能。", "（二）2024年重点工作。")]
    [True, True, True]
    >>> [_is_heading(Paragraph(t, (1,), (0,))) for t in ("（一）负责全市信访工作，协调处理来信。", "办公室。")]
    [False, False]
    """
    text = p.text.strip()
    if display_width(text) > 48:
        return False
    if not text.endswith(("。", "；", ";")):
        return True
    if not text.endswith("。") or _heading_level(text) is None:
        return False
    body = strip_item_mark(text)[:-1]
    return display_width(body) <= _HEADING_BODY_WIDTH and not re.search(r"[，,、；;：:。]", body)


def _heading_level(text: str) -> int | None:
    """1 for 第X部分, 2 for 一、, 3 for （一）; None for text that is not a numbered heading."""
    label = heading_label(text)
    return label[0] if label else None


@dataclass(frozen=True)
class _Section:
    """The paragraphs under one heading, up to the next heading of its level or above."""

    heading: Paragraph
    body: tuple[Paragraph, ...]
    end: int | None  # first line of the next sibling heading; None: the section runs on

    @property
    def has_prose(self) -> bool:
        """True when some paragraph is more than a heading (a table of contents has none)."""
        return any(not _is_heading(q) for q in self.body)

    def holds(self, line_no: int) -> bool:
        """True for a line between the heading and the section's end (or its last paragraph)."""
        last = self.end if self.end is not None else (self.body[-1].nos[-1] + 1 if self.body else 0)
        return self.heading.nos[-1] < line_no < last


def _candidates(paras: Sequence[Paragraph], heading_words: Sequence[str]) -> list[_Section]:
    """The section under every heading naming one of ``heading_words``, in document order."""
    out: list[_Section] = []
    for i, p in enumerate(paras):
        if not _is_heading(p) or not any(w in p.text for w in heading_words):
            continue
        level = _heading_level(p.text) or 2
        body: list[Paragraph] = []
        end = None
        for q in paras[i + 1 :]:
            qlevel = _heading_level(q.text)
            if _is_heading(q) and qlevel is not None and qlevel <= level:
                end = q.nos[0]
                break
            body.append(q)
        out.append(_Section(p, tuple(body), end))
    return out


def _sections(
    paras: Sequence[Paragraph], heading_words: Sequence[str], toc: frozenset[int]
) -> list[_Section]:
    """For each heading word in order, the first section under it with prose in it, one per heading.

    A table of contents repeats the headings with no body between them (and without dot
    leaders or page numbers in many exports), so an occurrence whose section holds no
    prose is passed over; entries of a detected 目录 block are never candidates, unless
    nothing outside it qualifies (a 目录 title with no entries after it).
    """
    outside = [p for p in paras if not toc.intersection(p.nos)]
    found: list[_Section] = []
    for word in heading_words:
        section = _best_section(outside, [word]) or _best_section(paras, [word])
        if section and all(section.heading is not f.heading for f in found):
            found.append(section)
    return found


def _best_section(paras: Sequence[Paragraph], heading_words: Sequence[str]) -> _Section | None:
    candidates = [c for c in _candidates(paras, heading_words) if c.body]
    return next((c for c in candidates if c.has_prose), candidates[0] if candidates else None)


def _section(
    paras: Sequence[Paragraph], heading_words: Sequence[str], toc: frozenset[int]
) -> list[Paragraph]:
    """The paragraphs of the first section with prose under a heading naming one of ``heading_words``."""
    outside = [p for p in paras if not toc.intersection(p.nos)]
    section = _best_section(outside, heading_words) or _best_section(paras, heading_words)
    return list(section.body) if section else []


def _first(readings: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    """The first non-empty reading (sections are tried in the data file's order of preference)."""
    return next((r for r in readings if r), ())


def strip_item_mark(text: str) -> str:
    """An item's text without its numbering.

    >>> strip_item_mark("（一）全面贯彻有关法规。"), strip_item_mark("- 10、职能转变。")
    ('全面贯彻有关法规。', '职能转变。')
    """
    m = ITEM_MARK.match(text)
    return text[m.end() :].strip() if m else text.strip()


def _duties(
    paras: Sequence[Paragraph], toc: frozenset[int], tables: Sequence[Table] = ()
) -> tuple[tuple[str, ...], Span | None]:
    words = document_labels()["duties_heading"]
    section = _section(paras, words, toc)
    inner = _best_section(section, words)  # 一、基本职能及主要工作 > （一）主要职能。 > the duties
    if inner is not None and inner.has_prose:
        before = section[: next(i for i, q in enumerate(section) if q is inner.heading)]
        if not any(_item_body(q.text) is not None for q in before):  # a sub-heading, not the 10th duty
            section = list(inner.body)
    items: list[str] = []
    numbered = False
    for p in section:
        body = _item_body(p.text)
        if body is not None:
            numbered = True
            items.append(body)
        elif numbered:
            items[-1] += p.text.strip()
        else:
            items.append(p.text.strip())
    if numbered:  # the lead-in before the first numbered item is no duty
        first = next(i for i, p in enumerate(section) if _item_body(p.text) is not None)
        items = items[first:]
    else:
        items = unnumbered_duties(items)
    items = [i for i in items if i]
    if not items:  # the duties are a table's rows (序号 | 职责内容)
        return _table_duties(paras, words, toc, tables)
    span = section[0].span.union(section[-1].span)
    return tuple(items), span


def _item_body(text: str) -> str | None:
    """A numbered item's text without its mark ((一) 1、 一是 第一，); None for text with no mark.

    >>> _item_body("（二）负责信访工作。"), _item_body("二是负责信访工作；"), _item_body("负责信访工作。")
    ('负责信访工作。', '负责信访工作；', None)
    """
    if ITEM_MARK.match(text):
        return strip_item_mark(text)
    s = re.sub(r"^\s*(?:[-•·*●]\s*)?", "", text)
    for pattern in _mark_patterns("duties_item_marks"):
        m = pattern.match(s)
        if m:
            return s[m.end() :].strip()
    return None


_NUMERAL = {"{n}": r"(?P<n>[一二三四五六七八九十]{1,3})", "{d}": r"(?P<n>\d{1,2})"}
# what may stand before an inline item mark: the text's start, a clause end or a space
_MARK_BOUNDARY = "：:；;。，,、 \t"


@cache
def _mark_patterns(key: str) -> tuple[re.Pattern[str], ...]:
    """The mark templates of ``key`` in the data file, compiled, the numeral captured as ``n``."""
    out: list[re.Pattern[str]] = []
    for template in document_labels()[key]:
        for slot, group in _NUMERAL.items():
            template = template.replace(slot, group)
        out.append(re.compile(template))
    return tuple(out)


def _numeral(text: str) -> int | None:
    return int(text) if text.isdigit() else chinese_number(text)


def unnumbered_duties(texts: Sequence[str]) -> list[str]:
    """Duties from paragraphs with no item marks: an inline enumeration (一是…；二是…) or a
    run of parallel clauses after 主要职责是： split into items; lead-in paragraphs ending in a
    colon dropped.

    >>> unnumbered_duties(["本局主要职能：一是负责甲工作；二是负责乙工作；三是完成交办的其他任务。"])
    ['负责甲工作', '负责乙工作', '完成交办的其他任务。']
    >>> unnumbered_duties(["本局主要职责是：负责甲；负责乙；组织丙；完成交办的其他任务。"])
    ['负责甲', '负责乙', '组织丙', '完成交办的其他任务。']
    >>> unnumbered_duties(["负责全县信访工作，协调处理来信；接待来访。"])
    ['负责全县信访工作，协调处理来信；接待来访。']
    """
    kept = [t for i, t in enumerate(texts) if not (t.endswith(("：", ":")) and i + 1 < len(texts))]
    out: list[str] = []
    for i, text in enumerate(texts):
        opened = i > 0 and texts[i - 1].endswith(("：", ":"))
        pieces = inline_duties(text, opened=opened, alone=len(kept) == 1)
        if pieces:
            out.extend(pieces)
        elif text in kept:
            out.append(text)
    return out


def inline_duties(text: str, opened: bool = False, alone: bool = False) -> list[str]:
    """The duties one paragraph enumerates; [] when it enumerates none.

    Marks must count up from one, each at a clause boundary (统一是 is no 一是). Without
    marks, ；-separated clauses are items when a lead (主要职责是：) opens them, or a
    preceding paragraph ended in a colon (``opened``), or the paragraph is the section's
    only one (``alone``), and most clauses start as duties do (负责, 组织, 拟订…).

    >>> inline_duties("主要职责：（1）负责甲；（2）负责乙。")
    ['负责甲', '负责乙。']
    >>> inline_duties("统一是前提，二是关键。")
    []
    """
    for pattern in _mark_patterns("duties_inline_marks"):
        pieces = _enumerated(text, pattern)
        if pieces:
            return pieces
    words = document_labels()
    lead = re.compile(
        rf"(?:{_alternation(words['duties_list_leads'])})"
        rf"(?:(?:{_alternation(words['duties_list_lead_verbs'])})\s*[：:]?|\s*[：:])"
    )
    starts = [m.end() for m in lead.finditer(text)]
    if opened or alone:
        starts.append(0)
    for at in starts:
        clauses = [_clean_piece(c) for c in re.split(r"[；;]", text[at:])]
        clauses = [c for c in clauses if c]
        if len(clauses) >= (3 if at or opened else 4) and _parallel(clauses, 0.6 if at or opened else 0.8):
            return clauses
    return []


def _enumerated(text: str, pattern: re.Pattern[str]) -> list[str]:
    """The items between marks counting up from one; [] for fewer than two."""
    marks: list[re.Match[str]] = []
    for m in pattern.finditer(text):
        if _numeral(m.group("n")) == len(marks) + 1 and (
            m.start() == 0 or text[m.start() - 1] in _MARK_BOUNDARY
        ):
            marks.append(m)
    if len(marks) < 2:
        return []
    ends = [m.start() for m in marks[1:]] + [len(text)]
    pieces = [_clean_piece(text[m.end() : e]) for m, e in zip(marks, ends, strict=True)]
    return pieces if all(pieces) else []


def _clean_piece(text: str) -> str:
    """An item without the separator that joined it to the next (；，、); a closing 。 is kept."""
    return text.strip().rstrip("；;，,、 ").strip()


def _parallel(clauses: Sequence[str], share: float) -> bool:
    """True when at least ``share`` of the clauses open with a duty verb, or with the same two characters."""
    verbs = tuple(document_labels()["duties_clause_verbs"])
    by_verb = sum(c.startswith(verbs) for c in clauses)
    same = Counter(c[:2] for c in clauses).most_common(1)[0][1]
    return max(by_verb, same) >= share * len(clauses)


def _table_duties(
    paras: Sequence[Paragraph], heading_words: Sequence[str], toc: frozenset[int], tables: Sequence[Table]
) -> tuple[tuple[str, ...], Span | None]:
    """Duties as the rows of a table under a 职责 heading, read from its 职责内容 column."""
    headers = {label_key(w) for w in document_labels()["duties_table_header"]}
    outside = [p for p in paras if not toc.intersection(p.nos)]
    for section in _candidates(outside, heading_words):
        for table in tables:
            if not section.holds(table.rows[0].line):
                continue
            items = [strip_item_mark(t) for t in _column_below(table, headers)]
            if items:
                return tuple(items), table.span
    return (), None


def _column_below(table: Table, headers: set[str]) -> list[str]:
    """The non-empty cells under the first header cell named by ``headers``."""
    col = None
    out: list[str] = []
    for row in table.rows:
        if col is None:
            col = next((c.col for c in row.cells if label_key(c.text) in headers), None)
            continue
        out.extend(c.text.strip() for c in row.cells if c.col == col and c.text.strip())
    return out


# -- organization -----------------------------------------------------------------------------


def _mask_titles(text: str) -> str:
    return re.sub(r"《[^》]*》", lambda m: "＿" * len(m.group()), text)


def _split_names(text: str, suffixes: tuple[str, ...]) -> list[str]:
    """Names listed with 、，和 及, each kept only when it ends with one of ``suffixes``."""
    out: list[str] = []
    for part in re.split(r"[、，,；;]", text):
        part = part.strip(" ：:")
        pieces = re.split(r"(?<=[^（(])(?:和|及|以及)(?=[^）)]*$)", part)
        if len(pieces) > 1 and not all(_ends_with(x, suffixes) for x in pieces):
            pieces = [part]
        for name in pieces:
            name = name.strip()
            if name and _ends_with(name, suffixes):
                out.append(name)
    return out


def _ends_with(name: str, suffixes: tuple[str, ...]) -> bool:
    bare = re.sub(r"[（(][^）)]*[）)]$", "", name)
    return bare.endswith(suffixes)


def _sentences(text: str, ends: str = "。！？!?") -> list[str]:
    """The sentences of a paragraph, each with its closing mark."""
    return [m.group() for m in re.finditer(rf"[^{ends}]+[{ends}]?", text)]


def _scoped(head: str, scope: Sequence[str], breakers: Sequence[str]) -> bool:
    """True when ``head`` names a scope word and no breaker word follows the last one.

    A trigger such as 分别是 lists internal departments only when the sentence is about
    them (内设 … 科室，分别是); after 单位 the list is of budget units instead.
    """
    at = max((head.rfind(w) + len(w) for w in scope if w in head), default=-1)
    return at >= 0 and not any(b in head[at:] for b in breakers)


def _internal_departments(org: Sequence[Paragraph]) -> tuple[str, ...]:
    words = document_labels()
    suffixes = tuple(words["internal_department_suffixes"])
    scope = words["internal_department_scope"]
    breakers = words["internal_department_breakers"]
    # the count that closes a run-on list: …社会组织管理科共6个科室, …等6个处室, …等处室
    tail = re.compile(rf"[。；;]|[共等]?\s*{_COUNT}\s*个|等(?={_alternation(scope)})")
    for trigger in words["internal_departments_after"]:  # in the data file's order of preference
        for p in org:
            for sentence in _sentences(_mask_titles(p.text), "。；;！？!?"):
                for m in re.finditer(re.escape(trigger), sentence):
                    if not _scoped(sentence[: m.end()], scope, breakers):
                        continue
                    rest = sentence[m.end() :]
                    rest = re.sub(rf"^\s*{_COUNT}个[^，,：:]*[，,：:]?", "", rest)
                    if re.match(rf"\s*{_COUNT}\s*个", rest):
                        continue
                    rest = tail.split(rest, maxsplit=1)[0]
                    names = _split_names(rest.lstrip("：: "), suffixes)
                    if len(names) >= 2:
                        return tuple(names)
    return _counted_departments(org)


def _counted_departments(org: Sequence[Paragraph]) -> tuple[str, ...]:
    """A list with no 内设 trigger, read back from the count that closes it.

    >>> _counted_departments([Paragraph("本局为正科级单位，局机关设办公室、财务科、法规科3个科室。", (1,), (0,))])
    ('办公室', '财务科', '法规科')
    """
    words = document_labels()
    suffixes = tuple(words["internal_department_suffixes"])
    count = re.compile(rf"[共等]?\s*{_COUNT}\s*个\s*(?:{_alternation(words['internal_department_counted'])})")
    for p in org:
        for sentence in _sentences(_mask_titles(p.text), "。；;！？!?"):
            for m in count.finditer(sentence):
                clause = re.split(r"[，,]", sentence[: m.start()])[-1]
                if any(w in clause for w in words["internal_department_not_in"]):
                    continue  # …等3个预算单位 lists budget units
                first, sep, rest = clause.partition("、")
                names = _split_names(_after_lead(first) + sep + rest, suffixes)
                if len(names) >= 2:
                    return tuple(names)
    return ()


def _after_lead(text: str) -> str:
    """The first name of a list without the subject and verb before it (局机关设办公室 -> 办公室).

    The verb is the first one whose subject is empty or ends as an organisation does, so
    the 设 of 建设局 is never taken for one.

    >>> _after_lead("局机关设办公室"), _after_lead("建设局设建设管理科"), _after_lead("办公室")
    ('办公室', '建设管理科', '办公室')
    """
    words = document_labels()
    ends = (*labels().org_suffixes, *words["internal_department_subject_ends"])
    lead = re.compile(_alternation(words["internal_department_leads"]))
    for m in lead.finditer(text):
        subject = text[: m.start()].strip()
        if not subject or subject.endswith(ends):
            return text[m.end() :].strip(" ：:")
    return text


def _unit_names(text: str) -> tuple[str, ...]:
    """Unit names listed with 、，；, numbering or 和/及 (split there only when every piece is a unit)."""
    names: list[str] = []
    for part in re.split(r"[、，,；;]", _INLINE_MARK.sub("、", text)):
        part = strip_item_mark(part).strip(" ：:。.")
        pieces = re.split(r"以及|和|及", part)
        if len(pieces) > 1 and all(unit_name(x) for x in pieces):
            names.extend(pieces)
        else:
            names.append(part)
    return merge_units(names)


def _unit_trigger() -> re.Pattern[str]:
    """单位 [共N个/家] [，] 包括/分别是/为… [：] (a verb or a colon at least) opening a list of units."""
    words = document_labels()
    counters = _alternation(words["unit_counters"])
    verbs = _alternation(words["budget_units_verbs"])
    return re.compile(
        rf"(?:{_alternation(words['budget_unit_nouns'])})\s*(?:[共计有]*\s*(?P<count>{_COUNT})\s*(?:{counters}))?\s*[，,]?\s*"
        rf"(?:(?:{verbs})\s*[:：]?|[:：])"
    )


def _budget_units(org: Sequence[Paragraph]) -> tuple[str, ...]:
    words = document_labels()
    before = _alternation(words["budget_units_before"])
    counters = _alternation(words["unit_counters"])
    scope = words["budget_units_scope"]
    trigger = _unit_trigger()
    reopen = re.compile(rf"(?:{_alternation(words['budget_units_verbs'])})?\s*[:：]")
    nouns = _alternation(words["budget_unit_nouns"])
    # what closes the list: ，共3个预算单位 / 等3个单位 / 等单位 / ，其中… (not the 共 of 中共, the 等 of 高等)
    tail = re.compile(
        rf"[，,]\s*(?:其中|合计)|[，,]?\s*共\s*{_COUNT}\s*(?:{counters})|等\s*{_COUNT}\s*(?:{counters})|等(?=(?:{nouns})|$)"
    )
    for i, p in enumerate(org):
        text = re.sub(r"[（(][^）)]*[）)]", "", _mask_titles(p.text))
        m = re.search(rf"由(.{{2,200}}?)[共等]?{_COUNT}?(?:{counters})?(?:{before})", text)
        if m:
            units = _unit_names(m.group(1))
            if units:
                return units
        for sentence in _sentences(text):
            for m in trigger.finditer(sentence):
                if not any(w in sentence[: m.end()] for w in scope):
                    continue
                rest = sentence[m.end() :].rstrip("。！？!? ")
                # a summary before the list proper (包括本级和所属事业单位，具体包括：A、B): the list
                # is what the last colon opens
                rest = reopen.split(rest)[-1]
                if not rest.strip():  # the list follows as numbered lines
                    units = _listed_units(org[i + 1 :])
                else:
                    listed = tail.split(rest, maxsplit=1)[0]
                    units = _unit_names(listed)
                    stated = _numeral(m.group("count") or "")
                    if stated and len(units) < stated:
                        units = _counted_units(listed, stated) or units
                if units:
                    return units
    return ()


def _counted_units(text: str, stated: int) -> tuple[str, ...]:
    """The names of a list whose length the text states (单位共2个，包括：A、B), trusted by the
    count where a name ends in no organisation suffix the data knows (某某宫, 某某社).

    >>> _counted_units("某某局、某某少年宫", 2), _counted_units("某某局、某某少年宫", 3)
    (('某某局', '某某少年宫'), ())
    """
    parts = [
        strip_item_mark(x).strip(" ：:。.") for x in re.split(r"[、，,；;]", _INLINE_MARK.sub("、", text))
    ]
    parts = [x for x in parts if x]
    if len(parts) != stated or not all(2 <= len(x) <= 40 and not re.search(r"\d|[。：:]", x) for x in parts):
        return ()
    names = [unit_name(x) or x for x in parts]
    return tuple(dict.fromkeys(names))


def _listed_units(paras: Sequence[Paragraph]) -> tuple[str, ...]:
    """Units one to a paragraph (1．某某局 / （2）某某中心；) up to the first that names none."""
    names: list[str] = []
    for p in paras:
        units = _unit_names(p.text)
        if not units:
            break
        names.extend(units)
    return merge_units(names)


def _units_in_tables(tables: Sequence[Table]) -> tuple[str, ...]:
    """Units of a table with a 单位名称 column (a 预算单位构成 table)."""
    headers = {label_key(w) for w in document_labels()["unit_table_header"]}
    for table in tables:
        units = merge_units(_column_below(table, headers))
        if units:
            return units
    return ()


def _single_unit(paras: Sequence[Paragraph], agency: str | None) -> tuple[str, ...]:
    """The agency alone, when the text says the department has one budget unit (下属预算单位1个)
    or none below it (无下属预算单位) and names none."""
    words = document_labels()
    label = _alternation(words["budget_unit_count"])
    pattern = re.compile(rf"(?:{label})\s*(?:共|为|有)?\s*(\d+|一)\s*个")
    none = re.compile(rf"(?:{_alternation(words['budget_unit_none'])})(?:{label})")
    for p in paras:
        m = pattern.search(p.text)
        if m:
            return (agency,) if agency and m.group(1) in ("1", "一") else ()
        if none.search(p.text):
            return (agency,) if agency else ()
    return ()


def _with_own_level(
    units: tuple[str, ...], orgs: Sequence[Sequence[Paragraph]], agency: str | None
) -> tuple[str, ...]:
    """The agency first when the text lists only the units below it (厅本级和所属2个二级预算单位：…).

    >>> org = [[Paragraph("本部门预算包括局本级和所属2个二级预算单位：某某中心、某某站。", (1,), (0,))]]
    >>> _with_own_level(("某某中心", "某某站"), org, "某某局")
    ('某某局', '某某中心', '某某站')
    """
    if not units or not agency or unit_name(agency) in units:
        return units
    hints = document_labels()["budget_units_beside_own"]
    if any(w in p.text for org in orgs for p in org for w in hints):
        return merge_units([agency], units)
    return units


# -- numbers ----------------------------------------------------------------------------------


def _staff(lines: Sequence[Line], paras: Sequence[Paragraph], tables: Sequence[Table]) -> Staff:
    """编制数 and 实有人数 by their label words, from cells (any layout) or sentences.

    A stated total (合计编制, 编制总数) wins over the parts it adds up (行政编制, 事业编制);
    parts alone add up to the whole.
    """
    in_tables = {r.line for t in tables for r in t.rows}
    prose = [p for p in paras if not in_tables.intersection(p.nos)]
    cells = cells_in_order(lines, tables)
    words = document_labels()
    units, fillers = words["staff_units"], words["staff_fillers"]
    return Staff(
        authorized=read_count(
            cells,
            prose,
            words["staff_authorized"],
            units,
            fillers,
            words["staff_authorized_parts"],
            words["staff_part_sum"],
        ),
        actual=read_count(cells, prose, words["staff_actual"], units, fillers),
    )


def _number(text: str) -> float:
    return float(re.sub(r"[,\s]", "", text))


def _total(lines: Sequence[Line], paras: Sequence[Paragraph], words: Sequence[str]) -> float | None:
    """A total the prose states (收入预算1,234.56万元; in 元 too: 113 368 412.58元), in 万元;
    else a table line's label and amount."""
    labels_ = document_labels()
    fillers = _alternation(labels_["total_fillers"])
    label = _alternation(words)
    none = _alternation(labels_["total_none"])
    prose = re.compile(rf"(?:{label})(?:{fillers}|\s)*{_NUMBER}\s*(万元?|元)")
    absent = re.compile(rf"(?:{none})(?:{label})")
    for p in paras:
        m = prose.search(p.text)
        if m:
            value = _number(m.group(1))
            return yuan_to_wan(value) if m.group(2) == "元" else value
        if absent.search(p.text):
            return 0.0
    cell = re.compile(rf"(?:{label})[\s|｜]*{_NUMBER}(?:\s|\||$)")
    for ln in lines:
        if is_table_line(ln.text):
            m = cell.search(ln.text)
            if m:
                return _number(m.group(1))
    return None


def _project_count(paras: Sequence[Paragraph]) -> int | None:
    label = _alternation(document_labels()["project_count"])
    pattern = re.compile(rf"(?:{label})\s*(\d+)\s*个")
    for p in paras:
        m = pattern.search(p.text)
        if m:
            return int(m.group(1))
    return None


def _mentions(paras: Sequence[Paragraph]) -> tuple[Citation, ...]:
    out: list[Citation] = []
    seen: set[tuple[str | None, str | None]] = set()
    for p in paras:
        if "《" not in p.text and "号" not in p.text:
            continue
        for c in find_citations(p.text, "mention", p.span):
            key = (c.title, c.doc_number)
            if key in seen:
                continue
            seen.add(key)
            at = p.text.find(c.raw) if c.raw else -1
            span = p.span_of(at, at + len(c.raw)) if at >= 0 else p.span
            out.append(Citation(c.title, c.number, "mention", span, c.raw))
    return tuple(out)
