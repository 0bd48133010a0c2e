"""``budgetkg ingest | export | query | validate``: the graph stage on the command line.

Every command opens the store the settings choose (``--home``, ``--store`` or the
``BUDGETKG_*`` environment), and closes it before returning.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from budgetkg.config import QUERIES_DIR, STORE_KINDS, Settings
from budgetkg.errors import QueryError
from budgetkg.graph import EXPORT_FORMATS, FileOutcome, KnowledgeGraph, QueryResult
from budgetkg.graph.named import parse_named_query
from budgetkg.pipeline import ingest_files, sources_dir

from .progress import progress

_QUERY_FORMATS = ("table", "csv", "tsv", "json", "xml")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "ingest",
        help="extract disclosures and load them into the graph",
        description="Extract each FILE and load it into its own named graph. An unchanged file is skipped, "
        "a changed one replaces its graph; a file that cannot be read is reported and the rest go on. "
        "Exits non-zero only when files were given and none could be loaded or was already loaded.",
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    _store_option(p)
    p.set_defaults(func=run_ingest)

    p = sub.add_parser("export", help="write the whole graph as RDF", description=_export_help())
    p.add_argument("--format", required=True, choices=sorted(EXPORT_FORMATS), help="RDF serialization")
    p.add_argument("--out", type=Path, metavar="FILE", help="output file (default: standard output)")
    _store_option(p)
    p.set_defaults(func=run_export)

    p = sub.add_parser(
        "query",
        help="run a SPARQL query file (e.g. queries/*.rq)",
        description="Run the SPARQL query in FILE ('-' for standard input; a bare name runs queries/NAME.rq). "
        "Parameters declared in the file's '# @param' lines are filled with --param name=value.",
    )
    p.add_argument("file", metavar="FILE.rq|-|NAME")
    p.add_argument("--format", default="table", choices=_QUERY_FORMATS, help="output format (default: table)")
    p.add_argument(
        "--param", action="append", default=[], metavar="NAME=VALUE", help="fill $NAME (repeatable)"
    )
    p.add_argument(
        "--timeout", type=float, metavar="SECONDS", help="query time limit (default: from settings)"
    )
    _store_option(p)
    p.set_defaults(func=run_query)

    p = sub.add_parser(
        "validate",
        help="check the graph against the SHACL shapes",
        description="Validate the union of all document graphs against ontology/shapes.ttl with pyshacl. "
        "Exits 1 when the graph does not conform.",
    )
    _store_option(p)
    p.set_defaults(func=run_validate)


def _store_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store", choices=STORE_KINDS, help="store backend (default: $BUDGETKG_STORE or oxigraph)"
    )


def _export_help() -> str:
    kinds = ", ".join(
        f"{k} ({'keeps named graphs' if keep else 'union of all graphs'})"
        for k, (_, _, keep) in EXPORT_FORMATS.items()
    )
    return f"Serialize every quad of the store. Formats: {kinds}."


def open_graph(args: argparse.Namespace) -> KnowledgeGraph:
    """The knowledge graph of the settings the global and command options give."""
    settings = Settings.from_env(home=args.home, store=getattr(args, "store", None))
    settings.ensure_dirs()
    return KnowledgeGraph.open(settings)


# ---------------------------------------------------------------------- ingest


def describe_outcome(outcome: FileOutcome) -> str:
    """One line per file for the ingest report."""
    name = outcome.path.name
    if outcome.status == "failed":
        return f"failed     {name}: {outcome.reason}"
    result = outcome.result
    if result is None:
        return f"{outcome.status:<10} {name}"
    if outcome.status == "unchanged":
        return f"unchanged  {name}: {outcome.reason} ({result.triples} triples)"
    extra = (
        f", {len(result.skipped)} record(s) not mapped: {'; '.join(result.skipped)}" if result.skipped else ""
    )
    return f"{result.status:<10} {name}: {result.triples} triples (was {result.previous_triples}){extra}"


def run_ingest(args: argparse.Namespace) -> int:
    settings = Settings.from_env(home=args.home, store=getattr(args, "store", None))
    settings.ensure_dirs()
    with KnowledgeGraph.open(settings) as graph:
        files = progress(args.files, total=len(args.files), desc="ingest")
        batch = ingest_files(graph, settings, files, sources_dir(settings))
        for outcome in batch.outcomes:
            print(describe_outcome(outcome), file=sys.stderr)
        counts = {s: batch.count(s) for s in ("loaded", "unchanged", "failed")}
        print(
            f"loaded {counts['loaded']}, unchanged {counts['unchanged']}, failed {counts['failed']} "
            f"of {len(batch.outcomes)} file(s); {len(batch.changed)} document graph(s) changed; "
            f"{batch.indexed} search document(s) written; the store holds {graph.quad_count()} quads",
            file=sys.stderr,
        )
        if batch.index_error:
            print(
                f"budgetkg: search index not updated: {batch.index_error}; run `budgetkg reindex`",
                file=sys.stderr,
            )
    return 0 if counts["loaded"] + counts["unchanged"] else 1


# ---------------------------------------------------------------------- export / validate


def run_export(args: argparse.Namespace) -> int:
    with open_graph(args) as graph:
        if args.out:
            with args.out.open("wb") as out:
                graph.export(args.format, out)
            print(f"wrote {graph.quad_count()} quads as {args.format} to {args.out}", file=sys.stderr)
        else:
            graph.export(args.format, sys.stdout.buffer)
    return 0


def run_validate(args: argparse.Namespace) -> int:
    with open_graph(args) as graph:
        report = graph.validate()
    print(report.summary())
    return 0 if report.conforms else 1


# ---------------------------------------------------------------------- query


def _query_text(args: argparse.Namespace) -> tuple[str, str]:
    """(name, text) of the query FILE names: '-' is stdin; a bare name is a named query."""
    if args.file == "-":
        return "stdin", sys.stdin.read()
    path = Path(args.file)
    if path.is_file():
        return path.stem, path.read_text(encoding="utf-8")
    named = QUERIES_DIR / f"{args.file}.rq"
    if "/" not in args.file and named.is_file():
        return args.file, named.read_text(encoding="utf-8")
    raise QueryError(f"no query file {args.file!r}")


def _params(pairs: Sequence[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise QueryError(f"--param takes NAME=VALUE, not {pair!r}")
        params[name.strip()] = value
    return params


def format_result(result: QueryResult, fmt: str) -> str:
    """The result as the CLI prints it: a table, or a SPARQL results / RDF serialization."""
    if fmt == "table":
        return result.table()
    if result.kind == "construct":
        return result.serialize(
            {"json": "json-ld", "xml": "xml"}.get(fmt, "nt" if fmt in ("csv", "tsv") else fmt)
        ).decode()
    if fmt == "json":
        return json.dumps(json.loads(result.serialize("json")), ensure_ascii=False, indent=1)
    return result.serialize(fmt).decode("utf-8")


def run_query(args: argparse.Namespace) -> int:
    name, text = _query_text(args)
    params = _params(args.param)
    if params or "@param" in text:
        text = parse_named_query(name, text).bind(params)
    with open_graph(args) as graph:
        result = graph.query(text, timeout=args.timeout)
    text = format_result(result, args.format)
    print(text, end="" if text.endswith("\n") else "\n")
    if result.truncated:
        print(f"(result cut at {len(result.rows)} rows)", file=sys.stderr)
    return 0
