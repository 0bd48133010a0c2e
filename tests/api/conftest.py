"""A live ``budgetkg serve`` on a free loopback port, and an in-process graph to compare with.

The server gets a fresh data directory (so it ingests the bundled sample corpus on first start),
a 2 s query time limit, two query workers and an ingest token. The reference graph is the same
corpus loaded in this process into rdflib's in-memory store: the rows the server returns must
equal the rows this graph returns.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from budgetkg.config import SAMPLE_CORPUS
from budgetkg.graph import KnowledgeGraph, MemoryStore, load_files

from ..live_process import free_port, running

QUERY_TIMEOUT_S = 2.0
INGEST_TOKEN = "test-token-0123456789"
STARTUP_TIMEOUT_S = 180.0
BASE_IRI = "http://budgetkg.example.org/"
STABILITY_PROJECTS = {"Z维稳工作经费-1", "Z维稳工作经费-2", "QT维稳工作经费-3", "信访劝返维稳经费"}


@dataclass(frozen=True)
class LiveServer:
    url: str
    home: Path
    log: Path

    def get_json(self, path: str) -> dict[str, object]:
        with urllib.request.urlopen(self.url + path, timeout=30) as response:
            return json.loads(response.read())  # type: ignore[no-any-return]

    def quads(self) -> int:
        return int(self.get_json("/healthz")["quads"])  # type: ignore[call-overload]


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    home = tmp_path_factory.mktemp("api-home")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = home / "server.log"
    env = {
        **os.environ,
        "BUDGETKG_HOME": str(home),
        "BUDGETKG_QUERY_TIMEOUT": str(QUERY_TIMEOUT_S),
        "BUDGETKG_QUERY_WORKERS": "2",
        "BUDGETKG_INGEST_TOKEN": INGEST_TOKEN,
    }
    env.pop("BUDGETKG_STORE", None)
    command = [sys.executable, "-m", "budgetkg.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    with running(command, url + "/healthz", log, startup_timeout=STARTUP_TIMEOUT_S, env=env, cwd=home):
        yield LiveServer(url, home, log)


@pytest.fixture(scope="session")
def reference() -> Iterator[KnowledgeGraph]:
    """The sample corpus in an in-process, in-memory graph."""
    graph = KnowledgeGraph(MemoryStore())
    outcomes = load_files(graph, sorted(SAMPLE_CORPUS.glob("*.txt")))
    assert [o.status for o in outcomes] == ["loaded"] * len(outcomes)
    yield graph
    graph.close()
