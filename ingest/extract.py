"""Orchestrator: bytes -> Disclosure + Report. Never raises for a bad file.

Steps: decode (:mod:`.decoding`) -> lines (:mod:`.lines`) -> tables (:mod:`.tables`)
-> document facts from prose (:mod:`.document`) -> budget tables, project lists,
performance tables -> join and cross-check (:mod:`.reconcile`) -> citations of each
project's 立项依据 and 措施 (:mod:`.citations`). Documents without tables (prose only)
take their projects and KPIs from sentences (:mod:`.prose`). An :class:`IngestError`
becomes ``(None, Report(ok=False, error=<one line>))``; any other failure inside a
document is reported the same way, so a batch always goes on.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from budgetkg.errors import IngestError, NotADisclosureError

from .budget_cells import single_cell_budget_tables, single_cell_label_tables
from .budget_tables import is_budget_table, is_toc, read_budget_lines, read_totals
from .budget_units import merge_units
from .citations import find_citations
from .cleaning import name_key
from .decoding import decode_bytes
from .document import read_document_facts
from .html_tables import expand_html_text, remap_spans
from .lines import Line, read_lines, report_blanked
from .performance import PerformanceReading, PerformanceTable, read_performance, single_cell_tables
from .project_list import (
    ListedProject,
    is_project_list,
    parse_functional_code,
    read_project_lists,
    single_cell_lists,
)
from .prose import read_prose_department_kpis, read_prose_projects, read_section_department_kpis
from .reconcile import Joined, cross_check, ocr_key, reconcile
from .records import Citation, Disclosure, Kpi, Project, Region, Report, Staff
from .tables import Table, read_tables

_CODE_PREFIX = re.compile(r"^[A-Z]{1,3}(?=[\u4e00-\u9fff])")
_TEXT_FIELDS = ("implementing_unit", "attribute", "period", "overview", "necessity", "plan", "goals")


@cache
def _markers() -> tuple[str, ...]:
    raw = (
        resources.files("budgetkg.ingest").joinpath("data/disclosure_markers.txt").read_text(encoding="utf-8")
    )
    return tuple(w.strip() for w in raw.splitlines() if w.strip() and not w.startswith("#"))


def _check_disclosure(text: str) -> None:
    found = [m for m in _markers() if m in text]
    if len(found) < 2:
        raise NotADisclosureError("text, but no budget disclosure (no 部门预算/收入总计/项目支出… words)")


def extract_bytes(data: bytes, doc: str) -> tuple[Disclosure | None, Report]:
    """One document's records and its report; on a bad document, None and a one-line error."""
    report = Report(doc=doc)
    try:
        return _extract(data, doc, report), report
    except IngestError as exc:
        report.ok, report.error = False, str(exc)
    except Exception as exc:  # a bug must not stop the batch; say what and where
        report.ok, report.error = False, f"internal error: {type(exc).__name__}: {exc}"
    return None, report


