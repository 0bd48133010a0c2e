"""Start and stop a real ``oxigraph serve`` (PyPI's ``oxigraph`` package) on loopback for tests."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..live_process import free_port, running


def _oxigraph_binary() -> str:
    beside_python = Path(sys.executable).with_name("oxigraph")
    found = str(beside_python) if beside_python.exists() else shutil.which("oxigraph")
    if not found:
        raise RuntimeError("the oxigraph server binary is missing: pip install oxigraph (a dev dependency)")
    return found


@contextmanager
def oxigraph_serve(location: Path, *options: str) -> Iterator[str]:
    """Run a real ``oxigraph serve`` (with ``options``) on a free loopback port; yields its URL."""
    url = f"http://127.0.0.1:{free_port()}"
    bind = url.removeprefix("http://")
    command = [_oxigraph_binary(), "serve", "--location", str(location), "--bind", bind, *options]
    log = location.parent / f"{location.name}.log"
    with running(command, f"{url}/query?query=ASK%7B%7D", log, startup_timeout=30):
        yield url
