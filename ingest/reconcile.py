"""Join the project list (万元) with the performance tables (元); report every join and mismatch.

Each performance table is matched to one list project by the first rule that finds a
single candidate: the same name; the same name after folding (width, spaces,
punctuation); the same after undoing OCR slips (Z/2, O/0, I/1, S/5, B/8); one name a
truncation of the other; the same amount (元 = 万元 × 10000) with a similar name; the
same amount with a distinctive core both names share (两癌筛查 in 两癌筛查（…）项目 and
农村适龄妇女“两癌”筛查项目); a similar name alone. Where several list projects share a name, the amount and the
budget unit decide. A second table for an already matched project is a duplicate: the
more complete copy is kept (more KPIs, then more fields; the first when they tie). Every
reconciliation other than an exact name is a Report finding; a table that matches nothing becomes a project of its own. A table that
states no money unit and whose 年度资金总额 is exactly its list row's 万元 figure was
written in 万元: it is rescaled to 元, and that is a finding too.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from .amounts import wan_to_yuan
from .cleaning import name_key
from .performance import PerformanceTable
from .project_list import ListedProject, list_words
from .records import Report

_OCR = str.maketrans({"Z": "2", "O": "0", "I": "1", "L": "1", "S": "5", "B": "8", "G": "6"})


def ocr_key(name: str) -> str:
    """A name key with letters OCR confuses with digits folded to the digit.

    >>> ocr_key("Z防汛物资储备经费") == ocr_key("2防汛物资储备经费")
    True
    """
    return name_key(name).translate(_OCR)


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, name_key(a), name_key(b)).ratio()


def _same_amount(listed: ListedProject, table: PerformanceTable) -> bool:
    if listed.amount_wan is None or table.amount_yuan is None:
        return False
    return abs(listed.amount_wan * 10000 - table.amount_yuan) <= 60


def _written_in_wan(listed: ListedProject, table: PerformanceTable) -> bool:
    """A table with no stated unit whose amount is the list's 万元 figure as written (元 assumed wrongly)."""
    if table.amount_unit is not None or listed.amount_wan is None or table.amount_yuan is None:
        return False
    return not _same_amount(listed, table) and abs(listed.amount_wan - table.amount_yuan) < 0.005


def _in_yuan(table: PerformanceTable) -> PerformanceTable:
    """The table with its amounts read as 万元 and converted to 元."""
    impl = table.impl_amount_yuan
    return replace(
        table,
        amount_yuan=wan_to_yuan(table.amount_yuan or 0.0),
        impl_amount_yuan=None if impl is None else wan_to_yuan(impl),
        amount_unit="万元",
    )


_CORE_MIN = 4  # characters of a shared core that identify a project, with the amount agreeing


def shared_core(a: str, b: str) -> str:
    """The longest run of characters two names share, words common to all project names
    (项目, 经费, 专项, 县级 …) left out so they neither count nor bridge two runs.

    >>> shared_core("两癌筛查（农村妇女宫颈癌和乳腺癌检查）项目", "农村适龄妇女“两癌”筛查项目")
    '两癌筛查'
    >>> shared_core("某某专项经费", "某某专项资金")
    '某某'
    """
    generic = sorted({name_key(w) for w in list_words().name_generic}, key=len, reverse=True)

    def strip(name: str, mark: str) -> str:  # a different mark in each name: marks never match
        key = name_key(name)
        for word in generic:
            key = key.replace(word, mark)
        return key

    x, y = strip(a, "\x00"), strip(b, "\x01")
    m = difflib.SequenceMatcher(None, x, y, autojunk=False).find_longest_match(0, len(x), 0, len(y))
    return x[m.a : m.a + m.size]


def _truncation(a: str, b: str) -> bool:
    short, long_ = sorted((name_key(a), name_key(b)), key=len)
    return len(short) >= 6 and long_.startswith(short)


Rule = tuple[str, Callable[[ListedProject, PerformanceTable], bool]]
RULES: tuple[Rule, ...] = (
    ("exact name", lambda lp, t: lp.name == t.name),
    ("normalized name", lambda lp, t: name_key(lp.name) == name_key(t.name)),
    ("OCR slip", lambda lp, t: ocr_key(lp.name) == ocr_key(t.name)),
    ("truncated name", lambda lp, t: _truncation(lp.name, t.name)),
    ("amount and similar name", lambda lp, t: _same_amount(lp, t) and _ratio(lp.name, t.name) >= 0.5),
    (
        "amount and shared core",
        lambda lp, t: _same_amount(lp, t) and len(shared_core(lp.name, t.name)) >= _CORE_MIN,
    ),
    ("similar name", lambda lp, t: _ratio(lp.name, t.name) >= 0.8),
)


@dataclass
class Joined:
    """A list project with its performance table(s), or a table without a list row."""

    listed: ListedProject | None
    table: PerformanceTable | None
    rule: str | None = None
    duplicates: int = 0


