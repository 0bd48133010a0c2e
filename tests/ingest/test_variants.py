"""The extractor on other layouts, names, encodings and damage: sample documents rewritten.

Every variant of :mod:`ingest_variants` is extracted and scored against the gold (rewritten
where names change) with the project's own evaluation, within the floors stated here.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any

import pytest
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

from budgetkg.ingest import extract_bytes, to_gold_json

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
    PIPE_DOC.name: ("广西壮族自治区", "南宁市", None),
    TAB_HEADINGS_DOC.name: ("江苏省", "苏州市", None),
    WATERMARK_DOC.name: ("广西壮族自治区", "钦州市", "灵山县"),
    MANY_PROJECTS_DOC.name: ("广西壮族自治区", "南宁市", None),
    # 西湖区 is in 杭州市 and in 南昌市, and the prose names neither city nor province (the
    # original names only 曾都区): the county alone, with a warning, never a guessed city
    PROSE_DOC.name: (None, None, "西湖区"),
}
# one sentence naming a city, a province or a document number settles the 西湖区 of the prose
PROSE_REGION_EVIDENCE = [
    ("本预算按杭州市财政局的部署编制。", ("浙江省", "杭州市", "西湖区")),
    ("本预算依据浙财预〔2025〕12号文件编制。", ("浙江省", "杭州市", "西湖区")),
    ("本预算按浙江省财政厅的部署编制。", ("浙江省", "杭州市", "西湖区")),
    ("本预算依据赣财预〔2025〕12号文件编制。", ("江西省", "南昌市", "西湖区")),
    ("本预算按南昌市财政局的部署编制。", ("江西省", "南昌市", "西湖区")),
]
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
    gold = gold_of(doc)
    assert below(figures(gold, pred), floors) == []
    assert pred is not None
    assert (pred["staff"], pred["budget_units"]) == (gold["staff"], gold["budget_units"])


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
def test_one_cell_per_line_budget_tables_keep_codes_names_and_totals(
    doc: Path, originals: dict[str, dict[str, Any]]
) -> None:
    pred, report = extract_variant(doc, Variant("one-cell-per-line", to_single_cells))
    assert pred is not None
    base = [b for b in originals[doc.name]["budget_lines"] if b["classification"] == "functional"]
    rows = pred["budget_lines"]
    assert len(rows) == len(base) >= 60
    assert [(b["table"], b["code"], b["name"]) for b in rows] == [
        (b["table"], b["code"], b["name"]) for b in base
    ]
    # empty cells are lost in this layout: the first (total) column is always kept and right
    assert [next(iter(b["amounts"].items())) for b in rows] == [
        next(iter(b["amounts"].items())) for b in base
    ]
    for b in rows:
        original = next(o for o in base if (o["table"], o["code"]) == (b["table"], b["code"]))
        assert b["amounts"].items() <= original["amounts"].items()
    unparsed = [f for f in report.findings if f.severity == "unparsed" and f.span is not None]
    partial = [f for f in unparsed if "fewer amounts than columns" in f.message]
    assert len(partial) == 3
    unread = [f for f in unparsed if f.message.startswith("budget table written one cell per line not read")]
    assert any("经济" in f.message or "基本支出" in f.message for f in unread)
    assert any("收支总表" in f.message for f in unread)
    assert all(f.span.end - f.span.start >= 10 for f in unread)


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
    assert (pred["staff"], pred["budget_units"]) == (gold["staff"], gold["budget_units"])
    parts = pred["region_parts"]
    assert (parts["province"], parts["city"], parts["county"]) == RENAMED_REGION[doc.name]


def test_ambiguous_county_is_reported_with_its_namesakes() -> None:
    rename = replacer(RENAMES[PROSE_DOC.name])
    _, report = extract_variant(PROSE_DOC, Variant("renamed", rename))
    warnings = [f.message for f in report.findings if f.severity == "warning" and "region" in f.message]
    assert len(warnings) == 1
    assert "浙江省杭州市西湖区" in warnings[0] and "江西省南昌市西湖区" in warnings[0]


@pytest.mark.parametrize(("sentence", "region"), PROSE_REGION_EVIDENCE)
def test_namesake_county_settled_by_what_the_text_names(sentence: str, region: tuple[str, str, str]) -> None:
    rename = replacer(RENAMES[PROSE_DOC.name])
    pred, report = extract_variant(PROSE_DOC, Variant("evidence", lambda t: rename(t) + sentence + "\n"))
    assert pred is not None
    parts = pred["region_parts"]
    assert (parts["province"], parts["city"], parts["county"]) == region
    assert not [f for f in report.findings if "region" in f.message]


@pytest.mark.parametrize("doc", ALL_DOCS, ids=_ids)
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
