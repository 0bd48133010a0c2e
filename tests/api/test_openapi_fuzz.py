"""schemathesis over the live server's OpenAPI schema: no request it generates gets a 5xx."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from budgetkg.config import REPO_ROOT

from .conftest import LiveServer

MAX_EXAMPLES = 25
TIME_BUDGET_S = 100


def test_schemathesis_finds_no_server_error(live: LiveServer) -> None:
    found = shutil.which("schemathesis") or str(Path(sys.executable).with_name("schemathesis"))
    command = [
        found,
        "run",
        f"{live.url}/openapi.json",
        "--checks",
        "not_a_server_error",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--max-time",
        str(TIME_BUDGET_S),
        "--request-timeout",
        "30",
        "--generation-deterministic",
        "--exclude-path",
        "/ingest",
    ]
    env = {**os.environ, "SCHEMATHESIS_HOOKS": "tests.api.schemathesis_hooks", "PYTHONPATH": str(REPO_ROOT)}
    run = subprocess.run(
        command, capture_output=True, text=True, timeout=TIME_BUDGET_S + 120, env=env, cwd=REPO_ROOT
    )
    report = run.stdout[-6000:] + run.stderr[-2000:]
    assert run.returncode == 0, report
    counts = re.search(r"(\d+) generated, (\d+) passed", report)
    assert counts and counts.group(1) == counts.group(2) and int(counts.group(1)) > 500, report
    print(report)  # the warnings schemathesis gives stay visible with -s
