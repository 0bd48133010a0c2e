"""``budgetkg search`` (ranked hits from the full-text index) and ``budgetkg reindex``."""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from typing import TYPE_CHECKING

from budgetkg.config import STORE_KINDS, Settings

if TYPE_CHECKING:
    from budgetkg.graph import KnowledgeGraph

_MARK = re.compile(r"</?mark>")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from budgetkg.search import DOC_TYPES, SORTS

    p = sub.add_parser(
        "search",
        help="full-text search over projects, regulations, agencies and KPIs",
        description='Search the index (Chinese words, "phrases", AND/OR/NOT, field:value, '
        "amount:[10 TO 100]). Exits 2 with a message on malformed query syntax.",
    )
    p.add_argument("query", metavar="QUERY", help="e.g. 维稳经费, or agency:大同市信访局 AND 维稳")
    p.add_argument("--json", action="store_true", help="print a JSON document instead of a table")
    p.add_argument("--limit", type=int, default=10, metavar="N", help="hits per page (default 10)")
    p.add_argument("--page", type=int, default=1, metavar="N", help="page number (default 1)")
    p.add_argument("--type", action="append", choices=DOC_TYPES, help="only this type (repeatable)")
    p.add_argument("--agency", action="append", metavar="NAME", help="only this agency (repeatable)")
    p.add_argument("--region", action="append", metavar="NAME", help="only this region (repeatable)")
    p.add_argument("--year", action="append", type=int, metavar="YEAR", help="only this year (repeatable)")
    p.add_argument("--level", action="append", metavar="LEVEL", help="only KPIs of this 一级指标")
    p.add_argument("--min-amount", type=float, metavar="WAN", help="amount at least (万元)")
    p.add_argument("--max-amount", type=float, metavar="WAN", help="amount at most (万元)")
    p.add_argument("--sort", choices=SORTS, default="relevance", help="order of hits (default relevance)")
    p.set_defaults(func=run_search)

    r = sub.add_parser(
        "reindex",
        help="rebuild the search index from the graph and swap it in atomically",
        description="Build a new index from every entity in the graph; searches keep using the old "
        "index until the new one is complete.",
    )
    r.add_argument(
        "--store", choices=STORE_KINDS, help="store backend (default: $BUDGETKG_STORE or oxigraph)"
    )
    r.set_defaults(func=run_reindex)


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(home=getattr(args, "home", None), store=getattr(args, "store", None))


def run_search(args: argparse.Namespace) -> int:
    from budgetkg.search import open_index

    filters = {
        "type": args.type,
        "agency": args.agency,
        "region": args.region,
        "year": args.year,
        "level": args.level,
        "amount_min": args.min_amount,
        "amount_max": args.max_amount,
    }
    index = open_index(_settings(args))
    result = index.search(
        args.query,
        filters={k: v for k, v in filters.items() if v is not None},
        page=args.page,
        page_size=args.limit,
        sort=args.sort,
    )
    if args.json:
        json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    print(f"{result.total} match(es) for {result.query!r}; page {result.page} of {result.pages}")
    first = (result.page - 1) * result.page_size
    for rank, hit in enumerate(result.hits, first + 1):
        facts = " · ".join(
            str(part)
            for part in (
                hit.type,
                hit.agency,
                hit.year,
                f"{hit.amount:g} 万元" if hit.amount is not None else None,
            )
            if part not in (None, "")
        )
        print(f"{rank:3}. {hit.label}  [{facts}]  score {hit.score:.2f}")
        if hit.snippet:
            marked = _MARK.sub(lambda m: "】" if m.group().startswith("</") else "【", hit.snippet)
            print(f"     {html.unescape(marked)}")
        print(f"     {hit.iri}")
    return 0


def run_reindex(args: argparse.Namespace) -> int:
    from budgetkg.search import open_index, rebuild_from_graph

    settings = _settings(args)
    graph = _open_graph(settings)
    try:
        count = rebuild_from_graph(graph, open_index(settings))
    finally:
        graph.close()
    print(f"indexed {count} document(s) into {settings.index_dir}", file=sys.stderr)
    return 0


def _open_graph(settings: Settings) -> KnowledgeGraph:
    from budgetkg.graph import KnowledgeGraph

    return KnowledgeGraph.open(settings)
