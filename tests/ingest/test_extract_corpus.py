"""End to end over the sample corpus: real values, encodings, bad files in a batch, the CLI."""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
from pathlib import Path

import pytest
from ingest_corpus import CORPUS, MANY_PROJECTS_DOC, PIPE_DOC, ROOT, TAB_HEADINGS_DOC, WATERMARK_DOC

from budgetkg.ingest import extract_bytes, extract_file, to_gold_json

GOLD_DIR = ROOT / "tests" / "data" / "gold"
BUDGETKG = str(Path(sys.executable).parent / "budgetkg")
NOT_A_DISCLOSURE = "春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。\n这是一首唐诗，不是预算文件。\n"


def _strip_encoding(d: dict) -> dict:  # type: ignore[type-arg]
    return {k: v for k, v in d.items() if k not in ("encoding", "sha256")}


def test_pipe_document_projects_and_totals() -> None:
    d, report = extract_file(PIPE_DOC)
    assert d is not None and report.ok
    assert len(d.projects) == 17
    assert d.budget_total_wan == 1156.95
    assert (d.basic_expenditure_wan, d.project_expenditure_wan, d.three_public_wan) == (711.58, 445.36, 3.5)
    p = next(p for p in d.projects if p.name == "Z信访工作经费")
    assert p.amount_wan == 110.2 and p.amount_yuan == 1102000
    assert "2信访工作经费" in p.alt_names
    assert any("OCR" in f.message for f in report.findings if f.severity == "reconciliation")
    assert p.span.start == 413
    assert all(k.span.start >= 925 for k in p.kpis)


def test_many_projects_most_without_performance_tables() -> None:
    d, report = extract_file(MANY_PROJECTS_DOC)
    assert d is not None
    assert len(d.projects) == 45
    assert sum(1 for p in d.projects if p.kpis) == 8
    assert any("appears again" in f.message for f in report.findings)
    oa = next(p for p in d.projects if p.name == "Z大同市政府OA协同系统运行维护费")
    assert oa.amount_yuan == 2490000 and "Z大同市人民政府OA协同系统运行维护费" in oa.alt_names


def test_carry_over_project_and_amount_matched_names() -> None:
    d, _report = extract_file(WATERMARK_DOC)
    assert d is not None
    assert [p.name for p in d.projects if p.carry_over] == ["2025年市级解决特殊疑难信访问题资金预算的通知"]
    p = next(p for p in d.projects if p.name == "农校遗留问题经费")
    assert p.alt_names == ("农村遗留问题经费",) and p.amount_yuan == 84000
    assert d.project_expenditure_wan == 223.11 and d.three_public_wan == 0


def test_citations_of_legal_basis_and_measures_carry_spans() -> None:
    d, _ = extract_file(TAB_HEADINGS_DOC)
    assert d is not None
    cites = [c for p in d.projects for c in p.citations]
    assert len(cites) >= 20
    assert all(c.span.start > 470 for c in cites)
    assert {c.field for c in cites} == {"legal_basis", "measures"}


def test_gb18030_and_utf8_bom_copies_extract_identically() -> None:
    raw = PIPE_DOC.read_bytes()
    text = raw.decode("utf-8")
    utf8, _ = extract_bytes(raw, PIPE_DOC.name)
    gb, gb_report = extract_bytes(text.encode("gb18030"), PIPE_DOC.name)
    bom, bom_report = extract_bytes(codecs.BOM_UTF8 + raw, PIPE_DOC.name)
    assert utf8 is not None and gb is not None and bom is not None
    assert gb_report.encoding == "gb18030" and bom_report.encoding == "utf-8-sig"
    assert _strip_encoding(to_gold_json(gb)) == _strip_encoding(to_gold_json(utf8))
    assert _strip_encoding(to_gold_json(bom)) == _strip_encoding(to_gold_json(utf8))


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary\xff\xfe\x00" * 64, "binary"),
        (NOT_A_DISCLOSURE.encode("utf-8"), "no budget disclosure"),
    ],
)
def test_bad_files_give_one_clear_line(data: bytes, words: str) -> None:
    d, report = extract_bytes(data, "bad.txt")
    assert d is None and not report.ok
    assert report.error is not None and words in report.error and "\n" not in report.error


def _bad_batch(tmp_path: Path) -> list[Path]:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    poem = tmp_path / "poem.txt"
    poem.write_text(NOT_A_DISCLOSURE, encoding="utf-8")
    return [empty, binary, poem]


def test_cli_extracts_the_rest_of_a_batch_with_bad_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    report_file = tmp_path / "report.json"
    files = [*_bad_batch(tmp_path), PIPE_DOC, WATERMARK_DOC]
    proc = subprocess.run(
        [BUDGETKG, "extract", *map(str, files), "--out", str(out), "--report", str(report_file)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in out.iterdir()) == [f"{PIPE_DOC.stem}.json", f"{WATERMARK_DOC.stem}.json"]
    errors = [line for line in proc.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 3
    assert any(line.startswith("empty.txt: error: empty") for line in errors)
    assert any(line.startswith("binary.txt: error: binary") for line in errors)
    assert any(line.startswith("poem.txt: error: text, but no budget disclosure") for line in errors)
    reports = json.loads(report_file.read_text(encoding="utf-8"))
    assert [r["ok"] for r in reports] == [False, False, False, True, True]
    extracted = json.loads((out / f"{PIPE_DOC.stem}.json").read_text(encoding="utf-8"))
    assert len(extracted["projects"]) == 17


def test_cli_exits_non_zero_when_no_file_could_be_read(tmp_path: Path) -> None:
    proc = subprocess.run(
        [BUDGETKG, "extract", *map(str, _bad_batch(tmp_path)), "--out", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert "extracted 0 of 3" in proc.stderr


def test_every_corpus_file_extracts() -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        d, report = extract_file(path)
        assert d is not None, report.error


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem[:3])
def test_budget_units_staff_and_region_match_the_gold(path: Path) -> None:
    """Units from the prose and from the project lists' unit groups, in order, each once."""
    d, _ = extract_file(path)
    assert d is not None
    gold = json.loads((GOLD_DIR / f"{path.stem}.json").read_text(encoding="utf-8"))
    assert list(d.budget_units) == gold["budget_units"]
    assert (d.staff.authorized, d.staff.actual) == (gold["staff"]["authorized"], gold["staff"]["actual"])
    assert d.region.label == gold["region"]
