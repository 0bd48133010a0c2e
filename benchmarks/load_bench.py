"""HTTP load: 20 concurrent clients for 30 s on loopback against /search and a named SPARQL query.

Starts ``budgetkg serve`` on a free port with a fresh data directory (the sample corpus is
ingested on first start), then runs each scenario: every client sends requests back to back
for the duration. Reports errors, p50/p95 latency and requests/s into BENCHMARKS.md under
'## HTTP load'.

    .venv/bin/python benchmarks/load_bench.py [--clients 20] [--seconds 30]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _table import replace_section

from budgetkg.config import QUERIES_DIR, REPO_ROOT

SEARCH_WORDS = ("维稳经费", "信访工作条例", "满意度", "驻村", "预算法", "网络维护", "律师服务费", "办公设备")
NAMED_QUERY = "projects_regulations"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(home: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "BUDGETKG_HOME": str(home)}
    log = (home / "server.log").open("wb")
    command = [sys.executable, "-m", "budgetkg.cli", "serve", "--port", str(port)]
    proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("the server did not start; see " + str(home / "server.log"))


async def scenario(
    base: str, make_request: Callable[[httpx.AsyncClient, int], object], clients: int, seconds: float
) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    stop = time.monotonic() + seconds

    async def client(number: int) -> None:
        nonlocal errors
        async with httpx.AsyncClient(base_url=base, timeout=60) as http:
            i = number
            while time.monotonic() < stop:
                started = time.perf_counter()
                try:
                    response = await make_request(http, i)  # type: ignore[misc]
                    if response.status_code != 200:
                        errors += 1
                except httpx.HTTPError:
                    errors += 1
                latencies.append(time.perf_counter() - started)
                i += clients

    began = time.monotonic()
    await asyncio.gather(*(client(n) for n in range(clients)))
    elapsed = time.monotonic() - began
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "requests": len(latencies),
        "errors": errors,
        "p50_ms": cuts[49] * 1000,
        "p95_ms": cuts[94] * 1000,
        "rps": len(latencies) / elapsed,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "BENCHMARKS.md")
    args = parser.parse_args()
    named = (QUERIES_DIR / f"{NAMED_QUERY}.rq").read_text(encoding="utf-8")

    def search(http: httpx.AsyncClient, i: int) -> object:
        return http.get("/search", params={"q": SEARCH_WORDS[i % len(SEARCH_WORDS)]})

    def sparql(http: httpx.AsyncClient, i: int) -> object:
        return http.post(
            "/sparql",
            content=named.encode(),
            headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
        )

    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        proc = start_server(Path(tmp), port)
        try:
            base = f"http://127.0.0.1:{port}"
            results = {}
            for name, make in (("GET /search", search), (f"POST /sparql ({NAMED_QUERY}.rq)", sparql)):
                results[name] = asyncio.run(scenario(base, make, args.clients, args.seconds))
                print(name, results[name], file=sys.stderr)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    rows = [
        f"| {name} | {r['requests']:.0f} | {r['errors']:.0f} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['rps']:.1f} |"
        for name, r in results.items()
    ]
    body = (
        f"{args.clients} concurrent clients (httpx, one asyncio loop) for {args.seconds:g} s each, on loopback, "
        f"against `budgetkg serve` (Oxigraph on disk, {os.cpu_count()} CPUs, SPARQL in "
        "`min(4, CPUs)` worker processes; `benchmarks/load_bench.py`). Search cycles through "
        f"{len(SEARCH_WORDS)} queries; SPARQL sends `queries/{NAMED_QUERY}.rq` (every project with its "
        "cited regulations, GROUP BY) as `application/sparql-query`.\n\n"
        "| scenario | requests | errors | p50 ms | p95 ms | requests/s |\n|---|---:|---:|---:|---:|---:|\n"
        + "\n".join(rows)
    )
    replace_section(args.out, "HTTP load", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
