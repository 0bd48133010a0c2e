"""``budgetkg extract``: documents to gold-schema JSON, with a per-file report."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from budgetkg.ingest import Report, extract_file, report_to_dict, to_gold_json
from budgetkg.ingest.report import format_report

from .progress import progress


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "extract",
        help="extract disclosures into JSON records (gold schema)",
        description="Read each FILE (any layout, any common Chinese encoding) and write OUT/<stem>.json. "
        "Goes on past a bad file; exits non-zero only when no file could be read.",
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="output directory")
    p.add_argument("--report", type=Path, metavar="FILE", help="write the per-file report as JSON")
    p.add_argument("--quiet", action="store_true", help="print errors only")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    args.out.mkdir(parents=True, exist_ok=True)
    reports: list[Report] = []
    for path in progress(args.files, total=len(args.files), desc="extract"):
        disclosure, report = extract_file(path)
        reports.append(report)
        if disclosure is not None:
            target = args.out / f"{path.stem}.json"
            target.write_text(
                json.dumps(to_gold_json(disclosure), ensure_ascii=False, indent=1), encoding="utf-8"
            )
        if not args.quiet or not report.ok:
            print(format_report(report), file=sys.stderr)
    if args.report:
        args.report.write_text(
            json.dumps([report_to_dict(r) for r in reports], ensure_ascii=False, indent=1), encoding="utf-8"
        )
    ok = sum(r.ok for r in reports)
    print(f"extracted {ok} of {len(reports)} file(s) into {args.out}", file=sys.stderr)
    return 0 if ok else 1