def extract_file(path: str | Path) -> tuple[Disclosure | None, Report]:
    """Read and extract one file; an unreadable path is reported like a bad document."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, Report(doc=path.name, ok=False, error=f"cannot read file: {exc.strerror or exc}")
    return extract_bytes(data, path.name)


def _extract(data: bytes, doc: str, report: Report) -> Disclosure:
    text, encoding = decode_bytes(data)
    report.encoding = encoding
    _check_disclosure(text)
    text, line_map = expand_html_text(text)  # HTML tables as pipe rows, one row a line
    first_finding = len(report.findings)
    lines, blanked = read_lines(text)
    report_blanked([replace(b, no=line_map.source(b.no)) for b in blanked], report)
    tables = read_tables(lines)
    single_performance = single_cell_tables(lines, tables)
    facts = read_document_facts(lines, report, sorted([*tables, *single_performance], key=_first_line))
    labelled = single_cell_label_tables(lines, tables)  # for totals only, never budget lines
    extra = [*single_cell_lists(lines, tables, report), *single_cell_budget_tables(lines, tables, report)]
    tables = sorted([*tables, *extra], key=_first_line)
    totals = read_totals(
        sorted([*tables, *labelled], key=_first_line), report, kind=_fact(facts, "kind"), lines=lines
    )
    listed = read_project_lists(tables, report)
    last_line = max((line.no for line in lines if line.text.strip()), default=None)
    performance = read_performance(sorted([*tables, *single_performance], key=_first_line), report, last_line)
    _report_unread(tables, performance, listed, report)
    joined = reconcile(listed, performance.tables, report)
    projects = [_project(j) for j in joined]
    department_kpis = list(performance.department_kpis)
    if not projects:
        projects, department_kpis = _prose(lines, report, department_kpis)
    else:  # projects from tables; some may be described in sentences, and the department's targets too
        projects = _with_prose(joined, projects, read_prose_projects(lines, report), report)
        department_kpis += _section_department_kpis(lines, report, department_kpis)
    agency = _fact(facts, "agency")
    projects = [_agency_unit(p, agency) for p in projects]
    project_total = _pick(totals.project_expenditure_wan, facts, "project_expenditure_wan")
    cross_check(joined, project_total, _fact(facts, "stated_project_count"), report)
    staff = _fact(facts, "staff")
    disclosure = Disclosure(
        doc=doc,
        sha256=hashlib.sha256(data).hexdigest(),
        agency=_fact(facts, "agency") or "",
        region=_fact(facts, "region") or Region(),
        year=_fact(facts, "year"),
        kind=_fact(facts, "kind") or "预算",
        encoding=encoding,
        line_count=line_map.source_count,
        budget_units=merge_units(_fact(facts, "budget_units") or (), (lp.budget_unit for lp in listed)),
        internal_departments=tuple(_fact(facts, "internal_departments") or ()),
        duties=tuple(_fact(facts, "duties") or ()),
        staff=staff if isinstance(staff, Staff) else Staff(),
        budget_total_wan=_pick(totals.budget_total_wan, facts, "budget_total_wan"),
        basic_expenditure_wan=_pick(totals.basic_expenditure_wan, facts, "basic_expenditure_wan"),
        project_expenditure_wan=project_total,
        three_public_wan=_pick(totals.three_public_wan, facts, "three_public_wan"),
        projects=tuple(projects),
        department_kpis=tuple(department_kpis),
        budget_lines=tuple(read_budget_lines(tables, report, lines)),
        mentions=_merge_mentions(_fact(facts, "mentions") or (), performance.tables),
    )
    # spans back to the lines of the source file (an HTML table row may have been one line of many)
    report.findings[first_finding:] = remap_spans(report.findings[first_finding:], line_map)
    return remap_spans(disclosure, line_map)


def _report_unread(
    tables: list[Table], performance: PerformanceReading, listed: Sequence[ListedProject], report: Report
) -> None:
    """Tables no reader took (not a budget table, project list or performance table), as findings.

    Their rows may hold facts no reader knows yet; they are named with their span so
    nothing of the document is dropped silently. A table of contents is no finding.
    """
    read = [t.span for t in performance.tables] + [k.span for k in performance.department_kpis]
    read += [p.span for p in listed]  # a list continued under a bare 续表 title
    for table in tables:
        span = table.span
        if is_budget_table(table) or is_project_list(table) or is_toc(table):
            continue
        if any(s.start <= span.end and span.start <= s.end for s in read):
            continue
        first = " | ".join(c.text for c in table.rows[0].filled)[:40]
        report.add("unparsed", f"table of {len(table.rows)} row(s) not read: {first!r}", span)


def _first_line(table: Table) -> int:
    return table.rows[0].line


def _fact(facts: Any, name: str) -> Any:
    return getattr(facts, name, None) if facts is not None else None


def _pick(table_value: float | None, facts: Any, name: str) -> float | None:
    return table_value if table_value is not None else _fact(facts, name)


def _prose(lines: list[Line], report: Report, department: list[Kpi]) -> tuple[list[Project], list[Kpi]]:
    projects = read_prose_projects(lines, report)
    if projects:
        report.add("info", f"{len(projects)} project(s) read from prose (no project tables)")
    return list(projects), department or list(read_prose_department_kpis(lines, report))


_PROSE_FIELDS = ("implementing_unit", "attribute", "period", "overview", "legal_basis_text", "measures_text")


def _with_prose(
    joined: Sequence[Joined], projects: list[Project], prose: Sequence[Project], report: Report
) -> list[Project]:
    """Table projects completed by the projects a document describes in sentences.

    A prose project joins the listed project of the same name (folded as reconcile folds
    names); a listed project without a performance table takes its unit, legal basis,
    citations and KPIs; one with a table keeps the table's (no duplicate). A prose project
    no list names, with an amount of its own, is a project of its own.
    """
    out = list(projects)
    for pp in prose:
        keys = {ocr_key(n) for n in (pp.name, *pp.alt_names)}
        at = next(
            (i for i, p in enumerate(out) if keys & {ocr_key(n) for n in (p.name, *p.alt_names)}),
            None,
        )
        if at is None:
            if pp.amount_wan is not None:
                report.add(
                    "info", f"project {pp.name} read from prose (no list row or table names it)", pp.span
                )
                out.append(pp)
            continue
        if at < len(joined) and joined[at].table is not None:
            continue  # its performance table already gives its details
        p = out[at]
        fields: dict[str, Any] = {k: getattr(pp, k) for k in _PROSE_FIELDS if getattr(p, k) is None}
        if not p.citations:
            fields["citations"] = pp.citations
        if not p.kpis:
            fields["kpis"] = pp.kpis
        if p.amount_wan is None:
            fields["amount_wan"] = pp.amount_wan
        elif pp.amount_wan is not None and abs(pp.amount_wan - p.amount_wan) > 0.005:
            report.add(
                "warning",
                f"{p.name}: listed {p.amount_wan} 万元 but its prose says {pp.amount_wan} 万元",
                pp.span,
            )
        report.add("info", f"project {p.name}: details read from its prose description", pp.span)
        out[at] = replace(p, **fields)
    return out


def _agency_unit(project: Project, agency: str | None) -> Project:
    """An implementing unit written as the tail of the agency's name (区司法局) is the agency."""
    unit = project.implementing_unit
    if not agency or not unit or unit == agency or not agency.endswith(unit) or len(unit) < 3:
        return project
    return replace(project, implementing_unit=agency)


