"""``/sparql``: the SPARQL 1.1 Protocol endpoint (read-only), and its service description.

The route only wires steps that live elsewhere: read the request strictly
(:mod:`..sparql_protocol`), check and rewrite the query (:mod:`..sparql_prepare`), negotiate the
result format (:mod:`..negotiation`), and hand the job to the query runner (worker processes;
:mod:`..query_pool`). Errors are raised and mapped to HTTP codes in :mod:`..errors`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from budgetkg.search import Index

from ..deps import GraphDep, IndexDep, RunnerDep, SettingsDep
from ..errors import ProtocolError
from ..models import ErrorBody
from ..negotiation import GRAPH_FORMAT, GRAPH_TYPES, RESULT_FORMAT, SOLUTION_TYPES, choose
from ..query_runner import QueryJob
from ..service_description import service_description
from ..sparql_prepare import prepare
from ..sparql_protocol import FORM, SPARQL_QUERY, read_sparql_request
from ..text_query import Searcher

router = APIRouter(tags=["SPARQL"])

EXAMPLE_QUERY = (
    "PREFIX bkg: <http://budgetkg.example.org/ontology#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "SELECT ?project ?name WHERE { ?project a bkg:Project ; rdfs:label ?name } LIMIT 10"
)
TEXT_EXAMPLE = (
    "PREFIX text: <http://jena.apache.org/text#>\n"
    "PREFIX bkg: <http://budgetkg.example.org/ontology#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "SELECT ?project ?name ?regulation WHERE {\n"
    '  ?project text:query "维稳经费" ; a bkg:Project ; rdfs:label ?name .\n'
    "  OPTIONAL { ?project bkg:hasCitation/bkg:citedRegulation/rdfs:label ?regulation }\n}"
)
_RESULT_CONTENT = {media: {"schema": {"type": "string"}} for media in (*SOLUTION_TYPES[:4], *GRAPH_TYPES[:3])}
RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "results (SELECT/ASK) or RDF (CONSTRUCT/DESCRIBE) in the negotiated format",
        "content": _RESULT_CONTENT,
    },
    400: {"model": ErrorBody, "description": "malformed query, missing or repeated 'query', bad encoding"},
    403: {"model": ErrorBody, "description": "SPARQL Update, SERVICE or LOAD: the endpoint is read-only"},
    406: {"model": ErrorBody, "description": "no acceptable result format for this query form"},
    413: {"model": ErrorBody, "description": "request body too large"},
    415: {"model": ErrorBody, "description": "POST body neither form-encoded nor application/sparql-query"},
    503: {"model": ErrorBody, "description": "the query passed its time limit and was stopped"},
}


def searcher(index: Index) -> Searcher:
    """``text:query`` hits from the full-text index: (iri, score, label), best first."""

    def search(text: str, limit: int) -> list[tuple[str, float, str]]:
        hits: list[tuple[str, float, str]] = []
        page = 1
        while len(hits) < limit:
            result = index.search(text, page=page, page_size=min(1000, limit))
            hits += [(h.iri, h.score, h.label) for h in result.hits]
            if page >= result.pages:
                break
            page += 1
        return hits[:limit]

    return search


async def _answer(
    request: Request, graph: GraphDep, index: IndexDep, runner: RunnerDep, settings: SettingsDep
) -> Response:
    asked = await read_sparql_request(request)
    if asked.query is None:
        if request.method == "GET" and not asked.has_parameters:
            return await run_in_threadpool(_service_description, request, graph)
        raise ProtocolError(400, "missing 'query': send a SPARQL query as 'query=' or as the body")
    prepared = await run_in_threadpool(prepare, asked.query, searcher(index))
    offered: Sequence[str] = GRAPH_TYPES if prepared.returns_graph else SOLUTION_TYPES
    media = choose(request.headers.get("accept"), offered)
    if media is None:
        raise ProtocolError(
            406,
            f"cannot write a {prepared.form.upper()} result as any of the accepted "
            f"types; offered: {', '.join(offered)}",
        )
    fmt = GRAPH_FORMAT[media] if prepared.returns_graph else RESULT_FORMAT[media]
    job = QueryJob(
        prepared.text,
        fmt,
        settings.query_timeout_s,
        settings.result_cap,
        asked.default_graphs,
        asked.named_graphs,
    )
    output = await run_in_threadpool(runner.run, job)
    headers = {"Vary": "Accept"}
    if output.truncated:
        headers["BudgetKG-Result-Truncated"] = f"result cut at {settings.result_cap} rows"
    return Response(output.body, media_type=media, headers=headers)


def _service_description(request: Request, graph: GraphDep) -> Response:
    names = [str(d.iri) for d in graph.documents()]
    description = service_description(str(request.url_for("sparql_get")), names)
    media = choose(request.headers.get("accept"), GRAPH_TYPES) or "text/turtle"
    body = description.serialize(format=GRAPH_FORMAT[media], encoding="utf-8")
    return Response(body, media_type=media, headers={"Vary": "Accept"})


@router.get(
    "/sparql",
    name="sparql_get",
    responses=RESPONSES,
    summary="SPARQL 1.1 query (GET), or the service description without a query",
)
async def sparql_get(
    request: Request,
    graph: GraphDep,
    index: IndexDep,
    runner: RunnerDep,
    settings: SettingsDep,
    query: Annotated[
        str | None, Query(description="a SPARQL 1.1 query", examples=[EXAMPLE_QUERY, TEXT_EXAMPLE])
    ] = None,
    default_graph_uri: Annotated[
        list[str], Query(alias="default-graph-uri", description="default graph(s) of the dataset")
    ] = [],  # noqa: B006
    named_graph_uri: Annotated[
        list[str], Query(alias="named-graph-uri", description="named graphs of the dataset")
    ] = [],  # noqa: B006
) -> Response:
    """Run a read-only SPARQL query. The result format follows ``Accept``: SELECT/ASK as
    SPARQL JSON, XML, CSV or TSV; CONSTRUCT/DESCRIBE as Turtle, N-Triples or JSON-LD.
    ``?project text:query "维稳经费"`` (``text: <http://jena.apache.org/text#>``) joins full-text
    hits into the query. Without any parameter: the SPARQL 1.1 Service Description (Turtle)."""
    return await _answer(request, graph, index, runner, settings)


@router.post(
    "/sparql",
    responses=RESPONSES,
    summary="SPARQL 1.1 query (POST, form-encoded or application/sparql-query)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                FORM: {
                    "schema": {
                        "type": "object",
                        "required": ["query"],
                        "properties": {
                            "query": {"type": "string", "example": EXAMPLE_QUERY},
                            "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                            "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                        },
                    }
                },
                SPARQL_QUERY: {"schema": {"type": "string", "example": EXAMPLE_QUERY}},
            },
        }
    },
)
async def sparql_post(
    request: Request, graph: GraphDep, index: IndexDep, runner: RunnerDep, settings: SettingsDep
) -> Response:
    """Run a read-only SPARQL query sent in the body (see GET /sparql)."""
    return await _answer(request, graph, index, runner, settings)