def _pick(candidates: list[ListedProject], table: PerformanceTable) -> ListedProject | None:
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    by_amount = [c for c in candidates if _same_amount(c, table)]
    if len(by_amount) == 1:
        return by_amount[0]
    unit = table.fields.get("implementing_unit")
    by_unit = [c for c in candidates if unit and c.budget_unit == unit]
    if len(by_unit) == 1:
        return by_unit[0]
    return None


def _same_table(a: PerformanceTable, b: PerformanceTable) -> bool:
    return ocr_key(a.name) == ocr_key(b.name) and (
        a.amount_yuan is None or b.amount_yuan is None or abs(a.amount_yuan - b.amount_yuan) < 1
    )


def _completeness(table: PerformanceTable) -> tuple[int, int, int]:
    """How much of a performance table was read: KPIs, then fields, then whether its amount was.

    >>> from .records import Span
    >>> short = PerformanceTable("某经费", "某经费", Span(1, 5), fields={"overview": "…"})
    >>> _completeness(short) < _completeness(replace(short, amount_yuan=1200.0))
    True
    """
    return len(table.kpis), len(table.fields), int(table.amount_yuan is not None)


def _match(
    joined: list[Joined], by_id: dict[int, Joined], table: PerformanceTable, rules: Sequence[Rule]
) -> Joined | None:
    for rule, same in rules:
        free = [
            j.listed for j in joined if j.table is None and j.listed is not None and same(j.listed, table)
        ]
        pick = _pick(free, table)
        if pick is not None:
            match = by_id[id(pick)]
            match.table, match.rule = table, rule
            return match
    return None


def reconcile(
    listed: Sequence[ListedProject], tables: Sequence[PerformanceTable], report: Report
) -> list[Joined]:
    """Projects in list order (tables without a list row after them), each join reported."""
    joined = [Joined(lp, None) for lp in listed]
    by_id = {id(j.listed): j for j in joined}
    extra: list[Joined] = []
    for table in tables:
        match = _match(joined, by_id, table, RULES[:3])
        if match is None:
            twin = next(
                (j for j in joined + extra if j.table is not None and _same_table(j.table, table)), None
            )
            if twin is not None and twin.table is not None:
                twin.duplicates += 1
                kept = "the first is kept"
                if _completeness(table) > _completeness(twin.table):
                    # the first copy was cut short (a page break, a truncated print): keep the fuller one
                    wan = twin.listed is not None and _written_in_wan(twin.listed, table)
                    twin.table = _in_yuan(table) if wan else table
                    kept = f"this copy is more complete ({len(table.kpis)} KPIs) and is kept"
                report.add(
                    "reconciliation", f"performance table {table.name!r} appears again; {kept}", table.span
                )
                continue
            match = _match(joined, by_id, table, RULES[3:])
        if match is None:
            if listed:
                report.add(
                    "warning", f"performance table {table.name!r} matches no project list row", table.span
                )
            else:
                report.add(
                    "info",
                    f"project {table.name!r} read from its performance table (no project list)",
                    table.span,
                )
            extra.append(Joined(None, table))
        elif match.rule != "exact name" and match.listed is not None:
            report.add(
                "reconciliation",
                f"performance table {table.name!r} joined to list project {match.listed.name!r} by {match.rule}",
                table.span,
            )
        if match is not None and match.listed is not None and _written_in_wan(match.listed, table):
            match.table = _in_yuan(table)
            report.add(
                "reconciliation",
                f"performance table {table.name!r} states no unit and its 年度资金总额 {table.amount_yuan:g} "
                f"is the list's {match.listed.amount_wan}万元: read as 万元",
                table.span,
            )
    return joined + extra


def cross_check(
    joined: Sequence[Joined],
    project_expenditure_wan: float | None,
    stated_count: int | None,
    report: Report,
) -> None:
    """Warnings, never fixes: 万元 vs 元, the sum of projects vs 项目支出, the stated count."""
    for j in joined:
        lp, t = j.listed, j.table
        if lp and t and lp.amount_wan is not None and t.amount_yuan is not None and not _same_amount(lp, t):
            report.add(
                "warning",
                f"{lp.name}: list {lp.amount_wan}万元 but performance table {t.amount_yuan:g}元",
                t.span,
            )
    amounts = [j.listed.amount_wan for j in joined if j.listed and j.listed.amount_wan is not None]
    current = [
        j.listed.amount_wan for j in joined if j.listed and not j.listed.carry_over and j.listed.amount_wan
    ]
    if project_expenditure_wan is not None and amounts:
        total, current_total = round(sum(amounts), 2), round(sum(current), 2)
        if min(
            abs(total - project_expenditure_wan), abs(current_total - project_expenditure_wan)
        ) > 0.011 * len(amounts):
            report.add(
                "warning", f"projects sum to {total}万元 but 项目支出 is {project_expenditure_wan}万元"
            )
    if stated_count is not None:
        found = sum(1 for j in joined if j.listed is None or not j.listed.carry_over)
        with_table = sum(1 for j in joined if j.table is not None)
        if stated_count != found:
            report.add("warning", f"the text states {stated_count} projects; the project list has {found}")
        if with_table and stated_count != with_table:
            report.add(
                "warning", f"the text states {stated_count} projects; {with_table} have a performance table"
            )
