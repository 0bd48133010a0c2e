"""Settings: one data directory holds all state (store, index, logs).

The directory comes from ``--home``, else ``BUDGETKG_HOME``, else ``~/.budgetkg``.
Nothing here is read at import time; callers build a :class:`Settings` explicitly.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CORPUS = REPO_ROOT / "data" / "corpus"
QUERIES_DIR = REPO_ROOT / "queries"

DEFAULT_BASE_IRI = "http://budgetkg.example.org/"
STORE_KINDS = ("oxigraph", "memory", "sparql")


@dataclass(frozen=True)
class Settings:
    """Everything a process needs to open the store and the index."""

    home: Path = field(default_factory=lambda: Path.home() / ".budgetkg")
    store: str = "oxigraph"  # one of STORE_KINDS
    base_iri: str = DEFAULT_BASE_IRI
    query_endpoint: str | None = None  # store == "sparql"
    update_endpoint: str | None = None
    query_timeout_s: float = 10.0
    result_cap: int = 10_000

    @classmethod
    def from_env(cls, home: str | Path | None = None, **overrides: object) -> Settings:
        env = os.environ
        base = cls(
            home=Path(home or env.get("BUDGETKG_HOME") or Path.home() / ".budgetkg").expanduser(),
            store=env.get("BUDGETKG_STORE", "oxigraph"),
            base_iri=env.get("BUDGETKG_BASE_IRI", DEFAULT_BASE_IRI),
            query_endpoint=env.get("BUDGETKG_QUERY_ENDPOINT"),
            update_endpoint=env.get("BUDGETKG_UPDATE_ENDPOINT"),
            query_timeout_s=float(env.get("BUDGETKG_QUERY_TIMEOUT", "10")),
            result_cap=int(env.get("BUDGETKG_RESULT_CAP", "10000")),
        )
        clean = {k: v for k, v in overrides.items() if v is not None}
        settings = replace(base, **clean)  # type: ignore[arg-type]
        if settings.store not in STORE_KINDS:
            raise ValueError(f"unknown store {settings.store!r}; choose one of {', '.join(STORE_KINDS)}")
        return settings

    @property
    def store_dir(self) -> Path:
        return self.home / "store"

    @property
    def index_dir(self) -> Path:
        return self.home / "index"

    @property
    def log_dir(self) -> Path:
        return self.home / "logs"

    def ensure_dirs(self) -> None:
        for path in (self.home, self.log_dir):
            path.mkdir(parents=True, exist_ok=True)
