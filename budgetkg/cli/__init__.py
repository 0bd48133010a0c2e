"""The ``budgetkg`` command: one command, a subcommand per task.

Each subcommand lives in its own module with a ``register(subparsers)`` function;
this module only wires them together and maps the project's errors to exit codes.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from budgetkg import __version__
from budgetkg.errors import BudgetKGError

from . import evaluate, extract, graph_cmds, search_cmds, serve

_MODULES = (extract, evaluate, graph_cmds, search_cmds, serve)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="budgetkg",
        description="Knowledge graph and search over Chinese budget disclosures (部门预算公开).",
    )
    parser.add_argument("--version", action="version", version=f"budgetkg {__version__}")
    parser.add_argument(
        "--home",
        metavar="DIR",
        help="data directory for store, index and logs (default: $BUDGETKG_HOME or ~/.budgetkg)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in _MODULES:
        module.register(sub)
    for command in sub.choices.values():
        # `budgetkg serve --home DIR` as well as `budgetkg --home DIR serve`
        command.add_argument("--home", metavar="DIR", default=argparse.SUPPRESS, help="data directory")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except BudgetKGError as exc:
        print(f"budgetkg: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head`: stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
