"""Typed records: the contract between ingest/ and graph/.

Made by ``budgetkg.ingest.extract``; read by ``budgetkg.graph`` (to RDF) and by
``budgetkg.ingest.gold`` (to the gold JSON schema). All records are frozen; every
project, KPI and citation carries the line span it came from (1-based, inclusive).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Field = Literal["legal_basis", "measures", "mention"]
Column = Literal["implementation", "annual"]
Severity = Literal["warning", "reconciliation", "unparsed", "info"]


@dataclass(frozen=True)
class Span:
    """Lines ``start``..``end`` of the source file, 1-based and inclusive."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 1 or self.end < self.start:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def union(self, other: Span) -> Span:
        return Span(min(self.start, other.start), max(self.end, other.end))


@dataclass(frozen=True)
class DocNumber:
    """A document number such as 晋市财行〔2025〕103号, split into its parts."""

    text: str  # as written (brackets too: 【】, [], （）…), whitespace removed
    issuer: str  # 晋市财行
    year: int | None  # 2025; None for a decree number (财政部令第87号)
    serial: int  # 103


@dataclass(frozen=True)
class Citation:
    """A regulation or official document named in a project's text or elsewhere.

    ``title`` is the name inside 《》 (without the brackets) when there is one;
    ``number`` the parsed document number when there is one; at least one is set.
    ``field`` tells where it stood: the project's 立项依据 (legal_basis), its
    制度措施 (measures), or any other text of the document (mention).
    """

    title: str | None
    number: DocNumber | None
    field: Field
    span: Span
    raw: str = ""  # the text the citation was read from

    @property
    def doc_number(self) -> str | None:
        return self.number.text if self.number else None


@dataclass(frozen=True)
class KpiValue:
    """A KPI target as written, and parsed where it can be.

    ``comparator`` is one of ≥ ≤ = > < ; ``number`` and ``unit`` the quantity
    (unit '%' for percentages); ``qualitative`` holds a non-numeric target such as
    达标 or 有效. ``raw`` is always the text as written.
    """

    raw: str
    comparator: str | None = None
    number: float | None = None
    unit: str | None = None
    qualitative: str | None = None


@dataclass(frozen=True)
class Kpi:
    """One row of a performance table (or one sentence of prose)."""

    level1: str | None  # 一级指标: 产出指标, 效益指标, 满意度指标
    level2: str | None  # 二级指标: 数量指标, 社会效益...
    name: str  # 三级指标
    value: KpiValue
    column: Column | None  # 实施期目标 (implementation) or 年度目标 (annual); None in prose
    span: Span
    name_truncated: bool = False  # the cell was clipped by the PDF export
    name_as_written: str | None = None  # when the name was completed from the twin column


@dataclass(frozen=True)
class Project:
    """A spending project: a row of a project list joined with its performance table."""

    name: str
    span: Span  # the project-list row, else the performance table
    alt_names: tuple[str, ...] = ()
    table_span: Span | None = None  # the performance table, when a list row names the project
    budget_unit: str | None = None  # the budget unit the project list files it under
    amount_wan: float | None = None  # from the project list (万元)
    amount_yuan: float | None = None  # 年度资金总额 of the performance table (元)
    implementing_unit: str | None = None
    attribute: str | None = None  # 项目属性
    period: str | None = None  # 项目期
    overview: str | None = None  # 项目概况
    legal_basis_text: str | None = None  # 立项依据
    necessity: str | None = None  # 项目设立必要性
    measures_text: str | None = None  # 保证项目实施的制度、措施
    plan: str | None = None  # 项目实施计划
    goals: str | None = None  # 总体目标
    carry_over: bool = False  # listed in the 上年结转 project list
    functional_code: str | None = None  # 功能科目编码 where the list gives it
    citations: tuple[Citation, ...] = ()
    kpis: tuple[Kpi, ...] = ()


@dataclass(frozen=True)
class BudgetLine:
    """One row of a budget table: a classification code and name with amounts (万元)."""

    table: str  # the table's title, e.g. 2026年预算支出总表
    name: str
    span: Span
    code: str | None = None  # 2014001
    classification: Literal["functional", "economic"] | None = None
    amounts: tuple[tuple[str, float], ...] = ()  # (column header, 万元)


@dataclass(frozen=True)
class Staff:
    authorized: int | None = None  # 编制数
    actual: int | None = None  # 实有人数


@dataclass(frozen=True)
class Region:
    """Administrative region as far as the text supports it."""

    province: str | None = None
    city: str | None = None
    county: str | None = None

    @property
    def label(self) -> str:
        return "".join(p for p in (self.province, self.city, self.county) if p)


@dataclass(frozen=True)
class Disclosure:
    """One budget disclosure (部门预算公开 / 决算公开) read into records."""

    doc: str  # the source file name
    sha256: str
    agency: str
    region: Region
    year: int | None
    kind: Literal["预算", "决算"]
    encoding: str = "utf-8"
    line_count: int = 0
    budget_units: tuple[str, ...] = ()
    internal_departments: tuple[str, ...] = ()
    duties: tuple[str, ...] = ()
    staff: Staff = field(default_factory=Staff)
    budget_total_wan: float | None = None  # 收入总计
    basic_expenditure_wan: float | None = None  # 基本支出
    project_expenditure_wan: float | None = None  # 项目支出
    three_public_wan: float | None = None  # 三公经费
    projects: tuple[Project, ...] = ()
    department_kpis: tuple[Kpi, ...] = ()
    budget_lines: tuple[BudgetLine, ...] = ()
    mentions: tuple[Citation, ...] = ()  # regulations named outside project tables


@dataclass(frozen=True)
class Finding:
    """One line of an extraction report: a warning, a reconciliation, an unparsed block."""

    severity: Severity
    message: str
    span: Span | None = None


@dataclass
class Report:
    """What happened to one file: an error, or findings beside the records."""

    doc: str
    ok: bool = True
    error: str | None = None
    encoding: str | None = None
    findings: list[Finding] = field(default_factory=list)

    def add(self, severity: Severity, message: str, span: Span | None = None) -> None:
        self.findings.append(Finding(severity, message, span))
