"""The SPARQL 1.1 Protocol's three ways to send a query, read strictly.

* ``GET /sparql?query=...`` (plus ``default-graph-uri`` / ``named-graph-uri``, repeatable);
* ``POST`` with ``application/x-www-form-urlencoded`` (the same parameters in the body);
* ``POST`` with ``application/sparql-query`` (the query as the body; the graph parameters in
  the URL).

Every parameter must be valid UTF-8 after percent-decoding (Starlette would silently replace
bad bytes with U+FFFD); exactly one ``query``; bodies larger than ``max_body`` bytes get 413,
and SPARQL Update requests (``update=`` or ``application/sparql-update``) are refused: the
endpoint is read-only. Errors are :class:`ProtocolError` with the HTTP status the Protocol
prescribes.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote_to_bytes

from starlette.requests import Request

from budgetkg.errors import QueryRefusedError

from .errors import ProtocolError

MAX_BODY_BYTES = 1_000_000
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"


@dataclass(frozen=True)
class SparqlRequest:
    """What a client asked /sparql: made by :func:`read_sparql_request`, read by the route."""

    query: str | None  # None: no query at all (a GET without one is a service description request)
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    has_parameters: bool = False


def decode_pairs(raw: bytes, where: str) -> list[tuple[str, str]]:
    """``a=1&b=%E7%BB%B4`` as decoded pairs; ProtocolError(400) on bytes that are not UTF-8.

    >>> decode_pairs(b"query=ASK%7B%7D&x=%E7%BB%B4+%E7%A8%B3", "the URL")
    [('query', 'ASK{}'), ('x', '维 稳')]
    >>> decode_pairs(b"query=%FF", "the URL")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ...
    ProtocolError: parameter 'query' in the URL is not valid UTF-8 (percent-encode UTF-8 bytes)
    """
    pairs = []
    for part in raw.split(b"&"):
        if not part:
            continue
        name_raw, _, value_raw = part.partition(b"=")
        try:
            name = unquote_to_bytes(name_raw.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            raise ProtocolError(400, f"a parameter name in {where} is not valid UTF-8") from None
        try:
            value = unquote_to_bytes(value_raw.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            raise ProtocolError(
                400, f"parameter {name!r} in {where} is not valid UTF-8 (percent-encode UTF-8 bytes)"
            ) from None
        pairs.append((name, value))
    return pairs


async def read_body(request: Request, max_body: int = MAX_BODY_BYTES) -> bytes:
    """The request body, refusing (413) more than ``max_body`` bytes before reading them all."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > max_body:
        raise ProtocolError(413, f"request body of {declared} bytes exceeds the limit of {max_body}")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_body:
            raise ProtocolError(413, f"request body exceeds the limit of {max_body} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _media_type(request: Request) -> tuple[str, str]:
    """(media type, charset) of the request's Content-Type."""
    header = request.headers.get("content-type", "")
    media, *params = (p.strip() for p in header.split(";"))
    charset = "utf-8"
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media.lower(), charset


def _from_pairs(pairs: list[tuple[str, str]], body_query: str | None = None) -> SparqlRequest:
    names = [name for name, _ in pairs]
    if "update" in names:
        raise QueryRefusedError("SPARQL Update is not accepted: this endpoint is read-only")
    queries = [value for name, value in pairs if name == "query"]
    if body_query is not None:
        if queries:
            raise ProtocolError(400, "send the query either as the body or as 'query=', not both")
        queries = [body_query]
    if len(queries) > 1:
        raise ProtocolError(400, "exactly one 'query' parameter is allowed")
    return SparqlRequest(
        query=queries[0] if queries else None,
        default_graphs=tuple(v for n, v in pairs if n == "default-graph-uri"),
        named_graphs=tuple(v for n, v in pairs if n == "named-graph-uri"),
        has_parameters=bool(pairs) or body_query is not None,
    )


async def read_sparql_request(request: Request, max_body: int = MAX_BODY_BYTES) -> SparqlRequest:
    """The query and dataset of a GET or POST to /sparql (see the module doc)."""
    url_pairs = decode_pairs(request.scope.get("query_string", b""), "the URL")
    if request.method == "GET":
        return _from_pairs(url_pairs)
    media, charset = _media_type(request)
    if media == SPARQL_UPDATE:
        raise QueryRefusedError("SPARQL Update is not accepted: this endpoint is read-only")
    body = await read_body(request, max_body)
    if media == FORM:
        return _from_pairs(url_pairs + decode_pairs(body, "the form body"))
    if media == SPARQL_QUERY:
        if charset not in ("utf-8", "utf8"):
            raise ProtocolError(415, f"charset {charset!r} is not supported; send UTF-8")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise ProtocolError(400, "the query body is not valid UTF-8") from None
        return _from_pairs(url_pairs, text)
    raise ProtocolError(415, f"POST a query as {FORM} or {SPARQL_QUERY}, not {media or 'no content type'}")
