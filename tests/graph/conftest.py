"""Fixtures for the graph tests: the sample corpus as records, and one store per backend.

The ``store`` fixture runs each contract test on rdflib's in-memory store, on an embedded
on-disk Oxigraph and on a real ``oxigraph serve`` started here on a free loopback port.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from budgetkg.graph import KnowledgeGraph, MemoryStore, OxigraphStore, SparqlStore, Store
from budgetkg.ingest import Disclosure, extract_file

from budgetkg.config import SAMPLE_CORPUS

CORPUS_FILES = sorted(SAMPLE_CORPUS.glob("*.txt"))
BACKENDS = ("memory", "oxigraph", "remote")


@pytest.fixture(scope="session")
def corpus() -> list[Disclosure]:
    """The five sample disclosures, extracted once per test session."""
    disclosures = []
    for path in CORPUS_FILES:
        disclosure, report = extract_file(path)
        assert disclosure is not None, report.error
        disclosures.append(disclosure)
    return disclosures


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _oxigraph_binary() -> str:
    beside_python = Path(sys.executable).with_name("oxigraph")
    found = str(beside_python) if beside_python.exists() else shutil.which("oxigraph")
    if not found:
        raise RuntimeError("the oxigraph server binary is missing: pip install oxigraph (a dev dependency)")
    return found


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a real ``oxigraph serve`` on loopback, stopped at the end of the session."""
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph-server")
    log = (location.parent / "oxigraph-server.log").open("wb")
    process = subprocess.Popen(
        [_oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"oxigraph serve did not start (exit {process.poll()})") from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store of each backend."""
    backend: Store
    if request.param == "memory":
        backend = MemoryStore()
    elif request.param == "oxigraph":
        backend = OxigraphStore(tmp_path / "store")
    else:
        url = request.getfixturevalue("oxigraph_server")
        backend = SparqlStore(f"{url}/query", f"{url}/update")
        for name in backend.graph_names():
            backend.drop_graph(name)
    yield backend
    backend.close()


@pytest.fixture
def kg(store: Store) -> KnowledgeGraph:
    return KnowledgeGraph(store)


@pytest.fixture
def loaded(kg: KnowledgeGraph, corpus: list[Disclosure]) -> KnowledgeGraph:
    """A knowledge graph holding the whole sample corpus."""
    for disclosure in corpus:
        assert kg.ingest(disclosure).status == "added"
    return kg
