"""The extractor on other layouts, names, encodings and damage: sample documents rewritten.

Every variant of :mod:`ingest_variants` is extracted and scored against the gold (rewritten
where names change) with the project's own evaluation, within the floors stated here.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any

import pytest
from budgetkg.ingest import extract_bytes, to_gold_json
from ingest_corpus import MANY_PROJECTS_DOC, PIPE_DOC, PROSE_DOC, TAB_HEADINGS_DOC, WATERMARK_DOC
from ingest_variants import (
    Variant,
    below,
    crlf,
    extra_blank_lines,
    extract_variant,
    figures,
    gold_of,
    map_strings,
    page_breaks,
    performance_only_gold,
    performance_pages,
    replacer,
    swap_punctuation_width,
    to_pipes,
    to_single_cells,
    to_spaces,
    to_tabs,
)

TABLE_DOCS = (PIPE_DOC, TAB_HEADINGS_DOC, WATERMARK_DOC, MANY_PROJECTS_DOC)
ALL_DOCS = (*TABLE_DOCS, PROSE_DOC)
ALL_FIGURES = (
    "projects",
    "amounts",
    "legal_basis",
    "citations",
    "kpis",
    "department_kpis",
    "duties",
    "header",
)
FULL = dict.fromkeys(ALL_FIGURES, 0.98)
# one cell per line loses empty cells, so a few KPI rows shifted by the export pair up wrongly
SINGLE_CELL = FULL | {"kpis": 0.90, "department_kpis": 0.90}
TOTALS = ("budget_total_wan", "basic_expenditure_wan", "project_expenditure_wan", "three_public_wan")

# the agency, its city and province renamed to another province's (doc-number issuers too)
RENAMES: dict[str, dict[str, str]] = {
    PIPE_DOC.name: {"大同": "南宁", "山西省": "广西壮族自治区", "山西": "广西", "晋": "桂"},
    TAB_HEADINGS_DOC.name: {"忻州": "苏州", "山西省": "江苏省", "山西": "江苏", "晋": "苏"},
    WATERMARK_DOC.name: {
        "泽州": "灵山",
        "晋城": "钦州",
        "山西省": "广西壮族自治区",
        "山西": "广西",
        "晋": "桂",
    },
    MANY_PROJECTS_DOC.name: {"大同": "南宁", "山西省": "广西壮族自治区", "山西": "广西", "晋": "桂"},
    PROSE_DOC.name: {"曾都": "西湖", "随州": "杭州", "湖北省": "浙江省", "湖北": "浙江", "鄂": "浙"},
}
RENAMED_REGION = {
    PIPE_DOC.name: ("广西壮族自治区", "南宁市"),
    TAB_HEADINGS_DOC.name: ("江苏省", "苏州市"),
    WATERMARK_DOC.name: ("广西壮族自治区", "钦州市"),
    MANY_PROJECTS_DOC.name: ("广西壮族自治区", "南宁市"),
}
# project names, KPI names and citation titles of another line of work
VOCABULARY = {"信访": "社会救助", "维稳": "安全生产", "网络": "数据"}

LAYOUTS = [
    (Variant("tabs", to_tabs), FULL),
    (Variant("pipes", to_pipes), FULL),
    (Variant("space-aligned", to_spaces), FULL),
    (Variant("one-cell-per-line", to_single_cells), SINGLE_CELL),
    (Variant("page-breaks", page_breaks), FULL),
    (Variant("blank-lines", extra_blank_lines), FULL),
    (Variant("punctuation-width", swap_punctuation_width), FULL),
]


def _ids(doc: Path) -> str:
    return doc.stem[:3]


@pytest.fixture(scope="module")
def originals() -> dict[str, dict[str, Any]]:
    out = {}
    for doc in ALL_DOCS:
        d, _ = extract_bytes(doc.read_bytes(), doc.name)
        assert d is not None
        out[doc.name] = to_gold_json(d)
    return out


@pytest.mark.parametrize("doc", TABLE_DOCS, ids=_ids)
@pytest.mark.parametrize(("variant", "floors"), LAYOUTS, ids=[v.name for v, _ in LAYOUTS])
def test_layout_variant_scores_against_gold(doc: Path, variant: Variant, floors: dict[str, float]) -> None:
    pred, report = extract_variant(doc, variant)
    assert report.ok, report.error
    assert below(figures(gold_of(doc), pred), floors) == []


@pytest.mark.parametrize("doc", TABLE_DOCS, ids=_ids)
@pytest.mark.parametrize("transform", [to_tabs, to_pipes, to_spaces, page_breaks, extra_blank_lines])
def test_layout_variant_keeps_totals_and_budget_rows(
    doc: Path, transform: Any, originals: dict[str, dict[str, Any]]
) -> None:
    pred, _ = extract_variant(doc, Variant(transform.__name__, transform))
    base = originals[doc.name]
    assert pred is not None
    assert [pred[k] for k in TOTALS] == [base[k] for k in TOTALS]
    rows = [(b["code"], b["name"], b["amounts"]) for b in pred["budget_lines"]]
    assert rows == [(b["code"], b["name"], b["amounts"]) for b in base["budget_lines"]]
    assert len(rows) >= 90


@pytest.mark.parametrize("doc", TABLE_DOCS, ids=_ids)
def test_one_cell_per_line_keeps_every_listed_project_and_its_amount(doc: Path) -> None:
    pred, _ = extract_variant(doc, Variant("one-cell-per-line", to_single_cells))
    gold = gold_of(doc)
    assert pred is not None
    got = {p["name"]: (p["amount_wan"], p["carry_over"]) for p in pred["projects"]}
    assert got == {p["name"]: (p["amount_wan"], bool(p.get("carry_over"))) for p in gold["projects"]}


def test_one_cell_per_line_two_groups_keep_their_columns(originals: dict[str, dict[str, Any]]) -> None:
    pred, _ = extract_variant(PIPE_DOC, Variant("one-cell-per-line", to_single_cells))
    assert pred is not None
    p = next(p for p in pred["projects"] if p["name"] == "J残疾人就业保障金")
    base = next(p for p in originals[PIPE_DOC.name]["projects"] if p["name"] == "J残疾人就业保障金")
    assert [(k["column"], k["level2"], k["name"], k["value"]) for k in p["kpis"]] == [
        (k["column"], k["level2"], k["name"], k["value"]) for k in base["kpis"]
    ]


@pytest.mark.parametrize("doc", TABLE_DOCS, ids=_ids)
def test_performance_pages_alone_give_their_projects(doc: Path) -> None:
    variant = Variant("performance-pages", performance_pages, performance_only_gold)
    pred, report = extract_variant(doc, variant)
    assert report.ok, report.error
    gold = variant.gold(gold_of(doc))
    scores = figures(gold, pred)
    assert below(scores, dict.fromkeys(("projects", "amounts", "citations", "kpis"), 0.98)) == []
    assert pred is not None and len(pred["projects"]) == len(gold["projects"]) >= 6
    assert any("no project list" in f.message for f in report.findings)


@pytest.mark.parametrize("doc", ALL_DOCS, ids=_ids)
def test_another_provinces_agency(doc: Path) -> None:
    rename = replacer(RENAMES[doc.name])
    variant = Variant("renamed", rename, lambda g: map_strings(g, rename))
    pred, _ = extract_variant(doc, variant)
    gold = variant.gold(gold_of(doc))
    assert below(figures(gold, pred), FULL) == []
    assert pred is not None and pred["agency"] == gold["agency"]
    if doc.name in RENAMED_REGION:
        parts = pred["region_parts"]
        assert (parts["province"], parts["city"]) == RENAMED_REGION[doc.name]


@pytest.mark.parametrize("doc", TABLE_DOCS, ids=_ids)
def test_other_project_names_and_kpi_wording(doc: Path) -> None:
    rename = replacer(VOCABULARY)
    variant = Variant("vocabulary", rename, lambda g: map_strings(g, rename))
    pred, _ = extract_variant(doc, variant)
    assert below(figures(variant.gold(gold_of(doc)), pred), FULL) == []


@pytest.mark.parametrize("doc", ALL_DOCS, ids=_ids)
@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_encodings_extract_identically(
    doc: Path, encoding: str, originals: dict[str, dict[str, Any]]
) -> None:
    pred, report = extract_variant(doc, Variant(encoding, lambda t: t, encoding=encoding))
    assert report.ok and report.encoding is not None
    assert codecs.lookup(report.encoding).name.startswith(codecs.lookup(encoding).name[:6])
    assert pred is not None
    skip = {"encoding", "sha256"}
    assert {k: v for k, v in pred.items() if k not in skip} == {
        k: v for k, v in originals[doc.name].items() if k not in skip
    }


@pytest.mark.parametrize("doc", ALL_DOCS, ids=_ids)
def test_crlf_line_endings_extract_identically(doc: Path, originals: dict[str, dict[str, Any]]) -> None:
    pred, _ = extract_variant(doc, Variant("crlf", crlf))
    assert pred is not None
    assert {k: v for k, v in pred.items() if k != "sha256"} == {
        k: v for k, v in originals[doc.name].items() if k != "sha256"
    }


def test_prose_document_survives_layout_rewrites() -> None:
    gold = gold_of(PROSE_DOC)
    for transform in (extra_blank_lines, swap_punctuation_width, to_spaces):
        pred, _ = extract_variant(PROSE_DOC, Variant(transform.__name__, transform))
        assert below(figures(gold, pred), FULL) == [], transform.__name__