def _section_department_kpis(lines: list[Line], report: Report, department: list[Kpi]) -> list[Kpi]:
    found = read_section_department_kpis(lines, report, department)
    if found:
        report.add("info", f"{len(found)} department KPI(s) read from the sentences of its goal section")
    return found


def _citations(table: PerformanceTable) -> tuple[Citation, ...]:
    out: list[Citation] = []
    for key, field in (("legal_basis", "legal_basis"), ("measures", "measures")):
        text = table.fields.get(key)
        if text:
            span = table.field_spans.get(key, table.span)
            out.extend(find_citations(text, field, span))  # type: ignore[arg-type]
    return tuple(out)


_MENTION_FIELDS = ("overview", "necessity", "plan", "goals")


def _merge_mentions(prose: Sequence[Citation], tables: Sequence[PerformanceTable]) -> tuple[Citation, ...]:
    """Document mentions: those of the prose, then regulations named in a project's other text.

    A regulation named in a project's 概况/必要性/计划/目标 is neither its legal basis nor a
    measure, but it is still a mention of the document (one entry per title and number).
    """
    out = list(prose)
    seen = {(c.title, c.doc_number) for c in out}
    for table in tables:
        for key in _MENTION_FIELDS:
            text = table.fields.get(key)
            if not text or ("《" not in text and "号" not in text):
                continue
            for c in find_citations(text, "mention", table.field_spans.get(key, table.span)):
                if (c.title, c.doc_number) not in seen:
                    seen.add((c.title, c.doc_number))
                    out.append(c)
    return tuple(out)


def _project(j: Joined) -> Project:
    lp, t = j.listed, j.table
    name = lp.name if lp else t.name  # type: ignore[union-attr]
    alt = _alt_names(name, t)
    span = lp.span if lp else t.span  # type: ignore[union-attr]
    fields: dict[str, Any] = {}
    if t is not None:
        fields = {k: t.fields.get(k) for k in _TEXT_FIELDS}
        fields.update(
            amount_yuan=t.amount_yuan,
            legal_basis_text=t.fields.get("legal_basis"),
            measures_text=t.fields.get("measures"),
            citations=_citations(t),
            kpis=tuple(t.kpis),
            table_span=t.span if lp is not None else None,
        )
        span = span.union(t.span) if lp is None else span
    project = Project(
        name=name,
        span=span,
        alt_names=tuple(alt),
        budget_unit=lp.budget_unit if lp else None,
        amount_wan=lp.amount_wan if lp else _wan(t),
        carry_over=lp.carry_over if lp else False,
        functional_code=(lp.functional_code if lp else None)
        or parse_functional_code(t.fields.get("functional_code") if t else None),
    )
    return replace(project, **fields)


def _alt_names(name: str, t: PerformanceTable | None) -> tuple[str, ...]:
    """Other spellings: the performance table's title, and the name without its code prefix
    (J/Z/XM…) where the table's own text uses that form. Spacing differences are not names.

    >>> _alt_names("Z防汛物资储备经费", None)
    ()
    """
    if t is None:
        return ()
    out: list[str] = []
    seen = {name_key(name)}
    candidates = [t.name]
    text = " ".join(t.fields.get(k) or "" for k in ("overview", "goals", "necessity"))
    for base in (name, t.name):
        bare = _CODE_PREFIX.sub("", base)
        if bare != base and bare in text:
            candidates.append(bare)
    for candidate in candidates:
        if name_key(candidate) not in seen:
            seen.add(name_key(candidate))
            out.append(candidate)
    return tuple(out)


def _wan(t: PerformanceTable | None) -> float | None:
    if t is None or t.amount_yuan is None:
        return None
    return round(t.amount_yuan / 10000, 2)


__all__ = ["extract_bytes", "extract_file"]
