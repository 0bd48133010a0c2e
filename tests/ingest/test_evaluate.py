"""The project's own scorer: matching rules on small hand-made records."""

from __future__ import annotations

import json
from pathlib import Path

from budgetkg.cli import main
from budgetkg.ingest import Evaluation, score_document

GOLD_DOC = {
    "agency": "大同市信访局",
    "year": 2026,
    "budget_total_wan": 1156.95,
    "duties": ["负责处理群众来信。", "完成交办的其他任务。"],
    "projects": [
        {
            "name": "信访劝返维稳经费",
            "alt_names": ["信访劝返、维稳经费"],
            "amount_wan": 100,
            "amount_yuan": 1000000,
            "legal_basis_text": "根据《信访工作条例》设立",
            "citations": [
                {"title": "信访工作条例", "doc_number": None, "field": "legal_basis"},
                {"title": "关于印发办法的通知", "doc_number": "晋财行[2020]182号", "field": "legal_basis"},
            ],
            "kpis": [
                {"name": "信访事项复查复核法律诉", "value": "≥95%"},
                {"name": "驻京值守天数", "value": "大于300天"},
            ],
        },
        {"name": "接访中心工作经费", "amount_wan": 10},
    ],
    "department_kpis": [{"name": "接待来访群众人次", "value": "大于1850人次"}],
}


def test_a_perfect_prediction_scores_one_everywhere() -> None:
    tallies = score_document(GOLD_DOC, GOLD_DOC)
    assert {m: (t.recall, t.precision) for m, t in tallies.items()} == {m: (1.0, 1.0) for m in tallies}


def test_matching_rules() -> None:
    pred = {
        "agency": "大同市信访局",
        "year": 2026,
        "budget_total_wan": 1156.95,
        "duties": ["负责处理群众来信", "另一项"],
        "projects": [
            {
                "name": "信访劝返、维稳经费",  # an alt spelling of the gold name
                "amount_wan": 100.004,  # within ±0.011
                "amount_yuan": 999000,  # off by 1000 元
                "legal_basis_text": "根据《信访工作条例》设立",
                "citations": [
                    {"title": "《信访工作条例》", "doc_number": None},
                    {"title": None, "doc_number": "晋财行〔2020〕182号"},  # same number, other brackets
                    {"title": "中华人民共和国预算法", "doc_number": None},
                ],
                "kpis": [
                    {"name": "信访事项复查复核法律诉讼满意度", "value": "≥ 95 %"},  # prefix name
                    {"name": "驻京值守天数", "value": "大于350天"},  # other value
                ],
            },
            {"name": "不存在的项目", "kpis": [{"name": "x指标名称", "value": "1"}]},
        ],
        "department_kpis": [{"name": "接待来访群众人次", "value": "大于1850人次"}],
    }
    t = score_document(GOLD_DOC, pred)
    assert (t["projects"].found, t["projects"].gold, t["projects"].right, t["projects"].predicted) == (
        1,
        2,
        1,
        2,
    )
    assert (t["amounts"].found, t["amounts"].gold, t["amounts"].predicted) == (1, 3, 2)
    assert (t["citations"].found, t["citations"].gold, t["citations"].predicted) == (2, 2, 3)
    # the unmatched predicted project's KPI counts against precision
    assert (t["kpis"].found, t["kpis"].gold, t["kpis"].predicted) == (1, 2, 3)
    assert (t["duties"].found, t["duties"].predicted) == (1, 2)
    assert t["header"].recall == 1.0 and t["department_kpis"].recall == 1.0


def test_missing_prediction_scores_zero_and_floors_are_checked() -> None:
    evaluation = Evaluation()
    evaluation.add("doc", GOLD_DOC, None)
    assert evaluation.missing == ["doc"]
    figures = evaluation.figures()
    assert figures["projects.recall"] == 0.0 and figures["projects.precision"] == 0.0
    assert evaluation.below({"projects.recall": 0.5, "duties": 0.9}) == [
        "projects.recall=0.0000<0.5",
        "duties.recall=0.0000<0.9",
        "duties.precision=0.0000<0.9",
    ]


def test_cli_scores_prediction_files_and_enforces_floors(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    gold_dir, pred = tmp_path / "gold", tmp_path / "doc.json"
    gold_dir.mkdir()
    (gold_dir / "doc.json").write_text(json.dumps(GOLD_DOC, ensure_ascii=False), encoding="utf-8")
    pred.write_text(json.dumps(GOLD_DOC, ensure_ascii=False), encoding="utf-8")
    assert main(["evaluate", "--gold", str(gold_dir), str(pred), "--min", "projects.recall=1"]) == 0
    assert "all floors met" in capsys.readouterr().out
    half = dict(GOLD_DOC, projects=GOLD_DOC["projects"][:1])
    pred.write_text(json.dumps(half, ensure_ascii=False), encoding="utf-8")
    assert main(["evaluate", "--gold", str(gold_dir), str(pred), "--json", "--min", "projects=0.9"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["figures"]["projects.recall"] == 0.5 and out["failed"] == ["projects.recall=0.5000<0.9"]
    assert main(["evaluate", "--gold", str(gold_dir), str(pred), "--min", "nonsense.recall=1"]) == 2
