"""schemathesis hooks for the fuzz test: how to send an ``application/sparql-query`` body."""

from __future__ import annotations

from typing import Any

import schemathesis


@schemathesis.serializer("application/sparql-query")
def sparql_query(ctx: Any, value: Any) -> dict[str, Any]:
    return {"data": value if isinstance(value, bytes) else str(value).encode("utf-8")}
