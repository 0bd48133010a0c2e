"""ASGI middleware: every query string must be UTF-8 after percent-decoding (else 400).

Starlette decodes bad bytes to U+FFFD silently; a search or a SPARQL query would then run on
text the client never sent. Checked once, for every route, before routing.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from .errors import ProtocolError, error_response
from .sparql_protocol import decode_pairs


class StrictQueryString:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            try:
                decode_pairs(scope.get("query_string", b""), "the URL")
            except ProtocolError as exc:
                await error_response(exc.status, "ProtocolError", exc.message)(scope, receive, send)
                return
        await self.app(scope, receive, send)
