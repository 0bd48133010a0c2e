"""The one place where errors become HTTP responses.

``budgetkg.errors`` (the project's exception tree) and :class:`ProtocolError` (HTTP-level
problems: 404, 405, 406, 413, 415...) are mapped to status codes here and nowhere else; routes
raise, they never build error responses. The body is always :class:`~budgetkg.api.models.ErrorBody`.

=========================  ======  ==================================================
error                      status  why
=========================  ======  ==================================================
QuerySyntaxError           400     SPARQL 1.1 Protocol: not a legal query string
QueryRefusedError          403     update, SERVICE, LOAD: the endpoint is read-only
QueryTimeoutError          503     stopped at the time limit (or all workers busy)
QueryError                 400     the query failed on its own terms
SearchError (and Syntax)   400     malformed search syntax, bad filter, page or sort
IngestError                422     the document could not be read or understood
StoreError                 503     the store is unavailable
ProtocolError              its own
=========================  ======  ==================================================
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from budgetkg.errors import (
    BudgetKGError,
    IngestError,
    QueryError,
    QueryRefusedError,
    QuerySyntaxError,
    QueryTimeoutError,
    SearchError,
    StoreError,
)

log = logging.getLogger("budgetkg.api")

STATUS: tuple[tuple[type[BudgetKGError], int], ...] = (
    (QuerySyntaxError, 400),
    (QueryRefusedError, 403),
    (QueryTimeoutError, 503),
    (QueryError, 400),
    (SearchError, 400),
    (IngestError, 422),
    (StoreError, 503),
)


class ProtocolError(Exception):
    """An HTTP-level problem with a request: its status code and a message for the client."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def status_of(exc: BaseException) -> int:
    """The HTTP status of an error of the project's tree.

    >>> status_of(QueryTimeoutError("slow")), status_of(QueryRefusedError("update"))
    (503, 403)
    """
    if isinstance(exc, ProtocolError):
        return exc.status
    for kind, status in STATUS:
        if isinstance(exc, kind):
            return status
    return 500


def error_response(
    status: int, kind: str, message: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse({"error": kind, "status": status, "message": message}, status, headers=headers)


async def _handle(request: Request, exc: Exception) -> JSONResponse:
    status = status_of(exc)
    message = exc.message if isinstance(exc, ProtocolError) else str(exc)
    headers = exc.headers if isinstance(exc, ProtocolError) else None
    if status == 503 and isinstance(exc, QueryTimeoutError):
        headers = {"Retry-After": "1"}
    level = logging.ERROR if status >= 500 and not isinstance(exc, QueryTimeoutError) else logging.INFO
    log.log(
        level,
        "request refused",
        extra={"path": request.url.path, "status": status, "error": type(exc).__name__, "detail": message},
    )
    return error_response(status, type(exc).__name__, message, headers)


def install_error_handlers(app: FastAPI) -> None:
    """Register the one handler for the project's errors and HTTP-level protocol errors."""
    app.add_exception_handler(BudgetKGError, _handle)
    app.add_exception_handler(ProtocolError, _handle)
