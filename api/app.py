"""``create_app``: the FastAPI application, built explicitly (nothing is opened at import time).

``create_app(settings, graph, index)`` is the test seam: pass an open ``KnowledgeGraph`` and
``Index`` and the app uses them (the caller closes them); pass nothing and the app opens the
store and index that ``settings`` (default: ``Settings.from_env()``) choose, when it starts.

SPARQL queries run through a ``QueryRunner`` chosen here from the store's capabilities (see
:mod:`budgetkg.api.query_pool` for the concurrency model): worker processes with read-only
Oxigraph handles for the on-disk store, worker processes with an N-Quads snapshot for the
in-memory store, the remote engine itself for a ``sparql`` store.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from budgetkg import __version__
from budgetkg.config import Settings

from .errors import install_error_handlers
from .graph_access import SerializedGraph
from .middleware import StrictQueryString
from .query_pool import WorkerPool
from .query_runner import InProcessRunner, QueryRunner
from .routes import entities, health, ingest, search, sparql
from .source_texts import SourceTexts

log = logging.getLogger("budgetkg.api")
STATIC_DIR = Path(__file__).resolve().parent / "static"
DESCRIPTION = """Knowledge graph and Chinese full-text search over Chinese government budget
disclosures (部门预算公开): a read-only SPARQL 1.1 endpoint with Jena-style `text:query`,
JSON search with facets, dereferenceable entities (HTML, JSON-LD, Turtle) and the facts behind
the entity pages."""


def _query_workers() -> int:
    return max(1, int(os.environ.get("BUDGETKG_QUERY_WORKERS", str(min(4, os.cpu_count() or 2)))))


def choose_runner(settings: Settings, graph: SerializedGraph) -> QueryRunner:
    """The query runner for the store ``graph`` lives in (see the module doc)."""
    capabilities = graph.capabilities
    if capabilities.remote:
        return InProcessRunner(graph)
    if settings.store == "oxigraph" and capabilities.persistent:
        store_dir = str(settings.store_dir)
        return WorkerPool(lambda: ("disk", store_dir), _query_workers()).start()
    snapshots = settings.home / "run"
    snapshots.mkdir(parents=True, exist_ok=True)
    state: dict[str, Any] = {"generation": -1, "path": ""}

    def snapshot() -> tuple[str, str]:
        if state["generation"] != pool.generation:
            path = snapshots / f"snapshot-{os.getpid()}-{pool.generation}.nq"
            path.write_bytes(graph.export("nq") or b"")
            if state["path"]:
                Path(state["path"]).unlink(missing_ok=True)
            state.update(generation=pool.generation, path=str(path))
        return "snapshot", str(state["path"])

    pool = WorkerPool(snapshot, _query_workers())
    snapshot()
    return pool.start()


def create_app(
    settings: Settings | None = None,
    graph: Any = None,
    index: Any = None,
    *,
    runner: QueryRunner | None = None,
    ingest_token: str | None = None,
) -> FastAPI:
    """The application. ``graph``/``index``/``runner`` default to what ``settings`` choose."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned: list[Any] = []
        if settings is None:
            app.state.settings = Settings.from_env()
        app.state.settings.ensure_dirs()
        if graph is None:
            from budgetkg.graph import KnowledgeGraph

            opened = KnowledgeGraph.open(app.state.settings)
            owned.append(opened)
            app.state.graph = SerializedGraph(opened)
        if index is None:
            from budgetkg.search import open_index

            opened_index = open_index(app.state.settings)
            owned.append(opened_index)
            app.state.index = opened_index
        app.state.sources = SourceTexts(app.state.settings.home / "sources")
        app.state.runner = runner or choose_runner(app.state.settings, app.state.graph)
        log.info("service started", extra={"runner": type(app.state.runner).__name__})
        try:
            yield
        finally:
            app.state.runner.close()
            for resource in reversed(owned):
                resource.close()

    app = FastAPI(
        title="budgetkg",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        openapi_tags=[
            {"name": "SPARQL", "description": "SPARQL 1.1 Protocol, read-only, with text:query"},
            {"name": "Search", "description": "full-text search (jieba + whoosh)"},
            {"name": "Entities", "description": "dereferenceable entities and their facts"},
            {"name": "Ingest", "description": "load documents (off unless a token is set)"},
            {"name": "Service", "description": "health"},
        ],
    )
    app.state.settings = settings
    app.state.graph = None if graph is None else SerializedGraph(graph)
    app.state.index = index
    app.state.runner = runner
    if settings is not None:
        app.state.sources = SourceTexts(settings.home / "sources")
    token = ingest_token if ingest_token is not None else os.environ.get("BUDGETKG_INGEST_TOKEN")
    app.state.ingest_token = token or None
    install_error_handlers(app)
    app.add_middleware(StrictQueryString)
    for module in (health, sparql, search, ingest):
        app.include_router(module.router)
    _include_ui(app)
    app.include_router(entities.router)  # last: its IRI paths must not shadow other routes
    if STATIC_DIR.is_dir():
        app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    return app


def _include_ui(app: FastAPI) -> None:
    try:
        from .routes import ui
    except ImportError as exc:  # the web UI is optional: the API works without it
        log.warning("web UI not available: %s", exc)
        return
    app.include_router(ui.router)
