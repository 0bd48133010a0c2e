"""``POST /ingest``: load disclosures into the running service. Off unless a token is configured.

Enabled by ``BUDGETKG_INGEST_TOKEN`` (read when the app is created); requests must carry
``Authorization: Bearer <token>``. Files are multipart uploads; each is kept, extracted, loaded
into its own named graph and indexed; the query workers then see the new graph.
"""

from __future__ import annotations

import hmac
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Header, Request, UploadFile
from starlette.concurrency import run_in_threadpool

from ..deps import GraphDep, IndexDep, RunnerDep, SourcesDep
from ..errors import ProtocolError
from ..ingest_service import ingest_paths
from ..models import ErrorBody, IngestResponse
from ..source_texts import SourceTexts

router = APIRouter(tags=["Ingest"])
MAX_FILE_BYTES = 20_000_000


def _authorize(request: Request, authorization: str | None) -> None:
    token: str | None = request.app.state.ingest_token
    if not token:
        raise ProtocolError(403, "ingest over HTTP is disabled; set BUDGETKG_INGEST_TOKEN to enable it")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ProtocolError(401, "a valid bearer token is required", {"WWW-Authenticate": "Bearer"})


@router.post(
    "/ingest",
    response_model=IngestResponse,
    responses={
        401: {"model": ErrorBody, "description": "missing or wrong bearer token"},
        403: {"model": ErrorBody, "description": "ingest is disabled on this server"},
        413: {"model": ErrorBody, "description": "a file is larger than 20 MB"},
    },
)
async def ingest(
    request: Request,
    graph: GraphDep,
    index: IndexDep,
    runner: RunnerDep,
    sources: SourcesDep,
    files: Annotated[list[UploadFile], File(description="disclosure text files (.txt, any common encoding)")],
    authorization: Annotated[str | None, Header()] = None,
) -> IngestResponse:
    """Extract and load each file (one named graph per document; unchanged files are skipped)."""
    _authorize(request, authorization)
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for upload in files:
            name = SourceTexts.check_name(Path(upload.filename or "").name)
            data = await upload.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                raise ProtocolError(413, f"{name} is larger than {MAX_FILE_BYTES} bytes")
            path = Path(tmp) / name
            path.write_bytes(data)
            paths.append(path)
        result = await run_in_threadpool(graph.locked, ingest_paths, index, sources, paths)
    runner.refresh()
    return result  # type: ignore[no-any-return]
