"""Records -> the gold JSON schema of ../shared/README.md (plus parsed extras)."""

from __future__ import annotations

from typing import Any

from .records import Citation, Disclosure, Kpi, Project


def _citation(c: Citation) -> dict[str, Any]:
    out: dict[str, Any] = {"title": c.title, "doc_number": c.doc_number, "field": c.field}
    if c.number:
        out["issuer"], out["number_year"], out["serial"] = c.number.issuer, c.number.year, c.number.serial
    out["lines"] = [c.span.start, c.span.end]
    return out


def _kpi(k: Kpi) -> dict[str, Any]:
    out: dict[str, Any] = {
        "level1": k.level1,
        "level2": k.level2,
        "name": k.name,
        "value": k.value.raw,
        "column": k.column,
        "comparator": k.value.comparator,
        "number": k.value.number,
        "unit": k.value.unit,
        "qualitative": k.value.qualitative,
        "lines": [k.span.start, k.span.end],
    }
    if k.name_truncated:
        out["name_truncated"] = True
    if k.name_as_written:
        out["name_as_written"] = k.name_as_written
    return out


def _project(p: Project) -> dict[str, Any]:
    return {
        "name": p.name,
        "alt_names": list(p.alt_names),
        "budget_unit": p.budget_unit,
        "amount_wan": p.amount_wan,
        "amount_yuan": p.amount_yuan,
        "implementing_unit": p.implementing_unit,
        "attribute": p.attribute,
        "period": p.period,
        "overview": p.overview,
        "legal_basis_text": p.legal_basis_text,
        "necessity": p.necessity,
        "measures_text": p.measures_text,
        "plan": p.plan,
        "goals": p.goals,
        "carry_over": p.carry_over,
        "functional_code": p.functional_code,
        "citations": [_citation(c) for c in p.citations],
        "kpis": [_kpi(k) for k in p.kpis],
        "lines": [p.span.start, p.span.end],
        "table_lines": [p.table_span.start, p.table_span.end] if p.table_span else None,
    }


def to_gold_json(d: Disclosure) -> dict[str, Any]:
    """The extraction of one document as a JSON-ready dict in the gold schema."""
    return {
        "doc": d.doc,
        "sha256": d.sha256,
        "encoding": d.encoding,
        "agency": d.agency,
        "region": d.region.label or None,
        "region_parts": {"province": d.region.province, "city": d.region.city, "county": d.region.county},
        "year": d.year,
        "kind": d.kind,
        "budget_units": list(d.budget_units),
        "internal_departments": list(d.internal_departments),
        "duties": list(d.duties),
        "staff": {"authorized": d.staff.authorized, "actual": d.staff.actual},
        "budget_total_wan": d.budget_total_wan,
        "basic_expenditure_wan": d.basic_expenditure_wan,
        "project_expenditure_wan": d.project_expenditure_wan,
        "three_public_wan": d.three_public_wan,
        "projects": [_project(p) for p in d.projects],
        "department_kpis": [_kpi(k) for k in d.department_kpis],
        "budget_lines": [
            {
                "table": b.table,
                "code": b.code,
                "name": b.name,
                "classification": b.classification,
                "amounts": dict(b.amounts),
                "lines": [b.span.start, b.span.end],
            }
            for b in d.budget_lines
        ],
        "mentions": [_citation(c) for c in d.mentions],
    }
