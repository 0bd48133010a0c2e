"""Dereferenceable entities, their facts as JSON, and the source texts they were read from.

* ``GET {IRI path}`` for IRIs under the configured base (``/project/...``, ``/regulation/...``),
  or ``GET /entity?iri=...`` for any IRI: HTML for browsers, JSON-LD, Turtle or N-Triples by
  ``Accept`` (the RDF is ``KnowledgeGraph.describe``);
* ``GET /api/entity?iri=...``: the facts the web UI renders (models in ``api/models.py``);
* ``GET /api/source/{doc}?from=&to=``: lines of a source document.
"""

from __future__ import annotations

import html
import re
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from ..deps import GraphDep, SettingsDep, SourcesDep
from ..entities import entity_facts, entity_kind, is_iri
from ..errors import ProtocolError
from ..models import EntityFacts, ErrorBody, SourceLine, SourceText
from ..negotiation import ENTITY_TYPES, GRAPH_FORMAT, choose

router = APIRouter(tags=["Entities"])

#: first path segments of the IRIs budgetkg.graph mints under the base (see graph/iris.py)
IRI_FAMILIES = ("project", "agency", "regulation", "doc", "region", "classification")
EXAMPLE_IRI = "http://budgetkg.example.org/regulation/title/信访工作条例"
_NOT_FOUND = {404: {"model": ErrorBody, "description": "the graph knows no such entity"}}
_PERCENT_RUN = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
_ENTITY_CONTENT = {media: {"schema": {"type": "string"}} for media in ENTITY_TYPES[:4]}


def iri_from_path(raw_path: str, base: str) -> str:
    """The IRI a request path names: non-ASCII percent-escapes decoded (URI -> IRI, RFC 3987),
    ASCII escapes kept as the minted IRIs write them.

    >>> iri_from_path("/regulation/title/%E4%BF%A1%E8%AE%BF%20x", "http://b.org/")
    'http://b.org/regulation/title/信访%20x'
    """

    def decode(match: re.Match[str]) -> str:
        data = bytes(int(h, 16) for h in match.group()[1:].split("%"))
        text = data.decode("utf-8", errors="strict") if _utf8(data) else None
        if text is None:
            return match.group().upper()
        return "".join(c if ord(c) > 127 else f"%{ord(c):02X}" for c in text)

    return base.rstrip("/") + _PERCENT_RUN.sub(decode, raw_path)


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _fallback_html(iri: str, turtle: str) -> str:
    """A plain page for entities without a dedicated template (KPIs, documents, regions)."""
    return (
        '<!doctype html><html lang="zh"><head><meta charset="utf-8">'
        f"<title>{html.escape(iri)}</title></head><body><h1>{html.escape(iri)}</h1>"
        f'<p><a href="/entity?iri={quote(iri, safe="")}">this page</a> · '
        f'<a href="/api/entity?iri={quote(iri, safe="")}">JSON</a></p>'
        f"<pre>{html.escape(turtle)}</pre></body></html>"
    )


def _ui_renderer() -> Any:
    try:
        from .ui import render_entity_html
    except ImportError:  # the web UI is optional: plain pages without it
        return None
    return render_entity_html


def _represent(request: Request, graph: GraphDep, sources: SourcesDep, iri: str) -> Response:
    media = choose(request.headers.get("accept"), ENTITY_TYPES)
    if media is None:
        raise ProtocolError(406, f"an entity is available as {', '.join(ENTITY_TYPES)}")
    description = graph.describe(iri)
    if not len(description):
        raise ProtocolError(404, f"the graph knows nothing about {iri}")
    headers = {"Vary": "Accept", "Link": f'</entity?iri={quote(iri, safe="")}>; rel="canonical"'}
    if media != "text/html":
        body = description.serialize(format=GRAPH_FORMAT[media], encoding="utf-8")
        return Response(body, media_type=media, headers=headers)
    render = _ui_renderer()
    kind = graph.locked(entity_kind, iri)
    if render is None or kind is None:
        turtle = description.serialize(format="turtle")
        return HTMLResponse(_fallback_html(iri, turtle), headers=headers)

    def lookup(other: str) -> Any:
        try:
            return graph.locked(entity_facts, other, sources)
        except ProtocolError:
            return None

    response: Response = render(request, graph.locked(entity_facts, iri, sources), lookup)
    response.headers.update(headers)
    return response


@router.get("/entity", responses={200: {"content": _ENTITY_CONTENT}, **_NOT_FOUND}, response_class=Response)
async def entity(
    request: Request,
    graph: GraphDep,
    sources: SourcesDep,
    iri: Annotated[str, Query(min_length=1, max_length=4000, examples=[EXAMPLE_IRI])],
) -> Response:
    """Any entity of the graph by IRI: HTML for browsers, JSON-LD, Turtle or N-Triples by ``Accept``."""
    if not is_iri(iri):
        raise ProtocolError(400, f"not an absolute IRI: {iri!r}")
    return await run_in_threadpool(_represent, request, graph, sources, iri)


async def dereference(
    request: Request,
    graph: GraphDep,
    sources: SourcesDep,
    settings: SettingsDep,
    rest: Annotated[str, Path(description="the rest of the IRI's path under the base")],
) -> Response:
    """An entity IRI under the configured base, dereferenced by its path."""
    raw = request.scope.get("raw_path") or request.url.path.encode()
    iri = iri_from_path(raw.decode("ascii", errors="replace"), settings.base_iri)
    return await run_in_threadpool(_represent, request, graph, sources, iri)


for _family in IRI_FAMILIES:
    router.add_api_route(
        f"/{_family}/{{rest:path}}",
        dereference,
        methods=["GET"],
        response_class=Response,
        responses={200: {"content": _ENTITY_CONTENT}, **_NOT_FOUND},
        summary=f"Dereference a {_family} IRI under the base",
        name=f"dereference_{_family}",
    )


@router.get("/api/entity", response_model=EntityFacts, responses=_NOT_FOUND)
def api_entity(
    graph: GraphDep,
    sources: SourcesDep,
    iri: Annotated[str, Query(min_length=1, max_length=4000, examples=[EXAMPLE_IRI])],
) -> Any:
    """The facts of a project (amounts, KPIs with parsed targets, legal basis, cited regulations,
    source lines), an agency (duties, budget units, projects, budget by functional classification)
    or a regulation (citing projects grouped by agency and year)."""
    if not is_iri(iri):
        raise ProtocolError(400, f"not an absolute IRI: {iri!r}")
    return graph.locked(entity_facts, iri, sources)


@router.get("/api/source/{doc}", response_model=SourceText, responses=_NOT_FOUND)
def api_source(
    doc: str,
    graph: GraphDep,
    sources: SourcesDep,
    first: Annotated[int, Query(alias="from", ge=1, description="first line (1-based)")] = 1,
    last: Annotated[int | None, Query(alias="to", ge=1, description="last line, inclusive")] = None,
) -> SourceText:
    """Lines ``from``..``to`` of an ingested source document (by file name)."""
    digest = graph.locked(_sha256_of, doc)
    if digest is None:
        raise ProtocolError(404, f"no ingested document named {doc!r}")
    lines = sources.lines(doc, digest)
    end = min(last or len(lines), len(lines))
    return SourceText(
        doc=doc,
        total_lines=len(lines),
        start=first,
        end=end,
        lines=[SourceLine(number=n, text=lines[n - 1]) for n in range(first, end + 1)],
    )


def _sha256_of(graph: Any, file_name: str) -> str | None:
    for document in graph.documents():
        if document.file_name == file_name:
            return str(document.sha256)
    return None
