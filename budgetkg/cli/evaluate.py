"""``budgetkg evaluate``: extract documents and score them against gold records."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from budgetkg.ingest import Evaluation, extract_file, format_evaluation, to_gold_json

from .progress import progress


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "evaluate",
        help="score the extractor against gold records",
        description="Extract each FILE and score it against DIR/<stem>.json (the gold schema): "
        "projects, amounts, legal bases, citations, KPIs, department KPIs, duties and header, "
        "each with recall and precision. A FILE ending in .json is taken as an extraction "
        "already made. Exits 1 when a --min floor is not met, 2 on unusable input.",
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument(
        "--gold", required=True, type=Path, metavar="DIR", help="directory of gold <stem>.json files"
    )
    p.add_argument("--json", action="store_true", help="print the figures as JSON instead of a table")
    p.add_argument(
        "--min",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="floor for an overall figure, e.g. projects.recall=0.98; a bare metric (duties=0.9) "
        "sets recall and precision",
    )
    p.set_defaults(func=run)


def _floors(specs: list[str]) -> dict[str, float]:
    floors = {}
    for spec in specs:
        key, sep, value = spec.partition("=")
        try:
            floors[key.strip()] = float(value)
        except ValueError:
            sep = ""
        if not sep:
            raise SystemExit(f"budgetkg evaluate: error: --min wants KEY=NUMBER, got {spec!r}")
    return floors


def _prediction(path: Path) -> dict[str, Any] | None:
    if path.suffix.lower() == ".json":
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return data
    disclosure, report = extract_file(path)
    if disclosure is None:
        print(f"{path.name}: error: {report.error}", file=sys.stderr)
        return None
    return to_gold_json(disclosure)


def run(args: argparse.Namespace) -> int:
    floors = _floors(args.min)
    evaluation = Evaluation()
    for path in progress(args.files, total=len(args.files), desc="evaluate"):
        gold_path = args.gold / f"{path.stem}.json"
        if not gold_path.is_file():
            print(f"{path.name}: no gold record {gold_path}; skipped", file=sys.stderr)
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        evaluation.add(path.stem, gold, _prediction(path))
    if not evaluation.documents:
        print("budgetkg evaluate: error: no FILE has a gold record", file=sys.stderr)
        return 2
    try:
        failed = evaluation.below(floors)
    except KeyError as exc:
        print(f"budgetkg evaluate: error: {exc.args[0]}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({"figures": evaluation.figures(), "failed": failed}, ensure_ascii=False, indent=1))
    else:
        print(format_evaluation(evaluation))
        print(("FAIL " + " ".join(failed)) if failed else ("all floors met" if floors else ""))
    return 1 if failed else 0
