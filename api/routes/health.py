"""``/healthz``: the service is up, with what it holds."""

from __future__ import annotations

from fastapi import APIRouter, Request

from budgetkg import __version__

from ..deps import GraphDep, IndexDep, SettingsDep
from ..models import Health

router = APIRouter(tags=["Service"])


@router.get("/healthz", response_model=Health)
def healthz(request: Request, graph: GraphDep, index: IndexDep, settings: SettingsDep) -> Health:
    """Liveness and a summary: store backend, quads, documents, indexed entities, query runner."""
    return Health(
        version=__version__,
        store=settings.store,
        quads=graph.quad_count(),
        documents=len(graph.documents()),
        index_documents=len(index),
        query_runner=type(request.app.state.runner).__name__,
    )
