"""A live budgetkg server for the browser tests: ``budgetkg serve`` on a free loopback port.

The server gets a fresh data directory, so on its first start it ingests the bundled sample
corpus (the same path as ``make serve`` on a fresh machine). Its log is kept beside the
screenshots in ``test-artifacts/ui/``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from budgetkg.config import REPO_ROOT

ARTIFACTS = REPO_ROOT / "test-artifacts" / "ui"
STARTUP_TIMEOUT_S = 240.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_up(base: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = log.read_text(encoding="utf-8", errors="replace")[-4000:]
            pytest.fail(f"budgetkg serve exited with {proc.returncode} before answering:\n{tail}")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.25)
    pytest.fail(f"budgetkg serve did not answer /healthz within {STARTUP_TIMEOUT_S:.0f} s; log: {log}")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory, artifacts: Path) -> Iterator[str]:
    """The base URL of a running ``budgetkg serve`` with the sample corpus ingested."""
    home = tmp_path_factory.mktemp("budgetkg-home")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = artifacts / "server.log"
    env = {**os.environ, "BUDGETKG_HOME": str(home)}
    entry = "import sys; from budgetkg.cli import main; sys.exit(main())"
    command = [sys.executable, "-c", entry, "serve", "--host", "127.0.0.1", "--port", str(port)]
    with log.open("wb") as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=home)
        try:
            _wait_until_up(base, proc, log)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
