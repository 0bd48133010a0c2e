"""A live budgetkg server for the browser tests: ``budgetkg serve`` on a free loopback port.

The server gets a fresh data directory, so on its first start it ingests the bundled sample
corpus (the same path as ``make serve`` on a fresh machine). Its log is kept beside the
screenshots in ``test-artifacts/ui/``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from budgetkg.config import REPO_ROOT

from ..live_process import free_port, running

ARTIFACTS = REPO_ROOT / "test-artifacts" / "ui"
STARTUP_TIMEOUT_S = 240.0


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
    with running(command, base + "/healthz", log, startup_timeout=STARTUP_TIMEOUT_S, env=env, cwd=home):
        yield base
