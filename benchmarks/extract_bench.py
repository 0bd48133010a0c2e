"""Extraction speed over the sample corpus and the held-out documents: documents/s, median of several runs.

python benchmarks/extract_bench.py [--runs 7] [--write BENCHMARKS.md]
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc
from pathlib import Path

from _table import replace_section

from budgetkg.config import SAMPLE_CORPUS
from budgetkg.ingest import extract_bytes

HELDOUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "heldout"


def measure(files: list[Path], runs: int) -> dict[str, str]:
    """One column of the table: ``runs`` timed passes over ``files``, then one traced pass."""
    blobs = [(f.name, f.read_bytes()) for f in files]
    total_bytes = sum(len(b) for _, b in blobs)
    extract_bytes(*reversed(blobs[0]))  # warm-up: imports, data tables
    times: list[float] = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for name, data in blobs:
            extract_bytes(data, name)
        times.append(time.perf_counter() - t0)
    tracemalloc.start()
    for name, data in blobs:
        extract_bytes(data, name)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    med = statistics.median(times)
    return {
        "documents": f"{len(blobs)} ({total_bytes / 1024:.0f} KiB)",
        "runs": str(runs),
        "median time per pass": f"{med * 1000:.0f} ms",
        "fastest / slowest pass": f"{min(times) * 1000:.0f} / {max(times) * 1000:.0f} ms",
        "documents/s (median)": f"{len(blobs) / med:.1f}",
        "KiB/s (median)": f"{total_bytes / 1024 / med:.0f}",
        "peak Python memory of one pass": f"{peak / 2**20:.1f} MiB",
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--write", type=Path, help="update this Markdown file's '## Extraction' section")
    args = ap.parse_args()

    columns = {
        "sample corpus": measure(sorted(SAMPLE_CORPUS.glob("*.txt")), args.runs),
        "held-out sets": measure(sorted(HELDOUT.glob("*/docs/*.txt")), args.runs),
    }
    names = list(columns)
    measures = list(columns[names[0]])
    table = f"| measure | {' | '.join(names)} |\n| --- |{' --- |' * len(names)}\n" + "\n".join(
        f"| {m} | {' | '.join(columns[n][m] for n in names)} |" for m in measures
    )
    print(table)
    if args.write:
        replace_section(
            args.write,
            "Extraction",
            "`python benchmarks/extract_bench.py --write BENCHMARKS.md`: the sample corpus and the "
            "held-out documents (tests/data/heldout) extracted in-process, median of several passes.\n\n"
            + table,
        )


if __name__ == "__main__":
    main()
